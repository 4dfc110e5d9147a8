"""The waiting list inside a locked transaction: seats offered, offers lapsed, people told.

An offer is never shorter than MIN_OFFER, and shorter close to the event, so a
lapse still leaves time for the next person.
"""

from __future__ import annotations

import logging
from datetime import datetime, time, timedelta

from sqlalchemy import insert, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from registry import reminders
from registry.base import RegistryBase
from registry.models import (
    ACTIVE,
    Event,
    EventStatus,
    Offer,
    OfferStatus,
    Registration,
    RegStatus,
    SeatRequest,
)
from registry.sql import (
    drop_seat_request,
    in_queue,
    registration_from,
    seats_held,
    stamp,
)
from registry.tables import offers, registrations
from registry.timeparse import zone

log = logging.getLogger(__name__)

# An offer is never shorter than this, even an hour before the start.
MIN_OFFER = timedelta(minutes=15)
# Nobody should lose a seat while asleep: an offer that would lapse at night where the
# event is (NIGHT_FROM..MORNING, local time) stays open until MORNING, if the event
# leaves time for that (it still closes an hour before the start, for the next person).
NIGHT_FROM = time(21, 0)
MORNING = time(10, 0)
BEFORE_START = timedelta(hours=1)


def offer_deadline(event: Event, now: datetime, hours: float) -> datetime:
    """When an offer made now lapses: `hours`, shorter close to the event, never at night."""
    left = event.start_at - now
    # Shorter close to the event: half the time left, so a lapse still leaves time.
    ttl = min(timedelta(hours=hours), left / 2)
    expires = now + max(ttl, min(MIN_OFFER, left))
    tz = zone(event.timezone)
    local = expires.astimezone(tz)
    clock = local.time()
    if clock >= NIGHT_FROM or clock < MORNING:
        day = local.date() + timedelta(days=1) if clock >= NIGHT_FROM else local.date()
        morning = datetime.combine(day, MORNING, tzinfo=tz)
        latest = event.start_at - BEFORE_START
        expires = max(expires, min(morning, latest))
    return expires


class WaitingList(RegistryBase):
    """What commands and retention share: run with the event's row locked."""

    async def _active(self, conn: AsyncConnection, event_id: int) -> list[Registration]:
        rows = (
            await conn.execute(
                select(registrations).where(
                    registrations.c.event_id == event_id,
                    registrations.c.status.in_([s.value for s in ACTIVE]),
                )
            )
        ).all()
        return [registration_from(r) for r in rows]

    async def _promote(self, conn: AsyncConnection, event: Event, now: datetime) -> list[Offer]:
        """Offer free seats to the people waiting longest. The event row is locked."""
        if event.capacity is None or event.status != EventStatus.PUBLISHED or now >= event.start_at:
            return []
        free = event.capacity - await seats_held(conn, event.id)
        if free <= 0:
            return []
        # One queue: people waiting offline and online registrants asking for a seat.
        rows = (
            await conn.execute(
                select(registrations)
                .where(registrations.c.event_id == event.id, in_queue())
                .order_by(registrations.c.queued_at, registrations.c.id)
                .limit(free)
            )
        ).all()
        expires = offer_deadline(event, now, self.offer_hours)
        made = []
        for row in rows:
            reg = registration_from(row)
            # Online registrants keep their online place while the seat is offered.
            held = (
                {"seat_request": SeatRequest.OFFERED.value}
                if reg.online_place
                else {"status": RegStatus.OFFERED.value}
            )
            await conn.execute(
                update(registrations).where(registrations.c.id == reg.id).values(**held)
            )
            offer_id = (
                await conn.execute(
                    insert(offers)
                    .values(
                        registration_id=reg.id,
                        event_id=event.id,
                        status=OfferStatus.OPEN,
                        created_at=now,
                        expires_at=expires,
                    )
                    .returning(offers.c.id)
                )
            ).scalar_one()
            offer = Offer(offer_id, reg.id, event.id, OfferStatus.OPEN, now, expires)
            await reminders.schedule_offer(self.outbox, conn, offer, reg.user_id, now)
            made.append(offer)
        if made:
            log.info("event %s: %s seats offered", event.id, len(made))
        return made

    async def _lapse(self, conn: AsyncConnection, offer: Offer, now: datetime) -> None:
        """The person did not answer in time: they leave the queue and the seat moves on
        (an online registrant keeps the online place)."""
        await conn.execute(
            update(offers)
            .where(offers.c.id == offer.id)
            .values(status=OfferStatus.LAPSED, closed_at=now)
        )
        if await drop_seat_request(conn, offer.registration_id):
            await reminders.schedule_lapse_notice(self.outbox, conn, offer, now)
            return
        await conn.execute(
            update(registrations)
            .where(
                registrations.c.id == offer.registration_id,
                registrations.c.status == RegStatus.OFFERED.value,
            )
            .values(status=RegStatus.LAPSED.value, cancelled_at=now)
        )
        await reminders.cancel_for_registration(self.outbox, conn, offer.registration_id)
        await reminders.schedule_lapse_notice(self.outbox, conn, offer, now)

    async def _notify_change(
        self, conn: AsyncConnection, event: Event, what: list[str], now: datetime
    ) -> int:
        regs = await self._active(conn, event.id)
        for reg in regs:
            await reminders.notify(
                self.outbox,
                conn,
                kind="changed",
                event=event,
                reg=reg,
                now=now,
                stamp=stamp(now),
                what=what,
            )
        return len(regs)

    async def _reschedule_reminders(
        self, conn: AsyncConnection, event: Event, now: datetime
    ) -> None:
        for reg in await self._active(conn, event.id):
            await reminders.cancel_for_registration(self.outbox, conn, reg.id)
            await reminders.schedule_for_registration(
                self.outbox, conn, reg, event, self.reminder_offsets_hours, now
            )
