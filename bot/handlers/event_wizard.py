"""/newevent and field edits: the organizer's questions, one at a time, with Back.

Which question comes next, what Back returns to and which languages have a title
is decided in `registry.wizard`; each answer is checked by its field
(`registry.fields`) and the finished draft by `EventDraft.problems` — the same rules
the file import uses. State lives in the database (`newevent`, `edit`
conversations), so a restart in the middle loses nothing.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import CallbackQueryHandler, CommandHandler, filters

from bot.context import JolContext
from bot.handlers.common import Feature, Flow, answer, answer_long, answer_query
from bot.handlers.conversation import cancel_button
from bot.handlers.event_card import card_text, organizer_button, organizer_rows, send_pin
from core import callbacks
from core.conversations import Conversation
from core.geo import GeoPoint
from core.languages import LANGUAGES, NATIVE_NAMES
from registry import EditResult, Event, EventDraft, EventStatus, EventText
from registry import fields as F
from registry.render import escape
from registry.timeparse import local_text
from registry.wizard import (
    DEFAULT_ZONE,
    LANGUAGES_STEP,
    Step,
    WizardState,
    language_statuses,
    step_of_problem,
)

log = logging.getLogger(__name__)

NEW, EDIT = "newevent", "edit"
# An organizer may come back to a half-made event the next day.
WIZARD_TTL = timedelta(days=2)
ZONES = ("Europe/Vilnius", "Europe/Riga", "Asia/Almaty")
# What Edit offers on a published event: every field but the time zone (texts: per language).
EDIT_FIELDS = tuple(f for f in F.FIELDS if f.asked and not f.per_language and f.name != "timezone")
# Optional values Edit can remove (nothing else depends on them).
CLEARABLE = frozenset(
    f.name
    for f in EDIT_FIELDS
    if f.optional
    and f.kind not in (F.Kind.NUMBER, F.Kind.YES_NO)
    and not any(other.needs == f.name for other in F.FIELDS)
)
# Changing these may leave the map pin at the old place.
PLACE = frozenset({"venue_name", "venue_address"})
TEXT_FIELD = {"title": F.BY_NAME["title"], "description": F.BY_NAME["description"]}


def allowed(update: Update, context: JolContext) -> bool:
    user = update.effective_user
    return context.services.is_admin(user.id if user else None)


async def refuse(update: Update, context: JolContext) -> None:
    if update.callback_query is not None:
        await answer_query(update, context.t("org-not-allowed"), alert=True)
    else:
        await answer(update, context.t("org-not-allowed"))


def _field(step: Step) -> F.Field:
    return TEXT_FIELD[step.name] if step.is_text else F.BY_NAME[step.name]


def _problem_key(problem: F.FieldProblem) -> str:
    reason = problem.reason
    if reason.startswith("date-"):
        return f"org-invalid-{reason}"
    return {
        "number": "org-invalid-number",
        "range": "org-invalid-range",
        "url": "org-invalid-url",
        "zone": "org-invalid-zone",
        "too-long": "wiz-invalid-too-long",
        "deadline-after-start": "org-invalid-deadline",
        "no-way-to-attend": "org-invalid-no-way-to-attend",
        "required": "org-invalid-required",
        "location": "wiz-invalid-location",
        "needs": "wiz-invalid-needs",
    }.get(reason, "org-invalid-text")


async def _say_problem(
    update: Update, context: JolContext, problem: F.FieldProblem, zone: str
) -> None:
    args = {"zone": zone, "minimum": 0, "maximum": 0, "length": 0}
    args.update({k: v for k, v in problem.args_.items() if isinstance(v, int)})
    await answer(update, context.t(_problem_key(problem), **args))


def _language(code: str | None) -> str:
    return NATIVE_NAMES.get(code or "", code or "")


def shown_value(context: JolContext, field: F.Field, value: Any, timezone: str) -> str:
    """An answer as the organizer reads it back ("Now: …"), escaped."""
    if field.kind == F.Kind.DATETIME and value is not None:
        value = local_text(value, timezone)
    if isinstance(value, GeoPoint):
        value = value.text()
    if isinstance(value, bool):
        return context.t("org-yes" if value else "org-no")
    return escape("—" if value is None or value == "" else str(value))


# ----- asking ---------------------------------------------------------------------------


def _question(context: JolContext, step: Step, zone: str) -> str:
    if step.name == "title":
        return context.t("wiz-ask-title", language=_language(step.language), maximum=F.TITLE_MAX)
    if step.name == "description":
        return context.t("wiz-ask-description", language=_language(step.language))
    return context.t(f"org-ask-{F.BY_NAME[step.name].key}", zone=zone)


# Fields whose wizard question offers Skip: Edit words them without it.
EDIT_WORDED = frozenset(
    (
        "duration",
        "venue",
        "zoom-id",
        "zoom-passcode",
        "online-url",
        "livestream-url",
        "deadline",
        "contact",
        "location",
    )
)


def _edit_question(context: JolContext, step: Step, zone: str) -> str:
    """Edit's question: the wizard's, without "or tap Skip" (Edit has no Skip)."""
    key = F.BY_NAME[step.name].key
    if key in EDIT_WORDED:
        return context.t(f"org-edit-ask-{key}", zone=zone)
    return _question(context, step, zone)


def _answer_rows(
    context: JolContext, field: F.Field, *, skip: bool, keep: bool, clear: bool
) -> list[list[InlineKeyboardButton]]:
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
    extra = []
    if keep:
        extra.append(organizer_button(context, "wiz-button-keep", "keep"))
    if skip and field.optional and field.kind not in (F.Kind.ZONE, F.Kind.YES_NO):
        extra.append(organizer_button(context, "org-skip", "skip"))
    if clear:
        extra.append(organizer_button(context, "wiz-button-clear", "clr"))
    if extra:
        rows.append(extra)
    return rows


def _way_out(context: JolContext, kind: str, can_back: bool) -> list[InlineKeyboardButton]:
    row = [organizer_button(context, "wiz-button-back", "back")] if can_back else []
    return [*row, cancel_button(context, kind)]


async def ask_new(update: Update, context: JolContext, state: WizardState, step: Step) -> None:
    """The wizard's question for `step`: its buttons, the answer so far, Back and Cancel."""
    if step.name == LANGUAGES_STEP:
        await ask_languages(update, context, state)
        return
    field = _field(step)
    text = _question(context, step, state.timezone)
    value = state.value(step)
    if value is not None:
        text += "\n\n" + context.t(
            "wiz-now", value=shown_value(context, field, value, state.timezone)
        )
    rows = _answer_rows(context, field, skip=True, keep=value is not None, clear=False)
    rows.append(_way_out(context, NEW, bool(state.history)))
    await answer(update, text, reply_markup=InlineKeyboardMarkup(rows))


def _status_lines(context: JolContext, titles: dict[str, str], default: str) -> str:
    lines = []
    for status in language_statuses(titles, default):
        if status.filled:
            lines.append(
                context.t(
                    "wiz-language-filled",
                    language=_language(status.language),
                    title=escape(status.title or ""),
                )
            )
        else:
            lines.append(
                context.t(
                    "wiz-language-missing",
                    language=_language(status.language),
                    shown=_language(status.shown),
                )
            )
    return "\n".join(lines)


def _language_buttons(
    context: JolContext, titles: dict[str, str], action: str, *args: object
) -> list[list[InlineKeyboardButton]]:
    buttons = [
        organizer_button(
            context,
            "wiz-button-change" if lang in titles else "wiz-button-add",
            action,
            *args,
            lang,
            language=_language(lang),
        )
        for lang in LANGUAGES
    ]
    return [buttons[:2], buttons[2:]]


async def ask_languages(update: Update, context: JolContext, state: WizardState) -> None:
    """Which languages have a title; add another, or go on to the time and place."""
    titles = state.titles()
    text = context.t("wiz-languages", lines=_status_lines(context, titles, state.primary))
    rows = _language_buttons(context, titles, "wl")
    rows.append([organizer_button(context, "wiz-button-continue", "wc")])
    rows.append(_way_out(context, NEW, bool(state.history)))
    await answer(update, text, reply_markup=InlineKeyboardMarkup(rows))


async def _save(context: JolContext, user_id: int, state: WizardState, step: Step) -> None:
    await context.services.conversations.save(
        user_id, NEW, step.code(), state.to_payload(context.lang), ttl=WIZARD_TTL
    )


async def new_event(update: Update, context: JolContext) -> None:
    """/newevent: the first question, in the organizer's language."""
    if not allowed(update, context):
        await refuse(update, context)
        return
    user = update.effective_user
    assert user is not None
    state = WizardState(primary=context.lang)
    first = state.first()
    await _save(context, user.id, state, first)
    await answer(update, context.t("org-new-intro"))
    await ask_new(update, context, state, first)


# ----- answers --------------------------------------------------------------------------

# A button that keeps the answer given before (after Back), rather than a new one.
KEEP = object()


async def typed(update: Update, context: JolContext, conv: Conversation) -> bool:
    """A typed answer (or a shared location) to the wizard's or the edit's question."""
    message = update.effective_message
    if message is None:
        return False
    if not allowed(update, context):
        await context.services.conversations.end(conv.user_id, conv.kind)
        await refuse(update, context)
        return True
    if message.location is not None:
        point = GeoPoint.of(message.location.latitude, message.location.longitude)
        await take(update, context, conv, point, parsed=True)
        return True
    if not message.text:
        await answer(update, context.t("org-invalid-text"))
        await _ask_again(update, context, conv)
        return True
    await take(update, context, conv, message.text)
    return True


async def _ask_again(update: Update, context: JolContext, conv: Conversation) -> None:
    if conv.kind == NEW:
        state = WizardState.from_payload(conv.payload)
        await ask_new(update, context, state, state.step(conv.step))
    else:
        await _ask_edit(update, context, conv.payload, Step.decode(conv.step))


def _parse(step: Step, raw: Any, zone: str, context: JolContext, *, parsed: bool) -> Any:
    """The value to keep for `raw`: FieldProblem when it does not fit the question."""
    field = _field(step)
    if parsed:  # a location shared from the attachment menu
        if field.kind != F.Kind.LOCATION:
            raise F.FieldProblem(field.name, "text", maximum=field.max_length)
        if raw is None:
            raise F.FieldProblem(field.name, "location")
        return raw
    if raw is None or raw is KEEP:
        return raw
    return F.parse_text(field, raw, timezone=zone, now=context.services.clock.now())


async def take(
    update: Update, context: JolContext, conv: Conversation, raw: Any, *, parsed: bool = False
) -> None:
    """Check one answer; ask again on a problem, else go on (or save the edit)."""
    if conv.kind == EDIT:
        await take_edit(update, context, conv, raw, parsed=parsed)
        return
    state = WizardState.from_payload(conv.payload)
    step = state.step(conv.step)
    if step.name == LANGUAGES_STEP:
        await answer(update, context.t("wiz-languages-tap"))
        await ask_new(update, context, state, step)
        return
    try:
        value = _parse(step, raw, state.timezone, context, parsed=parsed)
    except F.FieldProblem as problem:
        # Same question again: the organizer can simply type a corrected answer.
        await _say_problem(update, context, problem, state.timezone)
        await ask_new(update, context, state, step)
        return
    if value is not KEEP:
        state.record(step, value)
    await go_on(update, context, conv.user_id, state, state.advance(step))


async def go_on(
    update: Update, context: JolContext, user_id: int, state: WizardState, step: Step | None
) -> None:
    """Ask `step`; at the end, check the whole draft and show the preview."""
    if step is not None:
        await _save(context, user_id, state, step)
        await ask_new(update, context, state, step)
        return
    draft = state.draft()
    problems = draft.problems(context.services.clock.now())
    if problems:
        # Back to the first field with a problem, with the reason; Back returns here.
        first = problems[0]
        target = step_of_problem(first, state.primary)
        await _save(context, user_id, state, target)
        await _say_problem(update, context, first, draft.timezone)
        await ask_new(update, context, state, target)
        return
    await context.services.conversations.end(user_id, NEW)
    await preview(update, context, draft)


async def preview(update: Update, context: JolContext, draft: EventDraft) -> None:
    """Save as a draft and show the real card (and its pin), with Publish and Discard."""
    user = update.effective_user
    registry = context.services.registry
    event = await registry.create(draft, created_by=user.id if user else None)
    card = await registry.card(event.id, None)
    assert card is not None
    text = context.t("org-preview") + "\n\n" + card_text(context, card)
    titles = {lang: t.title for lang, t in event.texts.items()}
    text += "\n\n" + context.t(
        "wiz-languages-summary", lines=_status_lines(context, titles, event.default_language)
    )
    await answer_long(
        update, text, reply_markup=InlineKeyboardMarkup(organizer_rows(context, card))
    )
    await send_pin(update, event)


async def button(update: Update, context: JolContext) -> None:
    """org:v1:skip|tz:<i>|yes|no|keep|clr|back|wl:<lang>|wc: an answer given with a button."""
    if not allowed(update, context):
        await refuse(update, context)
        return
    parsed = callbacks.parse(update.callback_query.data if update.callback_query else None)
    user = update.effective_user
    conv = await context.services.conversations.current(user.id) if user else None
    if parsed is None or conv is None or conv.kind not in (NEW, EDIT):
        await answer_query(update, context.t("button-expired"), alert=True)
        return
    step = Step.decode(conv.step)
    if parsed.action == "back":
        await answer_query(update)
        await go_back(update, context, conv)
        return
    if step.name == LANGUAGES_STEP:
        if conv.kind != NEW or parsed.action not in ("wl", "wc"):
            await answer_query(update, context.t("button-expired"), alert=True)
            return
        await answer_query(update)
        await _languages_choice(update, context, conv, parsed.args)
        return
    field = _field(step)
    value: Any
    skips = parsed.action == "skip" and field.optional and conv.kind == NEW
    clears = parsed.action == "clr" and conv.kind == EDIT and _clearable(step)
    if skips or clears:
        value = None
    elif parsed.action == "keep":
        value = KEEP
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


async def _languages_choice(
    update: Update, context: JolContext, conv: Conversation, args: tuple[str, ...]
) -> None:
    """wl:<lang>: write (or change) that language's title; wc: go on to the time and place."""
    state = WizardState.from_payload(conv.payload)
    here = Step(LANGUAGES_STEP)
    if not args:
        await go_on(update, context, conv.user_id, state, state.advance(here))
        return
    lang = args[0]
    if lang not in LANGUAGES:
        await ask_new(update, context, state, here)
        return
    await go_on(update, context, conv.user_id, state, state.jump(here, Step("title", lang)))


async def go_back(update: Update, context: JolContext, conv: Conversation) -> None:
    """⬅️ Back: the question before, with the answer given then (kept unless replaced)."""
    if conv.kind == EDIT:
        await edit_back(update, context, conv)
        return
    state = WizardState.from_payload(conv.payload)
    previous = state.back()
    if previous is None:
        await answer(update, context.t("wiz-first-question"))
        await ask_new(update, context, state, state.step(conv.step))
        return
    await _save(context, conv.user_id, state, previous)
    await ask_new(update, context, state, previous)


# ----- editing a published event ------------------------------------------------------------


def _edit_offered(event: Event, field: F.Field) -> bool:
    """A field Edit offers: its prerequisite has a value (no address for an online event)."""
    if field.needs is None:
        return True
    other = F.BY_NAME[field.needs]
    return getattr(event, field.needs) is not None and _edit_offered(event, other)


async def edit_menu(update: Update, context: JolContext, event: Event) -> None:
    rows = [[organizer_button(context, "wiz-field-texts", "el", event.id)]]
    rows += [
        [organizer_button(context, f"org-field-{f.key}", "ef", event.id, f.key)]
        for f in EDIT_FIELDS
        if _edit_offered(event, f)
    ]
    await answer(update, context.t("org-edit-choose"), reply_markup=InlineKeyboardMarkup(rows))


async def texts_menu(update: Update, context: JolContext, event: Event) -> None:
    """el:<id>: the event's title in each language (or what is shown instead); pick one."""
    titles = {lang: t.title for lang, t in event.texts.items()}
    text = context.t(
        "wiz-edit-languages", lines=_status_lines(context, titles, event.default_language)
    )
    rows = _language_buttons(context, titles, "et", event.id)
    await answer(update, text, reply_markup=InlineKeyboardMarkup(rows))


def _edit_payload(context: JolContext, event: Event) -> dict[str, Any]:
    return {
        "lang": context.lang,
        "event_id": event.id,
        "timezone": event.timezone,
        "start_at": event.start_at.isoformat(),
    }


async def start_text_edit(update: Update, context: JolContext, event: Event, lang: str) -> None:
    """et:<id>:<lang>: the title in `lang`, then its description."""
    user = update.effective_user
    if lang not in LANGUAGES or event.status != EventStatus.PUBLISHED or user is None:
        await answer(update, context.t("button-expired"))
        return
    payload = _edit_payload(context, event)
    step = Step("title", lang)
    await context.services.conversations.save(user.id, EDIT, step.code(), payload, ttl=WIZARD_TTL)
    await _ask_edit(update, context, payload, step, event)


async def start_edit(update: Update, context: JolContext, event: Event, key: str) -> None:
    field = F.BY_KEY.get(key)
    user = update.effective_user
    if field is None or field not in EDIT_FIELDS or event.status != EventStatus.PUBLISHED:
        await answer(update, context.t("button-expired"))
        return
    assert user is not None
    payload = _edit_payload(context, event)
    step = Step(field.name)
    await context.services.conversations.save(user.id, EDIT, step.code(), payload, ttl=WIZARD_TTL)
    await _ask_edit(update, context, payload, step, event)


def _clearable(step: Step) -> bool:
    return step.name == "description" or step.name in CLEARABLE


def _edit_value(event: Event, step: Step, payload: dict[str, Any]) -> Any:
    if step.is_text:
        lang = step.language or event.default_language
        if step.name == "title" and "title" in payload:
            return payload["title"]
        text = event.texts.get(lang)
        if text is None:
            return None
        return text.title if step.name == "title" else (text.description or None)
    return getattr(event, step.name)


async def _ask_edit(
    update: Update,
    context: JolContext,
    payload: dict[str, Any],
    step: Step,
    event: Event | None = None,
) -> None:
    """The edit's question: the value now, Keep (texts), Clear (optional values), Cancel."""
    if event is None:
        event = await context.services.registry.get(int(payload["event_id"]))
    if event is None:
        await answer(update, context.t("event-not-found"))
        return
    field = _field(step)
    value = _edit_value(event, step, payload)
    now = context.t("wiz-now", value=shown_value(context, field, value, event.timezone))
    if step.is_text:
        head = context.t("wiz-editing", language=_language(step.language))
        question = context.t(f"wiz-edit-{step.name}", maximum=F.TITLE_MAX)
        text = f"{head}\n{now}\n\n{question}"
    else:
        text = context.t(
            "org-edit-current", value=shown_value(context, field, value, event.timezone)
        )
        text += "\n\n" + _edit_question(context, step, event.timezone)
    keep = step.is_text and value is not None
    clear = _clearable(step) and value is not None
    rows = _answer_rows(context, field, skip=False, keep=keep, clear=clear)
    rows.append(_way_out(context, EDIT, step.name == "description"))
    await answer(update, text, reply_markup=InlineKeyboardMarkup(rows))


async def take_edit(
    update: Update, context: JolContext, conv: Conversation, raw: Any, *, parsed: bool
) -> None:
    step = Step.decode(conv.step)
    zone = str(conv.payload.get("timezone") or DEFAULT_ZONE)
    try:
        value = _parse(step, raw, zone, context, parsed=parsed)
    except F.FieldProblem as problem:
        await _say_problem(update, context, problem, zone)
        await _ask_edit(update, context, conv.payload, step)
        return
    if step.is_text:
        await _take_text_edit(update, context, conv, step, value)
        return
    if value is KEEP:
        await context.services.conversations.end(conv.user_id, EDIT)
        await answer(update, context.t("org-edit-cancelled"))
        return
    await apply_edit(update, context, conv, step, {step.name: value})


async def _take_text_edit(
    update: Update, context: JolContext, conv: Conversation, step: Step, value: Any
) -> None:
    registry = context.services.registry
    event = await registry.get(int(conv.payload["event_id"]))
    if event is None:
        await context.services.conversations.end(conv.user_id, EDIT)
        await answer(update, context.t("event-not-found"))
        return
    lang = step.language or event.default_language
    if step.name == "title":
        title = _edit_value(event, step, conv.payload) if value is KEEP else value
        payload = {**conv.payload, "title": title}
        following = Step("description", lang)
        await context.services.conversations.save(
            conv.user_id, EDIT, following.code(), payload, ttl=WIZARD_TTL
        )
        await _ask_edit(update, context, payload, following, event)
        return
    title = str(conv.payload.get("title") or "")
    if value is KEEP:
        value = _edit_value(event, step, conv.payload)
    texts = [EventText(lang, title, value or "")]
    await apply_edit(update, context, conv, step, {}, texts=texts)


async def edit_back(update: Update, context: JolContext, conv: Conversation) -> None:
    """Back in an edit: from the description to the title (given a moment ago, kept)."""
    step = Step.decode(conv.step)
    if step.name != "description":
        await answer(update, context.t("wiz-first-question"))
        await _ask_edit(update, context, conv.payload, step)
        return
    title_step = Step("title", step.language)
    await context.services.conversations.save(
        conv.user_id, EDIT, title_step.code(), conv.payload, ttl=WIZARD_TTL
    )
    await _ask_edit(update, context, conv.payload, title_step)


async def apply_edit(
    update: Update,
    context: JolContext,
    conv: Conversation,
    step: Step,
    changes: dict[str, Any],
    *,
    texts: list[EventText] | None = None,
) -> None:
    registry = context.services.registry
    event_id = int(conv.payload["event_id"])
    zone = str(conv.payload.get("timezone") or DEFAULT_ZONE)
    outcome = await registry.edit(event_id, changes, texts=texts or ())
    if outcome.result == EditResult.CAPACITY_BELOW_TAKEN:
        # The edit stays open: the organizer types a number that fits.
        await answer(update, context.t("org-capacity-below", taken=outcome.seats_taken))
        await _ask_edit(update, context, conv.payload, step)
        return
    if outcome.result == EditResult.INVALID:
        # What the change would break, and the same question again.
        problem = (
            outcome.problems[0] if outcome.problems else F.FieldProblem(step.name, "date-past")
        )
        await _say_problem(update, context, problem, zone)
        await _ask_edit(update, context, conv.payload, step)
        return
    await context.services.conversations.end(conv.user_id, EDIT)
    if outcome.result != EditResult.SAVED or outcome.event is None:
        await answer(update, context.t("event-closed"))
        return
    await answer(update, context.t("org-edit-saved", count=outcome.notified))
    if texts:
        await texts_menu(update, context, outcome.event)
    elif outcome.event.venue_location is not None and changes.keys() & PLACE:
        # A new address with the old pin would send people to the old place.
        pin = organizer_button(
            context, "org-field-location", "ef", event_id, F.BY_NAME["venue_location"].key
        )
        await answer(update, context.t("wiz-check-pin"), reply_markup=InlineKeyboardMarkup([[pin]]))


PRIVATE = filters.ChatType.PRIVATE
_FLOW_FIELDS = {NEW: "org-wizard-cancelled", EDIT: "org-edit-cancelled"}

FEATURE = Feature(
    handlers=(
        CommandHandler("newevent", new_event, filters=PRIVATE),
        CallbackQueryHandler(button, pattern=r"^org:v1:(skip|tz|yes|no|keep|clr|back|wl|wc)(:|$)"),
    ),
    flows={kind: Flow(kind, typed, key) for kind, key in _FLOW_FIELDS.items()},
    organizer_commands=(("newevent", "cmd-newevent"),),
)
