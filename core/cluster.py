"""Several processes on one database: who is alive, leases, and the tables they share.

A deployment that outgrows one process runs webhook workers (`python -m bot web`)
and senders (`python -m bot sender`) against one PostgreSQL. They coordinate
through a few small tables, never through each other:

- `processes`: one row per running process with a heartbeat (`seen_at`); a row
  not refreshed for `STALE_AFTER` belongs to a process that died. Senders also
  record their configured rate, and the lowest live one is the deployment's.
- `leases`: a named job (a sweep, retention) runs in whichever process takes
  its lease first; the others skip it until the lease lapses, so a periodic job
  runs once per deployment, not once per process.
- `update_log` (`core.updates`) and `send_pace` (`scheduler.shared_rate`).

Times are the processes' own clocks (UTC); the hosts of one deployment are
expected to keep them in step (NTP), as the outbox's leases already assume.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
from datetime import datetime, timedelta

from sqlalchemy import (
    JSON,
    BigInteger,
    Column,
    Float,
    Index,
    String,
    Table,
    delete,
    func,
    or_,
    select,
    text,
    update,
)
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from core.clock import Clock
from core.storage import Database, UTCDateTime, write_transaction
from core.storage.tables import metadata

log = logging.getLogger(__name__)

# A process that has not beaten for this long is taken for dead.
STALE_AFTER = timedelta(seconds=10)
HEARTBEAT_EVERY = timedelta(seconds=2)

update_log = Table(
    "update_log",
    metadata,
    Column("update_id", BigInteger, primary_key=True, autoincrement=False),
    Column("chat_id", BigInteger, nullable=True),
    Column("status", String(10), nullable=False),
    Column("worker", String(80), nullable=False),
    Column("claimed_at", UTCDateTime, nullable=False, index=True),
    Column("finished_at", UTCDateTime, nullable=True),
    # What the handling did outside the database so far (core.updates.Effects).
    Column("effects", JSON, nullable=True),
    Index("ix_update_log_chat_id", "chat_id", "update_id"),
    # Updates whose held replies wait for a sender (core.updates.HeldReplies).
    Index(
        "ix_update_log_replying",
        "update_id",
        postgresql_where=text("status IN ('replying', 'sending')"),
        sqlite_where=text("status IN ('replying', 'sending')"),
    ),
)

processes = Table(
    "processes",
    metadata,
    Column("id", String(80), primary_key=True),
    Column("role", String(10), nullable=False),
    Column("send_rate", Float, nullable=True),
    Column("started_at", UTCDateTime, nullable=False),
    Column("seen_at", UTCDateTime, nullable=False),
)

leases = Table(
    "leases",
    metadata,
    Column("name", String(60), primary_key=True),
    Column("holder", String(80), nullable=False),
    Column("until", UTCDateTime, nullable=False),
)

send_pace = Table(
    "send_pace",
    metadata,
    Column("name", String(30), primary_key=True),
    Column("next_slot", Float, nullable=False),
    Column("paused_until", Float, nullable=False),
)


def process_id(role: str) -> str:
    """host:pid:role, unique per running process."""
    return f"{socket.gethostname()[:50]}:{os.getpid()}:{role}"


def _insert(db: Database):  # type: ignore[no-untyped-def]  # two dialects' insert()
    return sqlite_insert if db.is_sqlite else pg_insert


class Processes:
    """The registry of running processes, with heartbeats."""

    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock

    async def register(self, pid: str, role: str, send_rate: float | None = None) -> None:
        now = self._clock.now()
        stmt = _insert(self._db)(processes).values(
            id=pid, role=role, send_rate=send_rate, started_at=now, seen_at=now
        )
        stmt = stmt.on_conflict_do_update(
            index_elements=[processes.c.id],
            set_={"role": role, "send_rate": send_rate, "seen_at": now},
        )
        async with write_transaction(self._db) as conn:
            await conn.execute(stmt)
            # Rows of processes long gone: keep the table small.
            cutoff = now - timedelta(days=1)
            await conn.execute(delete(processes).where(processes.c.seen_at < cutoff))

    async def beat(self, pid: str) -> None:
        async with write_transaction(self._db) as conn:
            await conn.execute(
                update(processes).where(processes.c.id == pid).values(seen_at=self._clock.now())
            )

    async def remove(self, pid: str) -> None:
        async with write_transaction(self._db) as conn:
            await conn.execute(delete(processes).where(processes.c.id == pid))

    async def alive(self, role: str | None = None) -> list[str]:
        query = select(processes.c.id).where(processes.c.seen_at > self._clock.now() - STALE_AFTER)
        if role is not None:
            query = query.where(processes.c.role == role)
        async with self._db.connect() as conn:
            return sorted((await conn.execute(query)).scalars())

    async def lowest_rate(self) -> float | None:
        """The lowest send rate among live senders (None: no sender alive)."""
        query = select(func.min(processes.c.send_rate)).where(
            processes.c.send_rate.is_not(None),
            processes.c.seen_at > self._clock.now() - STALE_AFTER,
        )
        async with self._db.connect() as conn:
            value = (await conn.execute(query)).scalar()
        return float(value) if value is not None else None


class Leases:
    """Named leases: `acquire` is true for one holder at a time, until the lease lapses."""

    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock

    async def acquire(self, name: str, holder: str, ttl: timedelta) -> bool:
        """Take or renew the lease for `ttl`; False while another holder's is running."""
        now = self._clock.now()
        stmt = _insert(self._db)(leases).values(name=name, holder=holder, until=now + ttl)
        stmt = stmt.on_conflict_do_update(
            index_elements=[leases.c.name],
            set_={"holder": holder, "until": now + ttl},
            where=or_(leases.c.until <= now, leases.c.holder == holder),
        ).returning(leases.c.holder)
        async with write_transaction(self._db) as conn:
            taken = (await conn.execute(stmt)).scalar()
        return taken == holder

    async def release(self, name: str, holder: str) -> None:
        async with write_transaction(self._db) as conn:
            await conn.execute(
                delete(leases).where(leases.c.name == name, leases.c.holder == holder)
            )

    async def holder(self, name: str) -> tuple[str, datetime] | None:
        async with self._db.connect() as conn:
            row = (
                await conn.execute(
                    select(leases.c.holder, leases.c.until).where(leases.c.name == name)
                )
            ).first()
        return (row[0], row[1]) if row else None


class Heartbeat:
    """Registers this process and keeps its row fresh until `stop` removes it."""

    def __init__(
        self, registry: Processes, pid: str, role: str, send_rate: float | None = None
    ) -> None:
        self.registry = registry
        self.pid = pid
        self.role = role
        self.send_rate = send_rate
        self._task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        await self.registry.register(self.pid, self.role, self.send_rate)
        self._task = asyncio.create_task(self._beat(), name=f"heartbeat-{self.role}")

    async def _beat(self) -> None:
        failures = 0
        while True:
            await asyncio.sleep(HEARTBEAT_EVERY.total_seconds())
            try:
                # An upsert, so a row purged while the database was away comes back.
                await self.registry.register(self.pid, self.role, self.send_rate)
                failures = 0
            except Exception as exc:  # noqa: BLE001 - the database is away: keep trying
                failures += 1
                if failures == 1:
                    log.warning("heartbeat of %s failed (%s)", self.pid, type(exc).__name__)

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        try:
            await self.registry.remove(self.pid)
        except Exception as exc:  # noqa: BLE001 - the row goes stale by itself
            log.warning("could not remove process %s (%s)", self.pid, type(exc).__name__)
