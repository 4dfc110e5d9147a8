"""`python -m bench registration`: 1,000 people try to take one of 10 seats at the same moment.

Runs through the domain layer (Registry with the real outbox, reminders queued in the
same transaction) on SQLite and on PostgreSQL, and checks that exactly `seats` are
confirmed and everyone else waits, with no errors.
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

from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import create_async_engine

from bot.config import normalise_database_url
from core.clock import FakeClock
from core.storage import Database
from registry import EventDraft, EventText, Mode, RegisterResult, Registry
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

    @property
    def rate(self) -> float:
        total = self.confirmed + self.waitlisted
        return total / self.seconds if self.seconds else 0.0


async def race(db: Database, people: int, seats: int, backend: str) -> Run:
    clock = FakeClock()
    registry = Registry(db, clock, outbox=Outbox(db, clock))
    event = await registry.create(
        EventDraft(
            texts={"en": EventText("en", "Round table")},
            start_at=clock.now() + timedelta(days=3),
            timezone="Europe/Vilnius",
            venue_name="Hall",
            venue_address="Gedimino pr. 1",
            capacity=seats,
        )
    )
    await registry.publish(event.id)
    run = Run(backend)
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


def report(run: Run) -> None:
    if run.skipped:
        print(f"{run.backend}: skipped ({run.skipped})")
        return
    print(
        f"{run.backend}: confirmed={run.confirmed} waitlisted={run.waitlisted} "
        f"errors={run.errors} in {run.seconds:.2f} s ({run.rate:.0f} registrations/s)"
    )


async def run_all(people: int, seats: int, pg_url: str | None) -> int:
    sqlite = await on_sqlite(people, seats)
    report(sqlite)
    pg = await on_postgres(people, seats, pg_url) if pg_url else Run("postgresql", skipped="no URL")
    report(pg)
    errors = sqlite.errors + pg.errors
    print(
        f"RESULT sqlite_confirmed={sqlite.confirmed} sqlite_waitlisted={sqlite.waitlisted} "
        f"pg_confirmed={pg.confirmed if not pg.skipped else 'skipped'} "
        f"pg_waitlisted={pg.waitlisted if not pg.skipped else 'skipped'} "
        f"errors={errors} regs_per_s={sqlite.rate:.0f}"
    )
    ok = sqlite.confirmed == seats and sqlite.waitlisted == people - seats and errors == 0
    if not pg.skipped:
        ok = ok and pg.confirmed == seats and pg.waitlisted == people - seats
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
    args = parser.parse_args(argv)
    return asyncio.run(run_all(args.people, args.seats, args.pg_url or None))
