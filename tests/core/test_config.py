"""Configuration: provider URL forms, one-line errors with exit code 2."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bot.config import DEFAULT_SQLITE_URL, Settings, load_settings, normalise_database_url

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("postgres://u:p@h:5432/db", "postgresql+asyncpg://u:p@h:5432/db"),
        ("postgresql://u@h/db", "postgresql+asyncpg://u@h/db"),
        ("postgresql+asyncpg://u@h/db", "postgresql+asyncpg://u@h/db"),
        ("sqlite:///data/x.db", "sqlite+aiosqlite:///data/x.db"),
        ("sqlite+aiosqlite:////abs/x.db", "sqlite+aiosqlite:////abs/x.db"),
    ],
)
def test_database_url_forms(given: str, expected: str) -> None:
    assert normalise_database_url(given) == expected


def test_defaults() -> None:
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    assert settings.bot_token is None
    assert settings.database_url == DEFAULT_SQLITE_URL
    assert settings.telegram_api_url == "https://api.telegram.org/bot"
    assert settings.reminder_offsets_hours == [24, 1]


def test_env_values(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ADMIN_IDS", "1, 2,3")
    monkeypatch.setenv("DEFAULT_LOCALE", "KK")
    monkeypatch.setenv("BOT_TOKEN", "123:abcdefghijklmnop")
    settings = load_settings(_env_file=None)
    assert settings.admin_ids == [1, 2, 3]
    assert settings.default_locale == "kk"
    assert settings.bot_token is not None
    assert "abcdefghijklmnop" not in repr(settings)  # the token is a secret


def test_dotenv_file(tmp_path: Path) -> None:
    env = tmp_path / ".env"
    env.write_text("ADMIN_IDS=42\nLOG_LEVEL=debug\n", encoding="utf-8")
    settings = Settings(_env_file=env)  # type: ignore[call-arg]
    assert settings.admin_ids == [42]
    assert settings.log_level == "DEBUG"


@pytest.mark.parametrize(
    ("name", "value", "fragment"),
    [
        ("DATABASE_URL", "mysql://x/y", "DATABASE_URL: unsupported database scheme"),
        ("ADMIN_IDS", "12,abc", "ADMIN_IDS: 'abc' is not a Telegram id"),
        ("DEFAULT_LOCALE", "de", "DEFAULT_LOCALE:"),
        ("BOT_TOKEN", "nonsense", "BOT_TOKEN: does not look like a token"),
        ("TELEGRAM_API_URL", "ftp://x", "TELEGRAM_API_URL: must start with http"),
        ("TIMEZONE", "Mars/Base", "TIMEZONE: unknown IANA time zone"),
        ("KB_PATH", "/no/such/kb", "KB_PATH: /no/such/kb is not a folder"),
    ],
)
def test_wrong_value_exits_2_with_one_line(
    tmp_path: Path, name: str, value: str, fragment: str
) -> None:
    env = {"PATH": "/usr/bin:/bin", name: value, "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-m", "bot", "migrate"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert fragment in lines[0]
    assert "Traceback" not in result.stderr


def test_no_token_run_says_what_to_set(tmp_path: Path) -> None:
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-m", "bot", "run"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert "BOT_TOKEN" in result.stderr
    assert "python -m bot" in result.stderr
