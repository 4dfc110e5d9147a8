"""The real bot over HTTP against the local Bot API, and helpers to act as people."""

from __future__ import annotations

import functools
import inspect
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, Final

from bot.app import build_application, running
from bot.sandbox.server import BotApiServer
from core.clock import FakeClock
from faq.library import Library
from tests.support.databases import sqlite_template
from tests.support.settings import TEST_TOKEN, make_settings
from tests.support.texts import shared_translator


class _Shared:
    """The marker for "the session's knowledge base" (see `start_jol`)."""

    def __repr__(self) -> str:
        return "SHARED_LIBRARY"


SHARED_LIBRARY: Final = _Shared()


@functools.cache
def shared_library() -> Library:
    """The shipped knowledge base, loaded and indexed once per test process.

    Tests must not change it; a test that edits or reloads content starts the bot
    with its own `kb_path` (and so its own library).
    """
    library = Library()
    problems = library.reload()
    if problems:
        raise RuntimeError(f"the shipped knowledge base has problems: {problems[:5]}")
    # Facts near their valid_until make the bot tell organizers at start-up; with the
    # shipped content that depends on today's date, so conversations in tests would
    # depend on it too. `python -m faq check` (CI) reports them; the notice itself is
    # tested on content of its own (test_faq_chat).
    library.warnings = []
    return library


class Harness:
    """The real bot running against the local Bot API, and helpers to act as people."""

    def __init__(self, server: Any, app: Any, clock: FakeClock) -> None:
        self.server = server
        self.sim = server.sim
        self.app = app
        self.clock = clock

    @property
    def services(self) -> Any:
        return self.app.bot_data["services"]

    def person(self, user_id: int, name: str, language_code: str | None = "en") -> Any:
        return self.sim.user(user_id, name, language_code)

    async def say(self, user: Any, text: str, count: int = 1, timeout: float = 10.0) -> list[Any]:
        """The person writes; returns the next `count` bot messages in their chat."""
        chat_id = user.id if hasattr(user, "id") else int(user)
        self.sim.mark(chat_id)
        await self.sim.send_text(user, text)
        return await self.sim.wait_for(chat_id, count=count, timeout=timeout)

    async def tap(
        self,
        user: Any,
        message: Any,
        label: str | None = None,
        *,
        data: str | None = None,
        count: int = 1,
        timeout: float = 10.0,
    ) -> list[Any]:
        """Press the button whose label contains `label` (or with exactly `data`)."""
        chat_id = user.id if hasattr(user, "id") else int(user)
        if data is None:
            data = find_button(message, label or "")
        self.sim.mark(chat_id)
        await self.sim.press_button(user, message.message_id, data)
        if count == 0:
            return []
        return await self.sim.wait_for(chat_id, count=count, timeout=timeout)


def buttons(message: Any) -> list[dict[str, Any]]:
    markup = message.reply_markup or {}
    return [b for row in markup.get("inline_keyboard", []) for b in row]


def find_button(message: Any, label: str) -> str:
    for button in buttons(message):
        if label in button["text"] and "callback_data" in button:
            return str(button["callback_data"])
    raise AssertionError(f"no button {label!r} in {[b['text'] for b in buttons(message)]}")


def _library_for(library: Library | _Shared | None, overrides: dict[str, Any]) -> Library | None:
    if isinstance(library, _Shared):
        # Content of its own (a temporary copy to edit and reload): its own library.
        return None if overrides.get("kb_path") is not None else shared_library()
    return library


def _application_kwargs(library: Library | None) -> dict[str, Any]:
    # build_application(library=...) arrives with the wiring rewrite; until then the
    # bot loads its knowledge base itself.
    if library is not None and "library" in inspect.signature(build_application).parameters:
        return {"library": library}
    return {}


@asynccontextmanager
async def start_jol(
    tmp_path: Path,
    clock: FakeClock,
    *,
    library: Library | _Shared | None = SHARED_LIBRARY,
    **overrides: Any,
) -> AsyncIterator[Harness]:
    """The real python-telegram-bot Application over HTTP against the local Bot API.

    `overrides` are Settings fields. The database is a copy of the migrated SQLite
    template unless `database_url` is given or `tmp_path` already has one (a
    restart). `library` is the session's knowledge
    base by default (its own when `kb_path` is overridden); None makes the bot load
    `settings.kb_path` itself, a Library is used as it is.
    """
    if "database_url" not in overrides:
        database = tmp_path / "e2e.db"
        if not database.exists():
            # A second start on the same folder is a restart: it keeps the database.
            database = await sqlite_template().copy_to(database)
        overrides["database_url"] = f"sqlite:///{database}"
    extra = _application_kwargs(_library_for(library, overrides))
    async with BotApiServer(token=TEST_TOKEN, bot_username="jol_test_bot") as server:
        settings = make_settings(**{"telegram_api_url": server.base_url, **overrides})
        app = build_application(
            settings,
            clock=clock,
            rate_limit=False,
            translator=shared_translator(),
            # Hundreds of bots start in one test process: no full collection each time.
            settle_heap=False,
            **extra,
        )
        async with running(app, poll_timeout=1):
            yield Harness(server, app, clock)
