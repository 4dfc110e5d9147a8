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
import html
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
from bot.staff_desk import THREAD_NOT_FOUND, StaffDesk, StaffUnreachable
from cases import Case, Cases
from cases.personal_data import CaseData
from cases.service import TO_TOPIC, topic_renderer
from core.clock import Clock, SystemClock
from core.cluster import Heartbeat, Leases, Processes, process_id
from core.conversations import Conversations
from core.i18n import Translator
from core.personal_data import PersonalData
from core.storage import Database
from core.storage.users import UserStore
from core.updates import UpdateLog
from faq.journal import Journal, JournalData
from faq.library import Library
from registry import Registry
from registry.audiences import RegistrantsAudience, WaitingListAudience
from registry.personal_data import RegistrationData
from registry.reminders import register_renderers
from scheduler.broadcasts import Broadcasts
from scheduler.jobs import DeliveryJobs
from scheduler.outbox import Outbox, OutboxRow
from scheduler.personal_data import OutboxData
from scheduler.quiet import QuietHours
from scheduler.sender import Sender
from scheduler.subscriptions import Subscriptions

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
        # Built in a child process: its garbage never enters this one (faq.apart).
        build_apart=True,
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
    db = Database(
        settings.database_url, schema=db_schema, max_connections=settings.database_connections
    )
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
    subscriptions = Subscriptions(db, clock, t)

    cases = Cases(
        db,
        clock,
        outbox,
        staff_chat_id=settings.staff_chat_id,
        deliver=sender.send_claimed,
        worker=sender.worker_id,
        lease=sender.lease,
        # SQLite runs as one process: it alone changes cases, and may remember them.
        remember=db.is_sqlite,
    )
    sender.register_renderer(TO_TOPIC, topic_renderer())
    desk = StaffDesk(transport.bot, settings, t, cases) if cases.enabled else None
    personal: list[PersonalData] = [
        RegistrationData(registry, t),
        conversations,
        OutboxData(db),
        subscriptions,
        JournalData(db, t),
    ]
    if desk is not None:
        wire_staff_desk(sender, outbox, cases, desk)
        personal.insert(0, CaseData(cases, t, desk.delete_topic))
    else:
        personal.insert(0, CaseData(cases, t, _no_topic))

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
        cases=cases,
        staff_desk=desk,
        subscriptions=subscriptions,
        personal_data=tuple(personal),
        flood=FloodGuard(limit=settings.flood_limit, window_seconds=settings.flood_seconds),
        bot_username=bot_username,
    )


async def _no_topic(_thread_id: int | None) -> bool:
    return False


def wire_staff_desk(sender: Sender, outbox: Outbox, cases: Cases, desk: StaffDesk) -> None:
    """What the sender's outcomes mean for cases: a deleted topic, a lost group, a block."""

    async def on_failure(row: OutboxRow, error: str) -> None:
        if row.kind != "case-in" or THREAD_NOT_FOUND not in error.lower() or not row.sequence:
            return
        case_id = int(row.sequence.split(":")[1])
        case = await cases.get(case_id)
        if case is None:
            return
        # Staff deleted the topic by hand: a new topic (unless one was made since this
        # message was sent to the old one), then everything that failed goes again.
        if case.thread_id is not None and case.thread_id == row.thread_id:
            try:
                await desk.open_topic(case)
            except StaffUnreachable:
                log.error("case %s: the staff group refuses a new topic", case_id)
                return
        await outbox.requeue_failed(row.sequence, THREAD_NOT_FOUND)

    async def on_blocked(chat_id: int) -> None:
        if chat_id == desk.chat_id:
            desk.unreachable = True
            log.error("the staff group refuses the bot's messages")
            return
        for case in await cases.person_blocked(chat_id):
            await cases.note_to_topic(case.id, "blocked", desk.say("staff-person-blocked"))

    sender.add_failure_listener(on_failure)
    sender.add_blocked_listener(on_blocked)


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
        now = services.clock.now()
        removed = await services.journal.purge(now - retention, now=now)
        if removed:
            log.info("purged %s unanswered questions past retention", removed)
        settled = await OutboxData(services.db).anonymise_settled(now - retention)
        if settled:
            log.info("anonymised %s delivered outbox rows past retention", settled)
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

    async def cases_sweep() -> None:
        # Topics Telegram could not make yet; honest waiting; cases past retention.
        desk = services.staff_desk
        cases = services.cases
        if desk is None:
            return
        for case in await cases.without_topic():
            try:
                await desk.ensure_topic(case)
            except StaffUnreachable:
                break
        overdue_after = timedelta(hours=settings.case_first_response_hours)
        for case in await cases.overdue(overdue_after):
            await remind_overdue(services, desk, case)
        closed_before = services.clock.now() - timedelta(days=settings.case_retention_days)
        for case in await cases.purge_closed(closed_before):
            await desk.delete_topic(case.thread_id)

    return [
        Periodic("events-sweep", timedelta(seconds=60), events_sweep),
        Periodic("cases-sweep", timedelta(minutes=5), cases_sweep),
        Periodic("retention", timedelta(hours=6), retention_sweep),
        Periodic("kb-expiry", timedelta(hours=6), expiry_notices),
        Periodic("update-log", timedelta(hours=6), update_log_purge),
    ]


async def remind_overdue(services: Services, desk: StaffDesk, case: Case) -> None:
    """No staff reply in CASE_FIRST_RESPONSE_HOURS: staff reminded, the person told so."""
    hours = int(services.settings.case_first_response_hours)
    stamp = case.waiting_since.isoformat() if case.waiting_since else "-"
    await services.cases.note_to_topic(
        case.id, f"overdue:{stamp}", desk.say("staff-overdue", case=case.id, hours=hours)
    )
    contact = services.settings.help_contact.strip()
    help_key = "case-help-contact" if contact else "case-help-112"
    text = (
        services.t(case.lang, "case-overdue-person", case=case.id)
        + "\n"
        + services.t(case.lang, help_key, contact=html.escape(contact))
    )
    await services.cases.to_person(case, f"overdue:{stamp}", text)
    await services.cases.mark_overdue_told(case.id)


def start_jobs(job_queue: Any, services: Services) -> None:
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
        callback = _job_callback(job, leases, holder)
        # This runs before the scheduler starts. A repeating job's first run "now"
        # would be computed against the start time and land one interval later (offers
        # that lapsed during downtime would wait a minute); a one-off run without a
        # misfire limit runs as soon as the scheduler is up, however long start-up took.
        job_queue.run_once(
            callback, when=0.0, name=f"{job.name}-first", job_kwargs={"misfire_grace_time": None}
        )
        job_queue.run_repeating(callback, interval=job.every, first=job.every, name=job.name)


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
