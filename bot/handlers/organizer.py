"""Organizer buttons on an event: publish, discard, edit, cancel, registrations, CSV, report,
check-in; and /checkin CODE.

One small callback per action. Every one checks the organizer's rights again:
a forwarded or forged button must not give anyone organizer rights.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Coroutine
from html import escape
from typing import Any

from telegram import InlineKeyboardMarkup, InputFile, Update
from telegram.ext import CallbackQueryHandler, CommandHandler, filters

from bot.context import JolContext
from bot.handlers.common import Feature, Handler, answer, answer_query, home_button
from bot.handlers.event_card import ORGANIZER, organizer_button
from bot.handlers.event_wizard import (
    allowed,
    edit_menu,
    refuse,
    start_edit,
    start_text_edit,
    texts_menu,
)
from core import callbacks
from core.languages import NATIVE_NAMES
from registry import CheckInResult, Event, EventStatus, Mode, Registration, RegStatus, render
from registry.csvexport import door_list_csv

log = logging.getLogger(__name__)

EventAction = Callable[[Update, JolContext, Event, tuple[str, ...]], Coroutine[Any, Any, None]]


def on_event(action: EventAction) -> Callable[[Update, JolContext], Coroutine[Any, Any, None]]:
    """org:v1:<action>:<event id>…: rights, the id checked against the database, then `action`."""

    async def callback(update: Update, context: JolContext) -> None:
        if not allowed(update, context):
            await refuse(update, context)
            return
        button = callbacks.parse(update.callback_query.data if update.callback_query else None)
        event_id = button.arg_int() if button else None
        event = await context.services.registry.get(event_id) if event_id is not None else None
        if button is None or event is None:
            await answer_query(update, context.t("event-not-found"), alert=True)
            return
        await answer_query(update)
        await action(update, context, event, button.args)

    callback.__doc__ = action.__doc__
    return callback


async def publish(
    update: Update, context: JolContext, event: Event, _args: tuple[str, ...]
) -> None:
    """pub: a draft goes public; the organizer gets the link to share."""
    published = await context.services.registry.publish(event.id)
    if published is None:
        await answer(update, context.t("event-closed"))
        return
    link = f"https://t.me/{context.services.bot_username}?start=event-{event.id}"
    await answer(
        update, context.t("org-published", title=render.title(event, context.lang), link=link)
    )


async def discard(
    update: Update, context: JolContext, event: Event, _args: tuple[str, ...]
) -> None:
    """del: a draft is thrown away (a published event is cancelled with cx instead)."""
    if event.status == EventStatus.DRAFT:
        await context.services.registry.cancel_event(event.id)
    await answer(update, context.t("org-discarded"))


async def edit(update: Update, context: JolContext, event: Event, _args: tuple[str, ...]) -> None:
    """ed: which field to change."""
    await edit_menu(update, context, event)


async def edit_field(
    update: Update, context: JolContext, event: Event, args: tuple[str, ...]
) -> None:
    """ef:<id>:<field>: ask for the new value."""
    await start_edit(update, context, event, args[1] if len(args) > 1 else "")


async def edit_texts(
    update: Update, context: JolContext, event: Event, _args: tuple[str, ...]
) -> None:
    """el:<id>: the title and description in each language; which to change or add."""
    await texts_menu(update, context, event)


async def edit_text(
    update: Update, context: JolContext, event: Event, args: tuple[str, ...]
) -> None:
    """et:<id>:<lang>: ask for that language's title, then its description."""
    await start_text_edit(update, context, event, args[1] if len(args) > 1 else "")


async def ask_cancel(
    update: Update, context: JolContext, event: Event, _args: tuple[str, ...]
) -> None:
    """cx: are you sure?"""
    keyboard = InlineKeyboardMarkup(
        [
            [organizer_button(context, "org-button-cancel-confirm", "cxy", event.id)],
            [organizer_button(context, "org-button-cancel-keep", "cxn", event.id)],
        ]
    )
    await answer(
        update,
        context.t("org-cancel-ask", title=render.title(event, context.lang)),
        reply_markup=keyboard,
    )


async def cancel(update: Update, context: JolContext, event: Event, _args: tuple[str, ...]) -> None:
    """cxy: cancel the event; registrants are told through the outbox."""
    notified = await context.services.registry.cancel_event(event.id)
    await answer(
        update,
        context.t("org-cancelled", title=render.title(event, context.lang), count=notified or 0),
        reply_markup=InlineKeyboardMarkup([[home_button(context)]]),
    )


async def keep(update: Update, context: JolContext, event: Event, _args: tuple[str, ...]) -> None:
    """cxn: the organizer changed their mind; the event stays as it is."""
    if event.status == EventStatus.CANCELLED:  # an old button: it was cancelled after all
        await answer(update, context.t("event-card-cancelled"))
        return
    await answer(
        update,
        context.t("org-cancel-kept", title=render.title(event, context.lang)),
        reply_markup=InlineKeyboardMarkup(
            [
                [organizer_button(context, "org-button-registrations", "rg", event.id)],
                [home_button(context)],
            ]
        ),
    )


async def registrations(
    update: Update, context: JolContext, event: Event, _args: tuple[str, ...]
) -> None:
    """rg: counts, the door list with check-in buttons, CSV and report."""
    registry = context.services.registry
    counts = await registry.counts(event.id)
    assert counts is not None
    text = context.t(
        "org-counts",
        title=render.title(event, context.lang),
        taken=counts.seats_taken,
        capacity=str(event.capacity) if event.capacity is not None else "—",
        waiting=counts.waiting,
        waiting_online=counts.waiting_online,
        online=counts.online,
        cancelled=counts.cancelled,
        checked_in=counts.checked_in,
    )
    door = [
        r
        for r in await registry.door_list(event.id)
        if r.mode == Mode.OFFLINE and r.status == RegStatus.CONFIRMED and r.checked_in_at is None
    ]
    rows = [
        [organizer_button(context, "org-button-checkin", "ci", r.id, name=r.name[:30], code=r.code)]
        for r in door[:30]
    ]
    rows.append(
        [
            organizer_button(context, "org-button-csv", "csv", event.id),
            organizer_button(context, "org-button-report", "rep", event.id),
        ]
    )
    await answer(update, text, reply_markup=InlineKeyboardMarkup(rows))


async def door_list(
    update: Update, context: JolContext, event: Event, _args: tuple[str, ...]
) -> None:
    """csv: the door list as a spreadsheet."""
    regs = await context.services.registry.door_list(event.id)
    data = door_list_csv(regs, event.timezone, context.services.t, context.lang)
    chat = update.effective_chat
    if chat is not None:
        await chat.send_document(
            InputFile(data, filename=f"door-list-event-{event.id}.csv"),
            caption=context.t("org-csv-caption", title=render.title(event, context.lang)),
        )


async def report(update: Update, context: JolContext, event: Event, _args: tuple[str, ...]) -> None:
    """rep: the funders' report."""
    found = await context.services.registry.report(event.id)
    assert found is not None
    by_language = (
        ", ".join(f"{NATIVE_NAMES.get(k, k)}: {v}" for k, v in found.by_language.items()) or "—"
    )
    await answer(
        update,
        context.t(
            "org-report",
            title=render.title(event, context.lang),
            when=render.when(event, context.services.t, context.lang),
            registered=found.registered,
            attended=found.attended,
            no_shows=found.no_shows if found.no_shows is not None else "—",
            offline=found.offline,
            online=found.online,
            languages=by_language,
        ),
    )


async def _tapped_registration(update: Update, context: JolContext) -> Registration | None:
    """The registration a door-list button names, for an organizer; else refused or expired."""
    if not allowed(update, context):
        await refuse(update, context)
        return None
    button = callbacks.parse(update.callback_query.data if update.callback_query else None)
    reg_id = button.arg_int() if button else None
    registry = context.services.registry
    registration = await registry.registration(reg_id) if reg_id is not None else None
    if registration is None:
        await answer_query(update, context.t("event-not-found"), alert=True)
        return None
    await answer_query(update)
    return registration


async def check_in_tap(update: Update, context: JolContext) -> None:
    """org:v1:ci:<registration>: the guest at the door."""
    registration = await _tapped_registration(update, context)
    if registration is None:
        return
    registry = context.services.registry
    result, found = await registry.check_in(registration.event_id, registration.code)
    await _say_check_in(update, context, result, found)


async def checkin_command(update: Update, context: JolContext) -> None:
    """/checkin CODE"""
    if not allowed(update, context):
        await refuse(update, context)
        return
    code = context.args[0] if context.args else ""
    if not (code.isascii() and code.isalnum()) or len(code) > 8:
        await answer(update, context.t("org-checkin-usage"))
        return
    result, found = await context.services.registry.check_in_by_code(code)
    await _say_check_in(update, context, result, found)


async def undo_check_in_tap(update: Update, context: JolContext) -> None:
    """org:v1:ciu:<registration>: a check-in tapped by mistake is taken back."""
    registration = await _tapped_registration(update, context)
    if registration is None:
        return
    registry = context.services.registry
    undone = await registry.undo_check_in(registration.id)
    name = escape(registration.name, quote=False)
    key = "org-checkin-undone" if undone is not None else "org-checkin-nothing-to-undo"
    await answer(
        update,
        context.t(key, name=name),
        reply_markup=InlineKeyboardMarkup(
            [[organizer_button(context, "org-button-registrations", "rg", registration.event_id)]]
        ),
    )


async def _say_check_in(
    update: Update, context: JolContext, result: CheckInResult, found: Registration | None
) -> None:
    name = escape(found.name, quote=False) if found is not None else ""
    key = {
        CheckInResult.CHECKED_IN: "org-checkin-ok",
        CheckInResult.ALREADY: "org-checkin-already",
        CheckInResult.NOT_FOUND: "org-checkin-not-found",
        CheckInResult.NOT_CONFIRMED: "org-checkin-not-confirmed",
    }[result]
    markup = None
    if found is not None and result in (CheckInResult.CHECKED_IN, CheckInResult.ALREADY):
        # A wrong tap at a busy door is taken back in one tap; the list is one tap away.
        markup = InlineKeyboardMarkup(
            [
                [organizer_button(context, "org-button-checkin-undo", "ciu", found.id)],
                [organizer_button(context, "org-button-registrations", "rg", found.event_id)],
            ]
        )
    await answer(update, context.t(key, name=name), reply_markup=markup)


ACTIONS: dict[str, EventAction] = {
    "pub": publish,
    "del": discard,
    "ed": edit,
    "ef": edit_field,
    "el": edit_texts,
    "et": edit_text,
    "cx": ask_cancel,
    "cxy": cancel,
    "cxn": keep,
    "rg": registrations,
    "csv": door_list,
    "rep": report,
}


def _handlers() -> tuple[Handler, ...]:
    taps: list[Handler] = [
        CallbackQueryHandler(on_event(action), pattern=callbacks.pattern(ORGANIZER, name))
        for name, action in ACTIONS.items()
    ]
    taps.append(CallbackQueryHandler(check_in_tap, pattern=callbacks.pattern(ORGANIZER, "ci")))
    taps.append(
        CallbackQueryHandler(undo_check_in_tap, pattern=callbacks.pattern(ORGANIZER, "ciu"))
    )
    return (CommandHandler("checkin", checkin_command, filters=filters.ChatType.PRIVATE), *taps)


FEATURE = Feature(handlers=_handlers(), organizer_commands=(("checkin", "cmd-checkin"),))
