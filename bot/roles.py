"""The process roles: everything in one process, the webhook workers, the sender.

`python -m bot` (all in one: polling, or the webhook server when WEBHOOK_URL is
set, plus the sender and the periodic jobs), `python -m bot web` (webhook
workers, any number, PostgreSQL) and `python -m bot sender` (the outbox and the
periodic jobs; several may run and share the rate). Every role waits for the
database at start-up and stops cleanly on SIGTERM.
"""

from __future__ import annotations

import asyncio
import logging
import signal
import sys
import time
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import NullPool
from telegram import Update

from bot.app import build_application
from bot.config import Settings
from bot.web import WEBHOOK_PATH, WebhookServer
from core.clock import SystemClock
from core.cluster import process_id
from core.updates import UpdateLog

log = logging.getLogger(__name__)

NEEDS_POSTGRES = (
    "python -m bot {role} needs PostgreSQL (DATABASE_URL=postgresql://…): several processes "
    "share it. With SQLite run everything in one process: python -m bot"
)


async def wait_for_database(settings: Settings) -> bool:
    """Try the database until it answers or DB_WAIT_SECONDS pass (one line per minute)."""
    deadline = time.monotonic() + settings.db_wait_seconds
    pause = 0.5
    last_said = -1e9
    while True:
        engine = create_async_engine(settings.database_url, poolclass=NullPool)
        try:
            async with engine.connect() as conn:
                await conn.execute(text("SELECT 1"))
            return True
        except Exception as exc:  # noqa: BLE001 - any failure to connect means: wait
            reason = type(exc).__name__
        finally:
            await engine.dispose()
        now = time.monotonic()
        if now >= deadline:
            log.error(
                "the database did not answer within %ss (%s)", settings.db_wait_seconds, reason
            )
            return False
        if now - last_said >= 60:
            log.warning("waiting for the database (%s)", reason)
            last_said = now
        await asyncio.sleep(min(pause, max(0.0, deadline - now)))
        pause = min(pause * 2, 5.0)


def _stop_event() -> asyncio.Event:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    return stop


async def serve_webhook(settings: Settings, *, role: str) -> int:
    """The webhook server (role "web", or "all" with the sender and jobs in-process)."""
    if settings.webhook_secret is None:
        print("configuration error: WEBHOOK_SECRET is required for webhooks", file=sys.stderr)
        return 2
    stop = _stop_event()
    if not await wait_for_database(settings):
        return 1
    app = build_application(settings, role=role)
    async with app:
        assert app.post_init is not None and app.post_shutdown is not None
        await app.post_init(app)
        await app.start()
        services = app.bot_data["services"]
        updates = UpdateLog(services.db, SystemClock(), process_id(role))
        server = WebhookServer(
            app,
            services.db,
            updates,
            secret=settings.webhook_secret.get_secret_value(),
            listen=settings.webhook_listen,
            port=settings.port,
            # Several processes: replies go out through the senders (never twice, never
            # lost when a web process dies); all in one, this process sends them.
            hold_replies=role == "web",
        )
        await server.start()
        try:
            if settings.webhook_url:
                await app.bot.set_webhook(
                    settings.webhook_url.rstrip("/") + WEBHOOK_PATH,
                    secret_token=settings.webhook_secret.get_secret_value(),
                    allowed_updates=Update.ALL_TYPES,
                    max_connections=settings.webhook_max_connections,
                )
            print(f"ready: {role} on port {settings.port}", flush=True)
            await stop.wait()
            log.info("stopping: finishing the updates in hand")
        finally:
            await server.stop()
            await app.stop()
            await app.post_shutdown(app)
    return 0


async def serve_sender(settings: Settings) -> int:
    """The outbox sender and the periodic jobs, no updates."""

    stop = _stop_event()
    if not await wait_for_database(settings):
        return 1
    app = build_application(settings, role="sender")
    async with app:
        assert app.post_init is not None and app.post_shutdown is not None
        await app.post_init(app)
        await app.start()
        try:
            print("ready: sender", flush=True)
            await stop.wait()
            log.info("stopping: finishing the sends in flight")
        finally:
            await app.stop()
            await app.post_shutdown(app)
    return 0


def run_all(settings: Settings) -> int:
    """Everything in one process: polling, or the webhook server when WEBHOOK_URL is set."""
    if not asyncio.run(wait_for_database(settings)):
        return 1
    if settings.webhook_url:
        return asyncio.run(serve_webhook(settings, role="all"))

    app: Any = build_application(settings)
    app.run_polling(allowed_updates=Update.ALL_TYPES)
    return 0


def run_role(settings: Settings, role: str) -> int:
    if settings.bot_token is None:
        print("configuration error: BOT_TOKEN is required", file=sys.stderr)
        return 2
    if settings.is_sqlite:
        print(NEEDS_POSTGRES.format(role=role), file=sys.stderr)
        return 2
    if role == "web":
        return asyncio.run(serve_webhook(settings, role="web"))
    return asyncio.run(serve_sender(settings))
