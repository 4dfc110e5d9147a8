"""What happens when something fails: log without user text, apologise, go on."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import Forbidden, TimedOut
from telegram.ext import CallbackQueryHandler, MessageHandler, filters

from bot.context import JolContext
from bot.handlers.common import Feature, answer, answer_query
from bot.handlers.start import unknown_command

log = logging.getLogger(__name__)


async def expired_button(update: Update, context: JolContext) -> None:
    """Button data the bot never produced, or from a feature that is gone."""
    await answer_query(update, context.t("button-expired"), alert=True)


async def on_error(update: object, context: JolContext) -> None:
    """Log the failure with the update id only, tell the user, keep polling."""
    error = context.error
    update_id = update.update_id if isinstance(update, Update) else None
    if isinstance(error, Forbidden) and isinstance(update, Update) and update.effective_chat:
        # The person blocked the bot while we were answering: remember, send nothing more.
        chat_id = update.effective_chat.id
        log.info("update %s: chat %s blocked the bot", update_id, chat_id)
        if chat_id > 0:
            services = context.services
            await services.users.mark_blocked(chat_id, services.clock.now())
        return
    if isinstance(error, TimedOut):
        # Telegram did not answer in time. A reply that timed out waiting for its
        # answer has most likely arrived: an apology after it would be a second
        # message about nothing (and one that never went out is not helped by another).
        log.warning("update %s: Telegram timed out (%s)", update_id, type(error).__name__)
        return
    log.error(
        "update %s failed: %s",
        update_id,
        type(error).__name__,
        exc_info=(type(error), error, error.__traceback__) if error else None,
    )
    if isinstance(update, Update) and update.effective_chat is not None:
        try:
            await answer(update, context.t("error-generic"))
        except Exception as exc:  # noqa: BLE001 - reporting must never raise again
            log.warning("update %s: could not send the apology: %s", update_id, type(exc).__name__)


# Last in the list: a button or a command nobody above recognised.
FEATURE = Feature(
    handlers=(
        CallbackQueryHandler(expired_button),
        MessageHandler(filters.ChatType.PRIVATE & filters.COMMAND, unknown_command),
    )
)
