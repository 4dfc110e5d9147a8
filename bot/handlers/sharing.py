"""The Share button under event cards and answers: one mechanism for both.

A button opens Telegram's share sheet with a deep link (core.deeplinks) that brings
the recipient back to the same card or answer in the bot.
"""

from __future__ import annotations

from telegram import InlineKeyboardButton

from bot.context import JolContext
from core.deeplinks import share_url


def share_button(context: JolContext, payload: str, text: str) -> InlineKeyboardButton | None:
    """📤 Share, or None where the bot has no username to link to (nothing to share)."""
    username = context.services.bot_username
    if not username:
        return None
    return InlineKeyboardButton(context.t("share-button"), url=share_url(username, payload, text))
