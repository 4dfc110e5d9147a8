"""Organizer tools: /newevent wizard, publish, edit, cancel, registrations, CSV, /checkin, report.

Every action checks `services.is_admin` again, button presses included: a
forwarded or forged button must not give anyone organizer rights.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, InputFile, Message, Update
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    filters,
)

from bot import callbacks
from bot.context import JolContext
from bot.handlers.common import answer, answer_query
from bot.handlers.events import AwaitingInput, registry
from registry import (
    CheckInResult,
    EditResult,
    Event,
    EventDraft,
    EventStatus,
    EventText,
    Mode,
    RegStatus,
    render,
)
from registry.csvexport import door_list_csv
from registry.models import is_http_url
from registry.timeparse import TimeError, local_text, parse_local, zone

log = logging.getLogger(__name__)

COMMANDS = [("newevent", "cmd-newevent"), ("checkin", "cmd-checkin")]
ZONES = ("Europe/Vilnius", "Europe/Riga", "Asia/Almaty")


class Invalid(ValueError):
    """An answer the wizard cannot use; `key` names the message that explains why."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


@dataclass(frozen=True, slots=True)
class Step:
    name: str
    optional: bool = False
    # Skip this step when the answers so far make it pointless (no venue → no address).
    needed: Callable[[dict[str, Any]], bool] = lambda data: True
    choices: tuple[str, ...] = ()


STEPS = (
    Step("title"),
    Step("description", optional=True),
    Step("timezone", choices=ZONES),
    Step("start"),
    Step("duration", optional=True),
    Step("venue", optional=True),
    Step("address", needed=lambda d: bool(d.get("venue"))),
    Step("capacity", needed=lambda d: bool(d.get("venue"))),
    Step("phone", needed=lambda d: bool(d.get("venue")), choices=("yes", "no")),
    Step("zoom_id", optional=True),
    Step("zoom_passcode", optional=True, needed=lambda d: bool(d.get("zoom_id"))),
    Step("online_url", optional=True),
    Step("livestream_url", optional=True),
    Step("deadline", optional=True),
    Step("contact", optional=True),
)
STEP_BY_NAME = {s.name: s for s in STEPS}
# Fields an organizer can change on a published event, in button order.
EDIT_FIELDS = ("title", "start", "venue", "address", "capacity", "online_url", "livestream_url")


@dataclass(slots=True)
class Wizard:
    lang: str
    data: dict[str, Any] = field(default_factory=dict)
    index: int = 0
    # Set when editing one field of an existing event.
    edit_event: int | None = None
    edit_field: str | None = None


def _text(value: str, limit: int) -> str:
    text = " ".join(value.split()) if limit <= 300 else value.strip()
    if not text or len(text) > limit:
        raise Invalid("org-invalid-text")
    return text


def parse_answer(name: str, value: str, data: dict[str, Any], now: datetime) -> Any:
    """Validate one typed answer; raises Invalid with the message key to show."""
    value = value.strip()
    if name == "title":
        return _text(value, 200)
    if name == "description":
        return _text(value, 3000)
    if name in ("venue", "address", "contact", "zoom_id", "zoom_passcode"):
        return _text(value, {"address": 300, "zoom_id": 40, "zoom_passcode": 40}.get(name, 200))
    if name == "timezone":
        try:
            zone(value)
        except TimeError as exc:
            raise Invalid("org-invalid-zone") from exc
        return value
    if name in ("start", "deadline"):
        try:
            when = parse_local(value, data.get("timezone", "Europe/Vilnius"), now)
        except TimeError as exc:
            raise Invalid(f"org-invalid-date-{exc.reason}") from exc
        if name == "deadline" and "start" in data and when >= data["start"]:
            raise Invalid("org-invalid-deadline")
        return when
    if name in ("duration", "capacity"):
        if not value.isdigit() or len(value) > 5:
            raise Invalid("org-invalid-number")
        number = int(value)
        if name == "duration" and not 1 <= number <= 24 * 60:
            raise Invalid("org-invalid-number")
        return number
    if name in ("online_url", "livestream_url"):
        if not is_http_url(value):
            raise Invalid("org-invalid-url")
        return value
    if name == "phone":
        return value == "yes"
    raise Invalid("org-invalid-text")


def allowed(update: Update, context: JolContext) -> bool:
    user = update.effective_user
    return context.services.is_admin(user.id if user else None)


async def refuse(update: Update, context: JolContext) -> None:
    if update.callback_query is not None:
        await answer_query(update, context.t("org-not-allowed"), alert=True)
    else:
        await answer(update, context.t("org-not-allowed"))


def _b(
    context: JolContext, key: str, action: str, *args: object, **fmt: Any
) -> InlineKeyboardButton:
    return InlineKeyboardButton(
        context.t(key, **fmt), callback_data=callbacks.encode("org", action, *args)
    )


def organizer_rows(context: JolContext, event: Event) -> list[list[InlineKeyboardButton]]:
    """The organizer's buttons under an event card."""
    if event.status == EventStatus.DRAFT:
        return [[_b(context, "org-button-publish", "pub", event.id)]]
    rows = [[_b(context, "org-button-registrations", "rg", event.id)]]
    if event.status == EventStatus.PUBLISHED:
        rows.append(
            [
                _b(context, "org-button-edit", "ed", event.id),
                _b(context, "org-button-cancel-event", "cx", event.id),
            ]
        )
    return rows


# ----- the wizard ---------------------------------------------------------------------------


async def new_event(update: Update, context: JolContext, wizards: dict[int, Wizard]) -> None:
    """/newevent: the first question."""
    if not allowed(update, context):
        await refuse(update, context)
        return
    user = update.effective_user
    assert user is not None
    wizards[user.id] = Wizard(context.lang)
    await answer(update, context.t("org-new-intro"))
    await ask(update, context, wizards[user.id])


async def ask(update: Update, context: JolContext, wizard: Wizard) -> None:
    step = STEPS[wizard.index]
    rows = []
    if step.name == "timezone":
        rows = [[_b(context, "org-zone", "tz", i, zone=z)] for i, z in enumerate(ZONES)]
    elif step.name == "phone":
        rows = [[_b(context, "org-yes", "yes"), _b(context, "org-no", "no")]]
    elif step.optional and wizard.edit_event is None:
        rows = [[_b(context, "org-skip", "skip")]]
    zone_name = wizard.data.get("timezone", "Europe/Vilnius")
    await answer(
        update,
        context.t(f"org-ask-{step.name.replace('_', '-')}", zone=zone_name),
        reply_markup=InlineKeyboardMarkup(rows) if rows else None,
    )


async def wizard_input(update: Update, context: JolContext, wizards: dict[int, Wizard]) -> None:
    """A typed answer to the current question."""
    user = update.effective_user
    message = update.effective_message
    if user is None or message is None or user.id not in wizards:
        return
    if not allowed(update, context):
        wizards.pop(user.id, None)
        await refuse(update, context)
        return
    await take_answer(update, context, wizards, message.text or "")


async def take_answer(
    update: Update, context: JolContext, wizards: dict[int, Wizard], value: str | None
) -> None:
    user = update.effective_user
    assert user is not None
    wizard = wizards[user.id]
    step = STEPS[wizard.index]
    now = context.services.clock.now()
    if value is None:
        wizard.data[step.name] = None
    else:
        try:
            wizard.data[step.name] = parse_answer(step.name, value, wizard.data, now)
        except Invalid as exc:
            # Same question again: the organizer can simply type a corrected answer.
            await answer(update, context.t(exc.key, zone=wizard.data.get("timezone", "")))
            await ask(update, context, wizard)
            return
    if wizard.edit_event is not None:
        wizards.pop(user.id, None)
        await apply_edit(update, context, wizard)
        return
    wizard.index += 1
    while wizard.index < len(STEPS) and not STEPS[wizard.index].needed(wizard.data):
        wizard.index += 1
    if wizard.index < len(STEPS):
        await ask(update, context, wizard)
        return
    wizards.pop(user.id, None)
    await preview(update, context, wizard)


def draft_from(wizard: Wizard) -> EventDraft:
    d = wizard.data
    return EventDraft(
        texts={wizard.lang: EventText(wizard.lang, d["title"], d.get("description") or "")},
        start_at=d["start"],
        timezone=d["timezone"],
        duration_minutes=d.get("duration") or 120,
        default_language=wizard.lang,
        venue_name=d.get("venue"),
        venue_address=d.get("address"),
        capacity=d.get("capacity") if d.get("venue") else None,
        phone_required=bool(d.get("phone")),
        zoom_id=d.get("zoom_id"),
        zoom_passcode=d.get("zoom_passcode"),
        online_url=d.get("online_url"),
        livestream_url=d.get("livestream_url"),
        registration_deadline=d.get("deadline"),
        contact=d.get("contact"),
    )


async def preview(update: Update, context: JolContext, wizard: Wizard) -> None:
    """Save as a draft and show it as people will see it, with Publish and Discard."""
    user = update.effective_user
    event = await registry(context).create(draft_from(wizard), created_by=user.id if user else None)
    text = (
        context.t("org-preview")
        + "\n\n"
        + render.card(context.services.t, context.lang, event, None)
    )
    keyboard = InlineKeyboardMarkup(
        [
            [
                _b(context, "org-button-publish", "pub", event.id),
                _b(context, "org-button-discard", "del", event.id),
            ]
        ]
    )
    await answer(update, text, reply_markup=keyboard)


async def wizard_button(update: Update, context: JolContext, wizards: dict[int, Wizard]) -> None:
    """org:v1:skip | tz:<i> | yes | no: answers given with a button."""
    if not allowed(update, context):
        await refuse(update, context)
        return
    button = callbacks.parse(update.callback_query.data if update.callback_query else None)
    user = update.effective_user
    wizard = wizards.get(user.id) if user else None
    if button is None or wizard is None:
        await answer_query(update, context.t("button-expired"), alert=True)
        return
    step = STEPS[wizard.index]
    value: str | None
    if button.action == "skip" and step.optional:
        value = None
    elif button.action == "tz" and step.name == "timezone":
        index = button.arg_int()
        if index is None or index >= len(ZONES):
            await answer_query(update, context.t("button-expired"), alert=True)
            return
        value = ZONES[index]
    elif button.action in ("yes", "no") and step.name == "phone":
        value = button.action
    else:
        await answer_query(update, context.t("button-expired"), alert=True)
        return
    await answer_query(update)
    await take_answer(update, context, wizards, value)


async def cancel_wizard(update: Update, context: JolContext, wizards: dict[int, Wizard]) -> None:
    """/cancel while the wizard runs."""
    user = update.effective_user
    if user is not None and wizards.pop(user.id, None) is not None:
        await answer(update, context.t("org-wizard-cancelled"))
    else:
        await answer(update, context.t("org-nothing-to-cancel"))


# ----- actions on an event -------------------------------------------------------------------


def _event_id(update: Update) -> tuple[str, int | None, tuple[str, ...]]:
    button = callbacks.parse(update.callback_query.data if update.callback_query else None)
    if button is None:
        return "", None, ()
    return button.action, button.arg_int(), button.args


async def event_button(update: Update, context: JolContext, wizards: dict[int, Wizard]) -> None:
    """org:v1:<pub|del|ed|ef|cx|cxy|rg|csv|rep|ci>:<id>…"""
    if not allowed(update, context):
        await refuse(update, context)
        return
    action, target, args = _event_id(update)
    reg = registry(context)
    if target is None:
        await answer_query(update, context.t("event-not-found"), alert=True)
        return
    if action == "ci":
        await check_in_button(update, context, target)
        return
    event = await reg.get(target)
    if event is None:
        await answer_query(update, context.t("event-not-found"), alert=True)
        return
    await answer_query(update)
    if action == "pub":
        published = await reg.publish(target)
        if published is None:
            await answer(update, context.t("event-closed"))
            return
        link = f"https://t.me/{context.services.bot_username}?start=event-{target}"
        await answer(
            update, context.t("org-published", title=render.title(event, context.lang), link=link)
        )
    elif action == "del":
        if event.status == EventStatus.DRAFT:
            await reg.cancel_event(target)
        await answer(update, context.t("org-discarded"))
    elif action == "ed":
        rows = [
            [_b(context, f"org-field-{f.replace('_', '-')}", "ef", target, f)] for f in EDIT_FIELDS
        ]
        await answer(update, context.t("org-edit-choose"), reply_markup=InlineKeyboardMarkup(rows))
    elif action == "ef":
        name = args[1] if len(args) > 1 else ""
        if name not in EDIT_FIELDS or event.status != EventStatus.PUBLISHED:
            await answer(update, context.t("button-expired"))
            return
        user = update.effective_user
        assert user is not None
        wizard = Wizard(
            context.lang,
            {"timezone": event.timezone, "start": event.start_at},
            edit_event=target,
            edit_field=name,
        )
        wizard.index = [s.name for s in STEPS].index(name)
        wizards[user.id] = wizard
        current = _current_value(event, name, context.lang)
        await answer(update, context.t("org-edit-current", value=current))
        await ask(update, context, wizard)
    elif action == "cx":
        keyboard = InlineKeyboardMarkup([[_b(context, "org-button-cancel-confirm", "cxy", target)]])
        await answer(
            update,
            context.t("org-cancel-ask", title=render.title(event, context.lang)),
            reply_markup=keyboard,
        )
    elif action == "cxy":
        notified = await reg.cancel_event(target)
        await answer(
            update,
            context.t(
                "org-cancelled", title=render.title(event, context.lang), count=notified or 0
            ),
        )
    elif action == "rg":
        await registrations_view(update, context, event)
    elif action == "csv":
        data = door_list_csv(await reg.door_list(target))
        chat = update.effective_chat
        if chat is not None:
            await chat.send_document(
                InputFile(data, filename=f"door-list-event-{target}.csv"),
                caption=context.t("org-csv-caption", title=render.title(event, context.lang)),
            )
    elif action == "rep":
        report = await reg.report(target)
        assert report is not None
        by_language = ", ".join(f"{k}: {v}" for k, v in report.by_language.items()) or "—"
        await answer(
            update,
            context.t(
                "org-report",
                title=render.title(event, context.lang),
                when=render.when(event),
                registered=report.registered,
                attended=report.attended,
                no_shows=report.no_shows,
                offline=report.offline,
                online=report.online,
                languages=by_language,
            ),
        )
    else:
        await answer(update, context.t("button-expired"))


def _current_value(event: Event, name: str, lang: str) -> str:
    from html import escape

    value = {
        "title": event.text(lang).title,
        "start": local_text(event.start_at, event.timezone),
        "venue": event.venue_name,
        "address": event.venue_address,
        "capacity": event.capacity,
        "online_url": event.online_url,
        "livestream_url": event.livestream_url,
    }[name]
    return escape("—" if value is None else str(value), quote=False)


async def apply_edit(update: Update, context: JolContext, wizard: Wizard) -> None:
    assert wizard.edit_event is not None and wizard.edit_field is not None
    name = wizard.edit_field
    value = wizard.data[name]
    column = {"start": "start_at", "venue": "venue_name", "address": "venue_address"}.get(
        name, name
    )
    if name == "title":
        outcome = await registry(context).edit(
            wizard.edit_event, texts=[EventText(wizard.lang, value, _desc(wizard))]
        )
    else:
        outcome = await registry(context).edit(wizard.edit_event, {column: value})
    if outcome.result == EditResult.CAPACITY_BELOW_TAKEN:
        await answer(update, context.t("org-capacity-below", taken=outcome.seats_taken))
        return
    if outcome.result != EditResult.SAVED:
        await answer(update, context.t("event-closed"))
        return
    await answer(update, context.t("org-edit-saved", count=outcome.notified))


def _desc(wizard: Wizard) -> str:
    return str(wizard.data.get("description") or "")


async def registrations_view(update: Update, context: JolContext, event: Event) -> None:
    """Counts, the door list with check-in buttons, CSV and report."""
    reg = registry(context)
    counts = await reg.counts(event.id)
    assert counts is not None
    lines = [
        context.t(
            "org-counts",
            title=render.title(event, context.lang),
            taken=counts.seats_taken,
            capacity=str(event.capacity) if event.capacity is not None else "—",
            waiting=counts.waiting,
            online=counts.online,
            cancelled=counts.cancelled,
            checked_in=counts.checked_in,
        )
    ]
    rows = []
    door = [
        r
        for r in await reg.door_list(event.id)
        if r.mode == Mode.OFFLINE and r.status == RegStatus.CONFIRMED and r.checked_in_at is None
    ]
    for r in door[:30]:
        rows.append([_b(context, "org-button-checkin", "ci", r.id, name=r.name[:30], code=r.code)])
    rows.append(
        [
            _b(context, "org-button-csv", "csv", event.id),
            _b(context, "org-button-report", "rep", event.id),
        ]
    )
    await answer(update, "\n".join(lines), reply_markup=InlineKeyboardMarkup(rows))


async def check_in_button(update: Update, context: JolContext, registration_id: int) -> None:
    registration = await registry(context).registration(registration_id)
    if registration is None:
        await answer_query(update, context.t("event-not-found"), alert=True)
        return
    await answer_query(update)
    result, found = await registry(context).check_in(registration.event_id, registration.code)
    await _say_check_in(update, context, result, found)


async def checkin_command(update: Update, context: JolContext) -> None:
    """/checkin CODE"""
    if not allowed(update, context):
        await refuse(update, context)
        return
    code = context.args[0] if context.args else ""
    if not code.isalnum() or len(code) > 8:
        await answer(update, context.t("org-checkin-usage"))
        return
    result, found = await registry(context).check_in_by_code(code)
    await _say_check_in(update, context, result, found)


async def _say_check_in(
    update: Update, context: JolContext, result: CheckInResult, found: Any
) -> None:
    from html import escape

    name = escape(found.name, quote=False) if found is not None else ""
    key = {
        CheckInResult.CHECKED_IN: "org-checkin-ok",
        CheckInResult.ALREADY: "org-checkin-already",
        CheckInResult.NOT_FOUND: "org-checkin-not-found",
        CheckInResult.NOT_CONFIRMED: "org-checkin-not-confirmed",
    }[result]
    await answer(update, context.t(key, name=name))


class _WizardFilter(AwaitingInput):
    def filter(self, message: Message) -> bool:
        return super().filter(message)


def handlers() -> list[BaseHandler]:  # type: ignore[type-arg]
    private = filters.ChatType.PRIVATE
    wizards: dict[int, Wizard] = {}
    waiting = _WizardFilter(wizards)
    return [
        CommandHandler("newevent", partial(new_event, wizards=wizards), filters=private),
        CommandHandler("checkin", checkin_command, filters=private),
        CommandHandler(
            "cancel", partial(cancel_wizard, wizards=wizards), filters=private & waiting
        ),
        CallbackQueryHandler(
            partial(wizard_button, wizards=wizards), pattern=r"^org:v1:(skip|tz|yes|no)(:|$)"
        ),
        CallbackQueryHandler(
            partial(event_button, wizards=wizards), pattern=callbacks.pattern("org")
        ),
        MessageHandler(
            private & waiting & filters.TEXT & ~filters.COMMAND,
            partial(wizard_input, wizards=wizards),
        ),
    ]
