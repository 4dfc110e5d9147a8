"""Dates typed by organizers, in the event's own IANA time zone; shown with the zone named."""

from __future__ import annotations

import re
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

_DOTTED = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})[ T,]+(\d{1,2})[:.](\d{2})$")
_RELATIVE = re.compile(r"^(?P<day>\S+(?: \S+)?)[ ,]+(?P<hour>\d{1,2})[:.](?P<minute>\d{2})$")
# "tomorrow 18:00" in the four languages (days from today, in the event's zone).
RELATIVE_DAYS = {
    "today": 0,
    "сегодня": 0,
    "бүгін": 0,
    "bugin": 0,
    "šiandien": 0,
    "siandien": 0,
    "tomorrow": 1,
    "завтра": 1,
    "ертең": 1,
    "erten": 1,
    "rytoj": 1,
    "day after tomorrow": 2,
    "послезавтра": 2,
    "бүрсігүні": 2,
    "poryt": 2,
}
# Cities organizers type instead of an IANA zone (Kazakhstan has one zone since 2024).
CITY_ZONES = {
    **dict.fromkeys(
        (
            "vilnius",
            "вильнюс",
            "kaunas",
            "каунас",
            "klaipėda",
            "klaipeda",
            "клайпеда",
            "lithuania",
            "lietuva",
            "литва",
        ),
        "Europe/Vilnius",
    ),
    **dict.fromkeys(
        ("riga", "rīga", "рига", "ryga", "latvia", "latvija", "латвия", "daugavpils"),
        "Europe/Riga",
    ),
    **dict.fromkeys(
        (
            "almaty",
            "алматы",
            "алма-ата",
            "astana",
            "астана",
            "shymkent",
            "шымкент",
            "kazakhstan",
            "казахстан",
            "қазақстан",
            "kazachstanas",
        ),
        "Asia/Almaty",
    ),
    **dict.fromkeys(("tashkent", "ташкент", "toshkent"), "Asia/Tashkent"),
    **dict.fromkeys(("bishkek", "бишкек"), "Asia/Bishkek"),
    **dict.fromkeys(("dushanbe", "душанбе"), "Asia/Dushanbe"),
}
DISPLAY_FORMAT = "%d.%m.%Y %H:%M"


class TimeError(ValueError):
    """A date that cannot be used; `reason` is a short machine code for the message."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def zone_name(text: str) -> str:
    """An IANA zone as typed, or the zone of a city or country people name instead."""
    name = " ".join(text.split())
    return CITY_ZONES.get(name.lower(), name)


def zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(zone_name(name))
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise TimeError("unknown-zone") from exc


def parse_local(text: str, tz_name: str, now: datetime | None = None) -> datetime:
    """`25.12.2026 17:00`, ISO (`2026-12-25 17:00`) or `tomorrow 18:00` (`завтра`,
    `ертең`, `rytoj`; needs `now`) → aware UTC.

    The wall-clock time is read in the event's zone, so a daylight-saving change
    between today and the event is applied for the event's own date. A time that
    does not exist (the hour skipped in spring) is refused rather than guessed;
    an ambiguous one (the hour repeated in autumn) means its first occurrence.
    """
    tz = zone(tz_name)
    raw = " ".join(text.split())
    match = _DOTTED.match(raw)
    relative = _RELATIVE.match(raw.lower())
    try:
        if relative and relative["day"] in RELATIVE_DAYS:
            if now is None:
                raise TimeError("format")
            on = now.astimezone(tz).date() + timedelta(days=RELATIVE_DAYS[relative["day"]])
            naive = datetime.combine(on, time(int(relative["hour"]), int(relative["minute"])))
        elif match:
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


def local_text(when: datetime, tz_name: str) -> str:
    """The wall-clock time in the event's zone without the zone, for editing forms."""
    return when.astimezone(zone(tz_name)).strftime(DISPLAY_FORMAT)
