"""The real bot over HTTP against the local Bot API: languages, menu, bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.clock import FakeClock
from tests.support import ADMIN_ID, Harness, buttons, eventually, find_button, start_jol


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
    done, countries = await jol.tap(aigerim, picker, "Қазақша", count=2)
    assert "қазақша сөйлесемін" in done.text
    # The first time, the country is asked next, named in the chosen language.
    assert "Қай елде тұрасыз?" in countries.text
    (country_set,) = await jol.tap(aigerim, countries, "Қазақстан")
    assert "Қазақстан бойынша" in country_set.text
    (menu,) = await jol.say(aigerim, "/menu")
    assert "Не істегіңіз келеді?" in menu.text
    user = await jol.services.users.get(103)
    assert user.language == "kk" and user.language_chosen and user.country == "kz"
    # Changing the language later does not ask the country again.
    (picker,) = await jol.say(aigerim, "/language")
    (done,) = await jol.tap(aigerim, picker, "Русский")
    assert "по-русски" in done.text and buttons(done)
    (settings_text,) = await jol.say(aigerim, "/settings")
    assert "Казахстан" in settings_text.text and "Русский" in settings_text.text


async def test_no_country_chosen_gets_the_default_and_one_tap_to_change(
    tmp_path: Path, clock: FakeClock
) -> None:
    async with start_jol(tmp_path, clock, default_country="lv") as jol:
        person = jol.person(120, "Ilze", "en")
        await jol.say(person, "/start", count=2)
        (settings_text,) = await jol.say(person, "/settings")
        assert "Country: Latvia" in settings_text.text
        (picker,) = await jol.tap(person, settings_text, "Change the country")
        (done,) = await jol.tap(person, picker, "Another country")
        assert "only for Lithuania, Latvia and Kazakhstan" in done.text
        (mydata,) = await jol.say(person, "/mydata")
        assert "Country: another country" in mydata.text


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
    # Organizer commands only in the organizers' own chats; the public menu has none.
    public = " ".join(str(v) for k, v in commands.items() if "chat_id" not in str(k))
    assert "newevent" not in public and "broadcast" not in public
    mine = " ".join(str(v) for k, v in commands.items() if str(ADMIN_ID) in str(k))
    assert all(name in mine for name in ("newevent", "checkin", "broadcast", "reload", "topics"))


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


async def test_a_person_in_kazakhstan_gets_kazakh_law(jol: Harness) -> None:
    person = jol.person(130, "Ерлан", "ru")
    _, picker = await jol.say(person, "/start", count=2)
    _, countries = await jol.tap(person, picker, "Русский", count=2)
    await jol.tap(person, countries, "Казахстан")
    (answer,) = await jol.say(person, "работодатель не платит зарплату")
    assert "Казахстане" in answer.text and "Литв" not in answer.text
    assert "gov.kz" in answer.text  # the official source of Kazakhstan's rule
    # A question that names another country is answered from that country, and says so.
    note, other = await jol.say(person, "какая минимальная зарплата в Латвии", count=2)
    assert "Латвия" in note.text and "Латвии" in other.text
    # A button under the answer keeps its country.
    feedback = [b for b in buttons(other) if b.get("callback_data", "").startswith("fq:v1:up:")]
    assert feedback and feedback[0]["callback_data"].startswith("fq:v1:up:lv:")


async def test_changing_country_keeps_registrations(jol: Harness) -> None:
    from datetime import timedelta

    from registry import EventDraft, EventText

    services = jol.services
    event = await services.registry.create(
        EventDraft(
            texts={"en": EventText("en", "Round table in Vilnius")},
            start_at=services.clock.now() + timedelta(days=3),
            timezone="Europe/Vilnius",
            online_url="https://zoom.us/j/1",
        )
    )
    await services.registry.publish(event.id)
    person = jol.person(131, "Dana", "en")
    _, picker = await jol.say(person, "/start", count=2)
    _, countries = await jol.tap(person, picker, "English", count=2)
    await jol.tap(person, countries, "Lithuania")
    await services.users.set_consented(131, services.clock.now())
    await services.registry.register(event.id, 131, mode="online", name="Dana", language="en")
    (settings_text,) = await jol.say(person, "/settings")
    (picker,) = await jol.tap(person, settings_text, "Change the country")
    (done,) = await jol.tap(person, picker, "Latvia")
    assert "Latvia" in done.text
    (mine,) = await jol.say(person, "/my")
    assert "Round table in Vilnius" in mine.text
    (answer,) = await jol.say(person, "employer does not pay my salary")
    assert "Latvia" in answer.text and "Lithuania" not in answer.text


async def test_the_people_who_wrote_are_not_kept_in_memory(jol: Harness) -> None:
    # PTB would mark each one for a persistence Jol does not have, in sets that only
    # grow (bot.application).
    for user_id in (5_001, 5_002, 5_003):
        await jol.say(jol.person(user_id, "Ann", "en"), "/start", count=2)
    assert type(jol.app).__name__ == "JolApplication"
    assert jol.app._user_ids_to_be_updated_in_persistence == set()
    assert jol.app._chat_ids_to_be_updated_in_persistence == set()
