"""The local Bot API delivers webhooks as Telegram does."""

from __future__ import annotations

import asyncio
import json
from collections import Counter

from aiohttp import web

from bot.sandbox.server import BotApiServer
from tests.support import TEST_TOKEN
from tests.support.waiting import eventually


async def test_updates_are_posted_with_the_secret_in_order_per_chat_and_retried() -> None:
    seen: list[tuple[int, int]] = []
    headers: set[str | None] = set()
    attempts: Counter[int] = Counter()
    in_flight = 0
    most = 0

    async def receive(request: web.Request) -> web.Response:
        nonlocal in_flight, most
        update = json.loads(await request.read())
        headers.add(request.headers.get("X-Telegram-Bot-Api-Secret-Token"))
        uid = update["update_id"]
        attempts[uid] += 1
        in_flight += 1
        most = max(most, in_flight)
        try:
            await asyncio.sleep(0.01)
            if attempts[uid] == 1 and uid % 7 == 0:
                return web.Response(status=500)  # the bot failed: Telegram tries again
            seen.append((update["message"]["chat"]["id"], uid))
            return web.Response(text="ok")
        finally:
            in_flight -= 1

    receiver = web.Application()
    receiver.router.add_post("/hook", receive)
    runner = web.AppRunner(receiver)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    try:
        async with BotApiServer(token=TEST_TOKEN) as server:
            api = server.api
            api.webhook.gateway = f"http://127.0.0.1:{port}"
            api.webhook.retry_first = 0.01
            assert await api.set_webhook(
                {"url": "https://bot.example.org/hook", "secret_token": "s3", "max_connections": 3},
                {},
            )
            for uid in range(1, 11):
                server.sim.user(uid, f"P{uid}")
            for round_no in range(4):
                for uid in range(1, 11):
                    await server.sim.send_text(uid, f"m{round_no}")
            await eventually(lambda: len(seen) == 40, 60.0)
            info = await api.get_webhook_info({}, {})
            assert info["pending_update_count"] == 0
            assert "500" in info["last_error_message"]
            # getUpdates is refused while a webhook is set, as on Telegram.
            assert server.sim.webhook_url
    finally:
        await runner.cleanup()
    assert headers == {"s3"}
    assert most <= 3
    for chat in range(1, 11):
        ids = [uid for c, uid in seen if c == chat]
        assert ids == sorted(ids) and len(ids) == 4


async def test_delete_webhook_gives_undelivered_updates_back_to_get_updates() -> None:
    async with BotApiServer(token=TEST_TOKEN) as server:
        api = server.api
        # Nobody listens there: every delivery fails and is retried.
        api.webhook.gateway = "http://127.0.0.1:9"
        await api.set_webhook({"url": "https://bot.example.org/hook"}, {})
        server.sim.user(1, "Ann")
        await server.sim.send_text(1, "one")
        await server.sim.send_text(1, "two")
        await eventually(lambda: api.webhook.counters.failed_attempts > 0, 30.0)
        await api.delete_webhook({}, {})
        updates = await api.get_updates({"timeout": 0}, {})
        assert [u["message"]["text"] for u in updates] == ["one", "two"]
