"""Broadcasts end to end: the real PTB Application over HTTP against the local Bot API."""

from __future__ import annotations

import asyncio

from registry import Mode
from scheduler.broadcasts import Audience, Broadcasts, Content, EmptyBroadcast
from scheduler.outbox import Outbox
from tests.events.helpers import draft
from tests.support import ADMIN_ID, Harness, buttons, eventually

MARK = {"ru": "Собрание в субботу", "kk": "Сенбіде жиналыс", "en": "Meeting on Saturday"}


async def _join(jol: Harness, people: list[tuple[int, str]]) -> None:
    """Everyone writes /start once, so the bot knows them and their private chat exists."""
    for uid, lang in people:
        jol.person(uid, f"P{uid}", lang)
        jol.sim.mark(uid)
    await asyncio.gather(*(jol.sim.send_text(uid, "/start") for uid, _ in people))
    await asyncio.gather(*(jol.sim.wait_for(uid, count=2, timeout=20) for uid, _ in people))


async def test_per_language_broadcast_reaches_everyone_once(jol: Harness) -> None:
    langs = ["ru", "kk", "en"]
    people = [(5000 + i, langs[i % 3]) for i in range(50)]
    await _join(jol, people)
    admin = jol.person(ADMIN_ID, "Organizer", "en")
    await jol.say(admin, "/start", count=2)

    (picker,) = await jol.say(admin, "/broadcast")
    assert "Who should get it?" in picker.text
    (topic,) = await jol.tap(admin, picker, "Everyone (51)")
    assert "What is this announcement about?" in topic.plain
    (summary,) = await jol.tap(admin, topic, "News")
    assert "51 people in this audience" in summary.plain and "Қазақша: 17" in summary.plain
    (ask_ru,) = await jol.tap(admin, summary, "One text per language")
    # Skipping is honest: Russian readers would get the English version, or nothing.
    assert "Русский" in ask_ru.plain and "17 readers" in ask_ru.plain
    assert "the version in English, if you send one, or nothing" in ask_ru.plain
    texts = {lang: f"{MARK[lang]} & <b>не жирный</b>" for lang in langs}
    preview, ask_kk = await jol.say(admin, texts["ru"], count=2)
    # The organizer's text arrives as plain text: markup characters stay visible, escaped.
    assert preview.plain == texts["ru"]
    assert "Қазақша" in ask_kk.plain
    _, ask_en = await jol.say(admin, texts["kk"], count=2)
    assert "English" in ask_en.plain
    preview_en, plan = await jol.say(admin, texts["en"], count=2)
    assert preview_en.plain == texts["en"]
    # One number: the people who will get a copy, in the summary and in the question.
    assert "51 people will get this broadcast" in plan.plain
    assert "Send it to 51 people?" in plan.plain

    (progress,) = await jol.tap(admin, plan, "Send")
    assert "is being sent" in progress.plain
    assert any("Stop" in b["text"] for b in buttons(progress))
    (report,) = await jol.sim.wait_for(ADMIN_ID, lambda m: "is finished" in m.plain, timeout=30)
    assert "Sent: 51" in report.plain and "Failed: 0" in report.plain
    assert not buttons(report)

    for uid, lang in people:
        got = [m for m in jol.sim.bot_messages(uid) if any(v in m.plain for v in MARK.values())]
        assert [m.plain for m in got] == [texts[lang]], uid
        assert "🔕" in str(buttons(got[0])), uid  # one tap stops the news
    assert jol.sim.stats.sent[ADMIN_ID] >= 1


async def test_broadcast_is_for_organizers_only(jol: Harness) -> None:
    someone = jol.person(777, "Someone", "en")
    await jol.say(someone, "/start", count=2)
    (refusal,) = await jol.say(someone, "/broadcast")
    assert "only the organizers" in refusal.text
    (refusal,) = await jol.say(someone, "/outbox")
    assert "only the organizers" in refusal.text
    # A forged button press does not start anything either.
    (menu,) = await jol.say(someone, "/menu")
    await jol.tap(someone, menu, data="bc:v1:go", count=0)
    answer = await eventually(lambda: list(jol.sim.callback_answers.values()))
    assert "only the organizers" in answer[-1]["text"]
    assert (await jol.services.outbox.stats()).counts == {}


async def test_empty_broadcast_is_refused(jol: Harness) -> None:
    admin = jol.person(ADMIN_ID, "Organizer", "en")
    await jol.say(admin, "/start", count=2)
    await jol.say(jol.person(700_100, "Айжан", "ru"), "/start", count=2)
    (picker,) = await jol.say(admin, "/broadcast")
    (topic,) = await jol.tap(admin, picker, "Everyone")
    (summary,) = await jol.tap(admin, topic, "News")
    (ask,) = await jol.tap(admin, summary, "One text for all")
    jol.sim.mark(ADMIN_ID)
    await jol.sim.send_contact(admin, "+37060000000")
    (refused,) = await jol.sim.wait_for(ADMIN_ID)
    assert "empty broadcast" in refused.text
    # Skipping every language is refused too.
    (picker,) = await jol.say(admin, "/broadcast")
    (topic,) = await jol.tap(admin, picker, "Everyone")
    (summary,) = await jol.tap(admin, topic, "News")
    (ask,) = await jol.tap(admin, summary, "One text per language")
    (ask_next,) = await jol.tap(admin, ask, "Skip")
    (nothing,) = await jol.tap(admin, ask_next, "Skip")
    assert "nothing to send" in nothing.text
    assert (await jol.services.outbox.stats()).counts == {}


async def test_one_language_audience_is_not_asked_for_versions(jol: Harness) -> None:
    admin = jol.person(ADMIN_ID, "Organizer", "en")
    await jol.say(admin, "/start", count=2)
    await jol.say(jol.person(700_100, "Айжан", "ru"), "/start", count=2)
    (picker,) = await jol.say(admin, "/broadcast")
    (topic,) = await jol.tap(admin, picker, "Русский")
    summary, ask = await jol.tap(admin, topic, "Events in my country", count=2)
    assert "1 person in this audience" in summary.plain
    assert "Send me the message" in ask.text and "Skip" not in str(ask.reply_markup)


async def test_empty_content_is_refused_by_the_domain(jol: Harness) -> None:
    broadcasts: Broadcasts = jol.services.broadcasts
    try:
        await broadcasts.start(
            created_by=ADMIN_ID, audience=Audience("all"), contents={"*": Content("  ")}
        )
    except EmptyBroadcast:
        pass
    else:
        raise AssertionError("an empty broadcast was accepted")


async def test_outbox_report_for_organizers(jol: Harness) -> None:
    admin = jol.person(ADMIN_ID, "Organizer", "en")
    await jol.say(admin, "/start", count=2)
    outbox: Outbox = jol.services.outbox
    await outbox.schedule(key="x", chat_id=ADMIN_ID, due=jol.clock.now(), text="<b>broken")
    await eventually(lambda: _settled(outbox, "x"), timeout=5)
    (report,) = await jol.say(admin, "/outbox")
    assert "Failed: 1" in report.plain and "can't parse entities" in report.plain.lower()


async def _settled(outbox: Outbox, key: str) -> bool:
    return await outbox.status_of(key) not in ("pending", "sending")


async def test_broadcast_to_one_events_registrants(jol: Harness) -> None:

    registry = jol.services.registry
    event = await registry.create(draft(jol.clock, capacity=2), created_by=ADMIN_ID)
    await registry.publish(event.id)
    people = [(6001, "ru"), (6002, "kk"), (6003, "en"), (6004, "en")]
    await _join(jol, people)
    for uid, lang in people[:3]:
        await registry.register(event.id, uid, mode=Mode.OFFLINE, name=f"P{uid}", language=lang)
    admin = jol.person(ADMIN_ID, "Organizer", "en")
    await jol.say(admin, "/start", count=2)

    (picker,) = await jol.say(admin, "/broadcast")
    # Named in words; the event's own people are asked no topic (it is about their event).
    assert "⏳ Waiting list: Round table" in str(buttons(picker))
    (summary,) = await jol.tap(admin, picker, "👥 Registered: Round table")
    assert "<b>2</b>" in summary.text  # two seats taken; the third person waits
    (ask,) = await jol.tap(admin, summary, "One text for all")
    _, plan = await jol.say(admin, "The room has changed: hall B", count=2)
    (progress,) = await jol.tap(admin, plan, "Send")
    await jol.sim.wait_for(ADMIN_ID, lambda m: "is finished" in m.plain, timeout=30)
    got = {uid: [m for m in jol.sim.bot_messages(uid) if "hall B" in m.plain] for uid, _ in people}
    assert [len(got[uid]) for uid, _ in people] == [1, 1, 0, 0]


async def test_people_choose_their_announcements(jol: Harness) -> None:
    """One tap under a broadcast stops that kind; the next one of that kind skips them."""
    people = [(6101, "ru"), (6102, "lt"), (6103, "ru")]
    await _join(jol, people)
    admin = jol.person(ADMIN_ID, "Organizer", "en")
    await jol.say(admin, "/start", count=2)

    async def send_news(text: str, expected: int) -> None:
        (picker,) = await jol.say(admin, "/broadcast")
        (topic,) = await jol.tap(admin, picker, "Everyone")
        (summary,) = await jol.tap(admin, topic, "News")
        if "One text for all" in str(buttons(summary)):
            (ask,) = await jol.tap(admin, summary, "One text for all")
        _, plan = await jol.say(admin, text, count=2)
        assert f"Send it to {expected} " in plan.plain
        await jol.tap(admin, plan, "Send")
        await jol.sim.wait_for(ADMIN_ID, lambda m: "is finished" in m.plain, timeout=30)

    await send_news("News one", 4)  # three people and the organizer
    olga = jol.person(6101, "P6101", "ru")
    (news,) = [m for m in jol.sim.bot_messages(olga.id) if "News one" in m.plain]
    (stopped,) = await jol.tap(olga, news, "Не присылать новости")
    assert "больше не будет" in stopped.text
    lina = jol.person(6102, "P6102", "lt")
    (news_lt,) = [m for m in jol.sim.bot_messages(lina.id) if "News one" in m.plain]
    (stopped_lt,) = await jol.tap(lina, news_lt, "Nebesiųsti naujienų")
    (undone,) = await jol.tap(lina, stopped_lt, "Atšaukti")  # changed her mind
    assert "vėl gausite" in undone.text
    await send_news("News two", 3)
    assert not [m for m in jol.sim.bot_messages(olga.id) if "News two" in m.plain]
    assert [m for m in jol.sim.bot_messages(lina.id) if "News two" in m.plain]
    # /mydata shows the choice; the list in /settings changes it back in one tap.
    (mydata,) = await jol.say(olga, "/mydata")
    assert "Новости: выключено" in mydata.plain
    (listing,) = await jol.say(olga, "/announcements")
    await jol.tap(olga, listing, "🔕 📰 Новости", count=0)

    async def news_on() -> bool:
        return (await jol.services.subscriptions.choices(olga.id))["news"]

    assert await eventually(news_on)


async def test_a_russian_organizer_reads_correct_plurals_and_one_number(jol: Harness) -> None:
    """#12 item 10 in Russian: 4 человека, the same number in the summary and the question,
    and a skipped Kazakh version honestly falls back to the Russian one."""
    await _join(jol, [(6201, "ru"), (6202, "ru"), (6203, "kk")])
    admin = jol.person(ADMIN_ID, "Организатор", "ru")
    await jol.say(admin, "/start", count=2)
    (picker,) = await jol.say(admin, "/broadcast")
    (topic,) = await jol.tap(admin, picker, "Всем (4)")
    (summary,) = await jol.tap(admin, topic, "Новости")
    assert "В этой аудитории 4 человека" in summary.plain
    (ask,) = await jol.tap(admin, summary, "Текст на каждом языке")
    plan = None
    for _ in range(4):
        if "Русский" in ask.plain.split("(")[0]:
            assert "3 читателя" in ask.plain  # two people and the organizer
            replies = await jol.say(admin, "Собрание в субботу", count=2)
        else:
            assert "Если пропустить, они получат вариант на языке Русский" in ask.plain
            replies = [*await jol.tap(admin, ask, "Пропустить")]
        ask = replies[-1]
        if "Отправить" in ask.plain and "?" in ask.plain:
            plan = ask
            break
    assert plan is not None
    assert "Рассылку получат 4 человека" in plan.plain and "Отправить 4 людям?" in plan.plain
    assert "Қазақша (1): получат вариант на языке Русский" in plan.plain
    (progress,) = await jol.tap(admin, plan, "Отправить")
    await jol.sim.wait_for(ADMIN_ID, lambda m: "завершена" in m.plain, timeout=30)
    kk_copy = [m for m in jol.sim.bot_messages(6203) if "Собрание в субботу" in m.plain]
    assert len(kk_copy) == 1
