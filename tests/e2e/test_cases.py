"""Consultant cases end to end: a person, a staff group with topics, two staff members."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from core.clock import FakeClock
from tests.support import ADMIN_ID, Harness, find_button, start_jol

STAFF_CHAT = -1001234500001
ANNA, BORIS = 810_001, 810_002  # staff (administrators of the group)
VISITOR = 810_009  # a member of the group who is not staff
PERSON = 820_001
OTHER = 820_002


@asynccontextmanager
async def desk(tmp_path: Path, clock: FakeClock, **settings: Any) -> AsyncIterator[Harness]:
    """Jol with a staff group: Anna and Boris administer it, a visitor is a member."""
    options: dict[str, Any] = {
        "staff_chat_id": STAFF_CHAT,
        "send_per_chat_limits": False,
        "org_name": "Jol NGO",
    }
    options.update(settings)
    async with start_jol(tmp_path, clock, **options) as jol:
        sim = jol.sim
        for uid, name in ((ANNA, "Anna"), (BORIS, "Boris"), (VISITOR, "Vera")):
            sim.user(uid, name, "en")
        sim.forum(STAFF_CHAT, "Jol staff", members=[VISITOR], admins=[ANNA, BORIS])
        yield jol


async def until(condition: Any, timeout: float = 15.0) -> None:
    """Wait until `condition()` holds (the bot works in the background)."""
    deadline = asyncio.get_running_loop().time() + timeout
    while not condition():
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError("condition not met in time")
        await asyncio.sleep(0.02)


def topics(jol: Harness) -> dict[int, Any]:
    return {t.thread_id: t for t in jol.sim.chats[STAFF_CHAT].topics.values() if not t.deleted}


def in_topic(jol: Harness, thread_id: int) -> list[str]:
    """What the topic shows, oldest first (the card included)."""
    return [m.visible_text for m in jol.sim.topic_messages(STAFF_CHAT, thread_id)]


async def open_case(jol: Harness, person: Any, question: str) -> int:
    """The person taps their way to a consultant and asks; returns the topic's thread id."""
    (notice,) = await jol.say(person, "/human")
    (prompt,) = await jol.tap(person, notice, "✍️")
    (received,) = await jol.say(person, question)
    assert "#" in received.visible_text or "№" in received.visible_text
    await until(lambda: any(question in t for t in _all_topic_texts(jol)))
    (thread_id,) = [tid for tid in topics(jol) if any(question in x for x in in_topic(jol, tid))]
    return thread_id


def _all_topic_texts(jol: Harness) -> list[str]:
    return [text for tid in topics(jol) for text in in_topic(jol, tid)]


async def staff_says(jol: Harness, staff_id: int, thread_id: int, text: str) -> None:
    await jol.sim.send_text(staff_id, text, chat_id=STAFF_CHAT, thread_id=thread_id)


async def test_a_question_reaches_staff_and_the_answer_comes_back(
    tmp_path: Path, clock: FakeClock
) -> None:
    async with desk(tmp_path, clock) as jol:
        person = jol.person(PERSON, "Dilnoza", "ru")
        (notice,) = await jol.say(person, "/human")
        # Said once, before anything is sent: what staff see and how long it is kept.
        assert "консультанты" in notice.visible_text and "/forget" in notice.visible_text
        (prompt,) = await jol.tap(person, notice, "✍️")
        assert find_button(prompt, "✖️")
        (received,) = await jol.say(person, "Работодатель не платит зарплату <b>3 месяца</b>")
        assert "№" in received.visible_text

        await until(lambda: len(topics(jol)) == 1)
        (thread_id, topic), *_ = topics(jol).items()
        # The topic names the case, language and country; never the person.
        assert topic.name.startswith("#") and "RU" in topic.name and "LT" in topic.name
        assert "Dilnoza" not in topic.name
        await until(lambda: len(in_topic(jol, thread_id)) == 2)
        card, question = in_topic(jol, thread_id)
        assert "Dilnoza" not in card and str(PERSON) not in card
        # The person's text arrives as typed: markup-looking text stays text.
        assert question == "Работодатель не платит зарплату <b>3 месяца</b>"

        jol.sim.mark(PERSON)
        await staff_says(jol, ANNA, thread_id, "Здравствуйте! Есть ли у вас договор?")
        (reply,) = await jol.sim.wait_for(PERSON, count=1, timeout=15)
        assert "Jol NGO" in reply.visible_text and "Есть ли у вас договор?" in reply.visible_text
        assert "Anna" not in reply.visible_text

        # The person answers without any button: it goes to the same topic.
        jol.sim.mark(PERSON)
        await jol.sim.send_text(person, "Да, договор есть")
        (added,) = await jol.sim.wait_for(PERSON, count=1, timeout=15)
        assert "Добавлено" in added.visible_text  # once, not for every message
        await until(lambda: "Да, договор есть" in in_topic(jol, thread_id))

        # Two staff members at once: both replies arrive, in the order they were written.
        jol.sim.mark(PERSON)
        await staff_says(jol, BORIS, thread_id, "Первое")
        await staff_says(jol, ANNA, thread_id, "Второе")
        replies = await jol.sim.wait_for(PERSON, count=2, timeout=15)
        assert [r.visible_text.split("\n")[-1] for r in replies] == ["Первое", "Второе"]

        jol.sim.mark(PERSON)
        await staff_says(jol, ANNA, thread_id, "/close")
        (closed,) = await jol.sim.wait_for(PERSON, count=1, timeout=15)
        assert "закрыл" in closed.visible_text
        await until(lambda: topics(jol)[thread_id].closed)
        await jol.tap(person, closed, "5⭐", count=0)
        await until(lambda: any("5" in t and "⭐" in t for t in in_topic(jol, thread_id)))
        case = (await jol.services.cases.of_person(PERSON))[0]
        assert case.rating == 5 and case.first_reply_at is not None

        # Writing again after /close opens the case again, in the same topic.
        jol.sim.mark(PERSON)
        await jol.sim.send_text(person, "Ещё вопрос")
        (again,) = await jol.sim.wait_for(PERSON, count=1, timeout=15)
        assert "снова" in again.visible_text
        await until(lambda: "Ещё вопрос" in in_topic(jol, thread_id))
        await until(lambda: not topics(jol)[thread_id].closed)


async def test_staff_only_and_only_in_case_topics(tmp_path: Path, clock: FakeClock) -> None:
    async with desk(tmp_path, clock) as jol:
        person = jol.person(PERSON, "Aibek", "en")
        thread_id = await open_case(jol, person, "My permit was refused")
        jol.sim.mark(PERSON)
        # A member who is not staff: not relayed, told so in the topic.
        jol.sim.mark(STAFF_CHAT)
        await staff_says(jol, VISITOR, thread_id, "I am not staff")
        (told,) = await jol.sim.wait_for(STAFF_CHAT, count=1, timeout=15)
        assert "not sent" in told.visible_text
        # Staff writing in the general topic: nothing goes anywhere.
        await jol.sim.send_text(ANNA, "coffee anyone?", chat_id=STAFF_CHAT)
        # A note stays in the topic.
        jol.sim.mark(STAFF_CHAT)
        await staff_says(jol, ANNA, thread_id, "/note called the migration office")
        (kept,) = await jol.sim.wait_for(STAFF_CHAT, count=1, timeout=15)
        assert "does not see" in kept.visible_text
        # The next real reply is the first thing the person receives.
        await staff_says(jol, ANNA, thread_id, "We can help with an appeal.")
        (reply,) = await jol.sim.wait_for(PERSON, count=1, timeout=15)
        assert "appeal" in reply.visible_text
        texts = [m.visible_text for m in jol.sim.bot_messages(PERSON)]
        assert not any("not staff" in t or "coffee" in t or "migration office" in t for t in texts)


async def test_kb_command_sends_the_answer_in_the_persons_language(
    tmp_path: Path, clock: FakeClock
) -> None:
    async with desk(tmp_path, clock) as jol:
        person = jol.person(PERSON, "Aigerim", "kk")
        thread_id = await open_case(jol, person, "жұмыс рұқсаты туралы сұрақ")
        jol.sim.mark(PERSON)
        jol.sim.mark(STAFF_CHAT)
        await staff_says(jol, ANNA, thread_id, "/kb work-permit")
        (sent,) = await jol.sim.wait_for(STAFF_CHAT, count=1, timeout=15)
        assert "📚" in sent.visible_text
        answer = await jol.sim.wait_for(PERSON, count=1, timeout=15)
        topic = jol.services.library.topic("lt", "work-permit")
        assert topic.text("kk").title in answer[0].visible_text
        # An unknown id lists the ids there are; nothing reaches the person.
        jol.sim.mark(STAFF_CHAT)
        await staff_says(jol, ANNA, thread_id, "/kb no-such-topic")
        (unknown,) = await jol.sim.wait_for(STAFF_CHAT, count=1, timeout=15)
        assert "work-permit" in unknown.visible_text
        # What staff typed is shown as text, never as markup.
        jol.sim.mark(STAFF_CHAT)
        await staff_says(jol, ANNA, thread_id, "/kb <b>x")
        (escaped,) = await jol.sim.wait_for(STAFF_CHAT, count=1, timeout=15)
        assert "<b>x" in escaped.visible_text


async def test_forged_buttons_are_refused(tmp_path: Path, clock: FakeClock) -> None:
    async with desk(tmp_path, clock) as jol:
        person = jol.person(PERSON, "Aibek", "en")
        other = jol.person(OTHER, "Stranger", "en")
        await open_case(jol, person, "Question one")
        case = (await jol.services.cases.of_person(PERSON))[0]
        (menu,) = await jol.say(other, "/menu")
        # Someone else's case: leaving it or rating it is refused.
        await jol.tap(other, menu, data=f"cs:v1:leave:{case.id}", count=0)
        await jol.tap(other, menu, data=f"cs:v1:rate:{case.id}:5", count=0)
        await jol.tap(other, menu, data="cs:v1:rate:99999:9", count=0)
        await until(lambda: len(jol.sim.chats[OTHER].answers) >= 3)
        fresh = await jol.services.cases.get(case.id)
        assert fresh is not None and fresh.is_open and fresh.rating is None
        # A staff button pressed by a non-member is refused too.
        await jol.sim.press_button(other, menu.message_id, f"st:v1:close:{case.id}")
        await asyncio.sleep(0.3)
        fresh = await jol.services.cases.get(case.id)
        assert fresh is not None and fresh.is_open


async def test_without_a_staff_group_nobody_is_said_to_be_told(
    tmp_path: Path, clock: FakeClock
) -> None:
    async with start_jol(tmp_path, clock, admin_ids=[], help_contact="+370 600 00000") as jol:
        person = jol.person(PERSON, "Aibek", "en")
        (reply,) = await jol.say(person, "/human")
        assert "Nobody has been notified" in reply.visible_text
        assert "+370 600 00000" in reply.visible_text
    async with start_jol(tmp_path / "b", clock, help_contact="") as jol:
        jol.sim.user(ADMIN_ID, "Organizer", "lt")
        person = jol.person(PERSON, "Aibek", "en")
        jol.sim.mark(ADMIN_ID)
        (reply,) = await jol.say(person, "/human")
        # The organizer never opened the bot (no chat): the notice failed, and so says nothing.
        assert "Nobody can be reached" in reply.visible_text


async def test_sos_shows_112_first_then_hotlines_then_a_priority_case(
    tmp_path: Path, clock: FakeClock
) -> None:
    async with desk(tmp_path, clock, protection_ids=[ADMIN_ID]) as jol:
        protector = jol.person(ADMIN_ID, "Officer", "en")
        await jol.say(protector, "/menu")
        person = jol.person(PERSON, "Aibek", "en")
        # Words that speak of danger, typed as a question: 112 before anything else.
        first, hotlines, offer = await jol.say(person, "my employer took my passport", count=3)
        assert "112" in first.visible_text
        trafficking = jol.services.library.topic("lt", "human-trafficking")
        assert trafficking.text("en").title in hotlines.visible_text
        assert '<a href="https://' in hotlines.text  # its official sources
        jol.sim.mark(ADMIN_ID)
        (prompt,) = await jol.tap(person, offer, "🔴")
        (received,) = await jol.say(person, "He says I owe him money and locks the door")
        assert "#" in received.visible_text
        await until(lambda: len(topics(jol)) == 1)
        (thread_id, topic), *_ = topics(jol).items()
        assert topic.name.startswith("🔴")
        # The card is pinned; the protection contact is told at once, with a link.
        assert jol.sim.chats[STAFF_CHAT].pinned
        (alert,) = await jol.sim.wait_for(ADMIN_ID, count=1, timeout=15)
        assert "🔴" in alert.visible_text and "t.me/c/" in alert.text


async def test_the_menu_has_sos_and_a_person_in_every_language(
    tmp_path: Path, clock: FakeClock
) -> None:
    async with desk(tmp_path, clock) as jol:
        for n, lang in enumerate(("ru", "kk", "lt", "en")):
            person = jol.person(PERSON + n, "P", lang)
            (menu,) = await jol.say(person, "/menu")
            (sos_first, *_rest) = await jol.tap(person, menu, "🆘", count=3)
            assert "112" in sos_first.visible_text
            (notice,) = await jol.tap(person, menu, "👤")
            assert "/forget" in notice.visible_text
