"""Events through the real bot over the local Bot API: organizer wizard, racing registrations,
online in three taps, cancel and offer, forged buttons, rights, escaping."""

from __future__ import annotations

import asyncio
import re
from typing import Any

from registry import Mode, Registration, RegStatus
from tests.support import ADMIN_ID, Harness, buttons, eventually, find_button


async def create_event(
    jol: Harness, title: str = "Round table & rights", capacity: str = "2"
) -> int:
    admin = jol.person(ADMIN_ID, "Organizer", "en")
    intro, question = await jol.say(admin, "/newevent", count=2)
    assert "create an event" in intro.text
    (question,) = await jol.say(admin, title)
    (question,) = await jol.tap(admin, question, "Skip")  # description
    (question,) = await jol.tap(admin, question, "Continue")  # the languages
    (question,) = await jol.tap(admin, question, "Asia/Almaty")
    assert "Asia/Almaty" in question.text
    # A malformed date, then a retry with the same question.
    error, again = await jol.say(admin, "31.02.2027 17:00", count=2)
    assert "could not read this date" in error.text and "When does it start" in again.text
    past, again = await jol.say(admin, "01.01.2020 10:00", count=2)
    assert "already passed" in past.text
    (question,) = await jol.say(admin, "25.12.2026 17:00")
    (question,) = await jol.tap(admin, question, "Skip")  # duration
    (question,) = await jol.say(admin, "Hall <b>")
    (question,) = await jol.say(admin, "Abay 1, Almaty")
    (question,) = await jol.tap(admin, question, "Skip")  # no pin on the map
    bad, again = await jol.say(admin, "ten", count=2)
    assert "whole number" in bad.text
    (question,) = await jol.say(admin, capacity)
    (question,) = await jol.tap(admin, question, "No")
    (question,) = await jol.say(admin, "812 3456 7890")
    (question,) = await jol.say(admin, "4321")
    bad, again = await jol.say(admin, "ftp://example.org", count=2)
    assert "http://" in bad.text
    (question,) = await jol.say(admin, "https://zoom.us/j/81234567890")
    (question,) = await jol.tap(admin, question, "Skip")  # livestream
    (question,) = await jol.tap(admin, question, "Skip")  # deadline
    (preview,) = await jol.tap(admin, question, "Skip")  # contact
    assert "Preview" in preview.text and "25.12.2026 17:00 (Almaty time)" in preview.text
    (done,) = await jol.tap(admin, preview, "Publish")
    match = re.search(r"start=event-(\d+)", done.text)
    assert match, done.text
    return int(match.group(1))


async def registrations(jol: Harness, event_id: int) -> dict[int, Registration]:
    """The event's registrations as the database has them, by person."""
    door_list = await jol.services.registry.door_list(event_id)
    by_person = {r.user_id: r for r in door_list}
    assert len(by_person) == len(door_list), "somebody is registered twice"
    return by_person


def states(regs: dict[int, Registration]) -> dict[int, tuple[Mode, RegStatus]]:
    return {user_id: (r.mode, r.status) for user_id, r in regs.items()}


def place(text: str) -> int:
    """The waiting-list place a message announces ("… number 2")."""
    match = re.search(r"number (\d+)", text)
    assert match, text
    return int(match.group(1))


async def open_card(jol: Harness, person: Any, event_id: int) -> Any:
    (card,) = await jol.say(person, f"/start event-{event_id}")
    return card


async def to_name_question(jol: Harness, person: Any, card: Any, label: str) -> Any:
    (consent,) = await jol.tap(person, card, label)
    (name_question,) = await jol.tap(person, consent, "✅")
    return name_question


async def test_organizer_creates_and_people_race_for_seats(jol: Harness) -> None:
    event_id = await create_event(jol, capacity="2")
    people = [jol.person(500 + i, f"Guest{i}", "en") for i in range(5)]
    questions = []
    for person in people:
        card = await open_card(jol, person, event_id)
        assert "Take a seat (2 left)" in str(buttons(card))
        questions.append(await to_name_question(jol, person, card, "Take a seat"))
    replies = await asyncio.gather(
        *(jol.tap(p, q, "Use", count=1) for p, q in zip(people, questions, strict=True))
    )
    seated = {p.id for p, r in zip(people, replies, strict=True) if "You have a seat" in r[0].text}
    waiting = {p.id for p, r in zip(people, replies, strict=True) if "waiting list" in r[0].text}
    assert len(seated) == 2 and len(waiting) == 3
    for uid in seated:  # the .ics file comes with a seat, named after the event
        (ics,) = await jol.sim.wait_for(uid, count=1)
        assert ics.document.name == "Round-table-rights-2026-12-25.ics"
        assert "My registrations" in str(buttons(ics))
    for uid in waiting:  # a waiting place is no date for a calendar
        assert all(m.document is None for m in jol.sim.bot_messages(uid))
    # What each person was told is what the database holds, and nobody has two rows.
    regs = await registrations(jol, event_id)
    assert states(regs) == {
        **{uid: (Mode.OFFLINE, RegStatus.CONFIRMED) for uid in seated},
        **{uid: (Mode.OFFLINE, RegStatus.WAITING) for uid in waiting},
    }
    counts = await jol.services.registry.counts(event_id)
    assert counts.seats_taken == 2 and counts.waiting == 3
    # Each person on the waiting list was told their own place, as the database has it.
    registry = jol.services.registry
    told = {
        p.id: place(r[0].plain) for p, r in zip(people, replies, strict=True) if p.id in waiting
    }
    assert sorted(told.values()) == [1, 2, 3]
    assert told == {uid: await registry.position(regs[uid]) for uid in waiting}


async def test_online_in_three_taps_and_cancel_in_one(jol: Harness) -> None:
    event_id = await create_event(jol, capacity="1")
    first = jol.person(601, "Aigerim", "kk")
    card = await open_card(jol, first, event_id)
    name_question = await to_name_question(jol, first, card, "🪑")
    confirmation, _ics = await jol.tap(first, name_question, "Aigerim", count=2)
    assert "Кіру коды" in confirmation.text
    waiting = jol.person(602, "Timur", "ru")
    card = await open_card(jol, waiting, event_id)
    name_question = await to_name_question(jol, waiting, card, "🕒")
    (confirmation,) = await jol.tap(waiting, name_question, "Timur")
    assert "номер 1" in confirmation.text and "812 3456 7890" in confirmation.text
    assert "Мои записи" in str(buttons(confirmation))

    online = jol.person(603, "Ann", "en")
    card = await open_card(jol, online, event_id)
    (consent,) = await jol.tap(online, card, "Join online")  # tap 1
    (name_question,) = await jol.tap(online, consent, "I agree")  # tap 2
    assert online.id not in await registrations(jol, event_id)
    confirmation, ics = await jol.tap(online, name_question, "Ann", count=2)  # tap 3
    assert "registered online" in confirmation.text
    assert b"TZID=Asia/Almaty" in jol.sim.files[ics.document.file_id].data
    assert states(await registrations(jol, event_id)) == {
        first.id: (Mode.OFFLINE, RegStatus.CONFIRMED),
        waiting.id: (Mode.OFFLINE, RegStatus.WAITING),
        online.id: (Mode.ONLINE, RegStatus.CONFIRMED),
    }

    (mine,) = await jol.say(first, "/my")
    (sure,) = await jol.tap(first, mine, "Бас тарту")  # asked once: a seat given up is gone
    assert "болдырмайсыз ба" in sure.text
    (cancelled,) = await jol.tap(first, sure, "Иә")
    assert "тоқтатылды" in cancelled.caption
    # The calendar entry goes too: the same UID with METHOD:CANCEL.
    ics = jol.sim.files[cancelled.document.file_id].data
    assert b"METHOD:CANCEL" in ics and b"STATUS:CANCELLED" in ics
    (offer,) = await jol.sim.wait_for(waiting.id, timeout=10)
    assert "Освободилось место" in offer.text
    regs = await registrations(jol, event_id)
    assert regs[first.id].status == RegStatus.CANCELLED
    assert regs[waiting.id].status == RegStatus.OFFERED  # the seat is held for Timur
    (accepted,) = await jol.tap(waiting, offer, "Беру место", count=1)
    assert "Место ваше" in accepted.text
    assert states(await registrations(jol, event_id)) == {
        first.id: (Mode.OFFLINE, RegStatus.CANCELLED),
        waiting.id: (Mode.OFFLINE, RegStatus.CONFIRMED),
        online.id: (Mode.ONLINE, RegStatus.CONFIRMED),
    }


async def test_forged_and_stale_buttons_get_polite_answers(jol: Harness) -> None:
    event_id = await create_event(jol)
    person = jol.person(701, "Ann", "en")
    card = await open_card(jol, person, event_id)
    for forged in (
        "ev:v1:reg:99999:s",
        "ev:v1:reg:abc:s",
        "ev:v1:card:99999",
        "ev:v1:cx:424242",
        "ev:v1:acc:31337",
        "ev:v1:reg:1:x",
    ):
        query_id = await jol.sim.press_button(person, card.message_id, forged)
        reply = await eventually(lambda q=query_id: jol.sim.callback_answers.get(q))
        assert "no longer available" in (reply.get("text") or ""), forged
    await jol.services.registry.cancel_event(event_id)
    query_id = await jol.sim.press_button(person, card.message_id, find_button(card, "Take a seat"))
    reply = await eventually(lambda: jol.sim.callback_answers.get(query_id))
    assert "cancelled this event" in reply.get("text", "")
    # Polite answers only: nothing registered, no message beyond the card.
    assert await registrations(jol, event_id) == {}
    assert [m.message_id for m in jol.sim.bot_messages(person.id)] == [card.message_id]


async def test_non_organizer_is_refused(jol: Harness) -> None:
    event_id = await create_event(jol)
    person = jol.person(801, "Mallory", "en")
    (refused,) = await jol.say(person, "/newevent")
    assert "organizers only" in refused.text
    (refused,) = await jol.say(person, "/checkin ABCDEF")
    assert "organizers only" in refused.text
    card = await open_card(jol, person, event_id)
    for data in (f"org:v1:cxy:{event_id}", f"org:v1:csv:{event_id}", f"org:v1:pub:{event_id}"):
        query_id = await jol.sim.press_button(person, card.message_id, data)
        reply = await eventually(lambda q=query_id: jol.sim.callback_answers.get(q))
        assert "organizers only" in reply.get("text", "")
    event = await jol.services.registry.get(event_id)
    assert event.status.value == "published"  # not cancelled
    # No door list went out: Mallory's chat has the two refusals and the card, no file.
    sent = jol.sim.bot_messages(person.id)
    assert len(sent) == 3 and sent[-1].message_id == card.message_id
    assert all(m.document is None for m in sent)


async def test_title_with_script_and_ampersand_is_escaped(jol: Harness) -> None:
    event_id = await create_event(jol, title="<script>alert(1)</script> Q&A")
    person = jol.person(901, "Ann", "en")
    (listing,) = await jol.say(person, "/events")
    card = await open_card(jol, person, event_id)
    for message in (listing, card):
        assert "&lt;script&gt;" in message.text and "Q&amp;A" in message.text
        assert "<script>" in message.visible_text
    admin = jol.person(ADMIN_ID, "Organizer", "en")
    card = await open_card(jol, admin, event_id)
    (view,) = await jol.tap(admin, card, "Registrations")
    assert "&lt;script&gt;" in view.text
    (csv_doc,) = await jol.tap(admin, view, "CSV")
    assert csv_doc.document is not None and csv_doc.document.name.endswith(".csv")
    assert "&lt;script&gt;" in (csv_doc.caption or "")  # the title in the caption, escaped
