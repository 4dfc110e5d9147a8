"""`python -m bench e2e_inprocess`: Jol's /start and the echo bot with no network at all.

Both bots run the real python-telegram-bot stack, but every Bot API request is
answered at once by a stand-in in the same process (`getMe`, and `sendMessage`
echoing the message back as Telegram would). What is left is each bot's own
cost per update: parsing it, finding the handler, the handler, building and
encoding the request, parsing the answer. Set beside `python -m bench e2e`, the
difference between the two is what the trip to the server costs.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any
from unittest import mock

from telegram import Update
from telegram._utils.types import ODVInput
from telegram.request import BaseRequest, RequestData

import bot.app
import bot.delivery
from bench.e2e import TOKEN, echo_app
from bot.config import Settings

_ME = {"id": 424242, "is_bot": True, "first_name": "Jol", "username": "jol_bot"}


class AnsweredAtOnce(BaseRequest):
    """A request backend whose Bot API answers instantly, from memory."""

    def __init__(self, *_args: object, **_kwargs: object) -> None:
        self.sent = 0

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None

    @property
    def read_timeout(self) -> float | None:
        return 5.0

    async def do_request(
        self,
        url: str,
        method: str,  # noqa: ARG002 - PTB's signature
        request_data: RequestData | None = None,
        read_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,  # noqa: ARG002
        write_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,  # noqa: ARG002
        connect_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,  # noqa: ARG002
        pool_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,  # noqa: ARG002
    ) -> tuple[int, bytes]:
        endpoint = url.rsplit("/", 1)[1]
        result: Any = True
        if endpoint == "getMe":
            result = _ME
        elif endpoint == "sendMessage" and request_data is not None:
            self.sent += 1
            params = request_data.parameters
            result = {
                "message_id": self.sent,
                "date": 1_700_000_000,
                "chat": {"id": int(str(params["chat_id"])), "type": "private"},
                "from": _ME,
                "text": params.get("text", ""),
            }
            if isinstance(params.get("reply_markup"), dict):
                result["reply_markup"] = params["reply_markup"]
        return 200, json.dumps({"ok": True, "result": result}).encode()


def _update(update_id: int, user_id: int, text: str) -> dict[str, Any]:
    message: dict[str, Any] = {
        "message_id": update_id,
        "date": 1_700_000_000,
        "chat": {"id": user_id, "type": "private", "first_name": f"U{user_id}"},
        "from": {
            "id": user_id,
            "is_bot": False,
            "first_name": f"U{user_id}",
            "language_code": "ru",
        },
        "text": text,
    }
    if text.startswith("/"):
        message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text)}]
    return {"update_id": update_id, "message": message}


async def cpu_per_update(which: str, updates: int, users: int, folder: Path) -> float:
    """CPU microseconds per update, the people known already (a warm-up round first)."""
    if which == "jol":
        settings = Settings(
            _env_file=None,
            bot_token=TOKEN,
            telegram_api_url="http://127.0.0.1:9/bot",
            database_url=f"sqlite:///{folder / 'jol.db'}",
            flood_limit=1_000_000,
        )
        # Every backend Jol makes (the bot's and its sender's) answers from memory.
        with (
            mock.patch.object(bot.app, "AiohttpRequest", AnsweredAtOnce),
            mock.patch.object(bot.delivery, "AiohttpRequest", AnsweredAtOnce),
        ):
            app = bot.app.build_application(settings, rate_limit=False, settle_heap=False)
            return await _timed(app, "/start", updates, users)
    app = echo_app("http://127.0.0.1:9/bot")
    app.bot._request = (AnsweredAtOnce(), AnsweredAtOnce())
    return await _timed(app, "hello", updates, users)


async def _timed(app: Any, text: str, updates: int, users: int) -> float:
    async with app:
        if app.post_init is not None:
            await app.post_init(app)
        for i in range(users * 2):
            warm = _update(i + 1, 10_000 + i % users, text)
            await app.process_update(Update.de_json(warm, app.bot))
        batch = [_update(100_000 + i, 10_000 + i % users, text) for i in range(updates)]
        started = time.process_time()
        for data in batch:
            await app.process_update(Update.de_json(data, app.bot))
        spent = time.process_time() - started
        if app.post_shutdown is not None:
            await app.post_shutdown(app)
    return 1e6 * spent / updates


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench e2e_inprocess")
    parser.add_argument("--updates", type=int, default=3000)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    jol: list[float] = []
    echo: list[float] = []
    for round_no in range(args.rounds):
        with tempfile.TemporaryDirectory() as tmp:
            jol.append(asyncio.run(cpu_per_update("jol", args.updates, args.users, Path(tmp))))
        echo.append(asyncio.run(cpu_per_update("echo", args.updates, args.users, Path())))
        print(
            f"round {round_no + 1}: Jol /start {jol[-1]:.0f} µs, echo {echo[-1]:.0f} µs", flush=True
        )
    jol_us, echo_us = statistics.median(jol), statistics.median(echo)
    print(f"CPU per update, no network: Jol /start {jol_us:.0f} µs, echo {echo_us:.0f} µs")
    print(f"RESULT jol_us={jol_us:.0f} echo_us={echo_us:.0f} ratio={echo_us / jol_us:.2f}")
    return 0
