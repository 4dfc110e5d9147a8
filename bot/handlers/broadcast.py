"""/broadcast and /outbox for organizers; the draft is a `broadcast` conversation.

Thin: the audience, the per-language plan and the queueing live in
scheduler/broadcasts.py; sending lives in scheduler/sender.py.
"""

from __future__ import annotations

import html
import logging
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest, TelegramError
from telegram.ext import (
    Application,
    CallbackContext,
    CallbackQueryHandler,
    CommandHandler,
    filters,
)

from bot.context import JolContext
from bot.handlers.common import Feature, Flow, answer, answer_query, home_button
from bot.handlers.event_card import short
from bot.services import Services
from core import callbacks
from core.conversations import Conversation
from core.countries import COUNTRIES, OTHER, country_name
from core.languages import FALLBACKS, NATIVE_NAMES
from core.updates import send_directly
from registry.timeparse import DISPLAY_FORMAT
from scheduler.broadcasts import (
    ONE_FOR_ALL,
    Audience,
    Content,
    EmptyBroadcast,
    Progress,
    UnknownAudience,
)
from scheduler.content import Attachment, Button, Buttons, Rendered
from scheduler.outbox import (
    EXPIRED,
    FAILED,
    PENDING,
    SENDING,
    SENT,
    SKIPPED_BLOCKED,
)
from scheduler.subscriptions import TOPICS
from scheduler.transport import DeliveryError

log = logging.getLogger(__name__)

FEATURE_PREFIX = "bc"
SUBSCRIPTIONS = "sub"
# Audiences everyone is in (not an event's own people): these are announcements, sent
# only to people who want the topic.
ANNOUNCEMENT_AUDIENCES = ("all", "lang", "country")
KIND = "broadcast"
# How often the organizer's progress message is refreshed.
PROGRESS_SECONDS = 1.5
# A draft an organizer leaves overnight is still there in the morning.
DRAFT_TTL = timedelta(days=1)


@dataclass
class Draft:
    """A broadcast being composed by one organizer; kept as a `broadcast` conversation."""

    audience: Audience | None = None
    topic: str | None = None
    mode: str | None = None
    asking: list[str] = field(default_factory=list)  # versions still to ask for
    contents: dict[str, Content] = field(default_factory=dict)

    def payload(self) -> dict[str, Any]:
        return {
            "audience": self.audience.encode() if self.audience else None,
            "topic": self.topic,
            "mode": self.mode,
            "asking": list(self.asking),
            "contents": {v: _content_payload(c) for v, c in self.contents.items()},
        }

    @classmethod
    def from_payload(cls, payload: dict[str, Any]) -> Draft:
        audience = payload.get("audience")
        return cls(
            audience=Audience.parse(audience) if audience else None,
            topic=payload.get("topic"),
            mode=payload.get("mode"),
            asking=list(payload.get("asking") or []),
            contents={v: _content_from(c) for v, c in (payload.get("contents") or {}).items()},
        )


def _content_payload(content: Content) -> dict[str, Any]:
    a = content.attachment
    attachment = (
        {"kind": a.kind, "file_id": a.file_id, "filename": a.filename, "mime": a.mime}
        if a is not None
        else None
    )
    return {"text": content.text, "attachment": attachment}


def _content_from(data: dict[str, Any]) -> Content:
    a = data.get("attachment")
    attachment = (
        Attachment(a["kind"], file_id=a["file_id"], filename=a.get("filename"), mime=a.get("mime"))
        if a
        else None
    )
    return Content(data.get("text"), attachment)


def _language(code: str) -> str:
    return NATIVE_NAMES.get(code, code)


def _button(context: JolContext, key: str, action: str, *args: object) -> InlineKeyboardButton:
    return InlineKeyboardButton(
        context.t(key), callback_data=callbacks.encode(FEATURE_PREFIX, action, *args)
    )


async def _save(context: JolContext, user_id: int, step: str, draft: Draft) -> None:
    await context.services.conversations.save(user_id, KIND, step, draft.payload(), ttl=DRAFT_TTL)


async def start(update: Update, context: JolContext) -> None:
    """/broadcast: pick the audience."""
    user = update.effective_user
    if user is None or not context.is_admin:
        await answer(update, context.t("broadcast-not-allowed"))
        return
    await _save(context, user.id, "audience", Draft())
    broadcasts = context.services.broadcasts
    plan = await broadcasts.plan(Audience("all"))
    rows = [[_count_button(context, "broadcast-audience-all", plan.total, "aud", "all")]]
    for lang, count in plan.by_language.items():
        text = context.t("broadcast-audience-language", language=_language(lang), count=count)
        data = callbacks.encode(FEATURE_PREFIX, "aud", "lang", lang)
        rows.append([InlineKeyboardButton(text, callback_data=data)])
    by_country = await context.services.users.count_by_country(
        context.services.settings.default_country
    )
    for code in (*COUNTRIES, OTHER):
        if by_country.get(code):
            name = (
                context.t("country-other-name")
                if code == OTHER
                else country_name(code, context.lang)
            )
            text = context.t("broadcast-audience-country", country=name, count=by_country[code])
            data = callbacks.encode(FEATURE_PREFIX, "aud", "country", code)
            rows.append([InlineKeyboardButton(text, callback_data=data)])
    for kind, choice in await broadcasts.choices():
        data = callbacks.encode(FEATURE_PREFIX, "aud", kind, choice.arg)
        rows.append(
            [InlineKeyboardButton(_choice_label(context, kind, choice), callback_data=data)]
        )
    rows.append([_button(context, "broadcast-button-cancel", "cancel")])
    await answer(
        update, context.t("broadcast-choose-audience"), reply_markup=InlineKeyboardMarkup(rows)
    )


async def on_button(update: Update, context: JolContext) -> None:
    """Every bc:… button."""
    query = update.callback_query
    button = callbacks.parse(query.data if query else None)
    user = update.effective_user
    if button is None or user is None:
        await answer_query(update, context.t("button-expired"), alert=True)
        return
    if not context.is_admin:
        await answer_query(update, context.t("broadcast-not-allowed"), alert=True)
        return
    if button.action == "stop":
        await _stop(update, context, button.arg_int(0))
        return
    conversations = context.services.conversations
    conv = await conversations.get(user.id, KIND)
    if conv is None:
        await answer_query(update, context.t("broadcast-expired"), alert=True)
        return
    draft = Draft.from_payload(conv.payload)
    await answer_query(update)
    if button.action == "cancel":
        await conversations.end(user.id, KIND)
        await answer(update, context.t("broadcast-cancelled"))
    elif button.action == "aud" and button.args and conv.step == "audience":
        await _audience(update, context, user.id, draft, button.args)
    elif button.action == "topic" and button.args and conv.step == "topic":
        if button.args[0] in TOPICS:
            draft.topic = button.args[0]
            await _planned(update, context, user.id, draft)
        else:
            await answer(update, context.t("broadcast-expired"))
    elif button.action == "mode" and button.args and conv.step == "mode":
        await _choose_mode(update, context, user.id, draft, button.args[0])
    elif button.action == "skip" and draft.asking:
        draft.asking.pop(0)
        await _ask_next(update, context, user.id, draft)
    elif button.action == "go" and conv.step == "confirm" and draft.audience is not None:
        # One send per draft: a second tap on "Send" finds the draft gone.
        if await conversations.end(user.id, KIND, step="confirm"):
            await _confirm(update, context, user.id, draft)
    else:
        await answer(update, context.t("broadcast-expired"))


async def _audience(
    update: Update, context: JolContext, user_id: int, draft: Draft, args: tuple[str, ...]
) -> None:
    audience = Audience(args[0], args[1] if len(args) > 1 else None)
    try:
        plan = await context.services.broadcasts.plan(audience)
    except UnknownAudience:
        await answer(update, context.t("broadcast-expired"))
        return
    if plan.total == 0:
        await answer(update, context.t("broadcast-no-recipients"))
        return
    draft.audience = audience
    if audience.kind not in ANNOUNCEMENT_AUDIENCES:
        # An event's own people hear about their event: no topic to opt out of.
        await _planned(update, context, user_id, draft)
        return
    await _save(context, user_id, "topic", draft)
    rows = [[_button(context, f"subscriptions-topic-{topic}", "topic", topic)] for topic in TOPICS]
    rows.append([_button(context, "broadcast-button-cancel", "cancel")])
    await answer(
        update, context.t("broadcast-choose-topic"), reply_markup=InlineKeyboardMarkup(rows)
    )


async def _planned(update: Update, context: JolContext, user_id: int, draft: Draft) -> None:
    """Who will get it (the topic's subscribers), then one text or one per language."""
    assert draft.audience is not None
    plan = await context.services.broadcasts.plan(draft.audience, topic=draft.topic)
    if plan.total == 0:
        await context.services.conversations.end(user_id, KIND)
        await answer(update, context.t("broadcast-no-subscribers"))
        return
    lines = [context.t("broadcast-audience-summary", total=plan.total)]
    lines += [
        context.t("broadcast-count-line", language=_language(lang), count=n)
        for lang, n in plan.by_language.items()
    ]
    if len(plan.by_language) == 1:
        # One language: there is only one text to ask for.
        await _choose_mode(update, context, user_id, draft, "one", summary=lines)
        return
    await _save(context, user_id, "mode", draft)
    lines += ["", context.t("broadcast-choose-mode")]
    keyboard = InlineKeyboardMarkup(
        [
            [_button(context, "broadcast-mode-one", "mode", "one")],
            [_button(context, "broadcast-mode-per-language", "mode", "per")],
            [_button(context, "broadcast-button-cancel", "cancel")],
        ]
    )
    await answer(update, "\n".join(lines), reply_markup=keyboard)


def _choice_label(context: JolContext, kind: str, choice: Any) -> str:
    """An event audience named in the organizer's language: whose people, which event."""
    if choice.title is None:
        return str(choice.label)[:60]
    key = {"ev_reg": "broadcast-audience-registrants", "ev_wait": "broadcast-audience-waiting"}
    if kind not in key:
        return str(choice.label)[:60]
    return context.t(key[kind], title=short(choice.title, 28), day=choice.day or "")


async def _choose_mode(
    update: Update,
    context: JolContext,
    user_id: int,
    draft: Draft,
    mode: str,
    summary: list[str] | None = None,
) -> None:
    assert draft.audience is not None
    plan = await context.services.broadcasts.plan(draft.audience, topic=draft.topic)
    draft.mode = mode
    draft.contents = {}
    draft.asking = [ONE_FOR_ALL] if mode == "one" else list(plan.by_language)
    if summary:
        await answer(update, "\n".join(summary))
    await _ask_next(update, context, user_id, draft)


async def _ask_next(update: Update, context: JolContext, user_id: int, draft: Draft) -> None:
    if not draft.asking:
        await _preview(update, context, user_id, draft)
        return
    await _save(context, user_id, "content", draft)
    version = draft.asking[0]
    cancel_row = [_button(context, "broadcast-button-cancel", "cancel")]
    if version == ONE_FOR_ALL:
        await answer(
            update,
            context.t("broadcast-send-one"),
            reply_markup=InlineKeyboardMarkup([cancel_row]),
        )
        return
    assert draft.audience is not None
    plan = await context.services.broadcasts.plan(draft.audience, topic=draft.topic)
    count = plan.by_language.get(version, 0)
    # Skipping is honest: name the version these readers would get instead, if any.
    offered = set(draft.contents) | set(draft.asking[1:])
    fallback = next((c for c in FALLBACKS.get(version, ())[1:] if c in offered), None)
    if fallback is None:
        text = context.t("broadcast-send-language-only", language=_language(version), count=count)
    else:
        text = context.t(
            "broadcast-send-language",
            language=_language(version),
            count=count,
            fallback=_language(fallback),
        )
    keyboard = InlineKeyboardMarkup(
        [[_button(context, "broadcast-button-skip", "skip")], cancel_row]
    )
    await answer(update, text, reply_markup=keyboard)


async def receive(update: Update, context: JolContext, conv: Conversation) -> bool:
    """The organizer's message for the version being asked for."""
    user = update.effective_user
    message = update.effective_message
    if conv.step != "content" or user is None or message is None:
        return False  # waiting for a button: typed text is something else
    if not context.is_admin:
        await context.services.conversations.end(user.id, KIND)
        return False
    draft = Draft.from_payload(conv.payload)
    if not draft.asking:
        return False
    content = _content(message)
    if content.is_empty:
        await answer(update, context.t("broadcast-empty"))
        return True
    version = draft.asking[0]
    try:
        # The preview goes through the very transport the recipients' copies will.
        await context.services.transport.send(message.chat_id, _rendered(content))
    except DeliveryError as exc:
        reason = html.escape(exc.description.removeprefix("Bad Request: "))
        await answer(update, context.t("broadcast-preview-failed", reason=reason))
        return True
    draft.contents[version] = content
    draft.asking.pop(0)
    await _ask_next(update, context, user.id, draft)
    return True


async def _preview(update: Update, context: JolContext, user_id: int, draft: Draft) -> None:
    if not draft.contents or draft.audience is None:
        await context.services.conversations.end(user_id, KIND)
        await answer(update, context.t("broadcast-nothing-provided"))
        return
    await _save(context, user_id, "confirm", draft)
    plan = await context.services.broadcasts.plan(
        draft.audience, set(draft.contents), topic=draft.topic
    )
    # One number everywhere: those who will really get a copy.
    getting = plan.total - plan.uncovered
    lines = [context.t("broadcast-will-get", total=getting)]
    for lang, count in plan.by_language.items():
        version = plan.version_of.get(lang)
        if version is None:
            lines.append(context.t("broadcast-plan-missing", language=_language(lang), count=count))
        elif version == ONE_FOR_ALL:
            lines.append(context.t("broadcast-count-line", language=_language(lang), count=count))
        else:
            lines.append(
                context.t(
                    "broadcast-plan-line",
                    language=_language(lang),
                    count=count,
                    version=_language(version),
                )
            )
    if plan.uncovered:
        lines.append(context.t("broadcast-will-miss", count=plan.uncovered))
    lines += ["", context.t("broadcast-confirm-question", total=getting)]
    keyboard = InlineKeyboardMarkup(
        [
            [_button(context, "broadcast-button-confirm", "go")],
            [_button(context, "broadcast-button-cancel", "cancel")],
        ]
    )
    await answer(update, "\n".join(lines), reply_markup=keyboard)


async def _confirm(update: Update, context: JolContext, user_id: int, draft: Draft) -> None:
    assert draft.audience is not None
    chat = update.effective_chat
    broadcasts = context.services.broadcasts
    try:
        broadcast_id, _queued = await broadcasts.start(
            created_by=user_id,
            audience=draft.audience,
            contents=draft.contents,
            progress_chat_id=chat.id if chat else None,
            topic=draft.topic,
            buttons=_stop_buttons(context.services, draft.topic),
        )
    except EmptyBroadcast:
        await answer(update, context.t("broadcast-empty"))
        return
    progress = await broadcasts.progress(broadcast_id)
    if chat is None or progress is None:
        return
    send_directly()  # its message id is kept, to edit the progress in place
    sent = await chat.send_message(
        _progress_text(context.services, context.lang, progress),
        reply_markup=_stop_keyboard(context.services, context.lang, broadcast_id),
    )
    await broadcasts.set_progress_message(broadcast_id, chat.id, sent.message_id)
    watch_progress(context.application, broadcast_id, context.lang)


async def _stop(update: Update, context: JolContext, broadcast_id: int | None) -> None:
    if broadcast_id is None:
        await answer_query(update, context.t("button-expired"), alert=True)
        return
    await answer_query(update, context.t("broadcast-stopping"))
    await context.services.broadcasts.stop(broadcast_id)


async def outbox(update: Update, context: JolContext) -> None:
    """/outbox: what is waiting, what failed, and why."""
    if not context.is_admin:
        await answer(update, context.t("broadcast-not-allowed"))
        return
    services = context.services
    stats = await services.outbox.stats()
    lines = [
        context.t("outbox-title"),
        context.t(
            "outbox-counts",
            pending=stats.count(PENDING),
            sending=stats.count(SENDING),
            sent=stats.count(SENT),
            failed=stats.count(FAILED),
            blocked=stats.count(SKIPPED_BLOCKED),
            expired=stats.count(EXPIRED),
        ),
    ]
    zone = services.settings.zone
    if stats.next_due is not None:
        when = stats.next_due.astimezone(zone).strftime(DISPLAY_FORMAT)
        lines.append(context.t("outbox-next-due", when=when, zone=str(zone)))
    else:
        lines.append(context.t("outbox-nothing-due"))
    lines += [
        "",
        context.t("outbox-last-errors") if stats.last_errors else context.t("outbox-no-errors"),
    ]
    for failed_at, kind, chat_id, error in stats.last_errors:
        lines.append(
            context.t(
                "outbox-error-line",
                when=failed_at.astimezone(zone).strftime(DISPLAY_FORMAT),
                kind=kind,
                chat=str(chat_id),
                error=_error_text(context, error),
            )
        )
    if stats.last_errors:
        lines.append(context.t("outbox-times-in", zone=str(zone)))
    await answer(update, "\n".join(lines))


def _stop_buttons(services: Services, topic: str | None) -> dict[str, Buttons] | None:
    """Under every copy of an announcement: stop this kind, in the reader's language."""
    if topic is None:
        return None
    data = callbacks.encode(SUBSCRIPTIONS, "off", topic)
    return {
        lang: [[Button(services.t(lang, f"subscriptions-button-stop-{topic}"), data)]]
        for lang in NATIVE_NAMES
    }


# ----- a person's announcements ------------------------------------------------------------


def _topics_keyboard(context: JolContext, chosen: dict[str, bool]) -> InlineKeyboardMarkup:
    rows = []
    for topic, wanted in chosen.items():
        label = context.t(
            "subscriptions-toggle-on" if wanted else "subscriptions-toggle-off",
            topic=context.t(f"subscriptions-topic-{topic}"),
        )
        data = callbacks.encode(SUBSCRIPTIONS, "off" if wanted else "on", topic, "list")
        rows.append([InlineKeyboardButton(label, callback_data=data)])
    rows.append([home_button(context)])
    return InlineKeyboardMarkup(rows)


async def subscriptions_list(update: Update, context: JolContext) -> None:
    """sub:v1:list, /announcements: each topic with its state, one tap to change."""
    await answer_query(update)
    user = update.effective_user
    if user is None:
        return
    chosen = await context.services.subscriptions.choices(user.id)
    await answer(
        update, context.t("subscriptions-title"), reply_markup=_topics_keyboard(context, chosen)
    )


async def subscription_tap(update: Update, context: JolContext) -> None:
    """sub:v1:off:<topic>[:list] / sub:v1:on:<topic>[:list]: one tap, under any broadcast."""
    button = callbacks.parse(update.callback_query.data if update.callback_query else None)
    user = update.effective_user
    topic = button.args[0] if button and button.args else ""
    if button is None or user is None or topic not in TOPICS:
        await answer_query(update, context.t("button-expired"), alert=True)
        return
    wanted = button.action == "on"
    await context.services.subscriptions.choose(user.id, topic, wanted)
    name = context.t(f"subscriptions-topic-{topic}")
    if len(button.args) > 1 and update.callback_query is not None:
        # From the list: the list itself shows the new state.
        await answer_query(update, context.t("subscriptions-saved"))
        chosen = await context.services.subscriptions.choices(user.id)
        try:
            await update.callback_query.edit_message_reply_markup(_topics_keyboard(context, chosen))
        except BadRequest:
            pass
        return
    await answer_query(update)
    again = callbacks.encode(SUBSCRIPTIONS, "on" if not wanted else "off", topic)
    undo = "subscriptions-button-undo-off" if not wanted else "subscriptions-button-undo-on"
    keyboard = InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(context.t(undo), callback_data=again)],
            [
                InlineKeyboardButton(
                    context.t("subscriptions-button-all"),
                    callback_data=callbacks.encode(SUBSCRIPTIONS, "list"),
                ),
                home_button(context),
            ],
        ]
    )
    key = "subscriptions-stopped" if not wanted else "subscriptions-started"
    await answer(update, context.t(key, topic=name), reply_markup=keyboard)


# Telegram's refusals an organizer meets most, said in words (the rest shown as they are).
KNOWN_ERRORS = {
    "chat not found": "outbox-error-chat-not-found",
    "bot was blocked by the user": "outbox-error-blocked",
    "user is deactivated": "outbox-error-deactivated",
}


def _error_text(context: JolContext, error: str) -> str:
    lowered = error.lower()
    for fragment, key in KNOWN_ERRORS.items():
        if fragment in lowered:
            return context.t(key)
    return html.escape(error)


def _count_button(
    context: JolContext, key: str, count: int, action: str, *args: object
) -> InlineKeyboardButton:
    data = callbacks.encode(FEATURE_PREFIX, action, *args)
    return InlineKeyboardButton(context.t(key, count=count), callback_data=data)


def _content(message: Message) -> Content:
    """Text or caption as HTML (bold and links survive, user text stays escaped)."""
    if message.photo:
        return Content(
            message.caption_html or None, Attachment("photo", file_id=message.photo[-1].file_id)
        )
    if message.document:
        doc = message.document
        attachment = Attachment(
            "document", file_id=doc.file_id, filename=doc.file_name, mime=doc.mime_type
        )
        return Content(message.caption_html or None, attachment)
    if message.text:
        return Content(message.text_html)
    return Content()


def _rendered(content: Content) -> Rendered:
    return Rendered(content.text, attachment=content.attachment)


def _progress_text(services: Services, lang: str, p: Progress) -> str:
    args = {
        "id": str(p.id),
        "total": p.total,
        "sent": p.sent,
        "failed": p.failed,
        "blocked": p.blocked,
        "cancelled": p.cancelled,
    }
    if not p.finished:
        return services.t(lang, "broadcast-progress", **args)
    key = "broadcast-report-stopped" if p.status == "stopped" else "broadcast-report"
    return services.t(lang, key, **args)


def _stop_keyboard(services: Services, lang: str, broadcast_id: int) -> InlineKeyboardMarkup:
    data = callbacks.encode(FEATURE_PREFIX, "stop", broadcast_id)
    text = services.t(lang, "broadcast-button-stop")
    return InlineKeyboardMarkup([[InlineKeyboardButton(text, callback_data=data)]])


def watch_progress(
    app: Application[Any, Any, Any, Any, Any, Any], broadcast_id: int, lang: str
) -> None:
    """Edit the progress message every few seconds until the final report."""
    if app.job_queue is None:
        return
    app.job_queue.run_repeating(
        _refresh_progress,
        interval=PROGRESS_SECONDS,
        first=PROGRESS_SECONDS,
        data={"id": broadcast_id, "lang": lang, "last": ""},
        name=f"bc-progress-{broadcast_id}",
    )


async def _refresh_progress(context: CallbackContext[Any, Any, Any, Any]) -> None:
    job = context.job
    assert job is not None
    data: dict[str, Any] = job.data  # type: ignore[assignment]
    services: Services = context.application.bot_data["services"]
    progress = await services.broadcasts.progress(data["id"])
    if progress is None or progress.progress_message_id is None:
        job.schedule_removal()
        return
    text = _progress_text(services, data["lang"], progress)
    if progress.finished:
        job.schedule_removal()
    if text == data["last"] and not progress.finished:
        return
    markup = None if progress.finished else _stop_keyboard(services, data["lang"], progress.id)
    try:
        await context.bot.edit_message_text(
            text,
            chat_id=progress.progress_chat_id,
            message_id=progress.progress_message_id,
            reply_markup=markup,
        )
        data["last"] = text
    except BadRequest as exc:
        if "not modified" not in str(exc).lower():
            log.warning("broadcast %s: progress edit refused: %s", progress.id, exc)
    except TelegramError as exc:
        log.warning("broadcast %s: progress edit failed: %s", progress.id, type(exc).__name__)


def resume_progress(app: Application[Any, Any, Any, Any, Any, Any], services: Services) -> None:
    """At start-up: keep refreshing the progress of broadcasts still running."""

    async def resume(_context: CallbackContext[Any, Any, Any, Any]) -> None:
        for broadcast_id in await services.broadcasts.unfinished():
            watch_progress(app, broadcast_id, services.settings.default_locale)

    if app.job_queue is not None:
        # Scheduled before the scheduler starts: without a misfire limit it runs once
        # the scheduler is up, however long the rest of start-up took (APScheduler
        # would otherwise drop a one-off job that is late by more than a second).
        app.job_queue.run_once(
            resume,
            when=0.0,
            name="bc-progress-resume",
            job_kwargs={"misfire_grace_time": None},
        )


PRIVATE = filters.ChatType.PRIVATE

FEATURE = Feature(
    handlers=(
        CommandHandler("broadcast", start, filters=PRIVATE),
        CommandHandler("outbox", outbox, filters=PRIVATE),
        CallbackQueryHandler(on_button, pattern=callbacks.pattern(FEATURE_PREFIX)),
        CommandHandler("announcements", subscriptions_list, filters=PRIVATE),
        CallbackQueryHandler(subscriptions_list, pattern=callbacks.pattern(SUBSCRIPTIONS, "list")),
        CallbackQueryHandler(subscription_tap, pattern=callbacks.pattern(SUBSCRIPTIONS, "on")),
        CallbackQueryHandler(subscription_tap, pattern=callbacks.pattern(SUBSCRIPTIONS, "off")),
    ),
    commands=(("announcements", "cmd-announcements"),),
    flows={KIND: Flow(KIND, receive, "broadcast-cancelled")},
    organizer_commands=(("broadcast", "cmd-broadcast"), ("outbox", "cmd-outbox")),
)
