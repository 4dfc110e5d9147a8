"""A person's side of consultant cases: /human, the first question, relaying, leaving, rating.

With a staff group (STAFF_CHAT_ID) a question becomes a case whose messages go
to a forum topic there and whose answers come back here under the
organisation's name. Without one, /human gives the help contact and says
honestly whether anyone was told.
"""

from __future__ import annotations

import html
import logging
from datetime import timedelta

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.error import TelegramError
from telegram.ext import (
    ApplicationHandlerStop,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    filters,
)

from bot.context import JolContext
from bot.handlers.common import Feature, Flow, answer, answer_query, main_menu
from bot.handlers.conversation import cancel_button
from bot.staff_desk import StaffUnreachable, topic_link
from cases import Case, Source, split_plain
from cases.service import PART_CHARS
from cases.urgent import detect
from core import callbacks
from core.conversations import Conversation
from core.countries import country_name
from core.languages import NATIVE_NAMES
from scheduler.content import Button

log = logging.getLogger(__name__)

PREFIX = "cs"
KIND = "case"
PRIVATE = filters.ChatType.PRIVATE
# Writing a question down can take a while; after a day the prompt is forgotten.
PROMPT_TTL = timedelta(hours=24)


# ----- what the person sent, as a relay ----------------------------------------------


def source_of(message: Message) -> Source | None:
    """Text as HTML parts; anything else (photo, document, voice…) copied as it is."""
    if message.text is not None:
        if len(message.text) <= PART_CHARS:
            return Source(message.chat_id, message.message_id, (message.text_html,))
        parts = tuple(html.escape(p) for p in split_plain(message.text))
        return Source(message.chat_id, message.message_id, parts)
    if message.effective_attachment is not None or message.caption is not None:
        return Source(message.chat_id, message.message_id, None)
    return None


def _leave_markup(context: JolContext, case: Case) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    context.t("case-button-leave"),
                    callback_data=callbacks.encode(PREFIX, "leave", str(case.id)),
                ),
                InlineKeyboardButton(
                    context.t("case-button-menu"), callback_data=callbacks.encode("m", "menu")
                ),
            ]
        ]
    )


def when_text(context: JolContext) -> str:
    """An honest expectation: office hours, the next opening, or no promise at all."""
    settings = context.services.settings
    hours = settings.office_hours
    now = context.services.clock.now()
    if not hours.published:
        return context.t("case-when-unknown", hours=int(settings.case_first_response_hours))
    if hours.is_open(now):
        return context.t("case-when-open", hours=int(settings.case_first_response_hours))
    opening = hours.next_opening(now)
    assert opening is not None
    local = opening.astimezone(settings.zone)
    return context.t("case-when-closed", opening=local.strftime("%d.%m %H:%M"))


def help_line(context: JolContext) -> str:
    contact = context.services.settings.help_contact.strip()
    if contact:
        return context.t("case-help-contact", contact=html.escape(contact))
    return context.t("case-help-112")


# ----- opening a case ----------------------------------------------------------------


async def human(update: Update, context: JolContext) -> None:
    """/human, 🙋 under answers and suggestions, 👤 in the menu: a way to a person."""
    user = update.effective_user
    if user is None:
        return
    await answer_query(update)
    services = context.services
    if not services.cases.enabled:
        await _without_staff(update, context)
        return
    case = await services.cases.open_case(user.id)
    if case is not None:
        await answer(
            update,
            context.t("case-already-open", case=case.id),
            reply_markup=_leave_markup(context, case),
        )
        return
    topic = _topic_from_button(update, context)
    if not await services.cases.notice_seen(user.id):
        await _notice(update, context, topic, priority=False)
        return
    await ask_first(update, context, topic=topic, priority=False)


def _topic_from_button(update: Update, context: JolContext) -> str | None:
    """hm:v1:ask:<country>:<topic> names the answer the person came from; check it."""
    query = update.callback_query
    button = callbacks.parse(query.data if query else None)
    if button is None or len(button.args) < 2:
        return None
    country, topic_id = button.args[0], button.args[1]
    return topic_id if context.services.library.topic(country, topic_id) is not None else None


async def _notice(
    update: Update, context: JolContext, topic: str | None, *, priority: bool
) -> None:
    settings = context.services.settings
    go = callbacks.encode(PREFIX, "go", "1" if priority else "0", topic or "-")
    markup = InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(context.t("case-notice-ok"), callback_data=go)],
            [cancel_button(context, KIND)],
        ]
    )
    org = html.escape(settings.org_name.strip()) or context.t("case-staff-name")
    await answer(
        update,
        context.t("case-notice", org=org, days=settings.case_retention_days),
        reply_markup=markup,
    )


async def go(update: Update, context: JolContext) -> None:
    """cs:v1:go:<priority>:<topic>: the notice was read; ask for the question."""
    user = update.effective_user
    button = callbacks.parse(update.callback_query.data if update.callback_query else None)
    if user is None or button is None or len(button.args) < 2:
        await answer_query(update, context.t("button-expired"), alert=True)
        return
    await answer_query(update)
    if not context.services.cases.enabled:
        await _without_staff(update, context)
        return
    await context.services.cases.mark_notice(user.id)
    topic = button.args[1] if button.args[1] != "-" else None
    if topic is not None and context.services.library.topic(context.country, topic) is None:
        topic = None
    await ask_first(update, context, topic=topic, priority=button.args[0] == "1")


async def ask_first(
    update: Update, context: JolContext, *, topic: str | None, priority: bool
) -> None:
    user = update.effective_user
    assert user is not None
    await context.services.conversations.save(
        user.id, KIND, "first", {"topic": topic, "priority": priority}, ttl=PROMPT_TTL
    )
    key = "case-prompt-priority" if priority else "case-prompt"
    await answer(
        update, context.t(key), reply_markup=InlineKeyboardMarkup([[cancel_button(context, KIND)]])
    )


async def on_first(update: Update, context: JolContext, conv: Conversation) -> bool:
    """The question itself: the case opens, the message goes to its topic."""
    message = update.effective_message
    if message is None:
        return False
    source = source_of(message)
    if source is None:
        await answer(update, context.t("case-unsupported"))
        return True
    services = context.services
    await services.conversations.end(conv.user_id, KIND)
    priority = bool(conv.payload.get("priority")) or (
        message.text is not None and detect(message.text) is not None
    )
    case = await open_case(
        update, context, topic=conv.payload.get("topic"), priority=priority, source=source
    )
    if case is None:
        return True
    await answer(
        update,
        context.t("case-received", case=case.id, when=when_text(context)),
        reply_markup=_leave_markup(context, case),
    )
    return True


async def open_case(
    update: Update,
    context: JolContext,
    *,
    topic: str | None,
    priority: bool,
    source: Source | None,
) -> Case | None:
    """Open (or find) the person's case, make its topic, relay `source`; None if refused."""
    user = update.effective_user
    assert user is not None
    services = context.services
    case, created = await services.cases.open(
        user.id, lang=context.lang, country=context.country, kb_topic=topic, priority=priority
    )
    desk = services.staff_desk
    assert desk is not None
    try:
        # The topic first, so the question goes straight into it.
        await desk.ensure_topic(case)
    except StaffUnreachable:
        if source is not None:
            await services.cases.from_person(case, source)
        await staff_unreachable(update, context)
        return None
    if source is not None:
        case = await services.cases.from_person(case, source)
    if priority and (created or not case.priority):
        await alert_protection(context, case)
    return case


async def staff_unreachable(update: Update, context: JolContext) -> None:
    """The staff group refuses the bot: the person is told so, the organizers too."""
    await answer(update, context.t("case-staff-unreachable") + "\n" + help_line(context))
    await tell_organizers_unreachable(context)


async def tell_organizers_unreachable(context: JolContext) -> None:
    services = context.services
    day = services.clock.now().strftime("%Y-%m-%d")
    for admin_id in services.settings.admin_ids:
        admin = await services.users.get(admin_id)
        lang = admin.language if admin is not None else services.settings.default_locale
        await services.outbox.schedule(
            key=f"staff-unreachable:{admin_id}:{day}",
            chat_id=admin_id,
            due=services.clock.now(),
            text=services.t(lang, "staff-unreachable-organizer"),
            kind="staff-alert",
        )


async def alert_protection(context: JolContext, case: Case) -> None:
    """A 🔴 case: the protection contacts hear of it at once, in their own language."""
    services = context.services
    settings = services.settings
    if settings.staff_chat_id is None:
        return
    link = topic_link(settings.staff_chat_id, (await services.cases.get(case.id) or case).thread_id)
    for person_id in settings.protection_ids:
        person = await services.users.get(person_id)
        lang = person.language if person is not None else settings.default_locale
        await services.outbox.schedule(
            key=f"case:{case.id}:protection:{person_id}",
            chat_id=person_id,
            due=services.clock.now(),
            text=services.t(
                lang,
                "staff-priority-alert",
                case=case.id,
                language=NATIVE_NAMES.get(case.lang, case.lang),
                country=country_name(case.country, lang),
                link=link,
            ),
            kind="case-alert",
        )
    log.info(
        "case %s: priority, %s protection contacts told", case.id, len(settings.protection_ids)
    )


async def _without_staff(update: Update, context: JolContext) -> None:
    """No staff group: the help contact, organizers told, and no promise not kept."""
    services = context.services
    user = update.effective_user
    assert user is not None
    notified = services.human_notices.recent(user.id)
    if not notified:
        for admin_id in services.settings.admin_ids:
            admin = await services.users.get(admin_id)
            lang = admin.language if admin is not None else services.settings.default_locale
            text = services.t(
                lang,
                "human-admin-request",
                id=str(user.id),
                language=NATIVE_NAMES.get(context.lang, context.lang),
            )
            try:
                await context.bot.send_message(admin_id, text)
                notified = True
            except TelegramError as exc:
                log.warning("could not tell organizer %s: %s", admin_id, type(exc).__name__)
        if notified:
            services.human_notices.mark(user.id)
    contact = services.settings.help_contact.strip()
    if notified:
        key = "human-notified-contact" if contact else "human-notified"
    else:
        key = "human-nobody-contact" if contact else "human-nobody"
    await answer(
        update, context.t(key, contact=html.escape(contact)), reply_markup=main_menu(context)
    )


# ----- while a case is open ----------------------------------------------------------


async def relay(update: Update, context: JolContext) -> None:
    """Before the knowledge base: what a person with a case sends goes to it."""
    user = update.effective_user
    message = update.effective_message
    services = context.services
    if user is None or message is None or not services.cases.enabled:
        return
    case = await services.cases.current(user.id)
    if case is None:
        return
    source = source_of(message)
    if source is None:
        return
    reopened = not case.is_open
    danger = detect(message.text or message.caption or "")
    case = await services.cases.from_person(case, source)
    desk = services.staff_desk
    assert desk is not None
    if danger is not None and not case.priority:
        await services.cases.raise_priority(case.id)
        case = await services.cases.get(case.id) or case
        await desk.mark_priority(case)
        await alert_protection(context, case)
    if danger is not None:
        await answer(update, context.t("sos-now"))
    try:
        await desk.ensure_topic(case)
    except StaffUnreachable:
        await staff_unreachable(update, context)
        raise ApplicationHandlerStop from None
    if reopened:
        await desk.set_closed(case, closed=False)
        await services.cases.note_to_topic(
            case.id, f"reopened:{source.message_id}", desk.say("staff-reopened", case=case.id)
        )
        await answer(
            update,
            context.t("case-reopened", case=case.id, when=when_text(context)),
            reply_markup=_leave_markup(context, case),
        )
    elif services.case_receipts.recent(case.id) is False:
        services.case_receipts.mark(case.id)
        await answer(update, context.t("case-added", case=case.id))
    raise ApplicationHandlerStop


async def leave_case(update: Update, context: JolContext) -> None:
    """cs:v1:leave:<case>: the person ends the conversation with one tap."""
    user = update.effective_user
    button = callbacks.parse(update.callback_query.data if update.callback_query else None)
    services = context.services
    case_id = _int(button.args[0]) if button and button.args else None
    case = await services.cases.get(case_id) if case_id is not None else None
    if user is None or case is None or case.user_id != user.id:
        await answer_query(update, context.t("button-expired"), alert=True)
        return
    closed = await services.cases.close(case.id, by="person")
    await answer_query(update)
    if closed is not None and services.staff_desk is not None:
        desk = services.staff_desk
        await services.cases.note_to_topic(case.id, "left", desk.say("staff-person-left"))
        await desk.set_closed(closed, closed=True)
    await answer(update, context.t("case-left", case=case.id), reply_markup=main_menu(context))


async def rate(update: Update, context: JolContext) -> None:
    """cs:v1:rate:<case>:<1-5> after the consultant closed the case."""
    user = update.effective_user
    query = update.callback_query
    button = callbacks.parse(query.data if query else None)
    services = context.services
    if user is None or button is None or len(button.args) < 2:
        await answer_query(update, context.t("button-expired"), alert=True)
        return
    case_id, stars = _int(button.args[0]), _int(button.args[1])
    if case_id is None or stars is None or not await services.cases.rate(case_id, user.id, stars):
        await answer_query(update, context.t("button-expired"), alert=True)
        return
    await answer_query(update, context.t("case-rate-thanks"))
    if query is not None and query.message is not None:
        try:
            await query.edit_message_reply_markup(None)
        except TelegramError:
            pass
    if services.staff_desk is not None:
        desk = services.staff_desk
        await services.cases.note_to_topic(
            case_id, f"rating:{stars}", desk.say("staff-rating", stars=stars)
        )


def rating_buttons(case: Case) -> list[list[Button]]:
    return [
        [
            Button(f"{n}⭐", callbacks.encode(PREFIX, "rate", str(case.id), str(n)))
            for n in range(1, 6)
        ]
    ]


async def menu(update: Update, context: JolContext) -> None:
    """m:v1:menu: the main menu, from a button."""
    await answer_query(update)
    await answer(update, context.t("menu-title"), reply_markup=main_menu(context))


def _int(value: str) -> int | None:
    return int(value) if value.isdigit() and len(value) < 12 else None


FLOW = Flow(kind=KIND, on_message=on_first, cancelled="case-cancelled")

FEATURE = Feature(
    handlers=(
        CommandHandler("human", human, filters=PRIVATE),
        CallbackQueryHandler(human, pattern=callbacks.pattern("hm", "ask")),
        CallbackQueryHandler(human, pattern=callbacks.pattern("m", "human")),
        CallbackQueryHandler(go, pattern=callbacks.pattern(PREFIX, "go")),
        CallbackQueryHandler(leave_case, pattern=callbacks.pattern(PREFIX, "leave")),
        CallbackQueryHandler(rate, pattern=callbacks.pattern(PREFIX, "rate")),
        CallbackQueryHandler(menu, pattern=callbacks.pattern("m", "menu")),
    ),
    relays=(MessageHandler(PRIVATE & ~filters.COMMAND & ~filters.StatusUpdate.ALL, relay),),
    commands=(("human", "cmd-human"),),
    flows={KIND: FLOW},
)
