"""/start, /help, /menu, /language, the main menu, and what is left over."""

from __future__ import annotations

import html
import logging

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.ext import CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot.context import JolContext
from bot.handlers.common import (
    DeepLinkHandler,
    Feature,
    answer,
    answer_query,
    home_button,
    main_menu,
)
from bot.handlers.common import menu_button as menu_item
from bot.handlers.conversation import leave_current
from core import callbacks
from core.countries import COUNTRIES, OTHER, country_name
from core.languages import LANGUAGES, NATIVE_NAMES

log = logging.getLogger(__name__)

FLAGS = {"lt": "🇱🇹", "lv": "🇱🇻", "kz": "🇰🇿"}

COMMANDS = (
    ("start", "cmd-start"),
    ("help", "cmd-help"),
    ("menu", "cmd-menu"),
    ("language", "cmd-language"),
    ("settings", "cmd-settings"),
    ("cancel", "cmd-cancel"),
)


async def start(update: Update, context: JolContext) -> None:
    """Greet, or open the topic or event a deep link points to."""
    # Starting over leaves whatever question was open (and its keyboard).
    await leave_current(update, context)
    payload = context.args[0] if context.args else ""
    if payload:
        prefix, _, arg = payload.partition("-")
        links: dict[str, DeepLinkHandler] = context.application.bot_data.get("deep_links", {})
        handler = links.get(prefix)
        if handler is not None and arg:
            await handler(update, context, arg)
            return
    if context.user_is_new and context.jol_user and not context.jol_user.language_chosen:
        # First contact: Telegram's guess may be wrong, so offer the picker with the greeting.
        await greet(update, context, new=True)
        await language_picker(update, context)
        return
    await greet(update, context, new=context.user_is_new)


async def greet(update: Update, context: JolContext, *, new: bool) -> None:
    user = update.effective_user
    # A Telegram name is the person's own text: "Anna <3" must not break the HTML.
    name = html.escape(user.first_name if user else "", quote=False)
    key = "start-greeting" if new else "start-greeting-again"
    await answer(update, context.t(key, name=name), reply_markup=main_menu(context))


async def help_command(update: Update, context: JolContext) -> None:
    """List what the bot can do."""
    await answer(update, context.t("help-text"), reply_markup=main_menu(context))


async def menu(update: Update, context: JolContext) -> None:
    """Show the main menu; any open question is left."""
    await answer_query(update)
    await leave_current(update, context)
    await answer(update, context.t("menu-title"), reply_markup=main_menu(context))


async def language_picker(update: Update, context: JolContext) -> None:
    """Each language named in itself, so people find theirs whatever is shown now."""
    rows = [
        [InlineKeyboardButton(NATIVE_NAMES[code], callback_data=callbacks.encode("lang", code))]
        for code in LANGUAGES
    ]
    await answer(update, context.t("language-choose"), reply_markup=InlineKeyboardMarkup(rows))


async def set_language(update: Update, context: JolContext) -> None:
    """Save the language picked on a button; the first time, the country comes next."""
    button = callbacks.parse(update.callback_query.data if update.callback_query else None)
    code = button.action if button else ""
    if code not in LANGUAGES or update.effective_user is None:
        await answer_query(update, context.t("button-expired"), alert=True)
        return
    await answer_query(update)
    await context.services.users.set_language(update.effective_user.id, code)
    context.lang = code
    if context.jol_user is not None and context.jol_user.country is None:
        await answer(update, context.t("language-set"))
        await country_picker(update, context)
        return
    await answer(update, context.t("language-set"), reply_markup=main_menu(context))


def _country_label(context: JolContext, code: str) -> str:
    if code == OTHER:
        return context.t("country-other")
    return f"{FLAGS[code]} {country_name(code, context.lang)}"


async def country_picker(update: Update, context: JolContext) -> None:
    """One tap: the country whose law the answers follow."""
    await answer_query(update)
    rows = [
        [
            InlineKeyboardButton(
                _country_label(context, code), callback_data=callbacks.encode("ct", code)
            )
        ]
        for code in (*COUNTRIES, OTHER)
    ]
    await answer(update, context.t("country-choose"), reply_markup=InlineKeyboardMarkup(rows))


async def set_country(update: Update, context: JolContext) -> None:
    """Save the country picked on a button."""
    button = callbacks.parse(update.callback_query.data if update.callback_query else None)
    code = button.action if button else ""
    if (code not in COUNTRIES and code != OTHER) or update.effective_user is None:
        await answer_query(update, context.t("button-expired"), alert=True)
        return
    await answer_query(update)
    await context.services.users.set_country(update.effective_user.id, code)
    if code == OTHER:
        text = context.t("country-set-other")
    else:
        text = context.t("country-set", country=country_name(code, context.lang))
    await answer(update, text, reply_markup=main_menu(context))


def country_text(context: JolContext) -> str:
    code = context.country
    return context.t("country-other-name") if code == OTHER else country_name(code, context.lang)


async def settings(update: Update, context: JolContext) -> None:
    """/settings: the person's language and country, each one tap to change."""
    keyboard = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    context.t("settings-change-language"),
                    callback_data=callbacks.encode("m", "language"),
                )
            ],
            [
                InlineKeyboardButton(
                    context.t("settings-change-country"),
                    callback_data=callbacks.encode("m", "country"),
                )
            ],
            [
                InlineKeyboardButton(
                    context.t("settings-announcements"),
                    callback_data=callbacks.encode("sub", "list"),
                )
            ],
            [home_button(context)],
        ]
    )
    text = context.t(
        "settings-title",
        language=NATIVE_NAMES.get(context.lang, context.lang),
        country=country_text(context),
    )
    await answer(update, text, reply_markup=keyboard)


async def menu_button(update: Update, context: JolContext) -> None:
    """Menu items handled here; features register their own items before this."""
    button = callbacks.parse(update.callback_query.data if update.callback_query else None)
    item = button.action if button else ""
    await answer_query(update)
    if item == "language":
        await language_picker(update, context)
    elif item == "ask":
        # The person types next; the buttons are the way elsewhere.
        keyboard = InlineKeyboardMarkup([[menu_item(context, "topics"), home_button(context)]])
        await answer(update, context.t("ask-prompt"), reply_markup=keyboard)
    else:
        await answer(update, context.t("feature-coming-soon"), reply_markup=main_menu(context))


async def unknown_command(update: Update, context: JolContext) -> None:
    """A command nobody handles gets the help text."""
    await answer(update, context.t("unknown-command"))
    await help_command(update, context)


async def not_understood(update: Update, context: JolContext) -> None:
    """A sticker, a photo or anything else we have no use for."""
    await answer(update, context.t("not-understood"), reply_markup=main_menu(context))


async def go_private(update: Update, context: JolContext) -> None:
    """In groups: point to a private chat, where questions stay private."""
    link = f"https://t.me/{context.bot.username}?start=group"
    await answer(update, context.t("group-go-private", link=link))


class _AddressedCommand(filters.MessageFilter):
    """A command without @name (meant for every bot) or with this bot's @name."""

    def filter(self, message: Message) -> bool:
        text = message.text or ""
        if not text.startswith("/"):
            return False
        _, at, target = text.split(maxsplit=1)[0].partition("@")
        return not at or target.lower() == (message.get_bot().username or "").lower()


ADDRESSED_COMMAND = _AddressedCommand()


PRIVATE = filters.ChatType.PRIVATE

FEATURE = Feature(
    handlers=(
        CommandHandler("start", start, filters=PRIVATE),
        CommandHandler("help", help_command, filters=PRIVATE),
        CommandHandler("menu", menu, filters=PRIVATE),
        CommandHandler("language", language_picker, filters=PRIVATE),
        CommandHandler("settings", settings, filters=PRIVATE),
        CallbackQueryHandler(set_language, pattern=callbacks.pattern("lang")),
        CallbackQueryHandler(set_country, pattern=callbacks.pattern("ct")),
        CallbackQueryHandler(country_picker, pattern=callbacks.pattern("m", "country")),
        CallbackQueryHandler(menu_button, pattern=callbacks.pattern("m", "language")),
        CallbackQueryHandler(menu_button, pattern=callbacks.pattern("m", "ask")),
        CallbackQueryHandler(menu, pattern=callbacks.pattern("m", "home")),
        # In groups only commands addressed to the bot get an answer.
        MessageHandler(filters.ChatType.GROUPS & ADDRESSED_COMMAND, go_private),
    ),
    # Anything that is not text and no conversation took (stickers, photos).
    leftovers=(MessageHandler(PRIVATE & ~filters.TEXT, not_understood),),
    commands=COMMANDS,
)
