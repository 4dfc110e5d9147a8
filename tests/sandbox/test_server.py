"""The local Bot API server, driven by the real python-telegram-bot over HTTP."""

from __future__ import annotations

import asyncio
import datetime as dtm
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest
from telegram import (
    Bot,
    BotCommand,
    BotCommandScopeChat,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InputFile,
    Update,
)
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut
from telegram.ext import (
    ApplicationBuilder,
    CallbackQueryHandler,
    ContextTypes,
    MessageHandler,
    filters,
)
from telegram.request import HTTPXRequest

from bot.sandbox.html_check import HtmlError, parse_html, utf16_len
from bot.sandbox.server import BotApiServer
from tests.support import eventually

TOKEN = "123456:TEST-sandbox-token"
ANN = 4242
PNG_1x1 = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


@pytest.fixture
async def server() -> AsyncIterator[BotApiServer]:
    async with BotApiServer(token=TOKEN, bot_username="jol_test_bot") as srv:
        yield srv


@pytest.fixture
async def bot(server: BotApiServer) -> AsyncIterator[Bot]:
    async with Bot(TOKEN, base_url=server.base_url, base_file_url=server.base_file_url) as b:
        yield b


@pytest.fixture
async def http() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as session:
        yield session


async def ann_says(server: BotApiServer, text: str = "hi") -> dict[str, Any]:
    return await server.sim.send_text(server.sim.user(ANN, "Ann", username="ann"), text)


async def raw(
    http: aiohttp.ClientSession, server: BotApiServer, method: str, **params: Any
) -> tuple[int, dict[str, Any]]:
    async with http.post(f"{server.base_url}{TOKEN}/{method}", json=params) as resp:
        return resp.status, await resp.json()


# ----- Bot API through PTB ---------------------------------------------------------------


async def test_get_me(bot: Bot) -> None:
    me = await bot.get_me()
    assert (me.id, me.is_bot, me.username, me.first_name) == (123456, True, "jol_test_bot", "Jol")
    assert me.can_join_groups is True


async def test_send_edit_delete_round_trip(server: BotApiServer, bot: Bot) -> None:
    await ann_says(server)
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Yes", callback_data="yes")]])
    sent = await bot.send_message(
        ANN, "<b>Hello</b> &amp; welcome", parse_mode=ParseMode.HTML, reply_markup=keyboard
    )
    assert isinstance(sent.date, dtm.datetime)
    assert sent.message_id == 2  # the user's message was 1
    assert sent.text == "Hello & welcome"
    assert sent.entities[0].type == "bold" and sent.entities[0].length == 5
    assert sent.from_user.is_bot and sent.chat.first_name == "Ann"
    assert sent.reply_markup == keyboard

    edited = await bot.edit_message_text("Bye", chat_id=ANN, message_id=sent.message_id)
    assert edited.text == "Bye" and edited.edit_date is not None
    assert edited.reply_markup is None  # editing without a keyboard removes it
    with pytest.raises(BadRequest, match="(?i)message is not modified"):
        await bot.edit_message_text("Bye", chat_id=ANN, message_id=sent.message_id)
    with pytest.raises(BadRequest, match="(?i)message to edit not found"):
        await bot.edit_message_text("x", chat_id=ANN, message_id=99)

    assert await bot.delete_message(ANN, sent.message_id)
    with pytest.raises(BadRequest, match="(?i)message to delete not found"):
        await bot.delete_message(ANN, sent.message_id)

    [user_msg, bot_msg] = server.sim.messages(ANN)
    assert not user_msg.from_bot and user_msg.text == "hi"
    assert bot_msg.from_bot and bot_msg.edited and bot_msg.deleted and bot_msg.text == "Bye"
    assert server.sim.bot_messages(ANN) == []
    assert server.sim.stats.sent[ANN] == 1
    assert server.sim.stats.calls["editMessageText"] == 3


async def test_reply_markup_edit_and_button_data_limit(server: BotApiServer, bot: Bot) -> None:
    await ann_says(server)
    sent = await bot.send_message(ANN, "menu")
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("A", callback_data="a")]])
    result = await bot.edit_message_reply_markup(ANN, sent.message_id, reply_markup=markup)
    assert result.reply_markup == markup
    assert server.sim.bot_messages(ANN)[0].reply_markup == markup.to_dict()
    too_long = InlineKeyboardMarkup([[InlineKeyboardButton("A", callback_data="x" * 65)]])
    with pytest.raises(BadRequest, match="(?i)button_data_invalid"):
        await bot.send_message(ANN, "menu", reply_markup=too_long)


async def test_errors_like_telegram(server: BotApiServer, bot: Bot) -> None:
    with pytest.raises(BadRequest, match="(?i)chat not found"):
        await bot.send_message(777, "hello?")
    await ann_says(server)
    with pytest.raises(BadRequest, match="(?i)message is too long"):
        await bot.send_message(ANN, "x" * 4097)
    # 4096 visible UTF-16 units are fine even though the HTML source is longer
    await bot.send_message(ANN, "<b>" + "x" * 4094 + "😀</b>", parse_mode=ParseMode.HTML)
    with pytest.raises(BadRequest, match="(?i)message caption is too long"):
        await bot.send_document(ANN, b"data", filename="a.txt", caption="c" * 1025)


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("<b>bold", 'can\'t find end tag corresponding to start tag "b"'),
        ("<foo>x</foo>", 'unsupported start tag "foo" at byte offset 0'),
        ("2 < 3", 'unsupported start tag "" at byte offset 2'),
        ("<b>x</i>", 'unmatched end tag at byte offset 4, expected "</b>", found "</i>"'),
        ("x</b>", "unexpected end tag at byte offset 1"),
        ("Tom & Jerry", 'unsupported html entity at byte offset 4: escape "&" as "&amp;"'),
    ],
)
async def test_bad_html_is_rejected(server: BotApiServer, bot: Bot, text: str, error: str) -> None:
    await ann_says(server)
    with pytest.raises(BadRequest) as info:
        await bot.send_message(ANN, text, parse_mode=ParseMode.HTML)
    assert info.value.message.lower() == f"can't parse entities: {error}"


def test_html_parser_entities() -> None:
    parsed = parse_html(
        '😀<i>a</i> <a href="https://x.org/?a=1&amp;b=2">l</a> '
        '<pre><code class="language-py">p</code></pre> <span class="tg-spoiler">s</span>'
        " <blockquote expandable>q</blockquote> &lt;&#33;&#x41;&quot;"
    )
    assert parsed.text == '😀a l p s q <!A"'
    kinds = [(e["type"], e["offset"], e["length"]) for e in parsed.entities]
    assert kinds == [
        ("italic", 2, 1),
        ("text_link", 4, 1),
        ("pre", 6, 1),
        ("spoiler", 8, 1),
        ("expandable_blockquote", 10, 1),
    ]
    assert parsed.entities[1]["url"] == "https://x.org/?a=1&b=2"
    assert parsed.entities[2]["language"] == "py"
    assert utf16_len("😀a") == 3
    assert parse_html("Tom & Jerry", strict=False).text == "Tom & Jerry"
    with pytest.raises(HtmlError, match='must have class "tg-spoiler"'):
        parse_html("<span>x</span>")


async def test_blocked_user_gets_forbidden(server: BotApiServer, bot: Bot) -> None:
    await ann_says(server)
    server.sim.block(ANN)
    with pytest.raises(Forbidden, match="(?i)bot was blocked by the user"):
        await bot.send_message(ANN, "hello")
    server.sim.unblock(ANN)
    await bot.send_message(ANN, "hello again")
    updates = await bot.get_updates()
    statuses = [u.my_chat_member.new_chat_member.status for u in updates if u.my_chat_member]
    assert statuses == ["kicked", "member"]


async def test_injected_faults(
    server: BotApiServer, bot: Bot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PTB_TIMEDELTA", "true")  # PTB warns about int retry_after otherwise
    await ann_says(server)
    server.sim.inject("sendMessage", status=429, retry_after=7)
    with pytest.raises(RetryAfter) as info:
        await bot.send_message(ANN, "hello")
    assert info.value.retry_after == dtm.timedelta(seconds=7)
    server.sim.inject("sendMessage", status=502, chat_id=ANN, count=2)
    for _ in range(2):
        with pytest.raises(NetworkError, match="Bad Gateway"):
            await bot.send_message(ANN, "hello")
    await bot.send_message(ANN, "finally")
    assert server.sim.stats.sent[ANN] == 1
    assert server.sim.stats.errors[502] == 2


async def test_injected_delay_times_out(server: BotApiServer) -> None:
    await ann_says(server)
    request = HTTPXRequest(read_timeout=0.2)
    async with Bot(TOKEN, base_url=server.base_url, request=request) as slow_bot:
        server.sim.inject("sendMessage", delay=0.6)
        with pytest.raises(TimedOut):
            await slow_bot.send_message(ANN, "slow")
        await slow_bot.send_message(ANN, "fast")


async def test_unknown_method_and_wrong_token(
    server: BotApiServer, http: aiohttp.ClientSession
) -> None:
    status, body = await raw(http, server, "sendTelepathy")
    assert (status, body) == (404, {"ok": False, "error_code": 404, "description": "Not Found"})
    async with http.get(f"{server.base_url}999:WRONG/getMe") as resp:
        assert resp.status == 401
        assert await resp.json() == {
            "ok": False,
            "error_code": 401,
            "description": "Unauthorized",
        }


async def test_callback_query_answer_recorded(server: BotApiServer, bot: Bot) -> None:
    await ann_says(server)
    sent = await bot.send_message(ANN, "pick")
    query_id = await server.sim.press_button(ANN, sent.message_id, "forged")
    [update] = (await bot.get_updates())[-1:]
    query = update.callback_query
    assert (query.id, query.data, query.message.message_id) == (query_id, "forged", 2)
    assert query.from_user.first_name == "Ann" and query.chat_instance
    assert await query.answer("Done!", show_alert=True)
    answer = server.sim.callback_answers[query_id]
    assert (answer["text"], answer["show_alert"]) == ("Done!", True)
    with pytest.raises(BadRequest, match="(?i)query is too old"):
        await bot.answer_callback_query(query_id)


async def test_commands_per_scope(server: BotApiServer, bot: Bot) -> None:
    await bot.set_my_commands([BotCommand("start", "Start"), BotCommand("help", "Help")])
    await bot.set_my_commands(
        [BotCommand("admin", "Admin")], scope=BotCommandScopeChat(ANN), language_code="ru"
    )
    assert [c.command for c in await bot.get_my_commands()] == ["start", "help"]
    scoped = await bot.get_my_commands(scope=BotCommandScopeChat(ANN), language_code="ru")
    assert [c.command for c in scoped] == ["admin"]
    assert server.sim.commands[("default", "")][1] == {"command": "help", "description": "Help"}
    await bot.delete_my_commands()
    assert await bot.get_my_commands() == ()


# ----- updates and long polling ----------------------------------------------------------


async def test_long_poll_returns_on_update_and_waits_without(
    server: BotApiServer, http: aiohttp.ClientSession
) -> None:
    # Nothing queued: the poll ends empty when its timeout is over.
    status, body = await raw(http, server, "getUpdates", timeout=0.3)
    assert (status, body["result"]) == (200, [])

    # A poll that is open when the person writes gets that update: it was waiting.
    polls = server.sim.poll_generation
    poll = asyncio.create_task(raw(http, server, "getUpdates", timeout=3600))
    await eventually(lambda: server.sim.poll_generation > polls)  # the server has it
    assert not poll.done()
    await ann_says(server, "/start now")
    # It answers then, not when its hour is up (the timeout is only a safety net).
    _, body = await asyncio.wait_for(poll, timeout=60)
    [update] = body["result"]
    message = update["message"]
    assert message["entities"] == [{"type": "bot_command", "offset": 0, "length": 6}]
    assert message["from"] == {
        "id": ANN,
        "is_bot": False,
        "first_name": "Ann",
        "username": "ann",
        "language_code": "en",
    }


async def test_offset_confirms_updates(server: BotApiServer, bot: Bot) -> None:
    for text in ("one", "two", "three"):
        await ann_says(server, text)
    updates = await bot.get_updates()
    assert [u.message.text for u in updates] == ["one", "two", "three"]
    assert [u.message.text for u in await bot.get_updates(limit=1)] == ["one"]
    again = await bot.get_updates(offset=updates[0].update_id + 1)
    assert [u.message.text for u in again] == ["two", "three"]
    assert await bot.get_updates(offset=updates[-1].update_id + 1) == ()
    # confirmed updates are forgotten even without offset
    assert await bot.get_updates() == ()


async def test_allowed_updates_filter_is_remembered(server: BotApiServer, bot: Bot) -> None:
    await ann_says(server, "before")
    sent = await bot.send_message(ANN, "menu")
    await bot.get_updates(offset=-1, allowed_updates=["callback_query"])
    await ann_says(server, "ignored")
    query_id = await server.sim.press_button(ANN, sent.message_id, "go")
    updates = await bot.get_updates()
    assert [u.callback_query.id for u in updates if u.callback_query] == [query_id]
    assert all(u.message is None or u.message.text == "before" for u in updates)
    await bot.get_updates(offset=updates[-1].update_id + 1, allowed_updates=[])
    await ann_says(server, "seen")
    assert [u.message.text for u in await bot.get_updates()] == ["seen"]


async def test_echo_bot_with_polling(server: BotApiServer) -> None:
    async def echo(update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_message is not None
        await update.effective_message.reply_text(
            f"<i>{update.effective_message.text}</i>", parse_mode=ParseMode.HTML
        )

    async def pressed(update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        assert query is not None and query.message is not None
        await query.answer("ok")
        await query.edit_message_text(f"chose {query.data}")

    app = ApplicationBuilder().token(TOKEN).base_url(server.base_url).build()
    app.add_handler(MessageHandler(filters.TEXT, echo))
    app.add_handler(CallbackQueryHandler(pressed))
    ann = server.sim.user(ANN, "Ann")
    async with app:
        await app.start()
        assert app.updater is not None
        await app.updater.start_polling(poll_interval=0, timeout=1)
        await server.sim.send_text(ann, "hello")
        [reply] = await server.sim.wait_for(ANN)
        assert (reply.text, reply.plain, reply.parse_mode) == ("<i>hello</i>", "hello", "HTML")
        await server.sim.send_text(ann, "two")
        await server.sim.send_text(ann, "three")
        replies = await server.sim.wait_for(ANN, count=2)
        assert [m.plain for m in replies] == ["two", "three"]

        query_id = await server.sim.press_button(ann, reply.message_id, "blue")
        [edit] = await server.sim.wait_for(ANN, lambda m: m.edited)
        assert edit.message_id == reply.message_id and edit.text == "chose blue"
        assert server.sim.callback_answers[query_id]["text"] == "ok"

        with pytest.raises(TimeoutError, match="wanted 1 matching"):
            await server.sim.wait_for(ANN, timeout=0.05)
        await app.updater.stop()
        await app.stop()


# ----- files and the /sim HTTP API -------------------------------------------------------


async def test_document_upload_and_download(
    server: BotApiServer, bot: Bot, http: aiohttp.ClientSession
) -> None:
    await ann_says(server)
    payload = "name,phone\nÁn,1\n".encode()
    sent = await bot.send_document(
        ANN, InputFile(payload, filename="contacts.csv"), caption="<b>List</b>", parse_mode="HTML"
    )
    assert sent.document.file_name == "contacts.csv"
    assert sent.document.mime_type == "text/csv" and sent.document.file_size == len(payload)
    assert sent.caption == "List"
    again = await bot.send_document(ANN, sent.document.file_id)
    assert again.document.file_id == sent.document.file_id
    assert await (await bot.get_file(sent.document.file_id)).download_as_bytearray() == payload

    [doc, _] = server.sim.bot_messages(ANN)
    assert (doc.document.name, doc.document.mime, doc.document.data) == (
        "contacts.csv",
        "text/csv",
        payload,
    )
    _, body = await http_json(http, f"{server.url}/sim/chats/{ANN}/messages")
    url = body["messages"][1]["document"]["url"]
    async with http.get(server.url + url) as resp:
        assert await resp.read() == payload
        assert resp.headers["Content-Type"].startswith("text/csv")
        assert "contacts.csv" in resp.headers["Content-Disposition"]

    photo = await bot.send_photo(ANN, PNG_1x1, caption="pic")
    assert (photo.photo[-1].width, photo.photo[-1].height) == (1, 1)
    with pytest.raises(BadRequest, match="(?i)image_process_failed"):
        await bot.send_photo(ANN, b"not an image")
    assert server.sim.stats.sent_by_method["sendDocument"] == 2


async def http_json(
    http: aiohttp.ClientSession, url: str, payload: dict[str, Any] | None = None
) -> tuple[int, dict[str, Any]]:
    if payload is None:
        async with http.get(url) as resp:
            return resp.status, await resp.json()
    async with http.post(url, json=payload) as resp:
        return resp.status, await resp.json()


async def test_sim_http_long_poll_and_controls(
    server: BotApiServer, bot: Bot, http: aiohttp.ClientSession
) -> None:
    sim_url = f"{server.url}/sim"
    status, _ = await http_json(http, f"{sim_url}/users", {"user_id": ANN, "first_name": "Ann"})
    assert status == 200
    status, body = await http_json(http, f"{sim_url}/send", {"user_id": ANN, "text": "/start"})
    assert status == 200 and body["message"]["text"] == "/start"
    _, first = await http_json(http, f"{sim_url}/chats/{ANN}/messages")
    version = first["version"]
    assert [m["text"] for m in first["messages"]] == ["/start"]

    poll = asyncio.create_task(
        http_json(http, f"{sim_url}/chats/{ANN}/messages?after_version={version}&timeout=5")
    )
    await asyncio.sleep(0)
    sent = await bot.send_message(ANN, "<b>Welcome</b>", parse_mode="HTML")
    _, changed = await asyncio.wait_for(poll, 2)
    assert changed["version"] > version
    [msg] = changed["messages"]
    assert (msg["message_id"], msg["from_bot"], msg["text"]) == (2, True, "<b>Welcome</b>")

    await bot.edit_message_text("Edited", ANN, sent.message_id)
    _, after_edit = await http_json(
        http, f"{sim_url}/chats/{ANN}/messages?after_version={changed['version']}"
    )
    assert [(m["text"], m["edited"]) for m in after_edit["messages"]] == [("Edited", True)]

    status, body = await http_json(
        http, f"{sim_url}/press", {"user_id": ANN, "message_id": 2, "data": "x"}
    )
    assert status == 200 and body["callback_query_id"]
    status, _ = await http_json(
        http, f"{sim_url}/press", {"user_id": ANN, "message_id": 99, "data": "x"}
    )
    assert status == 404
    await http_json(http, f"{sim_url}/contact", {"user_id": ANN, "phone_number": "+37060000000"})
    await http_json(http, f"{sim_url}/block", {"user_id": ANN})
    with pytest.raises(Forbidden):
        await bot.send_message(ANN, "x")
    await http_json(http, f"{sim_url}/unblock", {"user_id": ANN})
    await http_json(http, f"{sim_url}/inject", {"method": "sendMessage", "status": 500})
    with pytest.raises(NetworkError, match="Internal Server Error"):
        await bot.send_message(ANN, "x")

    updates = await bot.get_updates()
    contacts = [u.message.contact for u in updates if u.message and u.message.contact]
    assert [c.phone_number for c in contacts] == ["+37060000000"]
    _, stats = await http_json(http, f"{sim_url}/stats")
    assert stats["sent"] == {str(ANN): 1} and stats["calls"]["sendMessage"] == 3
    await http_json(http, f"{sim_url}/reset", {})
    assert server.sim.messages(ANN) == [] and not server.sim.stats.sent


async def test_channel_post_and_group(server: BotApiServer, bot: Bot) -> None:
    server.sim.group(-100123, "Helpers")
    ann = server.sim.user(ANN, "Ann")
    await server.sim.send_text(ann, "in group", chat_id=-100123)
    await server.sim.send_channel_post(-100999, "news")
    updates = await bot.get_updates()
    assert updates[0].message.chat.type == "supergroup"
    assert updates[0].message.chat.title == "Helpers"
    post = updates[1].channel_post
    assert post.text == "news" and post.from_user is None and post.chat.type == "channel"
    chat = await bot.get_chat(-100123)
    assert chat.title == "Helpers"
