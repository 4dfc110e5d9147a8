"""/newevent and field edits: the organizer's questions, one field at a time.

The questions follow `registry.fields.FIELDS`; each answer is checked by the
field itself and the finished draft by `EventDraft.problems` — the same rules
the file import uses. State lives in the database (`newevent`, `edit`
conversations), so a restart in the middle loses nothing.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import CallbackQueryHandler, CommandHandler, filters

from bot.context import JolContext
from bot.handlers.common import Feature, Flow, answer, answer_long, answer_query
from bot.handlers.conversation import cancel_button
from bot.handlers.event_card import card_text, organizer_button, organizer_rows
from core import callbacks
from core.conversations import Conversation
from registry import EditResult, Event, EventDraft, EventStatus, EventText
from registry import fields as F
from registry.render import escape
from registry.timeparse import local_text

log = logging.getLogger(__name__)

NEW, EDIT = "newevent", "edit"
# An organizer may come back to a half-made event the next day.
WIZARD_TTL = timedelta(days=2)
ZONES = ("Europe/Vilnius", "Europe/Riga", "Asia/Almaty")
DEFAULT_ZONE = ZONES[0]
# What the wizard asks, in order (everything but what the edit menu alone changes).
STEPS = tuple(f for f in F.FIELDS if f.asked)
# What Edit offers on a published event: every field but the time zone.
EDIT_FIELDS = tuple(f for f in F.FIELDS if f.asked and f.name != "timezone")


def allowed(update: Update, context: JolContext) -> bool:
    user = update.effective_user
    return context.services.is_admin(user.id if user else None)


async def refuse(update: Update, context: JolContext) -> None:
    if update.callback_query is not None:
        await answer_query(update, context.t("org-not-allowed"), alert=True)
    else:
        await answer(update, context.t("org-not-allowed"))


# ----- values in a JSON payload ---------------------------------------------------------


def _dump(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime) else value


def _load(field: F.Field, value: Any) -> Any:
    if field.kind == F.Kind.DATETIME and isinstance(value, str):
        return datetime.fromisoformat(value)
    return value


def _data(conv: Conversation) -> dict[str, Any]:
    raw: dict[str, Any] = conv.payload.get("data", {})
    return {name: _load(F.BY_NAME[name], v) for name, v in raw.items()}


def _payload(lang: str, data: dict[str, Any], **extra: Any) -> dict[str, Any]:
    dumped = {name: _dump(v) for name, v in data.items()}
    return {"lang": lang, "data": dumped, **extra}


def _needed(field: F.Field, data: dict[str, Any]) -> bool:
    return field.needs is None or data.get(field.needs) is not None


def _next_step(after: str | None, data: dict[str, Any]) -> F.Field | None:
    names = [f.name for f in STEPS]
    start = names.index(after) + 1 if after is not None else 0
    for field in STEPS[start:]:
        if _needed(field, data):
            return field
    return None


def _problem_key(problem: F.FieldProblem) -> str:
    reason = problem.reason
    if reason.startswith("date-"):
        return f"org-invalid-{reason}"
    return {
        "number": "org-invalid-number",
        "range": "org-invalid-range",
        "url": "org-invalid-url",
        "zone": "org-invalid-zone",
        "too-long": "org-invalid-too-long",
        "deadline-after-start": "org-invalid-deadline",
        "no-way-to-attend": "org-invalid-no-way-to-attend",
        "required": "org-invalid-required",
    }.get(reason, "org-invalid-text")


async def _say_problem(
    update: Update, context: JolContext, problem: F.FieldProblem, zone: str
) -> None:
    args = {"zone": zone, "minimum": 0, "maximum": 0, "length": 0}
    args.update({k: v for k, v in problem.args_.items() if isinstance(v, int)})
    await answer(update, context.t(_problem_key(problem), **args))


# ----- asking ---------------------------------------------------------------------------


async def ask(update: Update, context: JolContext, kind: str, field: F.Field, zone: str) -> None:
    """The question for `field`, with its buttons and a way out."""
    rows: list[list[InlineKeyboardButton]] = []
    if field.kind == F.Kind.ZONE:
        rows = [
            [organizer_button(context, "org-zone", "tz", i, zone=z)] for i, z in enumerate(ZONES)
        ]
    elif field.kind == F.Kind.YES_NO:
        rows = [
            [
                organizer_button(context, "org-yes", "yes"),
                organizer_button(context, "org-no", "no"),
            ]
        ]
    elif field.optional and kind == NEW:
        rows = [[organizer_button(context, "org-skip", "skip")]]
    rows.append([cancel_button(context, kind)])
    await answer(
        update,
        context.t(f"org-ask-{field.key}", zone=zone),
        reply_markup=InlineKeyboardMarkup(rows),
    )


async def new_event(update: Update, context: JolContext) -> None:
    """/newevent: the first question."""
    if not allowed(update, context):
        await refuse(update, context)
        return
    user = update.effective_user
    assert user is not None
    first = STEPS[0]
    await context.services.conversations.save(
        user.id, NEW, first.name, _payload(context.lang, {}), ttl=WIZARD_TTL
    )
    await answer(update, context.t("org-new-intro"))
    await ask(update, context, NEW, first, DEFAULT_ZONE)


async def typed(update: Update, context: JolContext, conv: Conversation) -> bool:
    """A typed answer to the wizard's or the edit's current question."""
    message = update.effective_message
    if message is None:
        return False
    if not allowed(update, context):
        await context.services.conversations.end(conv.user_id, conv.kind)
        await refuse(update, context)
        return True
    if not message.text:
        await answer(update, context.t("org-invalid-text"))
        return True
    await take(update, context, conv, message.text)
    return True


async def take(update: Update, context: JolContext, conv: Conversation, raw: str | None) -> None:
    """Check one answer; ask again on a problem, else go on (or save the edit)."""
    field = F.BY_NAME[conv.step]
    data = _data(conv)
    zone = str(data.get("timezone") or conv.payload.get("timezone") or DEFAULT_ZONE)
    if raw is None:
        value: Any = None
    else:
        try:
            value = F.parse_text(field, raw, timezone=zone, now=context.services.clock.now())
        except F.FieldProblem as problem:
            # Same question again: the organizer can simply type a corrected answer.
            await _say_problem(update, context, problem, zone)
            await ask(update, context, conv.kind, field, zone)
            return
    if conv.kind == EDIT:
        await apply_edit(update, context, conv, value)
        return
    data[field.name] = value
    lang = str(conv.payload["lang"])
    step = _next_step(field.name, data)
    conversations = context.services.conversations
    if step is not None:
        await conversations.save(conv.user_id, NEW, step.name, _payload(lang, data), ttl=WIZARD_TTL)
        await ask(update, context, NEW, step, str(data.get("timezone") or DEFAULT_ZONE))
        return
    draft = draft_from(lang, data)
    problems = draft.problems(context.services.clock.now())
    if problems:
        # Back to the first field with a problem, with the reason.
        first = problems[0]
        back = F.BY_NAME.get(first.field, STEPS[0])
        if back.per_language:
            back = F.BY_NAME["title"]
        await conversations.save(conv.user_id, NEW, back.name, _payload(lang, data), ttl=WIZARD_TTL)
        await _say_problem(update, context, first, draft.timezone)
        await ask(update, context, NEW, back, draft.timezone)
        return
    await conversations.end(conv.user_id, NEW)
    await preview(update, context, draft)


def draft_from(lang: str, data: dict[str, Any]) -> EventDraft:
    columns: dict[str, Any] = {
        f.name: data.get(f.name)
        for f in F.FIELDS
        if not f.per_language and f.name not in ("timezone", "start_at")
    }
    columns["duration_minutes"] = columns.get("duration_minutes") or 120
    columns["phone_required"] = bool(columns.get("phone_required"))
    return EventDraft(
        texts={lang: EventText(lang, data.get("title") or "", data.get("description") or "")},
        start_at=data["start_at"],
        timezone=data.get("timezone") or DEFAULT_ZONE,
        default_language=lang,
        **columns,
    )


async def preview(update: Update, context: JolContext, draft: EventDraft) -> None:
    """Save as a draft and show the real card, with Publish and Discard."""
    user = update.effective_user
    registry = context.services.registry
    event = await registry.create(draft, created_by=user.id if user else None)
    card = await registry.card(event.id, None)
    assert card is not None
    text = context.t("org-preview") + "\n\n" + card_text(context, card)
    await answer_long(
        update, text, reply_markup=InlineKeyboardMarkup(organizer_rows(context, card))
    )


async def button(update: Update, context: JolContext) -> None:
    """org:v1:skip | tz:<i> | yes | no: an answer given with a button."""
    if not allowed(update, context):
        await refuse(update, context)
        return
    parsed = callbacks.parse(update.callback_query.data if update.callback_query else None)
    user = update.effective_user
    conv = await context.services.conversations.current(user.id) if user else None
    if parsed is None or conv is None or conv.kind not in (NEW, EDIT):
        await answer_query(update, context.t("button-expired"), alert=True)
        return
    field = F.BY_NAME[conv.step]
    value: str | None
    if parsed.action == "skip" and field.optional and conv.kind == NEW:
        value = None
    elif parsed.action == "tz" and field.kind == F.Kind.ZONE:
        index = parsed.arg_int()
        if index is None or index >= len(ZONES):
            await answer_query(update, context.t("button-expired"), alert=True)
            return
        value = ZONES[index]
    elif parsed.action in ("yes", "no") and field.kind == F.Kind.YES_NO:
        value = parsed.action
    else:
        await answer_query(update, context.t("button-expired"), alert=True)
        return
    await answer_query(update)
    await take(update, context, conv, value)


# ----- editing one field of a published event ---------------------------------------------


def current_value(event: Event, field: F.Field, lang: str) -> str:
    if field.name == "title":
        value: Any = event.text(lang).title
    elif field.name == "description":
        value = event.text(lang).description or None
    elif field.kind == F.Kind.DATETIME:
        when = getattr(event, field.name)
        value = local_text(when, event.timezone) if when is not None else None
    else:
        value = getattr(event, field.name)
    if isinstance(value, bool):
        return "✓" if value else "—"
    return escape("—" if value is None else str(value))


async def edit_menu(update: Update, context: JolContext, event: Event) -> None:
    rows = [
        [organizer_button(context, f"org-field-{f.key}", "ef", event.id, f.key)]
        for f in EDIT_FIELDS
    ]
    await answer(update, context.t("org-edit-choose"), reply_markup=InlineKeyboardMarkup(rows))


async def start_edit(update: Update, context: JolContext, event: Event, key: str) -> None:
    field = F.BY_KEY.get(key)
    user = update.effective_user
    if field is None or field not in EDIT_FIELDS or event.status != EventStatus.PUBLISHED:
        await answer(update, context.t("button-expired"))
        return
    assert user is not None
    payload = {
        "lang": context.lang,
        "event_id": event.id,
        "timezone": event.timezone,
        "start_at": event.start_at.isoformat(),
    }
    await context.services.conversations.save(user.id, EDIT, field.name, payload, ttl=WIZARD_TTL)
    await answer(
        update, context.t("org-edit-current", value=current_value(event, field, context.lang))
    )
    await ask(update, context, EDIT, field, event.timezone)


async def apply_edit(update: Update, context: JolContext, conv: Conversation, value: Any) -> None:
    registry = context.services.registry
    field = F.BY_NAME[conv.step]
    event_id = int(conv.payload["event_id"])
    lang = str(conv.payload["lang"])
    event = await registry.get(event_id)
    if event is None:
        await context.services.conversations.end(conv.user_id, EDIT)
        await answer(update, context.t("event-not-found"))
        return
    if field.per_language:
        text = event.text(lang)
        title = value if field.name == "title" else text.title
        description = value if field.name == "description" else text.description
        outcome = await registry.edit(event_id, texts=[EventText(lang, title, description or "")])
    else:
        outcome = await registry.edit(event_id, {field.name: value})
    if outcome.result == EditResult.CAPACITY_BELOW_TAKEN:
        # The edit stays open: the organizer types a number that fits.
        await answer(update, context.t("org-capacity-below", taken=outcome.seats_taken))
        await ask(update, context, EDIT, field, event.timezone)
        return
    await context.services.conversations.end(conv.user_id, EDIT)
    if outcome.result != EditResult.SAVED:
        await answer(update, context.t("event-closed"))
        return
    await answer(update, context.t("org-edit-saved", count=outcome.notified))


PRIVATE = filters.ChatType.PRIVATE
_FLOW_FIELDS = {NEW: "org-wizard-cancelled", EDIT: "org-edit-cancelled"}

FEATURE = Feature(
    handlers=(
        CommandHandler("newevent", new_event, filters=PRIVATE),
        CallbackQueryHandler(button, pattern=r"^org:v1:(skip|tz|yes|no)(:|$)"),
    ),
    flows={kind: Flow(kind, typed, key) for kind, key in _FLOW_FIELDS.items()},
    organizer_commands=(("newevent", "cmd-newevent"),),
)
