"""The database handle: engine, connection settings, migrations."""

from __future__ import annotations

import ast
import asyncio
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from functools import cache
from pathlib import Path
from typing import Any

from sqlalchemy import event, text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, create_async_engine
from sqlalchemy.pool import NullPool

from core.storage.sqlite_one_hop import use_one_hop_cursors

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
# Any fixed number: every process that migrates takes the same advisory lock.
_PG_MIGRATION_LOCK = 4_207_001
# PostgreSQL connections one process may hold: 30 for transactions, 24 for single statements.
DEFAULT_MAX_CONNECTIONS = 54
# A PostgreSQL connection idle in the pool this long is pinged before it is used again.
IDLE_PING_SECONDS = 5.0
_RETURNED_AT = "jol_returned_at"
_monotonic = time.monotonic  # the pool's own clock (a test sets it)


class Database:
    """One engine per process, created in post_init and disposed in post_shutdown."""

    def __init__(
        self,
        url: str,
        *,
        schema: str | None = None,
        echo: bool = False,
        max_connections: int = DEFAULT_MAX_CONNECTIONS,
    ) -> None:
        """`max_connections`: PostgreSQL only, the most this process opens at once (its
        two pools together); every process of a deployment counts against the server's
        own `max_connections`."""
        self.url = url
        self.is_sqlite = url.startswith("sqlite")
        # Statement parameters are people's names, phones and questions: never in logs,
        # nor in the text of a database error that someone logs.
        kwargs: dict[str, Any] = {"echo": echo, "hide_parameters": True}
        self._single_budget = (0, 0)
        if self.is_sqlite:
            _ensure_sqlite_dir(url)
            kwargs["connect_args"] = {"timeout": 30}
            # A connection past pool_size is opened for one use and closed when returned;
            # for aiosqlite that is a new thread, a file open and five PRAGMAs each time.
            # Keep as many as a busy process reads with at once (32 updates in flight).
            kwargs["pool_size"] = 32
            kwargs["max_overflow"] = 8
            if ":memory:" in url or url.rstrip("/").endswith("sqlite+aiosqlite:"):
                raise ValueError("use a SQLite file: an in-memory database is per connection")
        else:
            # Connections past pool_size are made for one use and closed when returned,
            # and PostgreSQL starts a process for each (six times the cost of the read
            # it was made for): keep most of what a busy process uses, within this
            # process's share of the server's max_connections (`max_connections` here).
            main, self._single_budget = _split_connections(max_connections)
            kwargs["pool_size"], kwargs["max_overflow"] = main
            # No ping on every checkout (a round trip before each transaction, about a
            # seventh of a relayed message's cost): only a connection that sat idle is
            # pinged (_ping_when_idle), which is where a restarted server or a dropped
            # link shows. A connection in steady use that broke fails its statement, and
            # SQLAlchemy then replaces every connection older than the failure.
            kwargs["pool_pre_ping"] = False
            if schema:
                kwargs["connect_args"] = {"server_settings": {"search_path": schema}}
        self._kwargs = kwargs
        self._single: AsyncEngine | None = None
        self.engine: AsyncEngine = create_async_engine(url, **kwargs)
        if self.is_sqlite:
            _configure_sqlite(self.engine)
        else:
            _ping_when_idle(self.engine)
        # SQLite allows one writer: serialising writers here avoids SQLITE_BUSY storms.
        self.write_lock = asyncio.Lock() if self.is_sqlite else None
        # The one writer keeps its connection: no pool checkout and reset per transaction.
        self._writer: AsyncConnection | None = None

    @classmethod
    def for_migrations_only(cls, url: str) -> Database:
        db = cls.__new__(cls)
        db.url = url
        db.is_sqlite = url.startswith("sqlite")
        db.engine = create_async_engine(url, poolclass=NullPool, hide_parameters=True)
        if db.is_sqlite:
            _configure_sqlite(db.engine)
        db.write_lock = None
        db._writer = None
        db._kwargs = {"poolclass": NullPool, "hide_parameters": True}
        db._single = None
        db._single_budget = (0, 0)
        return db

    async def migrate(self) -> None:
        """Apply every Alembic migration not applied yet.

        An up-to-date database (every start but the first after an upgrade) is told by
        one query, without importing Alembic: Alembic, Mako and Pygments would stay in
        the memory of every serving process for nothing (about 11 MB)."""
        if await self.is_up_to_date():
            return
        async with self.engine.begin() as conn:
            if not self.is_sqlite:
                await conn.execute(text(f"SELECT pg_advisory_xact_lock({_PG_MIGRATION_LOCK})"))
            await conn.run_sync(_upgrade)

    async def is_up_to_date(self) -> bool:
        """Whether the database stands at exactly the heads of the migration files."""
        return await self.applied_revisions() == migration_heads()

    async def applied_revisions(self) -> set[str]:
        """The revisions recorded in `alembic_version` (none before the first migration)."""
        if self.is_sqlite:
            exists = text(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
            )
        else:
            exists = text("SELECT to_regclass('alembic_version') IS NOT NULL")
        async with self.engine.connect() as conn:
            if not (await conn.execute(exists)).scalar():
                return set()
            rows = await conn.execute(text("SELECT version_num FROM alembic_version"))
            return {str(row[0]) for row in rows}

    async def checkpoint(self) -> None:
        """SQLite: move the write-ahead log into the main file and empty it (after /forget,
        so erased values do not linger in the -wal file). PostgreSQL: nothing to do."""
        if not self.is_sqlite:
            return
        assert self.write_lock is not None
        async with self.write_lock, self.engine.connect() as conn:
            raw = await conn.get_raw_connection()
            # Outside any transaction, on the driver's own connection.
            driver: Any = raw.driver_connection  # the aiosqlite connection
            await driver.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def single_statements(self) -> AsyncEngine:
        """PostgreSQL: an engine for one statement at a time, each committed by itself
        (no BEGIN and COMMIT), pinging only connections that sat idle: a single round
        trip for a hot write such as "this update is done". A connection in steady use
        that broke fails that statement (and is replaced): callers retry."""
        if self.is_sqlite:
            raise RuntimeError("SQLite writes go through write_transaction")
        if self._single is None:
            kwargs = dict(self._kwargs)
            if "poolclass" not in kwargs:
                # Most lookups of a busy process are kept (opening one is a server
                # process, a TLS attempt and a login), within the process's share.
                kwargs["pool_size"], kwargs["max_overflow"] = self._single_budget
            self._single = create_async_engine(self.url, isolation_level="AUTOCOMMIT", **kwargs)
            _ping_when_idle(self._single)
        return self._single

    async def dispose(self) -> None:
        await self._drop_writer()
        if self._single is not None:
            await self._single.dispose()
            self._single = None
        await self.engine.dispose()

    async def writer(self) -> AsyncConnection:
        """SQLite's long-lived write connection (call with write_lock held)."""
        if self._writer is None or self._writer.closed or self._writer.invalidated:
            conn = await self.engine.connect()
            self._writer = await conn.execution_options(sqlite_immediate=True)
        return self._writer

    async def _drop_writer(self) -> None:
        writer, self._writer = self._writer, None
        if writer is not None and not writer.closed:
            await writer.close()

    def connect(self) -> Any:
        """A read connection (autobegin); use write_transaction for writes."""
        return self.engine.connect()


@cache
def migration_heads() -> frozenset[str]:
    """The head revisions of the migration files (no revision names them as its parent),
    read from their `revision` and `down_revision` assignments."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in sorted((MIGRATIONS_DIR / "versions").glob("*.py")):
        values: dict[str, Any] = {}
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.AnnAssign) and node.value is not None:
                targets: list[ast.expr] = [node.target]
                value = node.value
            elif isinstance(node, ast.Assign):
                targets, value = node.targets, node.value
            else:
                continue
            for target in targets:
                if isinstance(target, ast.Name) and target.id in ("revision", "down_revision"):
                    values[target.id] = ast.literal_eval(value)
        if "revision" not in values:
            continue
        revisions.add(values["revision"])
        down = values.get("down_revision")
        if isinstance(down, str):
            parents.add(down)
        elif down:
            parents.update(down)
    return frozenset(revisions - parents)


def _upgrade(sync_conn: Connection) -> None:
    # Imported here: a process whose database is up to date never loads Alembic.
    from alembic import command  # noqa: PLC0415
    from alembic.config import Config  # noqa: PLC0415

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.attributes["connection"] = sync_conn
    # "heads": each feature keeps its own migration branch off 0001_users.
    command.upgrade(cfg, "heads")


@asynccontextmanager
async def write_transaction(db: Database) -> AsyncIterator[AsyncConnection]:
    """A transaction that may write and must see a stable view while it decides.

    On SQLite it starts with BEGIN IMMEDIATE, taking the write lock at once, so
    "count, then insert" cannot interleave with another writer. On PostgreSQL
    the caller locks the rows it decides on (SELECT … FOR UPDATE).
    """
    if db.write_lock is not None:
        async with db.write_lock:
            conn = await db.writer()
            try:
                async with conn.begin():
                    yield conn
            except BaseException:
                # The transaction was rolled back; a fresh connection rules out any
                # half-state (a cancelled await in the driver) for the next writer.
                await db._drop_writer()
                raise
        return
    async with db.engine.begin() as conn:
        yield conn


def _split_connections(total: int) -> tuple[tuple[int, int], tuple[int, int]]:
    """(pool_size, max_overflow) of the transaction pool and of the single-statement
    pool, together `total`: five ninths for transactions, two thirds of each kept open."""
    if total < 4:
        raise ValueError("a process needs at least 4 database connections")
    main = total * 5 // 9
    single = total - main
    return (main * 2 // 3, main - main * 2 // 3), (single * 2 // 3, single - single * 2 // 3)


def _ping_when_idle(engine: AsyncEngine, idle_seconds: float = IDLE_PING_SECONDS) -> None:
    """Ping a pooled connection before use only if it was idle for `idle_seconds`.

    A failed ping raises DisconnectionError, on which the pool discards that
    connection and checks out another (a new one if need be), so the caller never
    sees a connection that died while it waited in the pool."""
    sync_engine = engine.sync_engine
    dialect = sync_engine.dialect

    @event.listens_for(sync_engine, "checkin")
    def _on_checkin(_dbapi_connection: Any, record: Any) -> None:
        if record is not None:
            record.info[_RETURNED_AT] = _monotonic()

    @event.listens_for(sync_engine, "checkout")
    def _on_checkout(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        returned_at = record.info.get(_RETURNED_AT)
        if returned_at is None or _monotonic() - returned_at < idle_seconds:
            return  # new, or in steady use
        try:
            dialect.do_ping(dbapi_connection)
        except Exception as exc:  # any failure means "use another one"
            raise DisconnectionError("an idle connection no longer answers") from exc


def _ensure_sqlite_dir(url: str) -> None:
    path = url.split("///", 1)[1] if "///" in url else ""
    path = path.split("?", 1)[0]
    if path and path != ":memory:":
        Path(path).expanduser().parent.mkdir(parents=True, exist_ok=True)


def _configure_sqlite(engine: AsyncEngine) -> None:
    sync_engine = engine.sync_engine

    @event.listens_for(sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Each statement in one trip to aiosqlite's thread (core.storage.sqlite_one_hop).
        use_one_hop_cursors(dbapi_connection)
        # Let SQLAlchemy, not the driver, decide when a transaction begins.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        # Deleted rows are overwritten, not left in free pages: /forget means gone.
        cursor.execute("PRAGMA secure_delete=ON")
        cursor.close()

    @event.listens_for(sync_engine, "begin")
    def _on_begin(conn: Connection) -> None:
        if conn.get_execution_options().get("sqlite_immediate"):
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            conn.exec_driver_sql("BEGIN")
