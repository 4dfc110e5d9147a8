"""Fresh, migrated databases for tests: SQLite files copied from a migrated template,
PostgreSQL schemas in the database TEST_DATABASE_URL names."""

from __future__ import annotations

import atexit
import contextlib
import functools
import os
import shutil
import sqlite3
import tempfile
import uuid
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from bot.config import normalise_database_url
from core.storage import Database

SQLITE = "sqlite"
POSTGRESQL = "postgresql"


def pg_url() -> str | None:
    url = os.environ.get("TEST_DATABASE_URL")
    return normalise_database_url(url) if url else None


def sqlite_url(path: Path) -> str:
    return f"sqlite+aiosqlite:///{path}"


def database_backends() -> list[Any]:
    """Parameters for a test that runs on both backends; PostgreSQL carries `postgres`."""
    return [
        pytest.param(SQLITE, id=SQLITE),
        pytest.param(
            POSTGRESQL,
            id=POSTGRESQL,
            marks=[
                pytest.mark.postgres,
                pytest.mark.skipif(pg_url() is None, reason="TEST_DATABASE_URL not set"),
            ],
        ),
    ]


class SqliteTemplate:
    """One SQLite file migrated once; each test gets a byte copy of it.

    Migrating takes a few hundred milliseconds and copying a file well under one,
    so a test session migrates once. The copy is a complete database: the WAL is
    checkpointed into the main file before anything is copied, and alembic_version
    is in it, so `Database.migrate()` on a copy only confirms it is at the heads.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._ready = False

    async def copy_to(self, target: Path) -> Path:
        if not self._ready:
            await self._build()
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(self.path, target)
        return target

    async def _build(self) -> None:
        for leftover in _sqlite_files(self.path):
            leftover.unlink(missing_ok=True)
        db = Database(sqlite_url(self.path))
        try:
            await db.migrate()
        finally:
            await db.dispose()
        with contextlib.closing(sqlite3.connect(self.path)) as conn:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            version = conn.execute("SELECT version_num FROM alembic_version").fetchall()
        if not version:
            raise RuntimeError(f"the SQLite template {self.path} has no alembic_version")
        wal = self.path.with_name(self.path.name + "-wal")
        if wal.exists() and wal.stat().st_size:
            raise RuntimeError(f"the SQLite template's WAL was not checkpointed: {wal}")
        self._ready = True


@functools.cache
def sqlite_template() -> SqliteTemplate:
    """This process's template (built on first use, removed when the process ends)."""
    folder = Path(tempfile.mkdtemp(prefix="jol-sqlite-template-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return SqliteTemplate(folder / "migrated.db")


def _sqlite_files(path: Path) -> list[Path]:
    return [path, *(path.with_name(path.name + suffix) for suffix in ("-wal", "-shm"))]


class DatabaseFactory:
    """Makes fresh, migrated databases: a SQLite file, or a PostgreSQL schema."""

    def __init__(
        self, backend: str, tmp_path: Path, template: SqliteTemplate | None = None
    ) -> None:
        self.backend = backend
        self.tmp_path = tmp_path
        self.template = template
        self._schemas: list[str] = []
        self._dbs: list[Database] = []

    def url_and_schema(self) -> tuple[str, str | None]:
        """A URL (and schema) nobody has used yet: empty, not migrated."""
        if self.backend == SQLITE:
            return sqlite_url(self._new_sqlite_path()), None
        url = pg_url()
        assert url is not None
        return url, f"t_{uuid.uuid4().hex[:12]}"

    async def create_schema(self, schema: str | None) -> None:
        if schema is None:
            return
        engine = create_async_engine(pg_url() or "")
        async with engine.begin() as conn:
            await conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        await engine.dispose()
        self._schemas.append(schema)

    def _new_sqlite_path(self) -> Path:
        return self.tmp_path / f"jol-{uuid.uuid4().hex[:8]}.db"

    async def new(self, *, from_template: bool = True) -> Database:
        """A migrated database; `from_template=False` runs every migration on SQLite too."""
        if self.backend == SQLITE and from_template and self.template is not None:
            path = await self.template.copy_to(self._new_sqlite_path())
            url, schema = sqlite_url(path), None
        else:
            url, schema = self.url_and_schema()
            await self.create_schema(schema)
        db = Database(url, schema=schema)
        self._dbs.append(db)
        await db.migrate()
        return db

    async def close(self) -> None:
        for db in self._dbs:
            await db.dispose()
        if self._schemas:
            engine = create_async_engine(pg_url() or "")
            async with engine.begin() as conn:
                for schema in self._schemas:
                    await conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
            await engine.dispose()
