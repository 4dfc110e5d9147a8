"""The real bot over HTTP against the local Bot API: languages, menu, bad input."""

from __future__ import annotations

import pytest

from tests.support import Harness, buttons, eventually, find_button


async def test_start_in_the_users_language_with_picker(jol: Harness) -> None:
    timur = jol.person(101, "Timur", "ru")
    greeting, picker = await jol.say(timur, "/start", count=2)
    assert "Здравствуйте, Timur" in greeting.text
    labels = [b["text"] for b in buttons(greeting)]
    assert "❓ Задать вопрос" in labels and "🔒 Приватность" in labels
    assert [b["text"] for b in buttons(picker)] == ["Русский", "Қазақша", "Lietuvių", "English"]


async def test_second_start_has_no_picker(jol: Harness) -> None:
    ruta = jol.person(102, "Rūta", "lt")
    await jol.say(ruta, "/start", count=2)
    (again,) = await jol.say(ruta, "/start")
    assert "Sveiki sugrįžę, Rūta" in again.text


async def test_language_change_is_saved(jol: Harness) -> None:
    aigerim = jol.person(103, "Aigerim", "en")
    _, picker = await jol.say(aigerim, "/start", count=2)
    (done,) = await jol.tap(aigerim, picker, "Қазақша")
    assert "қазақша сөйлесемін" in done.text
    (menu,) = await jol.say(aigerim, "/menu")
    assert "Не істегіңіз келеді?" in menu.text
    user = await jol.services.users.get(103)
    assert user.language == "kk" and user.language_chosen


@pytest.mark.parametrize(
    ("code", "expected"),
    [("kk-KZ", "Сәлеметсіз бе"), ("pt-BR", "Hello"), ("uz", "Здравствуйте")],
)
async def test_language_codes_map_sensibly(jol: Harness, code: str, expected: str) -> None:
    person = jol.person(110, "Ali", code)
    greeting, _ = await jol.say(person, "/start", count=2)
    assert expected in greeting.text


async def test_commands_registered_per_language(jol: Harness) -> None:
    commands = jol.sim.commands
    scopes = {str(key) for key in commands}
    assert any("kk" in s for s in scopes) and any("lt" in s for s in scopes)
    text = str(commands)
    assert "Басты мәзір" in text and "Pagrindinis meniu" in text


async def test_unknown_command_gets_help(jol: Harness) -> None:
    person = jol.person(104, "Ann", "en")
    unknown, help_text = await jol.say(person, "/frobnicate", count=2)
    assert "do not know this command" in unknown.text
    assert "/topics" in help_text.text


async def test_long_message_gets_an_answer(jol: Harness) -> None:
    person = jol.person(105, "Ann", "en")
    replies = await jol.say(person, "word " * 1000)
    assert replies and replies[0].text


async def test_forged_button_is_expired_not_an_exception(jol: Harness) -> None:
    person = jol.person(106, "Ann", "en")
    greeting, _ = await jol.say(person, "/start", count=2)
    for forged in ("zz:v1:boom:1", "not-ours", "lang:v1:de"):
        query_id = await jol.sim.press_button(person, greeting.message_id, forged)
        answer = await eventually(lambda q=query_id: jol.sim.callback_answers.get(q))
        assert "expired" in (answer.get("text") or "")


async def test_channel_post_is_ignored(jol: Harness) -> None:
    await jol.sim.send_channel_post(-1001, "/start")
    person = jol.person(107, "Ann", "en")
    await jol.say(person, "/help")  # the bot is alive and answered nothing to the channel
    assert jol.sim.bot_messages(-1001) == []


async def test_group_answers_only_commands_addressed_to_it(jol: Harness) -> None:
    group = jol.sim.group(-2001, "Community")
    person = jol.person(108, "Ann", "en")
    await jol.sim.send_text(person, "hello everyone", chat_id=group.id)
    await jol.sim.send_text(person, "/start@some_other_bot", chat_id=group.id)
    jol.sim.mark(group.id)
    await jol.sim.send_text(person, "/start@jol_test_bot", chat_id=group.id)
    (reply,) = await jol.sim.wait_for(group.id)
    assert "private chat" in reply.text and "t.me/jol_test_bot" in reply.text
    assert len(jol.sim.bot_messages(group.id)) == 1


async def test_blocked_user_is_marked(jol: Harness) -> None:
    person = jol.person(109, "Ann", "en")
    await jol.say(person, "/start", count=2)
    jol.sim.block(person.id)
    await jol.sim.send_text(person, "/help")
    await eventually(lambda: jol.services.users.is_blocked(person.id))


async def test_error_handler_apologises_and_keeps_polling(jol: Harness) -> None:
    person = jol.person(111, "Ann", "en")
    await jol.say(person, "/start", count=2)
    jol.sim.inject("sendMessage", status=400, description="Bad Request: boom", count=1)
    (apology,) = await jol.say(person, "/help")
    assert "something went wrong" in apology.text
    (menu,) = await jol.say(person, "/menu")
    assert "What would you like to do?" in menu.text


async def test_privacy_and_forget(jol: Harness) -> None:
    person = jol.person(112, "Ann", "en")
    await jol.say(person, "/start", count=2)
    (data,) = await jol.say(person, "/mydata")
    assert "Telegram id: 112" in data.text
    (confirm,) = await jol.say(person, "/forget")
    (done,) = await jol.tap(person, confirm, "Yes, erase")
    assert "erased" in done.text
    assert await jol.services.users.get(112) is None


async def test_menu_items_not_built_say_so(jol: Harness) -> None:
    person = jol.person(113, "Ann", "en")
    greeting, _ = await jol.say(person, "/start", count=2)
    data = find_button(greeting, "Ask a question")
    (prompt,) = await jol.tap(person, greeting, data=data)
    assert "Type your question" in prompt.text
