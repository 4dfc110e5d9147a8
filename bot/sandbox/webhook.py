"""Webhook delivery for the local Bot API: updates POSTed to the bot as Telegram does.

After setWebhook the queued updates no longer wait for getUpdates: each is
POSTed as JSON to the webhook URL with the ``X-Telegram-Bot-Api-Secret-Token``
header (when a secret was set). As on Telegram:

- at most ``max_connections`` requests are in flight (default 40);
- one chat's updates go one at a time, in order: the next one is sent only
  after the previous one was answered with a 2xx;
- a failed delivery (no connection, a timeout, any other status) is retried
  with growing pauses, and the chat waits meanwhile; other chats go on;
- getWebhookInfo reports the pending count and the last error.

``gateway`` stands in for the load balancer in front of the bot: the URL's
``scheme://host:port`` is replaced by it (``https://bot.example.org`` →
``http://127.0.0.1:8443``), so a bot configured with its public https URL can
be tested on this machine. After deleteWebhook the undelivered updates go back
to the getUpdates queue, in order.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections import deque
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import aiohttp

from bot.sandbox.sim import Simulator

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
DEFAULT_MAX_CONNECTIONS = 40
Key = tuple[str, int]


def queue_key(update: dict[str, Any]) -> Key:
    """Updates of one chat (or, without a chat, of one person) share a queue."""
    for kind, payload in update.items():
        if kind == "update_id" or not isinstance(payload, dict):
            continue
        message = payload.get("message") if kind == "callback_query" else payload
        chat = message.get("chat") if isinstance(message, dict) else None
        if isinstance(chat, dict) and isinstance(chat.get("id"), int):
            return ("chat", chat["id"])
        person = payload.get("from")
        if isinstance(person, dict) and isinstance(person.get("id"), int):
            return ("user", person["id"])
    return ("update", int(update["update_id"]))


@dataclass(slots=True)
class WebhookCounters:
    delivered: int = 0
    failed_attempts: int = 0
    gave_up: int = 0


class WebhookDelivery:
    """Takes updates from the simulator's queue and POSTs them to the webhook."""

    def __init__(
        self,
        sim: Simulator,
        *,
        retry_first: float = 0.1,
        retry_cap: float = 5.0,
        give_up_after: float = 24 * 3600.0,
        request_timeout: float = 60.0,
    ) -> None:
        self.sim = sim
        self.url = ""
        self.secret: str | None = None
        self.max_connections = DEFAULT_MAX_CONNECTIONS
        self.gateway: str | None = None
        self.retry_first = retry_first
        self.retry_cap = retry_cap
        self.give_up_after = give_up_after
        self.request_timeout = request_timeout
        self.counters = WebhookCounters()
        self.last_error_date: int | None = None
        self.last_error_message: str | None = None
        self._queues: dict[Key, deque[dict[str, Any]]] = {}
        self._ready: deque[Key] = deque()
        self._busy: set[Key] = set()
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._bridge: asyncio.Task[None] | None = None
        self._deliveries: set[asyncio.Task[None]] = set()
        self._session: aiohttp.ClientSession | None = None

    # ----- configuration (setWebhook, deleteWebhook, getWebhookInfo) --------------------

    @property
    def active(self) -> bool:
        return bool(self.url)

    async def configure(self, url: str, secret: str | None, max_connections: int) -> None:
        """setWebhook: start delivering (or keep going with new settings)."""
        changed = url != self.url
        self.url, self.secret, self.max_connections = url, secret, max_connections
        if changed and self._task is not None:
            await self.stop()
            self.url, self.secret = url, secret
        if self._task is None:
            self._task = asyncio.create_task(self._run(), name="sandbox-webhook")
            self._bridge = asyncio.create_task(self._listen(), name="sandbox-webhook-signal")
        self._wake.set()

    async def stop(self) -> None:
        """deleteWebhook (or the server stops): stop and give undelivered updates back."""
        self.url = ""
        self._wake.set()
        for task in (self._task, self._bridge):
            if task is not None:
                task.cancel()
        for task in list(self._deliveries):
            task.cancel()
        pending = [t for t in (self._task, self._bridge, *self._deliveries) if t is not None]
        if pending:
            await asyncio.gather(*pending, return_exceptions=True)
        self._task = self._bridge = None
        self._deliveries.clear()
        if self._session is not None:
            await self._session.close()
            self._session = None
        leftover = [u for q in self._queues.values() for u in q]
        self._queues.clear()
        self._ready.clear()
        self._busy.clear()
        if leftover:
            merged = sorted([*leftover, *self.sim.updates], key=lambda u: int(u["update_id"]))
            self.sim.updates.clear()
            self.sim.updates.extend(merged)

    def pending_count(self) -> int:
        return len(self.sim.updates) + sum(len(q) for q in self._queues.values())

    def drop_pending(self) -> None:
        self.sim.updates.clear()
        for key in list(self._queues):
            if key not in self._busy:
                del self._queues[key]
        self._ready = deque(k for k in self._ready if k in self._queues)

    def info(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "url": self.url,
            "has_custom_certificate": False,
            "pending_update_count": self.pending_count(),
        }
        if self.url:
            data["max_connections"] = self.max_connections
        if self.last_error_date is not None:
            data["last_error_date"] = self.last_error_date
            data["last_error_message"] = self.last_error_message
        return data

    # ----- the loop --------------------------------------------------------------------

    async def _listen(self) -> None:
        # The flag, not only cancel(): Signal.wait's wait_for may swallow a cancellation.
        while self.url and not self.sim.closing:
            await self.sim.updates_signal.wait(1.0)
            self._wake.set()

    def target(self) -> str:
        if not self.gateway:
            return self.url
        parts = urlsplit(self.url)
        path = parts.path or "/"
        query = f"?{parts.query}" if parts.query else ""
        return self.gateway.rstrip("/") + path + query

    def _intake(self) -> None:
        updates = self.sim.updates
        allowed = self.sim.allowed_updates
        while updates:
            update = updates.popleft()
            kind = next((k for k in update if k != "update_id"), "")
            if kind not in allowed:
                continue
            key = queue_key(update)
            queue = self._queues.get(key)
            if queue is None:
                queue = self._queues[key] = deque()
                if key not in self._busy:
                    self._ready.append(key)
            queue.append(update)

    async def _run(self) -> None:
        connector = aiohttp.TCPConnector(limit=max(1, self.max_connections))
        self._session = aiohttp.ClientSession(
            connector=connector, timeout=aiohttp.ClientTimeout(total=self.request_timeout)
        )
        while self.url and not self.sim.closing:
            self._wake.clear()
            self._intake()
            while self._ready and len(self._busy) < self.max_connections:
                key = self._ready.popleft()
                self._busy.add(key)
                task = asyncio.create_task(self._deliver_queue(key))
                self._deliveries.add(task)
                task.add_done_callback(self._deliveries.discard)
            await self._wake.wait()

    async def _deliver_queue(self, key: Key) -> None:
        try:
            queue = self._queues[key]
            update = queue[0]
            await self._deliver(update)
            queue.popleft()
            if queue:
                self._ready.append(key)
            else:
                del self._queues[key]
        finally:
            self._busy.discard(key)
            self._wake.set()

    async def _deliver(self, update: dict[str, Any]) -> None:
        """POST until answered with 2xx (or until the give-up horizon passes)."""
        body = json.dumps(update, ensure_ascii=False, separators=(",", ":")).encode()
        started = time.monotonic()
        pause = self.retry_first
        while True:
            error = await self._post(body)
            if error is None:
                self.counters.delivered += 1
                return
            self.counters.failed_attempts += 1
            self.last_error_date = int(time.time())
            self.last_error_message = error
            if time.monotonic() - started > self.give_up_after:
                self.counters.gave_up += 1
                log.warning("webhook: gave up on update %s (%s)", update["update_id"], error)
                return
            await asyncio.sleep(pause)
            pause = min(pause * 2, self.retry_cap)

    async def _post(self, body: bytes) -> str | None:
        """None when delivered, else what went wrong (as getWebhookInfo words it)."""
        assert self._session is not None
        headers = {"Content-Type": "application/json"}
        if self.secret:
            headers[SECRET_HEADER] = self.secret
        try:
            async with self._session.post(self.target(), data=body, headers=headers) as response:
                await response.read()
                if 200 <= response.status < 300:
                    return None
                return f"Wrong response from the webhook: {response.status} {response.reason}"
        except TimeoutError:
            return "Read timeout expired"
        except aiohttp.ClientError as exc:
            return f"Connection failed: {type(exc).__name__}"
