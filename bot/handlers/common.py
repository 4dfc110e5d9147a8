"""Small helpers shared by handlers: the main menu, replying in the user's language."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.constants import ChatType

from bot import callbacks
from bot.context import JolContext

DeepLinkHandler = Callable[[Update, JolContext, str], Awaitable[None]]

MENU_ITEMS = (
    ("ask", "menu-ask"),
    ("topics", "menu-topics"),
    ("events", "menu-events"),
    ("my", "menu-my-registrations"),
    ("language", "menu-language"),
    ("privacy", "menu-privacy"),
)


def menu_button(context: JolContext, item: str) -> InlineKeyboardButton:
    key = dict(MENU_ITEMS)[item]
    return InlineKeyboardButton(context.t(key), callback_data=callbacks.encode("m", item))


def main_menu(context: JolContext) -> InlineKeyboardMarkup:
    """Two buttons a row: short enough for a phone screen."""
    buttons = [menu_button(context, item) for item, _ in MENU_ITEMS]
    return InlineKeyboardMarkup([buttons[i : i + 2] for i in range(0, len(buttons), 2)])


def is_private(update: Update) -> bool:
    chat = update.effective_chat
    return chat is not None and chat.type == ChatType.PRIVATE


async def answer(update: Update, text: str, **kwargs: Any) -> Message | None:
    """Reply to the message or button press in hand, in the same chat."""
    chat = update.effective_chat
    if chat is None:
        return None
    return await chat.send_message(text, **kwargs)


async def answer_query(update: Update, text: str | None = None, *, alert: bool = False) -> None:
    """Acknowledge a button press first, so the client stops its spinner."""
    if update.callback_query is not None:
        await update.callback_query.answer(text, show_alert=alert)
