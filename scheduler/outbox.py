"""The outbox: one durable row per message the bot sends later.

Domain code (reminders, broadcasts, waiting-list offers, relayed answers) calls
`Outbox.schedule`; the sender (scheduler/sender.py) claims due rows and sends
them. A unique dedupe key makes every schedule call idempotent, so a repeated
tap, a redelivered update or a re-run job cannot queue a message twice.

Statuses: pending → sending (claimed under a lease) → sent | failed | expired |
skipped_blocked; pending → cancelled. A row marked sent is never sent again.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable, Iterable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import (
    Select,
    String,
    and_,
    cast,
    event,
    exists,
    func,
    literal,
    null,
    or_,
    select,
    true,
    update,
)
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncConnection

from core.clock import Clock
from core.storage import Database, write_transaction
from core.storage.tables import users
from scheduler.content import (
    Attachment,
    Buttons,
    Rendered,
    RenderRef,
    buttons_from_json,
    buttons_to_json,
)
from scheduler.quiet import QuietHours
from scheduler.tables import outbox

log = logging.getLogger(__name__)

PENDING = "pending"
SENDING = "sending"
SENT = "sent"
FAILED = "failed"
CANCELLED = "cancelled"
EXPIRED = "expired"
SKIPPED_BLOCKED = "skipped_blocked"
STATUSES = (PENDING, SENDING, SENT, FAILED, CANCELLED, EXPIRED, SKIPPED_BLOCKED)
# Rows per INSERT/IN list: well under SQLite's and asyncpg's parameter limits.
_CHUNK = 500

Listener = Callable[[datetime], None]


@dataclass(frozen=True, slots=True)
class Scheduled:
    """One row for `Outbox.schedule_many` (same meaning as `schedule`'s arguments)."""

    key: str
    chat_id: int
    due: datetime
    text: str | None = None
    render: RenderRef | None = None
    buttons: Buttons | None = None
    attachment: Attachment | None = None
    kind: str = "message"
    respects_quiet_hours: bool = False
    not_after: datetime | None = None
    broadcast_id: int | None = None
    thread_id: int | None = None
    copy_from: tuple[int, int] | None = None
    sequence: str | None = None


@dataclass(frozen=True, slots=True)
class OutboxRow:
    """A claimed row, as the sender sees it."""

    id: int
    key: str
    chat_id: int
    kind: str
    text: str | None
    render: RenderRef | None
    buttons: Any
    attachment: Attachment | None
    due_at: datetime
    not_after: datetime | None
    attempts: int
    claimed_until: datetime | None
    broadcast_id: int | None
    thread_id: int | None = None
    copy_from: tuple[int, int] | None = None
    sequence: str | None = None

    def static_content(self) -> Rendered:
        return Rendered(
            self.text,
            buttons_from_json(self.buttons),
            self.attachment,
            thread_id=self.thread_id,
            copy_from=self.copy_from,
        )


@dataclass(frozen=True, slots=True)
class OutboxStats:
    """What organizers see in /outbox."""

    counts: dict[str, int]
    # (when, kind, chat id, error): most recent failures first.
    last_errors: list[tuple[datetime, str, int, str]] = field(default_factory=list)
    next_due: datetime | None = None

    def count(self, status: str) -> int:
        return self.counts.get(status, 0)


def _values(row: Scheduled, created_at: datetime, quiet: QuietHours | None) -> dict[str, Any]:
    if row.render is not None and (row.text is not None or row.copy_from is not None):
        raise ValueError("schedule takes a render, or a text and/or a message to copy")
    if row.render is None and row.text is None and row.copy_from is None:
        raise ValueError("schedule needs a text, a render or a message to copy")
    if row.due.tzinfo is None:
        raise ValueError("due must be an aware datetime")
    due = quiet.defer(row.due) if quiet is not None and row.respects_quiet_hours else row.due
    a = row.attachment
    return {
        "dedupe_key": row.key,
        "chat_id": row.chat_id,
        "kind": row.kind,
        "text": row.text,
        "render_name": row.render.name if row.render else None,
        "render_payload": row.render.payload if row.render else None,
        "buttons": buttons_to_json(row.buttons),
        "attachment_kind": a.kind if a else None,
        "attachment_name": a.filename if a else None,
        "attachment_mime": a.mime if a else None,
        "attachment_file_id": a.file_id if a else None,
        "attachment_bytes": a.data if a else None,
        "due_at": due,
        "not_after": row.not_after,
        "respects_quiet_hours": row.respects_quiet_hours,
        "status": PENDING,
        "attempts": 0,
        "broadcast_id": row.broadcast_id,
        "created_at": created_at,
        "thread_id": row.thread_id,
        "copy_chat_id": row.copy_from[0] if row.copy_from else None,
        "copy_message_id": row.copy_from[1] if row.copy_from else None,
        "sequence": row.sequence,
    }


def row_from_db(m: Any) -> OutboxRow:
    attachment = None
    if m["attachment_kind"]:
        attachment = Attachment(
            kind=m["attachment_kind"],
            file_id=m["attachment_file_id"],
            data=m["attachment_bytes"],
            filename=m["attachment_name"],
            mime=m["attachment_mime"],
        )
    render = RenderRef(m["render_name"], m["render_payload"] or {}) if m["render_name"] else None
    return OutboxRow(
        id=m["id"],
        key=m["dedupe_key"],
        chat_id=m["chat_id"],
        kind=m["kind"],
        text=m["text"],
        render=render,
        buttons=m["buttons"],
        attachment=attachment,
        due_at=m["due_at"],
        not_after=m["not_after"],
        attempts=m["attempts"],
        claimed_until=m["claimed_until"],
        broadcast_id=m["broadcast_id"],
        thread_id=m["thread_id"],
        copy_from=(m["copy_chat_id"], m["copy_message_id"]) if m["copy_chat_id"] else None,
        sequence=m["sequence"],
    )


class Outbox:
    """Queue, cancel and inspect messages to be sent later."""

    def __init__(self, db: Database, clock: Clock, quiet: QuietHours | None = None) -> None:
        self.db = db
        self.clock = clock
        self.quiet = quiet
        self._listeners: list[Listener] = []

    # ----- notifications ---------------------------------------------------------------

    def add_listener(self, listener: Listener) -> None:
        """Called with the due time of newly queued rows (after their commit)."""
        self._listeners.append(listener)

    def wake(self, due: datetime) -> None:
        """Rows changed outside `schedule` are due at `due`: tell the sender."""
        self._notify(due)

    def _notify(self, due: datetime) -> None:
        for listener in self._listeners:
            try:
                listener(due)
            except Exception:  # a wake-up failing must not undo a commit
                log.exception("outbox listener failed")

    def _notify_after_commit(self, conn: AsyncConnection | None, due: datetime) -> None:
        if not self._listeners:
            return
        if conn is None:
            self._notify(due)
            return
        # The caller's transaction may still roll back, and the sender must not look
        # for the row before it is visible: wake it when the transaction commits.
        event.listen(conn.sync_connection, "commit", lambda _c: self._notify(due), once=True)

    @asynccontextmanager
    async def _tx(self, conn: AsyncConnection | None) -> AsyncIterator[AsyncConnection]:
        if conn is not None:
            yield conn
            return
        async with write_transaction(self.db) as own:
            yield own

    def _insert(self) -> Any:
        return (sqlite_insert if self.db.is_sqlite else pg_insert)(outbox)

    # ----- queueing --------------------------------------------------------------------

    async def schedule(
        self,
        *,
        key: str,
        chat_id: int,
        due: datetime,
        text: str | None = None,
        render: RenderRef | None = None,
        buttons: Buttons | None = None,
        attachment: Attachment | None = None,
        document: Attachment | None = None,
        kind: str = "message",
        respects_quiet_hours: bool = False,
        not_after: datetime | None = None,
        broadcast_id: int | None = None,
        conn: AsyncConnection | None = None,
        thread_id: int | None = None,
        copy_from: tuple[int, int] | None = None,
        sequence: str | None = None,
    ) -> bool:
        """Queue one message; False if `key` was queued before or the user blocked the bot.

        With `conn` the row joins the caller's transaction (a registration and its
        reminders commit or roll back together).
        """
        row = Scheduled(
            key,
            chat_id,
            due,
            text,
            render,
            buttons,
            attachment or document,
            kind,
            respects_quiet_hours,
            not_after,
            broadcast_id,
            thread_id,
            copy_from,
            sequence,
        )
        values = _values(row, self.clock.now(), self.quiet)
        async with self._tx(conn) as tx:
            if await _blocked(tx, [chat_id]):
                return False
            stmt = (
                self._insert()
                .values(**values)
                .on_conflict_do_nothing(index_elements=["dedupe_key"])
            )
            inserted = (await tx.execute(stmt)).rowcount > 0
        if inserted:
            self._notify_after_commit(conn, values["due_at"])
        return inserted

    async def schedule_claimed(
        self,
        row: Scheduled,
        *,
        worker: str,
        lease: timedelta,
        conn: AsyncConnection | None = None,
    ) -> tuple[bool, OutboxRow | None]:
        """Queue `row` and, when it is due and nothing of its sequence waits before it,
        claim it for the caller to send at once (`Sender.send_claimed`).

        Returns (queued, claimed row). The row is durable either way: if the caller
        never reports an outcome, its lease runs out and the sender sends it. Order
        within a sequence holds while one process queues it (updates of one chat are
        handled one at a time).
        """
        (outcome,) = await self.schedule_claimed_many([row], worker=worker, lease=lease, conn=conn)
        return outcome

    async def schedule_claimed_many(
        self,
        rows: Sequence[Scheduled],
        *,
        worker: str | None,
        lease: timedelta,
        conn: AsyncConnection | None = None,
    ) -> list[tuple[bool, OutboxRow | None]]:
        """`schedule_claimed` for many rows at once (several relays in one transaction):
        a handful of statements whatever the number of rows.

        Rows of one sequence keep the order given: the first may be claimed (when
        nothing of its sequence waits or is in flight), the ones after it wait behind
        it. `worker` None queues every row without claiming any. A key given twice,
        queued before, or for a person who blocked the bot gives (False, None).
        """
        now = self.clock.now()
        values = [_values(row, now, self.quiet) for row in rows]
        outcomes: list[tuple[bool, OutboxRow | None]] = [(False, None)] * len(rows)
        if not values:
            return outcomes
        async with self._tx(conn) as tx:
            blocked = await _blocked(tx, [row.chat_id for row in rows])
            sequences = sorted({row.sequence for row in rows if row.sequence is not None})
            busy: set[str] = set()
            if sequences and worker is not None:
                busy = set(
                    (
                        await tx.execute(
                            select(outbox.c.sequence)
                            .where(
                                outbox.c.sequence.in_(sequences),
                                outbox.c.status.in_((PENDING, SENDING)),
                            )
                            .distinct()
                        )
                    ).scalars()
                )
            # One INSERT per layer, each with at most one row of a sequence: ids, which
            # decide the order the sender keeps, follow the order given.
            layers: list[list[int]] = []
            depth: dict[str, int] = {}
            first: dict[str, int] = {}
            for n, (row, v) in enumerate(zip(rows, values, strict=True)):
                if row.chat_id in blocked or row.key in first:
                    continue
                first[row.key] = n
                claim = worker is not None and v["due_at"] <= now
                level = 0
                if row.sequence is not None:
                    claim = claim and row.sequence not in busy
                    busy.add(row.sequence)
                    level = depth[row.sequence] = depth.get(row.sequence, -1) + 1
                v.update(
                    status=SENDING if claim else PENDING,
                    claimed_by=worker if claim else None,
                    claimed_until=now + lease if claim else None,
                    attempts=1 if claim else 0,
                )
                while len(layers) <= level:
                    layers.append([])
                layers[level].append(n)
            stmt = (
                self._insert()
                .on_conflict_do_nothing(index_elements=["dedupe_key"])
                .returning(outbox.c.id, outbox.c.dedupe_key)
            )
            ids: dict[str, int] = {}
            for layer in layers:
                for start in range(0, len(layer), _CHUNK):
                    chunk = [values[n] for n in layer[start : start + _CHUNK]]
                    result = await tx.execute(stmt, chunk)
                    ids.update({key: int(new_id) for new_id, key in result.all()})
        waiting: list[datetime] = []
        for n, (row, v) in enumerate(zip(rows, values, strict=True)):
            new_id = ids.get(row.key)
            if new_id is None or first.get(row.key) != n:
                continue
            if v["status"] != SENDING:
                outcomes[n] = (True, None)
                waiting.append(v["due_at"])
                continue
            outcomes[n] = (
                True,
                OutboxRow(
                    id=new_id,
                    key=row.key,
                    chat_id=row.chat_id,
                    kind=row.kind,
                    text=row.text,
                    render=row.render,
                    buttons=v["buttons"],
                    attachment=row.attachment,
                    due_at=v["due_at"],
                    not_after=row.not_after,
                    attempts=1,
                    claimed_until=v["claimed_until"],
                    broadcast_id=row.broadcast_id,
                    thread_id=row.thread_id,
                    copy_from=row.copy_from,
                    sequence=row.sequence,
                ),
            )
        if waiting:
            self._notify_after_commit(conn, min(waiting))
        return outcomes

    async def schedule_many(
        self,
        rows: Iterable[Scheduled],
        conn: AsyncConnection | None = None,
        *,
        recipient_present: bool = False,
    ) -> int:
        """Queue many rows in bulk; returns how many were new (blocked users skipped).

        `recipient_present`: the rows are for the person acting right now (they
        just wrote to the bot, which unblocked them), so the blocked check is skipped.
        """
        now = self.clock.now()
        values = [_values(row, now, self.quiet) for row in rows]
        if not values:
            return 0
        inserted = 0
        async with self._tx(conn) as tx:
            if not recipient_present:
                blocked = await _blocked(tx, [v["chat_id"] for v in values])
                values = [v for v in values if v["chat_id"] not in blocked]
            stmt = self._insert().on_conflict_do_nothing(index_elements=["dedupe_key"])
            stmt = stmt.returning(outbox.c.id)
            for start in range(0, len(values), _CHUNK):
                result = await tx.execute(stmt, values[start : start + _CHUNK])
                inserted += len(result.all())
        if inserted:
            self._notify_after_commit(conn, min(v["due_at"] for v in values))
        return inserted

    async def schedule_for(
        self,
        template: Scheduled,
        recipients: Select[tuple[int]],
        key_prefix: str,
        conn: AsyncConnection | None = None,
    ) -> int:
        """Queue `template` for every id `recipients` selects, in one INSERT … SELECT.

        Each row's key is `key_prefix` + the id, so queueing the same thing twice
        adds nothing; `recipients` says who is left out (blocked people, say): no
        row goes through Python, which is what makes 100,000 a matter of seconds.
        Returns how many rows were new.
        """
        values = _values(template, self.clock.now(), self.quiet)
        chosen = recipients.subquery("recipients")
        chat_id = chosen.c[0]
        columns: list[Any] = []
        for name, value in values.items():
            column = outbox.c[name]
            if name == "dedupe_key":
                columns.append(literal(key_prefix) + cast(chat_id, String))
            elif name == "chat_id":
                columns.append(chat_id)
            elif self.db.is_sqlite:
                # SQLite takes any value in any column (a CAST would turn a date into 2026).
                columns.append(literal(value, column.type) if value is not None else null())
            else:
                # PostgreSQL types a SELECT's parameters from the CAST, not from the column.
                typed = literal(value, column.type) if value is not None else null()
                columns.append(cast(typed, column.type))
        # SQLite reads ON CONFLICT after a SELECT without WHERE as a join clause.
        rows = select(*columns).where(true()).order_by(chat_id)
        stmt = self._insert().from_select(list(values), rows)
        stmt = stmt.on_conflict_do_nothing(index_elements=["dedupe_key"])
        async with self._tx(conn) as tx:
            inserted = int((await tx.execute(stmt)).rowcount or 0)
        if inserted:
            self._notify_after_commit(conn, values["due_at"])
        return inserted

    async def cancel(
        self,
        key: str | None = None,
        prefix: str | None = None,
        conn: AsyncConnection | None = None,
        *,
        broadcast_id: int | None = None,
    ) -> int:
        """Cancel pending rows by exact key, key prefix or broadcast; returns how many."""
        conditions = []
        if key is not None:
            conditions.append(outbox.c.dedupe_key == key)
        if prefix is not None:
            if not prefix:
                raise ValueError("an empty prefix would cancel everything")
            conditions.append(outbox.c.dedupe_key.startswith(prefix, autoescape=True))
        if broadcast_id is not None:
            conditions.append(outbox.c.broadcast_id == broadcast_id)
        if not conditions:
            raise ValueError("cancel needs a key, a prefix or a broadcast id")
        stmt = (
            update(outbox)
            .where(outbox.c.status == PENDING, *conditions)
            .values(status=CANCELLED, claimed_by=None, claimed_until=None)
        )
        async with self._tx(conn) as tx:
            return (await tx.execute(stmt)).rowcount

    async def requeue_failed(self, sequence: str, error_contains: str) -> int:
        """Put failed rows of a sequence back in the queue (their cause is mended)."""
        stmt = (
            update(outbox)
            .where(
                outbox.c.sequence == sequence,
                outbox.c.status == FAILED,
                func.lower(outbox.c.last_error).contains(error_contains.lower()),
            )
            .values(status=PENDING, attempts=0, due_at=self.clock.now(), last_error=None)
        )
        async with write_transaction(self.db) as conn:
            count = (await conn.execute(stmt)).rowcount
        if count:
            self._notify(self.clock.now())
        return count

    # ----- inspection ------------------------------------------------------------------

    async def next_due(self) -> datetime | None:
        """When the sender next has something to do (a due row or an expiring lease)."""
        # A row waiting behind an earlier one of its sequence is not due yet: that
        # one's outcome wakes the sender again.
        pending = select(func.min(outbox.c.due_at)).where(
            outbox.c.status == PENDING, or_(outbox.c.sequence.is_(None), ~_earlier_open())
        )
        leases = select(func.min(outbox.c.claimed_until)).where(outbox.c.status == SENDING)
        async with self.db.connect() as conn:
            times = [(await conn.execute(q)).scalar() for q in (pending, leases)]
        found = [t for t in times if t is not None]
        return min(found) if found else None

    async def status_of(self, key: str) -> str | None:
        async with self.db.connect() as conn:
            query = select(outbox.c.status).where(outbox.c.dedupe_key == key)
            status: str | None = (await conn.execute(query)).scalar()
            return status

    async def stats(self, errors: int = 5) -> OutboxStats:
        """Counts by status, the most recent errors and the next due time."""
        async with self.db.connect() as conn:
            rows = await conn.execute(
                select(outbox.c.status, func.count()).group_by(outbox.c.status)
            )
            counts = {status: n for status, n in rows.all()}
            recent = await conn.execute(
                select(outbox.c.created_at, outbox.c.kind, outbox.c.chat_id, outbox.c.last_error)
                .where(outbox.c.status == FAILED, outbox.c.last_error.is_not(None))
                .order_by(outbox.c.id.desc())
                .limit(errors)
            )
            last_errors = [(w, k, c, e) for w, k, c, e in recent.all()]
        return OutboxStats(counts, last_errors, await self.next_due())


async def _blocked(conn: AsyncConnection, chat_ids: Sequence[int]) -> set[int]:
    """Which of these private chats belong to users who blocked the bot."""
    people = sorted({c for c in chat_ids if c > 0})
    found: set[int] = set()
    for start in range(0, len(people), _CHUNK):
        chunk = people[start : start + _CHUNK]
        query = select(users.c.id).where(users.c.id.in_(chunk), users.c.blocked.is_(True))
        found.update((await conn.execute(query)).scalars())
    return found


_earlier = outbox.alias("earlier")


def due_condition(now: datetime) -> Any:
    """Rows the sender may take: pending and due, or claimed under an expired lease;
    in a sequence, only while no earlier row of it is still waiting or in flight."""
    takeable = or_(
        and_(outbox.c.status == PENDING, outbox.c.due_at <= now),
        and_(outbox.c.status == SENDING, outbox.c.claimed_until < now),
    )
    return and_(takeable, or_(outbox.c.sequence.is_(None), ~_earlier_open()))


def _earlier_open() -> Any:
    """An earlier row of the same sequence is still pending or being sent."""
    return exists().where(
        _earlier.c.sequence == outbox.c.sequence,
        _earlier.c.id < outbox.c.id,
        _earlier.c.status.in_((PENDING, SENDING)),
    )


def retry_delay(attempts: int, base: timedelta, cap: timedelta) -> timedelta:
    """Bounded exponential backoff: base, 2·base, 4·base, … at most cap."""
    # A shift, not 2 ** n: int ** int is typed Any (a negative power is a float).
    return min(cap, base * (1 << max(0, attempts - 1)))
