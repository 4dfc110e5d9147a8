"""What the web chat asks of the local Bot API: the command menu a person sees, files a
person sends (fetched by the real python-telegram-bot with getFile), people added to the
try-out and kept across restarts, and the try-out's clock."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from telegram import (
    Bot,
    BotCommand,
    BotCommandScopeAllPrivateChats,
    BotCommandScopeChat,
    BotCommandScopeChatMember,
)

from bench.screenshots import sample_photo
from bot.config import Settings
from bot.sandbox.clock import ClockError, TryOutClock
from bot.sandbox.people import PEOPLE, TryOutState
from bot.sandbox.run import Sandbox
from bot.sandbox.server import BotApiServer
from bot.sandbox.webchat import TryOut, add_webchat_routes
from tests.support.harness import shared_library

TOKEN = "123456:TEST-webchat-api"
ANN, BEN, ORG = 4242, 4343, 4444
GROUP = -1_001_234_567
PNG_1x1 = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


@pytest.fixture
async def server() -> AsyncIterator[BotApiServer]:
    async with BotApiServer(token=TOKEN, bot_username="jol_test_bot") as srv:
        srv.sim.user(ANN, "Ann", "ru")
        srv.sim.user(BEN, "Ben", "de")
        srv.sim.user(ORG, "Org", "en")
        srv.sim.forum(GROUP, "Staff", members=[BEN], admins=[ORG])
        yield srv


@pytest.fixture
async def bot(server: BotApiServer) -> AsyncIterator[Bot]:
    async with Bot(TOKEN, base_url=server.base_url, base_file_url=server.base_file_url) as b:
        yield b


@pytest.fixture
async def http() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as session:
        yield session


async def menu(http: aiohttp.ClientSession, server: BotApiServer, chat: int, user: int) -> Any:
    url = f"{server.url}/sim/chats/{chat}/commands?user_id={user}"
    async with http.get(url) as response:
        assert response.status == 200
        return [c["command"] for c in (await response.json())["commands"]]


# ----- the command menu ------------------------------------------------------------------


async def test_the_menu_follows_telegrams_scopes_and_languages(
    server: BotApiServer, bot: Bot, http: aiohttp.ClientSession
) -> None:
    await bot.set_my_commands([BotCommand("start", "Start"), BotCommand("help", "Help")])
    await bot.set_my_commands([BotCommand("start", "Начать")], language_code="ru")
    organizer = [BotCommand("start", "Start"), BotCommand("broadcast", "Broadcast")]
    await bot.set_my_commands(organizer, scope=BotCommandScopeChat(ORG))
    # Before anyone wrote: the menu is there, in the person's Telegram language.
    assert await menu(http, server, ANN, ANN) == ["start"]
    assert await menu(http, server, BEN, BEN) == ["start", "help"]  # no German list: the default
    assert await menu(http, server, ORG, ORG) == ["start", "broadcast"]  # their own chat's
    # All private chats outrank the default; a chat's own list outranks both.
    await bot.set_my_commands([BotCommand("menu", "Menu")], scope=BotCommandScopeAllPrivateChats())
    assert await menu(http, server, BEN, BEN) == ["menu"]
    assert await menu(http, server, ORG, ORG) == ["start", "broadcast"]
    # In the group: a member's own scope first, else the default (private lists do not apply).
    assert await menu(http, server, GROUP, BEN) == ["start", "help"]
    await bot.set_my_commands(
        [BotCommand("close", "Close the case")], scope=BotCommandScopeChatMember(GROUP, ORG)
    )
    assert await menu(http, server, GROUP, ORG) == ["close"]
    assert await menu(http, server, GROUP, BEN) == ["start", "help"]
    # Someone else's private chat is not theirs to look into.
    async with http.get(f"{server.url}/sim/chats/{ANN}/commands?user_id={BEN}") as response:
        assert response.status == 404


async def test_the_bots_real_menus_public_and_organizer(tmp_path: Path) -> None:
    """The bot's own setMyCommands: the public menu for a person, more for the organizer."""
    box = tryout_sandbox(tmp_path)
    await box.start()
    try:
        assert box.server is not None
        sim = box.server.sim
        timur, organizer = PEOPLE[1].user_id, PEOPLE[3].user_id
        public = [c["command"] for c in sim.menu(timur)]
        own = [c["command"] for c in sim.menu(organizer)]
        assert "start" in public and "events" in public
        assert "newevent" not in public and "broadcast" not in public
        assert {"newevent", "broadcast", "outbox"} <= set(own)
        assert set(public) <= set(own)
        # In Timur's Telegram language (ru), the descriptions are Russian.
        russian = {c["command"]: c["description"] for c in sim.menu(timur)}
        assert any("а" <= ch <= "я" for ch in russian["events"].lower())
    finally:
        await box.stop()


# ----- files a person sends --------------------------------------------------------------


async def upload(
    http: aiohttp.ClientSession, server: BotApiServer, kind: str, name: str, data: bytes, mime: str
) -> tuple[int, Any]:
    form = aiohttp.FormData()
    form.add_field("user_id", str(ANN))
    form.add_field("kind", kind)
    form.add_field("caption", "my contract")
    form.add_field("file", data, filename=name, content_type=mime)
    async with http.post(f"{server.url}/sim/upload", data=form) as response:
        return response.status, await response.json()


async def test_a_photo_and_a_document_arrive_as_telegram_sends_them(
    server: BotApiServer, bot: Bot, http: aiohttp.ClientSession
) -> None:
    status, _ = await upload(http, server, "photo", "scan.png", PNG_1x1, "image/png")
    assert status == 200
    pdf = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n%%EOF\n"
    status, _ = await upload(http, server, "document", "договор.pdf", pdf, "application/pdf")
    assert status == 200
    updates = await bot.get_updates()
    photo_msg, doc_msg = (u.message for u in updates)
    assert photo_msg is not None and doc_msg is not None
    assert photo_msg.caption == "my contract" and photo_msg.text is None
    size = photo_msg.photo[-1]
    assert (size.width, size.height) == (1, 1) and size.file_size == len(PNG_1x1)
    document = doc_msg.document
    assert document is not None
    assert (document.file_name, document.mime_type) == ("договор.pdf", "application/pdf")
    # The bot downloads both, as it would from Telegram.
    photo_file = await bot.get_file(size.file_id)
    assert bytes(await photo_file.download_as_bytearray()) == PNG_1x1
    doc_file = await bot.get_file(document.file_id)
    assert doc_file.file_size == len(pdf)
    assert bytes(await doc_file.download_as_bytearray()) == pdf


async def test_a_photo_with_the_sizes_the_app_made(
    server: BotApiServer, bot: Bot, http: aiohttp.ClientSession
) -> None:
    form = aiohttp.FormData()
    form.add_field("user_id", str(ANN))
    form.add_field("kind", "photo")
    form.add_field("file", sample_photo(240, 320), filename="photo.jpg", content_type="image/jpeg")
    for width, height in ((68, 90), (30, 40)):
        data = sample_photo(width, height)
        form.add_field("smaller", data, filename="photo.jpg", content_type="image/jpeg")
    async with http.post(f"{server.url}/sim/upload", data=form) as response:
        assert response.status == 200
    (update,) = await bot.get_updates()
    assert update.message is not None
    sizes = update.message.photo
    assert [(s.width, s.height) for s in sizes] == [(30, 40), (68, 90), (240, 320)]
    assert len({s.file_id for s in sizes}) == 3
    for size in sizes:  # each one is there to download
        file = await bot.get_file(size.file_id)
        assert bytes(await file.download_as_bytearray()) == sample_photo(size.width, size.height)
    # A "smaller" size that is not smaller is refused.
    form = aiohttp.FormData()
    form.add_field("user_id", str(ANN))
    form.add_field("kind", "photo")
    form.add_field("file", sample_photo(30, 40), filename="photo.jpg")
    form.add_field("smaller", sample_photo(240, 320), filename="photo.jpg")
    async with http.post(f"{server.url}/sim/upload", data=form) as response:
        assert response.status == 400


async def test_what_telegram_would_not_take_is_refused(
    server: BotApiServer, http: aiohttp.ClientSession
) -> None:
    status, body = await upload(http, server, "photo", "notes.txt", b"not an image", "text/plain")
    assert status == 400 and "as a file" in body["error"]
    status, body = await upload(http, server, "document", "empty.txt", b"", "text/plain")
    assert status == 400
    status, body = await upload(http, server, "sticker", "a.webp", PNG_1x1, "image/webp")
    assert status == 400
    assert server.sim.updates == type(server.sim.updates)()  # nothing reached the bot


# ----- people and the clock --------------------------------------------------------------


@pytest.fixture
async def tryout_server(tmp_path: Path) -> AsyncIterator[tuple[BotApiServer, TryOut]]:
    srv = BotApiServer(token=TOKEN)
    state = TryOutState.load(tmp_path / "box.tryout.json")
    moved: list[datetime] = []
    clock = TryOutClock(state.clock_offset)

    async def catch_up() -> None:
        moved.append(clock.now())

    tryout = TryOut(srv.sim, state, clock, catch_up=catch_up)
    tryout.moved = moved  # type: ignore[attr-defined]
    add_webchat_routes(srv.app, tryout)
    srv.sim.clock = clock.timestamp
    async with srv:
        yield srv, tryout


async def test_people_added_are_kept_for_the_next_start(
    tmp_path: Path, tryout_server: tuple[BotApiServer, TryOut], http: aiohttp.ClientSession
) -> None:
    srv, tryout = tryout_server
    body = {"first_name": "  Dilnoza  ", "language_code": "uz"}
    async with http.post(f"{srv.url}/webchat/people", json=body) as response:
        added = (await response.json())["person"]
    assert added["first_name"] == "Dilnoza" and added["label"] == "Dilnoza (uz)"
    assert srv.sim.users[added["user_id"]].language_code == "uz"
    async with http.post(f"{srv.url}/webchat/people", json={"first_name": "Jonas"}) as response:
        second = (await response.json())["person"]
    assert second["user_id"] == added["user_id"] + 1 and second["language_code"] == ""
    for bad in (
        {"first_name": ""},
        {"first_name": "x" * 65},
        {"first_name": "A", "language_code": "Русский"},
    ):
        async with http.post(f"{srv.url}/webchat/people", json=bad) as response:
            assert response.status == 400 and (await response.json())["error"]
    async with http.get(f"{srv.url}/webchat/config") as response:
        config = await response.json()
    names = [p["first_name"] for p in config["people"]]
    assert names == [p.first_name for p in PEOPLE] + ["Dilnoza", "Jonas"]
    # The next start reads them back, with the same ids.
    again = TryOutState.load(tmp_path / "box.tryout.json")
    assert [(p.user_id, p.first_name) for p in again.added] == [
        (added["user_id"], "Dilnoza"),
        (second["user_id"], "Jonas"),
    ]


async def test_the_clock_moves_forward_only_and_is_kept(
    tmp_path: Path, tryout_server: tuple[BotApiServer, TryOut], http: aiohttp.ClientSession
) -> None:
    srv, tryout = tryout_server
    before = tryout.clock.now()
    async with http.post(f"{srv.url}/webchat/clock", json={"hours": 1}) as response:
        assert response.status == 200
    async with http.post(f"{srv.url}/webchat/clock", json={"days": 1}) as response:
        moved = await response.json()
    assert timedelta(hours=25) <= datetime.fromisoformat(moved["now"]) - before
    assert datetime.fromisoformat(moved["now"]) - before < timedelta(hours=25, minutes=1)
    target = (before + timedelta(days=3)).replace(microsecond=0)
    async with http.post(f"{srv.url}/webchat/clock", json={"to": target.isoformat()}) as response:
        assert response.status == 200
    assert abs(tryout.clock.now() - target) < timedelta(minutes=1)
    # A time typed without a zone is the deployment's (Europe/Vilnius: UTC+2 in winter).
    local = (target + timedelta(hours=2 + 1)).replace(tzinfo=None)
    async with http.post(f"{srv.url}/webchat/clock", json={"to": local.isoformat()}) as response:
        moved = await response.json()
    assert abs(datetime.fromisoformat(moved["now"]) - (target + timedelta(hours=1))) < timedelta(
        minutes=1
    )
    assert moved["zone"] == "Europe/Vilnius"
    assert len(tryout.moved) == 4  # type: ignore[attr-defined]  # the bot caught up each time
    # The simulated Telegram dates messages by the same clock.
    await srv.sim.send_text(srv.sim.user(1, "Ann"), "hi")
    assert abs(srv.sim.messages(1)[-1].date - tryout.clock.timestamp()) < 60
    for bad in ({"hours": -1}, {"to": before.isoformat()}, {"to": "tomorrow"}, {"days": 5000}):
        async with http.post(f"{srv.url}/webchat/clock", json=bad) as response:
            assert response.status == 400, bad
    assert len(tryout.moved) == 4  # type: ignore[attr-defined]
    saved = json.loads((tmp_path / "box.tryout.json").read_text())
    assert saved["clock_offset_seconds"] >= 3 * 86400 + 3600 - 120
    assert TryOutState.load(tmp_path / "box.tryout.json").clock_offset == tryout.clock.offset


def test_the_clock_and_a_damaged_state_file() -> None:
    real = [1_800_000_000.0]
    clock = TryOutClock(real=lambda: real[0])
    start = clock.now()
    assert start == datetime.fromtimestamp(real[0], UTC)
    clock.advance(timedelta(hours=2))
    real[0] += 60  # real time goes on underneath
    assert clock.now() - start == timedelta(hours=2, minutes=1)
    assert clock.timestamp() == real[0] + 7200
    with pytest.raises(ClockError):
        clock.advance(timedelta(0))
    with pytest.raises(ClockError):
        clock.move_to(datetime(2030, 1, 1))


def test_a_damaged_state_file_is_a_fresh_start(tmp_path: Path) -> None:
    path = tmp_path / "x.tryout.json"
    path.write_text("{not json")
    assert TryOutState.load(path).added == []
    path.write_text(
        json.dumps(
            {
                "people": [
                    {"user_id": 700_101, "first_name": "Ok", "language_code": "en"},
                    {"user_id": PEOPLE[0].user_id, "first_name": "Clash"},
                    {"user_id": "x", "first_name": "Bad id"},
                    {"user_id": 700_102, "first_name": "\x00"},
                ],
                "clock_offset_seconds": -50,
            }
        )
    )
    state = TryOutState.load(path)
    assert [p.first_name for p in state.added] == ["Ok"]
    assert state.clock_offset == timedelta(0)


# ----- the bot sees the moved clock ------------------------------------------------------


def tryout_sandbox(tmp_path: Path) -> Sandbox:
    """The whole try-out (the real bot included) on a free port, its database in tmp_path."""
    settings = Settings(_env_file=None, default_locale="en")  # type: ignore[call-arg]
    return Sandbox(
        settings,
        port=0,
        database_url=f"sqlite:///{tmp_path / 'box.db'}",
        poll_timeout=1,
        library=shared_library(),
    )


async def test_moving_the_clock_sends_the_reminder_that_became_due(tmp_path: Path) -> None:
    box = tryout_sandbox(tmp_path)
    await box.start()
    try:
        assert box.server is not None and box.tryout is not None
        sim = box.server.sim
        services = box.app.bot_data["services"]
        timur = PEOPLE[1].user_id
        await sim.send_text(timur, "/start")
        await sim.wait_for(timur, count=2, timeout=15)
        (event,) = await services.registry.all_events()  # the try-out's sample event
        await services.registry.register(
            event.id, timur, mode="offline", name="Timur", language="ru"
        )
        sim.mark(timur)
        # Nothing is due yet; a day before the start, the 24-hour reminder is.
        url = f"{box.server.url}/webchat/clock"
        day_before = event.start_at - timedelta(hours=23)
        body = {"to": day_before.isoformat()}
        async with aiohttp.ClientSession() as http, http.post(url, json=body) as response:
            assert response.status == 200
        (reminder,) = await sim.wait_for(timur, timeout=15)
        assert reminder.plain.startswith("⏰ Напоминание")
        assert services.clock.now() >= day_before
        # The simulated Telegram dated it by the moved clock.
        assert reminder.date >= int(day_before.timestamp())
    finally:
        await box.stop()
    # The next start keeps the time the try-out had reached.
    again = tryout_sandbox(tmp_path)
    await again.start()
    try:
        assert again.tryout is not None
        assert again.tryout.clock.now() >= day_before
    finally:
        await again.stop()


async def test_moving_the_clock_lapses_an_offer(tmp_path: Path) -> None:
    """A seat offered to the next person waiting goes back once the offer's time is past."""
    box = tryout_sandbox(tmp_path)
    await box.start()
    try:
        assert box.server is not None
        sim = box.server.sim
        registry = box.app.bot_data["services"].registry
        aigerim, timur, ruta, organizer = (p.user_id for p in PEOPLE)
        (event,) = await registry.all_events()  # three seats
        first = await registry.register(
            event.id, aigerim, mode="offline", name="Aigerim", language="kk"
        )
        for person, name in ((ruta, "Rūta"), (organizer, "Org")):
            await registry.register(event.id, person, mode="offline", name=name, language="en")
        waiting = await registry.register(event.id, timur, mode="offline", name="T", language="ru")
        assert waiting.position == 1
        assert first.registration is not None
        await registry.cancel_registration(first.registration.id, aigerim)
        (offer,) = await sim.wait_for(timur, lambda m: "Пример круглого стола" in m.plain)
        assert offer.reply_markup is not None  # accept or decline
        sim.mark(timur)
        async with (
            aiohttp.ClientSession() as http,
            http.post(f"{box.server.url}/webchat/clock", json={"days": 2}) as response,
        ):
            assert response.status == 200
        # Two days on, the day-before reminder is due too (a person waiting gets the
        # online details): the two may come in either order.
        (lapsed,) = await sim.wait_for(
            timur, lambda m: "срок предложения истёк" in m.plain, timeout=15
        )
        assert lapsed.reply_markup is not None
    finally:
        await box.stop()


def test_the_page_never_parses_text_as_html() -> None:
    """Whatever the bot or a person wrote reaches the page as text nodes: the page's
    scripts have no way to turn a string into markup (the renderer builds elements)."""
    from bot.sandbox.webchat import STATIC_DIR

    for name in ("app.js", "html.js"):
        source = (STATIC_DIR / name).read_text(encoding="utf-8")
        for sink in (".innerHTML", ".outerHTML", "insertAdjacentHTML(", "document.write(", "eval("):
            assert sink not in source, f"{name} uses {sink}"
