"""An event's fields, written once: their kinds, limits, who may change them.

The wizard, the edit buttons, the file import and export, the SQL row mapping
and the draft's own validation all derive from `FIELDS`; a new field is one
line here (plus its column, migration and texts).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from core import countries
from core.geo import GeoPoint
from registry.timeparse import TimeError, parse_local, zone, zone_name


class Kind(StrEnum):
    TEXT = "text"  # one line, spaces collapsed
    LONG_TEXT = "long-text"  # paragraphs kept
    DATETIME = "datetime"  # typed in the event's zone, stored in UTC
    NUMBER = "number"  # a whole number within [minimum, maximum]
    YES_NO = "yes-no"
    URL = "url"
    ZONE = "zone"  # an IANA time zone
    COUNTRY = "country"  # one of core.countries.COUNTRIES
    LOCATION = "location"  # a pin on the map (core.geo.GeoPoint)


@dataclass(frozen=True, slots=True)
class Field:
    name: str  # the attribute on Event and EventDraft, and the column
    key: str  # its short name in texts (org-ask-<key>) and buttons
    kind: Kind
    max_length: int = 200
    minimum: int | None = None
    maximum: int | None = None
    # Registrants are told when it changes.
    notify: bool = False
    # Only asked (and only meaningful) when this other field has a value.
    needs: str | None = None
    optional: bool = True
    # Part of the per-language texts, not a column of the event.
    per_language: bool = False
    # Asked in the wizard and offered by Edit (False: derived from other fields).
    asked: bool = True


TITLE_MAX = 200
DESCRIPTION_MAX = 3000
MAX_CAPACITY = 10_000
MAX_DURATION = 24 * 60

FIELDS: tuple[Field, ...] = (
    Field("title", "title", Kind.TEXT, TITLE_MAX, optional=False, per_language=True),
    Field("description", "description", Kind.LONG_TEXT, DESCRIPTION_MAX, per_language=True),
    Field("timezone", "timezone", Kind.ZONE, optional=False),
    Field("start_at", "start", Kind.DATETIME, optional=False, notify=True),
    Field("duration_minutes", "duration", Kind.NUMBER, minimum=1, maximum=MAX_DURATION),
    Field("venue_name", "venue", Kind.TEXT, notify=True),
    Field("venue_address", "address", Kind.TEXT, 300, notify=True, needs="venue_name"),
    # A Telegram location sent in the wizard, or "54.6872, 25.2797" typed or in a file.
    Field("venue_location", "location", Kind.LOCATION, needs="venue_address"),
    Field("capacity", "capacity", Kind.NUMBER, minimum=1, maximum=MAX_CAPACITY, needs="venue_name"),
    Field("phone_required", "phone", Kind.YES_NO, needs="venue_name"),
    Field("zoom_id", "zoom-id", Kind.TEXT, 40),
    Field("zoom_passcode", "zoom-passcode", Kind.TEXT, 40, needs="zoom_id"),
    Field("online_url", "online-url", Kind.URL, 500),
    Field("livestream_url", "livestream-url", Kind.URL, 500),
    Field("registration_deadline", "deadline", Kind.DATETIME),
    Field("contact", "contact", Kind.TEXT),
    # Where the room is: from the time zone of an event with a venue; none when online only.
    Field("country", "country", Kind.COUNTRY, asked=False),
)
BY_NAME = {f.name: f for f in FIELDS}
BY_KEY = {f.key: f for f in FIELDS}
# Columns of the events table that an edit may change (texts are edited per language).
COLUMNS = tuple(f.name for f in FIELDS if not f.per_language)
EDITABLE = frozenset(COLUMNS)
NOTIFY_ON = frozenset(f.name for f in FIELDS if f.notify)

_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)


class FieldProblem(ValueError):
    """A value a field cannot take; `reason` names the message, `args` its details."""

    def __init__(self, field: str, reason: str, **args: Any) -> None:
        super().__init__(f"{field}: {reason}")
        self.field = field
        self.reason = reason
        self.args_ = args


def is_http_url(text: str) -> bool:
    clean = text.strip()
    return bool(_URL.match(clean)) and len(clean) <= 500


def country_of(timezone: str, venue_name: str | None) -> str | None:
    """An event with a room is in the country of its time zone; online-only is for everyone."""
    if venue_name is None:
        return None
    for code, country in countries.INFO.items():
        if country.timezone == timezone:
            return code
    return None


def parse_text(field: Field, raw: str, *, timezone: str, now: datetime | None) -> Any:
    """What an organizer typed for `field`, as the value to store; FieldProblem if unusable."""
    value = raw.strip()
    if field.kind == Kind.NUMBER:
        if not (value.isascii() and value.lstrip("-").isdigit()) or len(value) > 9:
            raise FieldProblem(field.name, "number", minimum=field.minimum, maximum=field.maximum)
        return check(field, int(value))
    if field.kind == Kind.YES_NO:
        if value not in ("yes", "no"):
            raise FieldProblem(field.name, "yes-no")
        return value == "yes"
    if field.kind == Kind.LOCATION:
        point = GeoPoint.parse(value)
        if point is None:
            raise FieldProblem(field.name, "location")
        return point
    if field.kind == Kind.DATETIME:
        try:
            return parse_local(value, timezone, now)
        except TimeError as exc:
            raise FieldProblem(field.name, f"date-{exc.reason}") from exc
    return check(field, value)


def check(field: Field, value: Any) -> Any:
    """A typed value (from the wizard or a file) checked and normalised; FieldProblem if not."""
    if value is None:
        if not field.optional:
            raise FieldProblem(field.name, "required")
        return None
    if field.kind in (Kind.TEXT, Kind.LONG_TEXT, Kind.URL, Kind.ZONE):
        if not isinstance(value, str | int) or isinstance(value, bool):
            raise FieldProblem(field.name, "text", maximum=field.max_length)
        text = str(value)
        text = " ".join(text.split()) if field.kind != Kind.LONG_TEXT else text.strip()
        if not text:
            raise FieldProblem(field.name, "empty")
        if len(text) > field.max_length:
            raise FieldProblem(field.name, "too-long", maximum=field.max_length, length=len(text))
        if field.kind == Kind.URL and not is_http_url(text):
            raise FieldProblem(field.name, "url")
        if field.kind == Kind.ZONE:
            try:
                zone(text)
            except TimeError as exc:
                raise FieldProblem(field.name, "zone") from exc
            return zone_name(text)  # "Vilnius" is stored as Europe/Vilnius
        return text
    if field.kind == Kind.NUMBER:
        # A YAML `true` is an int in Python; it is not a number of seats.
        if not isinstance(value, int) or isinstance(value, bool):
            raise FieldProblem(field.name, "number", minimum=field.minimum, maximum=field.maximum)
        low = field.minimum if field.minimum is not None else value
        high = field.maximum if field.maximum is not None else value
        if not low <= value <= high:
            raise FieldProblem(field.name, "range", minimum=low, maximum=high, value=value)
        return value
    if field.kind == Kind.YES_NO:
        if not isinstance(value, bool):
            raise FieldProblem(field.name, "yes-no")
        return value
    if field.kind == Kind.DATETIME:
        if not isinstance(value, datetime) or value.tzinfo is None:
            raise FieldProblem(field.name, "date-format")
        return value
    if field.kind == Kind.LOCATION:
        point = value if isinstance(value, GeoPoint) else None
        if isinstance(value, str):
            point = GeoPoint.parse(value)
        elif isinstance(value, list | tuple) and len(value) == 2:
            point = GeoPoint.of(*value)
        if point is None:
            raise FieldProblem(field.name, "location")
        return point
    if field.kind == Kind.COUNTRY:
        if value not in countries.COUNTRIES:
            raise FieldProblem(field.name, "country", known=", ".join(countries.COUNTRIES))
        return value
    raise FieldProblem(field.name, "text")  # pragma: no cover - every kind is handled above
