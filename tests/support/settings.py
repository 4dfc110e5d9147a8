"""The bot's settings for tests: a fixed token and one organizer."""

from __future__ import annotations

from typing import Any

from bot.config import Settings

TEST_TOKEN = "123456:TEST-token-for-the-local-bot-api"
ADMIN_ID = 900_001

# Variables the tests never read from the developer's environment or .env.
BOT_ENVIRONMENT = frozenset(
    {
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
        "STAFF_CHAT_ID",
        "STAFF_IDS",
        "STAFF_HOURS",
        "PROTECTION_IDS",
        "HELP_CONTACT",
        "ORG_NAME",
    }
)


def make_settings(**overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "bot_token": TEST_TOKEN,
        "admin_ids": [ADMIN_ID],
        "default_locale": "en",
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]  # pydantic-settings' init-only option
