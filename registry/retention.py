"""Retention and erasure: what the registry forgets, and when.

Registrations of events that ended DATA_RETENTION_DAYS ago are anonymised;
/forget anonymises a person's registrations at once. Counts, modes, languages
and check-ins stay, so the funders' report still adds up.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from core.storage import write_transaction
from registry import reminders
from registry.models import (
    HOLDS_SEAT,
    EventStatus,
    Mode,
    OfferStatus,
    RegStatus,
)
from registry.sql import (
    load_event,
    registration_from,
)
from registry.tables import events, offers, registrations
from registry.waitlist import WaitingList

log = logging.getLogger(__name__)


class Retention(WaitingList):
    """Anonymise past events; erase one person."""

    async def anonymise_past(self, older_than: timedelta) -> int:
        """Forget names, phones and who registered for events that ended long enough ago.

        Counts, modes, languages and check-ins stay, so the funders' report still
        adds up; the door list of an old event names nobody.
        """
        cutoff = self.clock.now() - older_than
        async with write_transaction(self.db) as conn:
            rows = (
                await conn.execute(
                    select(events.c.id, events.c.start_at, events.c.duration_minutes).where(
                        events.c.status.in_(
                            [EventStatus.FINISHED.value, EventStatus.CANCELLED.value]
                        ),
                        events.c.start_at < cutoff,
                    )
                )
            ).all()
            old = [
                r.id for r in rows if r.start_at + timedelta(minutes=r.duration_minutes) < cutoff
            ]
            if not old:
                return 0
            result = await conn.execute(
                update(registrations)
                .where(registrations.c.event_id.in_(old), registrations.c.user_id > 0)
                # A negative id keeps the unique key and the counts, and points to nobody.
                .values(user_id=-registrations.c.id, name="—", phone=None)
            )
        return result.rowcount or 0

    async def erase_user(self, user_id: int) -> int:
        """/forget: cancel and anonymise the person's registrations; freed seats move on."""
        now = self.clock.now()
        async with write_transaction(self.db) as conn:
            regs = (
                (
                    await conn.execute(
                        select(registrations.c.id).where(registrations.c.user_id == user_id)
                    )
                )
                .scalars()
                .all()
            )
            for reg_id in regs:
                await reminders.cancel_for_registration(self.outbox, conn, reg_id)
            for event_id in set(await erase_registrations(conn, user_id)):
                event = await load_event(conn, event_id, lock=True)
                if event is not None:
                    await self._promote(conn, event, now)
        return len(regs)


async def erase_registrations(conn: AsyncConnection, user_id: int) -> list[int]:
    """Anonymise the person's registrations; returns the events whose seats freed up."""
    rows = (
        await conn.execute(select(registrations).where(registrations.c.user_id == user_id))
    ).all()
    freed = []
    for row in rows:
        reg = registration_from(row)
        if (reg.status in HOLDS_SEAT and reg.mode == Mode.OFFLINE) or reg.seat_offered:
            freed.append(reg.event_id)
        status = RegStatus.CANCELLED.value if reg.active else reg.status.value
        await conn.execute(
            update(registrations)
            .where(registrations.c.id == reg.id)
            # A negative id keeps the unique key and the counts, and points to nobody.
            .values(user_id=-reg.id, name="—", phone=None, status=status, seat_request=None)
        )
        await conn.execute(
            update(offers)
            .where(offers.c.registration_id == reg.id, offers.c.status == OfferStatus.OPEN)
            .values(status=OfferStatus.WITHDRAWN)
        )
    return freed
