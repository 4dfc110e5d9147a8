"""Broadcast audiences from the event registry: one event's registrants or its waiting list."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import ColumnElement, select
from sqlalchemy.ext.asyncio import AsyncConnection

from core.clock import Clock
from registry.models import EventStatus, RegStatus
from registry.sql import in_queue
from registry.tables import event_texts, events, registrations
from scheduler.broadcasts import AudienceChoice

# Organizers write to an event's people shortly after it too ("slides are online").
RECENT = timedelta(days=7)


class _EventAudience:
    kind: str
    statuses: tuple[RegStatus, ...]
    label_prefix: str

    def __init__(self, clock: Clock) -> None:
        self._clock = clock

    async def choices(self, conn: AsyncConnection) -> list[AudienceChoice]:
        query = (
            select(events.c.id, events.c.start_at, event_texts.c.title)
            .join(
                event_texts,
                (event_texts.c.event_id == events.c.id)
                & (event_texts.c.language == events.c.default_language),
            )
            .where(events.c.status.in_([EventStatus.PUBLISHED, EventStatus.FINISHED]))
            .where(events.c.start_at >= self._clock.now() - RECENT)
            .order_by(events.c.start_at)
            .limit(10)
        )
        rows = (await conn.execute(query)).all()
        return [
            AudienceChoice(
                str(event_id),
                f"{self.label_prefix} {title} ({start:%d.%m})",
                title=title,
                day=f"{start:%d.%m}",
            )
            for event_id, start, title in rows
        ]

    async def recipients(self, conn: AsyncConnection, arg: str) -> list[int]:
        if not (arg.isascii() and arg.isdigit()) or len(arg) > 12:
            return []
        query = (
            select(registrations.c.user_id)
            .where(registrations.c.event_id == int(arg))
            .where(self._who())
            .distinct()
            .order_by(registrations.c.user_id)
        )
        return list((await conn.execute(query)).scalars())

    def _who(self) -> ColumnElement[bool]:
        return registrations.c.status.in_(list(self.statuses))

    async def describe(self, conn: AsyncConnection, arg: str) -> str | None:
        if not (arg.isascii() and arg.isdigit()) or len(arg) > 12:
            return None
        query = (
            select(event_texts.c.title)
            .join(events, events.c.id == event_texts.c.event_id)
            .where(events.c.id == int(arg))
            .where(event_texts.c.language == events.c.default_language)
        )
        title = (await conn.execute(query)).scalar()
        return f"{self.label_prefix} {title}" if title is not None else None


class RegistrantsAudience(_EventAudience):
    """Everyone holding a seat or an online place (not the waiting list)."""

    kind = "ev_reg"
    statuses = (RegStatus.CONFIRMED, RegStatus.OFFERED)
    label_prefix = "👥"


class WaitingListAudience(_EventAudience):
    """People waiting for a seat: offline, and online registrants asking for one."""

    kind = "ev_wait"
    statuses = (RegStatus.WAITING,)
    label_prefix = "⏳"

    def _who(self) -> ColumnElement[bool]:
        return in_queue()
