"""Findings of the attack on the real bot (issue 10), each replayed through the real stack:
names that broke /start, taps lost to 'query is too old', consent skipped by tapping
'use my name' directly, Unicode digits in a deep link and in the wizard."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from bot.handlers.event_card import event_button
from core.clock import FakeClock
from registry import EventDraft, EventText, RegStatus
from tests.support import ADMIN_ID, Harness, buttons, find_button, start_jol


async def _event(jol: Harness, capacity: int = 5) -> int:
    services = jol.services
    event = await services.registry.create(
        EventDraft(
            texts={"en": EventText("en", "Round table")},
            start_at=jol.clock.now() + timedelta(days=3),
            timezone="Europe/Vilnius",
            venue_name="Hall",
            capacity=capacity,
        )
    )
    await services.registry.publish(event.id)
    return event.id


@pytest.mark.parametrize(
    "name",
    ["Anna <3", "x<y", "<a href='https://evil.example'>click</a>", "Tom & Jerry", "<b>", "a</i>"],
)
async def test_a_name_with_html_gets_the_greeting_and_the_picker(jol: Harness, name: str) -> None:
    person = jol.person(1_001, name, "en")
    greeting, picker = await jol.say(person, "/start", count=2)
    assert name in greeting.plain  # shown as typed, as text
    assert not any(e.get("type") == "text_link" for e in greeting.entities or [])
    assert "English" in str(buttons(picker))
    assert "something went wrong" not in greeting.plain + picker.plain


async def test_taps_count_when_telegram_refuses_to_acknowledge_them(jol: Harness) -> None:
    event_id = await _event(jol)
    person = jol.person(1_002, "Ann", "en")
    await jol.say(person, "/start", count=2)
    (card,) = await jol.say(person, f"/start event-{event_id}")
    too_old = "Bad Request: query is too old and response timeout expired or query ID is invalid"
    # Every acknowledgement fails, as after a restart or a backlog.
    jol.sim.inject("answerCallbackQuery", status=400, description=too_old, count=10)
    (consent,) = await jol.tap(person, card, "Take a seat")
    (name_question,) = await jol.tap(person, consent, "✅")
    (done,) = await jol.tap(person, name_question, "Ann")
    assert "something went wrong" not in done.plain
    registration = await jol.services.registry.registration_of(event_id, person.id)
    assert registration is not None and registration.status == RegStatus.CONFIRMED
    assert jol.sim.stats.errors[400] >= 3


async def test_use_my_name_without_consent_asks_for_it_first(jol: Harness) -> None:
    event_id = await _event(jol)
    person = jol.person(1_003, "Ann", "en")
    await jol.say(person, "/start", count=2)
    (menu,) = await jol.say(person, "/menu")
    # A client that sends the last button's data straight away, skipping the consent.
    (asked,) = await jol.tap(person, menu, data=event_button("nm", event_id, "s"))
    assert "✅" in str(buttons(asked))
    assert await jol.services.registry.registration_of(event_id, person.id) is None
    user = await jol.services.users.get(person.id)
    assert user is not None and user.consented_at is None


@pytest.mark.parametrize(
    "payload", ["event-²", "event-١٢", "event-𝟙", "event-99999999999999999999"]
)
async def test_odd_digits_in_a_deep_link(jol: Harness, payload: str) -> None:
    person = jol.person(1_004, "Ann", "en")
    await jol.say(person, "/start", count=2)
    (reply,) = await jol.say(person, f"/start {payload}")
    assert "something went wrong" not in reply.plain
    (menu,) = await jol.say(person, "/menu")
    assert "What would you like to do?" in menu.plain


async def test_odd_digits_in_the_wizard_ask_again(tmp_path: Path, clock: FakeClock) -> None:
    async with start_jol(tmp_path, clock) as jol:
        admin = jol.person(ADMIN_ID, "Organizer", "en")
        await jol.say(admin, "/start", count=2)
        _, question = await jol.say(admin, "/newevent", count=2)
        (question,) = await jol.say(admin, "Round table")
        (question,) = await jol.tap(admin, question, "Skip")  # description
        (question,) = await jol.tap(admin, question, "Continue")  # the languages
        (question,) = await jol.tap(admin, question, "Europe/Vilnius")
        (question,) = await jol.say(admin, "25.12.2026 17:00")
        bad, again = await jol.say(admin, "²", count=2)  # the duration
        assert "something went wrong" not in bad.plain + again.plain
        assert again.plain == question.plain
        (question,) = await jol.say(admin, "90")
        assert question.plain != again.plain
        find_button(question, "")  # the next question has its way out
