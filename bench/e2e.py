"""`python -m bench e2e`: Jol's /start against a bare echo bot, same local Bot API, same run.

N messages from M simulated users are queued on the local Bot API server (its
own process); then the bot starts polling and we time how long it takes until
every reply has reached the server. Both bots run the real python-telegram-bot
stack over HTTP with the same concurrency (32 updates in flight). The bare
bot runs on PTB's defaults (httpx); Jol runs on an aiohttp request backend, so
a third run, the echo bot on that same backend, isolates what Jol does per
update: load the user, translate, build the menu, reply.
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
) -> float:
    """Queue the messages, start polling, return replies a second."""
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
        started = time.perf_counter()
        await app.start()
        assert app.updater is not None
        await app.updater.start_polling(poll_interval=0.0, timeout=1)
        loop_deadline = started + 120
        while True:
            stats = await asyncio.to_thread(sandbox.call, "/sim/stats")
            sent = int(stats["sent_total"]) - base
            if sent >= expected_replies or time.perf_counter() > loop_deadline:
                break
            await asyncio.sleep(0.005)
        elapsed = time.perf_counter() - started
        await app.updater.stop()
        await app.stop()
        if app.post_shutdown is not None:
            await app.post_shutdown(app)
    if sent < expected_replies:
        raise RuntimeError(f"only {sent} of {expected_replies} replies arrived")
    return sent / elapsed


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench e2e")
    parser.add_argument("--messages", type=int, default=2000)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)

    echo_rates: list[float] = []
    echo_aio_rates: list[float] = []
    jol_rates: list[float] = []
    with SandboxProcess(TOKEN) as sandbox, tempfile.TemporaryDirectory() as tmp:
        for round_no in range(args.rounds):
            echo_rates.append(
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
            echo_aio_rates.append(
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
            jol_rates.append(
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
                f"round {round_no + 1}: echo {echo_rates[-1]:.0f} replies/s, "
                f"echo on aiohttp {echo_aio_rates[-1]:.0f}, jol /start {jol_rates[-1]:.0f}"
            )
    echo_rate = statistics.median(echo_rates)
    echo_aio_rate = statistics.median(echo_aio_rates)
    jol_rate = statistics.median(jol_rates)
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
        f"RESULT e2e_ratio={jol_rate / echo_rate:.2f} echo_per_s={echo_rate:.0f} "
        f"jol_per_s={jol_rate:.0f} same_backend_ratio={jol_rate / echo_aio_rate:.2f}"
    )
    return 0
