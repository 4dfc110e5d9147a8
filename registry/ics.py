"""A calendar file for one registration, in the event's own time zone (icalendar)."""

from __future__ import annotations

from datetime import datetime, timedelta

from icalendar import Calendar, Timezone
from icalendar import Event as VEvent

from registry.models import Event, Registration
from registry.timeparse import zone


def calendar_file(event: Event, reg: Registration, lang: str, now: datetime) -> bytes:
    """The .ics bytes: DTSTART/DTEND with TZID and a VTIMEZONE, so calendars show local time."""
    tz = zone(event.timezone)
    cal = Calendar()
    cal.add("prodid", "-//Jol//events//EN")
    cal.add("version", "2.0")
    cal.add("method", "PUBLISH")
    start = event.start_at.astimezone(tz)
    cal.add_component(
        Timezone.from_tzinfo(
            tz, first_date=start - timedelta(days=366), last_date=start + timedelta(days=366)
        )
    )
    item = VEvent()
    text = event.text(lang)
    item.add("uid", f"jol-event-{event.id}-reg-{reg.id}@jol")
    item.add("dtstamp", now)
    item.add("dtstart", start)
    item.add("dtend", event.end_at.astimezone(tz))
    item.add("summary", text.title)
    if text.description:
        item.add("description", text.description)
    place = ", ".join(p for p in (event.venue_name, event.venue_address) if p)
    if reg.mode.value == "online":
        place = event.online_url or "Zoom"
    if place:
        item.add("location", place)
    if event.online_url and reg.mode.value == "online":
        item.add("url", event.online_url)
    cal.add_component(item)
    data: bytes = cal.to_ical()
    return data
