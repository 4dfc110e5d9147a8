"""The state every part of the registry shares: database, clock, outbox, settings."""

from __future__ import annotations

from collections.abc import Sequence

from core.clock import Clock
from core.storage import Database
from registry import reminders


class RegistryBase:
    """Takes ids, datetimes and plain data; never a Telegram object."""

    def __init__(
        self,
        db: Database,
        clock: Clock,
        *,
        outbox: reminders.OutboxLike | None = None,
        reminder_offsets_hours: Sequence[int] = (24, 1),
        offer_hours: float = 12.0,
    ) -> None:
        self.db = db
        self.clock = clock
        self.outbox = outbox
        self.reminder_offsets_hours = tuple(sorted(set(reminder_offsets_hours), reverse=True))
        self.offer_hours = offer_hours
