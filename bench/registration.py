"""`python -m bench registration`: 1,000 people try to take one of 10 seats at the same moment.

Runs through the domain layer (Registry with the real outbox, reminders queued in the
same transaction) on SQLite and on PostgreSQL, and checks that exactly `seats` are
confirmed and everyone else waits, with no errors.

The rate is reported as a ratio to plain inserts of the same rows into the same table,
one transaction each, as many at once, measured in the same run on the same database
(an absolute rate varies too much from run to run on a shared machine):
``insert_ratio`` = registrations a second / plain inserts a second.

Then the same race through the real bot over HTTP (python-telegram-bot against the
local Bot API, SQLite): every person presses the last button of the registration
("use my name") at the same moment; exactly `seats` get a seat, the rest a place on
the waiting list, and every one of them gets an answer.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import tempfile
import time
import uuid
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from sqlalchemy import insert, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import create_async_engine

from bot.app import build_application, running
from bot.config import Settings, normalise_database_url
from bot.handlers.event_card import event_button
from bot.sandbox.server import BotApiServer
from core.clock import FakeClock
from core.storage import Database, write_transaction
from faq.library import Library
from registry import EventDraft, EventText, Mode, RegisterResult, Registry
from registry.tables import registrations
from scheduler.outbox import Outbox

DEFAULT_PG = "postgresql://postgres@127.0.0.1:5432/test"


@dataclass
class Run:
    backend: str
    confirmed: int = 0
    waitlisted: int = 0
    errors: int = 0
    seconds: float = 0.0
    skipped: str = ""
    inserts_per_s: float = 0.0

    @property
    def rate(self) -> float:
        total = self.confirmed + self.waitlisted
        return total / self.seconds if self.seconds else 0.0

    @property
    def insert_ratio(self) -> float:
        return self.rate / self.inserts_per_s if self.inserts_per_s else 0.0


def _draft(clock: FakeClock, seats: int) -> EventDraft:
    return EventDraft(
        texts={"en": EventText("en", "Round table")},
        start_at=clock.now() + timedelta(days=3),
        timezone="Europe/Vilnius",
        venue_name="Hall",
        venue_address="Gedimino pr. 1",
        capacity=seats,
    )


async def plain_inserts(db: Database, registry: Registry, clock: FakeClock, people: int) -> float:
    """The baseline: the same registration rows, plain INSERTs, one transaction each."""
    event = await registry.create(_draft(clock, people))
    now = clock.now()

    async def one(i: int) -> None:
        async with write_transaction(db) as conn:
            await conn.execute(
                insert(registrations).values(
                    event_id=event.id,
                    user_id=10_000 + i,
                    mode="offline",
                    status="confirmed",
                    name=f"P{i}",
                    code=f"C{i:07d}",
                    language="en",
                    created_at=now,
                )
            )

    started = time.perf_counter()
    await asyncio.gather(*(one(i) for i in range(people)))
    return people / (time.perf_counter() - started)


async def race(db: Database, people: int, seats: int, backend: str) -> Run:
    clock = FakeClock()
    registry = Registry(db, clock, outbox=Outbox(db, clock))
    event = await registry.create(_draft(clock, seats))
    await registry.publish(event.id)
    run = Run(backend)
    run.inserts_per_s = await plain_inserts(db, registry, clock, people)
    started = time.perf_counter()
    outcomes = await asyncio.gather(
        *(
            registry.register(event.id, 10_000 + i, mode=Mode.OFFLINE, name=f"P{i}", language="en")
            for i in range(people)
        ),
        return_exceptions=True,
    )
    run.seconds = time.perf_counter() - started
    for outcome in outcomes:
        if isinstance(outcome, BaseException):
            run.errors += 1
        elif outcome.result == RegisterResult.REGISTERED:
            run.confirmed += 1
        elif outcome.result == RegisterResult.WAITLISTED:
            run.waitlisted += 1
        else:
            run.errors += 1
    counts = await registry.counts(event.id)
    if counts is None or counts.seats_taken != run.confirmed or counts.seats_taken > seats:
        run.errors += 1
    return run


async def on_sqlite(people: int, seats: int) -> Run:
    with tempfile.TemporaryDirectory() as tmp:
        db = Database(f"sqlite+aiosqlite:///{Path(tmp) / 'bench.db'}")
        try:
            await db.migrate()
            return await race(db, people, seats, "sqlite")
        finally:
            await db.dispose()


async def on_postgres(people: int, seats: int, url: str) -> Run:
    url = normalise_database_url(url)
    schema = f"bench_{uuid.uuid4().hex[:10]}"
    admin = create_async_engine(url)
    try:
        async with admin.begin() as conn:
            await conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    except (OSError, SQLAlchemyError) as exc:  # unreachable: the SQLite figures still stand
        await admin.dispose()
        return Run("postgresql", skipped=f"{type(exc).__name__}: {exc}"[:200])
    db = Database(url, schema=schema)
    try:
        await db.migrate()
        return await race(db, people, seats, "postgresql")
    finally:
        await db.dispose()
        async with admin.begin() as conn:
            await conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        await admin.dispose()


TOKEN = "424243:BENCH-token-for-the-local-bot-api"


async def over_http(people: int, seats: int, *, library: Library | None = None) -> Run:
    """The race through the real bot: everyone's last tap at the same moment.

    `library`: an already loaded knowledge base (tests share one); else it is loaded.
    """
    run = Run("http")
    with tempfile.TemporaryDirectory() as tmp:
        async with BotApiServer(token=TOKEN, bot_username="jol_bench_bot") as server:
            settings = Settings(
                _env_file=None,
                bot_token=TOKEN,
                telegram_api_url=server.base_url,
                database_url=f"sqlite:///{Path(tmp) / 'http.db'}",
                default_locale="en",
            )
            clock = FakeClock()
            app = build_application(settings, clock=clock, rate_limit=False, library=library)
            async with running(app, poll_timeout=1):
                services = app.bot_data["services"]
                event = await services.registry.create(_draft(clock, seats))
                await services.registry.publish(event.id)
                sim = server.sim
                ids = [20_000 + i for i in range(people)]
                for uid in ids:
                    # Set-up, not timed: people who already agreed to the privacy summary.
                    await services.users.seen(uid, "en", clock.now())
                    await services.users.set_consented(uid, clock.now())
                    sim.user(uid, f"P{uid}", "en")
                    await sim.send_text(uid, "/menu")
                menus = await asyncio.gather(*(sim.wait_for(uid, timeout=120) for uid in ids))
                data = event_button("nm", event.id, "s")
                for uid in ids:
                    sim.mark(uid)
                started = time.perf_counter()
                for uid, (menu,) in zip(ids, menus, strict=True):
                    await sim.press_button(uid, menu.message_id, data)
                answers = await asyncio.gather(
                    *(sim.wait_for(uid, timeout=120) for uid in ids), return_exceptions=True
                )
                run.seconds = time.perf_counter() - started
                counts = await services.registry.counts(event.id)
                apology = services.t("en", "error-generic")
                for outcome in answers:
                    if isinstance(outcome, BaseException) or apology in outcome[0].plain:
                        run.errors += 1
                if counts is not None:
                    run.confirmed = counts.seats_taken
                    run.waitlisted = counts.waiting
    return run


def report(run: Run) -> None:
    if run.skipped:
        print(f"{run.backend}: skipped ({run.skipped})")
        return
    line = (
        f"{run.backend}: confirmed={run.confirmed} waitlisted={run.waitlisted} "
        f"errors={run.errors} in {run.seconds:.2f} s ({run.rate:.0f} registrations/s"
    )
    if run.inserts_per_s:
        line += f"; plain inserts {run.inserts_per_s:.0f}/s, ratio {run.insert_ratio:.2f}"
    print(line + ")")


def _exact(run: Run, people: int, seats: int) -> bool:
    return run.confirmed == seats and run.waitlisted == people - seats and run.errors == 0


async def run_all(people: int, seats: int, pg_url: str | None, http: bool) -> int:
    sqlite = await on_sqlite(people, seats)
    report(sqlite)
    pg = await on_postgres(people, seats, pg_url) if pg_url else Run("postgresql", skipped="no URL")
    report(pg)
    web = await over_http(people, seats) if http else Run("http", skipped="--no-http")
    report(web)
    errors = sqlite.errors + pg.errors + web.errors

    def shown(run: Run, value: object) -> object:
        return "skipped" if run.skipped else value

    print(
        f"RESULT sqlite_confirmed={sqlite.confirmed} sqlite_waitlisted={sqlite.waitlisted} "
        f"pg_confirmed={shown(pg, pg.confirmed)} pg_waitlisted={shown(pg, pg.waitlisted)} "
        f"http_confirmed={shown(web, web.confirmed)} "
        f"http_waitlisted={shown(web, web.waitlisted)} "
        f"errors={errors} insert_ratio={sqlite.insert_ratio:.2f} "
        f"pg_insert_ratio={shown(pg, f'{pg.insert_ratio:.2f}')} regs_per_s={sqlite.rate:.0f}"
    )
    ok = _exact(sqlite, people, seats) and errors == 0
    for other in (pg, web):
        if not other.skipped:
            ok = ok and _exact(other, people, seats)
    return 0 if ok else 1


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench registration")
    parser.add_argument("--people", type=int, default=1000)
    parser.add_argument("--seats", type=int, default=10)
    parser.add_argument(
        "--pg-url",
        default=os.environ.get("TEST_DATABASE_URL") or DEFAULT_PG,
        help="PostgreSQL URL; a fresh schema is created and dropped ('' to skip)",
    )
    parser.add_argument(
        "--no-http", action="store_true", help="skip the race through the real bot over HTTP"
    )
    args = parser.parse_args(argv)
    return asyncio.run(run_all(args.people, args.seats, args.pg_url or None, not args.no_http))
