"""`python -m bench e2e`: Jol's /start against a bare echo bot, same local Bot API, same run.

N messages from M simulated users are queued on the local Bot API server (its
own process); then the bot starts polling and we time how long it takes until
every reply has reached the server. Both bots run the real python-telegram-bot
stack over HTTP with the same concurrency (32 updates in flight). The bare
bot runs on PTB's defaults (httpx); Jol runs on an aiohttp request backend, so
a third run, the echo bot on that same backend, isolates what Jol does per
update: load the user, translate, build the menu, reply.

Each run is also measured in CPU time: the bench process's (the bot's threads,
its SQLite thread among them), less what the bench spends asking the server
how many replies arrived. On a shared machine the wall-clock rates move with
everyone else's load; replies per CPU-second move far less.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from telegram import Update
from telegram.ext import Application, ApplicationBuilder, ContextTypes, MessageHandler, filters

from bench.sandbox_process import SandboxProcess
from bot.aiohttp_request import AiohttpRequest
from bot.app import build_application
from bot.config import Settings

TOKEN = "424242:BENCH-token-for-the-local-bot-api"


async def echo(update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
    """Repeat the text: the least a bot can do."""
    assert update.message is not None
    await update.message.reply_text(update.message.text or "")


def echo_app(base_url: str, *, aiohttp: bool = False) -> Application[Any, Any, Any, Any, Any, Any]:
    """The bare echo bot: PTB's defaults, or with the HTTP backend Jol uses."""
    builder = ApplicationBuilder().token(TOKEN).base_url(base_url).concurrent_updates(32)
    if aiohttp:
        builder = builder.request(AiohttpRequest(pool_size=64)).get_updates_request(
            AiohttpRequest(pool_size=2)
        )
    app = builder.build()
    app.add_handler(MessageHandler(filters.TEXT, echo))
    return app


def jol_app(base_url: str, db_path: Path) -> Application[Any, Any, Any, Any, Any, Any]:
    settings = Settings(
        _env_file=None,
        bot_token=TOKEN,
        telegram_api_url=base_url,
        database_url=f"sqlite:///{db_path}",
        # 40 messages a person in a burst: the per-person flood limit would (rightly) stop
        # most of them; this measures the cost of an update, not that limit.
        flood_limit=1_000_000,
    )
    # Replies are not throttled here: the local server has no flood limits and
    # the echo bot has no limiter either.
    return build_application(settings, rate_limit=False)


async def timed_run(
    sandbox: SandboxProcess,
    app: Application[Any, Any, Any, Any, Any, Any],
    users: int,
    messages: int,
    text: str,
    expected_replies: int,
) -> tuple[float, float]:
    """Queue the messages, start polling; (replies a second, replies a CPU-second)."""
    sandbox.call("/sim/reset", {})
    async with app:
        if app.post_init is not None:
            await app.post_init(app)
        for uid in range(users):
            sandbox.call(
                "/sim/users",
                {"user_id": 10_000 + uid, "first_name": f"U{uid}", "language_code": "ru"},
            )
        for i in range(messages):
            sandbox.call("/sim/send", {"user_id": 10_000 + i % users, "text": text})
        base = int(sandbox.call("/sim/stats")["sent_total"])
        polling_cpu = 0.0

        def stats() -> Any:
            nonlocal polling_cpu
            before = time.thread_time()
            try:
                return sandbox.call("/sim/stats")
            finally:
                polling_cpu += time.thread_time() - before

        cpu_started = time.process_time()
        started = time.perf_counter()
        await app.start()
        assert app.updater is not None
        await app.updater.start_polling(poll_interval=0.0, timeout=1)
        loop_deadline = started + 120
        while True:
            sent = int((await asyncio.to_thread(stats))["sent_total"]) - base
            if sent >= expected_replies or time.perf_counter() > loop_deadline:
                break
            await asyncio.sleep(0.005)
        elapsed = time.perf_counter() - started
        cpu = time.process_time() - cpu_started - polling_cpu
        await app.updater.stop()
        await app.stop()
        if app.post_shutdown is not None:
            await app.post_shutdown(app)
    if sent < expected_replies:
        raise RuntimeError(f"only {sent} of {expected_replies} replies arrived")
    return sent / elapsed, sent / cpu


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench e2e")
    parser.add_argument("--messages", type=int, default=2000)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)

    # (replies a second, replies a CPU-second) per round.
    echo: list[tuple[float, float]] = []
    echo_aio: list[tuple[float, float]] = []
    jol: list[tuple[float, float]] = []
    with SandboxProcess(TOKEN) as sandbox, tempfile.TemporaryDirectory() as tmp:
        for round_no in range(args.rounds):
            echo.append(
                asyncio.run(
                    timed_run(
                        sandbox,
                        echo_app(sandbox.base_url),
                        args.users,
                        args.messages,
                        "hello",
                        args.messages,
                    )
                )
            )
            echo_aio.append(
                asyncio.run(
                    timed_run(
                        sandbox,
                        echo_app(sandbox.base_url, aiohttp=True),
                        args.users,
                        args.messages,
                        "hello",
                        args.messages,
                    )
                )
            )
            db_path = Path(tmp) / f"jol-{round_no}.db"
            # New users get the greeting and the language picker: two replies.
            expected = args.messages + args.users
            jol.append(
                asyncio.run(
                    timed_run(
                        sandbox,
                        jol_app(sandbox.base_url, db_path),
                        args.users,
                        args.messages,
                        "/start",
                        expected,
                    )
                )
            )
            print(
                f"round {round_no + 1}: echo {echo[-1][0]:.0f} replies/s, "
                f"echo on aiohttp {echo_aio[-1][0]:.0f}, jol /start {jol[-1][0]:.0f}; "
                f"CPU per reply {1e6 / echo[-1][1]:.0f} / {1e6 / echo_aio[-1][1]:.0f} / "
                f"{1e6 / jol[-1][1]:.0f} µs",
                flush=True,
            )
    echo_rate = statistics.median(rate for rate, _ in echo)
    echo_aio_rate = statistics.median(rate for rate, _ in echo_aio)
    jol_rate = statistics.median(rate for rate, _ in jol)
    echo_aio_cpu = statistics.median(per_cpu for _, per_cpu in echo_aio)
    jol_cpu = statistics.median(per_cpu for _, per_cpu in jol)
    print(f"{args.messages} messages from {args.users} users, median of {args.rounds} rounds")
    print(
        f"bare echo bot (PTB defaults, httpx): {echo_rate:.0f} replies/s; "
        f"the same on Jol's aiohttp backend: {echo_aio_rate:.0f}; Jol /start: {jol_rate:.0f}"
    )
    print(
        f"Jol / echo on the same HTTP backend (handler overhead alone): "
        f"{jol_rate / echo_aio_rate:.2f}"
    )
    print(
        f"CPU per reply, the bot's process: echo on aiohttp {1e6 / echo_aio_cpu:.0f} µs, "
        f"Jol /start {1e6 / jol_cpu:.0f} µs; replies per CPU-second, Jol / echo: "
        f"{jol_cpu / echo_aio_cpu:.2f}"
    )
    print(
        f"RESULT e2e_ratio={jol_rate / echo_rate:.2f} echo_per_s={echo_rate:.0f} "
        f"jol_per_s={jol_rate:.0f} same_backend_ratio={jol_rate / echo_aio_rate:.2f} "
        f"same_backend_cpu_ratio={jol_cpu / echo_aio_cpu:.2f}"
    )
    return 0
