"""A small pacer: never faster than the configured rate, overall and per chat.

Each caller reserves the next free slot (a GCRA-style "theoretical arrival
time"), so many concurrent senders share the rate exactly, and the schedule is
kept in virtual time: lateness of one wake-up is not added to the next, which
keeps the achieved rate within a hair of the configured one.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable

# Telegram: about one message a second to one private chat, twenty a minute to a group.
PRIVATE_CHAT_INTERVAL = 1.0
GROUP_CHAT_INTERVAL = 3.0
_PRUNE_AT = 50_000


class Pacer:
    def __init__(
        self,
        rate_per_second: float | None,
        *,
        per_chat: bool = True,
        now: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[object]] = asyncio.sleep,
    ) -> None:
        """`rate_per_second=None` lifts the overall limit (benchmarks)."""
        self.interval = 1.0 / rate_per_second if rate_per_second else 0.0
        self.per_chat = per_chat
        self._now = now
        self._sleep = sleep
        self._next = 0.0
        self._paused_until = 0.0
        self._chat_next: dict[int, float] = {}

    def now(self) -> float:
        return self._now()

    def pause(self, seconds: float) -> None:
        """Flood control: nobody sends for `seconds` from now."""
        self._paused_until = max(self._paused_until, self._now() + seconds)

    @property
    def paused_until(self) -> float:
        return self._paused_until

    async def acquire(self, chat_id: int) -> None:
        """Wait for this chat's next slot, then for the next overall slot."""
        if self.per_chat:
            await self._chat_slot(chat_id)
        await self._overall_slot()
        if self.per_chat:
            # The overall queue may have delayed us: the chat's spacing counts from now.
            interval = PRIVATE_CHAT_INTERVAL if chat_id > 0 else GROUP_CHAT_INTERVAL
            after = self._now() + interval
            self._chat_next[chat_id] = max(self._chat_next.get(chat_id, 0.0), after)

    async def _overall_slot(self) -> None:
        """Wait for the next overall slot (this process's own schedule)."""
        while True:
            now = self._now()
            slot = max(now, self._next, self._paused_until)
            self._next = slot + self.interval
            if slot > now:
                await self._sleep(slot - now)
            # A pause announced while we slept moves us behind it.
            if self._now() >= self._paused_until:
                break

    async def _chat_slot(self, chat_id: int) -> None:
        interval = PRIVATE_CHAT_INTERVAL if chat_id > 0 else GROUP_CHAT_INTERVAL
        now = self._now()
        if len(self._chat_next) > _PRUNE_AT:
            self._chat_next = {c: t for c, t in self._chat_next.items() if t > now}
        slot = max(now, self._chat_next.get(chat_id, 0.0))
        self._chat_next[chat_id] = slot + interval
        if slot > now:
            await self._sleep(slot - now)
