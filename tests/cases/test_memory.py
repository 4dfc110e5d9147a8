"""What one SQLite process remembers of cases: always what the database says."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from sqlalchemy import event

from cases import Cases, Source
from cases.cache import CaseMemory
from core.clock import FakeClock
from core.storage import Database
from scheduler.outbox import Outbox

STAFF = -1001


def _statements(db: Database) -> list[str]:
    seen: list[str] = []

    def count(*args: object) -> None:
        seen.append(str(args[2]))

    event.listen(db.engine.sync_engine, "before_cursor_execute", count)
    return seen


async def test_each_change_is_what_the_next_message_sees(db: Database, clock: FakeClock) -> None:
    """Opened, relayed, closed by staff, reopened by the person, erased: the memory the
    relay reads is the database's row each time (compared with a store that remembers
    nothing)."""
    if not db.is_sqlite:
        pytest.skip("several processes write on PostgreSQL: nothing is remembered there")
    box = Outbox(db, clock)
    cases = Cases(db, clock, box, staff_chat_id=STAFF, remember=True)
    truth = Cases(db, clock, box, staff_chat_id=STAFF)
    assert await cases.current(7) is None
    case, _ = await cases.open(7, lang="ru", country="lt")
    assert await cases.current(7) == await truth.current(7) == case
    await cases.set_thread(case.id, 40)
    assert await cases.by_thread(40) == await truth.by_thread(40)
    case = await cases.from_person(await cases.current(7) or case, Source(7, 1, ("вопрос",)))
    case = await cases.from_staff(case, Source(STAFF, 9, ("ответ",)), "NGO")
    closed = await cases.close(case.id, by="staff")
    assert closed is not None and await cases.current(7) == await truth.current(7) == closed
    assert await cases.rate(case.id, 7, 5)
    assert await cases.current(7) == await truth.current(7)
    clock.advance(timedelta(days=1))
    reopened = await cases.from_person(closed, Source(7, 2, ("ещё",)))
    assert reopened.is_open and await cases.current(7) == await truth.current(7) == reopened
    assert await cases.raise_priority(case.id)
    assert (await cases.current(7) or case).priority
    await cases.erase_person(7)
    assert await cases.current(7) is None and await cases.by_thread(40) is None

    # And a known case is found without asking the database.
    case, _ = await cases.open(8, lang="en", country="lv")
    statements = _statements(db)
    assert await cases.current(8) == case
    assert statements == []


async def test_a_read_that_overlapped_a_write_is_not_remembered(
    db: Database, clock: FakeClock
) -> None:
    if not db.is_sqlite:
        pytest.skip("nothing is remembered on PostgreSQL")
    cases = Cases(db, clock, Outbox(db, clock), staff_chat_id=STAFF, remember=True)
    case, _ = await cases.open(7, lang="ru", country="lt")
    memory = cases.memory
    assert memory is not None
    memory.forget_user(7)
    # A reader took its epoch, then a write committed before it finished.
    epoch = memory.epoch
    await cases.close(case.id, by="staff")
    memory.remember_latest(7, case, since=epoch)  # the stale open row it read
    latest = await cases.current(7)
    assert latest is not None and not latest.is_open


def test_the_memory_is_bounded() -> None:
    memory = CaseMemory(size=3)
    for n in range(10):
        memory.remember_latest(n, None)
    assert sum(memory.latest(n)[0] for n in range(10)) == 3


async def test_concurrent_messages_of_two_people_keep_their_own_cases(
    db: Database, clock: FakeClock
) -> None:
    if not db.is_sqlite:
        pytest.skip("nothing is remembered on PostgreSQL")
    cases = Cases(db, clock, Outbox(db, clock), staff_chat_id=STAFF, remember=True)
    opened = [(await cases.open(p, lang="ru", country="lt"))[0] for p in (1, 2)]

    async def write(person: int, n: int) -> None:
        case = await cases.current(person)
        assert case is not None
        await cases.from_person(case, Source(person, n, (f"m{n}",)))

    await asyncio.gather(*(write(p, n) for n in range(1, 6) for p in (1, 2)))
    for case in opened:
        fresh = await cases.current(case.user_id)
        assert fresh is not None and fresh.id == case.id and fresh.messages_in == 5
