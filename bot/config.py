"""Settings from the environment and an optional .env file."""

from __future__ import annotations

import re
import sys
from datetime import time
from pathlib import Path
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    Field,
    SecretStr,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from cases.hours import HoursError, OfficeHours, parse_hours
from core.languages import Language as Locale

DEFAULT_SQLITE_URL = "sqlite+aiosqlite:///data/jol.sqlite3"
_SECRET = re.compile(r"^[A-Za-z0-9_-]{1,256}$")


def normalise_database_url(url: str) -> str:
    """Turn the URL forms hosting providers hand out into async SQLAlchemy URLs."""
    url = url.strip()
    if not url:
        raise ValueError("must not be empty")
    scheme, sep, rest = url.partition("://")
    if not sep:
        raise ValueError("must look like postgresql://user@host/db or sqlite:///path")
    scheme = scheme.lower()
    if scheme in ("postgres", "postgresql", "postgresql+psycopg2", "postgresql+asyncpg"):
        return f"postgresql+asyncpg://{rest}"
    if scheme in ("sqlite", "sqlite+aiosqlite"):
        return f"sqlite+aiosqlite://{rest}"
    raise ValueError(f"unsupported database scheme {scheme!r}: use postgresql:// or sqlite://")


def _parse_ids(value: object) -> list[int]:
    if value is None or value == "":
        return []
    if isinstance(value, int):
        return [value]
    if isinstance(value, list | tuple):
        return [int(v) for v in value]
    ids = []
    for part in str(value).replace(";", ",").split(","):
        part = part.strip()
        if not part:
            continue
        if not part.lstrip("-").isdigit():
            raise ValueError(f"{part!r} is not a Telegram id (a whole number)")
        ids.append(int(part))
    return ids


def _parse_quiet(value: str) -> tuple[time, time] | None:
    value = value.strip()
    if not value:
        return None
    try:
        start, end = (time.fromisoformat(p.strip()) for p in value.split("-"))
    except ValueError as exc:
        raise ValueError("must look like 22:00-08:00") from exc
    return start, end


class Settings(BaseSettings):
    """Everything a deployment can set. Names are the environment variables."""

    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", case_sensitive=False
    )

    bot_token: SecretStr | None = None
    telegram_api_url: str = "https://api.telegram.org/bot"
    database_url: str = DEFAULT_SQLITE_URL
    # PostgreSQL: the most connections one process opens; all processes of a deployment
    # together must stay under the server's max_connections (100 unless changed).
    # (54: core.storage.database.DEFAULT_MAX_CONNECTIONS, not imported here: SQLAlchemy.)
    database_connections: int = Field(54, ge=4, le=1000)
    admin_ids: Annotated[list[int], NoDecode] = Field(default_factory=list)
    default_locale: Locale = "en"
    # Whose law people get until they choose their country (lt, lv, kz, or other).
    default_country: Literal["lt", "lv", "kz", "other"] = "lt"
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"] = "INFO"
    kb_path: Path | None = None
    timezone: str = "Europe/Vilnius"
    quiet_hours: str = ""
    send_rate_per_second: float = Field(25.0, gt=0)
    send_max_attempts: int = Field(5, ge=1, le=50)
    # Telegram's per-chat limits (1 a second to a person, 20 a minute to a group); off
    # only against a self-hosted Bot API without them (benchmarks, the tests).
    send_per_chat_limits: bool = True
    reminder_offsets_hours: Annotated[list[int], NoDecode] = Field(default_factory=lambda: [24, 1])
    offer_hours: float = Field(12.0, gt=0)
    data_retention_days: int = Field(90, ge=1)
    help_contact: str = ""
    # One person may send this many messages and taps per FLOOD_SECONDS; then "slow down".
    flood_limit: int = Field(30, ge=3)
    flood_seconds: float = Field(10.0, gt=0)
    # Consultant cases: a supergroup with topics where the bot is an administrator.
    staff_chat_id: int | None = None
    # Who may answer cases; empty: the staff group's administrators.
    staff_ids: Annotated[list[int], NoDecode] = Field(default_factory=list)
    # When staff answer, e.g. "Mon-Fri 09:00-18:00 Europe/Vilnius"; empty: not published.
    staff_hours: str = ""
    # The name staff answer under (the NGO's); empty: "Consultant" in the person's language.
    org_name: str = ""
    # No staff reply for this long: staff are reminded and the person told honestly.
    case_first_response_hours: float = Field(24.0, gt=0)
    # People told at once about an SOS case (a protection officer, a lawyer on call).
    protection_ids: Annotated[list[int], NoDecode] = Field(default_factory=list)
    case_retention_days: int = Field(90, ge=1)
    webhook_url: str = ""
    # Telegram sends it in X-Telegram-Bot-Api-Secret-Token; a request without it gets 403.
    webhook_secret: SecretStr | None = None
    # The address the webhook server listens on (0.0.0.0 behind a host's load balancer).
    webhook_listen: str = "0.0.0.0"
    port: int = Field(8080, ge=1, le=65535)
    # Telegram keeps at most this many webhook requests open at once (1 to 100).
    webhook_max_connections: int = Field(40, ge=1, le=100)
    # At start-up every process waits this long for the database before giving up.
    db_wait_seconds: float = Field(60.0, ge=0)
    sandbox_host: str = "127.0.0.1"
    sandbox_port: int = Field(8080, ge=0, le=65535)

    @field_validator("webhook_secret", mode="before")
    @classmethod
    def _secret(cls, value: object) -> object:
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if not isinstance(value, str) or not _SECRET.match(value):
            raise ValueError("1 to 256 characters: A-Z, a-z, 0-9, _ and - (Telegram's rule)")
        return value

    @model_validator(mode="after")
    def _webhook_needs_a_secret(self) -> Settings:
        if self.webhook_url and self.webhook_secret is None:
            # Without it anyone who finds the URL can post updates "from" an organizer.
            raise ValueError(
                "WEBHOOK_SECRET is required with WEBHOOK_URL "
                "(1 to 256 characters: A-Z, a-z, 0-9, _ and -)"
            )
        if self.webhook_url and not self.webhook_url.startswith("https://"):
            raise ValueError("WEBHOOK_URL must start with https:// (Telegram's rule)")
        return self

    @field_validator("bot_token", mode="before")
    @classmethod
    def _token(cls, value: object) -> object:
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        token = str(value).strip()
        head, _, tail = token.partition(":")
        if not head.isdigit() or len(tail) < 10:
            raise ValueError("does not look like a token from @BotFather (123456:ABC…)")
        return token

    @field_validator("telegram_api_url")
    @classmethod
    def _api_url(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError("must start with http:// or https://")
        return value

    @field_validator("kb_path")
    @classmethod
    def _kb_path(cls, value: Path | None) -> Path | None:
        # A folder that is not there would fail deep in start-up, with a traceback.
        if value is not None and not value.is_dir():
            raise ValueError(f"{value} is not a folder with the knowledge base")
        return value

    @field_validator("database_url")
    @classmethod
    def _database_url(cls, value: str) -> str:
        return normalise_database_url(value)

    @field_validator("admin_ids", "staff_ids", "protection_ids", mode="before")
    @classmethod
    def _admin_ids(cls, value: object) -> list[int]:
        return _parse_ids(value)

    @field_validator("staff_chat_id", mode="before")
    @classmethod
    def _staff_chat(cls, value: object) -> object:
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        text = str(value).strip()
        if not text.startswith("-100") or not text[1:].isdigit():
            # Only supergroups have topics; their ids look like -1001234567890.
            raise ValueError("must be a supergroup id such as -1001234567890")
        return int(text)

    @field_validator("staff_hours")
    @classmethod
    def _staff_hours(cls, value: str, info: ValidationInfo) -> str:
        try:
            parse_hours(value, info.data.get("timezone") or "UTC")
        except HoursError as exc:
            raise ValueError(str(exc)) from None
        return value

    @field_validator("reminder_offsets_hours", mode="before")
    @classmethod
    def _offsets(cls, value: object) -> list[int]:
        hours = _parse_ids(value)
        if any(h <= 0 for h in hours):
            raise ValueError("reminder offsets are hours before the start, each above 0")
        return sorted(set(hours), reverse=True)

    @field_validator("default_locale", mode="before")
    @classmethod
    def _locale(cls, value: object) -> object:
        return str(value).strip().lower() if value is not None else value

    @field_validator("log_level", mode="before")
    @classmethod
    def _level(cls, value: object) -> object:
        return str(value).strip().upper() if value is not None else value

    @field_validator("timezone")
    @classmethod
    def _tz(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown IANA time zone {value!r}") from exc
        return value

    @field_validator("quiet_hours")
    @classmethod
    def _quiet(cls, value: str) -> str:
        _parse_quiet(value)
        return value

    @property
    def quiet_window(self) -> tuple[time, time] | None:
        """Quiet hours as (start, end) in the deployment's zone, or None."""
        return _parse_quiet(self.quiet_hours)

    @property
    def office_hours(self) -> OfficeHours:
        return parse_hours(self.staff_hours, self.timezone)

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def telegram_file_url(self) -> str:
        """Telegram serves files under /file/bot<token>/ beside /bot<token>/."""
        api = self.telegram_api_url
        if api.endswith("/bot"):
            return api[: -len("bot")] + "file/bot"
        return api.rstrip("/") + "/file/bot"

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")


class ConfigError(SystemExit):
    """Raised (and exits with code 2) when a setting is wrong."""

    def __init__(self, message: str) -> None:
        print(f"configuration error: {message}", file=sys.stderr)
        super().__init__(2)


def describe_error(exc: ValidationError) -> str:
    """One line naming the variable and what is wrong with it."""
    first = exc.errors()[0]
    name = str(first["loc"][0]).upper() if first["loc"] else "settings"
    message = str(first["msg"]).removeprefix("Value error, ")
    return f"{name}: {message}"


def load_settings(**overrides: object) -> Settings:
    """Read settings; a wrong value exits with code 2 and one line, no traceback."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        raise ConfigError(describe_error(exc)) from None
