"""A restart in the middle of a form loses nothing: the state is in the database.

Each test starts the real bot, walks a person into the middle of a flow, stops
the bot (the process is gone, only the database file stays), starts a new bot
on the same file and goes on where the person left off.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from core.clock import FakeClock
from registry import EventDraft, EventText
from tests.support import ADMIN_ID, Harness, buttons, start_jol


async def test_restart_in_the_middle_of_newevent(tmp_path: Path, clock: FakeClock) -> None:
    async with start_jol(tmp_path, clock) as jol:
        admin = jol.person(ADMIN_ID, "Организатор", "ru")
        await jol.say(admin, "/newevent", count=2)
        (question,) = await jol.say(admin, "Круглый стол о правах мигрантов")
        (question,) = await jol.tap(admin, question, "Пропустить")  # description
        (question,) = await jol.tap(admin, question, "Дальше")  # the languages
        (question,) = await jol.tap(admin, question, "Asia/Almaty")
        assert "Asia/Almaty" in question.text
    async with start_jol(tmp_path, clock) as jol:
        admin = jol.person(ADMIN_ID, "Организатор", "ru")
        # The new process knows the question it asked before: the start time.
        (question,) = await jol.say(admin, "25.12.2026 17:00")
        assert "минут" in question.text  # the duration comes next
        (question,) = await jol.tap(admin, question, "Пропустить")
        (question,) = await jol.tap(admin, question, "Пропустить")  # no venue: online only
        (question,) = await jol.tap(admin, question, "Пропустить")  # no zoom id
        (question,) = await jol.say(admin, "https://zoom.us/j/81234567890")
        for _ in range(3):  # livestream, deadline, contact
            (question,) = await jol.tap(admin, question, "Пропустить")
        assert "Круглый стол о правах мигрантов" in question.text
        assert "25.12.2026 17:00 (по времени Алматы)" in question.text


async def test_restart_in_the_middle_of_a_registration(tmp_path: Path, clock: FakeClock) -> None:
    async with start_jol(tmp_path, clock) as jol:
        event = await _published_event(jol, phone_required=True)
        guest = jol.person(501, "Aigerim", "en")
        (card,) = await jol.say(guest, f"/start event-{event}")
        (consent,) = await jol.tap(guest, card, "Take a seat")
        (name_question,) = await jol.tap(guest, consent, "✅")
        (phone_question,) = await jol.say(guest, "Aigerim Nurlanovna")
        assert "phone" in phone_question.text
    async with start_jol(tmp_path, clock) as jol:
        guest = jol.person(501, "Aigerim", "en")
        confirmation, ics = await jol.say(guest, "+7 777 123 45 67", count=2)
        assert "You have a seat" in confirmation.text and ics.document is not None
        door = await jol.services.registry.door_list(event)
        assert [(r.name, r.phone) for r in door] == [("Aigerim Nurlanovna", "+77771234567")]


async def test_restart_in_the_middle_of_a_broadcast_draft(tmp_path: Path, clock: FakeClock) -> None:
    async with start_jol(tmp_path, clock) as jol:
        admin = jol.person(ADMIN_ID, "Organizer", "en")
        await jol.say(admin, "/start", count=2)
        await jol.say(jol.person(700_001, "Асель", "ru"), "/start", count=2)
        (picker,) = await jol.say(admin, "/broadcast")
        (topic,) = await jol.tap(admin, picker, "Everyone")
        (summary,) = await jol.tap(admin, topic, "News")
        (ask,) = await jol.tap(admin, summary, "One text per language")
        copy, ask = await jol.say(admin, "Встреча в пятницу", count=2)  # ru first
        assert "Встреча" in copy.text and "English" in ask.text
    async with start_jol(tmp_path, clock) as jol:
        # A new local Bot API knows no chats yet: the reader says hello first.
        await jol.say(jol.person(700_001, "Асель", "ru"), "/start")
        admin = jol.person(ADMIN_ID, "Organizer", "en")
        copy, preview = await jol.say(admin, "Meeting on Friday", count=2)
        assert "Meeting on Friday" in copy.text
        assert "Send" in str(buttons(preview))
        jol.sim.mark(700_001)
        await jol.tap(admin, preview, "Send")
        (received,) = await jol.sim.wait_for(700_001)
        assert received.text == "Встреча в пятницу"


async def test_cancel_leaves_the_phone_prompt_and_its_keyboard(
    tmp_path: Path, clock: FakeClock
) -> None:
    async with start_jol(tmp_path, clock) as jol:
        event = await _published_event(jol, phone_required=True)
        guest = jol.person(502, "Timur", "ru")
        (card,) = await jol.say(guest, f"/start event-{event}")
        (consent,) = await jol.tap(guest, card, "Занять место")
        (name_question,) = await jol.tap(guest, consent, "✅")
        assert "Отмена" in str(buttons(name_question))
        (phone_question,) = await jol.say(guest, "Тимур")
        keyboard = phone_question.reply_markup or {}
        assert any("Отмена" in b["text"] for row in keyboard["keyboard"] for b in row)
        assert "+7 7XX XXX XX XX" in phone_question.text  # the format where the event is
        # A wrong number keeps the question; /cancel leaves it and removes the keyboard.
        (again,) = await jol.say(guest, "123")
        assert "номер" in again.text
        left, menu = await jol.say(guest, "/cancel", count=2)
        assert left.reply_markup == {"remove_keyboard": True}
        assert "Регистрация отменена" in left.text and buttons(menu)
        # What the person types now is a question for the knowledge base, not a phone.
        (answer,) = await jol.say(guest, "+37060000000")
        assert answer.text != jol.services.t("ru", "event-bad-phone", example="+7 7XX XXX XX XX")
        (nothing, _menu) = await jol.say(guest, "/cancel", count=2)
        assert "Отменять нечего" in nothing.text
        assert await jol.services.registry.door_list(event) == []


async def _published_event(jol: Harness, *, phone_required: bool) -> int:
    services = jol.services
    draft = EventDraft(
        texts={
            "en": EventText("en", "Round table"),
            "ru": EventText("ru", "Круглый стол"),
        },
        start_at=services.clock.now() + timedelta(days=5),
        timezone="Asia/Almaty",
        venue_name="Hall",
        venue_address="Abay 1",
        capacity=10,
        phone_required=phone_required,
        online_url="https://zoom.us/j/1",
    )
    event = await services.registry.create(draft, created_by=ADMIN_ID)
    await services.registry.publish(event.id)
    return int(event.id)
