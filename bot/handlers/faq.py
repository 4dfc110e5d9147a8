"""Questions in free text, topic browsing, answers, feedback; /unanswered and /reload."""

from __future__ import annotations

import asyncio
import html
import logging
from collections.abc import Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import BadRequest
from telegram.ext import (
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    filters,
)

from bot import heap
from bot.context import JolContext
from bot.handlers import sos
from bot.handlers.common import (
    Feature,
    answer,
    answer_query,
    home_button,
    main_menu,
    menu_button,
)
from bot.handlers.sharing import share_button
from core import callbacks
from core.countries import OTHER, country_name
from core.i18n import Translator
from faq import links
from faq.journal import Journal
from faq.library import Library
from faq.model import CATEGORIES, Topic
from faq.render import AnswerLabels, render_answer_html, split_message
from faq.search import Hit

log = logging.getLogger(__name__)

# Long messages are still questions, but only their beginning says what they are about.
SEARCH_CHARS = 1000


def _library(context: JolContext) -> Library:
    return context.services.library


def _journal(context: JolContext) -> Journal:
    return context.services.journal


def labels(context: JolContext, topic: Topic) -> AnswerLabels:
    return AnswerLabels(
        sources_heading=context.t("faq-sources"),
        reviewed_line=context.t("faq-reviewed", date=topic.reviewed.strftime("%d.%m.%Y")),
        disclaimer=context.t("faq-disclaimer"),
    )


def topic_data(action: str, country: str, topic: Topic) -> str:
    """fq:v1:<t|up|down>:<country>:<id>: ids repeat across countries, so both travel.

    `country` is the view the topic was found in (a shared topic answers several).
    """
    return callbacks.encode("fq", action, country, topic.id)


def share_row(context: JolContext, country: str, topic: Topic) -> list[InlineKeyboardButton]:
    """📤 Share: a deep link to this answer as shown for `country` (faq.links)."""
    payload = links.encode(country, topic.id)
    share = share_button(context, payload, _title(topic, context.lang)) if payload else None
    return [share] if share is not None else []


def feedback_keyboard(context: JolContext, country: str, topic: Topic) -> InlineKeyboardMarkup:
    rows = [
        [
            InlineKeyboardButton("👍", callback_data=topic_data("up", country, topic)),
            InlineKeyboardButton("👎", callback_data=topic_data("down", country, topic)),
        ],
        [menu_button(context, "topics"), human_button(context, country, topic)],
    ]
    share = share_row(context, country, topic)
    if share:
        rows.append(share)
    return InlineKeyboardMarkup(rows)


def human_button(
    context: JolContext, country: str | None = None, topic: Topic | None = None
) -> InlineKeyboardButton:
    """🙋 Talk to a person, naming the answer the person came from (staff see it)."""
    args = (country, topic.id) if country and topic else ()
    return InlineKeyboardButton(
        context.t("faq-ask-human"), callback_data=callbacks.encode("hm", "ask", *args)
    )


async def send_topic(
    update: Update, context: JolContext, topic: Topic, country: str | None = None
) -> None:
    """The answer in the user's language, split for Telegram, feedback on the last part."""
    text = render_answer_html(topic, context.lang, labels(context, topic))
    parts = split_message(text)
    for part in parts[:-1]:
        await answer(update, part)
    await answer(
        update,
        parts[-1] + "\n\n" + context.t("faq-helpful-question"),
        reply_markup=feedback_keyboard(context, country or context.country, topic),
    )


def _title(topic: Topic, lang: str) -> str:
    return topic.text(lang).title


def not_sure_keyboard(context: JolContext, hits: Sequence[Hit]) -> InlineKeyboardMarkup:
    """The way on when Jol is not sure: up to three topics, the topic menu and a person.

    The one place this keyboard is built (the consultants' "talk to a person" goes here).
    """
    library = _library(context)
    rows = []
    for hit in hits[:3]:
        topic = library.topic(hit)
        if topic is not None:
            rows.append(
                [
                    InlineKeyboardButton(
                        _title(topic, context.lang),
                        callback_data=topic_data("t", hit.country, topic),
                    )
                ]
            )
    rows.append([menu_button(context, "topics")])
    rows.append([human_button(context)])
    return InlineKeyboardMarkup(rows)


def _has_letters(text: str) -> bool:
    return any(ch.isalpha() for ch in text)


async def on_question(update: Update, context: JolContext) -> None:
    """Any free text in a private chat is a question, answered from the person's country."""
    message = update.effective_message
    if message is None or not message.text:
        return
    text = message.text.strip()
    if not any(ch.isalnum() for ch in text):
        await answer(update, context.t("faq-empty-question"), reply_markup=topics_keyboard(context))
        return
    if not _has_letters(text):
        # Only digits: a phone number, a case number. Not searched, not kept.
        await answer(update, context.t("faq-numbers-only"), reply_markup=topics_keyboard(context))
        return
    if await sos.check_urgent(update, context, text[:SEARCH_CHARS]):
        return
    library = _library(context)
    # The meaning model takes a few tens of milliseconds of CPU: off the event loop.
    result = await asyncio.to_thread(
        library.ask, text[:SEARCH_CHARS], context.lang, context.country
    )
    if result.small_talk is not None:
        await answer(
            update, context.t(f"faq-smalltalk-{result.small_talk}"), reply_markup=main_menu(context)
        )
        return
    best = library.topic(result.best) if result.confident and result.best else None
    if best is not None:
        if result.named_country:
            # Asked about another country: say whose law this is before the answer.
            name = country_name(result.named_country, context.lang)
            await answer(update, context.t("faq-answer-for-country", country=name))
        await send_topic(update, context, best, result.best.country if result.best else None)
        return
    services = context.services
    asker = update.effective_user.id if update.effective_user else None
    await _journal(context).record_unanswered(text, context.lang, services.clock.now(), asker=asker)
    if result.several_countries:
        key, args = "faq-two-countries", {}
    elif result.no_country_info:
        contact = html.escape(services.settings.help_contact.strip()) or "/human"
        key, args = "faq-no-country-info", {"contact": contact}
    else:
        key, args = "faq-not-sure", {}
    await answer(
        update, context.t(key, **args), reply_markup=not_sure_keyboard(context, result.hits)
    )


def _category_buttons(context: JolContext) -> list[InlineKeyboardButton]:
    kb = _library(context).kb.view(context.country)
    return [
        InlineKeyboardButton(
            context.t(f"faq-category-{category}"),
            callback_data=callbacks.encode("fq", "c", category),
        )
        for category in CATEGORIES
        if kb.topics_in(category)
    ]


def topics_keyboard(context: JolContext) -> InlineKeyboardMarkup:
    """The categories two a row, then the way back to the menu. Never empty: a country
    without topics of its own still gets a way on (Telegram refuses an empty keyboard)."""
    buttons = _category_buttons(context)
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    if not buttons:
        # One a row: "talk to a person" is long in Kazakh and Lithuanian.
        rows.extend([[menu_button(context, "country")], [human_button(context)]])
    rows.append([home_button(context)])
    return InlineKeyboardMarkup(rows)


def topics_title(context: JolContext) -> str:
    """ "Choose a topic", or, where the person's country has none, what they can do."""
    return context.t("faq-topics-title" if _category_buttons(context) else "person-topics-none")


async def _show(update: Update, text: str, markup: InlineKeyboardMarkup) -> None:
    """Browse in place: edit the menu message when a button was pressed."""
    query = update.callback_query
    if query is not None and query.message is not None:
        try:
            await query.edit_message_text(text, reply_markup=markup)
            return
        except BadRequest as exc:
            if "not modified" in str(exc):
                return
            log.info("could not edit the topics menu: %s", exc.message)
    await answer(update, text, reply_markup=markup)


async def topics(update: Update, context: JolContext) -> None:
    """/topics and the Topics button: the categories, in a message of their own (a Topics
    button under an answer leaves the answer where it is)."""
    await answer_query(update)
    await answer(update, topics_title(context), reply_markup=topics_keyboard(context))


def _topic_of(context: JolContext, args: tuple[str, ...]) -> tuple[str, Topic | None]:
    """`<country>:<id>`, or an older button's `<id>` (the person's country)."""
    country, topic_id = (args[0], args[1]) if len(args) > 1 else (context.country, args[0])
    return country, _library(context).topic(country, topic_id)


async def on_button(update: Update, context: JolContext) -> None:
    """Category, topic, back and feedback buttons (all checked against the content)."""
    button = callbacks.parse(update.callback_query.data if update.callback_query else None)
    kb = _library(context).kb.view(context.country)
    if button is None or not button.args:
        await answer_query(update, context.t("button-expired"), alert=True)
        return
    arg = button.args[0]
    country, topic = (
        _topic_of(context, button.args) if button.action in ("t", "up", "down") else ("", None)
    )
    if button.action == "c" and kb.topics_in(arg):
        await answer_query(update)
        rows = [
            [
                InlineKeyboardButton(
                    _title(t, context.lang), callback_data=topic_data("t", context.country, t)
                )
            ]
            for t in kb.topics_in(arg)
        ]
        rows.append(
            [
                InlineKeyboardButton(
                    context.t("faq-back"), callback_data=callbacks.encode("fq", "c", "all")
                )
            ]
        )
        await _show(update, context.t(f"faq-category-{arg}"), InlineKeyboardMarkup(rows))
    elif button.action == "c" and arg == "all":
        # Back from a category: the topic menu again, in place.
        await answer_query(update)
        await _show(update, topics_title(context), topics_keyboard(context))
    elif button.action == "t" and topic is not None:
        await answer_query(update)
        if not topic.answers(context.country):
            # Another country's answer (a shared link, a hit of another country): say so.
            await answer(update, _for_country(context, country))
        await send_topic(update, context, topic, country)
    elif button.action in ("up", "down") and topic is not None:
        await answer_query(update, context.t("faq-thanks-feedback"))
        services = context.services
        # One vote per answer per person: a replayed or second tap replaces it.
        voter = update.effective_user.id if update.effective_user else None
        await _journal(context).record_feedback(
            topic.id,
            context.lang,
            button.action == "up",
            services.clock.now(),
            voter=voter,
            country=country,
        )
        # One vote per answer shown: the buttons go away once pressed.
        query = update.callback_query
        if query is not None and query.message is not None:
            try:
                row = [menu_button(context, "topics")]
                if button.action == "down":
                    # Not helped: a person is one tap away.
                    row.append(human_button(context, country, topic))
                rows = [row, share_row(context, country, topic)]
                await query.edit_message_reply_markup(InlineKeyboardMarkup([r for r in rows if r]))
            except BadRequest as exc:
                log.info("could not remove feedback buttons: %s", exc.message)
    else:
        await answer_query(update, context.t("faq-topic-not-found"), alert=True)


def _country_name(context: JolContext, code: str) -> str:
    return context.t("country-other-name") if code == OTHER else country_name(code, context.lang)


def _for_country(context: JolContext, country: str) -> str:
    return context.t(
        "person-shared-for-country",
        country=_country_name(context, country),
        yours=_country_name(context, context.country),
    )


async def deep_link(update: Update, context: JolContext, argument: str) -> None:
    """?start=topic-<country>_<id> (a shared answer) or topic-<id> (a poster): the answer
    in the reader's language, for the reader's country where it has one, else the shared
    country's, said honestly."""
    link = links.parse(argument)
    library = _library(context)
    chosen = context.jol_user.country if context.jol_user is not None else None
    if chosen is None and link is not None and link.country is not None:
        # Someone who has not said where they live (a first contact): the answer as
        # shared, named, and one tap to tell their country.
        original = library.topic(link.country, link.topic_id)
        if original is not None:
            name = _country_name(context, link.country)
            keyboard = InlineKeyboardMarkup([[menu_button(context, "country")]])
            await answer(
                update,
                context.t("person-shared-choose-country", country=name),
                reply_markup=keyboard,
            )
            await send_topic(update, context, original, link.country)
            return
    mine = context.country
    own = library.topic(mine, link.topic_id) if link is not None else None
    shared = link.country if link is not None and link.country is not None else mine
    original = library.topic(shared, link.topic_id) if link is not None else None
    if own is None and original is None:
        # A poster's older link names a topic that went; anything else is no link of ours.
        old = link is not None and link.country is None
        key = "faq-topic-not-found" if old else "person-shared-bad-link"
        await answer(update, context.t(key), reply_markup=topics_keyboard(context))
        return
    if own is None and original is not None:
        await answer(update, _for_country(context, shared))
        await send_topic(update, context, original, shared)
        return
    assert own is not None
    if shared != mine and original is not None and original is not own:
        text = context.t(
            "person-shared-your-version",
            shared=_country_name(context, shared),
            country=_country_name(context, mine),
        )
        label = context.t("person-shared-button-original", country=_country_name(context, shared))
        button = InlineKeyboardButton(label, callback_data=topic_data("t", shared, original))
        await answer(update, text, reply_markup=InlineKeyboardMarkup([[button]]))
    await send_topic(update, context, own, mine)


async def unanswered_command(update: Update, context: JolContext) -> None:
    """Organizers: the most frequent questions without a confident answer, and feedback."""
    if not context.is_admin:
        await answer(update, context.t("faq-admin-only"))
        return
    journal = _journal(context)
    top = await journal.top_unanswered(20)
    lines = [context.t("faq-unanswered-title")]
    if not top:
        lines.append(context.t("faq-unanswered-none"))
    for item in top:
        lines.append(f"{item.count} × {html.escape(item.text[:200])}")
    counts = await journal.feedback_counts()
    if counts:
        lines.append("")
        lines.append(context.t("faq-feedback-title"))
        for row in counts[:20]:
            lines.append(f"{html.escape(row.topic_id)}: 👍 {row.helpful} 👎 {row.not_helpful}")
    for part in split_message("\n".join(lines)):
        await answer(update, part)


def expiry_notice(t: Translator, lang: str, library: Library) -> str | None:
    """Facts past or near their `valid_until`, for organizers (None when there are none)."""
    if not library.warnings:
        return None
    folder = f"{library.path}/"
    shown = "\n".join(html.escape(str(w).removeprefix(folder)) for w in library.warnings[:20])
    text = t(lang, "faq-expiring", count=len(library.warnings)) + "\n<pre>" + shown + "</pre>"
    return split_message(text)[0]


async def reload_command(update: Update, context: JolContext) -> None:
    """Organizers: load edited content; on any problem the old content stays live."""
    if not context.is_admin:
        await answer(update, context.t("faq-admin-only"))
        return
    library = _library(context)
    # Validating and indexing takes a moment: keep the bot answering meanwhile.
    problems = await asyncio.to_thread(library.reload)
    if problems:
        # Organizers know their files by name, not by the server's folder.
        folder = f"{library.path}/"
        shown = "\n".join(html.escape(str(p).removeprefix(folder)) for p in problems[:20])
        text = context.t("faq-reload-failed", count=len(problems)) + "\n<pre>" + shown + "</pre>"
        await answer(update, split_message(text)[0])
        return
    # The old index is garbage now; start-up froze it out of the collector's sight.
    heap.resettle()
    await answer(update, context.t("faq-reload-done", count=len(library.kb)))
    notice = expiry_notice(context.services.t, context.lang, library)
    if notice is not None:
        await answer(update, notice)


PRIVATE = filters.ChatType.PRIVATE

FEATURE = Feature(
    handlers=(
        CommandHandler("topics", topics, filters=PRIVATE),
        CommandHandler("unanswered", unanswered_command, filters=PRIVATE),
        CommandHandler("reload", reload_command, filters=PRIVATE),
        CallbackQueryHandler(topics, pattern=callbacks.pattern("m", "topics")),
        CallbackQueryHandler(on_button, pattern=callbacks.pattern("fq")),
    ),
    # Any free text nobody else took is a question.
    leftovers=(MessageHandler(PRIVATE & filters.TEXT & ~filters.COMMAND, on_question),),
    commands=(("topics", "cmd-topics"),),
    deep_links={"topic": deep_link},
    organizer_commands=(("unanswered", "cmd-unanswered"), ("reload", "cmd-reload")),
)
