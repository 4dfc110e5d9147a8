"""A person's flows of issue 12 walked again in two languages each, through the local Bot
API, where the first walks had one language or none: consent after /forget (item 3), a
first contact after /forget (14), /cancel with nothing open (13), the retention period as
set (19), /menu and /start leaving the phone prompt (2), the organizer's notice in the
organizer's language (4), dates without nested brackets (18), the calendar file (25)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from core.clock import FakeClock
from tests.events.test_flows import publish, register
from tests.support import ADMIN_ID, Harness, buttons, start_jol

SEAT_AND_AGREE = {"en": ("Take a seat", "I agree"), "ru": ("Занять место", "Согласен")}


@pytest.mark.parametrize("lang", ["en", "ru"])
async def test_an_old_name_button_after_forget_asks_for_consent_again(
    jol: Harness, lang: str
) -> None:
    """Item 3: the "Register as …" button of a name question answered before /forget."""
    event_id = await publish(jol)
    other = await publish(jol)
    person = jol.person(4001, "Ann", lang)
    seat, agree = SEAT_AND_AGREE[lang]
    await register(jol, person, event_id, seat, agree)
    (card,) = await jol.say(person, f"/start event-{other}")
    (consent,) = await jol.tap(person, card, seat)  # consented before: the name question
    name_question = consent
    assert "Ann" in str(buttons(name_question))
    (confirm,) = await jol.say(person, "/forget")
    await jol.tap(person, confirm, jol.services.t(lang, "privacy-forget-yes"))
    (asked,) = await jol.tap(person, name_question, "Ann")
    assert jol.services.t(lang, "event-button-consent") in str(buttons(asked))
    assert await jol.services.registry.registration_of(other, person.id) is None
    user = await jol.services.users.get(person.id)
    assert user is None or user.consented_at is None


@pytest.mark.parametrize(("lang", "greeting"), [("kk", "Сәлеметсіз бе"), ("en", "Hello")])
async def test_after_forget_the_next_contact_is_a_first_contact(
    jol: Harness, lang: str, greeting: str
) -> None:
    """Item 14: /mydata keeps nothing new, and /start greets and asks the language again."""
    person = jol.person(4011, "Aigerim", lang)
    await jol.say(person, "/start", count=2)
    (confirm,) = await jol.say(person, "/forget")
    await jol.tap(person, confirm, jol.services.t(lang, "privacy-forget-yes"))
    (mydata,) = await jol.say(person, "/mydata")
    assert mydata.plain == jol.services.t(lang, "privacy-mydata-none")
    assert await jol.services.users.get(person.id) is None  # /mydata made no record
    hello, picker = await jol.say(person, "/start", count=2)
    assert greeting in hello.plain
    assert jol.services.t(lang, "start-greeting-again", name="Aigerim") not in hello.plain
    assert "Русский" in str(buttons(picker)) and "English" in str(buttons(picker))


@pytest.mark.parametrize("lang", ["en", "kk"])
async def test_cancel_with_nothing_open_says_so(jol: Harness, lang: str) -> None:
    """Item 13: not "I do not know this command" and the whole help."""
    person = jol.person(4021, "Ann", lang)
    await jol.say(person, "/start", count=2)
    nothing, menu = await jol.say(person, "/cancel", count=2)
    assert nothing.plain == jol.services.t(lang, "conversation-nothing-to-cancel")
    assert buttons(menu)
    assert not [m for m in jol.sim.bot_messages(person.id) if "/topics" in m.plain]


@pytest.mark.parametrize(
    ("lang", "thirty"),
    [("en", "30 days after the event"), ("ru", "через 30 дней после мероприятия")],
)
async def test_the_privacy_summary_names_the_retention_set(
    tmp_path: Path, clock: FakeClock, lang: str, thirty: str
) -> None:
    """Item 19: DATA_RETENTION_DAYS, for unanswered questions and for registrations."""
    async with start_jol(tmp_path, clock, data_retention_days=30) as jol:
        person = jol.person(4031, "Ann", lang)
        await jol.say(person, "/start", count=2)
        (summary,) = await jol.say(person, "/privacy")
        assert thirty in summary.plain and "90" not in summary.plain
        assert summary.plain.count("30") == 2  # the questions, the registrations


@pytest.mark.parametrize(
    ("lang", "command", "seat", "agree", "name"),
    [("kk", "/menu", "🪑", "✅", "Aigerim"), ("en", "/start", "Take a seat", "I agree", "Ann")],
)
async def test_menu_and_start_leave_the_phone_prompt_and_its_keyboard(
    jol: Harness, lang: str, command: str, seat: str, agree: str, name: str
) -> None:
    """Item 2: /menu and /start leave the question quietly; the share-phone keyboard goes."""
    event_id = await publish(jol, phone_required=True)
    person = jol.person(4041, name, lang)
    (card,) = await jol.say(person, f"/start event-{event_id}")
    (consent,) = await jol.tap(person, card, seat)
    (name_question,) = await jol.tap(person, consent, agree)
    (phone,) = await jol.tap(person, name_question, name)
    keyboard = phone.reply_markup or {}
    labels = [b["text"] for row in keyboard.get("keyboard", []) for b in row]
    assert any("✖️" in text or "Cancel" in text or "Бас тарту" in text for text in labels)
    replies = await jol.say(person, command, count=2)
    assert any(r.reply_markup == {"remove_keyboard": True} for r in replies)
    assert await jol.services.conversations.current(person.id) is None
    (answer,) = await jol.say(person, "+37061234567")  # no longer taken as the phone
    # What digits typed outside any question get: not searched, not kept.
    assert answer.plain == jol.services.t(lang, "faq-numbers-only")
    assert await jol.services.registry.registration_of(event_id, person.id) is None


async def test_the_notice_to_an_organizer_is_in_the_organizers_language(
    tmp_path: Path, clock: FakeClock
) -> None:
    """Item 4: no staff group; the organizer reads Russian, the person Kazakh."""
    async with start_jol(tmp_path, clock, help_contact="") as jol:
        admin = jol.person(ADMIN_ID, "Организатор", "ru")
        await jol.say(admin, "/start", count=2)
        aigerim = jol.person(4051, "Aigerim", "kk")
        await jol.say(aigerim, "/start", count=2)
        jol.sim.mark(ADMIN_ID)
        (reply,) = await jol.say(aigerim, "/human")
        assert reply.plain == jol.services.t("kk", "human-notified")
        (notice,) = await jol.sim.wait_for(ADMIN_ID, timeout=10)
        assert "Человек просит связаться" in notice.plain and "Қазақша" in notice.plain


@pytest.mark.parametrize(
    ("lang", "seat", "agree"),
    [("ru", "Занять место", "Согласен"), ("en", "Take a seat", "I agree")],
)
async def test_dates_have_no_nested_brackets_and_the_calendar_file_is_named(
    jol: Harness, lang: str, seat: str, agree: str
) -> None:
    """Items 18 and 25: '04.12.2026 14:00 (Vilnius time)' without brackets inside brackets;
    the .ics is named after the event, carries an alarm, and a cancellation takes it out."""
    event_id = await publish(jol)
    person = jol.person(4061, "Ann", lang)
    (card,) = await jol.say(person, f"/start event-{event_id}")
    (consent,) = await jol.tap(person, card, seat)
    (name,) = await jol.tap(person, consent, agree)
    confirmation, ics = await jol.tap(person, name, "Ann", count=2)
    seen: list[Any] = [card, confirmation, ics]
    (mine,) = await jol.say(person, "/my")
    seen.append(mine)
    for message in seen:
        text = message.plain or message.caption or ""
        assert "((" not in text and "))" not in text and ") (" not in text, text
    assert ics.document.name == "Round-table-on-migrants-rights-2026-12-04.ics"
    data = jol.sim.files[ics.document.file_id].data
    assert b"BEGIN:VALARM" in data and b"TRIGGER:-PT1H" in data and b"METHOD:PUBLISH" in data
    jol.sim.mark(person.id)
    await jol.services.registry.cancel_event(event_id)
    (notice,) = await jol.sim.wait_for(person.id, timeout=10)
    assert notice.document.name.endswith(".ics")
    assert b"METHOD:CANCEL" in jol.sim.files[notice.document.file_id].data
    assert "((" not in (notice.caption or "")


@pytest.mark.parametrize(
    ("lang", "wait", "agree", "until"),
    [("ru", "🕒", "✅", "до 02.12.2026 10:00"), ("en", "waiting list", "I agree", "until 02.12")],
)
async def test_an_offer_made_in_the_evening_is_open_until_the_morning(
    jol: Harness, lang: str, wait: str, agree: str, until: str
) -> None:
    """Item 23: a seat freed at 22:00 in Vilnius is offered until 10:00 the next day, not
    until the middle of the night; the person is told that time."""
    from datetime import UTC, datetime, timedelta

    jol.clock.set(datetime(2026, 12, 1, 20, 0, tzinfo=UTC))  # 22:00 in Vilnius
    event_id = await publish(jol, capacity=1, start_at=jol.clock.now() + timedelta(days=3))
    ann = jol.person(4201, "Ann", "en")
    waiter = jol.person(4202, "Timur", lang)
    await register(jol, ann, event_id, "Take a seat", "I agree")
    await register(jol, waiter, event_id, wait, agree, count=1)
    (mine,) = await jol.say(ann, "/my")
    (sure,) = await jol.tap(ann, mine, "Cancel:")
    jol.sim.mark(waiter.id)
    await jol.tap(ann, sure, "Yes, cancel")
    (offer,) = await jol.sim.wait_for(waiter.id, timeout=10)
    assert until in offer.plain and "10:00" in offer.plain, offer.plain
    reg = await jol.services.registry.registration_of(event_id, waiter.id)
    assert reg is not None
    found = await jol.services.registry.open_offer_for(reg.id)
    assert found is not None and found.expires_at == datetime(2026, 12, 2, 8, 0, tzinfo=UTC)
