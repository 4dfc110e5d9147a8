"""The staff group's side of cases: replies in a topic reach the person; /close, /note, /kb, /cases.

Only messages in a case's topic, from staff (STAFF_IDS, or the group's
administrators), are relayed. Anything else in the group stays in the group.
"""

from __future__ import annotations

import html
import logging
from datetime import timedelta

from telegram import ChatMemberUpdated, Message, Update
from telegram.constants import ChatMemberStatus, ChatType
from telegram.error import TelegramError
from telegram.ext import (
    ApplicationHandlerStop,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    MessageHandler,
    filters,
)

from bot.context import JolContext
from bot.handlers.cases import rating_buttons, source_of, tell_organizers_unreachable
from bot.handlers.common import Feature, answer_query
from bot.staff_desk import StaffDesk, topic_link
from cases import STAFF, Case
from core import callbacks
from core.countries import country_name
from core.languages import NATIVE_NAMES
from faq.render import AnswerLabels, render_answer_html, split_message

log = logging.getLogger(__name__)

PREFIX = "st"
GROUP = filters.ChatType.SUPERGROUP


def _desk(context: JolContext) -> StaffDesk | None:
    return context.services.staff_desk


def _in_staff_chat(update: Update, context: JolContext) -> bool:
    chat = update.effective_chat
    staff_chat = context.services.settings.staff_chat_id
    return chat is not None and staff_chat is not None and chat.id == staff_chat


async def _reply(message: Message, text: str) -> None:
    try:
        await message.reply_text(text)
    except TelegramError as exc:
        log.info("staff group: reply not posted (%s)", type(exc).__name__)


async def _case_here(update: Update, context: JolContext) -> tuple[StaffDesk, Message, Case] | None:
    """The staff member's message, in a case topic, from staff; None after saying why not."""
    desk = _desk(context)
    message = update.effective_message
    user = update.effective_user
    if desk is None or message is None or user is None or not _in_staff_chat(update, context):
        return None
    thread = message.message_thread_id if message.is_topic_message else None
    case = await context.services.cases.by_thread(thread) if thread is not None else None
    if not await desk.is_staff(user.id):
        if case is not None and not context.services.staff_notices.recent((user.id, case.id)):
            context.services.staff_notices.mark((user.id, case.id))
            await _reply(message, desk.say("staff-not-staff"))
        return None
    if case is None:
        if message.text and message.text.startswith("/"):
            await _reply(message, desk.say("staff-not-a-case"))
        return None
    return desk, message, case


async def staff_message(update: Update, context: JolContext) -> None:
    """A staff member writes in a case topic: it goes to the person, in order."""
    if not _in_staff_chat(update, context):
        return  # another group: not ours to handle
    found = await _case_here(update, context)
    if found is None:
        raise ApplicationHandlerStop
    desk, message, case = found
    source = source_of(message)
    if source is None:
        raise ApplicationHandlerStop
    services = context.services
    header = services.t(
        case.lang, "case-reply-header", org=html.escape(desk.org_name(case.lang)), case=case.id
    )
    if source.html_parts is None and message.caption is not None:
        # The copy's caption: the header, then the staff member's own caption.
        caption = header + "\n\n" + message.caption_html
        header = caption if len(message.caption) + len(header) < 1000 else header
    reopened = not case.is_open
    case = await services.cases.from_staff(case, source, header)
    if reopened:
        await desk.set_closed(case, closed=False)
    if case.person_blocked:
        await _reply(message, desk.say("staff-person-blocked"))
    raise ApplicationHandlerStop


async def close(update: Update, context: JolContext) -> None:
    """/close in a case topic: closed; the person is told and asked for a rating."""
    found = await _case_here(update, context)
    if found is None:
        return
    desk, message, case = found
    await _close(context, desk, case, message)


async def _close(context: JolContext, desk: StaffDesk, case: Case, message: Message | None) -> None:
    services = context.services
    closed = await services.cases.close(case.id, by=STAFF)
    if closed is None:
        if message is not None:
            await _reply(message, desk.say("staff-already-closed", case=case.id))
        return
    text = services.t(
        case.lang,
        "case-closed-person",
        case=case.id,
        days=int(services.cases.reopen_window.days),
    )
    await services.cases.to_person(closed, "closed", text, rating_buttons(closed))
    await services.cases.note_to_topic(
        case.id,
        f"closed:{services.clock.now().isoformat()}",
        desk.say("staff-closed", case=case.id),
    )
    await desk.set_closed(closed, closed=True)


async def note(update: Update, context: JolContext) -> None:
    """/note …: stays in the topic, never relayed."""
    found = await _case_here(update, context)
    if found is None:
        return
    desk, message, _case = found
    await _reply(message, desk.say("staff-note-kept"))


async def kb(update: Update, context: JolContext) -> None:
    """/kb TOPIC: the knowledge-base answer, in the person's language and country."""
    found = await _case_here(update, context)
    if found is None:
        return
    desk, message, case = found
    services = context.services
    topic_id = (context.args or [""])[0].strip().lower()
    view = services.library.kb.view(case.country)
    topic = view.get(topic_id) if topic_id else None
    if topic is None:
        ids = ", ".join(sorted(view.topics))
        key = "staff-kb-unknown" if topic_id else "staff-kb-usage"
        await _reply(
            message,
            # What staff typed goes back into HTML: escaped.
            desk.say(
                key,
                id=html.escape(topic_id),
                country=country_name(case.country, desk.lang),
                ids=ids,
            ),
        )
        return
    labels = AnswerLabels(
        sources_heading=services.t(case.lang, "faq-sources"),
        reviewed_line=services.t(
            case.lang, "faq-reviewed", date=topic.reviewed.strftime("%d.%m.%Y")
        ),
        disclaimer=services.t(case.lang, "faq-disclaimer"),
    )
    parts = split_message(render_answer_html(topic, case.lang, labels))
    stamp = f"{message.message_id}"
    for n, part in enumerate(parts):
        await services.cases.to_person(case, f"kb:{stamp}:{n}", part)
    await _reply(message, desk.say("staff-kb-sent", title=topic.text(desk.lang).title))


async def list_cases(update: Update, context: JolContext) -> None:
    """/cases for staff: open cases, urgent first, then the longest wait.
    /cases report [days]: the funders' figures (organizers too)."""
    desk = _desk(context)
    user = update.effective_user
    message = update.effective_message
    chat = update.effective_chat
    if desk is None or user is None or message is None or chat is None:
        return
    if chat.type != ChatType.PRIVATE and not _in_staff_chat(update, context):
        return
    services = context.services
    args = context.args or []
    if args and args[0].lower() == "report":
        if services.is_admin(user.id) or await desk.is_staff(user.id):
            lang = context.lang if chat.type == ChatType.PRIVATE else desk.lang
            days = int(args[1]) if len(args) > 1 and args[1].isdigit() else 30
            await _reply(message, await report_text(context, lang, min(max(days, 1), 3660)))
        return
    if not await desk.is_staff(user.id):
        return
    found = await services.cases.open_cases()
    if not found:
        await _reply(message, desk.say("staff-cases-none"))
        return
    lines = [desk.say("staff-cases-title", count=len(found))]
    for case in found[:50]:
        waiting = (
            desk.say("staff-waiting-staff", since=desk.when(case.waiting_since))
            if case.waiting_for == STAFF and case.waiting_since is not None
            else desk.say("staff-waiting-person")
        )
        lines.append(
            desk.say(
                "staff-cases-line",
                mark="🔴" if case.priority else "•",
                case=case.id,
                lang=case.lang.upper(),
                country=case.country.upper(),
                waiting=waiting,
                link=topic_link(desk.chat_id, case.thread_id),
            )
        )
    for part in split_message("\n".join(lines)):
        await _reply(message, part)


async def report_text(context: JolContext, lang: str, days: int) -> str:
    """Cases opened in the last `days`: answered, how fast, by language and topic."""
    services = context.services
    since = services.clock.now() - timedelta(days=days)
    report = await services.cases.report(since)
    median = report.median_first_reply
    hours = f"{median.total_seconds() / 3600:.1f}" if median is not None else "—"
    lines = [
        services.t(
            lang,
            "staff-report",
            days=days,
            opened=report.opened,
            answered=report.answered,
            closed=report.closed,
            priority=report.priority,
            hours=hours,
        )
    ]
    if report.by_language:
        languages = ", ".join(
            f"{NATIVE_NAMES.get(code, code)} {n}" for code, n in report.by_language.most_common()
        )
        lines.append(services.t(lang, "staff-report-languages", list=languages))
    if report.by_topic:
        topics = ", ".join(f"{topic} {n}" for topic, n in report.by_topic.most_common(15))
        lines.append(services.t(lang, "staff-report-topics", list=topics))
    if report.ratings:
        rated = sum(report.ratings.values())
        average = sum(k * v for k, v in report.ratings.items()) / rated
        lines.append(
            services.t(lang, "staff-report-ratings", count=rated, average=f"{average:.1f}")
        )
    return "\n".join(lines)


async def card_button(update: Update, context: JolContext) -> None:
    """st:v1:info|close:<case> under a topic's card; staff only, case checked."""
    desk = _desk(context)
    query = update.callback_query
    user = update.effective_user
    button = callbacks.parse(query.data if query else None)
    case_id = button.arg_int(0) if button else None
    case = await context.services.cases.get(case_id) if case_id is not None else None
    if desk is None or user is None or button is None or case is None or query is None:
        await answer_query(update, desk.say("staff-button-stale") if desk else None, alert=True)
        return
    if not _in_staff_chat(update, context) or not await desk.is_staff(user.id):
        await answer_query(update, desk.say("staff-not-staff"), alert=True)
        return
    if button.action == "info":
        text = desk.say(
            "staff-info",
            case=case.id,
            language=NATIVE_NAMES.get(case.lang, case.lang),
            country=country_name(case.country, desk.lang),
            opened=desk.when(case.opened_at),
            status=case.status,
        )
        await answer_query(update, text[:200], alert=True)
        return
    await answer_query(update)
    await _close(context, desk, case, query.message if isinstance(query.message, Message) else None)


async def membership(update: Update, context: JolContext) -> None:
    """The bot removed from (or demoted in) the staff group: organizers are told."""
    change: ChatMemberUpdated | None = update.my_chat_member
    if change is None:
        return
    desk = _desk(context)
    if desk is None or change.chat.id != desk.chat_id:
        await _introduce(context, change)
        return
    status = change.new_chat_member.status
    if status in (ChatMemberStatus.LEFT, ChatMemberStatus.BANNED, ChatMemberStatus.MEMBER):
        desk.unreachable = True
        log.error("the bot lost the staff group (%s)", status)
        await tell_organizers_unreachable(context)
        await tell_waiting_people(context)
    elif status == ChatMemberStatus.ADMINISTRATOR:
        desk.unreachable = False


async def _introduce(context: JolContext, change: ChatMemberUpdated) -> None:
    """An organizer added the bot to a supergroup: say its id, the one STAFF_CHAT_ID needs."""
    services = context.services
    added = change.new_chat_member.status in (
        ChatMemberStatus.ADMINISTRATOR,
        ChatMemberStatus.MEMBER,
    )
    if not added or change.chat.type != ChatType.SUPERGROUP:
        return
    if not services.is_admin(change.from_user.id if change.from_user else None):
        return  # someone else's group: the bot stays quiet there
    known = await services.users.get(change.from_user.id)
    lang = known.language if known is not None else services.settings.default_locale
    key = "staff-group-id" if change.chat.is_forum else "staff-group-id-no-topics"
    try:
        await context.bot.send_message(
            change.chat.id, services.t(lang, key, id=str(change.chat.id))
        )
    except TelegramError as exc:
        log.info("could not introduce the bot in a group (%s)", type(exc).__name__)


async def tell_waiting_people(context: JolContext) -> None:
    """Everyone waiting for staff hears, honestly, that their question is stuck."""
    services = context.services
    contact = services.settings.help_contact.strip()
    day = services.clock.now().strftime("%Y-%m-%d")
    for case in await services.cases.open_cases():
        if case.waiting_for != STAFF:
            continue
        help_key = "case-help-contact" if contact else "case-help-112"
        text = (
            services.t(case.lang, "case-staff-unreachable")
            + "\n"
            + services.t(case.lang, help_key, contact=html.escape(contact))
        )
        await services.cases.to_person(case, f"unreachable:{day}", text)


STAFF_CHAT = GROUP & ~filters.COMMAND & ~filters.StatusUpdate.ALL

FEATURE = Feature(
    handlers=(
        CommandHandler("close", close, filters=GROUP),
        CommandHandler("note", note, filters=GROUP),
        CommandHandler("kb", kb, filters=GROUP),
        CommandHandler("cases", list_cases),
        CallbackQueryHandler(card_button, pattern=callbacks.pattern(PREFIX)),
        ChatMemberHandler(membership, ChatMemberHandler.MY_CHAT_MEMBER),
        MessageHandler(STAFF_CHAT, staff_message),
    ),
    organizer_commands=(("cases", "cmd-cases"),),
)
