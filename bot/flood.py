"""A per-person flood limit: one person's storm must not slow everyone else down.

A sliding window per person over the updates they send (messages and taps).
Over the limit, the person is told once, in their language, to slow down; what
they send after that inside the window is dropped without an answer. The
window runs on a monotonic clock of its own (not the injected wall clock that
tests freeze), and idle people are forgotten once a window, so memory follows
the people active in the last window, not everyone who ever wrote (a list of a
few floats each: a deque would take 600 bytes for a single entry).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from enum import StrEnum


class Verdict(StrEnum):
    ALLOW = "allow"
    WARN = "warn"  # the first update over the limit: say "slow down"
    DROP = "drop"  # the rest: nothing


class FloodGuard:
    def __init__(
        self,
        *,
        limit: int = 30,
        window_seconds: float = 10.0,
        now: Callable[[], float] = time.monotonic,
        max_people: int = 50_000,
    ) -> None:
        self.limit = limit
        self.window = window_seconds
        self._now = now
        self._max_people = max_people
        self._seen: dict[int, list[float]] = {}
        self._warned: dict[int, float] = {}
        self._next_sweep = now() + window_seconds

    def check(self, user_id: int) -> Verdict:
        now = self._now()
        if now >= self._next_sweep:
            self._next_sweep = now + self.window
            self._forget_idle(now)
        times = self._seen.get(user_id)
        if times is None:
            if len(self._seen) >= self._max_people:
                self._forget_idle(now)
            times = self._seen[user_id] = []
        stale = 0
        while stale < len(times) and now - times[stale] > self.window:
            stale += 1
        if stale:
            del times[:stale]
        if len(times) < self.limit:
            times.append(now)
            return Verdict.ALLOW
        warned = self._warned.get(user_id)
        if warned is not None and now - warned <= self.window:
            return Verdict.DROP
        self._warned[user_id] = now
        return Verdict.WARN

    def _forget_idle(self, now: float) -> None:
        idle = [
            uid for uid, times in self._seen.items() if not times or now - times[-1] > self.window
        ]
        for uid in idle:
            self._seen.pop(uid, None)
            self._warned.pop(uid, None)
        for uid in [uid for uid, at in self._warned.items() if now - at > self.window]:
            del self._warned[uid]
        if len(self._seen) >= self._max_people:
            # Everyone is active: drop the oldest half rather than grow without bound.
            for uid in list(self._seen)[: len(self._seen) // 2]:
                self._seen.pop(uid, None)
                self._warned.pop(uid, None)


class OncePer:
    """At most one event per key per `seconds` (e.g. one organizer notice per person an hour)."""

    def __init__(self, seconds: float, *, now: Callable[[], float] = time.monotonic) -> None:
        self.seconds = seconds
        self._now = now
        self._last: dict[object, float] = {}

    def recent(self, key: object) -> bool:
        """Whether `key` happened less than `seconds` ago."""
        last = self._last.get(key)
        return last is not None and self._now() - last < self.seconds

    def mark(self, key: object) -> None:
        now = self._now()
        if len(self._last) > 50_000:
            self._last = {k: t for k, t in self._last.items() if now - t < self.seconds}
        self._last[key] = now
