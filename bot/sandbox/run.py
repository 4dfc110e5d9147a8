"""The local try-out: the Bot API server, the real bot against it, and the web chat.

`python -m bot` without BOT_TOKEN (or `python -m bot sandbox`) comes here. The bot
is built exactly as in production; only its API URL, token and database differ,
so what people try here is what runs on Telegram.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from contextlib import AsyncExitStack
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import SecretStr

from bot.config import Settings, normalise_database_url
from bot.sandbox.clock import TryOutClock
from bot.sandbox.demo import seed_demo_event
from bot.sandbox.people import PEOPLE, STAFF_GROUP, TryOutState
from bot.sandbox.server import BotApiServer
from bot.sandbox.webchat import TryOut, add_webchat_routes

if TYPE_CHECKING:
    from faq.library import Library

log = logging.getLogger(__name__)

# A well-formed token that only this local server accepts; never a real bot's.
SANDBOX_TOKEN = "100000001:JOL-SANDBOX-local-only"
SANDBOX_BOT_USERNAME = "jol_sandbox_bot"
# Relative to the working directory, like the production default, but its own
# file: a try-out never touches the real DATABASE_URL.
SANDBOX_DATABASE = Path("data") / "sandbox.sqlite3"


def state_path_for(database_url: str) -> Path:
    """The try-out's people and clock are kept beside its SQLite file (else in data/)."""
    prefix = "sqlite:///"
    plain = database_url.replace("sqlite+aiosqlite:///", prefix)
    if plain.startswith(prefix) and plain != prefix + ":memory:":
        database = Path(plain[len(prefix) :])
        return database.with_name(database.stem + ".tryout.json")
    return SANDBOX_DATABASE.with_name("sandbox.tryout.json")


def sandbox_settings(settings: Settings, api_url: str, database_url: str | None) -> Settings:
    """The deployment's settings with everything that could reach real people replaced."""
    return settings.model_copy(
        update={
            "bot_token": SecretStr(SANDBOX_TOKEN),
            "telegram_api_url": api_url,
            "database_url": normalise_database_url(database_url or f"sqlite:///{SANDBOX_DATABASE}"),
            "admin_ids": [p.user_id for p in PEOPLE if p.admin],
            "kb_path": None,  # the shipped knowledge base
            "webhook_url": "",
            # Consultants answer in the try-out's own staff group, the Organizer among them.
            "staff_chat_id": STAFF_GROUP.chat_id,
            "staff_ids": [],
            "protection_ids": [],
            "org_name": settings.org_name or "Sample NGO",
            # A local server has no per-chat limits; Telegram's pace would only feel slow.
            "send_per_chat_limits": False,
        }
    )


class Sandbox:
    """One running try-out; tests start several on port 0 with their own databases."""

    def __init__(
        self,
        settings: Settings,
        *,
        host: str | None = None,
        port: int | None = None,
        database_url: str | None = None,
        poll_timeout: int = 10,
        library: Library | None = None,
    ) -> None:
        self.settings = settings
        # A loaded knowledge base to share (the browser tests load it once); else its own.
        self.library = library
        self.host = host if host is not None else settings.sandbox_host
        self.port = port if port is not None else settings.sandbox_port
        self.database_url = database_url
        self.poll_timeout = poll_timeout
        self.server: BotApiServer | None = None
        self.app: Any = None
        self.tryout: TryOut | None = None
        self._stack: AsyncExitStack | None = None

    @property
    def url(self) -> str:
        """The web chat's address (with the real port once started)."""
        if self.server is None:
            raise RuntimeError("the sandbox is not running")
        return self.server.url

    async def start(self) -> None:
        """Serve the Bot API and the page, then start the bot polling against it."""
        # Imported late: building the bot pulls in telegram and every feature.
        from bot.app import build_application, running  # noqa: PLC0415

        server = BotApiServer(
            token=SANDBOX_TOKEN,
            host=self.host,
            port=self.port,
            bot_username=SANDBOX_BOT_USERNAME,
            bot_first_name="Jol",
        )
        database_url = self.database_url or f"sqlite:///{SANDBOX_DATABASE}"
        state = TryOutState.load(state_path_for(database_url))
        clock = TryOutClock(state.clock_offset)
        server.sim.clock = clock.timestamp
        tryout = TryOut(
            server.sim, state, clock, zone=self.settings.timezone, catch_up=self._catch_up
        )
        add_webchat_routes(server.app, tryout)
        # The try-out's people have talked to the bot before (its database remembers
        # them across restarts): their chats exist, so reminders and offers reach them.
        for person in state.people:
            tryout.introduce(person)
        server.sim.user(STAFF_GROUP.act_as, STAFF_GROUP.act_as_name, "en")
        server.sim.forum(STAFF_GROUP.chat_id, STAFF_GROUP.title, admins=[STAFF_GROUP.act_as])
        async with AsyncExitStack() as stack:
            await server.start()
            stack.push_async_callback(server.stop)
            self.server = server
            self.tryout = tryout
            settings = sandbox_settings(self.settings, server.base_url, database_url)
            # Interactive use: Telegram's pace would only make the try-out feel slow.
            app = build_application(settings, clock=clock, rate_limit=False, library=self.library)
            await stack.enter_async_context(running(app, poll_timeout=self.poll_timeout))
            self.app = app
            services = app.bot_data["services"]
            await seed_demo_event(services.registry, services.clock)
            self._stack = stack.pop_all()

    async def _catch_up(self) -> None:
        """The clock moved: do at once what the bot's timers would do by that time."""
        from bot.wiring import periodic_jobs  # noqa: PLC0415  (as build_application above)

        if self.app is None:
            return
        services = self.app.bot_data["services"]
        for job in periodic_jobs(services):
            await job.run()
        services.sender.wake()  # reminders and broadcasts that are due now

    async def stop(self) -> None:
        """Stop the bot first (it polls the server), then the server."""
        stack, self._stack = self._stack, None
        if stack is not None:
            await stack.aclose()
        self.app = None

    async def __aenter__(self) -> Sandbox:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()


# Lines a person trying Jol out has no use for at INFO (every migration by name, the
# library's "Application started", the sample event's creation): shown at DEBUG.
CHATTY_LOGGERS = (
    "alembic.runtime.migration",
    "telegram.ext.Application",
    "registry.commands",
    "bot.sandbox.server",
)


def quiet_start_up() -> None:
    """Keep the terminal to what matters at the try-out's default level."""
    if logging.getLogger().getEffectiveLevel() > logging.DEBUG:
        for name in CHATTY_LOGGERS:
            logging.getLogger(name).setLevel(logging.WARNING)


async def run_sandbox(settings: Settings) -> int:
    """Run until Ctrl-C or SIGTERM; 0 on a clean stop, 1 if the port is taken."""
    quiet_start_up()
    sandbox = Sandbox(settings)
    # Installed before starting, so a Ctrl-C during start-up also ends without a traceback.
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    signals = (signal.SIGINT, signal.SIGTERM)
    for sig in signals:
        loop.add_signal_handler(sig, stop.set)
    try:
        print(
            "Starting: the knowledge base is loaded first (about a minute; the very first "
            "start on a machine takes a few).",
            flush=True,
        )
        try:
            await sandbox.start()
        except OSError as exc:
            print(
                f"Jol could not listen on {sandbox.host}:{sandbox.port} ({exc.strerror or exc}).\n"
                "Another program may use that port: set SANDBOX_PORT=8090 (or another) and retry."
            )
            return 1
        print(f"Jol is running locally: open {sandbox.url}", flush=True)
        print("Press Ctrl-C to stop.", flush=True)
        await stop.wait()
    finally:
        for sig in signals:
            with contextlib.suppress(ValueError, RuntimeError):
                loop.remove_signal_handler(sig)
    try:
        await sandbox.stop()
    except Exception as exc:  # one line for the person at the terminal, not a traceback
        log.debug("sandbox shutdown failed", exc_info=True)
        print(f"Jol stopped with an error while shutting down: {exc!r}", flush=True)
        return 1
    print("Jol stopped.", flush=True)
    return 0
