"""What a person is in the middle of typing: one store for every multi-step flow.

A conversation is a row per (person, kind): the registration prompt for a name
or phone, the organizer's /newevent wizard or field edit, a broadcast draft.
It lives in the database, so a restart or a second process loses nothing, and
it expires, so a question left unanswered does not capture what the person
types a week later. Payloads are JSON objects of plain values.

The person's *current* conversation is the one touched last: that is the
question the bot asked most recently, and typed text answers it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import BigInteger, Column, String, Table, Text, and_, bindparam, delete, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from core.clock import Clock
from core.storage import Database, UTCDateTime, write_transaction
from core.storage.tables import metadata

conversations = Table(
    "conversations",
    metadata,
    Column("user_id", BigInteger, primary_key=True, autoincrement=False),
    Column("kind", String(32), primary_key=True),
    Column("step", String(64), nullable=False),
    Column("payload", Text, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    Column("expires_at", UTCDateTime, nullable=False, index=True),
)

Payload = dict[str, Any]

# Built once: the read nearly every update makes (see _all_of).
_OF_PERSON = select(conversations).where(conversations.c.user_id == bindparam("uid"))

# People whose conversations one SQLite process keeps in memory before it starts over.
_MEMORY_LIMIT = 100_000


@dataclass(frozen=True, slots=True)
class Conversation:
    user_id: int
    kind: str
    step: str
    payload: Payload
    updated_at: datetime
    expires_at: datetime


def _from_row(row: Any) -> Conversation:
    m = row._mapping
    return Conversation(
        user_id=m["user_id"],
        kind=m["kind"],
        step=m["step"],
        payload=json.loads(m["payload"]),
        updated_at=m["updated_at"],
        expires_at=m["expires_at"],
    )


class Conversations:
    """Start, advance, read and end conversations; expired ones read as absent."""

    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock
        # Each person's conversations as the database holds them, so most updates cost
        # no query. Exact only where every write goes through this object: SQLite, which
        # runs one process. With PostgreSQL (several processes) every lookup asks the
        # database. A person not in the memory is read once, all kinds together.
        self._single_process = db.is_sqlite
        self._memory: dict[int, dict[str, Conversation]] = {}
        # Writes begun per person (and memory resets): a read that overlaps a write
        # may have seen the row before or after it, so what it read is not kept.
        self._writes: dict[int, int] = {}
        self._epoch = 0

    def _writing(self, user_id: int) -> None:
        if self._single_process:
            self._writes[user_id] = self._writes.get(user_id, 0) + 1

    def _remembered(self, user_id: int) -> dict[str, Conversation] | None:
        return self._memory.get(user_id) if self._single_process else None

    def _remember(self, user_id: int, rows: dict[str, Conversation]) -> None:
        if self._single_process:
            if len(self._memory) >= _MEMORY_LIMIT and user_id not in self._memory:
                self._memory.clear()
                self._writes.clear()
                self._epoch += 1
            self._memory[user_id] = rows

    async def _all_of(self, user_id: int) -> dict[str, Conversation]:
        """Every live conversation of the person: from memory, or one query."""
        remembered = self._remembered(user_id)
        now = self._clock.now()
        if remembered is not None:
            return {k: c for k, c in remembered.items() if c.expires_at > now}
        before = (self._epoch, self._writes.get(user_id, 0))
        async with self._db.connect() as conn:
            rows = (await conn.execute(_OF_PERSON, {"uid": user_id})).all()
        found = {c.kind: c for c in map(_from_row, rows)}
        if before == (self._epoch, self._writes.get(user_id, 0)):
            self._remember(user_id, found)
        return {k: c for k, c in found.items() if c.expires_at > now}

    async def save(
        self, user_id: int, kind: str, step: str, payload: Payload, *, ttl: timedelta
    ) -> Conversation:
        """Start the conversation or move it to `step`; the expiry restarts from now."""
        now = self._clock.now()
        expires = now + ttl
        text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
        insert = sqlite_insert if self._db.is_sqlite else pg_insert
        stmt = insert(conversations).values(
            user_id=user_id, kind=kind, step=step, payload=text, updated_at=now, expires_at=expires
        )
        stmt = stmt.on_conflict_do_update(
            index_elements=[conversations.c.user_id, conversations.c.kind],
            set_={k: stmt.excluded[k] for k in ("step", "payload", "updated_at", "expires_at")},
        )
        saved = Conversation(user_id, kind, step, payload, now, expires)
        self._writing(user_id)
        try:
            async with write_transaction(self._db) as conn:
                await conn.execute(stmt)
        except BaseException:
            # Whether it was written is unknown: read it again next time.
            self._memory.pop(user_id, None)
            raise
        remembered = self._remembered(user_id)
        if remembered is not None:
            remembered[kind] = saved
        return saved

    async def get(self, user_id: int, kind: str) -> Conversation | None:
        """The person's conversation of this kind, unless it expired."""
        return (await self._all_of(user_id)).get(kind)

    async def current(self, user_id: int) -> Conversation | None:
        """The conversation the person touched last: the question typed text answers."""
        live = await self._all_of(user_id)
        return max(live.values(), key=lambda c: c.updated_at, default=None)

    async def end(self, user_id: int, kind: str, *, step: str | None = None) -> bool:
        """End it; with `step`, only if it is still at that step (a second tap ends nothing).

        Returns whether a live conversation was ended.
        """
        where = [
            conversations.c.user_id == user_id,
            conversations.c.kind == kind,
            conversations.c.expires_at > self._clock.now(),
        ]
        if step is not None:
            where.append(conversations.c.step == step)
        self._writing(user_id)
        try:
            async with write_transaction(self._db) as conn:
                result = await conn.execute(delete(conversations).where(and_(*where)))
        except BaseException:
            self._memory.pop(user_id, None)
            raise
        remembered = self._remembered(user_id)
        if remembered is not None and result.rowcount:
            remembered.pop(kind, None)
        return bool(result.rowcount)

    async def purge_expired(self) -> int:
        """Delete what has expired (a periodic job): nothing typed is kept longer than needed."""
        async with write_transaction(self._db) as conn:
            result = await conn.execute(
                delete(conversations).where(conversations.c.expires_at <= self._clock.now())
            )
        now = self._clock.now()
        for rows in self._memory.values():
            for kind in [k for k, c in rows.items() if c.expires_at <= now]:
                del rows[kind]
        return int(result.rowcount or 0)

    # ----- personal data -----------------------------------------------------------

    async def describe(self, user_id: int, lang: str) -> list[str]:  # noqa: ARG002 - PersonalData
        """Half-finished forms are named in /mydata by the flow that owns them."""
        return []

    async def erase(self, user_id: int) -> None:
        self._writing(user_id)
        self._memory.pop(user_id, None)
        async with write_transaction(self._db) as conn:
            await conn.execute(delete(conversations).where(conversations.c.user_id == user_id))
        self._remember(user_id, {})
