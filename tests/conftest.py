"""Fixtures: a fresh database per test (SQLite and PostgreSQL), a clock, the knowledge
base, and the real bot on the local Bot API. What they are made of is in tests/support/."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from core.clock import FakeClock
from core.storage import Database
from faq.library import Library
from tests.support import (
    ADMIN_ID,
    TEST_TOKEN,
    DatabaseFactory,
    Harness,
    SqliteTemplate,
    buttons,
    database_backends,
    eventually,
    find_button,
    make_settings,
    shared_library,
    sqlite_template,
    start_jol,
)
from tests.support.hypothesis_profiles import register_profiles
from tests.support.markers import apply_markers, register_markers
from tests.support.settings import BOT_ENVIRONMENT

# Older tests import these from here: `from tests.conftest import Harness` keeps working.
__all__ = [
    "ADMIN_ID",
    "TEST_TOKEN",
    "DatabaseFactory",
    "Harness",
    "buttons",
    "database_backends",
    "eventually",
    "find_button",
    "make_settings",
    "start_jol",
]

register_profiles()


def pytest_configure(config: pytest.Config) -> None:
    register_markers(config)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        apply_markers(item)


@pytest.fixture(scope="session")
def library() -> Library:
    """The shipped knowledge base, loaded once per session: read it, never change it."""
    return shared_library()


@pytest.fixture(scope="session")
def migrated_sqlite() -> SqliteTemplate:
    """The SQLite file migrated once per session that fresh databases are copied from."""
    return sqlite_template()


@pytest.fixture(params=database_backends())
async def db_factory(
    request: pytest.FixtureRequest, tmp_path: Path, migrated_sqlite: SqliteTemplate
) -> AsyncIterator[DatabaseFactory]:
    factory = DatabaseFactory(request.param, tmp_path, migrated_sqlite)
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
        if name in BOT_ENVIRONMENT:
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)
    yield


@pytest.fixture
async def jol(tmp_path: Path, clock: FakeClock) -> AsyncIterator[Harness]:
    """The real bot against the local Bot API, on a fresh SQLite database."""
    async with start_jol(tmp_path, clock) as harness:
        yield harness
