"""Plain data the registry hands out: no database rows, no Telegram objects."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from core.geo import GeoPoint
from core.languages import FALLBACKS
from registry import fields


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


class SeatRequest(StrEnum):
    """An online registrant asked for a seat in the room and keeps the online place meanwhile."""

    # In the room's waiting list (by queued_at), beside the people waiting offline.
    WAITING = "waiting"
    # An open offer holds a seat for them; accepting makes the registration an offline one.
    OFFERED = "offered"


class OfferStatus(StrEnum):
    OPEN = "open"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    LAPSED = "lapsed"
    # The registration or the event went away while the offer was open.
    WITHDRAWN = "withdrawn"


ACTIVE = (RegStatus.CONFIRMED, RegStatus.WAITING, RegStatus.OFFERED)
HOLDS_SEAT = (RegStatus.CONFIRMED, RegStatus.OFFERED)


class RegisterResult(StrEnum):
    REGISTERED = "registered"
    WAITLISTED = "waitlisted"
    ALREADY_REGISTERED = "already-registered"
    CLOSED = "closed"
    # The organizer called the event off; an old button says so, not "closed".
    EVENT_CANCELLED = "event-cancelled"
    # The event is over.
    ENDED = "ended"
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
    # Accept pressed on an offer the person had declined.
    WAS_DECLINED = "was-declined"
    # The person cancelled their place while the offer was open.
    WITHDRAWN = "withdrawn"
    # An online registrant declined a seat in the room: the online place stays theirs.
    KEPT_ONLINE = "kept-online"
    # The organizer called the event off.
    EVENT_CANCELLED = "event-cancelled"
    NOT_FOUND = "not-found"


class CancelResult(StrEnum):
    CANCELLED = "cancelled"
    NOT_FOUND = "not-found"
    ALREADY_CANCELLED = "already-cancelled"
    CLOSED = "closed"
    # The organizer cancelled the whole event: nothing left to cancel.
    EVENT_CANCELLED = "event-cancelled"


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


def shown_language(lang: str, available: Collection[str], default: str) -> str:
    """The language of the text a person reading `lang` sees: theirs, else its fallbacks
    (kk → ru → en), else the event's own language, else any there is."""
    for code in (*FALLBACKS.get(lang, (lang,)), default):
        if code in available:
            return code
    return next(iter(available))


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
    venue_location: GeoPoint | None = None
    capacity: int | None = None
    phone_required: bool = False
    zoom_id: str | None = None
    zoom_passcode: str | None = None
    online_url: str | None = None
    livestream_url: str | None = None
    registration_deadline: datetime | None = None
    contact: str | None = None
    country: str | None = None
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
        return self.texts[shown_language(lang, self.texts, self.default_language)]

    def is_open(self, now: datetime) -> bool:
        """Registration is open: published, before the deadline and before the end."""
        if self.status != EventStatus.PUBLISHED or now >= self.end_at:
            return False
        return self.registration_deadline is None or now < self.registration_deadline

    def refusal(self, mode: Mode, now: datetime) -> RegisterResult | None:
        """Why nobody may register in `mode` now, or None when they may.

        The one statement of the rule: the registry decides with it under the
        event's lock, the card uses it to choose which buttons to show.
        """
        if self.status == EventStatus.DRAFT:
            return RegisterResult.NOT_FOUND
        if self.status == EventStatus.CANCELLED:
            return RegisterResult.EVENT_CANCELLED
        if self.status == EventStatus.FINISHED or now >= self.end_at:
            return RegisterResult.ENDED
        if not self.is_open(now):
            return RegisterResult.CLOSED
        if mode == Mode.OFFLINE:
            if not self.has_offline:
                return RegisterResult.NO_OFFLINE
            if now >= self.start_at:
                return RegisterResult.CLOSED
        elif not self.has_online:
            return RegisterResult.NO_ONLINE
        return None

    def next_place_is_seat(self, seats_taken: int, waiting: int) -> bool:
        """Nobody overtakes the queue: a seat only when one is free and nobody waits."""
        return self.capacity is not None and seats_taken < self.capacity and waiting == 0


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
    seat_request: SeatRequest | None = None

    @property
    def active(self) -> bool:
        return self.status in ACTIVE

    @property
    def online_place(self) -> bool:
        """A confirmed online place (whatever the person asked for in the room)."""
        return self.mode == Mode.ONLINE and self.status == RegStatus.CONFIRMED

    @property
    def in_queue(self) -> bool:
        """In the room's waiting list: waiting offline, or online and asking for a seat."""
        return self.status == RegStatus.WAITING or (
            self.online_place and self.seat_request == SeatRequest.WAITING
        )

    @property
    def seat_offered(self) -> bool:
        """An open offer holds a seat for this person (offline, or online asking for one)."""
        return self.status == RegStatus.OFFERED or (
            self.online_place and self.seat_request == SeatRequest.OFFERED
        )

    @property
    def may_ask_for_seat(self) -> bool:
        """Registered online and not yet asking for a seat in the room."""
        return self.online_place and self.seat_request is None


@dataclass(frozen=True, slots=True)
class Offer:
    id: int
    registration_id: int
    event_id: int
    status: OfferStatus
    created_at: datetime
    expires_at: datetime


@dataclass(frozen=True, slots=True)
class RegisterOutcome:
    result: RegisterResult
    registration: Registration | None = None
    # 1-based place in the waiting list, for WAITLISTED.
    position: int | None = None


@dataclass(frozen=True, slots=True)
class EditOutcome:
    result: EditResult
    event: Event | None = None
    # For CAPACITY_BELOW_TAKEN: how many seats are held now.
    seats_taken: int = 0
    notified: int = 0
    offers_made: int = 0
    # For INVALID: what the change would break (a room with no seats, no way to attend).
    problems: tuple[fields.FieldProblem, ...] = ()


@dataclass(frozen=True, slots=True)
class Counts:
    capacity: int | None
    seats_taken: int
    offered: int
    waiting: int
    online: int
    cancelled: int
    checked_in: int
    # Of `waiting`, those with an online place meanwhile (also counted in `online`).
    waiting_online: int = 0

    @property
    def seats_left(self) -> int | None:
        if self.capacity is None:
            return None
        return max(self.capacity - self.seats_taken, 0)


@dataclass(frozen=True, slots=True)
class EventCard:
    """One event as one person sees it now: counts, their own place, what they may do."""

    event: Event
    counts: Counts
    mine: Registration | None
    position: int | None
    now: datetime

    @property
    def registered(self) -> bool:
        return self.mine is not None and self.mine.active

    @property
    def offline_open(self) -> bool:
        return self.event.refusal(Mode.OFFLINE, self.now) is None

    @property
    def online_open(self) -> bool:
        return self.event.refusal(Mode.ONLINE, self.now) is None

    @property
    def next_place_is_seat(self) -> bool:
        return self.event.next_place_is_seat(self.counts.seats_taken, self.counts.waiting)


@dataclass(frozen=True, slots=True)
class Report:
    registered: int
    attended: int
    # None until the event is over: before that nobody has failed to come yet.
    no_shows: int | None
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
    venue_location: GeoPoint | None = None
    capacity: int | None = None
    phone_required: bool = False
    zoom_id: str | None = None
    zoom_passcode: str | None = None
    online_url: str | None = None
    livestream_url: str | None = None
    registration_deadline: datetime | None = None
    contact: str | None = None
    # None: derived from the time zone when there is a venue (fields.country_of).
    country: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def columns(self) -> dict[str, Any]:
        """The values of the events table's own columns."""
        values = {name: getattr(self, name) for name in fields.COLUMNS}
        values["default_language"] = self.default_language
        if values["country"] is None:
            values["country"] = fields.country_of(self.timezone, self.venue_name)
        return values

    def problems(self, now: datetime | None) -> list[fields.FieldProblem]:
        """Every problem with its field: values, then what they mean together."""
        found: list[fields.FieldProblem] = []
        if not self.texts:
            found.append(fields.FieldProblem("title", "required"))
        for text in self.texts.values():
            for name, value in (("title", text.title), ("description", text.description or None)):
                try:
                    fields.check(fields.BY_NAME[name], value)
                except fields.FieldProblem as problem:
                    found.append(problem)
        for name in fields.COLUMNS:
            value = getattr(self, name)
            try:
                fields.check(fields.BY_NAME[name], value)
            except fields.FieldProblem as problem:
                found.append(problem)
        if now is not None and self.start_at <= now:
            found.append(fields.FieldProblem("start_at", "date-past"))
        deadline = self.registration_deadline
        if deadline is not None and deadline >= self.start_at:
            found.append(fields.FieldProblem("registration_deadline", "deadline-after-start"))
        if self.capacity is not None and self.venue_name is None:
            # Seats in no room: people would register for a place that does not exist.
            found.append(fields.FieldProblem("capacity", "needs", other="venue_name"))
        if self.venue_location is not None and self.venue_address is None:
            # A pin with no address to go with it: the card could not name the place.
            found.append(fields.FieldProblem("venue_location", "needs", other="venue_address"))
        if self.venue_name is not None and self.capacity is None:
            found.append(fields.FieldProblem("capacity", "required"))
        if self.venue_name is None and not (self.online_url or self.zoom_id or self.livestream_url):
            # Nobody could attend: no room, no online link, no livestream.
            found.append(fields.FieldProblem("venue_name", "no-way-to-attend"))
        return found


def draft_of(event: Event, changes: dict[str, Any] | None = None) -> EventDraft:
    """The event's values as a draft (with `changes` applied), to check them by one rule."""
    values = {name: getattr(event, name) for name in fields.COLUMNS}
    values.update(changes or {})
    return EventDraft(texts=dict(event.texts), default_language=event.default_language, **values)


def problems_of_change(event: Event, changes: dict[str, Any]) -> list[fields.FieldProblem]:
    """What `changes` would break that was not broken before (old events stay editable)."""
    before = {(p.field, p.reason) for p in draft_of(event).problems(None)}
    after = draft_of(event, changes).problems(None)
    return [p for p in after if (p.field, p.reason) not in before]


class InvalidDraft(ValueError):
    """An event that may not be created as given; `problems` names every field."""

    def __init__(self, problems: list[fields.FieldProblem]) -> None:
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = problems


# Re-exported: fields.py holds the one field list.
EDITABLE = fields.EDITABLE
NOTIFY_ON = fields.NOTIFY_ON
is_http_url = fields.is_http_url

_PHONE_JUNK = re.compile(r"[\s\-().]")
_PHONE = re.compile(r"^\+?[1-9][0-9]{7,14}$")


# How a number is dialled at home, by country: (trunk prefix, national digits after it,
# international code). "8 777 123 45 67" in Kazakhstan is +7 777 123 45 67; "8 612 34567"
# in Lithuania is +370 612 34567; Latvian numbers have eight digits and no prefix.
_DOMESTIC = {"kz": ("8", 10, "7"), "lt": ("8", 8, "370"), "lv": ("", 8, "371")}
# A format to show, per country (a pattern, not anyone's number).
PHONE_EXAMPLES = {"kz": "+7 7XX XXX XX XX", "lt": "+370 6XX XXXXX", "lv": "+371 2XXX XXXX"}


def normalise_phone(text: str, *countries: str | None) -> str | None:
    """E.164-ish: +, 8 to 15 digits, no leading 0; a domestic number of one of `countries`
    (the first that fits: where the event is, then where the person lives) is given its
    international code. Returned as +digits, else None."""
    compact = _PHONE_JUNK.sub("", text.strip())
    for country in countries:
        domestic = _DOMESTIC.get(country or "")
        if domestic is None or not (compact.isascii() and compact.isdigit()):
            continue
        prefix, digits, code = domestic
        if compact.startswith(prefix) and len(compact) == len(prefix) + digits:
            compact = "+" + code + compact[len(prefix) :]
            break
    if not compact.isascii() or not _PHONE.match(compact):
        return None
    return "+" + compact.lstrip("+")


def normalise_name(text: str) -> str | None:
    name = " ".join(text.split())
    if not name or len(name) > 100 or name.startswith("/"):
        return None
    return name
