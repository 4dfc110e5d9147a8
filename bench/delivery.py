"""`python -m bench delivery`: outbox throughput, pacing accuracy, and a crash mid-broadcast.

Against the local Bot API server in a process of its own:
  (a) top speed with the rate limit lifted (messages/s, target ≥ 500);
  (b) N recipients at the configured rate: achieved rate / configured (target ≥ 0.95);
  (c) a broadcast whose sending process is killed with SIGKILL halfway and restarted:
      every recipient must get exactly one message (counted on the Bot API side), on
      SQLite and, with --pg-url (default TEST_DATABASE_URL), on PostgreSQL in a database
      of its own; duplicates can only be rows that were in flight at the kill.
      On PostgreSQL the restarted sender takes the dead one's rows when their lease
      (60 s) runs out, so that run takes a minute longer.
Also reports the time to queue the broadcast. Last line: RESULT …
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from bench.sandbox_process import SandboxProcess
from bot.config import normalise_database_url
from bot.delivery import TelegramTransport
from core.clock import SystemClock
from core.storage import Database
from scheduler.outbox import PENDING, SENDING, Outbox, Scheduled
from scheduler.sender import Sender

TOKEN = "123456:BENCH-token-for-the-local-bot-api"
FIRST_USER = 10_000_001


def _parse(argv: Sequence[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m bench delivery", description=__doc__)
    p.add_argument("--recipients", type=int, default=2000, help="broadcast size for (a), (c)")
    p.add_argument("--paced", type=int, default=1000, help="recipients for the paced run (b)")
    p.add_argument("--rate", type=float, default=25.0, help="configured rate for (b)")
    p.add_argument("--crash-rate", type=float, default=200.0, help="sender rate during (c)")
    p.add_argument("--in-flight", type=int, default=6)
    p.add_argument(
        "--pg-url",
        default=os.environ.get("TEST_DATABASE_URL", ""),
        help="PostgreSQL server for the crash run (c); a database is created and dropped",
    )
    p.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("--db", help=argparse.SUPPRESS)
    p.add_argument("--api", help=argparse.SUPPRESS)
    return p.parse_args(list(argv))


async def _new_db(folder: Path, name: str) -> Database:
    db = Database(f"sqlite+aiosqlite:///{folder / name}")
    await db.migrate()
    return db


def _rows(broadcast: int, users: range) -> list[Scheduled]:
    return [
        Scheduled(
            f"bc:{broadcast}:{u}",
            u,
            SystemClock().now(),
            text=f"<b>News</b> #{broadcast}",
            kind="broadcast",
            broadcast_id=broadcast,
        )
        for u in users
    ]


def _sent_by_chat(sandbox: SandboxProcess) -> dict[int, int]:
    stats = sandbox.call("/sim/stats")
    return {int(k): v for k, v in stats["sent"].items()}


async def _run_sender(db: Database, base_url: str, rate: float | None, in_flight: int) -> float:
    file_url = base_url.removesuffix("bot") + "file/bot"
    transport = TelegramTransport(TOKEN, base_url, file_url, pool_size=in_flight + 8)
    await transport.start()
    sender = Sender(
        db,
        SystemClock(),
        transport,
        rate_per_second=rate,
        per_chat_limits=rate is not None,
        max_in_flight=in_flight,
    )
    started = time.perf_counter()
    await sender.run_due()
    elapsed = time.perf_counter() - started
    await transport.stop()
    return elapsed


async def _bench(args: argparse.Namespace) -> int:
    users = range(FIRST_USER, FIRST_USER + max(args.recipients, args.paced))
    folder = Path(tempfile.mkdtemp(prefix="jol-bench-delivery-"))
    with SandboxProcess(TOKEN) as sandbox:
        # Each recipient writes to the bot once, so its private chat exists.
        for uid in users:
            sandbox.call("/sim/users", {"user_id": uid, "first_name": f"U{uid}"})
            sandbox.call("/sim/send", {"user_id": uid, "text": "/start"})

        # (a) top speed, and the time to queue the broadcast.
        db = await _new_db(folder, "top.db")
        started = time.perf_counter()
        await Outbox(db, SystemClock()).schedule_many(_rows(1, users[: args.recipients]))
        queue_seconds = time.perf_counter() - started
        before = _sent_by_chat(sandbox)
        elapsed = await _run_sender(db, sandbox.base_url, None, args.in_flight)
        after = _sent_by_chat(sandbox)
        sent = sum(after.values()) - sum(before.values())
        top = sent / elapsed
        await db.dispose()
        print(f"queue {args.recipients} recipients: {queue_seconds:.3f} s")
        print(f"(a) top speed: {sent} messages in {elapsed:.2f} s = {top:.0f} msgs/s")

        # (b) paced at the configured rate.
        db = await _new_db(folder, "paced.db")
        await Outbox(db, SystemClock()).schedule_many(_rows(2, users[: args.paced]))
        elapsed = await _run_sender(db, sandbox.base_url, args.rate, args.in_flight)
        await db.dispose()
        # n messages at rate r take (n - 1) / r from the first to the last.
        achieved = (args.paced - 1) / elapsed
        fraction = achieved / args.rate
        print(
            f"(b) paced: {args.paced} messages in {elapsed:.2f} s = {achieved:.2f} msgs/s "
            f"at {args.rate:g}/s configured: {fraction:.3f}"
        )

        # (c) SIGKILL halfway through a broadcast, then restart.
        crash_users = users[: args.recipients]
        sqlite_url = f"sqlite+aiosqlite:///{folder / 'crash.db'}"
        duplicates, missing = await _crash(sandbox, sqlite_url, crash_users, args, "SQLite")
        pg = "skipped"
        if args.pg_url:
            async with _pg_database(args.pg_url) as url:
                pg_dup, pg_missing = await _crash(
                    sandbox, url, crash_users, args, "PostgreSQL", broadcast=4
                )
            pg = f"{pg_dup}/{pg_missing}"
    print(
        f"RESULT delivery_overhead_msgs_per_s={top:.0f} rate_fraction={fraction:.3f} "
        f"crash_duplicates={duplicates} crash_missing={missing} "
        f"pg_crash_duplicates_missing={pg}"
    )
    return 0


async def _crash(
    sandbox: SandboxProcess,
    url: str,
    crash_users: range,
    args: argparse.Namespace,
    label: str,
    broadcast: int = 3,
) -> tuple[int, int]:
    """Kill the sending process halfway, restart it; (duplicates, missing)."""
    db = Database(url)
    await db.migrate()
    await Outbox(db, SystemClock()).schedule_many(_rows(broadcast, crash_users))
    before = _sent_by_chat(sandbox)
    worker = _worker(url, sandbox.base_url, args.crash_rate, args.in_flight)
    half = len(crash_users) // 2
    # Polling another process: there is no event to wait on.
    while _delta(sandbox, before, crash_users) < half:  # noqa: ASYNC110
        await asyncio.sleep(0.02)
    worker.send_signal(signal.SIGKILL)
    worker.wait()
    at_kill = _delta(sandbox, before, crash_users)
    worker = _worker(url, sandbox.base_url, args.crash_rate, args.in_flight)
    while await _waiting(db):  # noqa: ASYNC110
        await asyncio.sleep(0.1)
    worker.send_signal(signal.SIGTERM)
    worker.wait(timeout=30)
    await db.dispose()
    after = _sent_by_chat(sandbox)
    counts = [after.get(u, 0) - before.get(u, 0) for u in crash_users]
    duplicates = sum(n - 1 for n in counts if n > 1)
    missing = sum(1 for n in counts if n == 0)
    print(
        f"(c) crash on {label}: killed after {at_kill} of {len(crash_users)}; after restart "
        f"{sum(counts)} delivered, {duplicates} duplicates (at most {args.in_flight} were in "
        f"flight), {missing} missing"
    )
    return duplicates, missing


@asynccontextmanager
async def _pg_database(server_url: str) -> AsyncIterator[str]:
    """A database of its own on the server (the worker process connects by URL alone)."""
    url = normalise_database_url(server_url)
    name = f"jol_bench_crash_{os.getpid()}"
    admin = create_async_engine(url, isolation_level="AUTOCOMMIT")
    async with admin.connect() as conn:
        await conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        await conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield url.rsplit("/", 1)[0] + "/" + name
    finally:
        async with admin.connect() as conn:
            await conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        await admin.dispose()


def _delta(sandbox: SandboxProcess, before: dict[int, int], users: range) -> int:
    after = _sent_by_chat(sandbox)
    return sum(after.get(u, 0) - before.get(u, 0) for u in users)


async def _waiting(db: Database) -> int:
    stats = await Outbox(db, SystemClock()).stats()
    return stats.count(PENDING) + stats.count(SENDING)


def _worker(db_url: str, api: str, rate: float, in_flight: int) -> subprocess.Popen[bytes]:
    command = [
        sys.executable,
        "-m",
        "bench",
        "delivery",
        "--worker",
        "--db",
        db_url,
        "--api",
        api,
        "--rate",
        str(rate),
        "--in-flight",
        str(in_flight),
    ]
    return subprocess.Popen(command, env={**os.environ, "LOG_LEVEL": "WARNING"})


def _worker_main(args: argparse.Namespace) -> int:
    """The sending process of (c): the production worker, nothing bench-specific."""
    from bot.config import Settings
    from bot.delivery import run_worker

    settings = Settings(
        _env_file=None,
        bot_token=TOKEN,
        telegram_api_url=args.api,
        database_url=args.db,
        send_rate_per_second=args.rate,
    )
    return asyncio.run(run_worker(settings, poll_seconds=0.2, max_in_flight=args.in_flight))


def main(argv: Sequence[str]) -> int:
    args = _parse(argv)
    if args.worker:
        return _worker_main(args)
    return asyncio.run(_bench(args))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))


__all__: list[Any] = ["main"]
