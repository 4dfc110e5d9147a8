"""The conversation store: what a person is typing survives restarts and expires."""

from __future__ import annotations

import asyncio
import contextlib
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import event

from core.clock import FakeClock
from core.conversations import Conversations
from core.storage import Database

TTL = timedelta(minutes=15)


async def test_saved_state_is_read_back_by_another_store(db: Database, clock: FakeClock) -> None:
    first = Conversations(db, clock)
    await first.save(7, "register", "name", {"event_id": 3, "mode": "s"}, ttl=TTL)
    # A second process (or the bot after a restart) builds its own store on the same database.
    again = await Conversations(db, clock).get(7, "register")
    assert again is not None
    assert (again.step, again.payload) == ("name", {"event_id": 3, "mode": "s"})


async def test_a_question_left_open_expires(db: Database, clock: FakeClock) -> None:
    store = Conversations(db, clock)
    await store.save(7, "register", "name", {}, ttl=TTL)
    clock.advance(TTL - timedelta(seconds=1))
    assert await store.current(7) is not None
    clock.advance(timedelta(seconds=2))
    assert await store.current(7) is None
    assert await store.get(7, "register") is None
    assert await store.end(7, "register") is False  # nothing live to end
    assert await store.purge_expired() == 1


async def test_the_current_conversation_is_the_one_touched_last(
    db: Database, clock: FakeClock
) -> None:
    store = Conversations(db, clock)
    await store.save(1, "newevent", "title", {"lang": "ru"}, ttl=TTL)
    clock.advance(timedelta(seconds=5))
    await store.save(1, "register", "name", {}, ttl=TTL)
    current = await store.current(1)
    assert current is not None and current.kind == "register"
    await store.end(1, "register")
    current = await store.current(1)
    assert current is not None and current.kind == "newevent"


async def test_moving_a_step_keeps_one_row_and_restarts_the_expiry(
    db: Database, clock: FakeClock
) -> None:
    store = Conversations(db, clock)
    await store.save(1, "newevent", "title", {"data": {}}, ttl=TTL)
    clock.advance(TTL - timedelta(minutes=1))
    await store.save(1, "newevent", "start_at", {"data": {"title": "Круглый стол"}}, ttl=TTL)
    clock.advance(timedelta(minutes=5))
    found = await store.get(1, "newevent")
    assert found is not None
    assert found.step == "start_at" and found.payload["data"]["title"] == "Круглый стол"
    assert found.expires_at == clock.now() - timedelta(minutes=5) + TTL


async def test_ending_at_a_step_ends_it_once(db: Database, clock: FakeClock) -> None:
    store = Conversations(db, clock)
    await store.save(1, "broadcast", "confirm", {}, ttl=TTL)
    assert await store.end(1, "broadcast", step="mode") is False
    assert await store.end(1, "broadcast", step="confirm") is True
    # A second tap on "Send" finds nothing to end.
    assert await store.end(1, "broadcast", step="confirm") is False


async def test_forget_erases_every_conversation_of_the_person(
    db: Database, clock: FakeClock
) -> None:
    store = Conversations(db, clock)
    await store.save(1, "register", "phone", {"name": "Айгерим"}, ttl=TTL)
    await store.save(1, "newevent", "title", {}, ttl=TTL)
    await store.save(2, "register", "name", {}, ttl=TTL)
    await store.erase(1)
    assert await store.current(1) is None
    assert await store.current(2) is not None


async def test_a_miss_remembered_in_one_process_never_hides_a_new_question(
    db: Database, clock: FakeClock
) -> None:
    store = Conversations(db, clock)
    assert await store.current(9) is None  # remembered as empty (on SQLite)
    await store.save(9, "register", "name", {}, ttl=TTL)
    found = await store.current(9)
    assert found is not None and found.kind == "register"
    await store.erase(9)
    assert await store.current(9) is None
    assert await Conversations(db, clock).current(9) is None


class _Statements:
    """Counts the SELECTs a database runs on conversations."""

    def __init__(self, db: Database) -> None:
        self.selects = 0
        event.listen(db.engine.sync_engine, "before_cursor_execute", self._seen)

    def _seen(self, _conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if statement.lstrip().upper().startswith("SELECT") and "conversations" in statement:
            self.selects += 1


async def test_one_sqlite_process_reads_a_person_once_and_stays_exact(
    db: Database, clock: FakeClock
) -> None:
    store = Conversations(db, clock)
    counter = _Statements(db)
    assert await store.current(5) is None
    await store.save(5, "register", "name", {"n": 1}, ttl=TTL)
    clock.advance(timedelta(seconds=1))
    await store.save(5, "case", "first", {}, ttl=TTL)
    current = await store.current(5)
    assert current is not None and current.kind == "case"
    assert await store.end(5, "case", step="first") is True
    current = await store.current(5)
    assert current is not None and (current.kind, current.payload) == ("register", {"n": 1})
    # What this process remembers is what another process reads from the database.
    fresh = await Conversations(db, clock).current(5)
    assert fresh is not None and (fresh.kind, fresh.step, fresh.payload) == (
        current.kind,
        current.step,
        current.payload,
    )
    clock.advance(TTL)
    assert await store.current(5) is None  # expired in memory as in the database
    if db.is_sqlite:
        assert counter.selects == 2  # the first read here, and the fresh store's
    else:
        assert counter.selects > 2  # several processes: every read asks the database


async def test_a_read_that_overlaps_a_write_is_not_remembered(
    db: Database, clock: FakeClock
) -> None:
    store = Conversations(db, clock)
    await store.save(6, "register", "name", {}, ttl=TTL)
    store = Conversations(db, clock)  # knows nothing of person 6 yet
    real_connect = db.connect
    reading = asyncio.Event()
    go_on = asyncio.Event()

    class _ReadsThenWaits:
        """A connection whose query returns only when the test lets it."""

        def __init__(self, conn: Any) -> None:
            self._conn = conn

        async def execute(self, *args: Any, **kwargs: Any) -> Any:
            result = await self._conn.execute(*args, **kwargs)
            reading.set()
            await go_on.wait()
            return result

    @contextlib.asynccontextmanager
    async def slow_connect() -> Any:
        async with real_connect() as conn:
            yield _ReadsThenWaits(conn)

    db.connect = slow_connect  # type: ignore[method-assign]
    read = asyncio.create_task(store.current(6))
    await reading.wait()
    db.connect = real_connect  # type: ignore[method-assign]
    # The person answers meanwhile: the prompt ends.
    assert await store.end(6, "register") is True
    go_on.set()
    assert await read is not None  # read before the end: true when it was read
    assert await store.current(6) is None  # but it was not kept as the truth


async def test_a_write_that_fails_is_read_again_from_the_database(
    db: Database, clock: FakeClock
) -> None:
    store = Conversations(db, clock)
    await store.save(8, "register", "name", {}, ttl=TTL)
    assert await store.current(8) is not None
    payload = {"bad": object()}  # not JSON: the save fails before anything is written
    with pytest.raises(TypeError):
        await store.save(8, "register", "phone", payload, ttl=TTL)
    current = await store.current(8)
    assert current is not None and current.step == "name"
