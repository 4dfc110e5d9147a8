"""A recording transport for sender tests (the end-to-end tests use the real one)."""

from __future__ import annotations

import asyncio
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from scheduler.content import Rendered
from scheduler.transport import DeliveryError


@dataclass
class Sent:
    chat_id: int
    message: Rendered
    at: float


@dataclass
class FakeTransport:
    """Sends succeed unless a failure is scripted for the chat (consumed in order)."""

    latency: float = 0.0
    sent: list[Sent] = field(default_factory=list)
    failures: dict[int, list[DeliveryError]] = field(default_factory=lambda: defaultdict(list))
    # Failures for whichever send comes n-th (1-based), for "in the middle of a broadcast".
    nth_failures: dict[int, DeliveryError] = field(default_factory=dict)
    calls: int = 0

    async def send(self, chat_id: int, message: Rendered) -> int:
        self.calls += 1
        call = self.calls
        if self.latency:
            await asyncio.sleep(self.latency)
        if call in self.nth_failures:
            raise self.nth_failures.pop(call)
        queued = self.failures.get(chat_id)
        if queued:
            raise queued.pop(0)
        self.sent.append(Sent(chat_id, message, time.monotonic()))
        return len(self.sent)

    def per_chat(self) -> Counter[int]:
        return Counter(s.chat_id for s in self.sent)
