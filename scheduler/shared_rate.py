"""One send rate for the whole deployment: several senders share Telegram's limits.

Telegram's limit (about 30 messages a second) is per bot, not per process. Each
sender reserves the next few send slots from one row in PostgreSQL
(`send_pace`): one UPDATE moves the deployment's next free slot forward by
`count × interval` and returns where this sender's slots begin, on the
database's clock. Two senders never get the same slot, so together they send at
the configured rate however many run; a sender reserves only when it has a
message ready, and only a fifth of a second ahead, so little is wasted.

Flood control: a `RetryAfter` in any sender moves the shared row's pause (and
its next slot) past the wait; every sender sees it at its next reservation, at
most a fifth of a second later, and drops slots it had reserved inside it.

Different settings: the interval comes from the lowest rate among live senders
(`core.cluster.Processes`), so the lower setting wins; the higher one says so
in one log line at start-up.
"""

from __future__ import annotations

import asyncio
import logging
import math
import time
from collections import deque
from collections.abc import Awaitable, Callable

from sqlalchemy import Float, String, bindparam, text

from core.cluster import Processes
from core.storage import Database
from scheduler.pacer import Pacer

log = logging.getLogger(__name__)

PACE_ROW = "telegram"
RATE_REFRESH_SECONDS = 2.0

_RESERVE = text(
    """
    UPDATE send_pace
       SET next_slot = GREATEST(next_slot, EXTRACT(EPOCH FROM clock_timestamp()), paused_until)
                       + :step
     WHERE name = :name
 RETURNING next_slot, paused_until, EXTRACT(EPOCH FROM clock_timestamp())
    """
).bindparams(bindparam("step", type_=Float), bindparam("name", type_=String))
_PAUSE = text(
    """
    UPDATE send_pace
       SET paused_until = GREATEST(paused_until, EXTRACT(EPOCH FROM clock_timestamp()) + :s),
           next_slot = GREATEST(next_slot, EXTRACT(EPOCH FROM clock_timestamp()) + :s)
     WHERE name = :name
    """
).bindparams(bindparam("s", type_=Float), bindparam("name", type_=String))
_ENSURE = text(
    "INSERT INTO send_pace (name, next_slot, paused_until) VALUES (:name, 0, 0) "
    "ON CONFLICT (name) DO NOTHING"
)


class SharedPacer(Pacer):
    """A Pacer whose overall schedule lives in PostgreSQL (per-chat spacing stays local)."""

    def __init__(
        self,
        db: Database,
        rate_per_second: float,
        *,
        processes: Processes | None = None,
        per_chat: bool = True,
        window_seconds: float = 0.2,
        name: str = PACE_ROW,
        now: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[object]] = asyncio.sleep,
    ) -> None:
        if db.is_sqlite:
            raise ValueError("the shared rate needs PostgreSQL (SQLite runs one sender)")
        super().__init__(rate_per_second, per_chat=per_chat, now=now, sleep=sleep)
        self.db = db
        self.own_rate = rate_per_second
        self.rate = rate_per_second
        self.processes = processes
        self.window = window_seconds
        self.name = name
        self._slots: deque[float] = deque()
        self._reserve_lock = asyncio.Lock()
        self._rate_checked = -math.inf
        self._ready = False
        self._pause_tasks: set[asyncio.Task[None]] = set()
        self.reservations = 0

    async def _ensure(self) -> None:
        if not self._ready:
            async with self.db.engine.begin() as conn:
                await conn.execute(_ENSURE, {"name": self.name})
            self._ready = True

    async def refresh_rate(self) -> float:
        """The deployment's rate: the lowest among live senders (this one's included)."""
        self._rate_checked = self._now()
        lowest = await self.processes.lowest_rate() if self.processes is not None else None
        rate = min(self.own_rate, lowest) if lowest is not None else self.own_rate
        if rate != self.rate:
            log.warning(
                "send rate: %s a second here, %s in another sender: the deployment sends at %s",
                self.own_rate,
                lowest,
                rate,
            )
        self.rate = rate
        return rate

    async def _reserve(self) -> None:
        await self._ensure()
        if self._now() - self._rate_checked >= RATE_REFRESH_SECONDS:
            await self.refresh_rate()
        interval = 1.0 / self.rate
        count = max(1, math.ceil(self.rate * self.window))
        async with self.db.engine.begin() as conn:
            row = (
                await conn.execute(_RESERVE, {"step": count * interval, "name": self.name})
            ).one()
        local_now = self._now()
        next_slot, paused_until, db_now = (float(v) for v in row)
        first = next_slot - count * interval
        # The database's clock to ours: the same instant is db_now there, local_now here.
        offset = local_now - db_now
        self._slots.extend(first + i * interval + offset for i in range(count))
        if paused_until > db_now:
            self._paused_until = max(self._paused_until, paused_until + offset)
        self.reservations += 1

    async def _overall_slot(self) -> None:
        while True:
            async with self._reserve_lock:
                if not self._slots:
                    await self._reserve()
                slot = self._slots.popleft()
            if slot < self._paused_until:
                # Reserved before someone's flood wait began: not ours to use.
                continue
            now = self._now()
            if slot > now:
                await self._sleep(slot - now)
            if self._now() >= self._paused_until:
                return

    def pause(self, seconds: float) -> None:
        """Flood control: this sender stops now, and every other at its next reservation."""
        super().pause(seconds)
        self._slots.clear()
        task = asyncio.get_running_loop().create_task(self._share_pause(seconds))
        self._pause_tasks.add(task)
        task.add_done_callback(self._pause_tasks.discard)

    async def _share_pause(self, seconds: float) -> None:
        try:
            async with self.db.engine.begin() as conn:
                await conn.execute(_PAUSE, {"s": float(seconds), "name": self.name})
        except Exception:  # the local pause holds anyway; the others learn at their next 429
            log.exception("could not share a flood wait of %ss", seconds)
