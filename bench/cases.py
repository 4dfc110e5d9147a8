"""`python -m bench cases`: 200 people open cases at once, write three messages each, and
staff answer every message; nothing may be lost, misrouted or out of order.

The local Bot API runs in its own process with a staff group with topics. Jol
runs the real python-telegram-bot stack over HTTP. Phase one opens the cases:
every person sends /human and their question, all queued before the bot
starts, until every case has its topic, card and question (the opening: a
topic made, a card and two answers to the person on top of the relay). Phase
two: each person sends two more messages, until all are in their topics.
Phase three: staff write one reply per message in each topic, until every
reply has reached its person. The relay rate is phases two and three: the
messages relayed in open cases, both directions; the opening is reported
beside it (cases a second, and the rate with the opening counted in). Then
the topics and chats are read back and checked against the database: which
topic belongs to which person, and the order inside each.

The baseline, in the same run, is a bare PTB bot that copies every message it
gets to one chat (no database, no topics): what relaying costs without Jol's
durability and routing. Telegram's own limits (about 30 messages a second, 20 a
minute into one group) are lifted here, as the local server has none: this
measures Jol's cost per relayed message, not Telegram's pacing.

Last line: ``RESULT cases_lost=… cases_misrouted=… order_violations=… relay_msgs_per_s=…
with_opening_msgs_per_s=… cases_opened_per_s=… …``.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select, text
from telegram import Update
from telegram.ext import Application, ApplicationBuilder, ContextTypes, MessageHandler, filters

from bench.sandbox_process import SandboxProcess
from bot.aiohttp_request import AiohttpRequest
from bot.app import build_application
from bot.config import Settings
from cases.tables import case_notices, cases
from core.clock import SystemClock
from core.storage import Database

TOKEN = "424243:BENCH-token-for-the-local-bot-api"
STAFF_CHAT = -1009000000001
STAFF = (7_000_001, 7_000_002)
FIRST_PERSON = 5_000_000
SINK = -1009000000002


def settings_for(base_url: str, database_url: str) -> Settings:
    return Settings(
        _env_file=None,
        bot_token=TOKEN,
        telegram_api_url=base_url,
        database_url=database_url,
        staff_chat_id=STAFF_CHAT,
        staff_ids=list(STAFF),
        send_rate_per_second=100_000,
        send_per_chat_limits=False,
        flood_limit=1_000_000,
        org_name="Bench NGO",
    )


async def _mark_notices(database_url: str, people: list[int]) -> None:
    """Everyone has read the notice already: /human goes straight to the question."""
    db = Database(Settings(_env_file=None, database_url=database_url).database_url)
    await db.migrate()
    now = SystemClock().now()
    async with db.connect() as conn:
        await conn.execute(insert(case_notices), [{"user_id": u, "seen_at": now} for u in people])
        await conn.commit()
    await db.dispose()


async def _topics_of(database_url: str) -> dict[int, int]:
    """thread id → user id, from the database (the ground truth of routing)."""
    db = Database(Settings(_env_file=None, database_url=database_url).database_url)
    async with db.connect() as conn:
        rows = (await conn.execute(select(cases.c.thread_id, cases.c.user_id))).all()
    await db.dispose()
    return {int(r.thread_id): int(r.user_id) for r in rows if r.thread_id is not None}


def _texts(sandbox: SandboxProcess, chat_id: int) -> list[dict[str, Any]]:
    messages: list[dict[str, Any]] = sandbox.call(f"/sim/chats/{chat_id}/messages")["messages"]
    return messages


async def _wait_sent(
    sandbox: SandboxProcess, wanted: dict[int, int], deadline: float
) -> dict[str, int]:
    """Poll the server's counters until each chat has had `wanted` messages from the bot."""
    while True:
        sent: dict[str, int] = (await asyncio.to_thread(sandbox.call, "/sim/stats"))["sent"]
        if all(sent.get(str(c), 0) >= n for c, n in wanted.items()):
            return sent
        if time.perf_counter() > deadline:
            return sent
        await asyncio.sleep(0.05)


async def run_jol(sandbox: SandboxProcess, database_url: str, people: int) -> dict[str, Any]:
    sandbox.call("/sim/reset", {})
    sandbox.call(
        "/sim/forums",
        {"chat_id": STAFF_CHAT, "title": "Staff", "admins": list(STAFF), "members": []},
    )
    for uid in STAFF:
        sandbox.call("/sim/users", {"user_id": uid, "first_name": "Staff", "language_code": "en"})
    ids = [FIRST_PERSON + n for n in range(people)]
    await _mark_notices(database_url, ids)
    for uid in ids:
        sandbox.call("/sim/users", {"user_id": uid, "first_name": "P", "language_code": "ru"})
    # Phase one opens the cases: /human and the question itself (its topic, card, receipt).
    first = [{"user_id": uid, "text": "/human"} for uid in ids]
    question = [{"user_id": uid, "text": f"p{uid}-m1"} for uid in ids]
    sandbox.call("/sim/send_many", {"messages": first + question})
    app = build_application(settings_for(sandbox.base_url, database_url), rate_limit=False)
    async with app:
        assert app.post_init is not None
        await app.post_init(app)
        started = time.perf_counter()
        cpu_started = time.process_time()
        await app.start()
        assert app.updater is not None
        await app.updater.start_polling(poll_interval=0.0, timeout=1)
        # Each case: its card and its question in the staff group.
        await _wait_sent(sandbox, {STAFF_CHAT: people * 2}, started + 300)
        opening_s = time.perf_counter() - started
        opening_cpu = time.process_time() - cpu_started
        # Phase two: two more messages from each person into their open case.
        rest = [{"user_id": uid, "text": f"p{uid}-m{k}"} for k in range(2, 4) for uid in ids]
        inbound = time.perf_counter()
        cpu_inbound = time.process_time()
        await asyncio.to_thread(sandbox.call, "/sim/send_many", {"messages": rest})
        await _wait_sent(sandbox, {STAFF_CHAT: people * 4}, inbound + 300)
        inbound_s = time.perf_counter() - inbound
        inbound_cpu = time.process_time() - cpu_inbound

        topic_owner = await _topics_of(database_url)
        owner_thread = {uid: thread for thread, uid in topic_owner.items()}
        staff_calls = []
        for k in range(1, 4):
            for n, uid in enumerate(ids):
                thread = owner_thread.get(uid)
                if thread is None:
                    continue
                staff_calls.append(
                    {
                        "user_id": STAFF[n % 2],
                        "chat_id": STAFF_CHAT,
                        "thread_id": thread,
                        "text": f"s{uid}-r{k}",
                    }
                )
        counts = (await asyncio.to_thread(sandbox.call, "/sim/stats"))["sent"]
        wanted = {uid: counts.get(str(uid), 0) + 3 for uid in owner_thread}
        second = time.perf_counter()
        cpu_second = time.process_time()
        # One request: the staff messages reach the server as fast as it takes them.
        await asyncio.to_thread(sandbox.call, "/sim/send_many", {"messages": staff_calls})
        await _wait_sent(sandbox, wanted, second + 300)
        outbound_s = time.perf_counter() - second
        outbound_cpu = time.process_time() - cpu_second
        await app.updater.stop()
        await app.stop()
        assert app.post_shutdown is not None
        await app.post_shutdown(app)

    # Read everything back and check it.
    staff_messages = [
        m for m in _texts(sandbox, STAFF_CHAT) if m["from_bot"] and m["plain"].startswith("p")
    ]
    lost = misrouted = disorder = 0
    seen_in: dict[int, list[int]] = {}
    for m in staff_messages:
        uid_text, _, k = m["plain"][1:].partition("-m")
        uid = int(uid_text)
        if topic_owner.get(m["thread_id"]) != uid:
            misrouted += 1
        seen_in.setdefault(uid, []).append(int(k))
    for uid in ids:
        got = seen_in.get(uid, [])
        lost += 3 - len(set(got))
        disorder += got != sorted(got)
    for uid in ids:
        replies = [
            m["plain"].rsplit("\n", 1)[-1]
            for m in _texts(sandbox, uid)
            if m["from_bot"] and m["plain"].rsplit("\n", 1)[-1].startswith("s")
        ]
        mine = [r for r in replies if r.startswith(f"s{uid}-r")]
        misrouted += len(replies) - len(mine)
        ks = [int(r.rsplit("-r", 1)[1]) for r in mine]
        lost += 3 - len(set(ks))
        disorder += ks != sorted(ks)
    # Relayed in open cases: two messages in and three replies out per person.
    relayed = people * (2 + 3)
    return {
        "lost": lost,
        "misrouted": misrouted,
        "disorder": disorder,
        "opening_s": opening_s,
        "opening_cpu": opening_cpu,
        "cases_per_s": people / opening_s,
        "with_opening": (relayed + people) / (opening_s + inbound_s + outbound_s),
        "inbound_s": inbound_s,
        "outbound_s": outbound_s,
        "inbound_cpu": inbound_cpu,
        "outbound_cpu": outbound_cpu,
        "rate": relayed / (inbound_s + outbound_s),
    }


async def _copy(update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.message is not None
    await update.message.copy(SINK)


async def run_baseline(sandbox: SandboxProcess, people: int) -> float:
    """A bare PTB bot copying each message to one chat: relaying with nothing else."""
    sandbox.call("/sim/reset", {})
    sandbox.call("/sim/groups", {"chat_id": SINK, "title": "Sink"})
    ids = [FIRST_PERSON + n for n in range(people)]
    for uid in ids:
        sandbox.call("/sim/users", {"user_id": uid, "first_name": "P", "language_code": "ru"})
    for k in range(1, 7):
        for uid in ids:
            sandbox.call("/sim/send", {"user_id": uid, "text": f"p{uid}-m{k}"})
    app: Application[Any, Any, Any, Any, Any, Any] = (
        ApplicationBuilder()
        .token(TOKEN)
        .base_url(sandbox.base_url)
        .request(AiohttpRequest(pool_size=64))
        .get_updates_request(AiohttpRequest(pool_size=2))
        .concurrent_updates(32)
        .build()
    )
    app.add_handler(MessageHandler(filters.TEXT, _copy))
    async with app:
        started = time.perf_counter()
        await app.start()
        assert app.updater is not None
        await app.updater.start_polling(poll_interval=0.0, timeout=1)
        await _wait_sent(sandbox, {SINK: people * 6}, started + 300)
        elapsed = time.perf_counter() - started
        await app.updater.stop()
        await app.stop()
    return people * 6 / elapsed


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench cases")
    parser.add_argument("--people", type=int, default=200)
    parser.add_argument(
        "--database-url",
        action="append",
        default=[],
        help="run on this database too (e.g. postgresql://postgres@127.0.0.1:5432/jol_bench)",
    )
    args = parser.parse_args(argv)
    results: list[tuple[str, dict[str, Any]]] = []
    with SandboxProcess(TOKEN) as sandbox, tempfile.TemporaryDirectory() as tmp:
        baseline = asyncio.run(run_baseline(sandbox, args.people))
        urls = [f"sqlite:///{Path(tmp) / 'cases.db'}", *args.database_url]
        for url in urls:
            kind = "postgresql" if url.startswith("postgres") else "sqlite"
            if kind == "postgresql":
                asyncio.run(_reset_postgres(url))
            result = asyncio.run(run_jol(sandbox, url, args.people))
            results.append((kind, result))
            print(
                f"{kind}: {args.people} cases opened in {result['opening_s']:.1f}s "
                f"(Jol's CPU {result['opening_cpu']:.1f}s; {result['cases_per_s']:.0f} cases/s); "
                f"then {args.people * 5} messages relayed in open cases: "
                f"in {result['inbound_s']:.1f}s (CPU {result['inbound_cpu']:.1f}s), "
                f"out {result['outbound_s']:.1f}s (CPU {result['outbound_cpu']:.1f}s): "
                f"{result['rate']:.0f} msgs/s; with the opening counted "
                f"{result['with_opening']:.0f} msgs/s; lost {result['lost']}, "
                f"misrouted {result['misrouted']}, out of order {result['disorder']}"
            )
    print(f"baseline (bare PTB copying every message, no database): {baseline:.0f} msgs/s")
    lost = sum(r["lost"] for _, r in results)
    misrouted = sum(r["misrouted"] for _, r in results)
    disorder = sum(r["disorder"] for _, r in results)
    rate = min(r["rate"] for _, r in results)
    with_opening = min(r["with_opening"] for _, r in results)
    cases_per_s = min(r["cases_per_s"] for _, r in results)
    print(f"Jol's slowest relay / baseline: {rate / baseline:.2f}")
    print(
        f"RESULT cases_lost={lost} cases_misrouted={misrouted} order_violations={disorder} "
        f"relay_msgs_per_s={rate:.0f} with_opening_msgs_per_s={with_opening:.0f} "
        f"cases_opened_per_s={cases_per_s:.0f} baseline_msgs_per_s={baseline:.0f} "
        f"relay_ratio={rate / baseline:.2f}"
    )
    return 0


async def _reset_postgres(url: str) -> None:
    """A clean schema for the run (the benchmark's own database)."""
    db = Database(Settings(_env_file=None, database_url=url).database_url)
    async with db.connect() as conn:
        await conn.execute(text("DROP SCHEMA public CASCADE"))
        await conn.execute(text("CREATE SCHEMA public"))
        await conn.commit()
    await db.dispose()
