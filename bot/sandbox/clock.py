"""The try-out's clock: real time plus an offset that the web chat moves forward.

The bot is built with this clock (as tests build it with a FakeClock), so moving it
makes reminders due, offers lapse and planned broadcasts go out; the simulated
Telegram dates its messages by it too. It never goes back: the database already
holds what happened at the later time.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

# Far enough for any event a try-out plans; a typo in a year cannot jump a century.
MAX_OFFSET = timedelta(days=3 * 366)


class ClockError(ValueError):
    """A move the try-out refuses: backwards, or too far."""


class TryOutClock:
    """`now()` is the real time shifted by `offset` (a Clock for core.clock's protocol)."""

    def __init__(
        self, offset: timedelta = timedelta(0), real: Callable[[], float] = time.time
    ) -> None:
        if offset < timedelta(0) or offset > MAX_OFFSET:
            offset = timedelta(0)
        self.offset = offset
        self._real = real

    def now(self) -> datetime:
        """The try-out's current time, timezone-aware UTC."""
        return datetime.fromtimestamp(self._real(), UTC) + self.offset

    def timestamp(self) -> float:
        """The same moment in seconds since the epoch (message dates)."""
        return self._real() + self.offset.total_seconds()

    def advance(self, delta: timedelta) -> datetime:
        """Move forward by `delta`; the new time."""
        if delta <= timedelta(0):
            raise ClockError("the clock only moves forward")
        if self.offset + delta > MAX_OFFSET:
            raise ClockError("that is too far ahead for a try-out (at most three years)")
        self.offset += delta
        return self.now()

    def move_to(self, when: datetime) -> datetime:
        """Move forward to `when` (aware); the new time."""
        if when.tzinfo is None:
            raise ClockError("a time without a zone is ambiguous")
        return self.advance(when - self.now())
