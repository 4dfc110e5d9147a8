"""Read models: what handlers show (cards, lists, counts, door lists, reports).

Reads only; nothing here takes a lock or writes.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from sqlalchemy import and_, case, func, select

from registry.base import RegistryBase
from registry.models import (
    ACTIVE,
    Counts,
    Event,
    EventCard,
    EventStatus,
    Mode,
    Offer,
    OfferStatus,
    Registration,
    RegStatus,
    Report,
)
from registry.sql import (
    event_from,
    holds_seat,
    in_queue,
    load_event,
    load_offer,
    load_registration,
    load_texts,
    offer_from,
    registration_from,
    registration_of_user,
    sub_row,
    waiting_position,
)
from registry.tables import events, offers, registrations

log = logging.getLogger(__name__)


class EventQueries(RegistryBase):
    """Events, registrations and offers as plain values."""

    async def get(self, event_id: int) -> Event | None:
        async with self.db.connect() as conn:
            return await load_event(conn, event_id)

    async def upcoming(self, *, include_drafts: bool = False) -> list[Event]:
        """Published events that have not ended, soonest first (drafts too for organizers)."""
        now = self.clock.now()
        statuses = [EventStatus.PUBLISHED.value]
        if include_drafts:
            statuses.append(EventStatus.DRAFT.value)
        async with self.db.connect() as conn:
            rows = (
                await conn.execute(
                    select(events)
                    .where(events.c.status.in_(statuses))
                    .order_by(events.c.start_at, events.c.id)
                )
            ).all()
            texts = await load_texts(conn, [r._mapping["id"] for r in rows])
        found = [event_from(r, texts[r._mapping["id"]]) for r in rows]
        return [e for e in found if e.end_at > now]

    async def all_events(self) -> list[Event]:
        async with self.db.connect() as conn:
            rows = (await conn.execute(select(events).order_by(events.c.id))).all()
            texts = await load_texts(conn, [r._mapping["id"] for r in rows])
        return [event_from(r, texts[r._mapping["id"]]) for r in rows]

    async def registration(self, registration_id: int) -> Registration | None:
        async with self.db.connect() as conn:
            return await load_registration(conn, registration_id)

    async def registration_of(self, event_id: int, user_id: int) -> Registration | None:
        async with self.db.connect() as conn:
            return await registration_of_user(conn, event_id, user_id)

    async def position(self, registration: Registration) -> int | None:
        async with self.db.connect() as conn:
            return await waiting_position(conn, registration)

    async def my_registrations(self, user_id: int) -> list[tuple[Registration, Event]]:
        """Active registrations for events that have not ended, soonest first."""
        now = self.clock.now()
        async with self.db.connect() as conn:
            rows = (
                await conn.execute(
                    select(registrations, events)
                    .join(events, events.c.id == registrations.c.event_id)
                    .where(
                        registrations.c.user_id == user_id,
                        registrations.c.status.in_([s.value for s in ACTIVE]),
                        events.c.status == EventStatus.PUBLISHED.value,
                    )
                    .order_by(events.c.start_at)
                )
            ).all()
            ids = [r._mapping[registrations.c.event_id] for r in rows]
            texts = await load_texts(conn, ids)
            found = []
            for row in rows:
                reg = registration_from(sub_row(row, registrations))
                event = event_from(sub_row(row, events), texts[reg.event_id])
                if event.end_at > now:
                    found.append((reg, event))
        return found

    async def open_offer_for(self, registration_id: int) -> Offer | None:
        async with self.db.connect() as conn:
            row = (
                await conn.execute(
                    select(offers).where(
                        offers.c.registration_id == registration_id,
                        offers.c.status == OfferStatus.OPEN,
                    )
                )
            ).first()
        return offer_from(row) if row else None

    async def offer(self, offer_id: int) -> Offer | None:
        async with self.db.connect() as conn:
            return await load_offer(conn, offer_id)

    async def counts(self, event_id: int) -> Counts | None:
        async with self.db.connect() as conn:
            event = await load_event(conn, event_id)
            if event is None:
                return None
            status, mode = registrations.c.status, registrations.c.mode
            offline = mode == Mode.OFFLINE.value

            def n(condition: Any) -> Any:
                return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)

            row = (
                await conn.execute(
                    select(
                        n(and_(offline, status == RegStatus.CONFIRMED.value)),
                        # Offers holding a seat: offline, and to online registrants.
                        n(and_(holds_seat(), ~and_(offline, status == RegStatus.CONFIRMED.value))),
                        n(in_queue()),
                        n(and_(mode == Mode.ONLINE.value, status == RegStatus.CONFIRMED.value)),
                        n(status.in_([RegStatus.CANCELLED.value, RegStatus.LAPSED.value])),
                        n(registrations.c.checked_in_at.is_not(None)),
                        n(and_(in_queue(), mode == Mode.ONLINE.value)),
                    ).where(registrations.c.event_id == event_id)
                )
            ).one()
        confirmed, offered, waiting, online, cancelled, checked_in, waiting_online = (
            int(v) for v in row
        )
        return Counts(
            capacity=event.capacity,
            seats_taken=confirmed + offered,
            offered=offered,
            waiting=waiting,
            online=online,
            cancelled=cancelled,
            checked_in=checked_in,
            waiting_online=waiting_online,
        )

    async def door_list(self, event_id: int) -> list[Registration]:
        """Everyone registered or waiting, seats first, then the queue, then the rest."""
        async with self.db.connect() as conn:
            rows = (
                await conn.execute(
                    select(registrations)
                    .where(registrations.c.event_id == event_id)
                    .order_by(registrations.c.id)
                )
            ).all()
        order = {s: i for i, s in enumerate(RegStatus)}
        regs = [registration_from(r) for r in rows]
        return sorted(regs, key=lambda r: (r.mode != Mode.OFFLINE, order[r.status], r.id))

    async def report(self, event_id: int) -> Report | None:
        """For funders: registered, attended, no-shows, offline/online, by language."""
        async with self.db.connect() as conn:
            rows = (
                await conn.execute(
                    select(registrations).where(
                        registrations.c.event_id == event_id,
                        registrations.c.status == RegStatus.CONFIRMED.value,
                    )
                )
            ).all()
            exists = (
                await conn.execute(
                    select(events.c.id, events.c.start_at, events.c.duration_minutes).where(
                        events.c.id == event_id
                    )
                )
            ).first()
        if exists is None:
            return None
        ended = self.clock.now() >= exists.start_at + timedelta(minutes=exists.duration_minutes)
        regs = [registration_from(r) for r in rows]
        offline = [r for r in regs if r.mode == Mode.OFFLINE]
        attended = sum(1 for r in offline if r.checked_in_at is not None)
        by_language: dict[str, int] = {}
        for r in regs:
            by_language[r.language] = by_language.get(r.language, 0) + 1
        return Report(
            registered=len(regs),
            attended=attended,
            no_shows=len(offline) - attended if ended else None,
            offline=len(offline),
            online=len(regs) - len(offline),
            by_language=dict(sorted(by_language.items())),
        )

    async def card(self, event_id: int, user_id: int | None) -> EventCard | None:
        """The event card's read model; None when there is no such event."""
        event = await self.get(event_id)
        counts = await self.counts(event_id)
        if event is None or counts is None:
            return None
        mine = await self.registration_of(event_id, user_id) if user_id is not None else None
        position = await self.position(mine) if mine is not None and mine.active else None
        return EventCard(event, counts, mine, position, self.clock.now())
