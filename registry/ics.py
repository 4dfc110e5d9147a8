"""A calendar file for one registration, in the event's own time zone (icalendar).

As calendar apps expect: a file named after the event, an alarm before the start,
and the same UID again with METHOD:CANCEL when the place or the event is cancelled,
so the entry disappears from the calendar it was added to.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from registry.models import Event, Registration
from registry.timeparse import zone

# The calendar's own reminder (the bot reminds too, but a phone may be offline).
ALARM_BEFORE = timedelta(hours=1)
# ASCII only: some clients show other letters in a file name percent-encoded.
_UNSAFE = re.compile(r"[^A-Za-z0-9]+")


def calendar_filename(event: Event, lang: str) -> str:
    """`Round-table-rights-2026-12-25.ics`: the title's Latin words and the date, or
    `event-2026-12-25.ics` for a title in another script."""
    words = _UNSAFE.sub("-", event.text(lang).title).strip("-")[:40].rstrip("-")
    day = event.start_at.astimezone(zone(event.timezone)).strftime("%Y-%m-%d")
    return f"{words if len(words) >= 3 else 'event'}-{day}.ics"


def calendar_file(
    event: Event, reg: Registration, lang: str, now: datetime, *, cancelled: bool = False
) -> bytes:
    """The .ics bytes: DTSTART/DTEND with TZID and a VTIMEZONE, so calendars show local time."""
    # Imported on first use: a process that never sends a calendar file does not hold it.
    from icalendar import Alarm, Calendar, Timezone  # noqa: PLC0415
    from icalendar import Event as VEvent  # noqa: PLC0415

    tz = zone(event.timezone)
    cal = Calendar()
    cal.add("prodid", "-//Jol//events//EN")
    cal.add("version", "2.0")
    cal.add("method", "CANCEL" if cancelled else "PUBLISH")
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
    # A later file for the same UID replaces an earlier one only with a higher SEQUENCE:
    # the seconds since the registration (an online place that became a seat, then a
    # cancellation), one more for the cancellation itself.
    revision = max(0, int((now - reg.created_at).total_seconds()))
    item.add("sequence", revision + (1 if cancelled else 0))
    if cancelled:
        item.add("status", "CANCELLED")
    if text.description:
        item.add("description", text.description)
    place = ", ".join(p for p in (event.venue_name, event.venue_address) if p)
    if reg.mode.value == "online":
        place = event.online_url or "Zoom"
    if place:
        item.add("location", place)
    if event.online_url and reg.mode.value == "online":
        item.add("url", event.online_url)
    if not cancelled:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", text.title)
        alarm.add("trigger", -ALARM_BEFORE)
        item.add_component(alarm)
    cal.add_component(item)
    data: bytes = cal.to_ical()
    return data
