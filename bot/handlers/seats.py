"""From an online place, ask for a seat in the room (or stop asking); the online place stays.

Thin: the registry decides (registry.seats); this module parses the button, asks for a
phone number where the room needs one, and says what happened. The offer that follows
is the waiting list's own (events.offer_tap).
"""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, ReplyKeyboardRemove, Update
from telegram.ext import CallbackQueryHandler

from bot.context import JolContext
from bot.handlers.common import Feature, Flow, answer, answer_query, home_button, menu_button
from bot.handlers.event_card import send_pin
from bot.handlers.events import (
    PROMPT_TTL,
    REFUSAL_KEYS,
    phone_answer,
    phone_example,
    phone_keyboard,
    send_calendar,
)
from core import callbacks
from core.conversations import Conversation
from registry import (
    CancelResult,
    Event,
    Mode,
    RegisterOutcome,
    RegisterResult,
    Registration,
    render,
)

KIND = "seat"


def _onwards(context: JolContext) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[menu_button(context, "my"), home_button(context)]])


async def _own_registration(update: Update, context: JolContext) -> Registration | None:
    """The registration a button names, if it is this person's own."""
    button = callbacks.parse(update.callback_query.data if update.callback_query else None)
    reg_id = button.arg_int() if button else None
    user = update.effective_user
    registration = (
        await context.services.registry.registration(reg_id) if reg_id is not None else None
    )
    if registration is None or user is None or registration.user_id != user.id:
        return None
    return registration


async def seat_tap(update: Update, context: JolContext) -> None:
    """ev:v1:seat:<registration>: ask for a seat; first a phone number where one is needed."""
    registration = await _own_registration(update, context)
    if registration is None:
        await answer_query(update, context.t("event-not-found"), alert=True)
        return
    await answer_query(update)
    event = await context.services.registry.get(registration.event_id)
    needs_phone = (
        event is not None
        and event.phone_required
        and registration.phone is None
        and registration.may_ask_for_seat
        and event.refusal(Mode.OFFLINE, context.services.clock.now()) is None
    )
    if event is not None and needs_phone:
        payload = {"registration_id": registration.id, "reply_keyboard": True}
        await context.services.conversations.save(
            registration.user_id, KIND, "phone", payload, ttl=PROMPT_TTL
        )
        example = phone_example(event.country or context.country)
        await answer(
            update,
            context.t("person-seat-ask-phone", example=example),
            reply_markup=phone_keyboard(context),
        )
        return
    await _ask(update, context, registration.id, phone=None)


async def typed_phone(update: Update, context: JolContext, conv: Conversation) -> bool:
    """A phone number typed or shared for the seat; Cancel leaves the online place as it is."""
    if update.effective_user is None or update.effective_message is None:
        return False
    phone = await phone_answer(update, context, conv)
    if phone is not None:
        await _ask(update, context, int(conv.payload["registration_id"]), phone=phone)
    return True


async def _ask(update: Update, context: JolContext, reg_id: int, *, phone: str | None) -> None:
    user = update.effective_user
    assert user is not None
    services = context.services
    outcome = await services.registry.ask_for_seat(
        reg_id, user.id, phone=phone, home_country=context.country
    )
    event = (
        await services.registry.get(outcome.registration.event_id) if outcome.registration else None
    )
    if outcome.result in (RegisterResult.BAD_PHONE, RegisterResult.PHONE_REQUIRED):
        found = await services.registry.registration(reg_id)
        where = await services.registry.get(found.event_id) if found is not None else None
        example = phone_example((where.country if where else None) or context.country)
        await answer(update, context.t("event-bad-phone", example=example))
        return
    conv = await services.conversations.get(user.id, KIND)
    await services.conversations.end(user.id, KIND)
    remove = ReplyKeyboardRemove() if conv is not None else None
    registration = outcome.registration
    text = _outcome_text(context, outcome, event)
    seated = outcome.result == RegisterResult.REGISTERED and registration and event
    # One message carries either the removal of the phone keyboard or inline buttons.
    await answer(update, text, reply_markup=remove or (None if seated else _onwards(context)))
    if seated and registration and event:
        # The way to the room, and a calendar entry that names it, not the conference link.
        await send_pin(update, event)
        await send_calendar(update, context, event, registration, reply_markup=_onwards(context))
    elif remove is not None:
        await answer(update, context.t("event-what-next"), reply_markup=_onwards(context))


def _outcome_text(context: JolContext, outcome: RegisterOutcome, event: Event | None) -> str:
    """What asking for a seat came to, in the person's words."""
    registration = outcome.registration
    services = context.services
    if outcome.result == RegisterResult.REGISTERED and registration and event:
        confirmation = render.confirmation(services.t, context.lang, event, registration, None)
        return context.t("person-seat-seated") + "\n\n" + confirmation
    if outcome.result == RegisterResult.WAITLISTED and event:
        return context.t(
            "person-seat-queued",
            title=render.title(event, context.lang),
            position=outcome.position or 0,
        )
    if outcome.result == RegisterResult.ALREADY_REGISTERED and registration:
        if registration.mode == Mode.OFFLINE:
            return context.t("person-seat-already-in-room")
        if registration.seat_offered:
            return context.t("person-seat-offered")
        return context.t("person-seat-already-queued", position=outcome.position or 0)
    return context.t(REFUSAL_KEYS.get(outcome.result, "event-not-found"))


async def unseat_tap(update: Update, context: JolContext) -> None:
    """ev:v1:unseat:<registration>: stop asking for a seat; the online place stays."""
    registration = await _own_registration(update, context)
    if registration is None:
        await answer_query(update, context.t("event-not-found"), alert=True)
        return
    await answer_query(update)
    result = await context.services.registry.stop_asking_for_seat(
        registration.id, registration.user_id
    )
    key = {
        CancelResult.CANCELLED: "person-seat-stopped",
        CancelResult.ALREADY_CANCELLED: "person-seat-not-asking",
        CancelResult.EVENT_CANCELLED: "event-is-cancelled",
        CancelResult.NOT_FOUND: "event-not-found",
        CancelResult.CLOSED: "event-is-over",
    }[result]
    await answer(update, context.t(key), reply_markup=_onwards(context))


FEATURE = Feature(
    handlers=(
        CallbackQueryHandler(seat_tap, pattern=callbacks.pattern("ev", "seat")),
        CallbackQueryHandler(unseat_tap, pattern=callbacks.pattern("ev", "unseat")),
    ),
    flows={KIND: Flow(KIND, typed_phone, "person-seat-prompt-cancelled")},
)
