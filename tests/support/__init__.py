"""Helpers shared by the tests: the bot harness, databases, settings, waiting.

Fixtures live in tests/conftest.py; everything they are made of lives here.
"""

from tests.support.databases import (
    POSTGRESQL,
    SQLITE,
    DatabaseFactory,
    SqliteTemplate,
    database_backends,
    pg_url,
    sqlite_template,
)
from tests.support.harness import (
    SHARED_LIBRARY,
    Harness,
    buttons,
    find_button,
    shared_library,
    start_jol,
)
from tests.support.settings import ADMIN_ID, BOT_ENVIRONMENT, TEST_TOKEN, make_settings
from tests.support.texts import shared_translator
from tests.support.waiting import eventually, while_moving

__all__ = [
    "ADMIN_ID",
    "BOT_ENVIRONMENT",
    "POSTGRESQL",
    "SHARED_LIBRARY",
    "SQLITE",
    "TEST_TOKEN",
    "DatabaseFactory",
    "Harness",
    "SqliteTemplate",
    "buttons",
    "database_backends",
    "eventually",
    "while_moving",
    "find_button",
    "make_settings",
    "pg_url",
    "shared_library",
    "shared_translator",
    "sqlite_template",
    "start_jol",
]
