"""Dates typed by organizers, in the event's own IANA time zone; shown with the zone named."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

_DOTTED = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})[ T,]+(\d{1,2})[:.](\d{2})$")
DISPLAY_FORMAT = "%d.%m.%Y %H:%M"


class TimeError(ValueError):
    """A date that cannot be used; `reason` is a short machine code for the message."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name.strip())
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise TimeError("unknown-zone") from exc


def parse_local(text: str, tz_name: str, now: datetime | None = None) -> datetime:
    """`25.12.2026 17:00` or ISO (`2026-12-25 17:00`, `2026-12-25T17:00`) → aware UTC.

    The wall-clock time is read in the event's zone, so a daylight-saving change
    between today and the event is applied for the event's own date. A time that
    does not exist (the hour skipped in spring) is refused rather than guessed;
    an ambiguous one (the hour repeated in autumn) means its first occurrence.
    """
    tz = zone(tz_name)
    raw = " ".join(text.split())
    match = _DOTTED.match(raw)
    try:
        if match:
            day, month, year, hour, minute = (int(g) for g in match.groups())
            naive = datetime(year, month, day, hour, minute)
        else:
            parsed = datetime.fromisoformat(raw)
            if parsed.tzinfo is not None:
                naive = parsed.astimezone(tz).replace(tzinfo=None)
            else:
                naive = parsed
    except ValueError as exc:
        raise TimeError("format") from exc
    local = naive.replace(tzinfo=tz, fold=0)
    as_utc = local.astimezone(UTC)
    if as_utc.astimezone(tz).replace(tzinfo=None) != naive:
        raise TimeError("nonexistent")
    if now is not None and as_utc <= now:
        raise TimeError("past")
    return as_utc


def show(when: datetime, tz_name: str) -> str:
    """`25.12.2026 17:00 (Asia/Almaty)`: always with the zone named, never the reader's."""
    return f"{when.astimezone(zone(tz_name)).strftime(DISPLAY_FORMAT)} ({tz_name})"


def local_text(when: datetime, tz_name: str) -> str:
    """The wall-clock time in the event's zone without the zone, for editing forms."""
    return when.astimezone(zone(tz_name)).strftime(DISPLAY_FORMAT)
