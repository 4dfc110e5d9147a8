"""Reminders, waiting-list offers and change notices, queued through the outbox.

Rows are queued inside the registry's own transaction (`conn=`), so they exist
exactly when the registration does. Texts are rendered at send time, in the
person's current language, and a renderer returns None (the row is dropped)
when the registration or event no longer warrants the message.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime, timedelta
from typing import Any, Protocol

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncConnection

from core import callbacks
from core.clock import Clock
from core.i18n import Translator
from core.storage.tables import users
from registry import render
from registry.ics import calendar_file, calendar_filename
from registry.models import Event, EventStatus, Mode, Offer, Registration, RegStatus
from registry.sql import load_event, load_offer, load_registration
from scheduler.content import Attachment, Button, Rendered, RenderRef
from scheduler.outbox import Scheduled
from scheduler.tables import outbox as outbox_rows

REMINDER = "registry.reminder"
OFFER = "registry.offer"
LAPSED = "registry.offer-lapsed"
CHANGED = "registry.changed"
CANCELLED = "registry.cancelled"


class OutboxLike(Protocol):
    """What the registry needs from scheduler.outbox.Outbox."""

    async def schedule(
        self,
        *,
        key: str,
        chat_id: int,
        due: datetime,
        text: str | None = None,
        render: RenderRef | None = None,
        buttons: Any = None,
        document: Any = None,
        kind: str = "message",
        respects_quiet_hours: bool = False,
        not_after: datetime | None = None,
        conn: Any = None,
    ) -> bool: ...

    async def cancel(
        self, key: str | None = None, prefix: str | None = None, conn: Any = None
    ) -> int: ...


def reminder_prefix(registration_id: int) -> str:
    return f"reminder:{registration_id}:"


def reminder_key(reg: Registration, event: Event, hours: int) -> str:
    # The registration's and the event's times in the key: a re-registration or a
    # moved event gets fresh rows, while a repeat of the same call stays one row.
    stamp = f"{int(reg.created_at.timestamp())}-{int(event.start_at.timestamp())}"
    return f"{reminder_prefix(reg.id)}{stamp}:{hours}h"


async def schedule_for_registration(
    outbox: OutboxLike | None,
    conn: AsyncConnection,
    reg: Registration,
    event: Event,
    offsets_hours: Sequence[int],
    now: datetime,
) -> int:
    """One row per offset still ahead; a reminder whose time has passed is not sent late."""
    if outbox is None:
        return 0
    rows = [
        Scheduled(
            key=reminder_key(reg, event, hours),
            chat_id=reg.user_id,
            due=event.start_at - timedelta(hours=hours),
            render=RenderRef(REMINDER, {"registration_id": reg.id, "hours": hours}),
            not_after=event.start_at,
        )
        for hours in offsets_hours
        if event.start_at - timedelta(hours=hours) > now
    ]
    if not rows:
        return 0
    schedule_many = getattr(outbox, "schedule_many", None)
    if schedule_many is not None:
        # One INSERT for all offsets, no blocked-user check: the person registering
        # is in the chat right now. Registration is the hot path.
        return int(await schedule_many(rows, conn=conn, recipient_present=True))
    queued = 0
    for row in rows:
        queued += await outbox.schedule(
            key=row.key,
            chat_id=row.chat_id,
            due=row.due,
            render=row.render,
            not_after=row.not_after,
            conn=conn,
        )
    return queued


async def cancel_for_registration(
    outbox: OutboxLike | None, conn: AsyncConnection, registration_id: int
) -> int:
    if outbox is None:
        return 0
    return await outbox.cancel(prefix=reminder_prefix(registration_id), conn=conn)


async def schedule_offer(
    outbox: OutboxLike | None, conn: AsyncConnection, offer: Offer, user_id: int, now: datetime
) -> None:
    if outbox is None:
        return
    await outbox.schedule(
        key=f"offer:{offer.id}",
        chat_id=user_id,
        due=now,
        render=RenderRef(OFFER, {"offer_id": offer.id}),
        not_after=offer.expires_at,
        conn=conn,
    )


async def schedule_lapse_notice(
    outbox: OutboxLike | None, conn: AsyncConnection, offer: Offer, now: datetime
) -> None:
    if outbox is None:
        return
    reg = await load_registration(conn, offer.registration_id)
    if reg is None:
        return
    await outbox.schedule(
        key=f"offer-lapsed:{offer.id}",
        chat_id=reg.user_id,
        due=now,
        render=RenderRef(LAPSED, {"offer_id": offer.id}),
        conn=conn,
    )


async def notify(
    outbox: OutboxLike | None,
    conn: AsyncConnection,
    *,
    kind: str,
    event: Event,
    reg: Registration,
    now: datetime,
    stamp: str,
    what: Sequence[str] = (),
) -> None:
    """A change or cancellation notice to one registrant."""
    if outbox is None:
        return
    name = CHANGED if kind == "changed" else CANCELLED
    await outbox.schedule(
        key=f"event-{kind}:{event.id}:{reg.id}:{stamp}",
        chat_id=reg.user_id,
        due=now,
        render=RenderRef(name, {"registration_id": reg.id, "what": list(what)}),
        conn=conn,
    )


Renderer = Callable[[dict[str, Any], AsyncConnection], Awaitable[Rendered | None]]


async def _language(conn: AsyncConnection, user_id: int, fallback: str) -> str:
    row = (await conn.execute(select(users.c.language).where(users.c.id == user_id))).first()
    return str(row[0]) if row else fallback


async def _overtaken(
    conn: AsyncConnection, registration_id: int, hours: int, now: datetime
) -> bool:
    """A nearer reminder of the same registration is due too, or went out (the bot was
    down): that one alone is sent, so nobody gets "in 24 hours" and "in 1 hour" at once."""
    keys = (
        await conn.execute(
            select(outbox_rows.c.dedupe_key).where(
                outbox_rows.c.dedupe_key.startswith(reminder_prefix(registration_id)),
                # Due, on its way or already out: either way this older one is stale.
                outbox_rows.c.status.in_(["pending", "sending", "sent"]),
                outbox_rows.c.due_at <= now,
            )
        )
    ).scalars()
    for key in keys:
        offset = key.rsplit(":", 1)[-1].removesuffix("h")
        if offset.isdigit() and int(offset) < hours:
            return True
    return False


def _onwards(t: Translator, lang: str, item: str) -> list[list[Button]]:
    """The way on under a notice: one menu item (events, my registrations) and the menu."""
    keys = {"events": "menu-events", "my": "menu-my-registrations"}
    return [
        [
            Button(t(lang, keys[item]), callbacks.encode("m", item)),
            Button(t(lang, "menu-home"), callbacks.encode("m", "home")),
        ]
    ]


def renderers(t: Translator, clock: Clock) -> dict[str, Renderer]:
    """Renderers for sender.register_renderer: each looks at the database at send time."""

    async def _reg_event(
        payload: dict[str, Any], conn: AsyncConnection
    ) -> tuple[Registration, Event, str] | None:
        reg = await load_registration(conn, int(payload["registration_id"]))
        if reg is None:
            return None
        event = await load_event(conn, reg.event_id)
        if event is None:
            return None
        return reg, event, await _language(conn, reg.user_id, reg.language)

    async def reminder(payload: dict[str, Any], conn: AsyncConnection) -> Rendered | None:
        found = await _reg_event(payload, conn)
        if found is None:
            return None
        reg, event, lang = found
        if not reg.active or event.status != EventStatus.PUBLISHED:
            return None
        now = clock.now()
        if await _overtaken(conn, reg.id, int(payload["hours"]), now):
            return None
        # Rendered now, so it says how long is really left (sent late after downtime too).
        return Rendered(
            text=render.reminder(t, lang, event, reg, event.start_at - now),
            buttons=_onwards(t, lang, "my"),
        )

    async def offer(payload: dict[str, Any], conn: AsyncConnection) -> Rendered | None:
        found_offer = await load_offer(conn, int(payload["offer_id"]))
        if found_offer is None or found_offer.status != "open":
            return None
        found = await _reg_event({"registration_id": found_offer.registration_id}, conn)
        if found is None:
            return None
        reg, event, lang = found
        if not reg.seat_offered or event.status != EventStatus.PUBLISHED:
            return None
        # To an online registrant: the seat replaces the online place, declining keeps it.
        online = reg.mode == Mode.ONLINE
        text = t(
            lang,
            "person-seat-offer" if online else "event-offer",
            title=render.title(event, lang),
            when=render.when(event, t, lang),
            until=render.at(found_offer.expires_at, event.timezone, t, lang),
        )
        decline = "person-seat-button-stay-online" if online else "event-button-decline"
        rows = [
            [
                Button(
                    t(lang, "event-button-accept"), callbacks.encode("ev", "acc", found_offer.id)
                ),
                Button(t(lang, decline), callbacks.encode("ev", "dec", found_offer.id)),
            ]
        ]
        return Rendered(text=text, buttons=rows)

    async def lapsed(payload: dict[str, Any], conn: AsyncConnection) -> Rendered | None:
        found_offer = await load_offer(conn, int(payload["offer_id"]))
        if found_offer is None or found_offer.status != "lapsed":
            return None
        found = await _reg_event({"registration_id": found_offer.registration_id}, conn)
        if found is None:
            return None
        reg, event, lang = found
        key = "person-seat-offer-lapsed" if reg.online_place else "event-offer-lapsed"
        return Rendered(
            text=t(lang, key, title=render.title(event, lang)),
            buttons=_onwards(t, lang, "my" if reg.online_place else "events"),
        )

    async def changed(payload: dict[str, Any], conn: AsyncConnection) -> Rendered | None:
        found = await _reg_event(payload, conn)
        if found is None:
            return None
        reg, event, lang = found
        if not reg.active or event.status != EventStatus.PUBLISHED:
            return None
        lines = [
            t(
                lang,
                "event-changed",
                title=render.title(event, lang),
                when=render.when(event, t, lang),
            )
        ]
        if event.has_offline and reg.mode.value == "offline":
            lines.append(
                t(
                    lang,
                    "event-card-venue",
                    venue=render.escape(event.venue_name or ""),
                    address=render.escape(event.venue_address or ""),
                )
            )
        return Rendered(text="\n".join(lines), buttons=_onwards(t, lang, "my"))

    async def cancelled(payload: dict[str, Any], conn: AsyncConnection) -> Rendered | None:
        found = await _reg_event(payload, conn)
        if found is None:
            return None
        reg, event, lang = found
        if event.status != EventStatus.CANCELLED:
            return None
        text = t(
            lang,
            "event-cancelled-notice",
            title=render.title(event, lang),
            when=render.when(event, t, lang),
        )
        onwards = _onwards(t, lang, "events")
        if reg.status != RegStatus.CONFIRMED:
            return Rendered(text=text, buttons=onwards)
        # The entry the confirmation put in the person's calendar is taken out again.
        ics = calendar_file(event, reg, lang, clock.now(), cancelled=True)
        name = calendar_filename(event, lang)
        attachment = Attachment("document", data=ics, filename=name, mime="text/calendar")
        return Rendered(text=text, attachment=attachment, buttons=onwards)

    return {
        REMINDER: reminder,
        OFFER: offer,
        LAPSED: lapsed,
        CHANGED: changed,
        CANCELLED: cancelled,
    }


def register_renderers(sender: Any, t: Translator, clock: Clock) -> None:
    for name, fn in renderers(t, clock).items():
        sender.register_renderer(name, fn)
