"""`python -m bot`: run the bot (all in one, or as `web` and `sender` processes), the local
try-out, admin commands."""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Sequence

from bot.config import Settings, load_settings
from bot.logging_setup import configure_logging

NO_TOKEN = """\
BOT_TOKEN is not set, so Jol starts its local try-out: a Bot API server on this
machine, the real bot against it, and a web chat in your browser.
To run on Telegram, create a bot with @BotFather and set BOT_TOKEN=123456:ABC…
(in the environment or in a .env file; see .env.example), then run `python -m bot`.
"""


def run_polling(settings: Settings) -> int:
    """Everything in one process (polling, or webhooks when WEBHOOK_URL is set)."""
    from bot.roles import run_all

    return run_all(settings)


def run_sandbox(settings: Settings) -> int:
    from bot.sandbox.run import run_sandbox as run

    return asyncio.run(run(settings))


def run_migrations(settings: Settings) -> int:
    from core.storage import Database

    async def go() -> None:
        db = Database(settings.database_url)
        await db.migrate()
        await db.dispose()

    asyncio.run(go())
    print("database is up to date")
    return 0


def run_events(settings: Settings, args: argparse.Namespace) -> int:
    """`events import FILE` / `events export [FILE]`: events as YAML or JSON."""
    from pathlib import Path

    from core.clock import SystemClock
    from core.storage import Database
    from registry import Registry
    from registry.files import FileError, dump, import_file

    async def go() -> int:
        db = Database(settings.database_url)
        try:
            await db.migrate()
            registry = Registry(db, SystemClock())
            if args.action == "import":
                try:
                    created = await import_file(registry, Path(args.file))
                except (FileError, OSError) as exc:
                    print(f"error: {exc}", file=sys.stderr)
                    return 1
                for event in created:
                    print(f"event {event.id}: {event.status.value}")
                return 0
            path = Path(args.file) if args.file else None
            text = dump(await registry.all_events(), path)
            if path is None:
                sys.stdout.write(text)
            else:
                path.write_text(text, encoding="utf-8")
                print(f"exported to {path}")
            return 0
        finally:
            await db.dispose()

    return asyncio.run(go())


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot", description="Run Jol.")
    sub = parser.add_subparsers(dest="command")
    sub.add_parser("run", help="run on Telegram (needs BOT_TOKEN), all in one process; the default")
    sub.add_parser("web", help="webhook worker only (PostgreSQL; run any number)")
    sub.add_parser("sender", help="outbox sender and periodic jobs only (PostgreSQL)")
    sub.add_parser("sandbox", help="run locally with a web chat, no Telegram needed")
    sub.add_parser("migrate", help="apply database migrations and exit")
    events = sub.add_parser("events", help="import or export events (YAML or JSON)")
    events.add_argument("action", choices=("import", "export"))
    events.add_argument("file", nargs="?", help="the file (export without one prints)")
    events.set_defaults(handler=run_events)
    args = parser.parse_args(argv)

    settings = load_settings()
    configure_logging(settings.log_level)
    command = args.command or ("run" if settings.bot_token else "sandbox")
    if command == "sandbox":
        if args.command is None:
            print(NO_TOKEN, file=sys.stderr)
        return run_sandbox(settings)
    if command == "run":
        if settings.bot_token is None:
            print(NO_TOKEN, file=sys.stderr)
            return 2
        return run_polling(settings)
    if command in ("web", "sender"):
        from bot.roles import run_role

        return run_role(settings, command)
    if command == "migrate":
        return run_migrations(settings)
    handler = getattr(args, "handler", None)
    if handler is None:
        parser.print_help()
        return 2
    return int(handler(settings, args))


if __name__ == "__main__":
    sys.exit(main())
