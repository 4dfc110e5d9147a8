"""bot.tolerant_bot.unread_answer: inside it sendMessage goes out and returns True
instead of a Message built from Telegram's answer; outside it nothing changes."""

from __future__ import annotations

import json
from typing import Any

from telegram import Message
from telegram.request import BaseRequest, RequestData

from bot.handlers.common import answer
from bot.tolerant_bot import TolerantBot, unread_answer

ME = {"id": 1, "is_bot": True, "first_name": "Jol", "username": "jol_bot"}


class Recorded(BaseRequest):
    """Answers as Telegram would and keeps what was sent."""

    def __init__(self) -> None:
        self.sent: list[dict[str, Any]] = []

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None

    @property
    def read_timeout(self) -> float | None:
        return 5.0

    async def do_request(  # type: ignore[override]
        self, url: str, method: str, request_data: RequestData | None = None, **_: Any
    ) -> tuple[int, bytes]:
        result: Any = ME
        if url.endswith("/sendMessage") and request_data is not None:
            params = dict(request_data.parameters)
            self.sent.append(params)
            result = {
                "message_id": len(self.sent),
                "date": 0,
                "chat": {"id": params["chat_id"], "type": "private"},
                "text": params["text"],
            }
        return 200, json.dumps({"ok": True, "result": result}).encode()


async def _bot() -> tuple[TolerantBot, Recorded]:
    request = Recorded()
    bot = TolerantBot("1:TEST", request=request, get_updates_request=Recorded())
    await bot.initialize()
    return bot, request


async def test_inside_it_the_message_is_sent_and_not_built() -> None:
    bot, request = await _bot()
    with unread_answer():
        result = await bot.send_message(42, "<b>hi</b>")
    assert result is True
    assert request.sent == [{"chat_id": 42, "text": "<b>hi</b>"}]


async def test_outside_it_the_sent_message_comes_back_as_before() -> None:
    bot, request = await _bot()
    with unread_answer():
        await bot.send_message(42, "first")
    sent = await bot.send_message(42, "second")
    assert isinstance(sent, Message)
    assert (sent.message_id, sent.text) == (2, "second")
    assert [p["text"] for p in request.sent] == ["first", "second"]


async def test_answer_sends_in_the_chat_in_hand() -> None:
    from telegram import Update

    bot, request = await _bot()
    update = Update.de_json(
        {
            "update_id": 1,
            "message": {
                "message_id": 5,
                "date": 0,
                "chat": {"id": 77, "type": "private"},
                "from": {"id": 77, "is_bot": False, "first_name": "A"},
                "text": "hello",
            },
        },
        bot,
    )
    assert await answer(update, "reply") is None
    assert request.sent == [{"chat_id": 77, "text": "reply"}]
