"""The sender's side of held replies: what web processes handled, sent to Telegram.

A web process (`python -m bot web`) does not call Telegram for the replies to
the update in hand; it writes them with the mark that the update is handled
(`core.updates`, "Held replies"). Here a sender process claims those rows, makes
their calls in order, and marks each row done. It wakes on PostgreSQL's NOTIFY,
and looks every `poll` seconds too (a notification lost with a connection).

Outcomes of one call: sent; Telegram's answer never came (a read timeout: it may
have arrived, counted as sent, as the outbox does); refused (400: logged, the
next call goes on); the person blocked the bot (403: the rest of the row is
dropped); flood control or the network (the row keeps its progress and is
claimed again, after a pause; given up after `MAX_TRIES`).
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import asyncpg  # type: ignore[import-untyped]
from sqlalchemy.engine import make_url
from telegram import Bot
from telegram.error import BadRequest, Forbidden, RetryAfter, TelegramError, TimedOut

from core.clock import Clock
from core.storage import Database
from core.updates import REPLIES_CHANNEL, HeldReplies, HeldRow

log = logging.getLogger(__name__)

MAX_TRIES = 5


class ReplySender:
    """Claims held replies and sends them, many chats at once, each chat in order."""

    def __init__(
        self,
        db: Database,
        bot: Bot,
        clock: Clock,
        *,
        batch: int = 100,
        poll: float = 1.0,
    ) -> None:
        self.db = db
        self.bot = bot
        self.held = HeldReplies(db, clock)
        self.batch = batch
        self.poll = poll
        self.sent = 0
        self._wake = asyncio.Event()
        self._stopping = False
        self._task: asyncio.Task[None] | None = None
        self._listener: Any = None

    async def start(self) -> None:
        await self._listen()
        self._task = asyncio.create_task(self._loop(), name="held-replies")

    async def stop(self) -> None:
        """Finish the batch in hand, then stop."""
        self._stopping = True
        self._wake.set()
        if self._task is not None:
            await self._task
            self._task = None
        await self._unlisten()

    async def _listen(self) -> None:
        url = make_url(self.db.url).set(drivername="postgresql")
        try:
            conn = await asyncpg.connect(url.render_as_string(hide_password=False))
            await conn.add_listener(REPLIES_CHANNEL, self._notified)
        except (OSError, asyncpg.PostgresError) as exc:
            log.warning("held replies: no notifications (%s); polling", type(exc).__name__)
            return
        self._listener = conn

    async def _unlisten(self) -> None:
        conn, self._listener = self._listener, None
        if conn is not None:
            try:
                await conn.close(timeout=5)
            except (OSError, asyncpg.PostgresError, TimeoutError):
                conn.terminate()

    def _notified(self, *_args: Any) -> None:
        self._wake.set()

    async def _loop(self) -> None:
        failures = 0
        while not self._stopping:
            self._wake.clear()
            try:
                claimed, pause = await self.run_once()
                failures = 0
            except Exception:  # the loop must survive a database hiccup
                failures += 1
                log.exception("held replies: a round failed (%s in a row)", failures)
                claimed, pause = 0, min(30.0, 0.5 * 2**failures)
            if self._listener is None or self._listener.is_closed():
                self._listener = None
                await self._listen()
            if claimed and not pause:
                continue  # more may wait, or the next of a chat just sent
            try:
                await asyncio.wait_for(self._wake.wait(), pause or self.poll)
            except TimeoutError:
                pass

    async def run_once(self) -> tuple[int, float]:
        """One claim, sent and recorded: (rows claimed, seconds to pause before the next)."""
        rows = await self.held.claim(self.batch)
        if not rows:
            return 0, 0.0
        results = await asyncio.gather(*(self._send_row(row) for row in rows))
        outcomes = [(row, sent) for row, (sent, _) in zip(rows, results, strict=True)]
        await self.held.finish(outcomes)
        return len(rows), max(wait for _, wait in results)

    async def _send_row(self, row: HeldRow) -> tuple[int | None, float]:
        """(None when the row is finished, else how many calls went out; a pause)."""
        for n in range(row.sent, len(row.replies)):
            method, params = row.replies[n]
            try:
                # As the handler made it (PTB's public do_api_request warns on known methods).
                await self.bot._post(method, dict(params))
                self.sent += 1
            except RetryAfter as exc:
                return self._again(row, n, exc.retry_after, "flood control")
            except Forbidden:
                log.info("update %s: chat %s blocked the bot", row.update_id, row.chat_id)
                return None, 0.0
            except BadRequest as exc:
                log.warning("update %s: %s refused: %s", row.update_id, method, exc.message)
            except TimedOut:
                log.warning("update %s: %s unconfirmed (read timeout)", row.update_id, method)
            except TelegramError as exc:
                return self._again(row, n, 1.0, type(exc).__name__)
        return None, 0.0

    def _again(self, row: HeldRow, sent: int, wait: Any, why: str) -> tuple[int | None, float]:
        if row.tries + 1 >= MAX_TRIES:
            tries = row.tries + 1
            log.error("update %s: replies given up after %s tries (%s)", row.update_id, tries, why)
            return None, 0.0
        seconds = float(wait.total_seconds()) if hasattr(wait, "total_seconds") else float(wait)
        log.warning("update %s: replies wait %ss (%s)", row.update_id, seconds, why)
        return sent, seconds
