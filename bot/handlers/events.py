"""/events, the event card, one-tap registration, /my and waiting-list offers.

Thin: each handler parses the update, calls one registry function, renders the
result. Button data carries ids only and is checked against the database. The
name and phone prompts are a conversation (`register`) in the database.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InputFile,
    KeyboardButton,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
    Update,
    User,
)
from telegram.ext import CallbackQueryHandler, CommandHandler, filters

from bot.context import JolContext
from bot.handlers.common import Feature, Flow, answer, answer_query, home_button, menu_button
from bot.handlers.conversation import cancel_button, leave
from bot.handlers.event_card import (
    event_button,
    event_not_found,
    refresh_card,
    seat_button,
    send_card,
    send_pin,
    short,
)
from core import callbacks
from core.conversations import Conversation
from registry import (
    CancelResult,
    Event,
    EventStatus,
    Mode,
    OfferResult,
    RegisterResult,
    Registration,
    RegStatus,
    render,
)
from registry.ics import calendar_file, calendar_filename
from registry.models import PHONE_EXAMPLES, normalise_name

log = logging.getLogger(__name__)

MODES = {"s": Mode.OFFLINE, "o": Mode.ONLINE}
KIND = "register"
# A question left unanswered this long is forgotten: whatever the person types
# later is a new question, not a name for a door list.
PROMPT_TTL = timedelta(minutes=15)
# Events a page of /events shows.
PAGE_SIZE = 8

REFUSAL_KEYS = {
    RegisterResult.NOT_FOUND: "event-not-found",
    RegisterResult.CLOSED: "event-closed",
    RegisterResult.EVENT_CANCELLED: "event-is-cancelled",
    RegisterResult.ENDED: "event-is-over",
    RegisterResult.NO_OFFLINE: "event-no-offline",
    RegisterResult.NO_ONLINE: "event-no-online",
    RegisterResult.ALREADY_REGISTERED: "event-already-registered",
    RegisterResult.BAD_NAME: "event-bad-name",
}


# ----- listing and the card -----------------------------------------------------------


async def list_events(update: Update, context: JolContext) -> None:
    """Upcoming published events, one button each (drafts too for organizers), a page at a time."""
    button = callbacks.parse(update.callback_query.data if update.callback_query else None)
    page = button.arg_int() if button is not None and button.action == "list" else 0
    await answer_query(update)
    user = update.effective_user
    is_admin = context.services.is_admin(user.id if user else None)
    found = await context.services.registry.upcoming(include_drafts=is_admin)
    # The person's country first, then online events (for everyone), then the others.
    mine = context.country
    found.sort(key=lambda e: 0 if e.country == mine else 1 if e.country is None else 2)
    if not found:
        await answer(
            update,
            context.t("event-list-empty"),
            reply_markup=InlineKeyboardMarkup([[home_button(context)]]),
        )
        return
    pages = max(1, -(-len(found) // PAGE_SIZE))
    page = min(page or 0, pages - 1)
    lines = [context.t("event-list-title")]
    rows = []
    for event in found[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]:
        # A title is at most 200 characters: a page of them stays far below 4,096.
        lines.append(
            context.t(
                "event-list-item",
                title=render.title(event, context.lang),
                when=render.when(event, context.services.t, context.lang),
            )
        )
        label = context.t("event-button-open", title=short(event.text(context.lang).title, 60))
        rows.append([InlineKeyboardButton(label, callback_data=event_button("card", event.id))])
    paging = []
    if page > 0:
        paging.append(
            InlineKeyboardButton(
                context.t("list-previous"), callback_data=event_button("list", page - 1)
            )
        )
    if page + 1 < pages:
        paging.append(
            InlineKeyboardButton(
                context.t("list-next"), callback_data=event_button("list", page + 1)
            )
        )
    if paging:
        rows.append(paging)
    rows.append([home_button(context)])
    await answer(update, "\n".join(lines), reply_markup=InlineKeyboardMarkup(rows))


async def card_tap(update: Update, context: JolContext) -> None:
    """ev:v1:card:<id>"""
    button = callbacks.parse(update.callback_query.data if update.callback_query else None)
    event_id = button.arg_int() if button else None
    event = await context.services.registry.get(event_id) if event_id is not None else None
    user = update.effective_user
    if event is None or (
        event.status == EventStatus.DRAFT
        and not context.services.is_admin(user.id if user else None)
    ):
        await answer_query(update, context.t("event-not-found"), alert=True)
        return
    await answer_query(update)
    await send_card(update, context, event.id)


async def deep_link(update: Update, context: JolContext, arg: str) -> None:
    """?start=event-<id>"""
    if not (arg.isascii() and arg.isdigit()) or len(arg) > 12:
        await event_not_found(update, context)
        return
    await send_card(update, context, int(arg))


# ----- registering ----------------------------------------------------------------------


def _target(update: Update) -> tuple[int, str, User] | None:
    """`ev:v1:<action>:<event id>:<s|o>` from a button, or None when forged."""
    button = callbacks.parse(update.callback_query.data if update.callback_query else None)
    event_id = button.arg_int() if button else None
    mode = button.args[1] if button and len(button.args) > 1 else ""
    user = update.effective_user
    if event_id is None or mode not in MODES or user is None:
        return None
    return event_id, mode, user


async def register_tap(update: Update, context: JolContext) -> None:
    """ev:v1:reg:<id>:<s|o>: check the event, then consent (first time), then the name."""
    target = _target(update)
    if target is None:
        await answer_query(update, context.t("event-not-found"), alert=True)
        return
    event_id, mode, user = target
    registry = context.services.registry
    event = await registry.get(event_id)
    refusal = (
        event.refusal(MODES[mode], context.services.clock.now())
        if event
        else RegisterResult.NOT_FOUND
    )
    if refusal is not None:
        await answer_query(update, context.t(REFUSAL_KEYS[refusal]), alert=True)
        await refresh_card(update, context, event_id)
        return
    await answer_query(update)
    await refresh_card(update, context, event_id)
    existing = await registry.registration_of(event_id, user.id)
    if existing is not None and existing.active:
        await _already_registered(update, context)
        return
    if await _ask_consent_if_needed(update, context, event_id, mode):
        return
    await ask_name(update, context, event_id, mode)


async def _ask_consent_if_needed(
    update: Update, context: JolContext, event_id: int, mode: str
) -> bool:
    """Every path to a registration passes here: nobody registers without agreeing."""
    user = context.jol_user
    if user is not None and user.consented_at is not None:
        return False
    keyboard = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    context.t("event-button-consent"),
                    callback_data=event_button("ok", event_id, mode),
                )
            ],
            # Not agreeing is a way out too: nothing is kept, the menu is one tap away.
            [home_button(context)],
        ]
    )
    await answer(update, context.t("event-ask-consent"), reply_markup=keyboard)
    return True


async def consent_tap(update: Update, context: JolContext) -> None:
    """ev:v1:ok:<id>:<s|o>: the person agreed to the privacy summary."""
    target = _target(update)
    if target is None:
        await answer_query(update, context.t("event-not-found"), alert=True)
        return
    event_id, mode, user = target
    await answer_query(update)
    await context.services.users.set_consented(user.id, context.services.clock.now())
    existing = await context.services.registry.registration_of(event_id, user.id)
    if existing is not None and existing.active:
        # An old "I agree" pressed again after registering: say so, ask nothing.
        await _already_registered(update, context)
        return
    await ask_name(update, context, event_id, mode)


async def _already_registered(update: Update, context: JolContext) -> None:
    keyboard = InlineKeyboardMarkup([[menu_button(context, "my"), home_button(context)]])
    await answer(update, context.t("event-already-registered"), reply_markup=keyboard)


async def ask_name(update: Update, context: JolContext, event_id: int, mode: str) -> None:
    user = update.effective_user
    assert user is not None
    first = (user.first_name or "")[:40]
    rows = []
    if normalise_name(first):
        rows.append(
            [
                InlineKeyboardButton(
                    context.t("event-button-use-name", name=first),  # a label: plain text
                    callback_data=event_button("nm", event_id, mode),
                )
            ]
        )
    rows.append([cancel_button(context, KIND)])
    await context.services.conversations.save(
        user.id, KIND, "name", {"event_id": event_id, "mode": mode}, ttl=PROMPT_TTL
    )
    await answer(update, context.t("event-ask-name"), reply_markup=InlineKeyboardMarkup(rows))


async def use_name_tap(update: Update, context: JolContext) -> None:
    """ev:v1:nm:<id>:<s|o>: the Telegram first name goes on the door list."""
    target = _target(update)
    if target is None:
        await answer_query(update, context.t("event-not-found"), alert=True)
        return
    event_id, mode, user = target
    await answer_query(update)
    if await _ask_consent_if_needed(update, context, event_id, mode):
        return
    await _after_name(update, context, event_id, mode, user.first_name or "")


async def typed_answer(update: Update, context: JolContext, conv: Conversation) -> bool:
    """A name or a phone number typed (or shared) in answer to the bot's question."""
    user = update.effective_user
    message = update.effective_message
    if user is None or message is None:
        return False
    event_id, mode = int(conv.payload["event_id"]), str(conv.payload["mode"])
    if conv.step == "name":
        name = normalise_name(message.text or "")
        if name is None:
            await answer(update, context.t("event-bad-name"))
            return True
        await _after_name(update, context, event_id, mode, name)
        return True
    phone = await phone_answer(update, context, conv)
    if phone is not None:
        await _register(update, context, event_id, mode, str(conv.payload["name"]), phone=phone)
    return True


async def phone_answer(update: Update, context: JolContext, conv: Conversation) -> str | None:
    """The number typed or shared in answer to a phone question, or None when the person
    pressed Cancel on the phone keyboard (the question is left, the keyboard removed)."""
    message = update.effective_message
    user = update.effective_user
    text = message.text if message is not None else None
    if text and text.strip() == context.t("conversation-button-cancel"):
        await leave(update, context, conv, quiet=False)
        return None
    contact = message.contact if message is not None else None
    if contact is not None and contact.user_id not in (None, user.id if user else None):
        return ""  # someone else's contact card is not this person's number
    return contact.phone_number if contact is not None else (text or "")


async def _after_name(
    update: Update, context: JolContext, event_id: int, mode: str, name: str
) -> None:
    event = await context.services.registry.get(event_id)
    if event is None or MODES[mode] != Mode.OFFLINE or not event.phone_required:
        await _register(update, context, event_id, mode, name, phone=None)
        return
    user = update.effective_user
    assert user is not None
    keyboard = phone_keyboard(context)
    payload = {"event_id": event_id, "mode": mode, "name": name, "reply_keyboard": True}
    await context.services.conversations.save(user.id, KIND, "phone", payload, ttl=PROMPT_TTL)
    await answer(
        update,
        context.t("event-ask-phone", example=phone_example(event.country or context.country)),
        reply_markup=keyboard,
    )


async def _register(
    update: Update,
    context: JolContext,
    event_id: int,
    mode: str,
    name: str,
    *,
    phone: str | None,
) -> None:
    user = update.effective_user
    assert user is not None
    services = context.services
    outcome = await services.registry.register(
        event_id,
        user.id,
        mode=MODES[mode],
        name=name,
        language=context.lang,
        phone=phone,
        home_country=context.country,
    )
    if outcome.result in (RegisterResult.BAD_PHONE, RegisterResult.PHONE_REQUIRED):
        event = await services.registry.get(event_id)
        example = phone_example((event.country if event else None) or context.country)
        await answer(update, context.t("event-bad-phone", example=example))
        return
    conv = await services.conversations.get(user.id, KIND)
    had_keyboard = conv is not None and bool(conv.payload.get("reply_keyboard"))
    await services.conversations.end(user.id, KIND)
    remove = ReplyKeyboardRemove() if had_keyboard else None
    if outcome.result in (RegisterResult.REGISTERED, RegisterResult.WAITLISTED):
        assert outcome.registration is not None
        event = await services.registry.get(event_id)
        assert event is not None
        registration = outcome.registration
        text = render.confirmation(services.t, context.lang, event, registration, outcome.position)
        after = _after_registering(context, event, registration)
        chat = update.effective_chat
        # A waiting place is not a date in the calendar yet: the file comes with the seat.
        ics = registration.status == RegStatus.CONFIRMED and chat is not None
        # One message carries either the removal of the phone keyboard or inline buttons.
        await answer(update, text, reply_markup=remove or (None if ics else after))
        if registration.mode == Mode.OFFLINE and registration.status == RegStatus.CONFIRMED:
            await send_pin(update, event)  # the way there, for a seat in the room
        if ics and chat is not None:
            await send_calendar(update, context, event, registration, reply_markup=after)
        elif remove is not None:
            await answer(update, context.t("event-what-next"), reply_markup=after)
        return
    await answer(
        update, context.t(REFUSAL_KEYS.get(outcome.result, "event-not-found")), reply_markup=remove
    )


def _after_registering(
    context: JolContext, event: Event, registration: Registration
) -> InlineKeyboardMarkup:
    """Where a person goes from a confirmation: their registrations, a seat in the room
    (from an online place), cancel, the menu."""
    cancel = context.t("event-button-cancel", title=short(event.text(context.lang).title, 24))
    offline_open = event.refusal(Mode.OFFLINE, context.services.clock.now()) is None
    seat = seat_button(context, registration, offline_open)
    return InlineKeyboardMarkup(
        [
            [menu_button(context, "my")],
            *([[seat]] if seat is not None else []),
            [InlineKeyboardButton(cancel, callback_data=event_button("cx", registration.id))],
            [home_button(context)],
        ]
    )


def phone_keyboard(context: JolContext) -> ReplyKeyboardMarkup:
    """Share my number, or Cancel: the reply keyboard under every phone question."""
    return ReplyKeyboardMarkup(
        [
            [KeyboardButton(context.t("event-button-share-phone"), request_contact=True)],
            [KeyboardButton(context.t("conversation-button-cancel"))],
        ],
        resize_keyboard=True,
        one_time_keyboard=True,
    )


def phone_example(country: str) -> str:
    """The format where the event is, else where the person lives (a pattern, not a number)."""
    return PHONE_EXAMPLES.get(country, "+XXX XXX XXX XXX")


# ----- my registrations, cancelling, offers ----------------------------------------------


async def my_registrations(update: Update, context: JolContext) -> None:
    """Each registration with a one-tap Cancel."""
    await answer_query(update)
    user = update.effective_user
    if user is None:
        return
    registry = context.services.registry
    found = await registry.my_registrations(user.id)
    if not found:
        keyboard = InlineKeyboardMarkup([[menu_button(context, "events"), home_button(context)]])
        await answer(update, context.t("event-my-empty"), reply_markup=keyboard)
        return
    lines = [context.t("event-my-title")]
    rows = []
    now = context.services.clock.now()
    for registration, event in found:
        key = f"event-my-item-{registration.status.value}-{registration.mode.value}"
        if registration.online_place and registration.seat_offered:
            key = "person-my-item-online-seat-offered"
        elif registration.online_place and registration.in_queue:
            key = "person-my-item-online-seat-waiting"
        lines.append(
            context.t(
                key,
                title=render.title(event, context.lang),
                when=render.when(event, context.services.t, context.lang),
                code=registration.code,
                position=await registry.position(registration) or 0,
            )
        )
        title = short(event.text(context.lang).title, 24)
        offline_open = event.refusal(Mode.OFFLINE, now) is None
        seat = seat_button(context, registration, offline_open, title=title)
        if seat is not None:
            rows.append([seat])
        offer = (
            await registry.open_offer_for(registration.id) if registration.seat_offered else None
        )
        if offer is not None:
            # The offer message may be far up the chat: answer it from here too.
            label = context.t("person-button-accept-for", title=title)
            rows.append([InlineKeyboardButton(label, callback_data=event_button("acc", offer.id))])
        label = context.t("event-button-cancel", title=title)
        rows.append(
            [InlineKeyboardButton(label, callback_data=event_button("cx", registration.id))]
        )
    rows.append([menu_button(context, "events"), home_button(context)])
    await answer(update, "\n".join(lines), reply_markup=InlineKeyboardMarkup(rows))


async def cancel_tap(update: Update, context: JolContext) -> None:
    """ev:v1:cx:<registration>: are you sure? (a place given up may go to someone else)."""
    button = callbacks.parse(update.callback_query.data if update.callback_query else None)
    reg_id = button.arg_int() if button else None
    user = update.effective_user
    registry = context.services.registry
    registration = await registry.registration(reg_id) if reg_id is not None else None
    event = await registry.get(registration.event_id) if registration is not None else None
    if registration is None or event is None or user is None or registration.user_id != user.id:
        await answer_query(update, context.t("event-not-found"), alert=True)
        return
    await answer_query(update)
    if event.status == EventStatus.CANCELLED:
        await answer(update, context.t("event-is-cancelled"), reply_markup=_onwards(context))
        return
    if not registration.active:
        key = "event-registration-already-cancelled"
        await answer(update, context.t(key), reply_markup=_onwards(context))
        return
    keyboard = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    context.t("event-button-cancel-yes"),
                    callback_data=event_button("cxy", registration.id),
                ),
                InlineKeyboardButton(
                    context.t("event-button-cancel-keep"),
                    callback_data=event_button("keep", registration.id),
                ),
            ]
        ]
    )
    text = context.t(
        "event-cancel-ask",
        title=render.title(event, context.lang),
        when=render.when(event, context.services.t, context.lang),
    )
    await answer(update, text, reply_markup=keyboard)


def _onwards(context: JolContext) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[menu_button(context, "events"), home_button(context)]])


async def keep_tap(update: Update, context: JolContext) -> None:
    """ev:v1:keep:<registration>: the person changed their mind; nothing changes."""
    await answer_query(update)
    keyboard = InlineKeyboardMarkup([[menu_button(context, "my"), home_button(context)]])
    await answer(update, context.t("event-cancel-kept"), reply_markup=keyboard)


async def cancel_confirmed(update: Update, context: JolContext) -> None:
    """ev:v1:cxy:<registration>: cancelled; the seat moves to the next person."""
    button = callbacks.parse(update.callback_query.data if update.callback_query else None)
    reg_id = button.arg_int() if button else None
    user = update.effective_user
    if reg_id is None or user is None:
        await answer_query(update, context.t("event-not-found"), alert=True)
        return
    registry = context.services.registry
    before = await registry.registration(reg_id)
    result = await registry.cancel_registration(reg_id, user.id)
    if result == CancelResult.NOT_FOUND:
        await answer_query(update, context.t("event-not-found"), alert=True)
        return
    await answer_query(update)
    key = {
        CancelResult.CANCELLED: _cancelled_key(before),
        CancelResult.ALREADY_CANCELLED: "event-registration-already-cancelled",
        CancelResult.EVENT_CANCELLED: "event-is-cancelled",
        CancelResult.CLOSED: "event-is-over",
    }[result]
    chat = update.effective_chat
    event = await registry.get(before.event_id) if before is not None else None
    if (
        result == CancelResult.CANCELLED
        and before is not None
        and before.status == RegStatus.CONFIRMED
        and event is not None
        and chat is not None
    ):
        # The calendar entry the confirmation gave goes away with the place.
        await send_calendar(
            update,
            context,
            event,
            before,
            caption=key,
            reply_markup=_onwards(context),
            cancelled=True,
        )
        return
    await answer(update, context.t(key), reply_markup=_onwards(context))


async def send_calendar(
    update: Update,
    context: JolContext,
    event: Event,
    registration: Registration,
    *,
    reply_markup: InlineKeyboardMarkup,
    caption: str = "event-ics-caption",
    cancelled: bool = False,
) -> None:
    """The place's .ics (`cancelled`: the CANCEL that takes it out again), under `caption`."""
    chat = update.effective_chat
    if chat is None:
        return
    data = calendar_file(
        event, registration, context.lang, context.services.clock.now(), cancelled=cancelled
    )
    await chat.send_document(
        InputFile(data, filename=calendar_filename(event, context.lang)),
        caption=context.t(caption),
        reply_markup=reply_markup,
    )


def _cancelled_key(before: Registration | None) -> str:
    """Only a seat goes to the next person: an online or waiting place says what it was."""
    if before is not None and before.mode == Mode.ONLINE:
        return "person-registration-cancelled-online"
    if before is not None and before.status == RegStatus.WAITING:
        return "person-registration-cancelled-waiting"
    return "event-registration-cancelled"


async def offer_tap(update: Update, context: JolContext) -> None:
    """ev:v1:acc:<offer> / ev:v1:dec:<offer>."""
    button = callbacks.parse(update.callback_query.data if update.callback_query else None)
    offer_id = button.arg_int() if button else None
    user = update.effective_user
    if button is None or offer_id is None or user is None:
        await answer_query(update, context.t("event-not-found"), alert=True)
        return
    registry = context.services.registry
    if button.action == "acc":
        result = await registry.accept_offer(offer_id, user.id)
    else:
        result = await registry.decline_offer(offer_id, user.id)
    if result == OfferResult.NOT_FOUND:
        await answer_query(update, context.t("event-not-found"), alert=True)
        return
    await answer_query(update)
    key = {
        OfferResult.ACCEPTED: "event-offer-accepted",
        OfferResult.DECLINED: "event-offer-declined",
        OfferResult.KEPT_ONLINE: "person-seat-kept-online",
        OfferResult.EXPIRED: "event-offer-expired",
        OfferResult.WAS_DECLINED: "event-offer-was-declined",
        OfferResult.WITHDRAWN: "event-offer-withdrawn",
        OfferResult.EVENT_CANCELLED: "event-is-cancelled",
    }[result]
    offer = await registry.offer(offer_id) if result == OfferResult.ACCEPTED else None
    registration = await registry.registration(offer.registration_id) if offer else None
    event = await registry.get(offer.event_id) if offer else None
    chat = update.effective_chat
    if registration is None or event is None or chat is None or not registration.active:
        await answer(update, context.t(key), reply_markup=_onwards(context))
        return
    # The seat is a date in the calendar now: the confirmation, then its .ics.
    services = context.services
    confirmation = render.confirmation(services.t, context.lang, event, registration, None)
    await answer(update, context.t(key) + "\n\n" + confirmation)
    await send_pin(update, event)  # the way there
    await send_calendar(update, context, event, registration, reply_markup=_onwards(context))


PRIVATE = filters.ChatType.PRIVATE

FEATURE = Feature(
    handlers=(
        CommandHandler("events", list_events, filters=PRIVATE),
        CommandHandler("my", my_registrations, filters=PRIVATE),
        CallbackQueryHandler(list_events, pattern=callbacks.pattern("m", "events")),
        CallbackQueryHandler(my_registrations, pattern=callbacks.pattern("m", "my")),
        CallbackQueryHandler(list_events, pattern=callbacks.pattern("ev", "list")),
        CallbackQueryHandler(card_tap, pattern=callbacks.pattern("ev", "card")),
        CallbackQueryHandler(register_tap, pattern=callbacks.pattern("ev", "reg")),
        CallbackQueryHandler(consent_tap, pattern=callbacks.pattern("ev", "ok")),
        CallbackQueryHandler(use_name_tap, pattern=callbacks.pattern("ev", "nm")),
        CallbackQueryHandler(cancel_tap, pattern=callbacks.pattern("ev", "cx")),
        CallbackQueryHandler(cancel_confirmed, pattern=callbacks.pattern("ev", "cxy")),
        CallbackQueryHandler(keep_tap, pattern=callbacks.pattern("ev", "keep")),
        CallbackQueryHandler(offer_tap, pattern=callbacks.pattern("ev", "acc")),
        CallbackQueryHandler(offer_tap, pattern=callbacks.pattern("ev", "dec")),
    ),
    commands=(("events", "cmd-events"), ("my", "cmd-my")),
    deep_links={"event": deep_link},
    flows={KIND: Flow(KIND, typed_answer, "event-prompt-cancelled")},
)
