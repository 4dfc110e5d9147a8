"""Delivered outbox rows stop naming their recipient after the retention period."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from core.clock import FakeClock
from core.storage import Database
from scheduler.outbox import PENDING, SENT, Outbox
from scheduler.personal_data import OutboxData
from scheduler.sender import Sender
from scheduler.tables import outbox
from tests.events.helpers import RecordingTransport


async def test_old_settled_rows_are_anonymised_and_the_rest_kept(
    db: Database, clock: FakeClock
) -> None:
    box = Outbox(db, clock)
    await box.schedule(key="old:1", chat_id=501, due=clock.now(), text="Old news for 501")
    sender = Sender(db, clock, RecordingTransport(), rate_per_second=None, per_chat_limits=False)
    await sender.run_due()
    clock.advance(days=91)
    await box.schedule(key="new:1", chat_id=502, due=clock.now(), text="Fresh news")
    await box.schedule(key="later:1", chat_id=503, due=clock.now() + timedelta(days=1), text="x")
    await sender.run_due()
    assert await OutboxData(db).anonymise_settled(clock.now() - timedelta(days=90)) == 1
    async with db.connect() as conn:
        rows = {
            r.id: r
            for r in await conn.execute(
                select(outbox.c.id, outbox.c.chat_id, outbox.c.text, outbox.c.status)
            )
        }
    kept = sorted((r.chat_id, r.status) for r in rows.values())
    assert kept == [(0, SENT), (502, SENT), (503, PENDING)]
    assert all(r.text is None for r in rows.values() if r.chat_id == 0)
    # A second run finds nothing more to do.
    assert await OutboxData(db).anonymise_settled(clock.now() - timedelta(days=90)) == 0
