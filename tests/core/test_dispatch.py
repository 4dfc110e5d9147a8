"""bot.dispatch: a group asked through HandlerIndex hands every update to the same
handler as PTB asking each handler of the group in turn."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from telegram import Bot, Update, User
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler

from bot.app import FEATURES
from bot.dispatch import HandlerIndex
from core import callbacks

BOT_USER = User(id=424242, first_name="Jol", is_bot=True, username="jol_bot")


@pytest.fixture(scope="module")
def bot() -> Bot:
    made = Bot("424242:TEST-token")
    made._bot_user = BOT_USER  # as after initialize(): commands may name the bot
    return made


def _first_in_turn(handlers: list[BaseHandler[Any, Any, Any]], update: Update) -> Any:
    for handler in handlers:
        check = handler.check_update(update)
        if check is not None and check is not False:
            return handler
    return None


def _message(text: str | None, *, chat: dict[str, Any], command_length: int = 0) -> dict:
    message: dict[str, Any] = {
        "message_id": 7,
        "date": 0,
        "chat": chat,
        "from": {"id": 501, "is_bot": False, "first_name": "A"},
    }
    if text is not None:
        message["text"] = text
    else:
        message["photo"] = [{"file_id": "f", "file_unique_id": "u", "width": 1, "height": 1}]
    if command_length:
        message["entities"] = [{"type": "bot_command", "offset": 0, "length": command_length}]
    return message


PRIVATE = {"id": 501, "type": "private", "first_name": "A"}
STAFF = {"id": -100500, "type": "supergroup", "title": "Staff", "is_forum": True}


def _updates(commands: set[str], features: set[str]) -> list[dict[str, Any]]:
    texts: list[tuple[str | None, int]] = [("hello", 0), (None, 0), ("/", 1), ("/nosuch", 7)]
    for command in sorted(commands):
        for written in (f"/{command}", f"/{command.upper()}", f"/{command}@jol_bot"):
            texts.append((written, len(written)))
            texts.append((f"{written} an argument", len(written)))
        texts.append((f"/{command}@other_bot", len(command) + 11))
        texts.append((f"see /{command}", 0))
    found: list[dict[str, Any]] = []
    for (text, length), chat in itertools.product(texts, (PRIVATE, STAFF)):
        message = _message(text, chat=chat, command_length=length)
        found.append({"message": message})
        found.append({"edited_message": {**message, "edit_date": 1}})
        if chat is STAFF:
            found.append({"message": {**message, "message_thread_id": 9, "is_topic_message": True}})
    datas: list[str | None] = [None, "", "garbage", "zz:v1:a", "lang", "lang:v2:ru"]
    for feature in sorted(features):
        datas += [f"{feature}:v1:x", f"{feature}:v1:go:1", f"{feature}:v1:", f"{feature}x:v1:x"]
    # A press on a message that itself begins with a command: what CommandHandler reads.
    on_messages = [
        _message("hi", chat=PRIVATE),
        _message("/start again", chat=PRIVATE, command_length=6),
    ]
    for data, on in itertools.product(datas, on_messages):
        query: dict[str, Any] = {
            "id": "q",
            "from": {"id": 501, "is_bot": False, "first_name": "A"},
            "chat_instance": "c",
            "message": on,
        }
        if data is None:
            query["game_short_name"] = "game"
        else:
            query["data"] = data
        found.append({"callback_query": query})
    return [{"update_id": i, **body} for i, body in enumerate(found, start=1)]


@pytest.mark.parametrize("group", ["handlers", "relays", "leftovers"])
def test_the_index_picks_the_handler_asking_each_in_turn_would(bot: Bot, group: str) -> None:
    handlers = [h for feature in FEATURES for h in getattr(feature, group)]
    index = HandlerIndex(handlers)
    commands = {c for h in handlers if isinstance(h, CommandHandler) for c in h.commands}
    features = {
        f
        for h in handlers
        if isinstance(h, CallbackQueryHandler) and (f := callbacks.feature_of(h.pattern))
    }
    if group == "handlers":
        assert len(commands) > 10 and len(features) > 5  # the real groups, not an empty one
    updates = _updates(commands, features)
    taken = 0
    for data in updates:
        update = Update.de_json(data, bot)
        expected = _first_in_turn(handlers, update)
        check = index.check_update(update)
        got = check[0] if check else None
        assert got is expected, data.get("callback_query", {}).get("data", data)
        taken += expected is not None
    assert taken > 0


def test_a_handler_that_does_not_block_is_refused() -> None:
    async def callback(_update: object, _context: object) -> None:
        return None

    with pytest.raises(ValueError, match="does not block"):
        HandlerIndex([CommandHandler("x", callback, block=False)])


def test_a_pattern_is_known_by_its_feature_and_others_are_not() -> None:
    assert callbacks.feature_of(callbacks.pattern("ev", "go")) == "ev"
    assert callbacks.feature_of(r"^ev:v1:") is None
    assert callbacks.feature_of(["unhashable"]) is None
    with pytest.raises(ValueError):
        callbacks.pattern("a:b")
