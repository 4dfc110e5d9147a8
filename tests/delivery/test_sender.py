"""The sender: at most once, failures sorted out, retries bounded, restarts safe."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncConnection

from core.clock import FakeClock
from core.storage import Database
from core.storage.tables import users as users_table
from core.storage.users import UserStore
from scheduler.content import Rendered, RenderRef
from scheduler.outbox import (
    EXPIRED,
    FAILED,
    PENDING,
    SENDING,
    SENT,
    SKIPPED_BLOCKED,
    Outbox,
    Scheduled,
)
from scheduler.quiet import QuietHours
from scheduler.sender import Sender
from scheduler.transport import Blocked, Rejected, RetryLater, Transient
from tests.delivery.fakes import FakeTransport
from tests.support import DatabaseFactory


def make_sender(db: Database, clock: FakeClock, transport: FakeTransport, **kw: Any) -> Sender:
    kw.setdefault("rate_per_second", None)
    # Per-chat spacing runs on real time; it has its own virtual-time tests (test_pacer).
    kw.setdefault("per_chat_limits", False)
    return Sender(db, clock, transport, **kw)


async def test_sends_what_is_due_once(db: Database, clock: FakeClock) -> None:
    box = Outbox(db, clock)
    transport = FakeTransport()
    sender = make_sender(db, clock, transport)
    await box.schedule(key="now", chat_id=1, due=clock.now(), text="<b>now</b>")
    await box.schedule(key="later", chat_id=2, due=clock.now() + timedelta(hours=1), text="x")
    assert await sender.run_due() == 1
    assert [s.chat_id for s in transport.sent] == [1]
    assert await sender.run_due() == 0
    clock.advance(hours=1)
    await sender.run_due()
    assert transport.per_chat() == {1: 1, 2: 1}
    assert await box.status_of("now") == SENT
    assert await box.next_due() is None


async def test_restart_sends_overdue_once_and_drops_stale_reminders(
    db: Database, clock: FakeClock
) -> None:
    box = Outbox(db, clock)
    start = clock.now()
    await box.schedule(key="r:1:24h", chat_id=1, due=start, text="tomorrow", kind="reminder")
    await box.schedule(
        key="r:2:1h",
        chat_id=2,
        due=start,
        text="in an hour",
        kind="reminder",
        not_after=start + timedelta(hours=1),
    )
    clock.advance(hours=3)  # the bot was down: both are overdue, one is pointless now
    transport = FakeTransport()
    sender = make_sender(db, clock, transport)
    await sender.run_due()
    await make_sender(db, clock, transport).run_due()
    assert transport.per_chat() == {1: 1}
    assert await box.status_of("r:2:1h") == EXPIRED


async def test_render_at_send_time(db: Database, clock: FakeClock) -> None:
    box = Outbox(db, clock)
    users = UserStore(db)
    await users.seen(5, "ru", clock.now())
    await box.schedule(key="a", chat_id=5, due=clock.now(), render=RenderRef("hello", {"u": 5}))
    await box.schedule(key="b", chat_id=5, due=clock.now(), render=RenderRef("hello", {"u": 0}))

    async def hello(payload: dict[str, Any], conn: AsyncConnection) -> Rendered | None:
        query = select(users_table.c.language).where(users_table.c.id == payload["u"])
        lang = (await conn.execute(query)).scalar()
        return Rendered(f"hello in {lang}") if lang else None  # None: nothing to remind of

    transport = FakeTransport()
    sender = make_sender(db, clock, transport)
    sender.register_renderer("hello", hello)
    await users.set_language(5, "kk")  # changed after queueing: the current one is used
    await sender.run_due()
    assert [s.message.text for s in transport.sent] == ["hello in kk"]
    assert await box.status_of("b") == EXPIRED


async def test_flood_control_pauses_everyone_and_loses_nothing(
    db: Database, clock: FakeClock
) -> None:
    box = Outbox(db, clock)
    rows = [Scheduled(f"bc:{u}", u, clock.now(), text="x") for u in range(1, 41)]
    await box.schedule_many(rows)
    transport = FakeTransport()
    transport.nth_failures[10] = RetryLater(0.05)
    sender = make_sender(db, clock, transport, max_in_flight=8)
    await sender.run_due()
    assert transport.per_chat() == {u: 1 for u in range(1, 41)}
    assert sender.counters.flood_waits == 1
    # Nothing was sent during the pause announced by the 429.
    pause_end = sender.pacer.paused_until
    sent_times = sorted(s.at for s in transport.sent)
    gap_start = pause_end - 0.05
    assert not [t for t in sent_times if gap_start + 0.005 < t < pause_end - 0.001]


async def test_blocked_users_are_marked_and_skipped(db: Database, clock: FakeClock) -> None:
    users = UserStore(db)
    for uid in (1, 2, 3):
        await users.seen(uid, "en", clock.now())
    box = Outbox(db, clock)
    await box.schedule_many([Scheduled(f"bc:{u}", u, clock.now(), text="x") for u in (1, 2, 3)])
    await box.schedule(key="later:2", chat_id=2, due=clock.now() + timedelta(hours=1), text="x")
    transport = FakeTransport()
    transport.failures[2].append(Blocked("Forbidden: bot was blocked by the user"))
    forgotten: list[int] = []

    async def forget(uid: int) -> None:
        forgotten.append(uid)

    sender = make_sender(db, clock, transport)
    sender.add_blocked_listener(forget)
    await sender.run_due()
    assert transport.per_chat() == {1: 1, 3: 1}
    assert await box.status_of("bc:2") == SKIPPED_BLOCKED
    assert forgotten == [2] and await UserStore(db).is_blocked(2)
    assert not await box.schedule(key="new:2", chat_id=2, due=clock.now(), text="x")
    clock.advance(hours=1)
    await sender.run_due()
    assert await box.status_of("later:2") == SKIPPED_BLOCKED
    assert transport.calls == 3  # the queued one was skipped without a call
    # The user comes back with /start: messages flow again.
    await UserStore(db).seen(2, "en", clock.now())
    assert await box.schedule(key="new:2", chat_id=2, due=clock.now(), text="x")
    await sender.run_due()
    assert transport.per_chat()[2] == 1


async def test_timeouts_are_retried_with_backoff_and_sent_once(
    db: Database, clock: FakeClock
) -> None:
    box = Outbox(db, clock)
    await box.schedule(key="k", chat_id=1, due=clock.now(), text="x")
    transport = FakeTransport()
    transport.failures[1] += [Transient("Timed out"), Transient("Bad Gateway")]
    sender = make_sender(db, clock, transport, retry_base=timedelta(seconds=10))
    await sender.run_due()
    assert await box.status_of("k") == PENDING and not transport.sent
    assert await box.next_due() == clock.now() + timedelta(seconds=10)
    clock.advance(seconds=10)
    await sender.run_due()
    assert not transport.sent
    assert await box.next_due() == clock.now() + timedelta(seconds=20)  # doubled
    clock.advance(seconds=20)
    await sender.run_due()
    assert transport.per_chat() == {1: 1}
    assert await box.status_of("k") == SENT


async def test_retries_are_bounded(db: Database, clock: FakeClock) -> None:
    box = Outbox(db, clock)
    await box.schedule(key="k", chat_id=1, due=clock.now(), text="x")
    transport = FakeTransport()
    transport.failures[1] += [Transient("Timed out")] * 10
    sender = make_sender(db, clock, transport, max_attempts=3)
    for _ in range(6):
        await sender.run_due()
        clock.advance(hours=1)
    assert transport.calls == 3
    stats = await box.stats()
    assert stats.count(FAILED) == 1 and stats.last_errors[0][3] == "Timed out"


async def test_bad_html_fails_at_once_with_the_reason(db: Database, clock: FakeClock) -> None:
    box = Outbox(db, clock)
    await box.schedule(key="k", chat_id=1, due=clock.now(), text="<b>oops")
    transport = FakeTransport()
    reason = "Bad Request: can't parse entities: unclosed start tag"
    transport.failures[1].append(Rejected(reason))
    sender = make_sender(db, clock, transport)
    for _ in range(3):
        await sender.run_due()
        clock.advance(hours=1)
    assert transport.calls == 1
    stats = await box.stats()
    assert stats.count(FAILED) == 1 and stats.last_errors[0][3] == reason


async def test_a_crashed_senders_rows_are_retried_after_the_lease(
    db: Database, clock: FakeClock
) -> None:
    box = Outbox(db, clock)
    await box.schedule_many([Scheduled(f"k{u}", u, clock.now(), text="x") for u in (1, 2)])
    crashed = make_sender(db, clock, FakeTransport(), lease=timedelta(seconds=60))
    assert len(await crashed.claim()) == 2  # then the process dies
    transport = FakeTransport()
    other = make_sender(db, clock, transport)
    await other.run_due()
    assert not transport.sent  # still leased
    clock.advance(seconds=61)
    await other.run_due()
    assert transport.per_chat() == {1: 1, 2: 1}


async def test_single_process_start_takes_back_orphans(db: Database, clock: FakeClock) -> None:
    box = Outbox(db, clock)
    await box.schedule(key="k", chat_id=1, due=clock.now(), text="x")
    await make_sender(db, clock, FakeTransport()).claim()
    assert await box.status_of("k") == SENDING
    transport = FakeTransport()
    sender = make_sender(db, clock, transport)
    assert await sender.release_orphans() == 1
    await sender.run_due()
    assert transport.per_chat() == {1: 1}


async def test_two_senders_never_send_the_same_row(db_factory: DatabaseFactory) -> None:
    clock = FakeClock()
    url, schema = db_factory.url_and_schema()
    await db_factory.create_schema(schema)
    first = Database(url, schema=schema)
    await first.migrate()
    second = Database(url, schema=schema)
    try:
        rows = [Scheduled(f"bc:{u}", u, clock.now(), text="x") for u in range(1, 401)]
        await Outbox(first, clock).schedule_many(rows)
        transport = FakeTransport(latency=0.001)
        senders = [
            make_sender(db, clock, transport, batch_size=25, max_in_flight=4)
            for db in (first, second)
        ]
        claimed = await asyncio.gather(*(s.run_due() for s in senders))
        assert sum(claimed) == 400
        assert transport.per_chat() == {u: 1 for u in range(1, 401)}
        if not first.is_sqlite:
            assert all(n > 0 for n in claimed)  # both really worked in parallel
    finally:
        await first.dispose()
        await second.dispose()


async def test_quiet_hours_defer_broadcasts_not_reminders(db: Database) -> None:
    zone = ZoneInfo("Europe/Vilnius")
    clock = FakeClock(datetime(2026, 11, 23, 23, 30, tzinfo=zone).astimezone(UTC))
    quiet = QuietHours((time(22, 0), time(8, 0)), zone)
    morning = datetime(2026, 11, 24, 8, 0, tzinfo=zone).astimezone(UTC)
    box = Outbox(db, clock, quiet)
    await box.schedule(key="bc", chat_id=1, due=clock.now(), text="x", respects_quiet_hours=True)
    await box.schedule(key="rem", chat_id=2, due=clock.now(), text="x", kind="reminder")
    transport = FakeTransport()
    sender = make_sender(db, clock, transport, quiet=quiet)
    await sender.run_due()
    assert transport.per_chat() == {2: 1}
    assert await box.next_due() == morning
    clock.set(morning)
    await sender.run_due()
    assert transport.per_chat() == {1: 1, 2: 1}


async def test_a_broadcast_running_into_quiet_hours_waits(db: Database) -> None:
    zone = ZoneInfo("Europe/Vilnius")
    evening = datetime(2026, 11, 23, 21, 59, tzinfo=zone).astimezone(UTC)
    clock = FakeClock(evening)
    quiet = QuietHours((time(22, 0), time(8, 0)), zone)
    box = Outbox(db, clock, quiet)
    await box.schedule(key="bc", chat_id=1, due=clock.now(), text="x", respects_quiet_hours=True)
    clock.advance(minutes=2)  # queued before 22:00, the sender gets to it after
    transport = FakeTransport()
    await make_sender(db, clock, transport, quiet=quiet).run_due()
    assert not transport.sent
    assert await box.next_due() == datetime(2026, 11, 24, 8, 0, tzinfo=zone).astimezone(UTC)


@pytest.mark.parametrize(
    ("local", "quiet"),
    [("21:59", False), ("22:00", True), ("03:00", True), ("07:59", True), ("08:00", False)],
)
def test_quiet_window_crosses_midnight(local: str, quiet: bool) -> None:
    zone = ZoneInfo("Europe/Vilnius")
    hours = QuietHours((time(22, 0), time(8, 0)), zone)
    when = datetime.combine(date(2026, 3, 29), time.fromisoformat(local), zone)
    assert (hours.end_if_quiet(when.astimezone(UTC)) is not None) == quiet


@pytest.mark.parametrize("per_chat", [True, False])
async def test_the_deployments_sender_keeps_the_per_chat_setting(
    db: Database, clock: FakeClock, per_chat: bool
) -> None:
    """SEND_PER_CHAT_LIMITS holds on PostgreSQL too, where the pacer is the shared one."""
    from bot.config import Settings
    from bot.delivery import build_sender
    from scheduler.shared_rate import SharedPacer

    settings = Settings(
        _env_file=None,
        bot_token="424243:TEST-token-for-the-local-bot-api",
        database_url=db.url,
        send_per_chat_limits=per_chat,
    )
    sender = build_sender(settings, db, clock, FakeTransport())  # type: ignore[arg-type]
    assert sender.pacer.per_chat is per_chat
    assert isinstance(sender.pacer, SharedPacer) is (not db.is_sqlite)
