"""The event card and its buttons: built here once, for people and for organizers.

The registry's `EventCard` read model says what the person may do; this
module only turns it into text and buttons.
"""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest

from bot.context import JolContext
from bot.handlers.common import answer, answer_long, home_button, menu_button
from bot.handlers.sharing import share_button
from core import callbacks
from registry import Event, EventCard, EventStatus, Registration, render

EVENTS = "ev"
ORGANIZER = "org"
# Offline seats ("s") or an online place ("o") in button data.
MODE_CODES = {"s": "offline", "o": "online"}


def event_button(action: str, *args: object) -> str:
    return callbacks.encode(EVENTS, action, *args)


def organizer_button(
    context: JolContext, key: str, action: str, *args: object, **fmt: object
) -> InlineKeyboardButton:
    return InlineKeyboardButton(
        context.t(key, **fmt), callback_data=callbacks.encode(ORGANIZER, action, *args)
    )


def short(text: str, limit: int) -> str:
    """Cut at a word with "…", so a label stays readable on a phone."""
    clean = " ".join(text.split())
    if len(clean) <= limit:
        return clean
    cut = clean[: limit - 1].rsplit(" ", 1)[0] or clean[: limit - 1]
    return cut.rstrip(" ,.;:-") + "…"


def seat_button(
    context: JolContext, mine: Registration, offline_open: bool, title: str | None = None
) -> InlineKeyboardButton | None:
    """For an online place: ask for a seat in the room (while seats may be had), or, once in
    line, stay online only. `title` names the event (in a list of several)."""
    if mine.may_ask_for_seat and offline_open:
        key, action = "person-seat-button-ask", "seat"
    elif mine.online_place and mine.in_queue:
        key, action = "person-seat-button-stop", "unseat"
    else:
        return None
    label = context.t(f"{key}-for", title=title) if title else context.t(key)
    return InlineKeyboardButton(label, callback_data=event_button(action, mine.id))


def organizer_rows(context: JolContext, card: EventCard) -> list[list[InlineKeyboardButton]]:
    """The organizer's buttons under an event card."""
    event = card.event
    if event.status == EventStatus.DRAFT:
        return [
            [
                organizer_button(context, "org-button-publish", "pub", event.id),
                organizer_button(context, "org-button-discard", "del", event.id),
            ]
        ]
    rows = [[organizer_button(context, "org-button-registrations", "rg", event.id)]]
    if event.status == EventStatus.PUBLISHED:
        rows.append(
            [
                organizer_button(context, "org-button-edit", "ed", event.id),
                organizer_button(context, "org-button-cancel-event", "cx", event.id),
            ]
        )
    return rows


def person_rows(context: JolContext, card: EventCard) -> list[list[InlineKeyboardButton]]:
    """Register (a seat or the waiting list, online), or cancel one's own place."""
    event = card.event
    rows: list[list[InlineKeyboardButton]] = []
    title = short(event.text(context.lang).title, 24)
    if card.registered and card.mine is not None and event.status == EventStatus.PUBLISHED:
        seat = seat_button(context, card.mine, card.offline_open)
        if seat is not None:
            rows.append([seat])
        label = context.t("event-button-cancel", title=title)
        rows.append([InlineKeyboardButton(label, callback_data=event_button("cx", card.mine.id))])
    else:
        if card.offline_open:
            label = (
                context.t("event-button-seat", left=card.counts.seats_left or 0)
                if card.next_place_is_seat
                else context.t("event-button-waitlist")
            )
            rows.append(
                [InlineKeyboardButton(label, callback_data=event_button("reg", event.id, "s"))]
            )
        if card.online_open:
            rows.append(
                [
                    InlineKeyboardButton(
                        context.t("event-button-online"),
                        callback_data=event_button("reg", event.id, "o"),
                    )
                ]
            )
    if event.livestream_url and event.status == EventStatus.PUBLISHED:
        rows.append(
            [InlineKeyboardButton(context.t("event-button-livestream"), url=event.livestream_url)]
        )
    return rows


async def send_pin(update: Update, event: Event) -> None:
    """The venue on the map (Telegram's venue message), when the event has a pin."""
    chat = update.effective_chat
    point = event.venue_location
    if chat is None or point is None or not event.venue_name or not event.venue_address:
        return
    await chat.send_venue(
        latitude=point.latitude,
        longitude=point.longitude,
        title=event.venue_name,
        address=event.venue_address,
    )


def navigation_rows(context: JolContext, card: EventCard) -> list[list[InlineKeyboardButton]]:
    """Share (published events), then the way back: all events, the menu."""
    rows: list[list[InlineKeyboardButton]] = []
    event = card.event
    if event.status == EventStatus.PUBLISHED:
        share = share_button(context, f"event-{event.id}", event.text(context.lang).title)
        if share is not None:
            rows.append([share])
    rows.append([menu_button(context, "events"), home_button(context)])
    return rows


def card_text(context: JolContext, card: EventCard) -> str:
    text = render.card(context.services.t, context.lang, card.event, card.counts)
    if card.registered and card.mine is not None:
        text += "\n\n" + render.confirmation(
            context.services.t, context.lang, card.event, card.mine, card.position
        )
    return text


def card_markup(
    context: JolContext, card: EventCard, is_admin: bool
) -> InlineKeyboardMarkup | None:
    rows = person_rows(context, card)
    if is_admin:
        rows.extend(organizer_rows(context, card))
    rows.extend(navigation_rows(context, card))
    return InlineKeyboardMarkup(rows) if rows else None


async def event_not_found(update: Update, context: JolContext) -> None:
    """No such event (an old link, a mistyped one): say so, with the way on."""
    keyboard = InlineKeyboardMarkup([[menu_button(context, "events"), home_button(context)]])
    await answer(update, context.t("event-not-found"), reply_markup=keyboard)


async def send_card(update: Update, context: JolContext, event_id: int) -> None:
    """The card as this person sees it (organizers also get their buttons)."""
    user_id = update.effective_user.id if update.effective_user else None
    is_admin = context.services.is_admin(user_id)
    card = await context.services.registry.card(event_id, user_id)
    if card is None or (card.event.status == EventStatus.DRAFT and not is_admin):
        await event_not_found(update, context)
        return
    await answer_long(
        update, card_text(context, card), reply_markup=card_markup(context, card, is_admin)
    )
    await send_pin(update, card.event)


async def refresh_card(update: Update, context: JolContext, event_id: int) -> None:
    """A tap on an old card: the card itself is brought up to date (seats left, buttons)."""
    query = update.callback_query
    message = query.message if query is not None else None
    if not isinstance(message, Message) or message.text is None:
        return
    user_id = update.effective_user.id if update.effective_user else None
    card = await context.services.registry.card(event_id, user_id)
    if card is None:
        return
    text = card_text(context, card)
    if len(text) > 4096:
        return  # a card sent in parts stays as it is
    try:
        await message.edit_text(
            text, reply_markup=card_markup(context, card, context.services.is_admin(user_id))
        )
    except BadRequest:
        pass  # not modified, or too old to edit: the answer below says what is true
