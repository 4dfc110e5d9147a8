"""Tables of the event registry: events, their texts per language, registrations, offers."""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from core.storage.tables import metadata
from core.storage.types import GeoPointText, UTCDateTime

events = Table(
    "events",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("status", String(12), nullable=False),
    Column("start_at", UTCDateTime, nullable=False),
    Column("duration_minutes", Integer, nullable=False),
    Column("timezone", String(64), nullable=False),
    Column("default_language", String(8), nullable=False),
    Column("venue_name", String(200), nullable=True),
    Column("venue_address", String(300), nullable=True),
    # A pin on the map ('latitude,longitude'), sent with the card; NULL when none was given.
    Column("venue_location", GeoPointText, nullable=True),
    # None: no seats in a room (online only). 0 is allowed while a room is being found.
    Column("capacity", Integer, nullable=True),
    Column("phone_required", Boolean, nullable=False, default=False),
    Column("zoom_id", String(40), nullable=True),
    Column("zoom_passcode", String(40), nullable=True),
    Column("online_url", String(500), nullable=True),
    Column("livestream_url", String(500), nullable=True),
    Column("registration_deadline", UTCDateTime, nullable=True),
    Column("contact", String(200), nullable=True),
    # Where the room is (lt, lv, kz); NULL for an online-only event: it is for everyone.
    Column("country", String(8), nullable=True),
    Column("created_by", BigInteger, nullable=True),
    Column("created_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    Index("ix_events_status_start", "status", "start_at"),
)

event_texts = Table(
    "event_texts",
    metadata,
    Column("event_id", Integer, ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("language", String(8), primary_key=True),
    Column("title", String(200), nullable=False),
    Column("description", Text, nullable=False, default=""),
)

registrations = Table(
    "registrations",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event_id", Integer, ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
    Column("user_id", BigInteger, nullable=False),
    Column("mode", String(10), nullable=False),
    Column("status", String(12), nullable=False),
    Column("name", String(100), nullable=False),
    Column("phone", String(20), nullable=True),
    Column("code", String(8), nullable=False),
    Column("language", String(8), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    # The place in the waiting list: the time the person joined it.
    Column("queued_at", UTCDateTime, nullable=True),
    Column("checked_in_at", UTCDateTime, nullable=True),
    Column("cancelled_at", UTCDateTime, nullable=True),
    # An online registrant who asked for a seat in the room: "waiting" (in the queue by
    # queued_at) or "offered" (an open offer holds a seat). NULL: no such request.
    Column("seat_request", String(10), nullable=True),
    # A repeated tap or a redelivered update can never make a second registration.
    UniqueConstraint("event_id", "user_id", name="uq_registrations_event_user"),
    UniqueConstraint("event_id", "code", name="uq_registrations_event_code"),
    Index("ix_registrations_event_status", "event_id", "status"),
    Index("ix_registrations_user_id", "user_id"),
)

offers = Table(
    "offers",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column(
        "registration_id",
        Integer,
        ForeignKey("registrations.id", ondelete="CASCADE"),
        nullable=False,
    ),
    Column("event_id", Integer, ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
    Column("status", String(12), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("expires_at", UTCDateTime, nullable=False),
    Column("closed_at", UTCDateTime, nullable=True),
    Index("ix_offers_status_expires", "status", "expires_at"),
    Index("ix_offers_registration_id", "registration_id"),
)
