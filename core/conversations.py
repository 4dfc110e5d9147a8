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

from sqlalchemy import BigInteger, Column, String, Table, Text, and_, delete, select
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
        # People known to have no conversation, so most updates cost no query. Exact only
        # where every write goes through this object: SQLite, which runs one process.
        # With PostgreSQL (several processes) every lookup asks the database.
        self._single_process = db.is_sqlite
        self._none: set[int] = set()

    def _known_empty(self, user_id: int) -> bool:
        return self._single_process and user_id in self._none

    def _remember_empty(self, user_id: int) -> None:
        if self._single_process:
            if len(self._none) > 100_000:
                self._none.clear()
            self._none.add(user_id)

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
        self._none.discard(user_id)
        async with write_transaction(self._db) as conn:
            await conn.execute(stmt)
        return Conversation(user_id, kind, step, payload, now, expires)

    async def get(self, user_id: int, kind: str) -> Conversation | None:
        """The person's conversation of this kind, unless it expired."""
        if self._known_empty(user_id):
            return None
        query = select(conversations).where(
            conversations.c.user_id == user_id,
            conversations.c.kind == kind,
            conversations.c.expires_at > self._clock.now(),
        )
        async with self._db.connect() as conn:
            row = (await conn.execute(query)).first()
        return _from_row(row) if row else None

    async def current(self, user_id: int) -> Conversation | None:
        """The conversation the person touched last: the question typed text answers."""
        if self._known_empty(user_id):
            return None
        query = (
            select(conversations)
            .where(
                conversations.c.user_id == user_id,
                conversations.c.expires_at > self._clock.now(),
            )
            .order_by(conversations.c.updated_at.desc())
            .limit(1)
        )
        async with self._db.connect() as conn:
            row = (await conn.execute(query)).first()
        if row is None:
            self._remember_empty(user_id)
            return None
        return _from_row(row)

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
        async with write_transaction(self._db) as conn:
            result = await conn.execute(delete(conversations).where(and_(*where)))
        return bool(result.rowcount)

    async def purge_expired(self) -> int:
        """Delete what has expired (a periodic job): nothing typed is kept longer than needed."""
        async with write_transaction(self._db) as conn:
            result = await conn.execute(
                delete(conversations).where(conversations.c.expires_at <= self._clock.now())
            )
        return int(result.rowcount or 0)

    # ----- personal data -----------------------------------------------------------

    async def describe(self, user_id: int, lang: str) -> list[str]:  # noqa: ARG002 - PersonalData
        """Half-finished forms are named in /mydata by the flow that owns them."""
        return []

    async def erase(self, user_id: int) -> None:
        async with write_transaction(self._db) as conn:
            await conn.execute(delete(conversations).where(conversations.c.user_id == user_id))
        self._remember_empty(user_id)
