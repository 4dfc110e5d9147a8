"""Shared fixtures: a fresh database per test (SQLite and PostgreSQL), a clock,
the local Bot API server, and the real bot running against it."""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from bot.config import Settings, normalise_database_url
from core.clock import FakeClock
from core.storage import Database

TEST_TOKEN = "123456:TEST-token-for-the-local-bot-api"
ADMIN_ID = 900_001


def _pg_url() -> str | None:
    url = os.environ.get("TEST_DATABASE_URL")
    return normalise_database_url(url) if url else None


def database_backends() -> list[Any]:
    return [
        pytest.param("sqlite", id="sqlite"),
        pytest.param(
            "postgresql",
            id="postgresql",
            marks=pytest.mark.skipif(_pg_url() is None, reason="TEST_DATABASE_URL not set"),
        ),
    ]


class DatabaseFactory:
    """Makes fresh, migrated databases: a SQLite file, or a PostgreSQL schema."""

    def __init__(self, backend: str, tmp_path: Path) -> None:
        self.backend = backend
        self.tmp_path = tmp_path
        self._schemas: list[str] = []
        self._dbs: list[Database] = []

    def url_and_schema(self) -> tuple[str, str | None]:
        if self.backend == "sqlite":
            return f"sqlite+aiosqlite:///{self.tmp_path / f'jol-{uuid.uuid4().hex[:8]}.db'}", None
        url = _pg_url()
        assert url is not None
        return url, f"t_{uuid.uuid4().hex[:12]}"

    async def create_schema(self, schema: str | None) -> None:
        if schema is None:
            return
        engine = create_async_engine(_pg_url() or "")
        async with engine.begin() as conn:
            await conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        await engine.dispose()
        self._schemas.append(schema)

    async def new(self) -> Database:
        url, schema = self.url_and_schema()
        await self.create_schema(schema)
        db = Database(url, schema=schema)
        await db.migrate()
        self._dbs.append(db)
        return db

    async def close(self) -> None:
        for db in self._dbs:
            await db.dispose()
        if self._schemas:
            engine = create_async_engine(_pg_url() or "")
            async with engine.begin() as conn:
                for schema in self._schemas:
                    await conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
            await engine.dispose()


@pytest.fixture(params=database_backends())
async def db_factory(
    request: pytest.FixtureRequest, tmp_path: Path
) -> AsyncIterator[DatabaseFactory]:
    factory = DatabaseFactory(request.param, tmp_path)
    yield factory
    await factory.close()


@pytest.fixture
async def db(db_factory: DatabaseFactory) -> Database:
    """A fresh, migrated database: SQLite, and PostgreSQL when TEST_DATABASE_URL is set."""
    return await db_factory.new()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """Tests never read the developer's .env or environment."""
    for name in list(os.environ):
        if name in {
            "BOT_TOKEN",
            "TELEGRAM_API_URL",
            "DATABASE_URL",
            "ADMIN_IDS",
            "DEFAULT_LOCALE",
            "LOG_LEVEL",
            "KB_PATH",
            "TIMEZONE",
            "QUIET_HOURS",
            "WEBHOOK_URL",
        }:
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)
    yield


def make_settings(**overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "bot_token": TEST_TOKEN,
        "admin_ids": [ADMIN_ID],
        "default_locale": "en",
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


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


@asynccontextmanager
async def start_jol(tmp_path: Path, clock: FakeClock, **overrides: Any) -> AsyncIterator[Harness]:
    """The real python-telegram-bot Application over HTTP against the local Bot API."""
    from bot.app import build_application, running
    from bot.sandbox.server import BotApiServer
    from core.i18n import Translator

    async with BotApiServer(token=TEST_TOKEN, bot_username="jol_test_bot") as server:
        values: dict[str, Any] = {
            "telegram_api_url": server.base_url,
            "database_url": f"sqlite:///{tmp_path / 'e2e.db'}",
        }
        values.update(overrides)
        app = build_application(
            make_settings(**values),
            clock=clock,
            rate_limit=False,
            translator=Translator.load(strict=True),
        )
        async with running(app, poll_timeout=1):
            yield Harness(server, app, clock)


@pytest.fixture
async def jol(tmp_path: Path, clock: FakeClock) -> AsyncIterator[Harness]:
    """The real bot against the local Bot API, on a fresh SQLite database."""
    async with start_jol(tmp_path, clock) as harness:
        yield harness


async def eventually(check: Any, timeout: float = 5.0) -> Any:
    """Await until `check()` (sync or async) is truthy: for effects with no message to wait on."""
    import asyncio
    import inspect

    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        result = check()
        if inspect.isawaitable(result):
            result = await result
        if result:
            return result
        if loop.time() > deadline:
            raise AssertionError(f"condition not met within {timeout} s")
        await asyncio.sleep(0.01)
