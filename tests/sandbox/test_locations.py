"""Map pins in the local Bot API: sendVenue, sendLocation, and a person's shared location."""

from __future__ import annotations

from collections.abc import AsyncIterator

import aiohttp
import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import BadRequest

from bot.sandbox.server import BotApiServer

TOKEN = "123456:TEST-sandbox-token"
ANN = 4343


@pytest.fixture
async def server() -> AsyncIterator[BotApiServer]:
    async with BotApiServer(token=TOKEN, bot_username="jol_test_bot") as srv:
        yield srv


@pytest.fixture
async def bot(server: BotApiServer) -> AsyncIterator[Bot]:
    async with Bot(TOKEN, base_url=server.base_url, base_file_url=server.base_file_url) as b:
        yield b


async def _ann_writes(server: BotApiServer) -> None:
    server.sim.user(ANN, "Ann", "en")
    await server.sim.send_text(ANN, "hi")


async def test_venue_and_location_come_back_as_telegram_shapes(
    server: BotApiServer, bot: Bot
) -> None:
    await _ann_writes(server)
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Back", callback_data="b")]])
    venue = await bot.send_venue(
        ANN, 54.6872, 25.2797, "Hall", "Gedimino pr. 1, Vilnius", reply_markup=keyboard
    )
    assert venue.venue is not None and venue.location is not None
    assert (venue.venue.title, venue.venue.address) == ("Hall", "Gedimino pr. 1, Vilnius")
    assert (venue.location.latitude, venue.location.longitude) == (54.6872, 25.2797)
    assert venue.text is None and venue.reply_markup == keyboard
    pin = await bot.send_location(ANN, 43.2389, 76.8897)
    assert pin.location is not None and pin.venue is None
    assert (pin.location.latitude, pin.location.longitude) == (43.2389, 76.8897)
    stored = server.sim.bot_messages(ANN)
    assert [m.venue is not None for m in stored] == [True, False]
    assert stored[1].location == {"latitude": 43.2389, "longitude": 76.8897}
    assert server.sim.stats.sent_by_method["sendVenue"] == 1
    assert server.sim.stats.sent_by_method["sendLocation"] == 1


async def test_bad_pins_are_refused_like_telegram(server: BotApiServer, bot: Bot) -> None:
    with pytest.raises(BadRequest, match="(?i)chat not found"):
        await bot.send_location(777, 1.0, 2.0)
    await _ann_writes(server)
    with pytest.raises(BadRequest, match="(?i)wrong latitude"):
        await bot.send_location(ANN, 91.0, 2.0)
    with pytest.raises(BadRequest, match="(?i)wrong longitude"):
        await bot.send_venue(ANN, 1.0, -181.0, "Hall", "Street 1")
    with pytest.raises(BadRequest, match="(?i)venue title is empty"):
        await bot.send_venue(ANN, 1.0, 2.0, " ", "Street 1")
    assert server.sim.bot_messages(ANN) == []


async def test_a_shared_location_reaches_the_bot(server: BotApiServer, bot: Bot) -> None:
    server.sim.user(ANN, "Ann", "en")
    await server.sim.send_location(ANN, 56.9496, 24.1052)
    (update,) = await bot.get_updates()
    message = update.message
    assert message is not None and message.text is None and message.location is not None
    assert (message.location.latitude, message.location.longitude) == (56.9496, 24.1052)
    assert message.from_user is not None and message.from_user.id == ANN


async def test_the_web_chat_can_send_a_pin_over_http(server: BotApiServer, bot: Bot) -> None:
    server.sim.user(ANN, "Ann", "en")
    async with aiohttp.ClientSession() as http:
        body = {"user_id": ANN, "latitude": 54.6872, "longitude": 25.2797}
        async with http.post(f"{server.url}/sim/location", json=body) as resp:
            assert resp.status == 200
            stored = (await resp.json())["message"]
        assert stored["location"] == {"latitude": 54.6872, "longitude": 25.2797}
        async with http.post(f"{server.url}/sim/location", json={**body, "latitude": 95}) as resp:
            assert resp.status == 400
    (update,) = await bot.get_updates()
    assert update.message is not None and update.message.location is not None
