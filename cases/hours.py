"""Office hours of the staff: when a consultant can be expected to answer.

`STAFF_HOURS` reads like a sign on a door: ``Mon-Fri 09:00-18:00 Europe/Vilnius``,
several blocks separated by ``;`` (``Mon-Thu 09:00-18:00; Fri 09:00-15:00``),
the zone last (the deployment's TIMEZONE when omitted). Empty means no office
hours are published: the bot then promises nothing about when.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_BLOCK = re.compile(
    r"^(?P<d1>[a-z]{3})(?:\s*-\s*(?P<d2>[a-z]{3}))?\s+"
    r"(?P<t1>\d{1,2}:\d{2})\s*-\s*(?P<t2>\d{1,2}:\d{2})$"
)


class HoursError(ValueError):
    """STAFF_HOURS does not read as office hours."""


@dataclass(frozen=True, slots=True)
class Block:
    """Open from `start` to `end` on each weekday in `days` (0 = Monday)."""

    days: frozenset[int]
    start: time
    end: time


@dataclass(frozen=True, slots=True)
class OfficeHours:
    blocks: tuple[Block, ...]
    zone: ZoneInfo

    @property
    def published(self) -> bool:
        return bool(self.blocks)

    def is_open(self, now: datetime) -> bool:
        if not self.blocks:
            return True
        local = now.astimezone(self.zone)
        return any(
            local.weekday() in b.days and b.start <= local.time() < b.end for b in self.blocks
        )

    def next_opening(self, now: datetime) -> datetime | None:
        """The next moment the office opens (now, if it is open); None without hours."""
        if not self.blocks:
            return None
        if self.is_open(now):
            return now
        local = now.astimezone(self.zone)
        best: datetime | None = None
        for offset in range(8):
            day = local.date() + timedelta(days=offset)
            for b in self.blocks:
                if day.weekday() not in b.days:
                    continue
                opening = datetime.combine(day, b.start, tzinfo=self.zone)
                if opening > local and (best is None or opening < best):
                    best = opening
            if best is not None:
                break
        return best


def _time(text: str) -> time:
    hours, minutes = (int(p) for p in text.split(":"))
    if hours == 24 and minutes == 0:
        return time.max
    if not (0 <= hours < 24 and 0 <= minutes < 60):
        raise HoursError(f"{text} is not a time of day")
    return time(hours, minutes)


def _days(first: str, last: str | None) -> frozenset[int]:
    try:
        a = DAYS.index(first)
        b = DAYS.index(last) if last else a
    except ValueError as exc:
        raise HoursError("days are Mon, Tue, Wed, Thu, Fri, Sat, Sun") from exc
    if b < a:
        raise HoursError(f"{first}-{last}: the first day comes after the last")
    return frozenset(range(a, b + 1))


def parse_hours(text: str, default_zone: str) -> OfficeHours:
    """``Mon-Fri 09:00-18:00 Europe/Vilnius`` → OfficeHours; HoursError says what is wrong."""
    text = text.strip()
    zone_name = default_zone
    if text:
        head, _, last = text.rpartition(" ")
        if "/" in last or last.upper() == "UTC":
            zone_name, text = last, head.strip()
    try:
        zone = ZoneInfo(zone_name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise HoursError(f"unknown time zone {zone_name!r}") from exc
    blocks = []
    for part in filter(None, (p.strip() for p in text.split(";"))):
        match = _BLOCK.match(part.lower())
        if match is None:
            raise HoursError(f"{part!r} should look like Mon-Fri 09:00-18:00")
        start, end = _time(match["t1"]), _time(match["t2"])
        if end <= start:
            raise HoursError(f"{part!r}: the office closes before it opens")
        blocks.append(Block(_days(match["d1"], match["d2"]), start, end))
    return OfficeHours(tuple(blocks), zone)
