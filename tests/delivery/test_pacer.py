"""Pacing in virtual time and with recorded send timestamps (no wall-clock asserts)."""

from __future__ import annotations

import asyncio
import heapq
import itertools

import pytest

from core.clock import FakeClock
from core.storage import Database
from scheduler.content import Rendered
from scheduler.outbox import Outbox, Scheduled
from scheduler.pacer import GROUP_CHAT_INTERVAL, PRIVATE_CHAT_INTERVAL, Pacer
from scheduler.sender import Sender
from tests.delivery.fakes import FakeTransport, Sent


class VirtualTime:
    """Time that moves only when someone sleeps (one caller at a time)."""

    def __init__(self) -> None:
        self.t = 1000.0
        self.log: list[float] = []

    def now(self) -> float:
        return self.t

    async def sleep(self, seconds: float) -> None:
        self.t += seconds


async def test_overall_rate_is_exact() -> None:
    vt = VirtualTime()
    pacer = Pacer(25.0, per_chat=False, now=vt.now, sleep=vt.sleep)
    start = vt.now()
    for chat in range(1, 1001):
        await pacer.acquire(chat)
    # 1,000 sends: the first at once, then one every 1/25 s.
    assert abs((vt.now() - start) - 999 / 25) < 1e-6


async def test_per_chat_limits() -> None:
    vt = VirtualTime()
    pacer = Pacer(1000.0, now=vt.now, sleep=vt.sleep)
    times = []
    for _ in range(3):
        await pacer.acquire(42)
        times.append(vt.now())
    assert times[1] - times[0] >= PRIVATE_CHAT_INTERVAL
    assert times[2] - times[1] >= PRIVATE_CHAT_INTERVAL
    group = []
    for _ in range(3):
        await pacer.acquire(-100123)
        group.append(vt.now())
    assert group[2] - group[0] >= 2 * GROUP_CHAT_INTERVAL  # 20 a minute


async def test_pause_holds_everyone() -> None:
    vt = VirtualTime()
    pacer = Pacer(10.0, per_chat=False, now=vt.now, sleep=vt.sleep)
    await pacer.acquire(1)
    pacer.pause(5)
    await pacer.acquire(2)
    assert vt.now() >= 1005.0


class SharedVirtualTime:
    """Virtual time for concurrent tasks: it jumps to the earliest wake-up once every
    task taking part is asleep and stays so while the event loop goes round a few
    times (so tasks just created or just woken get to take part first).

    A task takes part from `enter()` to `leave()` and in between awaits only
    `sleep()`, never I/O: so "everybody asleep" means nothing else can happen
    before the next wake-up. Nothing here reads the wall clock.
    """

    QUIET_ROUNDS = 10

    def __init__(self) -> None:
        self.t = 1000.0
        self._active = 0
        self._sleepers: list[tuple[float, int, asyncio.Future[None]]] = []
        self._order = itertools.count()
        self._changes = 0  # enter/leave/sleep so far: a round with none is quiet
        self._ticking = False

    def now(self) -> float:
        return self.t

    def enter(self) -> None:
        self._active += 1
        self._changed()

    def leave(self) -> None:
        self._active -= 1
        self._changed()

    async def sleep(self, seconds: float) -> None:
        wake = asyncio.get_running_loop().create_future()
        heapq.heappush(self._sleepers, (self.t + max(seconds, 0.0), next(self._order), wake))
        self._changed()
        await wake

    def _all_asleep(self) -> bool:
        return bool(self._sleepers) and len(self._sleepers) >= self._active

    def _changed(self) -> None:
        self._changes += 1
        if not self._ticking and self._all_asleep():
            self._ticking = True
            asyncio.get_running_loop().call_soon(self._tick, self._changes, 0)

    def _tick(self, changes: int, quiet: int) -> None:
        loop = asyncio.get_running_loop()
        if changes != self._changes:  # somebody moved: start counting again
            changes, quiet = self._changes, 0
        if not self._all_asleep():
            self._ticking = False
            return
        if quiet < self.QUIET_ROUNDS:
            loop.call_soon(self._tick, changes, quiet + 1)
            return
        self._ticking = False
        self.t = max(self.t, self._sleepers[0][0])
        while self._sleepers and self._sleepers[0][0] <= self.t:
            heapq.heappop(self._sleepers)[2].set_result(None)


class TimedPacer(Pacer):
    """A pacer on shared virtual time; a send takes part in it from acquire to done."""

    def __init__(self, vt: SharedVirtualTime, rate: float) -> None:
        super().__init__(rate, now=vt.now, sleep=vt.sleep)
        self.vt = vt

    async def acquire(self, chat_id: int) -> None:
        self.vt.enter()
        await super().acquire(chat_id)


class TimedTransport(FakeTransport):
    """Sends take `latency` of virtual time; each is stamped when it completes."""

    def __init__(self, vt: SharedVirtualTime, latency: float) -> None:
        super().__init__()
        self.vt = vt
        self.send_latency = latency
        self.in_flight = 0
        self.peak = 0

    async def send(self, chat_id: int, message: Rendered) -> int:
        self.in_flight += 1
        self.peak = max(self.peak, self.in_flight)
        try:
            await self.vt.sleep(self.send_latency)
            self.sent.append(Sent(chat_id, message, self.vt.now()))
            return len(self.sent)
        finally:
            self.in_flight -= 1
            self.vt.leave()


async def test_concurrent_senders_share_the_rate(db: Database, clock: FakeClock) -> None:
    """Send times in virtual time: never more than the rate in any stretch of time."""
    rate, latency = 400.0, 0.02  # a send takes eight slots: several are in flight at once
    vt = SharedVirtualTime()
    box = Outbox(db, clock)
    await box.schedule_many([Scheduled(f"k{u}", u, clock.now(), text="x") for u in range(1, 81)])
    transport = TimedTransport(vt, latency)
    # One claim for all 80 rows: virtual time would run on during a second claim's
    # database round trip, which takes no time at all in real life.
    sender = Sender(
        db, clock, transport, rate_per_second=rate, pacer=TimedPacer(vt, rate), max_in_flight=16
    )
    assert sender.batch_size >= 80
    await sender.run_due()
    assert sorted(s.chat_id for s in transport.sent) == list(range(1, 81))
    assert transport.peak == 8  # a send lasts eight intervals: eight overlap
    times = sorted(s.at for s in transport.sent)
    for i in range(len(times)):
        for j in range(i + 1, len(times)):
            assert times[j] - times[i] >= (j - i) / rate - 1e-9
    # …and no slower than the rate either: one slot after another.
    assert times[-1] - times[0] == pytest.approx(79 / rate)


async def test_shared_virtual_time_wakes_sleepers_in_order() -> None:
    vt = SharedVirtualTime()
    woke: list[tuple[str, float]] = []

    async def sleeper(name: str, seconds: float) -> None:
        vt.enter()
        await vt.sleep(seconds)
        woke.append((name, vt.now()))
        vt.leave()

    await asyncio.gather(sleeper("late", 2.0), sleeper("early", 0.5), sleeper("mid", 1.0))
    assert woke == [("early", 1000.5), ("mid", 1001.0), ("late", 1002.0)]


async def test_sends_overlap(db: Database, clock: FakeClock) -> None:
    """The first eight sends are all in flight before any of them finishes."""
    box = Outbox(db, clock)
    await box.schedule_many([Scheduled(f"k{u}", u, clock.now(), text="x") for u in range(1, 41)])
    in_flight = 0
    peak = 0
    all_in = asyncio.Event()

    class Held(FakeTransport):
        """Holds each send until eight are open at once (then lets everything through)."""

        async def send(self, _chat_id: int, _message: Rendered) -> int:
            nonlocal in_flight, peak
            in_flight += 1
            peak = max(peak, in_flight)
            if in_flight == 8:
                all_in.set()
            # A safety net only: a sender that never opens eight at once fails here.
            await asyncio.wait_for(all_in.wait(), timeout=30)
            in_flight -= 1
            return 1

    await Sender(db, clock, Held(), rate_per_second=None, max_in_flight=8).run_due()
    assert peak == 8  # eight at once, and never a ninth
