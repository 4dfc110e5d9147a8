"""/privacy, /mydata and /forget: the person's data."""

from __future__ import annotations

import logging

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import CallbackQueryHandler, CommandHandler, filters

from bot.context import JolContext
from bot.handlers.common import Feature, answer, answer_query, home_button, main_menu
from bot.handlers.start import country_text
from core import callbacks
from core.languages import NATIVE_NAMES

log = logging.getLogger(__name__)


def _date(value: object) -> str:
    return value.strftime("%d.%m.%Y") if hasattr(value, "strftime") else "—"


def _home(context: JolContext) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[home_button(context)]])


async def privacy(update: Update, context: JolContext) -> None:
    """The privacy summary."""
    await answer_query(update)
    settings = context.services.settings
    text = context.t("privacy-summary", days=settings.data_retention_days)
    if context.services.cases.enabled:
        text += "\n" + context.t("case-privacy-summary", days=settings.case_retention_days)
    await answer(update, text, reply_markup=main_menu(context))


async def mydata(update: Update, context: JolContext) -> None:
    """Everything we keep about the person, in their language."""
    user = context.jol_user
    if user is None or context.user_is_new:
        # Nothing was kept before this message (a first contact, or the first one after
        # /forget): the record it just made is not kept either, so the next contact is
        # still a first contact.
        if user is not None:
            await context.services.users.delete(user.id)
        await answer(update, context.t("privacy-mydata-none"), reply_markup=_home(context))
        return
    lines = [
        context.t("privacy-mydata-title"),
        context.t(
            "privacy-mydata-user",
            id=str(user.id),
            language=NATIVE_NAMES.get(user.language, user.language),
            first_seen=_date(user.first_seen),
            last_seen=_date(user.last_seen),
        ),
    ]
    lines.append(context.t("privacy-mydata-country", country=country_text(context)))
    if user.consented_at is not None:
        lines.append(context.t("privacy-mydata-consent", when=_date(user.consented_at)))
    for provider in context.services.personal_data:
        lines.extend(await provider.describe(user.id, context.lang))
    await answer(update, "\n\n".join(lines), reply_markup=_home(context))


async def forget(update: Update, context: JolContext) -> None:
    """Ask before erasing: one stray tap must not wipe someone's registrations."""
    keyboard = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    context.t("privacy-forget-yes"), callback_data=callbacks.encode("pv", "erase")
                ),
                InlineKeyboardButton(
                    context.t("privacy-forget-no"), callback_data=callbacks.encode("pv", "keep")
                ),
            ]
        ]
    )
    await answer(update, context.t("privacy-forget-confirm"), reply_markup=keyboard)


async def forget_answer(update: Update, context: JolContext) -> None:
    """Erase everything on Yes; nothing on No."""
    button = callbacks.parse(update.callback_query.data if update.callback_query else None)
    user = update.effective_user
    await answer_query(update)
    if button is None or user is None:
        return
    if button.action != "erase":
        await answer(update, context.t("privacy-forget-kept"), reply_markup=_home(context))
        return
    for provider in context.services.personal_data:
        await provider.erase(user.id)
    await context.services.users.delete(user.id)
    await context.services.db.checkpoint()
    log.info("user %s erased their data", user.id)
    await answer(update, context.t("privacy-forgotten"))


PRIVATE = filters.ChatType.PRIVATE

FEATURE = Feature(
    handlers=(
        CommandHandler("privacy", privacy, filters=PRIVATE),
        CommandHandler("mydata", mydata, filters=PRIVATE),
        CommandHandler("forget", forget, filters=PRIVATE),
        CallbackQueryHandler(privacy, pattern=callbacks.pattern("m", "privacy")),
        CallbackQueryHandler(forget_answer, pattern=callbacks.pattern("pv")),
    ),
    commands=(("privacy", "cmd-privacy"),),
)
