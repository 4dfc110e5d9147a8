"""Typed answers go to the question the bot asked last; /cancel and ✖️ leave any question.

Every multi-step flow keeps its state in `core.conversations` (the database),
so this module is the one place that routes a person's message to the flow
they are in, and the one way out of all of them.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping

from telegram import InlineKeyboardButton, ReplyKeyboardRemove, Update
from telegram.ext import (
    ApplicationHandlerStop,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    filters,
)

from bot.context import JolContext
from bot.handlers.common import Feature, Flow, Handler, answer, answer_query, main_menu
from core import callbacks
from core.conversations import Conversation

log = logging.getLogger(__name__)

PREFIX = "cv"


def cancel_button(context: JolContext, kind: str) -> InlineKeyboardButton:
    """The ✖️ Cancel button under every question the bot asks."""
    return InlineKeyboardButton(
        context.t("conversation-button-cancel"),
        callback_data=callbacks.encode(PREFIX, "x", kind),
    )


def _flows(context: JolContext) -> Mapping[str, Flow]:
    flows: Mapping[str, Flow] = context.application.bot_data["flows"]
    return flows


async def leave(update: Update, context: JolContext, conv: Conversation, *, quiet: bool) -> None:
    """End the conversation; take away its reply keyboard; say so unless `quiet`."""
    services = context.services
    await services.conversations.end(conv.user_id, conv.kind)
    flow = _flows(context).get(conv.kind)
    keyboard_open = bool(conv.payload.get("reply_keyboard"))
    if quiet and not keyboard_open:
        return
    key = flow.cancelled if flow is not None else "conversation-cancelled"
    # A reply keyboard can only be removed by a message that says so.
    await answer(update, context.t(key), reply_markup=ReplyKeyboardRemove())
    log.info("user %s left %s at %s", conv.user_id, conv.kind, conv.step)


async def leave_current(update: Update, context: JolContext) -> bool:
    """/menu and /start: whatever question was open is left (quietly, keyboard removed)."""
    user = update.effective_user
    if user is None:
        return False
    conv = await context.services.conversations.current(user.id)
    if conv is None:
        return False
    await leave(update, context, conv, quiet=True)
    return True


async def cancel_command(update: Update, context: JolContext) -> None:
    """/cancel: leave the question the bot asked last."""
    user = update.effective_user
    if user is None:
        return
    conv = await context.services.conversations.current(user.id)
    if conv is None:
        await answer(update, context.t("conversation-nothing-to-cancel"))
        await answer(update, context.t("menu-title"), reply_markup=main_menu(context))
        return
    await leave(update, context, conv, quiet=False)
    await answer(update, context.t("menu-title"), reply_markup=main_menu(context))


async def cancel_tap(update: Update, context: JolContext) -> None:
    """cv:v1:x:<kind>: the ✖️ under a question."""
    button = callbacks.parse(update.callback_query.data if update.callback_query else None)
    user = update.effective_user
    kind = button.args[0] if button and button.args else ""
    if user is None or kind not in _flows(context):
        await answer_query(update, context.t("button-expired"), alert=True)
        return
    conv = await context.services.conversations.get(user.id, kind)
    if conv is None:
        await answer_query(update, context.t("conversation-already-closed"))
        return
    await answer_query(update)
    await leave(update, context, conv, quiet=False)
    await answer(update, context.t("menu-title"), reply_markup=main_menu(context))


def router(flows: Mapping[str, Flow]) -> Handler:
    """Group 1: a message from someone in a conversation goes to that conversation's flow."""

    async def route(update: Update, context: JolContext) -> None:
        user = update.effective_user
        if user is None:
            return
        conv = await context.services.conversations.current(user.id)
        flow = flows.get(conv.kind) if conv is not None else None
        if conv is None or flow is None:
            return
        if await flow.on_message(update, context, conv):
            raise ApplicationHandlerStop

    return MessageHandler(filters.ChatType.PRIVATE & ~filters.COMMAND, route)


FEATURE = Feature(
    handlers=(
        CommandHandler("cancel", cancel_command, filters=filters.ChatType.PRIVATE),
        CallbackQueryHandler(cancel_tap, pattern=callbacks.pattern(PREFIX, "x")),
    ),
)
