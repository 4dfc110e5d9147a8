"""Consultant cases: a person's question that the NGO's staff answer in a forum topic.

A case is one row; what travels between the person and the staff topic goes
through the outbox (durable, paced, retried), in two ordered sequences per case:
``case:<id>:in`` (to the staff topic) and ``case:<id>:out`` (to the person). The
topic is looked up when a message to it is sent, so messages written before the
topic exists wait for it, and a topic made again after staff deleted one gets
what follows.

Relays are committed together (`_relay`): what many people and staff send at the
same moment goes into one transaction (their outbox rows in one INSERT, their
cases changed in one statement per kind of change), and each caller returns
once the commit that carries its message is done, so nothing a person sent is
acknowledged before it is durable. An idle bot commits each relay at once.

This module knows no Telegram: the staff desk (bot/staff_desk.py) makes topics,
the handlers turn messages into `Source`s and HTML.
"""

from __future__ import annotations

import asyncio
import logging
import statistics
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import bindparam, delete, func, insert, or_, select, text, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection

from cases.cache import CaseMemory
from cases.tables import case_notices, cases
from core.clock import Clock
from core.storage import Database, write_transaction
from scheduler.content import Buttons, Rendered, RenderRef
from scheduler.outbox import Outbox, OutboxRow, Scheduled
from scheduler.tables import outbox
from scheduler.transport import DeliveryError

log = logging.getLogger(__name__)

OPEN = "open"
CLOSED = "closed"
STAFF = "staff"
PERSON = "person"
TO_TOPIC = "case-in"
# Telegram's limit is 4,096 characters; a header goes on top of the first part.
PART_CHARS = 3800
Deliver = Callable[[list[OutboxRow]], Awaitable[int]]
STARS = range(1, 6)
# Relays per group commit at most (each adds a few parameters to its statements).
RELAY_BATCH = 64


@dataclass(frozen=True, slots=True)
class Case:
    id: int
    user_id: int
    status: str
    waiting_for: str
    priority: bool
    lang: str
    country: str
    kb_topic: str | None
    thread_id: int | None
    opened_at: datetime
    first_reply_at: datetime | None
    waiting_since: datetime | None
    overdue_told_at: datetime | None
    closed_at: datetime | None
    closed_by: str | None
    rating: int | None
    person_blocked: bool
    messages_in: int
    messages_out: int

    @property
    def is_open(self) -> bool:
        return self.status == OPEN


def _latest_where(*where: Any) -> Any:
    return select(cases).where(*where).order_by(cases.c.id.desc()).limit(1)


# The look-ups every relayed message makes, built once: a statement made per call
# costs more CPU to build and to key for SQLAlchemy's cache than to run.
_BY_ID = _latest_where(cases.c.id == bindparam("v"))
_BY_THREAD = _latest_where(cases.c.thread_id == bindparam("v"))
_LATEST_OF_PERSON = _latest_where(cases.c.user_id == bindparam("v"))
_OPEN_OF_PERSON = _latest_where(cases.c.user_id == bindparam("v"), cases.c.status == OPEN)


def _case(row: Any) -> Case:
    m = row._mapping
    return Case(**{name: m[name] for name in Case.__slots__})


@dataclass(frozen=True, slots=True)
class Source:
    """A message to relay: copy it (media of any kind), or send its text as HTML parts."""

    chat_id: int
    message_id: int
    # Text messages travel as HTML (escaped by the caller), split into parts;
    # None: copy the message as it is (photo, document, voice, sticker…).
    html_parts: tuple[str, ...] | None = None


@dataclass(slots=True)
class _Relay:
    """A relay waiting for the next group commit: its outbox rows, and what it changes
    in its case besides one more message counted in `counter` (a topic made: no rows,
    nothing counted)."""

    case_id: int
    rows: list[Scheduled]
    values: dict[str, Any]
    counter: str | None
    # Remember the case as the person's latest (a message from them).
    latest: bool = False
    # A sequence whose waiting messages are due now (the topic they waited for is made).
    wake: str | None = None
    done: asyncio.Future[_Relayed] = field(
        default_factory=lambda: asyncio.get_running_loop().create_future()
    )


@dataclass(frozen=True, slots=True)
class _Relayed:
    """The case as the commit left it, the rows claimed for the caller to send, and
    whether anything was new (False: a redelivered update)."""

    case: Case
    claimed: list[OutboxRow]
    queued: bool


@dataclass(slots=True)
class CaseReport:
    """What funders ask: cases opened, answered, how fast, by language and topic."""

    opened: int = 0
    answered: int = 0
    closed: int = 0
    priority: int = 0
    median_first_reply: timedelta | None = None
    by_language: Counter[str] = field(default_factory=Counter)
    by_topic: Counter[str] = field(default_factory=Counter)
    ratings: Counter[int] = field(default_factory=Counter)


def split_plain(text: str, limit: int = PART_CHARS) -> list[str]:
    """Cut plain text into parts of at most `limit` characters, at a line or a space."""
    parts: list[str] = []
    rest = text
    while len(rest) > limit:
        cut = rest.rfind("\n", 0, limit)
        if cut < limit // 2:
            cut = rest.rfind(" ", 0, limit)
        if cut < limit // 2:
            cut = limit
        parts.append(rest[:cut])
        rest = rest[cut:].lstrip("\n ")
    if rest or not parts:
        parts.append(rest)
    return parts


class Cases:
    def __init__(
        self,
        db: Database,
        clock: Clock,
        outbox_: Outbox,
        *,
        staff_chat_id: int | None,
        reopen_days: float = 14.0,
        deliver: Deliver | None = None,
        worker: str = "cases",
        lease: timedelta = timedelta(seconds=60),
        remember: bool = False,
    ) -> None:
        self.db = db
        self.clock = clock
        self.outbox = outbox_
        self.staff_chat_id = staff_chat_id
        self.reopen_window = timedelta(days=reopen_days)
        # With a sender: relays are claimed as they are queued and sent at once, by
        # the process that received them (the outbox row keeps them safe meanwhile).
        self.deliver = deliver
        self.worker = worker
        self.lease = lease
        # Only where this process is the only writer (SQLite): see cases/cache.py.
        self.memory = CaseMemory() if remember else None
        self._relays: list[_Relay] = []
        self._single = None if db.is_sqlite else db.single_statements()
        self._committing: asyncio.Task[None] | None = None

    async def _queue(self, conn: AsyncConnection, claimed: list[OutboxRow], row: Scheduled) -> bool:
        if self.deliver is None:
            return await self.outbox.schedule_many([row], conn, recipient_present=False) > 0
        queued, mine = await self.outbox.schedule_claimed(
            row, worker=self.worker, lease=self.lease, conn=conn
        )
        if mine is not None:
            claimed.append(mine)
        return queued

    async def _send(self, claimed: list[OutboxRow]) -> None:
        if claimed and self.deliver is not None:
            await self.deliver(claimed)

    @property
    def enabled(self) -> bool:
        return self.staff_chat_id is not None

    # ----- reading ---------------------------------------------------------------------

    async def _one(self, query: Any, value: int) -> Case | None:
        """The newest case `query` (one of the _LATEST_BY statements) finds for `value`."""
        params = {"v": value}
        if self._single is None:
            async with self.db.connect() as conn:
                row = (await conn.execute(query, params)).first()
            return _case(row) if row is not None else None
        # PostgreSQL: the read every relayed message makes, as one statement in one
        # round trip (no ping, BEGIN or ROLLBACK around it).
        for attempt in range(1, 4):
            try:
                async with self._single.connect() as conn:
                    row = (await conn.execute(query, params)).first()
                return _case(row) if row is not None else None
            except DBAPIError as exc:
                # A connection that broke since its last use: a fresh one.
                if not exc.connection_invalidated or attempt == 3:
                    raise
        raise AssertionError("unreachable")

    async def get(self, case_id: int) -> Case | None:
        memory = self.memory
        if memory is None:
            return await self._one(_BY_ID, case_id)
        if (known := memory.get(case_id)) is not None:
            return known
        epoch = memory.epoch
        found = await self._one(_BY_ID, case_id)
        if found is not None:
            memory.remember(found, since=epoch)
        return found

    async def open_case(self, user_id: int) -> Case | None:
        return await self._one(_OPEN_OF_PERSON, user_id)

    async def current(self, user_id: int) -> Case | None:
        """The case a message from the person belongs to: open, or closed recently."""
        latest = await self.latest(user_id)
        if latest is None:
            return None
        if latest.is_open:
            return latest
        if (
            latest.closed_at is not None
            and self.clock.now() - latest.closed_at < self.reopen_window
        ):
            return latest
        return None

    async def latest(self, user_id: int) -> Case | None:
        """The person's most recent case, open or closed."""
        memory = self.memory
        if memory is None:
            return await self._one(_LATEST_OF_PERSON, user_id)
        known, case = memory.latest(user_id)
        if known:
            return case
        epoch = memory.epoch
        found = await self._one(_LATEST_OF_PERSON, user_id)
        memory.remember_latest(user_id, found, since=epoch)
        return found

    async def by_thread(self, thread_id: int) -> Case | None:
        memory = self.memory
        if memory is None:
            return await self._one(_BY_THREAD, thread_id)
        if (known := memory.of_thread(thread_id)) is not None:
            return known
        epoch = memory.epoch
        found = await self._one(_BY_THREAD, thread_id)
        if found is not None:
            memory.remember(found, since=epoch)
        return found

    # ----- what this process remembers (SQLite: see cases/cache.py) -------------------

    @asynccontextmanager
    async def _writing(self) -> AsyncIterator[AsyncConnection]:
        """A write transaction; afterwards, reads begun meanwhile are not remembered."""
        try:
            async with write_transaction(self.db) as conn:
                yield conn
        except BaseException:
            if self.memory is not None:
                self.memory.clear()  # perhaps remembered, never committed
            raise
        finally:
            if self.memory is not None:
                self.memory.bump()

    def _keep(self, case: Case, *, latest: bool = False) -> Case:
        """Inside a write: the row as this transaction leaves it."""
        if self.memory is not None:
            self.memory.bump()
            if latest:
                self.memory.remember_latest(case.user_id, case)
            else:
                self.memory.remember(case)
        return case

    def _forget(self, *case_ids: int) -> None:
        if self.memory is not None:
            for case_id in case_ids:
                self.memory.forget_case(case_id)

    async def of_person(self, user_id: int) -> list[Case]:
        query = select(cases).where(cases.c.user_id == user_id).order_by(cases.c.id)
        async with self.db.connect() as conn:
            return [_case(r) for r in await conn.execute(query)]

    async def open_cases(self) -> list[Case]:
        """Open cases, priority first, then oldest wait first."""
        query = select(cases).where(cases.c.status == OPEN)
        async with self.db.connect() as conn:
            found = [_case(r) for r in await conn.execute(query)]
        far = datetime.max.replace(tzinfo=self.clock.now().tzinfo)
        return sorted(
            found, key=lambda c: (not c.priority, c.waiting_for != STAFF, c.waiting_since or far)
        )

    async def without_topic(self) -> list[Case]:
        query = select(cases).where(cases.c.status == OPEN, cases.c.thread_id.is_(None))
        async with self.db.connect() as conn:
            return [_case(r) for r in await conn.execute(query)]

    async def notice_seen(self, user_id: int) -> bool:
        query = select(case_notices.c.user_id).where(case_notices.c.user_id == user_id)
        async with self.db.connect() as conn:
            return (await conn.execute(query)).first() is not None

    # ----- a case's life ---------------------------------------------------------------

    async def mark_notice(self, user_id: int) -> None:
        async with write_transaction(self.db) as conn:
            if (
                await conn.execute(
                    select(case_notices.c.user_id).where(case_notices.c.user_id == user_id)
                )
            ).first() is None:
                await conn.execute(
                    insert(case_notices).values(user_id=user_id, seen_at=self.clock.now())
                )

    async def open(
        self,
        user_id: int,
        *,
        lang: str,
        country: str,
        kb_topic: str | None = None,
        priority: bool = False,
    ) -> tuple[Case, bool]:
        """The person's open case, or a new one; True when it is new.

        A priority request raises an open case to priority (and says it is new to
        priority through the second value only when the case itself is new).
        """
        now = self.clock.now()
        new_case = (
            (sqlite_insert if self.db.is_sqlite else pg_insert)(cases)
            .values(
                user_id=user_id,
                status=OPEN,
                waiting_for=STAFF,
                priority=priority,
                lang=lang,
                country=country,
                kb_topic=kb_topic,
                opened_at=now,
                waiting_since=now,
                person_blocked=False,
                messages_in=0,
                messages_out=0,
            )
            # One open case per person (the partial unique index): an open one stays.
            .on_conflict_do_nothing(index_elements=["user_id"], index_where=text("status = 'open'"))
            .returning(*cases.c)
        )
        for _ in range(2):
            try:
                async with self._writing() as conn:
                    # The usual case, a first question: one statement.
                    created = (await conn.execute(new_case)).first()
                    if created is not None:
                        case = _case(created)
                        log.info("case %s opened", case.id)
                        return self._keep(case, latest=True), True
                    found = (
                        await conn.execute(
                            select(cases).where(cases.c.user_id == user_id, cases.c.status == OPEN)
                        )
                    ).first()
                    if found is None:
                        continue  # closed meanwhile: try again
                    case = _case(found)
                    if priority and not case.priority:
                        await conn.execute(
                            update(cases).where(cases.c.id == case.id).values(priority=True)
                        )
                        case = await self._reload(conn, case.id)
                    return self._keep(case, latest=True), False
            except IntegrityError:
                # Another process opened one at the same instant: take that one.
                continue
        raise RuntimeError("could not open a case")

    async def _reload(self, conn: AsyncConnection, case_id: int) -> Case:
        row = (await conn.execute(select(cases).where(cases.c.id == case_id))).one()
        return _case(row)

    async def raise_priority(self, case_id: int) -> bool:
        """Mark a case 🔴; False if it was already."""
        async with self._writing() as conn:
            result = await conn.execute(
                update(cases)
                .where(cases.c.id == case_id, cases.c.priority.is_(False))
                .values(priority=True)
            )
            self._forget(case_id)
            return bool(result.rowcount)

    async def set_thread(self, case_id: int, thread_id: int | None) -> None:
        """The case's topic (None: gone); messages waiting for a topic go now."""
        wake = f"case:{case_id}:in" if thread_id is not None else None
        try:
            await self._relay(_Relay(case_id, [], {"thread_id": thread_id}, None, wake=wake))
        except LookupError:
            return  # erased meanwhile: no topic to remember
        if thread_id is not None:
            self.outbox.wake(self.clock.now())

    async def from_person(self, case: Case, source: Source) -> Case:
        """Queue what the person sent for the case's topic; a closed case opens again."""
        values: dict[str, Any] = {"waiting_for": STAFF, "person_blocked": False}
        if case.waiting_for != STAFF or case.waiting_since is None or not case.is_open:
            values["waiting_since"] = self.clock.now()
            values["overdue_told_at"] = None
        if not case.is_open:
            values.update(status=OPEN, closed_at=None, closed_by=None, rating=None)
        done = await self._relay(
            _Relay(case.id, self._to_topic(case.id, source), values, "messages_in", latest=True)
        )
        if done.queued and not case.is_open:
            log.info("case %s reopened by the person", case.id)
        # Not queued: a redelivered update, queued before; nothing changed.
        await self._send(_into_topic(done.claimed, done.case.thread_id))
        return done.case

    def _to_topic(self, case_id: int, source: Source) -> list[Scheduled]:
        assert self.staff_chat_id is not None
        payloads: list[dict[str, Any]]
        if source.html_parts is None:
            payloads = [{"case": case_id, "copy": [source.chat_id, source.message_id]}]
        else:
            payloads = [{"case": case_id, "text": part} for part in source.html_parts]
        return [
            Scheduled(
                key=f"case:{case_id}:in:{source.chat_id}:{source.message_id}:{n}",
                chat_id=self.staff_chat_id,
                due=self.clock.now(),
                render=RenderRef(TO_TOPIC, payload),
                kind="case-in",
                sequence=f"case:{case_id}:in",
            )
            for n, payload in enumerate(payloads)
        ]

    # ----- group commit of relays ------------------------------------------------------

    async def _relay(self, job: _Relay) -> _Relayed:
        """Queue a relay's rows and change its case, in the next group commit.

        Relays that arrive while a commit runs wait for the next one and share it:
        under load a handful of statements carry dozens of messages, and an idle
        bot commits each relay at once. The caller returns only after the commit,
        so what the person sent is durable before their update counts as handled.
        """
        self._relays.append(job)
        if self._committing is None or self._committing.done():
            self._committing = asyncio.create_task(self._commit_relays())
        return await asyncio.shield(job.done)

    async def _commit_relays(self) -> None:
        while self._relays:
            batch, self._relays = self._relays[:RELAY_BATCH], self._relays[RELAY_BATCH:]
            try:
                outcomes = await self._write_batch(batch)
            except asyncio.CancelledError:
                for job in (*batch, *self._relays):
                    job.done.cancel()
                self._relays = []
                raise
            for job, outcome in zip(batch, outcomes, strict=True):
                if job.done.done():
                    continue
                if isinstance(outcome, Exception):
                    job.done.set_exception(outcome)
                else:
                    job.done.set_result(outcome)

    async def _write_batch(self, batch: list[_Relay]) -> list[_Relayed | Exception]:
        try:
            return list(await self._write_relays(batch))
        except Exception as exc:  # noqa: BLE001 - raised again in the relay's caller
            if len(batch) == 1:
                return [exc]
        # One bad relay (its case erased meanwhile, say) must not fail the others.
        outcomes: list[_Relayed | Exception] = []
        for job in batch:
            try:
                outcomes.extend(await self._write_relays([job]))
            except Exception as exc:  # noqa: BLE001 - raised again in the relay's caller
                outcomes.append(exc)
        return outcomes

    async def _write_relays(self, batch: list[_Relay]) -> list[_Relayed]:
        """One transaction: every relay's outbox rows, then each case changed, in order."""
        rows = [row for job in batch for row in job.rows]
        worker = self.worker if self.deliver is not None else None
        async with self._writing() as conn:
            queued = await self.outbox.schedule_claimed_many(
                rows, worker=worker, lease=self.lease, conn=conn
            )
            mine: list[list[tuple[bool, OutboxRow | None]]] = []
            for job in batch:
                mine.append(queued[: len(job.rows)])
                queued = queued[len(job.rows) :]
            # Runs of relays changing the same columns share one statement; the order
            # of changes to one case (a reply and a message at the same instant) holds.
            runs: list[tuple[tuple[str | None, tuple[str, ...]], list[dict[str, Any]]]] = []
            for job, outcome in zip(batch, mine, strict=True):
                if job.rows and not any(new for new, _row in outcome):
                    continue  # a redelivered update: queued before, nothing changes
                shape = (job.counter, tuple(sorted(job.values)))
                params = {"b_id": job.case_id, **{f"b_{k}": v for k, v in job.values.items()}}
                if runs and runs[-1][0] == shape:
                    runs[-1][1].append(params)
                else:
                    runs.append((shape, [params]))
            for (counter, names), params_list in runs:
                changes: dict[str, Any] = {k: bindparam(f"b_{k}") for k in names}
                if counter is not None:
                    changes[counter] = cases.c[counter] + 1
                stmt = update(cases).where(cases.c.id == bindparam("b_id")).values(changes)
                await conn.execute(stmt, params_list)
            wakes = [{"b_seq": job.wake} for job in batch if job.wake is not None]
            if wakes:
                # Messages that waited for the topic: due now.
                await conn.execute(
                    update(outbox)
                    .where(outbox.c.sequence == bindparam("b_seq"), outbox.c.status == "pending")
                    .values(due_at=self.clock.now()),
                    wakes,
                )
            ids = sorted({job.case_id for job in batch})
            found = await conn.execute(select(cases).where(cases.c.id.in_(ids)))
            fresh = {case.id: case for case in map(_case, found)}
            if len(fresh) < len(ids):
                raise LookupError("a case was erased while a message to it was queued")
            done: list[_Relayed] = []
            for job, outcome in zip(batch, mine, strict=True):
                case = self._keep(fresh[job.case_id], latest=job.latest)
                claimed = [row for _new, row in outcome if row is not None]
                done.append(_Relayed(case, claimed, any(new for new, _row in outcome)))
        return done

    async def note_to_topic(self, case_id: int, key: str, html_text: str) -> bool:
        """The bot's own line in the topic (the person left, a reminder…), in order."""
        claimed: list[OutboxRow] = []
        async with self._writing() as conn:
            queued = await self._queue(
                conn,
                claimed,
                Scheduled(
                    key=f"case:{case_id}:in:note:{key}",
                    chat_id=self.staff_chat_id or 0,
                    due=self.clock.now(),
                    render=RenderRef(TO_TOPIC, {"case": case_id, "text": html_text}),
                    kind="case-in",
                    sequence=f"case:{case_id}:in",
                ),
            )
        await self._send(claimed)
        return queued

    async def from_staff(self, case: Case, source: Source, header: str) -> Case:
        """Queue a staff reply for the person; `header` names the organisation."""
        now = self.clock.now()
        values: dict[str, Any] = {
            "waiting_for": PERSON,
            "waiting_since": None,
            "overdue_told_at": None,
        }
        if case.first_reply_at is None:
            values["first_reply_at"] = now
        if not case.is_open:
            values.update(status=OPEN, closed_at=None, closed_by=None)
        base = f"case:{case.id}:out:{source.chat_id}:{source.message_id}"
        sequence = f"case:{case.id}:out"
        if source.html_parts is None:
            rows = [
                Scheduled(
                    key=f"{base}:0",
                    chat_id=case.user_id,
                    due=now,
                    copy_from=(source.chat_id, source.message_id),
                    text=header,
                    kind="case-out",
                    sequence=sequence,
                )
            ]
        else:
            rows = [
                Scheduled(
                    key=f"{base}:{n}",
                    chat_id=case.user_id,
                    due=now,
                    text=f"{header}\n\n{part}" if n == 0 else part,
                    kind="case-out",
                    sequence=sequence,
                )
                for n, part in enumerate(source.html_parts)
            ]
        done = await self._relay(_Relay(case.id, rows, values, "messages_out"))
        await self._send(done.claimed)
        return done.case

    async def to_person(
        self, case: Case, key: str, html_text: str, buttons: Buttons | None = None
    ) -> bool:
        """The bot's own message to the person about the case, after the replies before it."""
        claimed: list[OutboxRow] = []
        async with self._writing() as conn:
            queued = await self._queue(
                conn,
                claimed,
                Scheduled(
                    key=f"case:{case.id}:out:note:{key}",
                    chat_id=case.user_id,
                    due=self.clock.now(),
                    text=html_text,
                    buttons=buttons,
                    kind="case-out",
                    sequence=f"case:{case.id}:out",
                ),
            )
        await self._send(claimed)
        return queued

    async def close(self, case_id: int, by: str) -> Case | None:
        """Close an open case; None if it was not open."""
        async with self._writing() as conn:
            result = await conn.execute(
                update(cases)
                .where(cases.c.id == case_id, cases.c.status == OPEN)
                .values(
                    status=CLOSED,
                    closed_at=self.clock.now(),
                    closed_by=by,
                    waiting_since=None,
                )
            )
            if not result.rowcount:
                return None
            log.info("case %s closed by %s", case_id, by)
            return self._keep(await self._reload(conn, case_id))

    async def rate(self, case_id: int, user_id: int, stars: int) -> bool:
        """The person's 1–5 for a closed case of theirs; False for anything else."""
        if stars not in STARS:
            return False
        async with self._writing() as conn:
            result = await conn.execute(
                update(cases)
                .where(cases.c.id == case_id, cases.c.user_id == user_id, cases.c.status == CLOSED)
                .values(rating=stars)
            )
            self._forget(case_id)
            return bool(result.rowcount)

    async def person_blocked(self, user_id: int) -> list[Case]:
        """The person blocked the bot: their open case says so."""
        async with self._writing() as conn:
            found = [
                _case(r)
                for r in await conn.execute(
                    select(cases).where(
                        cases.c.user_id == user_id,
                        cases.c.status == OPEN,
                        cases.c.person_blocked.is_(False),
                    )
                )
            ]
            if found:
                await conn.execute(
                    update(cases)
                    .where(cases.c.id.in_([c.id for c in found]))
                    .values(person_blocked=True)
                )
                self._forget(*(c.id for c in found))
        return found

    # ----- honest waiting --------------------------------------------------------------

    async def overdue(self, after: timedelta) -> list[Case]:
        """Open cases waiting for staff longer than `after`, not yet told for this wait."""
        limit = self.clock.now() - after
        query = select(cases).where(
            cases.c.status == OPEN,
            cases.c.waiting_for == STAFF,
            cases.c.waiting_since <= limit,
            cases.c.overdue_told_at.is_(None),
        )
        async with self.db.connect() as conn:
            return [_case(r) for r in await conn.execute(query)]

    async def mark_overdue_told(self, case_id: int) -> None:
        async with self._writing() as conn:
            await conn.execute(
                update(cases).where(cases.c.id == case_id).values(overdue_told_at=self.clock.now())
            )
            self._forget(case_id)

    # ----- reports, retention, erasure -------------------------------------------------

    async def report(self, since: datetime | None = None) -> CaseReport:
        query = select(cases)
        if since is not None:
            query = query.where(cases.c.opened_at >= since)
        async with self.db.connect() as conn:
            found = [_case(r) for r in await conn.execute(query)]
        report = CaseReport(opened=len(found))
        waits: list[float] = []
        for case in found:
            report.by_language[case.lang] += 1
            report.by_topic[case.kb_topic or "-"] += 1
            report.priority += case.priority
            report.closed += not case.is_open
            if case.first_reply_at is not None:
                report.answered += 1
                waits.append((case.first_reply_at - case.opened_at).total_seconds())
            if case.rating is not None:
                report.ratings[case.rating] += 1
        if waits:
            report.median_first_reply = timedelta(seconds=statistics.median(waits))
        return report

    async def purge_closed(self, before: datetime) -> list[Case]:
        """Delete cases closed before `before`, and whatever of theirs is still queued."""
        query = select(cases).where(cases.c.status == CLOSED, cases.c.closed_at < before)
        async with self._writing() as conn:
            found = [_case(r) for r in await conn.execute(query)]
            await self._delete(conn, found)
        if found:
            log.info("deleted %s cases past retention", len(found))
        return found

    async def erase_person(self, user_id: int) -> list[Case]:
        """/forget: every case of the person, and what of them is queued, is deleted."""
        async with self._writing() as conn:
            found = [
                _case(r)
                for r in await conn.execute(select(cases).where(cases.c.user_id == user_id))
            ]
            await self._delete(conn, found)
            await conn.execute(delete(case_notices).where(case_notices.c.user_id == user_id))
            if self.memory is not None:
                self.memory.forget_user(user_id)
        return found

    async def _delete(self, conn: AsyncConnection, found: Sequence[Case]) -> None:
        if not found:
            return
        ids = [c.id for c in found]
        self._forget(*ids)
        # The relayed texts live in the outbox rows: every one of them goes.
        await conn.execute(
            delete(outbox).where(or_(*(outbox.c.dedupe_key.like(f"case:{i}:%") for i in ids)))
        )
        await conn.execute(delete(cases).where(cases.c.id.in_(ids)))

    async def counts(self) -> dict[str, int]:
        query = select(cases.c.status, func.count()).group_by(cases.c.status)
        async with self.db.connect() as conn:
            return {status: int(n) for status, n in await conn.execute(query)}


def _into_topic(claimed: list[OutboxRow], thread_id: int | None) -> list[OutboxRow]:
    """Rows to the case's topic, sent at once: rendered with the topic the transaction
    that queued them read (the stored row keeps its render for any later attempt)."""
    if thread_id is None:
        return claimed
    ready: list[OutboxRow] = []
    for row in claimed:
        if row.render is None or row.render.name != TO_TOPIC:
            ready.append(row)
            continue
        payload = row.render.payload
        copy = payload.get("copy")
        ready.append(
            replace(
                row,
                render=None,
                text=None if copy is not None else str(payload["text"]),
                copy_from=(int(copy[0]), int(copy[1])) if copy is not None else None,
                thread_id=thread_id,
            )
        )
    return ready


def topic_renderer() -> Any:
    """The outbox renderer for messages to a case topic: the topic is looked up now."""

    async def render(payload: dict[str, Any], conn: AsyncConnection) -> Rendered | None:
        case_id = int(payload["case"])
        row = (await conn.execute(select(cases.c.thread_id).where(cases.c.id == case_id))).first()
        if row is None:
            return None  # erased meanwhile: nothing to deliver
        if row.thread_id is None:
            raise DeliveryError(f"case {case_id}: its topic is not made yet")
        copy = payload.get("copy")
        if copy is not None:
            return Rendered(thread_id=int(row.thread_id), copy_from=(int(copy[0]), int(copy[1])))
        return Rendered(str(payload["text"]), thread_id=int(row.thread_id))

    return render
