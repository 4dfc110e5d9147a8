"""Markers a test gets from what it uses, so new tests are marked for free."""

from __future__ import annotations

import pytest

from tests.support.databases import POSTGRESQL

MARKERS = {
    "e2e": "runs over HTTP against the local Bot API (the real bot, python-telegram-bot's stack)",
    "browser": "drives the web chat in headless Chromium (implies e2e)",
    "postgres": "runs against PostgreSQL (skipped unless TEST_DATABASE_URL is set)",
}

# Fixtures that start the real bot against the local Bot API.
E2E_FIXTURES = frozenset({"jol"})
# Names that, used by a test or by one of its fixtures, mean the local Bot API.
E2E_NAMES = frozenset({"start_jol", "BotApiServer"})
# Fixtures parametrised over database backends (see `database_backends`).
DATABASE_FIXTURES = ("db_factory",)


def register_markers(config: pytest.Config) -> None:
    for name, description in MARKERS.items():
        config.addinivalue_line("markers", f"{name}: {description}")


def _names(function: object) -> set[str]:
    code = getattr(function, "__code__", None)
    return set(code.co_names) if code is not None else set()


def _uses_local_bot_api(item: pytest.Item) -> bool:
    """The test, or a fixture it depends on, starts the bot or the local Bot API."""
    if set(getattr(item, "fixturenames", ())) & E2E_FIXTURES:
        return True
    functions = [getattr(item, "function", None)]
    info = getattr(item, "_fixtureinfo", None)
    if info is not None:
        functions += [d.func for defs in info.name2fixturedefs.values() for d in defs]
    return any(_names(function) & E2E_NAMES for function in functions)


def apply_markers(item: pytest.Item) -> None:
    if item.get_closest_marker("browser") is not None or _uses_local_bot_api(item):
        item.add_marker(pytest.mark.e2e)
    callspec = getattr(item, "callspec", None)
    params = callspec.params if callspec is not None else {}
    if any(params.get(name) == POSTGRESQL for name in DATABASE_FIXTURES):
        item.add_marker(pytest.mark.postgres)
