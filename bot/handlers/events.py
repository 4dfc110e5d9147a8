"""/events, the event card, one-tap registration, /my and waiting-list offers.

Thin: each handler parses the update, calls one registry function, renders the
result. Button data carries ids only and is checked against the database.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial
from typing import Any

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InputFile,
    KeyboardButton,
    Message,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
    Update,
    User,
)
from telegram.ext import (
    Application,
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    filters,
)

from bot import callbacks
from bot.context import JolContext
from bot.handlers.common import answer, answer_query
from bot.services import Services
from registry import Event, EventStatus, Mode, RegisterResult, Registry, RegStatus, render
from registry.audiences import RegistrantsAudience, WaitingListAudience
from registry.ics import calendar_file
from registry.models import normalise_name
from registry.reminders import register_renderers

log = logging.getLogger(__name__)

COMMANDS = [("events", "cmd-events"), ("my", "cmd-my")]
MODES = {"s": Mode.OFFLINE, "o": Mode.ONLINE}
# How often offers are lapsed and ended events closed; the clock decides what is due.
SWEEP_SECONDS = 60


# A question left unanswered this long is forgotten: whatever the person types
# later is a new question, not a name for a door list.
PENDING_FOR = timedelta(minutes=15)


@dataclass(slots=True)
class Pending:
    """A registration waiting for typed input (a name, a phone number)."""

    event_id: int
    mode: str
    step: str
    name: str = ""
    # Telegram's time of the question: compared with the reply's, both from one clock.
    asked_at: datetime | None = None


class AwaitingInput(filters.MessageFilter):
    """Messages from people the bot has just asked something."""

    def __init__(self, waiting: dict[int, Any]) -> None:
        super().__init__(name="AwaitingInput")
        self.waiting = waiting

    def filter(self, message: Message) -> bool:
        if message.from_user is None:
            return False
        state = self.waiting.get(message.from_user.id)
        if state is None:
            return False
        asked_at = getattr(state, "asked_at", None)
        if asked_at is not None and message.date - asked_at > PENDING_FOR:
            del self.waiting[message.from_user.id]
            return False
        return True


def registry(context: JolContext) -> Registry:
    return context.services.features["registry"]  # type: ignore[no-any-return]


def _button(context: JolContext, action: str, *args: object) -> str:
    return callbacks.encode("ev", action, *args)


# ----- listing and the card -----------------------------------------------------------


async def list_events(update: Update, context: JolContext) -> None:
    """Upcoming published events, one button each (drafts too for organizers)."""
    await answer_query(update)
    is_admin = context.services.is_admin(
        update.effective_user.id if update.effective_user else None
    )
    found = await registry(context).upcoming(include_drafts=is_admin)
    if not found:
        await answer(update, context.t("event-list-empty"))
        return
    lines = [context.t("event-list-title")]
    rows = []
    for event in found[:20]:
        lines.append(
            context.t(
                "event-list-item", title=render.title(event, context.lang), when=render.when(event)
            )
        )
        label = context.t("event-button-open", title=event.text(context.lang).title[:60])
        rows.append([InlineKeyboardButton(label, callback_data=_button(context, "card", event.id))])
    await answer(update, "\n".join(lines), reply_markup=InlineKeyboardMarkup(rows))


async def send_card(update: Update, context: JolContext, event_id: int) -> None:
    reg = registry(context)
    event = await reg.get(event_id)
    user_id = update.effective_user.id if update.effective_user else None
    is_admin = context.services.is_admin(user_id)
    if event is None or (event.status == EventStatus.DRAFT and not is_admin):
        await answer(update, context.t("event-not-found"))
        return
    counts = await reg.counts(event_id)
    rows: list[list[InlineKeyboardButton]] = []
    now = context.services.clock.now()
    mine = await reg.registration_of(event_id, user_id) if user_id else None
    if mine is not None and mine.active:
        position = await reg.position(mine)
        text = render.card(context.services.t, context.lang, event, counts)
        text += "\n\n" + render.confirmation(
            context.services.t, context.lang, event, mine, position
        )
        rows.append(
            [
                InlineKeyboardButton(
                    context.t("event-button-cancel", title=event.text(context.lang).title[:40]),
                    callback_data=_button(context, "cx", mine.id),
                )
            ]
        )
    else:
        text = render.card(context.services.t, context.lang, event, counts)
        if event.is_open(now):
            if event.has_offline and now < event.start_at and counts is not None:
                left = counts.seats_left or 0
                label = (
                    context.t("event-button-seat", left=left)
                    if left > 0 and counts.waiting == 0
                    else context.t("event-button-waitlist")
                )
                rows.append(
                    [
                        InlineKeyboardButton(
                            label, callback_data=_button(context, "reg", event.id, "s")
                        )
                    ]
                )
            if event.has_online:
                rows.append(
                    [
                        InlineKeyboardButton(
                            context.t("event-button-online"),
                            callback_data=_button(context, "reg", event.id, "o"),
                        )
                    ]
                )
    if event.livestream_url and event.status == EventStatus.PUBLISHED:
        rows.append(
            [InlineKeyboardButton(context.t("event-button-livestream"), url=event.livestream_url)]
        )
    if is_admin:
        from bot.handlers.organizer import organizer_rows

        rows.extend(organizer_rows(context, event))
    await answer(update, text, reply_markup=InlineKeyboardMarkup(rows) if rows else None)


async def card_button(update: Update, context: JolContext) -> None:
    """ev:v1:card:<id>"""
    button = callbacks.parse(update.callback_query.data if update.callback_query else None)
    event_id = button.arg_int() if button else None
    event = await registry(context).get(event_id) if event_id is not None else None
    user_id = update.effective_user.id if update.effective_user else None
    if event is None or (
        event.status == EventStatus.DRAFT and not context.services.is_admin(user_id)
    ):
        await answer_query(update, context.t("event-not-found"), alert=True)
        return
    await answer_query(update)
    await send_card(update, context, event.id)


async def deep_link(update: Update, context: JolContext, arg: str) -> None:
    """?start=event-<id>"""
    if not arg.isdigit() or len(arg) > 12:
        await answer(update, context.t("event-not-found"))
        return
    await send_card(update, context, int(arg))


# ----- registering ----------------------------------------------------------------------


async def _event_and_mode(update: Update, context: JolContext) -> tuple[int, str, User] | None:
    """`ev:v1:<action>:<event id>:<s|o>` from a button; a polite answer when forged."""
    button = callbacks.parse(update.callback_query.data if update.callback_query else None)
    event_id = button.arg_int() if button else None
    mode = button.args[1] if button and len(button.args) > 1 else ""
    user = update.effective_user
    if event_id is None or mode not in MODES or user is None:
        await answer_query(update, context.t("event-not-found"), alert=True)
        return None
    return event_id, mode, user


async def register_button(update: Update, context: JolContext, pending: dict[int, Pending]) -> None:
    """ev:v1:reg:<id>:<s|o>: check the event, then consent (first time), then the name."""
    target = await _event_and_mode(update, context)
    if target is None:
        return
    event_id, mode, user = target
    event = await registry(context).get(event_id)
    problem = _closed_reason(context, event, MODES[mode])
    if problem is not None:
        await answer_query(update, context.t(problem), alert=True)
        return
    await answer_query(update)
    existing = await registry(context).registration_of(event_id, user.id)
    if existing is not None and existing.active:
        await answer(update, context.t("event-already-registered"))
        return
    if context.jol_user is None or context.jol_user.consented_at is None:
        keyboard = InlineKeyboardMarkup(
            [
                [
                    InlineKeyboardButton(
                        context.t("event-button-consent"),
                        callback_data=_button(context, "ok", event_id, mode),
                    )
                ]
            ]
        )
        await answer(update, context.t("event-ask-consent"), reply_markup=keyboard)
        return
    await ask_name(update, context, pending, event_id, mode)


async def consent_button(update: Update, context: JolContext, pending: dict[int, Pending]) -> None:
    """ev:v1:ok:<id>:<s|o>: the person agreed to the privacy summary."""
    target = await _event_and_mode(update, context)
    if target is None:
        return
    event_id, mode, user = target
    await answer_query(update)
    await context.services.users.set_consented(user.id, context.services.clock.now())
    await ask_name(update, context, pending, event_id, mode)


async def ask_name(
    update: Update, context: JolContext, pending: dict[int, Pending], event_id: int, mode: str
) -> None:
    user = update.effective_user
    assert user is not None
    first = (user.first_name or "")[:40]
    rows = []
    if normalise_name(first):
        rows.append(
            [
                InlineKeyboardButton(
                    context.t("event-button-use-name", name=first),
                    callback_data=_button(context, "nm", event_id, mode),
                )
            ]
        )
    question = await answer(
        update,
        context.t("event-ask-name"),
        reply_markup=InlineKeyboardMarkup(rows) if rows else None,
    )
    pending[user.id] = Pending(event_id, mode, "name", asked_at=question.date if question else None)


async def use_name_button(update: Update, context: JolContext, pending: dict[int, Pending]) -> None:
    """ev:v1:nm:<id>:<s|o>: the Telegram first name goes on the door list."""
    target = await _event_and_mode(update, context)
    if target is None:
        return
    event_id, mode, user = target
    await answer_query(update)
    pending.pop(user.id, None)
    await _after_name(
        update, context, pending, Pending(event_id, mode, "name", user.first_name or "")
    )


async def typed_input(update: Update, context: JolContext, pending: dict[int, Pending]) -> None:
    """A name or a phone number typed (or shared) in answer to the bot's question."""
    user = update.effective_user
    message = update.effective_message
    if user is None or message is None:
        return
    state = pending.get(user.id)
    if state is None:
        return
    if state.step == "name":
        name = normalise_name(message.text or "")
        if name is None:
            await answer(update, context.t("event-bad-name"))
            return
        pending.pop(user.id, None)
        await _after_name(
            update, context, pending, Pending(state.event_id, state.mode, "name", name)
        )
        return
    phone = message.contact.phone_number if message.contact else (message.text or "")
    if message.contact is not None and message.contact.user_id not in (None, user.id):
        phone = ""  # someone else's contact card is not this person's number
    await _register(update, context, pending, state, phone=phone)


async def _after_name(
    update: Update, context: JolContext, pending: dict[int, Pending], state: Pending
) -> None:
    event = await registry(context).get(state.event_id)
    if event is not None and MODES[state.mode] == Mode.OFFLINE and event.phone_required:
        user = update.effective_user
        assert user is not None
        keyboard = ReplyKeyboardMarkup(
            [[KeyboardButton(context.t("event-button-share-phone"), request_contact=True)]],
            resize_keyboard=True,
            one_time_keyboard=True,
        )
        question = await answer(update, context.t("event-ask-phone"), reply_markup=keyboard)
        pending[user.id] = Pending(
            state.event_id,
            state.mode,
            "phone",
            state.name,
            asked_at=question.date if question else None,
        )
        return
    await _register(update, context, pending, state, phone=None)


async def _register(
    update: Update,
    context: JolContext,
    pending: dict[int, Pending],
    state: Pending,
    *,
    phone: str | None,
) -> None:
    user = update.effective_user
    assert user is not None
    outcome = await registry(context).register(
        state.event_id,
        user.id,
        mode=MODES[state.mode],
        name=state.name,
        language=context.lang,
        phone=phone,
    )
    if (
        outcome.result == RegisterResult.BAD_PHONE
        or outcome.result == RegisterResult.PHONE_REQUIRED
    ):
        await answer(update, context.t("event-bad-phone"))
        return
    pending.pop(user.id, None)
    remove = ReplyKeyboardRemove() if state.step == "phone" else None
    if outcome.result in (RegisterResult.REGISTERED, RegisterResult.WAITLISTED):
        assert outcome.registration is not None
        event = await registry(context).get(state.event_id)
        assert event is not None
        text = render.confirmation(
            context.services.t, context.lang, event, outcome.registration, outcome.position
        )
        await answer(update, text, reply_markup=remove)
        data = calendar_file(
            event, outcome.registration, context.lang, context.services.clock.now()
        )
        chat = update.effective_chat
        if chat is not None:
            await chat.send_document(
                InputFile(data, filename=f"event-{event.id}.ics"),
                caption=context.t("event-ics-caption"),
            )
        return
    key = {
        RegisterResult.ALREADY_REGISTERED: "event-already-registered",
        RegisterResult.CLOSED: "event-closed",
        RegisterResult.NO_OFFLINE: "event-no-offline",
        RegisterResult.NO_ONLINE: "event-no-online",
        RegisterResult.BAD_NAME: "event-bad-name",
    }.get(outcome.result, "event-not-found")
    await answer(update, context.t(key), reply_markup=remove)


def _closed_reason(context: JolContext, event: Event | None, mode: Mode) -> str | None:
    """The message key explaining why this button cannot work now, or None."""
    now = context.services.clock.now()
    if event is None or event.status == EventStatus.DRAFT:
        return "event-not-found"
    if not event.is_open(now):
        return "event-closed"
    if mode == Mode.OFFLINE and not event.has_offline:
        return "event-no-offline"
    if mode == Mode.OFFLINE and now >= event.start_at:
        return "event-closed"
    if mode == Mode.ONLINE and not event.has_online:
        return "event-no-online"
    return None


# ----- my registrations, cancelling, offers ----------------------------------------------


async def my_registrations(update: Update, context: JolContext) -> None:
    """Each registration with a one-tap Cancel."""
    await answer_query(update)
    user = update.effective_user
    if user is None:
        return
    reg = registry(context)
    found = await reg.my_registrations(user.id)
    if not found:
        await answer(update, context.t("event-my-empty"))
        return
    lines = [context.t("event-my-title")]
    rows = []
    for registration, event in found:
        key = f"event-my-item-{registration.status.value}-{registration.mode.value}"
        lines.append(
            context.t(
                key,
                title=render.title(event, context.lang),
                when=render.when(event),
                code=registration.code,
                position=await reg.position(registration) or 0,
            )
        )
        label = context.t("event-button-cancel", title=event.text(context.lang).title[:40])
        rows.append(
            [InlineKeyboardButton(label, callback_data=_button(context, "cx", registration.id))]
        )
    await answer(update, "\n".join(lines), reply_markup=InlineKeyboardMarkup(rows))


async def cancel_button(update: Update, context: JolContext) -> None:
    """ev:v1:cx:<registration>: one tap cancels; the seat moves to the next person."""
    from registry import CancelResult

    button = callbacks.parse(update.callback_query.data if update.callback_query else None)
    reg_id = button.arg_int() if button else None
    user = update.effective_user
    if reg_id is None or user is None:
        await answer_query(update, context.t("event-not-found"), alert=True)
        return
    result = await registry(context).cancel_registration(reg_id, user.id)
    if result == CancelResult.NOT_FOUND:
        await answer_query(update, context.t("event-not-found"), alert=True)
        return
    if result == CancelResult.CLOSED:
        await answer_query(update, context.t("event-closed"), alert=True)
        return
    await answer_query(update)
    key = (
        "event-registration-cancelled"
        if result == CancelResult.CANCELLED
        else "event-registration-already-cancelled"
    )
    await answer(update, context.t(key))


async def offer_button(update: Update, context: JolContext) -> None:
    """ev:v1:acc:<offer> / ev:v1:dec:<offer>."""
    from registry import OfferResult

    button = callbacks.parse(update.callback_query.data if update.callback_query else None)
    offer_id = button.arg_int() if button else None
    user = update.effective_user
    if button is None or offer_id is None or user is None:
        await answer_query(update, context.t("event-not-found"), alert=True)
        return
    reg = registry(context)
    if button.action == "acc":
        result = await reg.accept_offer(offer_id, user.id)
    else:
        result = await reg.decline_offer(offer_id, user.id)
    if result == OfferResult.NOT_FOUND:
        await answer_query(update, context.t("event-not-found"), alert=True)
        return
    await answer_query(update)
    key = {
        OfferResult.ACCEPTED: "event-offer-accepted",
        OfferResult.DECLINED: "event-offer-declined",
        OfferResult.EXPIRED: "event-offer-expired",
    }[result]
    await answer(update, context.t(key))
    if result == OfferResult.ACCEPTED:
        offer = await reg.offer(offer_id)
        if offer is not None:
            registration = await reg.registration(offer.registration_id)
            event = await reg.get(offer.event_id)
            if (
                registration is not None
                and event is not None
                and registration.status == RegStatus.CONFIRMED
            ):
                await answer(
                    update,
                    render.confirmation(
                        context.services.t, context.lang, event, registration, None
                    ),
                )


# ----- wiring ------------------------------------------------------------------------------


def wire_outbox(services: Services) -> None:
    """Attach the outbox and the renderers once the delivery feature has set them up."""
    reg: Registry | None = services.features.get("registry")
    outbox = services.features.get("outbox")
    sender = services.features.get("sender")
    if reg is None:
        return
    if outbox is not None and reg.outbox is None:
        reg.outbox = outbox
    if sender is not None and not services.features.get("registry_renderers"):
        register_renderers(sender, services.t)
        services.features["registry_renderers"] = True
    broadcasts = services.features.get("broadcasts")
    if broadcasts is not None and not services.features.get("registry_audiences"):
        broadcasts.register_audience(RegistrantsAudience(services.clock))
        broadcasts.register_audience(WaitingListAudience(services.clock))
        services.features["registry_audiences"] = True


async def sweep(context: JolContext) -> None:
    """Periodic: lapse offers (the next person gets the seat) and close ended events."""
    services = context.application.bot_data.get("services")
    if services is None:
        return
    wire_outbox(services)
    reg: Registry = services.features["registry"]
    await reg.expire_offers()
    await reg.finish_ended()
    await reg.anonymise_past(timedelta(days=services.settings.data_retention_days))


async def setup(app: Application[Any, Any, Any, Any, Any, Any], services: Services) -> None:
    settings = services.settings
    services.features["registry"] = Registry(
        services.db,
        services.clock,
        outbox=services.features.get("outbox"),
        reminder_offsets_hours=settings.reminder_offsets_hours,
        offer_hours=settings.offer_hours,
    )
    wire_outbox(services)
    from registry.privacy import RegistrationData

    services.features.setdefault("privacy", []).append(
        RegistrationData(services.features["registry"], services.t)
    )
    if app.job_queue is not None:
        # First run at once: the delivery feature may be set up after this one.
        app.job_queue.run_repeating(sweep, interval=SWEEP_SECONDS, first=0.5, name="events-sweep")


DEEP_LINKS = {"event": deep_link}


def handlers() -> list[BaseHandler]:  # type: ignore[type-arg]
    private = filters.ChatType.PRIVATE
    pending: dict[int, Pending] = {}
    return [
        CommandHandler("events", list_events, filters=private),
        CommandHandler("my", my_registrations, filters=private),
        CallbackQueryHandler(list_events, pattern=callbacks.pattern("m", "events")),
        CallbackQueryHandler(my_registrations, pattern=callbacks.pattern("m", "my")),
        CallbackQueryHandler(card_button, pattern=callbacks.pattern("ev", "card")),
        CallbackQueryHandler(
            partial(register_button, pending=pending), pattern=callbacks.pattern("ev", "reg")
        ),
        CallbackQueryHandler(
            partial(consent_button, pending=pending), pattern=callbacks.pattern("ev", "ok")
        ),
        CallbackQueryHandler(
            partial(use_name_button, pending=pending), pattern=callbacks.pattern("ev", "nm")
        ),
        CallbackQueryHandler(cancel_button, pattern=callbacks.pattern("ev", "cx")),
        CallbackQueryHandler(offer_button, pattern=callbacks.pattern("ev", "acc")),
        CallbackQueryHandler(offer_button, pattern=callbacks.pattern("ev", "dec")),
        # Typed answers to the bot's question; anything else falls through to other features.
        _input_handler(pending),
    ]


def _input_handler(pending: dict[int, Pending]) -> BaseHandler:  # type: ignore[type-arg]
    waiting = AwaitingInput(pending)
    text = (filters.TEXT & ~filters.COMMAND) | filters.CONTACT
    return MessageHandler(
        filters.ChatType.PRIVATE & waiting & text, partial(typed_input, pending=pending)
    )
