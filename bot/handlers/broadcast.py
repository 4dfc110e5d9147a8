"""/broadcast and /outbox for organizers; wiring of the outbox and the sender.

Thin: the audience, the per-language plan and the queueing live in
scheduler/broadcasts.py; sending lives in scheduler/sender.py.
"""

from __future__ import annotations

import html
import logging
from dataclasses import dataclass, field
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest, TelegramError
from telegram.ext import (
    Application,
    BaseHandler,
    CallbackContext,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    filters,
)

from bot import callbacks
from bot.context import JolContext
from bot.delivery import TelegramTransport, build_sender
from bot.handlers.common import answer, answer_query
from bot.services import Services
from core.languages import NATIVE_NAMES
from scheduler.broadcasts import (
    ONE_FOR_ALL,
    Audience,
    Broadcasts,
    Content,
    EmptyBroadcast,
    Plan,
    Progress,
    UnknownAudience,
)
from scheduler.content import Attachment, Rendered
from scheduler.jobs import DeliveryJobs
from scheduler.outbox import (
    EXPIRED,
    FAILED,
    PENDING,
    SENDING,
    SENT,
    SKIPPED_BLOCKED,
    Outbox,
)
from scheduler.quiet import QuietHours
from scheduler.transport import DeliveryError

log = logging.getLogger(__name__)

FEATURE = "bc"
# How often the organizer's progress message is refreshed.
PROGRESS_SECONDS = 1.5
# Admin commands stay out of the public command list.
COMMANDS: list[tuple[str, str]] = []


@dataclass
class Draft:
    """A broadcast being composed by one organizer (in memory: a restart drops drafts)."""

    audience: Audience | None = None
    plan: Plan | None = None
    mode: str | None = None
    asking: list[str] = field(default_factory=list)  # versions still to ask for
    contents: dict[str, Content] = field(default_factory=dict)

    @property
    def expects_message(self) -> bool:
        return bool(self.asking)


class _Drafts(filters.MessageFilter):
    """Matches messages from organizers whose draft waits for the broadcast text."""

    def __init__(self) -> None:
        super().__init__(name="broadcast_draft")
        self.by_user: dict[int, Draft] = {}

    def filter(self, message: Message) -> bool:
        user = message.from_user
        draft = self.by_user.get(user.id) if user else None
        return draft is not None and draft.expects_message


def _language(code: str) -> str:
    return NATIVE_NAMES.get(code, code)


def _button(context: JolContext, key: str, action: str, *args: object) -> InlineKeyboardButton:
    return InlineKeyboardButton(
        context.t(key), callback_data=callbacks.encode(FEATURE, action, *args)
    )


def _broadcasts(context: JolContext | CallbackContext[Any, Any, Any, Any]) -> Broadcasts:
    services: Services = context.application.bot_data["services"]
    return services.features["broadcasts"]  # type: ignore[no-any-return]


class BroadcastFlow:
    """The organizer's conversation: audience → mode → message(s) → preview → confirm."""

    def __init__(self) -> None:
        self.drafts = _Drafts()

    async def start(self, update: Update, context: JolContext) -> None:
        """/broadcast: pick the audience."""
        user = update.effective_user
        if user is None or not context.is_admin:
            await answer(update, context.t("broadcast-not-allowed"))
            return
        self.drafts.by_user[user.id] = Draft()
        broadcasts = _broadcasts(context)
        plan = await broadcasts.plan(Audience("all"))
        rows = [[_count_button(context, "broadcast-audience-all", plan.total, "aud", "all")]]
        for lang, count in plan.by_language.items():
            text = context.t("broadcast-audience-language", language=_language(lang), count=count)
            data = callbacks.encode(FEATURE, "aud", "lang", lang)
            rows.append([InlineKeyboardButton(text, callback_data=data)])
        for kind, choice in await broadcasts.choices():
            data = callbacks.encode(FEATURE, "aud", kind, choice.arg)
            rows.append([InlineKeyboardButton(choice.label[:60], callback_data=data)])
        rows.append([_button(context, "broadcast-button-cancel", "cancel")])
        await answer(
            update, context.t("broadcast-choose-audience"), reply_markup=InlineKeyboardMarkup(rows)
        )

    async def on_button(self, update: Update, context: JolContext) -> None:
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
            await self._stop(update, context, button.arg_int(0))
            return
        draft = self.drafts.by_user.get(user.id)
        if draft is None:
            await answer_query(update, context.t("broadcast-expired"), alert=True)
            return
        await answer_query(update)
        if button.action == "cancel":
            self.drafts.by_user.pop(user.id, None)
            await answer(update, context.t("broadcast-cancelled"))
        elif button.action == "aud" and button.args:
            await self._audience(update, context, draft, button.args)
        elif button.action == "mode" and button.args and draft.plan is not None:
            self._choose_mode(draft, button.args[0])
            await self._ask_next(update, context, draft)
        elif button.action == "skip" and draft.asking:
            draft.asking.pop(0)
            await self._ask_next(update, context, draft)
        elif button.action == "go" and not draft.asking and draft.audience is not None:
            await self._confirm(update, context, user.id, draft)
        else:
            await answer(update, context.t("broadcast-expired"))

    async def _audience(
        self, update: Update, context: JolContext, draft: Draft, args: tuple[str, ...]
    ) -> None:
        audience = Audience(args[0], args[1] if len(args) > 1 else None)
        try:
            plan = await _broadcasts(context).plan(audience)
        except UnknownAudience:
            await answer(update, context.t("broadcast-expired"))
            return
        if plan.total == 0:
            await answer(update, context.t("broadcast-no-recipients"))
            return
        draft.audience, draft.plan = audience, plan
        lines = [context.t("broadcast-audience-summary", total=plan.total)]
        lines += [
            context.t("broadcast-count-line", language=_language(lang), count=n)
            for lang, n in plan.by_language.items()
        ]
        lines += ["", context.t("broadcast-choose-mode")]
        keyboard = InlineKeyboardMarkup(
            [
                [_button(context, "broadcast-mode-one", "mode", "one")],
                [_button(context, "broadcast-mode-per-language", "mode", "per")],
                [_button(context, "broadcast-button-cancel", "cancel")],
            ]
        )
        await answer(update, "\n".join(lines), reply_markup=keyboard)

    @staticmethod
    def _choose_mode(draft: Draft, mode: str) -> None:
        assert draft.plan is not None
        draft.mode = mode
        draft.contents = {}
        draft.asking = [ONE_FOR_ALL] if mode == "one" else list(draft.plan.by_language)

    async def _ask_next(self, update: Update, context: JolContext, draft: Draft) -> None:
        if draft.asking:
            version = draft.asking[0]
            if version == ONE_FOR_ALL:
                await answer(update, context.t("broadcast-send-one"))
                return
            count = draft.plan.by_language.get(version, 0) if draft.plan else 0
            text = context.t("broadcast-send-language", language=_language(version), count=count)
            keyboard = InlineKeyboardMarkup(
                [
                    [_button(context, "broadcast-button-skip", "skip")],
                    [_button(context, "broadcast-button-cancel", "cancel")],
                ]
            )
            await answer(update, text, reply_markup=keyboard)
            return
        await self._preview(update, context, draft)

    async def receive(self, update: Update, context: JolContext) -> None:
        """The organizer's message for the version being asked for."""
        user = update.effective_user
        message = update.effective_message
        draft = self.drafts.by_user.get(user.id) if user else None
        if draft is None or message is None or not draft.asking or not context.is_admin:
            return
        content = _content(message)
        if content.is_empty:
            await answer(update, context.t("broadcast-empty"))
            return
        version = draft.asking[0]
        try:
            # The preview goes through the very transport the recipients' copies will.
            await _transport(context).send(message.chat_id, _rendered(content))
        except DeliveryError as exc:
            reason = html.escape(exc.description.removeprefix("Bad Request: "))
            await answer(update, context.t("broadcast-preview-failed", reason=reason))
            return
        draft.contents[version] = content
        draft.asking.pop(0)
        await self._ask_next(update, context, draft)

    async def _preview(self, update: Update, context: JolContext, draft: Draft) -> None:
        if not draft.contents or draft.audience is None:
            self.drafts.by_user.pop(update.effective_user.id, None)  # type: ignore[union-attr]
            await answer(update, context.t("broadcast-nothing-provided"))
            return
        plan = await _broadcasts(context).plan(draft.audience, set(draft.contents))
        draft.plan = plan
        lines = [context.t("broadcast-audience-summary", total=plan.total)]
        for lang, count in plan.by_language.items():
            version = plan.version_of.get(lang)
            if version is None:
                lines.append(
                    context.t("broadcast-plan-missing", language=_language(lang), count=count)
                )
            elif version == ONE_FOR_ALL:
                lines.append(
                    context.t("broadcast-count-line", language=_language(lang), count=count)
                )
            else:
                lines.append(
                    context.t(
                        "broadcast-plan-line",
                        language=_language(lang),
                        count=count,
                        version=_language(version),
                    )
                )
        lines += ["", context.t("broadcast-confirm-question", total=plan.total - plan.uncovered)]
        keyboard = InlineKeyboardMarkup(
            [
                [_button(context, "broadcast-button-confirm", "go")],
                [_button(context, "broadcast-button-cancel", "cancel")],
            ]
        )
        await answer(update, "\n".join(lines), reply_markup=keyboard)

    async def _confirm(
        self, update: Update, context: JolContext, user_id: int, draft: Draft
    ) -> None:
        assert draft.audience is not None
        self.drafts.by_user.pop(user_id, None)  # a second tap on "Send" finds no draft
        chat = update.effective_chat
        broadcasts = _broadcasts(context)
        try:
            broadcast_id, queued = await broadcasts.start(
                created_by=user_id,
                audience=draft.audience,
                contents=draft.contents,
                progress_chat_id=chat.id if chat else None,
            )
        except EmptyBroadcast:
            await answer(update, context.t("broadcast-empty"))
            return
        progress = await broadcasts.progress(broadcast_id)
        if chat is None or progress is None:
            return
        sent = await chat.send_message(
            _progress_text(context.services, context.lang, progress),
            reply_markup=_stop_keyboard(context.services, context.lang, broadcast_id),
        )
        await broadcasts.set_progress_message(broadcast_id, chat.id, sent.message_id)
        watch_progress(context.application, broadcast_id, context.lang)

    async def _stop(self, update: Update, context: JolContext, broadcast_id: int | None) -> None:
        if broadcast_id is None:
            await answer_query(update, context.t("button-expired"), alert=True)
            return
        await answer_query(update, context.t("broadcast-stopping"))
        await _broadcasts(context).stop(broadcast_id)

    async def outbox(self, update: Update, context: JolContext) -> None:
        """/outbox: what is waiting, what failed, and why."""
        if not context.is_admin:
            await answer(update, context.t("broadcast-not-allowed"))
            return
        services = context.services
        stats = await services.features["outbox"].stats()
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
        if stats.next_due is not None:
            when = stats.next_due.astimezone(services.settings.zone).strftime("%Y-%m-%d %H:%M %Z")
            lines.append(context.t("outbox-next-due", when=when))
        else:
            lines.append(context.t("outbox-nothing-due"))
        lines += [
            "",
            context.t("outbox-last-errors") if stats.last_errors else context.t("outbox-no-errors"),
        ]
        for when, kind, chat_id, error in stats.last_errors:
            lines.append(
                context.t(
                    "outbox-error-line",
                    when=when.astimezone(services.settings.zone).strftime("%m-%d %H:%M"),
                    kind=kind,
                    chat=str(chat_id),
                    error=html.escape(error),
                )
            )
        await answer(update, "\n".join(lines))


def _count_button(
    context: JolContext, key: str, count: int, action: str, *args: object
) -> InlineKeyboardButton:
    data = callbacks.encode(FEATURE, action, *args)
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


def _transport(context: JolContext) -> TelegramTransport:
    return context.services.features["transport"]  # type: ignore[no-any-return]


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
    data = callbacks.encode(FEATURE, "stop", broadcast_id)
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
    progress = await _broadcasts(context).progress(data["id"])
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


def handlers() -> list[BaseHandler[Any, Any, Any]]:
    flow = BroadcastFlow()
    private = filters.ChatType.PRIVATE
    return [
        CommandHandler("broadcast", flow.start, filters=private),
        CommandHandler("outbox", flow.outbox, filters=private),
        CallbackQueryHandler(flow.on_button, pattern=callbacks.pattern(FEATURE)),
        MessageHandler(private & ~filters.COMMAND & flow.drafts, flow.receive),
    ]


async def setup(app: Application[Any, Any, Any, Any, Any, Any], services: Services) -> None:
    """Open the outbox, start the sender and its timers, resume progress messages."""
    settings = services.settings
    quiet = QuietHours(settings.quiet_window, settings.zone)
    outbox = Outbox(services.db, services.clock, quiet)
    transport = TelegramTransport.from_settings(settings)
    await transport.start()
    sender = build_sender(settings, services.db, services.clock, transport)

    async def forget(user_id: int) -> None:
        services.users.forget_cached(user_id)

    sender.add_blocked_listener(forget)
    if services.db.is_sqlite:
        # With SQLite this is the only sender: rows left "sending" were ours.
        await sender.release_orphans()
    broadcasts = Broadcasts(services.db, services.clock, outbox)
    services.features.update(
        outbox=outbox, sender=sender, transport=transport, broadcasts=broadcasts
    )
    if app.job_queue is None:
        sender.start(poll_seconds=5.0)
    else:
        jobs = DeliveryJobs(app.job_queue, sender, outbox, services.clock)
        services.features["delivery_jobs"] = jobs
        jobs.start()
        for broadcast_id in await broadcasts.unfinished():
            watch_progress(app, broadcast_id, settings.default_locale)


async def teardown(app: Application[Any, Any, Any, Any, Any, Any], services: Services) -> None:
    jobs: DeliveryJobs | None = services.features.get("delivery_jobs")
    if jobs is not None:
        await jobs.stop()
    else:
        await services.features["sender"].stop()
    await services.features["transport"].stop()
