"""🆘: the emergency number at once, the country's hotlines from the knowledge base,
then a priority case with a consultant.

Reached from the menu, /sos, and any message whose words say the person may be at
risk (cases/urgent.py). Nothing is asked before 112 is on the screen.
"""

from __future__ import annotations

import logging

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import CallbackQueryHandler, CommandHandler, filters

from bot.context import JolContext
from bot.handlers.cases import help_line
from bot.handlers.common import Feature, answer, answer_long, answer_query, main_menu
from cases.urgent import Danger, detect
from core import callbacks
from faq.model import Topic
from faq.render import AnswerLabels, render_answer_html

log = logging.getLogger(__name__)

# The knowledge-base answers to show, first found in the person's country.
TOPICS: dict[Danger | None, tuple[str, ...]] = {
    None: ("police-and-emergency",),
    Danger.VIOLENCE: ("domestic-violence", "police-and-emergency"),
    Danger.PASSPORT: ("human-trafficking", "police-and-emergency"),
    Danger.TRAFFICKING: ("human-trafficking", "police-and-emergency"),
    Danger.SUICIDE: ("mental-health-crisis", "emergency-medical", "police-and-emergency"),
}


def hotline_topic(context: JolContext, danger: Danger | None) -> Topic | None:
    for topic_id in TOPICS[danger]:
        topic = context.services.library.topic(context.country, topic_id)
        if topic is not None:
            return topic
    return None


async def sos(update: Update, context: JolContext) -> None:
    """🆘 in the menu and /sos."""
    await answer_query(update)
    await show(update, context, None)


async def show(update: Update, context: JolContext, danger: Danger | None) -> None:
    """112 first; then the hotlines with their sources; then a person, marked urgent."""
    await answer(update, context.t("sos-now"))
    topic = hotline_topic(context, danger)
    if topic is not None:
        labels = AnswerLabels(
            sources_heading=context.t("faq-sources"),
            reviewed_line=context.t("faq-reviewed", date=topic.reviewed.strftime("%d.%m.%Y")),
            disclaimer=context.t("faq-disclaimer"),
        )
        await answer_long(update, render_answer_html(topic, context.lang, labels))
    if context.services.cases.enabled:
        go = callbacks.encode("cs", "go", "1", topic.id if topic else "-")
        menu = callbacks.encode("m", "menu")
        markup = InlineKeyboardMarkup(
            [
                [InlineKeyboardButton(context.t("sos-button-case"), callback_data=go)],
                [InlineKeyboardButton(context.t("case-button-menu"), callback_data=menu)],
            ]
        )
        await answer(update, context.t("sos-offer"), reply_markup=markup)
    else:
        await answer(update, help_line(context), reply_markup=main_menu(context))
    log.info("sos shown (%s)", danger.value if danger else "menu")


async def check_urgent(update: Update, context: JolContext, text: str) -> bool:
    """A question whose words speak of danger gets the SOS answer instead of a search."""
    danger = detect(text)
    if danger is None:
        return False
    await show(update, context, danger)
    return True


FEATURE = Feature(
    handlers=(
        CommandHandler("sos", sos, filters=filters.ChatType.PRIVATE),
        CallbackQueryHandler(sos, pattern=callbacks.pattern("m", "sos")),
    ),
    commands=(("sos", "cmd-sos"),),
)
