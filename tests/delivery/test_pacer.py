"""Pacing in virtual time and with recorded send timestamps (no wall-clock asserts)."""

from __future__ import annotations

import asyncio

from core.clock import FakeClock
from core.storage import Database
from scheduler.outbox import Outbox, Scheduled
from scheduler.pacer import GROUP_CHAT_INTERVAL, PRIVATE_CHAT_INTERVAL, Pacer
from scheduler.sender import Sender
from tests.delivery.fakes import FakeTransport


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


async def test_concurrent_senders_share_the_rate(db: Database, clock: FakeClock) -> None:
    """Recorded send timestamps: never more than the rate in any stretch of time."""
    rate = 400.0
    box = Outbox(db, clock)
    await box.schedule_many([Scheduled(f"k{u}", u, clock.now(), text="x") for u in range(1, 81)])
    transport = FakeTransport(latency=0.002)  # several sends are in flight at once
    sender = Sender(db, clock, transport, rate_per_second=rate, max_in_flight=16)
    await sender.run_due()
    assert len(transport.sent) == 80
    # Timestamps are taken after the latency, which may vary: allow a few ms of jitter.
    times = sorted(s.at for s in transport.sent)
    for i in range(len(times)):
        for j in range(i + 10, len(times), 10):
            assert times[j] - times[i] >= (j - i) / rate - 0.006


async def test_sends_overlap(db: Database, clock: FakeClock) -> None:
    box = Outbox(db, clock)
    await box.schedule_many([Scheduled(f"k{u}", u, clock.now(), text="x") for u in range(1, 41)])
    in_flight = 0
    peak = 0

    class Slow(FakeTransport):
        async def send(self, chat_id: int, message: object) -> int:  # type: ignore[override]
            nonlocal in_flight, peak
            in_flight += 1
            peak = max(peak, in_flight)
            await asyncio.sleep(0.005)
            in_flight -= 1
            return 1

    await Sender(db, clock, Slow(), rate_per_second=None, max_in_flight=8).run_due()
    assert peak == 8
