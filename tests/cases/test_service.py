"""The cases store on SQLite and PostgreSQL: one open case per person, relays queued in order."""

from __future__ import annotations

import asyncio

from sqlalchemy import select

from cases import Cases, Source
from core.clock import FakeClock
from core.storage import Database
from scheduler.outbox import Outbox
from scheduler.tables import outbox

STAFF = -1001


async def test_one_open_case_per_person_whatever_the_race(db: Database, clock: FakeClock) -> None:
    cases = Cases(db, clock, Outbox(db, clock), staff_chat_id=STAFF)
    opened = await asyncio.gather(*(cases.open(7, lang="ru", country="lt") for _ in range(5)))
    assert len({case.id for case, _new in opened}) == 1
    assert sum(new for _case, new in opened) == 1


async def test_relays_are_queued_in_two_sequences_and_erased_with_the_case(
    db: Database, clock: FakeClock
) -> None:
    cases = Cases(db, clock, Outbox(db, clock), staff_chat_id=STAFF)
    case, _ = await cases.open(7, lang="kk", country="kz")
    case = await cases.from_person(case, Source(7, 1, ("сұрақ",)))
    case = await cases.from_person(case, Source(7, 2, None))
    case = await cases.from_staff(case, Source(STAFF, 50, ("жауап",)), "💬 NGO · #1")
    # A redelivered update queues nothing twice.
    await cases.from_person(case, Source(7, 2, None))
    async with db.connect() as conn:
        rows = (
            await conn.execute(
                select(outbox.c.chat_id, outbox.c.sequence, outbox.c.text).order_by(outbox.c.id)
            )
        ).all()
    assert [(r.chat_id, r.sequence) for r in rows] == [
        (STAFF, f"case:{case.id}:in"),
        (STAFF, f"case:{case.id}:in"),
        (7, f"case:{case.id}:out"),
    ]
    assert rows[2].text == "💬 NGO · #1\n\nжауап"
    fresh = await cases.get(case.id)
    assert fresh is not None and fresh.messages_in == 2 and fresh.first_reply_at is not None
    await cases.erase_person(7)
    async with db.connect() as conn:
        assert (await conn.execute(select(outbox.c.id))).first() is None
    assert await cases.of_person(7) == []
