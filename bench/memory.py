"""`python -m bench memory`: one Jol process with 100,000 people in PostgreSQL.

The database gets PEOPLE people; one bot process (`python -OO -m bot`, all in one, as
the Procfile starts it, webhook mode against the local Bot API in its own process)
handles UPDATES updates from as many different people: first half of them /help (what
earlier sessions measured, `rss_after_commands_mb`), then half questions in people's
own words (the FAQ tuning sets' 1,800 questions: the search, the model and their
caches at work); then a broadcast to everyone is queued (its time measured here, on
PostgreSQL) while that process starts sending it.
Printed: the process's resident memory at each point, the part of it that is mapped
files (the model's weights are read from its memory-mapped file; the kernel may drop
and reread those pages) and the private rest, the peak, and the queueing time.
Last line: RESULT rss_mb=… rss_private_mb=… rss_after_commands_mb=… queue_100k_s=…

`--breakdown` instead prints what each start-up step adds to one process's memory
(bench/memory_steps.py), against the same database, and exits.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import time
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any

from sqlalchemy import text

from bench.sandbox_process import SandboxProcess
from bench.scale import DEFAULT_DB, PUBLIC_URL, SECRET, TOKEN, Proc, free_port, reset_database
from bot.config import normalise_database_url
from core.clock import SystemClock
from core.storage import Database
from scheduler.broadcasts import Audience, Broadcasts, Content
from scheduler.outbox import Outbox


def memory_kb(pid: int) -> tuple[int, int]:
    """(VmRSS, VmHWM) in kB."""
    values = _status(pid)
    return values["VmRSS"], values["VmHWM"]


def file_backed_kb(pid: int) -> int:
    """The part of the resident memory that is mapped files (shared libraries, the
    model's weights): pages the kernel can drop and read again, unlike the heap."""
    return _status(pid)["RssFile"]


def _status(pid: int) -> dict[str, int]:
    values = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, rest = line.partition(":")
        if key in ("VmRSS", "VmHWM", "RssFile"):
            values[key] = int(rest.split()[0])
    return values


async def _each_answered(
    sandbox: SandboxProcess, messages: list[tuple[int, str]], timeout: float
) -> None:
    """Send each (person, text) and wait until as many replies have gone out."""
    base = int(sim(sandbox, "/sim/stats")["sent_total"])
    for uid, said in messages:
        sim(sandbox, "/sim/send", {"user_id": uid, "text": said})
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if int(sim(sandbox, "/sim/stats")["sent_total"]) - base >= len(messages):
            return
        await asyncio.sleep(0.5)


def tuning_questions() -> list[str]:
    """The FAQ tuning sets' questions, each once (the untouched sets are left out)."""
    from bench.faq import evaluation_sets, split_sets

    tuning, _ = split_sets(evaluation_sets())
    return sorted({q.text for questions in tuning.values() for q in questions})


def sim(sandbox: SandboxProcess, path: str, body: dict[str, object] | None = None) -> Any:
    return sandbox.call(path, body)


async def amain(args: argparse.Namespace) -> int:
    db_url = await reset_database(args.database_url, args.database_name)
    db = Database(db_url)
    await db.migrate()
    async with db.engine.begin() as conn:
        await conn.execute(
            text(
                "INSERT INTO users (id, language, language_chosen, first_seen, last_seen, blocked) "
                "SELECT 1000000 + g, (ARRAY['ru','en','lt','kk'])[1 + g % 4], true, now(), "
                "now(), false FROM generate_series(1, :n) AS g"
            ),
            {"n": args.people},
        )
    port = free_port()
    gateway = ["--webhook-gateway", f"http://127.0.0.1:{port}"]
    with SandboxProcess(TOKEN, extra_args=gateway) as sandbox, TemporaryDirectory() as tmp:
        env = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG", "TMPDIR")}
        env.update(
            BOT_TOKEN=TOKEN,
            TELEGRAM_API_URL=sandbox.base_url,
            DATABASE_URL=db_url,
            WEBHOOK_URL=PUBLIC_URL,
            WEBHOOK_SECRET=SECRET,
            WEBHOOK_LISTEN="127.0.0.1",
            PORT=str(port),
            LOG_LEVEL="WARNING",
            FLOOD_LIMIT="1000000",
        )
        bot = Proc("", env, Path(tmp), "jol")
        bot.role = "run"
        bot.start().wait_ready()
        assert bot.p is not None
        started_rss, _ = memory_kb(bot.p.pid)
        people = [1_000_001 + i * (args.people // args.updates) for i in range(args.updates)]
        for uid in people:
            sim(sandbox, "/sim/users", {"user_id": uid, "first_name": "Ann", "language_code": "ru"})
        # First half: /help (commands, as earlier sessions measured); second half: a
        # question in each person's own words (the tuning sets' questions, never the
        # holdouts), so the search, the model and their caches are part of the load.
        half = len(people) // 2
        await _each_answered(sandbox, [(uid, "/help") for uid in people[:half]], args.timeout)
        after_commands, _ = memory_kb(bot.p.pid)
        mapped_commands = file_backed_kb(bot.p.pid)
        questions = tuning_questions()
        asked = [(uid, questions[n % len(questions)]) for n, uid in enumerate(people[half:])]
        await _each_answered(sandbox, asked, args.timeout)
        after_updates, _ = memory_kb(bot.p.pid)
        broadcasts = Broadcasts(db, SystemClock(), Outbox(db, SystemClock()))
        began = time.perf_counter()
        _, queued = await broadcasts.start(
            created_by=1, audience=Audience("all"), contents={"en": Content(text="News")}
        )
        queue_seconds = time.perf_counter() - began
        # Let the process claim and send for a while: its memory with the broadcast going.
        await asyncio.sleep(args.settle)
        rss, peak = memory_kb(bot.p.pid)
        mapped = file_backed_kb(bot.p.pid)
        bot.stop()
    await db.dispose()
    print(
        f"{args.people} people; RSS at start {started_rss / 1024:.0f} MB; after "
        f"{half} /help {after_commands / 1024:.0f} MB ({mapped_commands / 1024:.0f} MB of it "
        f"mapped files); after {len(people) - half} questions {after_updates / 1024:.0f} MB; "
        f"with a broadcast to {queued} going {rss / 1024:.0f} MB ({mapped / 1024:.0f} MB of it "
        f"mapped files: the model's weights, shared libraries; peak {peak / 1024:.0f} MB); "
        f"queueing it took {queue_seconds:.1f} s"
    )
    print(
        f"RESULT rss_mb={rss / 1024:.0f} rss_private_mb={(rss - mapped) / 1024:.0f} "
        f"rss_after_commands_mb={after_commands / 1024:.0f} rss_peak_mb={peak / 1024:.0f} "
        f"queue_100k_s={queue_seconds:.1f}"
    )
    return 0


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench memory")
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--updates", type=int, default=10_000)
    parser.add_argument("--settle", type=float, default=10.0)
    parser.add_argument("--timeout", type=float, default=900.0)
    parser.add_argument(
        "--database-name", default="jol_bench_memory", help="dropped and filled each run"
    )
    parser.add_argument(
        "--database-url",
        default=normalise_database_url(
            os.environ.get("BENCH_DATABASE_URL")
            or os.environ.get("TEST_DATABASE_URL")
            or DEFAULT_DB
        ),
    )
    parser.add_argument(
        "--breakdown", action="store_true", help="RSS after each start-up step, then exit"
    )
    parser.add_argument(
        "--here", action="store_true", help="with --breakdown: build the index in-process"
    )
    args = parser.parse_args(argv)
    if args.breakdown:
        return breakdown(args)
    return asyncio.run(amain(args))


def breakdown(args: argparse.Namespace) -> int:
    """The start-up steps of one process, in a process of their own."""
    db_url = asyncio.run(_migrated(args.database_url, args.database_name))
    command = [sys.executable, "-m", "bench.memory_steps", db_url]
    print("RSS of one process after each start-up step:")
    return subprocess.run([*command, *(["--here"] if args.here else [])], check=False).returncode


async def _migrated(url: str, name: str) -> str:
    """The benchmark's database, emptied and migrated (as the full run does first)."""
    db_url = await reset_database(url, name)
    db = Database(db_url)
    await db.migrate()
    await db.dispose()
    return db_url
