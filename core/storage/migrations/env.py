"""Alembic environment: used at start-up (with a connection) and from the CLI."""

from __future__ import annotations

import asyncio

from alembic import context
from sqlalchemy.engine import Connection

import core.storage.migrations.all_tables  # noqa: F401  (every feature's tables on metadata)
from core.storage.tables import metadata

config = context.config


def _run(connection: Connection) -> None:
    context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


def _run_from_cli() -> None:
    # The Alembic CLI path only: the kernel never imports the adapter at import time.
    from bot.config import load_settings  # noqa: PLC0415
    from core.storage.database import Database  # noqa: PLC0415

    async def go() -> None:
        db = Database.for_migrations_only(load_settings().database_url)
        async with db.engine.begin() as conn:
            await conn.run_sync(_run)
        await db.dispose()

    asyncio.run(go())


connection = config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    _run_from_cli()
