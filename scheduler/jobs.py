"""Waking the sender with PTB's JobQueue, duck-typed so scheduler/ stays Telegram-free.

One `run_once` job is armed for the next due time and re-armed after every
drain and whenever a newly queued row is due earlier; a repeating sweep is the
safety net (a row queued by another process, a lease that expired). Nothing is
pickled: after a restart the first drain finds everything pending in the
database, and the timer is derived from it.
"""

from __future__ import annotations

import logging
from contextlib import suppress
from datetime import datetime
from typing import Any

from core.clock import Clock
from scheduler.outbox import Outbox
from scheduler.sender import Sender

log = logging.getLogger(__name__)

WAKE_JOB = "outbox-wake"
SWEEP_JOB = "outbox-sweep"


class DeliveryJobs:
    def __init__(
        self,
        job_queue: Any,
        sender: Sender,
        outbox: Outbox,
        clock: Clock,
        *,
        sweep_seconds: float = 30.0,
    ) -> None:
        self.job_queue = job_queue
        self.sender = sender
        self.outbox = outbox
        self.clock = clock
        self.sweep_seconds = sweep_seconds
        self.armed_for: datetime | None = None
        self._wake_job: Any = None
        self._sweep_job: Any = None

    def start(self) -> None:
        self.sender.add_idle_listener(self.arm)
        self.outbox.add_listener(self._on_scheduled)
        self._sweep_job = self.job_queue.run_repeating(
            self._wake, interval=self.sweep_seconds, first=self.sweep_seconds, name=SWEEP_JOB
        )
        # The loop's first drain picks up everything already due, then arms the timer.
        self.sender.start()

    async def stop(self) -> None:
        for job in (self._wake_job, self._sweep_job):
            _remove(job)
        self._wake_job = self._sweep_job = None
        await self.sender.stop()

    def arm(self, when: datetime | None) -> None:
        """Wake the sender at `when` (replacing the timer armed before)."""
        _remove(self._wake_job)
        self._wake_job = None
        self.armed_for = when
        if when is None:
            return
        delay = max(0.0, (when - self.clock.now()).total_seconds())
        # No misfire limit: a wake-up that fires late on a busy loop still wakes the
        # sender (APScheduler would drop it, and the due message would wait a sweep).
        self._wake_job = self.job_queue.run_once(
            self._wake, when=delay, name=WAKE_JOB, job_kwargs={"misfire_grace_time": None}
        )

    def _on_scheduled(self, due: datetime) -> None:
        if due <= self.clock.now():
            self.sender.wake()
        elif self.armed_for is None or due < self.armed_for:
            self.arm(due)

    async def _wake(self, _context: Any) -> None:
        self.sender.wake()


def _remove(job: Any) -> None:
    if job is None:
        return
    # A run_once job that already fired is gone from the scheduler (JobLookupError).
    with suppress(LookupError):
        job.schedule_removal()
