"""`python -m bot web`: the webhook process (any number of copies on one PostgreSQL).

Telegram POSTs each update to ``/telegram`` with the secret header. This
process answers only after the update was handled (or found to be handled
already), so an update whose process dies mid-way is redelivered by Telegram
and taken over by another process (as a web process with `hold_replies` sends
no reply itself, but hands them to a sender with the "handled" mark, such a
redelivery neither loses nor repeats one); with Telegram sending a chat's next update
only after the previous answer, that also keeps one chat's updates in order
across processes (`core.updates` checks it and waits if it ever is not so).

- A request without the right secret gets 403; the first from an address is
  logged, then at most one line an hour per address.
- A body that is not a JSON update gets 400 (logged by the same rule).
- An update the library cannot read is skipped with 200, logged by id only.
- ``GET /healthz``: 200 when the database answers and its migrations are at
  the heads, else 503 with what is wrong.
- SIGTERM: stop accepting, finish the updates in hand, then close.

Several copies on one host share the port (SO_REUSEPORT: the kernel spreads
connections); behind a load balancer they may as well use one port each.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
from typing import Any

from aiohttp import web
from sqlalchemy import text
from telegram import Update
from telegram.ext import Application

from bot.flood import OncePer
from core.storage import Database
from core.storage.database import migration_heads
from core.updates import UpdateLog, Verdict, current_effects

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
WEBHOOK_PATH = "/telegram"
MAX_BODY = 1024 * 1024  # an update is a few kilobytes; anything bigger is not one


def chat_key(update: Update) -> int | None:
    """Whose updates must stay in order: the chat's, else the person's."""
    if update.effective_chat is not None:
        return update.effective_chat.id
    if update.effective_user is not None:
        return update.effective_user.id
    return None


class WebhookServer:
    """The aiohttp server of a web process: /telegram and /healthz."""

    def __init__(
        self,
        app: Application[Any, Any, Any, Any, Any, Any],
        db: Database,
        updates: UpdateLog,
        *,
        secret: str,
        listen: str,
        port: int,
        reuse_port: bool = True,
        shutdown_timeout: float = 30.0,
        hold_replies: bool = False,
    ) -> None:
        """`hold_replies`: replies go out through a sender process (`core.updates`,
        "Held replies"), written with the "handled" mark; the web role does this."""
        self.app = app
        self.db = db
        self.updates = updates
        self._secret = secret.encode()
        self.listen = listen
        self.port = port
        self.reuse_port = reuse_port
        self.shutdown_timeout = shutdown_timeout
        self.hold_replies = hold_replies
        self._heads = set(migration_heads())
        self._noted = OncePer(3600.0)
        self.forged = 0
        self.malformed = 0
        self.handled = 0
        self.duplicates = 0
        self._runner: web.AppRunner | None = None
        self.web = web.Application(client_max_size=MAX_BODY)
        self.web.router.add_post(WEBHOOK_PATH, self.receive)
        self.web.router.add_get("/healthz", self.healthz)

    async def start(self) -> None:
        runner = web.AppRunner(
            self.web,
            access_log=None,
            handle_signals=False,
            shutdown_timeout=self.shutdown_timeout,
        )
        await runner.setup()
        site = web.TCPSite(runner, self.listen, self.port, backlog=1024, reuse_port=self.reuse_port)
        await site.start()
        self._runner = runner
        log.info("webhook server listening on %s:%s", self.listen, self.port)

    async def stop(self) -> None:
        """Stop accepting; wait for the updates in hand (up to shutdown_timeout)."""
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    def _note(self, kind: str, request: web.Request, message: str) -> None:
        key = (kind, request.remote)
        if not self._noted.recent(key):
            self._noted.mark(key)
            log.warning(
                "%s from %s (further ones from there: one line an hour)", message, request.remote
            )

    async def receive(self, request: web.Request) -> web.Response:
        given = request.headers.get(SECRET_HEADER, "").encode()
        if not hmac.compare_digest(given, self._secret):
            self.forged += 1
            self._note("secret", request, "webhook request without the right secret: 403")
            return web.Response(status=403, text="forbidden")
        try:
            data = json.loads(await request.read())
        except (ValueError, UnicodeDecodeError):
            data = None
        update_id = data.get("update_id") if isinstance(data, dict) else None
        if not isinstance(update_id, int) or isinstance(update_id, bool):
            self.malformed += 1
            self._note("body", request, "webhook request that is not a JSON update: 400")
            return web.Response(status=400, text="not a Telegram update")
        try:
            update = Update.de_json(data, self.app.bot)
        except Exception as exc:  # noqa: BLE001 - any parsing failure means: skip it
            log.warning(
                "update %s skipped: it could not be read (%s)", update_id, type(exc).__name__
            )
            return web.Response(text="skipped")
        return await self._handle(update)

    async def _handle(self, update: Update) -> web.Response:
        key = chat_key(update)
        try:
            claim = await self.updates.claim(update.update_id, key)
        except Exception as exc:  # noqa: BLE001 - the database is away: Telegram retries
            log.warning(
                "update %s: cannot claim it (%s); asking for a retry",
                update.update_id,
                type(exc).__name__,
            )
            return web.Response(
                status=503, text="database unavailable", headers={"Retry-After": "1"}
            )
        if claim.verdict == Verdict.DUPLICATE:
            self.duplicates += 1
            return web.Response(text="already handled")
        if claim.verdict == Verdict.BUSY:
            return web.Response(status=503, text="in hand elsewhere", headers={"Retry-After": "1"})
        self.updates.active.add(update.update_id)
        journal = self.updates.journal(update.update_id, claim)
        journal.holding = self.hold_replies
        token = current_effects.set(journal)
        try:
            if claim.behind and key is not None:
                await self.updates.wait_turn(update.update_id, key)
            await self.app.process_update(update)
            # Nothing held is recorded after this point (a task the handler left behind
            # makes its own calls).
            journal.closed = True
            await self._done(update.update_id, journal.held)
        except Exception as exc:  # noqa: BLE001 - answered 500: Telegram redelivers it
            log.warning(
                "update %s: not recorded as handled (%s)", update.update_id, type(exc).__name__
            )
            await self._release(update.update_id)
            return web.Response(status=500, text="try again")
        except BaseException:
            await self._release(update.update_id)
            raise
        finally:
            journal.closed = True
            current_effects.reset(token)
            self.updates.active.discard(update.update_id)
        self.handled += 1
        return web.Response(text="ok")

    async def _done(self, update_id: int, held: list[list[Any]]) -> None:
        for attempt in range(1, 4):
            try:
                await self.updates.done(update_id, held)
                return
            except Exception:  # a database hiccup: try again, then let Telegram retry
                if attempt == 3:
                    raise
                await asyncio.sleep(0.2 * attempt)

    async def _release(self, update_id: int) -> None:
        try:
            await self.updates.release(update_id)
        except Exception as exc:  # noqa: BLE001 - a stale claim of a live worker is taken over
            log.warning(
                "update %s: could not release the claim (%s)", update_id, type(exc).__name__
            )

    async def healthz(self, _request: web.Request) -> web.Response:
        problems: list[str] = []
        try:
            async with self.db.engine.connect() as conn:
                await conn.execute(text("SELECT 1"))
            applied = await self.db.applied_revisions()
            if applied != self._heads:
                problems.append("migrations are not at the heads: run python -m bot migrate")
        except Exception as exc:  # noqa: BLE001 - reported, not raised
            problems.append(f"database unreachable ({type(exc).__name__})")
        body = {
            "status": "ok" if not problems else "unavailable",
            "problems": problems,
            "handled": self.handled,
            "duplicates": self.duplicates,
            "forged": self.forged,
            "malformed": self.malformed,
        }
        return web.json_response(body, status=200 if not problems else 503)
