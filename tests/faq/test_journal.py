"""One vote per answer per person; what one person can add to the unanswered journal."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from sqlalchemy import select

from core.clock import FakeClock
from core.storage import Database
from faq.journal import UNANSWERED_PER_PERSON_PER_DAY, Journal, JournalData, feedback
from tests.support import eventually, find_button, shared_translator, start_jol


async def test_a_person_has_one_vote_per_answer(db: Database, clock: FakeClock) -> None:
    journal = Journal(db)
    for i in range(50):
        await journal.record_feedback("work-permit", "en", i % 2 == 0, clock.now(), voter=7)
    await journal.record_feedback("work-permit", "en", False, clock.now(), voter=8, country="lt")
    await journal.record_feedback("work-permit", "en", True, clock.now(), voter=8, country="kz")
    counts = await journal.feedback_counts()
    # Voter 7's last tap was 👎 (i = 49); voter 8 rated two countries' answers.
    assert [(c.topic_id, c.helpful, c.not_helpful) for c in counts] == [("work-permit", 1, 2)]


async def test_forget_keeps_the_count_and_drops_the_voter(db: Database, clock: FakeClock) -> None:
    journal = Journal(db)
    data = JournalData(db, shared_translator())
    await journal.record_feedback("work-permit", "en", True, clock.now(), voter=7, country="lt")
    await journal.record_unanswered("something odd", "en", clock.now(), asker=7)
    assert len(await data.describe(7, "en")) == 2
    await data.erase(7)
    assert await data.describe(7, "en") == []
    async with db.connect() as conn:
        voters = (await conn.execute(select(feedback.c.voter))).scalars().all()
    assert voters == [None]
    # Forgotten, they are a new person: their next vote counts as another one.
    await journal.record_feedback("work-permit", "en", True, clock.now(), voter=7, country="lt")
    assert [(c.helpful, c.not_helpful) for c in await journal.feedback_counts()] == [(2, 0)]


async def test_one_person_cannot_fill_the_unanswered_journal(
    db: Database, clock: FakeClock
) -> None:
    journal = Journal(db)
    kept = [
        await journal.record_unanswered(f"question number {i}", "en", clock.now(), asker=5)
        for i in range(UNANSWERED_PER_PERSON_PER_DAY + 20)
    ]
    assert kept.count(True) == UNANSWERED_PER_PERSON_PER_DAY
    assert await journal.record_unanswered("someone else asks", "en", clock.now(), asker=6)
    total = sum(u.count for u in await journal.top_unanswered(100))
    assert total == UNANSWERED_PER_PERSON_PER_DAY + 1
    # The next day they have a new share; yesterday's counts go with the retention job.
    clock.advance(days=1)
    assert await journal.record_unanswered("a new day", "en", clock.now(), asker=5)
    await journal.purge(clock.now() - timedelta(days=90), now=clock.now())
    data = JournalData(db, shared_translator())
    assert data and await data.describe(6, "en") == []


async def test_replayed_thumbs_through_the_bot_count_once(tmp_path: Path, clock: FakeClock) -> None:
    async with start_jol(tmp_path, clock, flood_limit=1000) as jol:
        ann = jol.person(221, "Ann", "en")
        bob = jol.person(222, "Bob", "en")
        answers = {}
        for person in (ann, bob):
            await jol.say(person, "/start", count=2)
            (answers[person.id],) = await jol.say(person, "health insurance")
        up = find_button(answers[ann.id], "👍")
        down = find_button(answers[ann.id], "👎")
        for i in range(30):
            # The buttons are gone after the first tap; a client can still send their data.
            await jol.sim.press_button(ann, answers[ann.id].message_id, up if i % 2 else down)
        await jol.tap(bob, answers[bob.id], "👍")
        await jol.say(ann, "/mydata")  # in order after every tap: they have all been handled
        counts = await jol.services.journal.feedback_counts()
        # Thirty taps are one vote of Ann's beside Bob's one.
        assert [(c.topic_id, c.helpful + c.not_helpful) for c in counts] == [
            ("health-insurance", 2)
        ]
        # A later tap replaces the earlier one (each acknowledged before the next).
        for data in (down, up):
            query_id = await jol.sim.press_button(ann, answers[ann.id].message_id, data)
            await eventually(lambda q=query_id: jol.sim.callback_answers.get(q))
        await jol.say(ann, "/mydata")
        counts = await jol.services.journal.feedback_counts()
        assert [(c.topic_id, c.helpful, c.not_helpful) for c in counts] == [
            ("health-insurance", 2, 0)
        ]
    async with start_jol(tmp_path / "second", clock, flood_limit=1000) as jol:
        # The unanswered journal takes ten of Cem's odd questions a day, and Dan's still.
        cem = jol.person(223, "Cem", "en")
        dan = jol.person(224, "Dan", "en")
        for person in (cem, dan):
            await jol.say(person, "/start", count=2)
        for i in range(UNANSWERED_PER_PERSON_PER_DAY + 5):
            (reply,) = await jol.say(cem, f"zqxj{i} vlorp")
            assert "not sure" in reply.plain
        await jol.say(dan, "zqxj vlorp from dan")
        top = await jol.services.journal.top_unanswered(100)
        assert sum(u.count for u in top) == UNANSWERED_PER_PERSON_PER_DAY + 1
        assert any("dan" in u.text for u in top)
