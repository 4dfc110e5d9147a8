"""The composition root: every service the bot uses, built once, in order, typed.

Nothing else constructs services. Handler modules only declare handlers,
commands, deep links and the conversations they answer; `bot.app` registers
them and calls `build_services` in post_init, `start_jobs` once the job queue
runs, and `Services.close` in post_shutdown.

Order matters and is written out here:
database → users, conversations → outbox → transport → sender (+ renderers)
→ broadcasts (+ audiences) → registry → knowledge base and journal →
personal-data providers.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from bot.config import Settings
from bot.delivery import TelegramTransport, build_sender
from bot.flood import FloodGuard
from bot.handlers.faq import expiry_notice
from bot.services import Services
from core.clock import Clock, SystemClock
from core.cluster import Heartbeat, Leases, Processes, process_id
from core.conversations import Conversations
from core.i18n import Translator
from core.storage import Database
from core.storage.users import UserStore
from core.updates import UpdateLog
from faq.journal import Journal
from faq.library import Library
from registry import Registry
from registry.audiences import RegistrantsAudience, WaitingListAudience
from registry.personal_data import RegistrationData
from registry.reminders import register_renderers
from scheduler.broadcasts import Broadcasts
from scheduler.jobs import DeliveryJobs
from scheduler.outbox import Outbox
from scheduler.personal_data import OutboxData
from scheduler.quiet import QuietHours

log = logging.getLogger(__name__)


class KnowledgeBaseError(RuntimeError):
    """The configured knowledge base does not pass `python -m faq check`."""


async def load_library(settings: Settings, clock: Clock) -> Library:
    """The knowledge base and its index; start-up refuses content with problems."""
    # The injected clock decides which yearly figures have expired.
    library = Library(
        settings.kb_path,
        today=lambda: clock.now().astimezone(settings.zone).date(),
        withhold_expired=True,
    )
    # Validating and indexing takes a moment: off the event loop.
    problems = await asyncio.to_thread(library.reload)
    if problems:
        raise KnowledgeBaseError(
            f"knowledge base in {library.path} has {len(problems)} problems; "
            "run python -m faq check"
        )
    return library


async def build_services(
    settings: Settings,
    *,
    clock: Clock,
    translator: Translator | None = None,
    library: Library | None = None,
    db_schema: str | None = None,
    bot_username: str = "",
) -> Services:
    """Open the database (migrated), Telegram transport and every domain service."""
    db = Database(settings.database_url, schema=db_schema)
    await db.migrate()
    t = translator or Translator.load()
    # Several processes on PostgreSQL: a cached person is re-read after a second.
    users = UserStore(db, max_age=None if db.is_sqlite else 1.0)
    conversations = Conversations(db, clock)

    outbox = Outbox(db, clock, QuietHours(settings.quiet_window, settings.zone))
    transport = TelegramTransport.from_settings(settings)
    await transport.start()
    sender = build_sender(settings, db, clock, transport)

    async def forget_cached(user_id: int) -> None:
        users.forget_cached(user_id)

    sender.add_blocked_listener(forget_cached)
    if db.is_sqlite:
        # With SQLite this is the only sender: rows left "sending" were ours.
        await sender.release_orphans()
    register_renderers(sender, t, clock)

    broadcasts = Broadcasts(db, clock, outbox, default_country=settings.default_country)
    broadcasts.register_audience(RegistrantsAudience(clock))
    broadcasts.register_audience(WaitingListAudience(clock))

    registry = Registry(
        db,
        clock,
        outbox=outbox,
        reminder_offsets_hours=settings.reminder_offsets_hours,
        offer_hours=settings.offer_hours,
    )
    if library is None:
        library = await load_library(settings, clock)
    journal = Journal(db)

    return Services(
        settings=settings,
        clock=clock,
        t=t,
        db=db,
        users=users,
        conversations=conversations,
        outbox=outbox,
        transport=transport,
        sender=sender,
        broadcasts=broadcasts,
        registry=registry,
        library=library,
        journal=journal,
        personal_data=(RegistrationData(registry, t), conversations, OutboxData(db)),
        flood=FloodGuard(limit=settings.flood_limit, window_seconds=settings.flood_seconds),
        bot_username=bot_username,
    )


@dataclass(frozen=True, slots=True)
class Periodic:
    """A job that runs every `every`; the clock inside decides what is due."""

    name: str
    every: timedelta
    run: Callable[[], Awaitable[object]]


def periodic_jobs(services: Services) -> list[Periodic]:
    """Sweeps and retention: derived from the database each time, nothing pickled."""
    settings = services.settings
    retention = timedelta(days=settings.data_retention_days)

    async def events_sweep() -> None:
        # Offers that lapsed (the next person gets the seat), events that ended.
        await services.registry.expire_offers()
        await services.registry.finish_ended()
        await services.registry.anonymise_past(retention)

    async def retention_sweep() -> None:
        removed = await services.journal.purge(services.clock.now() - retention)
        if removed:
            log.info("purged %s unanswered questions past retention", removed)
        await services.conversations.purge_expired()

    async def expiry_notices() -> None:
        # Once a week per organizer (the dedupe key names the week), in their language.
        week = services.clock.now().strftime("%G-W%V")
        for admin_id in settings.admin_ids:
            admin = await services.users.get(admin_id)
            lang = admin.language if admin is not None else settings.default_locale
            text = expiry_notice(services.t, lang, services.library)
            if text is not None:
                await services.outbox.schedule(
                    key=f"kb-expiry:{admin_id}:{week}",
                    chat_id=admin_id,
                    due=services.clock.now(),
                    text=text,
                    kind="kb-expiry",
                )

    async def update_log_purge() -> None:
        # Webhook processes' record of handled updates, past Telegram's redelivery horizon.
        await UpdateLog(services.db, services.clock, worker="").purge()

    return [
        Periodic("events-sweep", timedelta(seconds=60), events_sweep),
        Periodic("retention", timedelta(hours=6), retention_sweep),
        Periodic("kb-expiry", timedelta(hours=6), expiry_notices),
        Periodic("update-log", timedelta(hours=6), update_log_purge),
    ]


def start_jobs(job_queue: Any, services: Services, *, first_run: float = 0.0) -> None:
    """The sender on the job queue's timers, and every periodic job (first run at once).

    On PostgreSQL other processes (web workers) queue messages too, so the sender
    looks every second; each periodic job runs under a lease, once per deployment.
    """
    sweep = 30.0 if services.db.is_sqlite else 1.0
    jobs = DeliveryJobs(
        job_queue, services.sender, services.outbox, services.clock, sweep_seconds=sweep
    )
    jobs.start()
    services.delivery_jobs = jobs
    leases = None if services.db.is_sqlite else Leases(services.db, SystemClock())
    holder = process_id("jobs")
    for job in periodic_jobs(services):
        # NB: first=0 is scheduled before the job queue starts (post_init) and APScheduler
        # drops that run as a misfire; the sender process asks for first_run=2 instead.
        job_queue.run_repeating(
            _job_callback(job, leases, holder), interval=job.every, first=first_run, name=job.name
        )


def cluster_heartbeat(services: Services, role: str) -> Heartbeat:
    """This process in the `processes` table (PostgreSQL): liveness, and a sender's rate."""
    rate = None if role == "web" else services.settings.send_rate_per_second
    registry = Processes(services.db, SystemClock())
    return Heartbeat(registry, process_id(role), role, rate)


def _job_callback(
    job: Periodic, leases: Leases | None, holder: str
) -> Callable[[Any], Awaitable[None]]:
    # The lease lapses a little before the next run is due, so the holder keeps it.
    ttl = job.every * 0.9

    async def callback(_context: Any) -> None:
        if leases is not None and not await leases.acquire(job.name, holder, ttl):
            return  # another process runs it this time
        await job.run()

    callback.__name__ = job.name.replace("-", "_")
    return callback
