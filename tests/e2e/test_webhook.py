"""Webhook mode: it needs a secret, and a request without the right one gets 403.

The real Application runs behind Jol's own webhook server (`bot.web`, as
`python -m bot` runs it when WEBHOOK_URL is set) on SQLite; the test posts
updates to it the way Telegram does (JSON with the secret header), and the
bot's replies go to the local Bot API.
"""

from __future__ import annotations

import json
import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from bot.app import build_application
from bot.config import ConfigError, load_settings
from bot.sandbox.server import BotApiServer
from bot.web import WEBHOOK_PATH, WebhookServer
from core.clock import FakeClock
from core.cluster import process_id
from core.updates import UpdateLog
from tests.support import TEST_TOKEN, make_settings
from tests.support.harness import shared_library

SECRET = "s3cret_token-for-the-test"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@asynccontextmanager
async def webhook_bot(tmp_path: Path, clock: FakeClock) -> AsyncIterator[tuple[Any, str]]:
    async with BotApiServer(token=TEST_TOKEN, bot_username="jol_test_bot") as server:
        port = _free_port()
        settings = make_settings(
            telegram_api_url=server.base_url,
            database_url=f"sqlite:///{tmp_path / 'webhook.db'}",
            webhook_url=f"https://bot.example.org:{port}",
            webhook_secret=SECRET,
            webhook_listen="127.0.0.1",
            port=port,
        )
        app = build_application(
            settings, clock=clock, rate_limit=False, library=shared_library(), settle_heap=False
        )
        async with app:
            assert app.post_init is not None
            await app.post_init(app)
            await app.start()
            db = app.bot_data["services"].db
            hook = WebhookServer(
                app,
                db,
                UpdateLog(db, clock, process_id("all")),
                secret=SECRET,
                listen="127.0.0.1",
                port=port,
                reuse_port=False,
            )
            await hook.start()
            try:
                yield server, f"http://127.0.0.1:{port}{WEBHOOK_PATH}"
            finally:
                await hook.stop()
                await app.stop()
                assert app.post_shutdown is not None
                await app.post_shutdown(app)


def _start_update(update_id: int, user_id: int) -> dict[str, Any]:
    person = {"id": user_id, "is_bot": False, "first_name": "Aru", "language_code": "ru"}
    return {
        "update_id": update_id,
        "message": {
            "message_id": update_id,
            "date": 1_796_000_000,
            "chat": {"id": user_id, "type": "private", "first_name": "Aru"},
            "from": person,
            "text": "/start",
            "entities": [{"type": "bot_command", "offset": 0, "length": 6}],
        },
    }


async def _post(url: str, body: dict[str, Any] | bytes, secret: str | None) -> int:
    headers = {"Content-Type": "application/json"}
    if secret is not None:
        headers["X-Telegram-Bot-Api-Secret-Token"] = secret
    async with (
        aiohttp.ClientSession() as session,
        session.post(
            url, data=body if isinstance(body, bytes) else json.dumps(body), headers=headers
        ) as response,
    ):
        return response.status


@pytest.mark.parametrize("secret", [None, "wrong", SECRET + "x"])
async def test_a_forged_update_gets_403_and_nothing_happens(
    tmp_path: Path, clock: FakeClock, secret: str | None
) -> None:
    async with webhook_bot(tmp_path, clock) as (server, url):
        person = server.sim.user(900_001, "Forger", "ru")  # claims to be the organizer
        server.sim.private_chat(person)
        server.sim.mark(person.id)
        assert await _post(url, _start_update(1, person.id), secret) == 403
        # And a genuine one right after is handled: the 403 did not hide a queue.
        assert await _post(url, _start_update(2, person.id), SECRET) == 200
        replies = await server.sim.wait_for(person.id, count=2)
        assert "Здравствуйте" in replies[0].text
        assert len(server.sim.messages(person.id)) == 2


@pytest.mark.parametrize("body", [b"{not json", b"[1, 2]", b'{"update_id": "x"}'])
async def test_a_malformed_body_gets_400_and_the_next_update_is_handled(
    tmp_path: Path, clock: FakeClock, body: bytes
) -> None:
    async with webhook_bot(tmp_path, clock) as (server, url):
        person = server.sim.user(900_002, "Aru", "ru")
        server.sim.private_chat(person)
        assert await _post(url, body, SECRET) == 400
        assert await _post(url, _start_update(3, person.id), SECRET) == 200
        replies = await server.sim.wait_for(person.id, count=2)
        assert "Здравствуйте" in replies[0].text


def test_webhook_mode_refuses_to_start_without_a_secret(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("BOT_TOKEN", TEST_TOKEN)
    monkeypatch.setenv("WEBHOOK_URL", "https://bot.example.org")
    with pytest.raises(ConfigError) as refused:
        load_settings(_env_file=None)
    assert refused.value.code == 2
    monkeypatch.setenv("WEBHOOK_SECRET", "has spaces and ü")
    with pytest.raises(ConfigError):
        load_settings(_env_file=None)
    monkeypatch.setenv("WEBHOOK_SECRET", SECRET)
    assert load_settings(_env_file=None).webhook_listen == "0.0.0.0"
