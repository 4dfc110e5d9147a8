"""The update log, leases and heartbeats on both backends, without processes."""

from __future__ import annotations

from datetime import timedelta

from core.clock import FakeClock
from core.cluster import STALE_AFTER, Leases, Processes
from core.storage import Database
from core.updates import MISSING, Effects, UpdateLog, Verdict


async def test_an_update_is_handled_once(db: Database, clock: FakeClock) -> None:
    registry = Processes(db, clock)
    await registry.register("a", "web")
    log = UpdateLog(db, clock, "a")
    first = await log.claim(101, 7)
    assert first.verdict == Verdict.HANDLE and not first.behind
    log.active.add(101)
    # Redelivered while still in hand here: Telegram is asked to try again later.
    assert (await log.claim(101, 7)).verdict == Verdict.BUSY
    await log.done(101)
    log.active.discard(101)
    assert (await log.claim(101, 7)).verdict == Verdict.DUPLICATE


async def test_an_update_of_a_dead_process_is_taken_over(db: Database, clock: FakeClock) -> None:
    registry = Processes(db, clock)
    await registry.register("a", "web")
    await registry.register("b", "web")
    a, b = UpdateLog(db, clock, "a"), UpdateLog(db, clock, "b")
    assert (await a.claim(201, 7)).verdict == Verdict.HANDLE
    # Alive: b leaves it to a.
    assert (await b.claim(201, 7)).verdict == Verdict.BUSY
    # a stops beating; b's heart goes on.
    clock.advance(STALE_AFTER + timedelta(seconds=1))
    await registry.beat("b")
    taken = await b.claim(201, 7)
    assert taken.verdict == Verdict.HANDLE and taken.taken_over


async def test_a_later_update_of_a_chat_waits_for_an_earlier_one(
    db: Database, clock: FakeClock
) -> None:
    registry = Processes(db, clock)
    await registry.register("a", "web")
    await registry.register("b", "web")
    a, b = UpdateLog(db, clock, "a"), UpdateLog(db, clock, "b")
    await a.claim(301, 9)
    later = await b.claim(302, 9)
    assert later.verdict == Verdict.HANDLE and later.behind
    # Another chat is not held up.
    assert not (await b.claim(303, 10)).behind
    await a.done(301)
    assert await b.wait_turn(302, 9, limit=5.0)


async def test_a_released_claim_is_handled_on_redelivery(db: Database, clock: FakeClock) -> None:
    await Processes(db, clock).register("a", "web")
    log = UpdateLog(db, clock, "a")
    await log.claim(401, 1)
    await log.release(401)
    assert (await log.claim(401, 1)).verdict == Verdict.HANDLE


async def test_a_taken_over_update_replays_what_the_dead_process_sent(
    db: Database, clock: FakeClock
) -> None:
    registry = Processes(db, clock)
    await registry.register("a", "web")
    await registry.register("b", "web")
    a, b = UpdateLog(db, clock, "a"), UpdateLog(db, clock, "b")
    first = a.journal(501, await a.claim(501, 7))
    assert first.remember("user_is_new", True) is True
    assert await first.before("sendMessage") is MISSING
    first.after("sendMessage", {"message_id": 11, "text": "Hello"})
    # The next call commits the first one's answer before it goes out; then a dies.
    assert await first.before("sendMessage") is MISSING
    clock.advance(STALE_AFTER + timedelta(seconds=1))
    await registry.beat("b")
    claim = await b.claim(501, 7)
    assert claim.verdict == Verdict.HANDLE and claim.taken_over
    again = b.journal(501, claim)
    # The person is new for the second attempt too, though a recorded them already.
    assert again.remember("user_is_new", False) is True
    # The greeting is answered from the journal; the picker goes out for the first time.
    assert await again.before("sendMessage") == {"message_id": 11, "text": "Hello"}
    assert await again.before("sendMessage") is MISSING
    again.after("sendMessage", {"message_id": 12})
    await b.done(501)
    assert (await b.claim(501, 7)).verdict == Verdict.DUPLICATE


async def test_a_second_attempt_that_takes_another_turn_makes_its_own_calls(
    db: Database, clock: FakeClock
) -> None:
    await Processes(db, clock).register("a", "web")
    log = UpdateLog(db, clock, "a")
    journal = Effects.resume(log, 601, {"steps": [["sendMessage", {"message_id": 1}]]})
    # Recorded: a message; asked now: an edit. From here on the calls are new.
    assert await journal.before("editMessageText") is MISSING
    assert await journal.before("sendMessage") is MISSING


async def test_a_lease_has_one_holder_until_it_lapses(db: Database, clock: FakeClock) -> None:
    leases = Leases(db, clock)
    hour = timedelta(hours=1)
    assert await leases.acquire("sweep", "a", hour)
    assert not await leases.acquire("sweep", "b", hour)
    assert await leases.acquire("sweep", "a", hour)  # the holder renews
    clock.advance(hours=2)
    assert await leases.acquire("sweep", "b", hour)
    assert not await leases.acquire("sweep", "a", hour)


async def test_the_lowest_live_sender_rate_wins(db: Database, clock: FakeClock) -> None:
    registry = Processes(db, clock)
    await registry.register("s1", "sender", 25.0)
    await registry.register("s2", "sender", 10.0)
    await registry.register("w1", "web")
    assert await registry.lowest_rate() == 10.0
    clock.advance(STALE_AFTER + timedelta(seconds=1))
    await registry.beat("s1")
    # s2 stopped beating: its rate no longer counts.
    assert await registry.lowest_rate() == 25.0
    assert await registry.alive("sender") == ["s1"]
