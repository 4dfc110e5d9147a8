"""The registry's SQL: rows into models and the statements the commands share.

Every function runs inside a connection (and usually a transaction) the caller owns.
"""

from __future__ import annotations

import secrets
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, case, func, insert, literal, or_, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from registry import fields
from registry.models import (
    HOLDS_SEAT,
    Event,
    EventStatus,
    EventText,
    Mode,
    Offer,
    OfferStatus,
    Registration,
    RegStatus,
    SeatRequest,
)
from registry.tables import event_texts, events, offers, registrations


def event_from(row: Any, texts: dict[str, EventText]) -> Event:
    m = row._mapping
    columns = {name: m[name] for name in fields.COLUMNS}
    columns["phone_required"] = bool(columns["phone_required"])
    return Event(
        id=m["id"],
        status=EventStatus(m["status"]),
        default_language=m["default_language"],
        texts=texts,
        created_by=m["created_by"],
        **columns,
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
        seat_request=SeatRequest(m["seat_request"]) if m["seat_request"] else None,
    )


def offer_from(row: Any) -> Offer:
    m = row._mapping
    return Offer(
        id=m["id"],
        registration_id=m["registration_id"],
        event_id=m["event_id"],
        status=OfferStatus(m["status"]),
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


# No 0/O, 1/I/L: codes are read aloud at the door.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6


def stamp(when: datetime) -> str:
    """A dedupe-key suffix: one notice per change."""
    return str(int(when.timestamp()))


def sub_row(row: Any, table: Any) -> Any:
    """The columns of one table out of a joined row, as a row-like object."""

    class _Row:
        _mapping = {c.name: row._mapping[c] for c in table.c}

    return _Row()


async def write_texts(conn: AsyncConnection, event_id: int, texts: Any) -> None:
    for text in texts:
        await conn.execute(
            event_texts.delete().where(
                event_texts.c.event_id == event_id, event_texts.c.language == text.language
            )
        )
        await conn.execute(
            insert(event_texts).values(
                event_id=event_id,
                language=text.language,
                title=text.title,
                description=text.description or "",
            )
        )


def _online_asking(request: SeatRequest) -> ColumnElement[bool]:
    """A confirmed online place whose holder asked for a seat (and where that stands)."""
    return and_(
        registrations.c.mode == Mode.ONLINE.value,
        registrations.c.status == RegStatus.CONFIRMED.value,
        registrations.c.seat_request == request.value,
    )


def holds_seat() -> ColumnElement[bool]:
    """A seat in the room is taken: a seat or an offer offline, or an offer to an online
    registrant who asked for a seat. The one statement of it in SQL (Registration.seat_offered
    and HOLDS_SEAT say the same in Python)."""
    return or_(
        and_(
            registrations.c.mode == Mode.OFFLINE.value,
            registrations.c.status.in_([s.value for s in HOLDS_SEAT]),
        ),
        _online_asking(SeatRequest.OFFERED),
    )


def in_queue() -> ColumnElement[bool]:
    """In the room's waiting list: waiting offline, or online and asking for a seat."""
    return or_(
        registrations.c.status == RegStatus.WAITING.value, _online_asking(SeatRequest.WAITING)
    )


async def seats_held(conn: AsyncConnection, event_id: int) -> int:
    query = select(func.count()).where(registrations.c.event_id == event_id, holds_seat())
    return int((await conn.execute(query)).scalar_one())


async def locked_offer(
    conn: AsyncConnection, offer_id: int, user_id: int
) -> tuple[Offer, Event, Registration] | None:
    """The person's own offer, read again once its event is locked (it may have just lapsed)."""
    offer = await load_offer(conn, offer_id)
    if offer is None:
        return None
    event = await load_event(conn, offer.event_id, lock=True)
    reg = await load_registration(conn, offer.registration_id)
    offer = await load_offer(conn, offer_id)
    if event is None or reg is None or offer is None or reg.user_id != user_id:
        return None
    return offer, event, reg


async def own_registration_locked(
    conn: AsyncConnection, registration_id: int, user_id: int
) -> tuple[Registration, Event] | None:
    """The person's own registration and its event, the event locked and the registration
    read again under the lock (a tap a moment ago may have changed it)."""
    reg = await load_registration(conn, registration_id)
    if reg is None or reg.user_id != user_id:
        return None
    event = await load_event(conn, reg.event_id, lock=True)
    fresh = await load_registration(conn, registration_id)
    if event is None or fresh is None:
        return None
    return fresh, event


async def seats_and_existing(
    conn: AsyncConnection, event_id: int, user_id: int
) -> tuple[int, int, int | None]:
    """Seats held, people waiting, and this person's registration id, in one query."""
    mine = (
        select(registrations.c.id)
        .where(registrations.c.event_id == event_id, registrations.c.user_id == user_id)
        .scalar_subquery()
    )
    query = select(
        func.coalesce(func.sum(case((holds_seat(), 1), else_=0)), 0),
        func.coalesce(func.sum(case((in_queue(), 1), else_=0)), 0),
        mine,
    ).where(registrations.c.event_id == event_id)
    taken, waiting, existing_id = (await conn.execute(query)).one()
    return int(taken), int(waiting), existing_id


async def insert_with_new_code(conn: AsyncConnection, values: dict[str, Any]) -> tuple[int, str]:
    """Insert with a short check-in code unique within the event, in one statement a try.

    INSERT … SELECT … WHERE NOT EXISTS inserts nothing on a clash, so the loop
    tries another code; under the event lock nobody else takes codes meanwhile.
    """
    names = [*values, "code"]
    for _ in range(50):
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        clash = (
            select(registrations.c.id)
            .where(registrations.c.event_id == values["event_id"], registrations.c.code == code)
            .exists()
        )
        row = select(
            *(
                literal(value, type_=registrations.c[name].type)
                for name, value in [*values.items(), ("code", code)]
            )
        ).where(~clash)
        stmt = insert(registrations).from_select(names, row).returning(registrations.c.id)
        reg_id = (await conn.execute(stmt)).scalar()
        if reg_id is not None:
            return int(reg_id), code
    raise RuntimeError(f"no free check-in code for event {values['event_id']}")


async def close_open_offers(
    conn: AsyncConnection, registration_id: int, status: OfferStatus, now: datetime
) -> None:
    """The registration's open offer (if any) ends as `status`."""
    await conn.execute(
        update(offers)
        .where(offers.c.registration_id == registration_id, offers.c.status == OfferStatus.OPEN)
        .values(status=status, closed_at=now)
    )


async def drop_seat_request(conn: AsyncConnection, registration_id: int) -> bool:
    """An online registrant leaves the room's queue (or an offer closes): the online place
    stays, and the phone number given for the room is forgotten (an online place needs
    none). False when the registration is no online place asking for a seat."""
    result = await conn.execute(
        update(registrations)
        .where(
            registrations.c.id == registration_id,
            registrations.c.mode == Mode.ONLINE.value,
            registrations.c.seat_request.is_not(None),
        )
        .values(seat_request=None, queued_at=None, phone=None)
    )
    return bool(result.rowcount)


async def count_status(conn: AsyncConnection, event_id: int, status: RegStatus) -> int:
    query = select(func.count()).where(
        registrations.c.event_id == event_id, registrations.c.status == status.value
    )
    return int((await conn.execute(query)).scalar_one())


async def registration_of_user(
    conn: AsyncConnection, event_id: int, user_id: int
) -> Registration | None:
    row = (
        await conn.execute(
            select(registrations).where(
                registrations.c.event_id == event_id, registrations.c.user_id == user_id
            )
        )
    ).first()
    return registration_from(row) if row else None


async def waiting_position(conn: AsyncConnection, reg: Registration) -> int | None:
    if not reg.in_queue or reg.queued_at is None:
        return None
    ahead = select(func.count()).where(
        registrations.c.event_id == reg.event_id,
        in_queue(),
        (registrations.c.queued_at < reg.queued_at)
        | ((registrations.c.queued_at == reg.queued_at) & (registrations.c.id < reg.id)),
    )
    return int((await conn.execute(ahead)).scalar_one()) + 1
