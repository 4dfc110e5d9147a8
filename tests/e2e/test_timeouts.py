"""Telegram answering too late: a reply that timed out is not followed by an apology.

The outbox side (a late answer on a broadcast row is not sent twice) is in
tests/delivery/test_transport.py.
"""

from __future__ import annotations

from bot.aiohttp_request import AiohttpRequest
from tests.support import Harness


async def test_a_reply_whose_answer_came_late_gets_no_apology(jol: Harness) -> None:
    person = jol.person(131, "Ann", "en")
    await jol.say(person, "/start", count=2)
    request = jol.app.bot.request
    assert isinstance(request, AiohttpRequest)
    request._read_timeout = 0.3  # the bot's own setting is 10 s; the late answer takes 1 s
    jol.sim.inject("sendMessage", delay=1.0, count=1, chat_id=person.id)
    (reply,) = await jol.say(person, "/help")  # Telegram took it, its answer came too late
    request._read_timeout = 10.0
    (menu,) = await jol.say(person, "/menu")
    assert "What would you like to do?" in menu.text
    texts = [m.text or "" for m in jol.sim.bot_messages(person.id)]
    assert texts.count(reply.text) == 1
    assert not any("something went wrong" in t for t in texts)
