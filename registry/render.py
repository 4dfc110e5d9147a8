"""Texts about events in a person's language, shared by handlers and the outbox renderers.

Every user-provided value (titles, venues, names) is HTML-escaped here, once.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta
from html import escape as _html_escape

from core.i18n import Translator
from registry.models import Counts, Event, EventStatus, Registration
from registry.timeparse import local_text


def escape(text: str) -> str:
    """Escape user text for Telegram HTML; quotes stay readable outside attributes."""
    return _html_escape(text, quote=False)


def when(event: Event, t: Translator, lang: str) -> str:
    """`05.12.2026 18:00 (Vilnius time)`: the event's own zone, named for people."""
    return at(event.start_at, event.timezone, t, lang)


def at(moment: datetime, tz_name: str, t: Translator, lang: str) -> str:
    """A moment in a zone, the zone named as a place ("Vilnius time") where the
    translations know it, else by its IANA name (`Asia/Oral`)."""
    key = "zone-" + tz_name.lower().replace("/", "-").replace("_", "-")
    name = t(lang, key) if t.has(lang, key) else tz_name
    return t(lang, "time-in-zone", time=local_text(moment, tz_name), zone=name)


def title(event: Event, lang: str) -> str:
    return escape(event.text(lang).title)


def card(t: Translator, lang: str, event: Event, counts: Counts | None) -> str:
    """The event card: title, time with its zone, place, seats, online and livestream."""
    text = event.text(lang)
    lines = [f"<b>{escape(text.title)}</b>"]
    if text.description:
        lines.append(escape(text.description))
    lines.append("")
    lines.append(
        t(lang, "event-card-when", when=when(event, t, lang), minutes=event.duration_minutes)
    )
    if event.has_offline:
        lines.append(
            t(
                lang,
                "event-card-venue",
                venue=escape(event.venue_name or ""),
                address=escape(event.venue_address or ""),
            )
        )
        if counts is not None and event.status == EventStatus.PUBLISHED:
            left = counts.seats_left or 0
            if left > 0 and counts.waiting == 0:
                lines.append(t(lang, "event-card-seats", left=left, capacity=event.capacity or 0))
            else:
                lines.append(t(lang, "person-card-full", waiting=counts.waiting))
    if event.has_online:
        lines.append(t(lang, "event-card-online"))
    if event.livestream_url:
        lines.append(t(lang, "event-card-livestream"))
    if event.registration_deadline is not None and event.status in (
        EventStatus.PUBLISHED,
        EventStatus.DRAFT,
    ):
        deadline = at(event.registration_deadline, event.timezone, t, lang)
        lines.append(t(lang, "event-card-deadline", when=deadline))
    if event.contact:
        lines.append(t(lang, "event-card-contact", contact=escape(event.contact)))
    if event.status == EventStatus.CANCELLED:
        lines.append(t(lang, "event-card-cancelled"))
    elif event.status == EventStatus.FINISHED:
        lines.append(t(lang, "event-card-finished"))
    elif event.status == EventStatus.DRAFT:
        lines.append(t(lang, "event-card-draft"))
    return "\n".join(lines)


def online_details(t: Translator, lang: str, event: Event) -> list[str]:
    lines = []
    if event.zoom_id:
        lines.append(
            t(
                lang,
                "event-online-zoom",
                zoom_id=escape(event.zoom_id),
                passcode=escape(event.zoom_passcode or "—"),
            )
        )
    if event.online_url:
        lines.append(t(lang, "event-online-link", url=_html_escape(event.online_url, quote=True)))
    return lines


def livestream(t: Translator, lang: str, event: Event) -> list[str]:
    if not event.livestream_url:
        return []
    return [t(lang, "event-livestream-link", url=_html_escape(event.livestream_url, quote=True))]


def confirmation(
    t: Translator, lang: str, event: Event, reg: Registration, position: int | None
) -> str:
    """What a person reads right after registering: code, time, place or links."""
    head = {
        "confirmed-offline": "event-registered-offline",
        "confirmed-online": "event-registered-online",
        "waiting-offline": "event-waitlisted",
        "offered-offline": "event-offer-pending",
    }[f"{reg.status.value}-{reg.mode.value}"]
    lines = [
        t(
            lang,
            head,
            title=title(event, lang),
            when=when(event, t, lang),
            name=escape(reg.name),
            code=reg.code,
            position=position or 0,
        )
    ]
    if reg.mode.value == "offline" and reg.status.value == "confirmed":
        lines.append(
            t(
                lang,
                "event-card-venue",
                venue=escape(event.venue_name or ""),
                address=escape(event.venue_address or ""),
            )
        )
    if reg.in_queue and reg.online_place:
        lines.append(t(lang, "person-seat-waiting", position=position or 0))
    elif reg.seat_offered and reg.online_place:
        lines.append(t(lang, "person-seat-offered"))
    if reg.mode.value == "online" or reg.status.value == "waiting":
        if reg.status.value == "waiting" and event.has_online:
            lines.append(t(lang, "event-waitlisted-online"))
        lines.extend(online_details(t, lang, event))
    lines.extend(livestream(t, lang, event))
    return "\n".join(lines)


def reminder(t: Translator, lang: str, event: Event, reg: Registration, left: timedelta) -> str:
    """Offline: address and code; online (and waiting): Zoom details; everyone: livestream.

    `left` is the time until the start when the reminder goes out: "in 24 hours" on
    time, "in 30 minutes" when it goes out late."""
    minutes = max(1, math.ceil(left.total_seconds() / 60))
    if minutes < 60:
        head = t(
            lang,
            "event-reminder-soon",
            title=title(event, lang),
            when=when(event, t, lang),
            minutes=minutes,
        )
    else:
        hours = max(1, round(minutes / 60))
        head = t(
            lang, "event-reminder", title=title(event, lang), when=when(event, t, lang), hours=hours
        )
    lines = [head]
    if reg.mode.value == "offline" and reg.status.value == "confirmed":
        lines.append(
            t(
                lang,
                "event-card-venue",
                venue=escape(event.venue_name or ""),
                address=escape(event.venue_address or ""),
            )
        )
        if event.venue_location is not None:
            url = _html_escape(event.venue_location.map_url(), quote=True)
            lines.append(t(lang, "event-map-link", url=url))
        lines.append(t(lang, "event-reminder-code", code=reg.code))
    else:
        lines.extend(online_details(t, lang, event))
    lines.extend(livestream(t, lang, event))
    return "\n".join(lines)
