"""Shared builders for the events tests."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from core.clock import FakeClock
from core.storage import Database
from registry import EventDraft, EventText, Registry
from registry.reminders import register_renderers
from scheduler.content import Rendered
from scheduler.outbox import Outbox
from scheduler.sender import Sender
from tests.support import shared_translator


@dataclass
class RecordingTransport:
    sent: list[tuple[int, Rendered]] = field(default_factory=list)

    async def send(self, chat_id: int, message: Rendered) -> int:
        self.sent.append((chat_id, message))
        return len(self.sent)

    def texts(self, chat_id: int | None = None) -> list[str]:
        return [m.text or "" for c, m in self.sent if chat_id is None or c == chat_id]


def draft(clock: FakeClock, **overrides: Any) -> EventDraft:
    values: dict[str, Any] = {
        "texts": {"en": EventText("en", "Round table on migrants' rights", "Bring questions.")},
        "start_at": clock.now() + timedelta(days=3),
        "timezone": "Europe/Vilnius",
        "venue_name": "Community hall",
        "venue_address": "Gedimino pr. 1, Vilnius",
        "capacity": 10,
        "zoom_id": "812 3456 7890",
        "zoom_passcode": "4321",
        "online_url": "https://zoom.us/j/81234567890",
        "livestream_url": "https://facebook.com/ngo/live",
    }
    values.update(overrides)
    return EventDraft(**values)


@dataclass
class World:
    db: Database
    clock: FakeClock
    outbox: Outbox
    registry: Registry
    transport: RecordingTransport
    sender: Sender


def world(db: Database, clock: FakeClock, transport: RecordingTransport | None = None) -> World:
    """A registry wired to the real outbox and sender, as the bot wires them."""
    outbox = Outbox(db, clock)
    registry = Registry(db, clock, outbox=outbox, reminder_offsets_hours=(24, 1))
    transport = transport or RecordingTransport()
    sender = Sender(db, clock, transport, rate_per_second=None, per_chat_limits=False)
    register_renderers(sender, shared_translator(), clock)
    return World(db, clock, outbox, registry, transport, sender)


async def published(w: World, **overrides: Any) -> int:
    event = await w.registry.create(draft(w.clock, **overrides), created_by=1)
    await w.registry.publish(event.id)
    return event.id


def at(clock: FakeClock, when: datetime) -> None:
    clock.set(when)
