"""The outbox: idempotent queueing, cancelling, blocked users, transactions."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from core.clock import FakeClock
from core.storage import Database, write_transaction
from core.storage.users import UserStore
from scheduler.content import Attachment, Button, RenderRef
from scheduler.outbox import CANCELLED, PENDING, Outbox, Scheduled
from scheduler.tables import outbox as outbox_table


async def _count(db: Database) -> int:
    async with db.connect() as conn:
        return (await conn.execute(select(func.count()).select_from(outbox_table))).scalar_one()


async def test_schedule_is_idempotent(db: Database, clock: FakeClock) -> None:
    box = Outbox(db, clock)
    due = clock.now() + timedelta(hours=1)
    assert await box.schedule(key="reminder:1:24h", chat_id=1, due=due, text="Hi")
    assert not await box.schedule(key="reminder:1:24h", chat_id=1, due=due, text="Hi again")
    assert await _count(db) == 1
    assert await box.next_due() == due


async def test_schedule_keeps_buttons_attachment_and_render_refs(
    db: Database, clock: FakeClock
) -> None:
    box = Outbox(db, clock)
    assert await box.schedule(
        key="a",
        chat_id=2,
        due=clock.now(),
        render=RenderRef("reminder", {"reg": 5}),
        buttons=[[Button("Open", callback_data="ev:v1:open:5")]],
        attachment=Attachment("document", data=b"BEGIN:VCALENDAR", filename="e.ics"),
    )
    stats = await box.stats()
    assert stats.count(PENDING) == 1


async def test_cancel_by_key_and_prefix(db: Database, clock: FakeClock) -> None:
    box = Outbox(db, clock)
    due = clock.now() + timedelta(hours=1)
    for key in ["reminder:7:24h", "reminder:7:1h", "reminder:8:24h", "offer:7"]:
        await box.schedule(key=key, chat_id=7, due=due, text="x")
    assert await box.cancel(key="offer:7") == 1
    assert await box.cancel(prefix="reminder:7:") == 2
    assert await box.cancel(prefix="reminder:7:") == 0  # pending only
    assert await box.status_of("reminder:7:24h") == CANCELLED
    assert await box.status_of("reminder:8:24h") == PENDING


async def test_prefix_wildcards_are_literal(db: Database, clock: FakeClock) -> None:
    box = Outbox(db, clock)
    await box.schedule(key="ev_1:x", chat_id=1, due=clock.now(), text="x")
    await box.schedule(key="evA1:x", chat_id=1, due=clock.now(), text="x")
    assert await box.cancel(prefix="ev_") == 1


async def test_schedule_joins_the_callers_transaction(db: Database, clock: FakeClock) -> None:
    box = Outbox(db, clock)
    woken: list[object] = []
    box.add_listener(woken.append)

    class Abort(Exception):
        pass

    try:
        async with write_transaction(db) as conn:
            assert await box.schedule(key="k", chat_id=1, due=clock.now(), text="x", conn=conn)
            raise Abort
    except Abort:
        pass
    assert await _count(db) == 0 and woken == []
    async with write_transaction(db) as conn:
        await box.schedule(key="k", chat_id=1, due=clock.now(), text="x", conn=conn)
        assert woken == []  # not before the commit: the sender would not see the row
    assert await _count(db) == 1 and woken == [clock.now()]


async def test_blocked_users_are_not_queued(db: Database, clock: FakeClock) -> None:
    users = UserStore(db)
    for uid in (1, 2, 3):
        await users.seen(uid, "en", clock.now())
    await users.mark_blocked(2, clock.now())
    box = Outbox(db, clock)
    assert not await box.schedule(key="one", chat_id=2, due=clock.now(), text="x")
    rows = [Scheduled(f"bc:1:{uid}", uid, clock.now(), text="x") for uid in (1, 2, 3)]
    assert await box.schedule_many(rows) == 2
    assert await box.schedule_many(rows) == 0  # idempotent in bulk too


async def test_schedule_many_queues_thousands(db: Database, clock: FakeClock) -> None:
    box = Outbox(db, clock)
    rows = [
        Scheduled(f"bc:9:{uid}", uid, clock.now(), text="<b>News</b>", kind="broadcast")
        for uid in range(1, 2001)
    ]
    assert await box.schedule_many(rows) == 2000
    assert await _count(db) == 2000


async def test_stats_count_by_status(db: Database, clock: FakeClock) -> None:
    box = Outbox(db, clock)
    await box.schedule(key="a", chat_id=1, due=clock.now(), text="x")
    await box.schedule(key="b", chat_id=1, due=clock.now(), text="x")
    await box.cancel(key="b")
    stats = await box.stats()
    assert stats.counts == {PENDING: 1, CANCELLED: 1}
