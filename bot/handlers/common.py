"""Small helpers shared by handlers: the main menu, replying in the user's language."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ChatType
from telegram.error import BadRequest, NetworkError
from telegram.ext import BaseHandler

from bot.context import JolContext
from bot.tolerant_bot import unread_answer
from core import callbacks
from core.conversations import Conversation
from faq.render import split_message

log = logging.getLogger(__name__)

DeepLinkHandler = Callable[[Update, JolContext, str], Awaitable[None]]
Handler = BaseHandler[Any, Any, Any]


@dataclass(frozen=True, slots=True)
class Flow:
    """A multi-step conversation a feature owns (its state is in core.conversations).

    `on_message` gets what the person sent while this conversation is their
    current one and returns whether it took the message (False lets it fall
    through to the knowledge base, e.g. a question typed while a button is due).
    `cancelled` is the Fluent key said when the person leaves it with /cancel.
    """

    kind: str
    on_message: Callable[[Update, JolContext, Conversation], Awaitable[bool]]
    cancelled: str


@dataclass(frozen=True, slots=True)
class Feature:
    """What one handler module declares; bot.app registers it, bot.wiring serves it."""

    handlers: Sequence[Handler] = ()
    # Tried after every conversation, before the leftovers; stops the update if it took it.
    relays: Sequence[Handler] = ()
    # Tried last: free text nobody else took.
    leftovers: Sequence[Handler] = ()
    # (command, Fluent key of its description) for everyone's command menu…
    commands: Sequence[tuple[str, str]] = ()
    # … and for the organizers' own menu (set per organizer chat).
    organizer_commands: Sequence[tuple[str, str]] = ()
    deep_links: Mapping[str, DeepLinkHandler] = field(default_factory=dict)
    flows: Mapping[str, Flow] = field(default_factory=dict)


MENU_ITEMS = (
    ("ask", "menu-ask"),
    ("topics", "menu-topics"),
    ("events", "menu-events"),
    ("my", "menu-my-registrations"),
    ("language", "menu-language"),
    ("country", "menu-country"),
    ("privacy", "menu-privacy"),
    ("human", "menu-human"),
    ("sos", "menu-sos"),
)


def menu_button(context: JolContext, item: str) -> InlineKeyboardButton:
    key = dict(MENU_ITEMS)[item]
    return InlineKeyboardButton(context.t(key), callback_data=callbacks.encode("m", item))


def home_button(context: JolContext) -> InlineKeyboardButton:
    """🏠 Menu: the way back from the end of any flow."""
    return InlineKeyboardButton(context.t("menu-home"), callback_data=callbacks.encode("m", "home"))


class SharedKeyboard(InlineKeyboardMarkup):
    """A keyboard built once and sent many times: its JSON form is worked out once.

    Telegram objects are immutable, so one instance may go out with any number of
    messages; python-telegram-bot would otherwise turn its nine buttons into a
    dict again for every reply (a millisecond of a busy bot's CPU each time)."""

    __slots__ = ("_as_dict",)

    def __init__(self, rows: Sequence[Sequence[InlineKeyboardButton]]) -> None:
        super().__init__(rows)
        with self._unfrozen():
            self._as_dict: dict[str, Any] | None = None

    def to_dict(self, recursive: bool = True) -> dict[str, Any]:
        if not recursive:
            return super().to_dict(recursive)
        if self._as_dict is None:
            with self._unfrozen():
                self._as_dict = super().to_dict()
        # A new outer dict each time; nothing downstream changes the rows inside.
        return dict(self._as_dict)


def main_menu(context: JolContext) -> InlineKeyboardMarkup:
    """Two buttons a row: short enough for a phone screen (built once per language)."""
    menus = context.services.menus
    menu = menus.get(context.lang)
    if menu is None:
        buttons = [menu_button(context, item) for item, _ in MENU_ITEMS]
        rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
        menu = menus[context.lang] = SharedKeyboard(rows)
    return menu


def is_private(update: Update) -> bool:
    chat = update.effective_chat
    return chat is not None and chat.type == ChatType.PRIVATE


async def answer(update: Update, text: str, **kwargs: Any) -> None:
    """Reply to the message or button press in hand, in the same chat. The sent message
    is not returned (nor built from Telegram's answer): a caller that keeps its id
    sends with `chat.send_message` itself."""
    chat = update.effective_chat
    if chat is None:
        return
    with unread_answer():
        await chat.send_message(text, **kwargs)


async def answer_long(update: Update, text: str, **kwargs: Any) -> None:
    """Like `answer`, for text that may pass Telegram's 4,096 characters: cut at
    paragraphs, the buttons on the last piece."""
    parts = split_message(text) or [text]
    for part in parts[:-1]:
        await answer(update, part)
    await answer(update, parts[-1], **kwargs)


async def answer_query(update: Update, text: str | None = None, *, alert: bool = False) -> None:
    """Acknowledge a button press, so the client stops its spinner.

    Telegram refuses answers to presses older than about 15 seconds (after a
    restart or a backlog), and an answer can time out on a slow network. The
    press itself still counts: the work goes on.
    """
    if update.callback_query is None:
        return
    try:
        await update.callback_query.answer(text, show_alert=alert)
    except BadRequest as exc:
        log.info("update %s: button not acknowledged: %s", update.update_id, exc.message)
    except NetworkError as exc:  # TimedOut among them: the spinner stops by itself
        log.info("update %s: button not acknowledged (%s)", update.update_id, type(exc).__name__)
