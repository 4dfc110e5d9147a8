"""Plain data the registry hands out: no database rows, no Telegram objects."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from core.languages import FALLBACKS


class EventStatus(StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"
    CANCELLED = "cancelled"
    FINISHED = "finished"


class Mode(StrEnum):
    OFFLINE = "offline"
    ONLINE = "online"


class RegStatus(StrEnum):
    CONFIRMED = "confirmed"
    WAITING = "waiting"
    # Holds a freed seat until the person accepts, declines, or the offer lapses.
    OFFERED = "offered"
    CANCELLED = "cancelled"
    LAPSED = "lapsed"


ACTIVE = (RegStatus.CONFIRMED, RegStatus.WAITING, RegStatus.OFFERED)
HOLDS_SEAT = (RegStatus.CONFIRMED, RegStatus.OFFERED)


class RegisterResult(StrEnum):
    REGISTERED = "registered"
    WAITLISTED = "waitlisted"
    ALREADY_REGISTERED = "already-registered"
    CLOSED = "closed"
    NOT_FOUND = "not-found"
    NO_OFFLINE = "no-offline"
    NO_ONLINE = "no-online"
    PHONE_REQUIRED = "phone-required"
    BAD_PHONE = "bad-phone"
    BAD_NAME = "bad-name"


class OfferResult(StrEnum):
    ACCEPTED = "accepted"
    DECLINED = "declined"
    EXPIRED = "expired"
    NOT_FOUND = "not-found"


class CancelResult(StrEnum):
    CANCELLED = "cancelled"
    NOT_FOUND = "not-found"
    ALREADY_CANCELLED = "already-cancelled"
    CLOSED = "closed"


class CheckInResult(StrEnum):
    CHECKED_IN = "checked-in"
    ALREADY = "already"
    NOT_FOUND = "not-found"
    NOT_CONFIRMED = "not-confirmed"


class EditResult(StrEnum):
    SAVED = "saved"
    NOT_FOUND = "not-found"
    NOT_EDITABLE = "not-editable"
    CAPACITY_BELOW_TAKEN = "capacity-below-taken"
    INVALID = "invalid"


@dataclass(frozen=True, slots=True)
class EventText:
    language: str
    title: str
    description: str = ""


@dataclass(frozen=True, slots=True)
class Event:
    id: int
    status: EventStatus
    start_at: datetime
    duration_minutes: int
    timezone: str
    default_language: str
    texts: dict[str, EventText]
    venue_name: str | None = None
    venue_address: str | None = None
    capacity: int | None = None
    phone_required: bool = False
    zoom_id: str | None = None
    zoom_passcode: str | None = None
    online_url: str | None = None
    livestream_url: str | None = None
    registration_deadline: datetime | None = None
    contact: str | None = None
    created_by: int | None = None

    @property
    def end_at(self) -> datetime:
        return self.start_at + timedelta(minutes=self.duration_minutes)

    @property
    def has_offline(self) -> bool:
        return self.capacity is not None

    @property
    def has_online(self) -> bool:
        return bool(self.online_url or self.zoom_id)

    def text(self, lang: str) -> EventText:
        """The text in `lang`, else its fallbacks, else the event's own language, else any."""
        for code in (*FALLBACKS.get(lang, (lang,)), self.default_language):
            if code in self.texts:
                return self.texts[code]
        return next(iter(self.texts.values()))

    def is_open(self, now: datetime) -> bool:
        """Registration is open: published, before the deadline and before the end."""
        if self.status != EventStatus.PUBLISHED or now >= self.end_at:
            return False
        return self.registration_deadline is None or now < self.registration_deadline


@dataclass(frozen=True, slots=True)
class Registration:
    id: int
    event_id: int
    user_id: int
    mode: Mode
    status: RegStatus
    name: str
    phone: str | None
    code: str
    language: str
    created_at: datetime
    queued_at: datetime | None = None
    checked_in_at: datetime | None = None
    cancelled_at: datetime | None = None

    @property
    def active(self) -> bool:
        return self.status in ACTIVE


@dataclass(frozen=True, slots=True)
class Offer:
    id: int
    registration_id: int
    event_id: int
    status: str
    created_at: datetime
    expires_at: datetime


@dataclass(frozen=True, slots=True)
class RegisterOutcome:
    result: RegisterResult
    registration: Registration | None = None
    # 1-based place in the waiting list, for WAITLISTED.
    position: int | None = None


@dataclass(frozen=True, slots=True)
class Counts:
    capacity: int | None
    seats_taken: int
    offered: int
    waiting: int
    online: int
    cancelled: int
    checked_in: int

    @property
    def seats_left(self) -> int | None:
        if self.capacity is None:
            return None
        return max(self.capacity - self.seats_taken, 0)


@dataclass(frozen=True, slots=True)
class Report:
    registered: int
    attended: int
    no_shows: int
    offline: int
    online: int
    by_language: dict[str, int]


@dataclass(slots=True)
class EventDraft:
    """What an organizer (or an import file) gives to create an event."""

    texts: dict[str, EventText]
    start_at: datetime
    timezone: str
    duration_minutes: int = 120
    default_language: str = "en"
    venue_name: str | None = None
    venue_address: str | None = None
    capacity: int | None = None
    phone_required: bool = False
    zoom_id: str | None = None
    zoom_passcode: str | None = None
    online_url: str | None = None
    livestream_url: str | None = None
    registration_deadline: datetime | None = None
    contact: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


# Fields an edit may change; texts are edited through `EventText` values.
EDITABLE = frozenset(
    {
        "start_at",
        "duration_minutes",
        "timezone",
        "venue_name",
        "venue_address",
        "capacity",
        "phone_required",
        "zoom_id",
        "zoom_passcode",
        "online_url",
        "livestream_url",
        "registration_deadline",
        "contact",
    }
)
# Changes registrants must hear about.
NOTIFY_ON = frozenset({"start_at", "venue_name", "venue_address"})

_PHONE_JUNK = re.compile(r"[\s\-().]")
_PHONE = re.compile(r"^\+?[1-9][0-9]{7,14}$")
_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)


def normalise_phone(text: str) -> str | None:
    """E.164-ish: optional +, 8 to 15 digits, no leading 0; returned as +digits, else None."""
    compact = _PHONE_JUNK.sub("", text.strip())
    if not _PHONE.match(compact):
        return None
    return "+" + compact.lstrip("+")


def normalise_name(text: str) -> str | None:
    name = " ".join(text.split())
    if not name or len(name) > 100 or name.startswith("/"):
        return None
    return name


def is_http_url(text: str) -> bool:
    return bool(_URL.match(text.strip())) and len(text.strip()) <= 500
