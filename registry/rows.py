"""Loading registry rows into models, inside a connection the caller owns."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncConnection

from registry.models import (
    Event,
    EventStatus,
    EventText,
    Mode,
    Offer,
    Registration,
    RegStatus,
)
from registry.tables import event_texts, events, offers, registrations


def event_from(row: Any, texts: dict[str, EventText]) -> Event:
    m = row._mapping
    return Event(
        id=m["id"],
        status=EventStatus(m["status"]),
        start_at=m["start_at"],
        duration_minutes=m["duration_minutes"],
        timezone=m["timezone"],
        default_language=m["default_language"],
        texts=texts,
        venue_name=m["venue_name"],
        venue_address=m["venue_address"],
        capacity=m["capacity"],
        phone_required=bool(m["phone_required"]),
        zoom_id=m["zoom_id"],
        zoom_passcode=m["zoom_passcode"],
        online_url=m["online_url"],
        livestream_url=m["livestream_url"],
        registration_deadline=m["registration_deadline"],
        contact=m["contact"],
        created_by=m["created_by"],
    )


def registration_from(row: Any) -> Registration:
    m = row._mapping
    return Registration(
        id=m["id"],
        event_id=m["event_id"],
        user_id=m["user_id"],
        mode=Mode(m["mode"]),
        status=RegStatus(m["status"]),
        name=m["name"],
        phone=m["phone"],
        code=m["code"],
        language=m["language"],
        created_at=m["created_at"],
        queued_at=m["queued_at"],
        checked_in_at=m["checked_in_at"],
        cancelled_at=m["cancelled_at"],
    )


def offer_from(row: Any) -> Offer:
    m = row._mapping
    return Offer(
        id=m["id"],
        registration_id=m["registration_id"],
        event_id=m["event_id"],
        status=m["status"],
        created_at=m["created_at"],
        expires_at=m["expires_at"],
    )


async def load_texts(
    conn: AsyncConnection, event_ids: list[int]
) -> dict[int, dict[str, EventText]]:
    found: dict[int, dict[str, EventText]] = {i: {} for i in event_ids}
    if not event_ids:
        return found
    rows = await conn.execute(select(event_texts).where(event_texts.c.event_id.in_(event_ids)))
    for row in rows:
        m = row._mapping
        found[m["event_id"]][m["language"]] = EventText(m["language"], m["title"], m["description"])
    return found


async def load_event(
    conn: AsyncConnection, event_id: int, *, lock: bool = False, texts: bool = True
) -> Event | None:
    """The event; with `lock`, its row stays locked to the end of the transaction (PostgreSQL)."""
    query = select(events).where(events.c.id == event_id)
    if lock:
        # SQLite ignores FOR UPDATE; there the transaction began IMMEDIATE instead.
        query = query.with_for_update()
    row = (await conn.execute(query)).first()
    if row is None:
        return None
    if not texts:
        # Deciding a registration needs no titles; one query less on the hot path.
        return event_from(row, {})
    found = await load_texts(conn, [event_id])
    return event_from(row, found[event_id])


async def load_registration(conn: AsyncConnection, registration_id: int) -> Registration | None:
    row = (
        await conn.execute(select(registrations).where(registrations.c.id == registration_id))
    ).first()
    return registration_from(row) if row else None


async def load_offer(conn: AsyncConnection, offer_id: int) -> Offer | None:
    row = (await conn.execute(select(offers).where(offers.c.id == offer_id))).first()
    return offer_from(row) if row else None
