"""Build the Application: the one place where the parts are wired."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from types import ModuleType
from typing import Any

from telegram import BotCommand, LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    ApplicationHandlerStop,
    ContextTypes,
    Defaults,
    TypeHandler,
)

from bot.aiohttp_request import AiohttpRequest
from bot.config import Settings
from bot.context import JolContext
from bot.handlers import broadcast, errors, events, faq, organizer, privacy, start
from bot.services import Services
from bot.update_processor import PerChatUpdateProcessor
from core.clock import Clock, SystemClock
from core.i18n import Translator
from core.languages import LANGUAGES, negotiate
from core.storage import Database
from core.storage.users import UserStore

log = logging.getLogger(__name__)

# Feature modules in the order their handlers are tried. The start module's
# fallbacks and the expired-button handler come after all of them.
FEATURES: list[ModuleType] = [
    start,
    broadcast,  # before any catch-all text handler: it takes an organizer's draft text
    events, organizer,  # after broadcast (the outbox it opens); before catch-all text
    privacy,
    faq,  # last: any free text left over in a private chat is a question
]


async def load_user(update: Update, context: JolContext) -> None:
    """Group -1: who is this, in which language; drop updates without a person."""
    user = update.effective_user
    if user is None or user.is_bot:
        # Channel posts and service messages: nothing for us to answer.
        raise ApplicationHandlerStop
    services = context.services
    guess = negotiate(user.language_code, services.settings.default_locale)
    record, created = await services.users.seen(user.id, guess, services.clock.now())
    context.jol_user = record
    context.user_is_new = created
    context.lang = record.language


def file_url(api_url: str) -> str:
    """Telegram serves files under /file/bot<token>/ beside /bot<token>/."""
    if api_url.endswith("/bot"):
        return api_url[: -len("bot")] + "file/bot"
    return api_url.rstrip("/") + "/file/bot"


def build_application(
    settings: Settings,
    *,
    clock: Clock | None = None,
    features: Sequence[ModuleType] | None = None,
    rate_limit: bool = True,
    translator: Translator | None = None,
    db_schema: str | None = None,
) -> Application[Any, Any, Any, Any, Any, Any]:
    """The Application with every handler registered and services opened in post_init."""
    if settings.bot_token is None:
        raise ValueError("BOT_TOKEN is required to build the application")
    feature_modules = list(features if features is not None else FEATURES)
    clock = clock or SystemClock()

    async def post_init(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
        db = Database(settings.database_url, schema=db_schema)
        await db.migrate()
        services = Services(
            settings=settings,
            clock=clock,
            db=db,
            users=UserStore(db),
            t=translator or Translator.load(),
            bot_username=app.bot.username,
        )
        app.bot_data["services"] = services
        app.bot_data["deep_links"] = {}
        for module in feature_modules:
            app.bot_data["deep_links"].update(getattr(module, "DEEP_LINKS", {}))
            setup = getattr(module, "setup", None)
            if setup is not None:
                await setup(app, services)
        await register_commands(app, services, feature_modules)
        log.info("Jol started as @%s", app.bot.username)

    async def post_shutdown(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
        services: Services | None = app.bot_data.get("services")
        if services is None:
            return
        for module in reversed(feature_modules):
            teardown = getattr(module, "teardown", None)
            if teardown is not None:
                await teardown(app, services)
        await services.db.dispose()

    builder = (
        ApplicationBuilder()
        .token(settings.bot_token.get_secret_value())
        .base_url(settings.telegram_api_url)
        .base_file_url(file_url(settings.telegram_api_url))
        .context_types(ContextTypes(context=JolContext))
        .defaults(
            Defaults(
                parse_mode=ParseMode.HTML,
                link_preview_options=LinkPreviewOptions(is_disabled=True),
            )
        )
        .concurrent_updates(PerChatUpdateProcessor(32))
        # aiohttp instead of PTB's default httpx: a third of the CPU per call,
        # which is what bounds a busy bot on a small host.
        .request(AiohttpRequest(pool_size=64, read_timeout=10.0, write_timeout=10.0))
        .get_updates_request(AiohttpRequest(pool_size=2, read_timeout=10.0))
        .post_init(post_init)
        .post_shutdown(post_shutdown)
    )
    if rate_limit:
        # Replies to the message in hand; the outbox sender paces itself on top.
        builder = builder.rate_limiter(AIORateLimiter(max_retries=3))
    app = builder.build()

    app.add_handler(TypeHandler(Update, load_user), group=-1)
    for module in feature_modules:
        for handler in module.handlers():
            app.add_handler(handler)
    for handler in [*start.fallback_handlers(), *errors.handlers()]:
        app.add_handler(handler)
    app.add_error_handler(errors.on_error)  # type: ignore[arg-type]
    return app


async def register_commands(
    app: Application[Any, Any, Any, Any, Any, Any],
    services: Services,
    modules: Sequence[ModuleType],
) -> None:
    """setMyCommands once per language, and a default list for everyone else."""
    pairs = [pair for module in modules for pair in getattr(module, "COMMANDS", [])]
    for code in (*LANGUAGES, None):
        lang = code or services.settings.default_locale
        commands = [BotCommand(name, services.t(lang, key)) for name, key in pairs]
        await app.bot.set_my_commands(commands, language_code=code)


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
