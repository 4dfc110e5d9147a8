"""Cases when things go wrong: blocked bot, deleted topic, bot removed, long and odd
messages, a reply in the middle of a form, a restart."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from core.clock import FakeClock
from registry import EventDraft, EventText
from tests.e2e.test_cases import (
    ANNA,
    PERSON,
    STAFF_CHAT,
    desk,
    in_topic,
    open_case,
    staff_says,
    topics,
    until,
)
from tests.support import ADMIN_ID, Harness

# The smallest valid PNG (1×1): the local Bot API checks that photos are images.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000100e221bc330000000049454e44ae426082"
)


async def test_the_person_blocked_the_bot(tmp_path: Path, clock: FakeClock) -> None:
    async with desk(tmp_path, clock) as jol:
        person = jol.person(PERSON, "Aibek", "en")
        thread_id = await open_case(jol, person, "Help with my contract")
        jol.sim.block(PERSON)
        await staff_says(jol, ANNA, thread_id, "Hello, can you send the contract?")
        await until(lambda: any("blocked" in t for t in in_topic(jol, thread_id)))
        case = (await jol.services.cases.of_person(PERSON))[0]
        assert case.person_blocked
        # The next reply is answered in the topic at once.
        jol.sim.mark(STAFF_CHAT)
        await staff_says(jol, ANNA, thread_id, "Are you there?")
        (told,) = await jol.sim.wait_for(STAFF_CHAT, count=1, timeout=15)
        assert "blocked" in told.visible_text


async def test_a_topic_deleted_by_hand_is_made_again(tmp_path: Path, clock: FakeClock) -> None:
    async with desk(tmp_path, clock) as jol:
        person = jol.person(PERSON, "Aibek", "en")
        old = await open_case(jol, person, "First message")
        jol.sim.delete_topic_by_hand(STAFF_CHAT, old)
        await jol.sim.send_text(person, "Second message")
        await until(
            lambda: any("Second message" in t for tid in topics(jol) for t in in_topic(jol, tid))
        )
        (new,) = topics(jol)
        assert new != old
        texts = in_topic(jol, new)
        assert texts[0].startswith("Case #")  # the card again
        assert texts.count("Second message") == 1
        case = (await jol.services.cases.of_person(PERSON))[0]
        assert case.thread_id == new


async def test_the_bot_removed_from_the_staff_group(tmp_path: Path, clock: FakeClock) -> None:
    async with desk(tmp_path, clock) as jol:
        admin = jol.person(ADMIN_ID, "Organizer", "lt")
        await jol.say(admin, "/menu")
        person = jol.person(PERSON, "Aibek", "en")
        await open_case(jol, person, "Waiting for an answer")
        jol.sim.mark(PERSON)
        jol.sim.mark(ADMIN_ID)
        jol.sim.remove_bot(STAFF_CHAT, by=ANNA)
        (organizer,) = await jol.sim.wait_for(ADMIN_ID, count=1, timeout=15)
        # In the organizer's own language (Lithuanian), naming the setting to check.
        assert "STAFF_CHAT_ID" in organizer.visible_text and "Botas" in organizer.visible_text
        (honest,) = await jol.sim.wait_for(PERSON, count=1, timeout=15)
        assert "Nobody has been notified" in honest.visible_text
        # Someone new asking now is told at once, and nothing pretends otherwise.
        newcomer = jol.person(PERSON + 1, "Dana", "en")
        (notice,) = await jol.say(newcomer, "/human")
        (prompt,) = await jol.tap(newcomer, notice, "✍️")
        (reply,) = await jol.say(newcomer, "Is anyone there?")
        assert "could not pass your question" in reply.visible_text


async def test_long_messages_and_html_in_captions(tmp_path: Path, clock: FakeClock) -> None:
    async with desk(tmp_path, clock) as jol:
        person = jol.person(PERSON, "Aibek", "en")
        thread_id = await open_case(jol, person, "Start")
        long_text = ("word " * 1000).strip()  # 4,999 characters, over Telegram's 4,096
        await jol.sim.send_text(person, long_text)
        await until(lambda: len(in_topic(jol, thread_id)) >= 4)
        relayed = in_topic(jol, thread_id)[2:]
        assert " ".join(relayed).split() == long_text.split()
        await jol.sim.send_document(
            person, "contract.pdf", b"%PDF-1.4 x", "application/pdf", caption="<b>my</b> & <i>"
        )
        await jol.sim.send_photo(person, PNG, 1, 1, caption="photo of the permit")
        await jol.sim.send_voice(person, b"OggS voice")
        await until(lambda: len(jol.sim.topic_messages(STAFF_CHAT, thread_id)) >= 7)
        document, photo, voice = jol.sim.topic_messages(STAFF_CHAT, thread_id)[-3:]
        assert document.document is not None and document.visible_text == "<b>my</b> & <i>"
        assert photo.photo is not None and photo.visible_text == "photo of the permit"
        assert voice.voice is not None
        # Staff send a photo back: it arrives under the organisation's name.
        jol.sim.mark(PERSON)
        await jol.sim.send_photo(
            ANNA, PNG, 1, 1, caption="Fill in <this>", chat_id=STAFF_CHAT, thread_id=thread_id
        )
        (back,) = await jol.sim.wait_for(PERSON, count=1, timeout=15)
        assert back.photo is not None
        assert "Jol NGO" in back.visible_text and "Fill in <this>" in back.visible_text


async def test_a_reply_arriving_in_the_middle_of_a_form(tmp_path: Path, clock: FakeClock) -> None:
    async with desk(tmp_path, clock) as jol:
        event = await _event(jol)
        person = jol.person(PERSON, "Aibek", "en")
        thread_id = await open_case(jol, person, "A question first")
        (card,) = await jol.say(person, f"/start event-{event}")
        (consent,) = await jol.tap(person, card, "Take a seat")
        (name_question,) = await jol.tap(person, consent, "✅")
        jol.sim.mark(PERSON)
        await staff_says(jol, ANNA, thread_id, "Answer while you register")
        (reply,) = await jol.sim.wait_for(PERSON, count=1, timeout=15)
        assert "Answer while you register" in reply.visible_text
        # The typed name still goes to the form, not to the consultant.
        confirmation, _ics = await jol.say(person, "Aibek Nurlanov", count=2)
        assert "You have a seat" in confirmation.visible_text
        assert "Aibek Nurlanov" not in in_topic(jol, thread_id)


async def test_a_restart_loses_nothing_and_doubles_nothing(
    tmp_path: Path, clock: FakeClock
) -> None:
    async with desk(tmp_path, clock) as jol:
        person = jol.person(PERSON, "Aibek", "en")
        thread_id = await open_case(jol, person, "Before the restart")
        topic = topics(jol)[thread_id]
        # Telegram is down for the staff group: the next message waits in the outbox.
        jol.sim.inject("sendMessage", status=502, count=100, chat_id=STAFF_CHAT)
        await jol.sim.send_text(person, "Written during the outage")
        await until(lambda: jol.sim.stats.errors[502] >= 1)
    async with desk(tmp_path, clock) as jol:
        # The same Telegram group as before (a restart of the bot, not of Telegram).
        chat = jol.sim.chats[STAFF_CHAT]
        chat.topics[thread_id] = topic
        chat.last_message_id = 100
        person = jol.person(PERSON, "Aibek", "en")
        await jol.say(person, "/menu")
        # The retry falls due.
        clock.advance(minutes=1)
        jol.services.sender.wake()
        await until(lambda: "Written during the outage" in in_topic(jol, thread_id))
        jol.sim.mark(PERSON)
        await staff_says(jol, ANNA, thread_id, "Got it after the restart")
        (reply,) = await jol.sim.wait_for(PERSON, count=1, timeout=15)
        assert "Got it after the restart" in reply.visible_text
        assert in_topic(jol, thread_id).count("Written during the outage") == 1
        assert "Before the restart" not in in_topic(jol, thread_id)


async def _event(jol: Harness) -> int:
    services = jol.services
    draft = EventDraft(
        texts={"en": EventText("en", "Round table")},
        start_at=services.clock.now() + timedelta(days=5),
        timezone="Europe/Vilnius",
        venue_name="Hall",
        capacity=10,
    )
    event = await services.registry.create(draft, created_by=ADMIN_ID)
    await services.registry.publish(event.id)
    return int(event.id)
