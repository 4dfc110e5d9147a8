"""Build the Application: handlers in their groups, services from bot.wiring."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from telegram import BotCommand, BotCommandScopeChat, LinkPreviewOptions, Update
from telegram.constants import ChatType, ParseMode
from telegram.error import TelegramError
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    ApplicationHandlerStop,
    ContextTypes,
    Defaults,
    TypeHandler,
)

from bot import heap
from bot.aiohttp_request import AiohttpRequest
from bot.application import JolApplication
from bot.config import Settings
from bot.context import JolContext
from bot.dispatch import HandlerIndex
from bot.flood import Verdict
from bot.handlers import (
    broadcast,
    cases,
    conversation,
    errors,
    event_wizard,
    events,
    faq,
    organizer,
    privacy,
    seats,
    sos,
    staff,
    start,
)
from bot.handlers.common import DeepLinkHandler, Feature, Flow, answer_query
from bot.logging_setup import install_privacy_filter
from bot.replies import ReplySender
from bot.services import Services
from bot.tolerant_bot import TolerantBot
from bot.update_processor import PerChatUpdateProcessor
from bot.wiring import build_services, cluster_heartbeat, start_jobs
from core.clock import Clock, SystemClock
from core.i18n import Translator
from core.languages import LANGUAGES, negotiate
from core.updates import current_effects, remember
from faq.library import Library

log = logging.getLogger(__name__)

# Handler groups, tried in this order for every update:
LOAD_USER = -1  # who is this, in which language
COMMANDS_AND_BUTTONS = 0  # every command and button, first match wins
CONVERSATION = 1  # typed answers to the question the bot asked last (then stop)
RELAY = 2  # what a person with an open case sends goes to the consultant (then stop)
LEFTOVERS = 3  # free text is a question; anything else gets the menu

# Feature modules, in the order their handlers are tried within a group.
FEATURES: tuple[Feature, ...] = (
    staff.FEATURE,  # first: the staff group's commands before "talk to me in private"
    cases.FEATURE,  # its leftover takes what a person with an open case sends
    sos.FEATURE,
    start.FEATURE,
    conversation.FEATURE,
    broadcast.FEATURE,
    events.FEATURE,
    seats.FEATURE,  # an online place asking for a seat in the room
    event_wizard.FEATURE,
    organizer.FEATURE,
    privacy.FEATURE,
    faq.FEATURE,  # its leftover handler takes any free text: a question
    errors.FEATURE,  # last: buttons nobody recognised
)


async def load_user(update: Update, context: JolContext) -> None:
    """Group -1: who is this, in which language; drop updates without a person."""
    user = update.effective_user
    if user is None or user.is_bot:
        # Channel posts and service messages: nothing for us to answer.
        raise ApplicationHandlerStop
    services = context.services
    guess = negotiate(user.language_code, services.settings.default_locale)
    chat = update.effective_chat
    if chat is not None and chat.type != ChatType.PRIVATE:
        # A group (the staff group): its members are not the bot's users, and are
        # not recorded as such (nor reached by announcements).
        known = await services.users.get(user.id)
        context.jol_user = known
        context.lang = known.language if known is not None else guess
    else:
        journal = current_effects.get()
        if journal is not None and journal.holding:
            # Noted before the person is recorded: a second attempt after a crash sees
            # them new too; people already known cost no write to the journal.
            if "user_is_new" not in journal.memo and await services.users.get(user.id) is None:
                await journal.keep("user_is_new", True)
            record, _ = await services.users.seen(user.id, guess, services.clock.now())
            context.user_is_new = bool(journal.memo.get("user_is_new", False))
        else:
            record, created = await services.users.seen(user.id, guess, services.clock.now())
            # Handled a second time after a crash, the person is no longer new in the
            # database: what the first attempt saw decides (core.updates.Effects).
            context.user_is_new = bool(remember("user_is_new", created))
        context.jol_user = record
        context.lang = record.language
    verdict = services.flood.check(user.id)
    if verdict != Verdict.ALLOW:
        # One person's storm: told once to slow down, then nothing until it passes.
        # One line when it starts; the dropped updates themselves only at DEBUG, so a
        # storm does not become a storm of log lines.
        log.log(
            logging.INFO if verdict == Verdict.WARN else logging.DEBUG,
            "user %s over the flood limit: %s",
            user.id,
            verdict.value,
        )
        if verdict == Verdict.WARN and update.effective_chat is not None:
            await update.effective_chat.send_message(context.t("flood-slow-down"))
        await answer_query(update)
        raise ApplicationHandlerStop


def build_application(
    settings: Settings,
    *,
    clock: Clock | None = None,
    rate_limit: bool = True,
    translator: Translator | None = None,
    library: Library | None = None,
    db_schema: str | None = None,
    role: str = "all",
    settle_heap: bool = True,
) -> Application[Any, Any, Any, Any, Any, Any]:
    """The Application with every handler registered; services built in post_init.

    `library` lets a caller share one loaded knowledge base (the tests build it
    once per session); by default it is loaded from `settings.kb_path`.
    `role`: "all" (one process does everything), "web" (handles updates only:
    no sender, no periodic jobs) or "sender" (the outbox and the periodic jobs).
    `settle_heap`: the allocator gives large blocks back, and once started, what
    start-up built is frozen out of the garbage collector's way and the heap's free
    pages are returned (`bot.heap`); tests that start many bots in one process skip it.
    """
    if settings.bot_token is None:
        raise ValueError("BOT_TOKEN is required to build the application")
    # Whoever runs the bot (python -m bot, the sandbox, tests), no log line carries
    # what people write: PTB, aiohttp, SQLAlchemy and the rest go through the scrubber.
    install_privacy_filter()
    if settle_heap:
        # Before the knowledge base is loaded (post_init): its temporaries go back.
        heap.fix_allocator()
    clock = clock or SystemClock()

    async def post_init(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
        services = await build_services(
            settings,
            clock=clock,
            translator=translator,
            library=library,
            db_schema=db_schema,
            bot_username=app.bot.username,
        )
        app.bot_data["services"] = services
        if not services.db.is_sqlite:
            # Several processes may share this database: say who we are, keep it fresh.
            heartbeat = cluster_heartbeat(services, role)
            await heartbeat.start()
            app.bot_data["heartbeat"] = heartbeat
        if role == "sender" and not services.db.is_sqlite:
            # What the web processes handled: their replies go out from here.
            replies = ReplySender(services.db, app.bot, services.clock)
            await replies.start()
            app.bot_data["replies"] = replies
        if role != "web":
            if app.job_queue is not None:
                start_jobs(app.job_queue, services)
                broadcast.resume_progress(app, services)
            else:
                services.sender.start(poll_seconds=5.0)
            await register_commands(app, services)
        if settle_heap:
            heap.settle()
        log.info("Jol started as @%s (%s)", app.bot.username, role)

    async def post_shutdown(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
        services: Services | None = app.bot_data.get("services")
        replies = app.bot_data.pop("replies", None)
        if replies is not None:
            await replies.stop()
        heartbeat = app.bot_data.pop("heartbeat", None)
        if heartbeat is not None:
            await heartbeat.stop()
        if services is not None:
            await services.close()

    defaults = Defaults(
        parse_mode=ParseMode.HTML, link_preview_options=LinkPreviewOptions(is_disabled=True)
    )
    bot = TolerantBot(
        settings.bot_token.get_secret_value(),
        base_url=settings.telegram_api_url,
        base_file_url=settings.telegram_file_url,
        # aiohttp instead of PTB's default httpx: a third of the CPU per call,
        # which is what bounds a busy bot on a small host.
        request=AiohttpRequest(pool_size=64, read_timeout=10.0, write_timeout=10.0),
        get_updates_request=AiohttpRequest(pool_size=2, read_timeout=10.0),
        defaults=defaults,
        # Replies to the message in hand; the outbox sender paces itself on top.
        rate_limiter=AIORateLimiter(max_retries=3) if rate_limit else None,
    )
    builder = (
        ApplicationBuilder()
        .application_class(JolApplication)
        .bot(bot)
        .context_types(ContextTypes(context=JolContext))
        .concurrent_updates(PerChatUpdateProcessor(32))
        .post_init(post_init)
        .post_shutdown(post_shutdown)
    )
    app = builder.build()

    app.add_handler(TypeHandler(Update, load_user), group=LOAD_USER)
    deep_links: dict[str, DeepLinkHandler] = {}
    flows: dict[str, Flow] = {}
    for feature in FEATURES:
        deep_links.update(feature.deep_links)
        flows.update(feature.flows)
    # Each group as one handler that asks only the handlers that could take the update,
    # in the order of FEATURES (bot.dispatch).
    for group, handlers in (
        (COMMANDS_AND_BUTTONS, [h for feature in FEATURES for h in feature.handlers]),
        (RELAY, [h for feature in FEATURES for h in feature.relays]),
        (LEFTOVERS, [h for feature in FEATURES for h in feature.leftovers]),
    ):
        app.add_handler(HandlerIndex(handlers), group=group)
    app.add_handler(conversation.router(flows), group=CONVERSATION)
    app.bot_data["deep_links"] = deep_links
    app.bot_data["flows"] = flows
    app.add_error_handler(errors.on_error)
    return app


async def register_commands(
    app: Application[Any, Any, Any, Any, Any, Any], services: Services
) -> None:
    """The public menu once per language; each organizer's chat also gets the organizer
    commands, in that organizer's language (Telegram's per-chat command scope)."""
    public = [pair for feature in FEATURES for pair in feature.commands]
    organizer = [pair for feature in FEATURES for pair in feature.organizer_commands]
    for code in (*LANGUAGES, None):
        lang = code or services.settings.default_locale
        commands = [BotCommand(name, services.t(lang, key)) for name, key in public]
        await app.bot.set_my_commands(commands, language_code=code)
    await describe_bot(app, services)
    for admin_id in services.settings.admin_ids:
        admin = await services.users.get(admin_id)
        admin_lang = admin.language if admin is not None else services.settings.default_locale
        pairs = [*public, *organizer]
        commands = [BotCommand(name, services.t(admin_lang, key)) for name, key in pairs]
        try:
            await app.bot.set_my_commands(commands, scope=BotCommandScopeChat(admin_id))
        except TelegramError as exc:
            # An organizer who never opened the bot has no chat yet: the public menu it is.
            log.info("organizer %s: no command menu yet (%s)", admin_id, type(exc).__name__)


async def describe_bot(app: Application[Any, Any, Any, Any, Any, Any], services: Services) -> None:
    """What Telegram shows before the first message (description) and on the profile and in
    shared links (short description), in each language."""
    for code in (*LANGUAGES, None):
        lang = code or services.settings.default_locale
        try:
            await app.bot.set_my_description(services.t(lang, "bot-description"), code)
            await app.bot.set_my_short_description(services.t(lang, "bot-short-description"), code)
        except TelegramError as exc:
            log.warning("bot description (%s) not set: %s", code, type(exc).__name__)


@asynccontextmanager
async def running(
    app: Application[Any, Any, Any, Any, Any, Any], *, poll_timeout: int = 10
) -> AsyncIterator[Application[Any, Any, Any, Any, Any, Any]]:
    """Run the application with long polling inside an event loop someone else owns.

    `run_polling` owns the loop and calls post_init/post_shutdown itself; the
    sandbox and the end-to-end tests share their loop with the local Bot API
    server, so they go through here to get the same lifecycle.
    """
    async with app:
        if app.post_init is not None:
            await app.post_init(app)
        await app.start()
        assert app.updater is not None
        await app.updater.start_polling(
            poll_interval=0.0, timeout=poll_timeout, allowed_updates=Update.ALL_TYPES
        )
        try:
            yield app
        finally:
            if app.updater.running:
                await app.updater.stop()
            if app.running:
                await app.stop()
            if app.post_shutdown is not None:
                await app.post_shutdown(app)
