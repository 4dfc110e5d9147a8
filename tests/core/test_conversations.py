"""The conversation store: what a person is typing survives restarts and expires."""

from __future__ import annotations

from datetime import timedelta

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
