"""The sender: claims due outbox rows and sends them, paced, concurrently, at most once.

Claiming. Rows are claimed in batches inside one write transaction: status
becomes ``sending`` with ``claimed_by`` and a lease (``claimed_until``). On
PostgreSQL the candidate rows are selected ``FOR UPDATE SKIP LOCKED``, so two
sender processes never claim the same row; on SQLite the single process holds
the database write lock while it claims. A row whose lease expires (its
process died) is claimed again; a process that starts on SQLite, where there
is only ever one sender, takes back ``sending`` rows at once
(`release_orphans`).

Sending. Several sends are in flight at once (HTTP latency must not bound
throughput) while `Pacer` keeps the overall rate, one message a second per
private chat and twenty a minute per group. Flood control (``RetryAfter``)
pauses the whole pacer and the row is retried in place; a blocked user is
marked and the row skipped; a rejected message (400) fails at once with
Telegram's description; network errors and 5xx are retried with bounded
exponential backoff up to ``max_attempts``, then fail.

The duplicate window. A row is marked ``sent`` as soon as Telegram confirms:
the confirmation goes straight to a group-commit writer that commits whatever
confirmations are waiting, one transaction at a time, with no timer in
between. A message can only be sent twice if the process dies after Telegram
accepted it and before that commit (one HTTP response plus one small commit,
a few milliseconds), and only for the rows in flight at that instant; the
lease then expires and those rows are sent again. Telegram offers no
idempotency key, so this window cannot be closed entirely, only kept short.
A row already marked ``sent`` is never claimed again.

Timeouts. Only one failure leaves it open whether Telegram delivered: the
request went out and its answer did not come back within the read timeout
(`Unconfirmed`). Such a row is recorded as sent, with ``unconfirmed`` in its
last error, and not sent again: a second copy is ruled out, at the price that
the message is missing in the rare case where Telegram really did not take it.
A connect timeout, a refused connection or a 5xx means Telegram did not take
the request, and the row is retried.
"""

from __future__ import annotations

import asyncio
import logging
import os
import socket
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import bindparam, exists, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from core.clock import Clock
from core.storage import Database, write_transaction
from core.storage.tables import users
from scheduler.content import Rendered
from scheduler.outbox import (
    EXPIRED,
    FAILED,
    PENDING,
    SENDING,
    SENT,
    SKIPPED_BLOCKED,
    Outbox,
    OutboxRow,
    due_condition,
    retry_delay,
    row_from_db,
)
from scheduler.pacer import Pacer
from scheduler.quiet import QuietHours
from scheduler.tables import outbox
from scheduler.transport import (
    Blocked,
    DeliveryError,
    Rejected,
    RetryLater,
    Transport,
    Unconfirmed,
)

log = logging.getLogger(__name__)

Renderer = Callable[[dict[str, Any], AsyncConnection], Awaitable[Rendered | None]]
IdleListener = Callable[[datetime | None], None]
BlockedListener = Callable[[int], Awaitable[None]]
FailureListener = Callable[[OutboxRow, str], Awaitable[None]]
_ERROR_CHARS = 300
_BUSY_RETRY = timedelta(milliseconds=300)


@dataclass(slots=True)
class _Outcome:
    row_id: int
    status: str
    error: str | None = None
    message_id: int | None = None
    due_at: datetime | None = None
    chat_id: int | None = None
    # The row, when it failed for good (failure listeners get it).
    failed: OutboxRow | None = None
    # Its sequence: a sent one may free the next row of it.
    sequence: str | None = None


@dataclass(slots=True)
class SenderCounters:
    """What this process did since it started (benchmarks, logs)."""

    sent: int = 0
    failed: int = 0
    retried: int = 0
    blocked: int = 0
    expired: int = 0
    flood_waits: int = 0
    unconfirmed: int = 0  # counted in `sent` too


class Sender:
    def __init__(
        self,
        db: Database,
        clock: Clock,
        transport: Transport,
        *,
        rate_per_second: float | None = 25.0,
        per_chat_limits: bool = True,
        max_attempts: int = 5,
        quiet: QuietHours | None = None,
        pacer: Pacer | None = None,
        max_in_flight: int = 8,
        batch_size: int | None = None,
        lease: timedelta = timedelta(seconds=60),
        retry_base: timedelta = timedelta(seconds=5),
        retry_cap: timedelta = timedelta(minutes=15),
        max_flood_waits: int = 5,
        worker_id: str | None = None,
        exclusive_chats: bool = False,
    ) -> None:
        self.db = db
        self.clock = clock
        self.transport = transport
        self.pacer = pacer or Pacer(rate_per_second, per_chat=per_chat_limits)
        self.max_attempts = max_attempts
        self.quiet = quiet
        self.lease = lease
        self.retry_base = retry_base
        self.retry_cap = retry_cap
        self.max_flood_waits = max_flood_waits
        # Several senders (PostgreSQL): a chat another sender is sending to is left to it,
        # so one chat's messages keep their order and spacing across processes.
        self.exclusive_chats = exclusive_chats
        self.worker_id = worker_id or f"{socket.gethostname()}:{os.getpid()}:{id(self):x}"
        # Small batches: a claim holds the write lock (on SQLite, delaying the commit
        # of "sent" marks, which widens the duplicate window), and a batch must be
        # sent well within its lease. About two seconds of sending per claim.
        per_two_seconds = int((rate_per_second or 100.0) * 2)
        per_lease = int((rate_per_second or 1000.0) * lease.total_seconds() / 4)
        self.batch_size = batch_size or max(10, min(200, per_two_seconds, per_lease))
        self.counters = SenderCounters()
        self._renderers: dict[str, Renderer] = {}
        self._slots = asyncio.Semaphore(max_in_flight)
        self._run_lock = asyncio.Lock()
        self._recorder = _Recorder(self)
        self._idle_listeners: list[IdleListener] = []
        self._blocked_listeners: list[BlockedListener] = []
        self._failure_listeners: list[FailureListener] = []
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._stopping = False

    # ----- wiring ----------------------------------------------------------------------

    def register_renderer(self, name: str, renderer: Renderer) -> None:
        """`renderer(payload, conn)` builds the message at send time; None drops it."""
        self._renderers[name] = renderer

    def add_idle_listener(self, listener: IdleListener) -> None:
        """Called after each drain with the next due time (to re-arm a timer)."""
        self._idle_listeners.append(listener)

    def add_blocked_listener(self, listener: BlockedListener) -> None:
        """Called with a user id after Telegram said the user blocked the bot."""
        self._blocked_listeners.append(listener)

    def add_failure_listener(self, listener: FailureListener) -> None:
        """Called with a row and Telegram's reason once it has failed for good."""
        self._failure_listeners.append(listener)

    # ----- the loop --------------------------------------------------------------------

    def wake(self) -> None:
        """Something may be due: run a drain soon."""
        self._wake.set()

    def start(self, poll_seconds: float | None = None) -> None:
        """Run drains in the background whenever woken (or every `poll_seconds`)."""
        if self._task is None:
            self._stopping = False
            self._task = asyncio.create_task(self._loop(poll_seconds), name="outbox-sender")

    async def stop(self) -> None:
        """Finish the sends in flight, record them, and stop."""
        self._stopping = True
        self._wake.set()
        if self._task is not None:
            await self._task
            self._task = None

    async def _loop(self, poll_seconds: float | None) -> None:
        failures = 0
        while not self._stopping:
            self._wake.clear()
            next_due: datetime | None = None
            try:
                claimed = await self.run_due()
                next_due = await self._next_due()
                failures = 0
                if not claimed and next_due is not None and next_due <= self.clock.now():
                    # Due rows we may not take (another sender holds them or their chat):
                    # look again shortly rather than spin.
                    next_due = self.clock.now() + _BUSY_RETRY
            except Exception:  # the loop must survive a database hiccup
                failures += 1
                log.exception("outbox drain failed (%s in a row)", failures)
                await asyncio.sleep(min(30.0, 0.5 * 2**failures))
                continue
            for listener in self._idle_listeners:
                listener(next_due)
            timeout = poll_seconds
            if poll_seconds is not None and next_due is not None:
                wait = (next_due - self.clock.now()).total_seconds()
                timeout = max(0.0, min(poll_seconds, wait))
            try:
                await asyncio.wait_for(self._wake.wait(), timeout)
            except TimeoutError:
                pass

    async def _next_due(self) -> datetime | None:
        return await Outbox(self.db, self.clock).next_due()

    # ----- one drain -------------------------------------------------------------------

    async def run_due(self) -> int:
        """Send everything due now; returns how many rows were claimed."""
        async with self._run_lock:
            claimed = 0
            tasks: set[asyncio.Task[None]] = set()
            try:
                while not self._stopping:
                    rows = await self.claim()
                    if not rows:
                        break
                    claimed += len(rows)
                    for row in rows:
                        await self._slots.acquire()
                        task = asyncio.create_task(self._deliver_then_free(row))
                        tasks.add(task)
                        task.add_done_callback(tasks.discard)
            finally:
                if tasks:
                    await asyncio.gather(*tasks, return_exceptions=True)
                await self._recorder.drain()
            return claimed

    async def send_claimed(self, rows: list[OutboxRow]) -> int:
        """Send rows claimed by `Outbox.schedule_claimed` now, in order, and record them.

        The caller (a person's message being relayed) waits for the commit, so the
        next message of the same sequence sees this one finished. After a failure
        the rest are released to the sender, behind the failed one.
        """
        sent = 0
        written: asyncio.Future[None] | None = None
        for n, row in enumerate(rows):
            try:
                outcome = await self._deliver(row)
            except Exception as exc:  # the row stays safe in the outbox either way
                log.exception("outbox row %s: unexpected failure", row.id)
                outcome = self._retry(row, f"internal error: {type(exc).__name__}")
            written = self._recorder.add(outcome)
            if outcome.status != SENT:
                for rest in rows[n + 1 :]:
                    written = self._recorder.add(_Outcome(rest.id, PENDING))
                break
            sent += 1
        if written is not None:
            # Only this call's outcomes: the commit that carries them, not every
            # commit other relays keep adding meanwhile.
            await self._recorder.wait(written)
        if sent < len(rows):
            self.wake()
        return sent

    async def release_orphans(self) -> int:
        """Take back rows left ``sending`` by a dead process (single-process SQLite only)."""
        stmt = (
            update(outbox)
            .where(outbox.c.status == SENDING)
            .values(status=PENDING, claimed_by=None, claimed_until=None)
        )
        async with write_transaction(self.db) as conn:
            released = (await conn.execute(stmt)).rowcount
        if released:
            log.warning("took back %s outbox rows left by a stopped process", released)
        return released

    async def claim(self) -> list[OutboxRow]:
        """Claim up to a batch of due rows under a lease; sort out the hopeless ones."""
        now = self.clock.now()
        quiet_end = self.quiet.end_if_quiet(now) if self.quiet else None
        async with write_transaction(self.db) as conn:
            if quiet_end is not None:
                await self._defer_quiet(conn, now, quiet_end)
            candidates = select(outbox.c.id).where(due_condition(now))
            if quiet_end is not None:
                candidates = candidates.where(outbox.c.respects_quiet_hours.is_(False))
            if self.exclusive_chats:
                busy = outbox.alias("busy")
                candidates = candidates.where(
                    ~exists().where(
                        busy.c.chat_id == outbox.c.chat_id,
                        busy.c.status == SENDING,
                        busy.c.claimed_by != self.worker_id,
                    )
                )
            candidates = (
                candidates.order_by(outbox.c.due_at, outbox.c.id)
                .limit(self.batch_size)
                .with_for_update(skip_locked=True)
            )
            ids = list((await conn.execute(candidates)).scalars())
            if not ids:
                return []
            await conn.execute(
                update(outbox)
                .where(outbox.c.id.in_(ids))
                .values(
                    status=SENDING,
                    claimed_by=self.worker_id,
                    claimed_until=now + self.lease,
                    attempts=outbox.c.attempts + 1,
                )
            )
            result = await conn.execute(
                select(outbox).where(outbox.c.id.in_(ids)).order_by(outbox.c.due_at, outbox.c.id)
            )
            rows = [row_from_db(r._mapping) for r in result]
            return await self._weed(conn, rows, now)

    async def _defer_quiet(self, conn: AsyncConnection, now: datetime, end: datetime) -> None:
        waiting = (
            select(outbox.c.id)
            .where(
                outbox.c.status == PENDING,
                outbox.c.due_at <= now,
                outbox.c.respects_quiet_hours.is_(True),
            )
            .with_for_update(skip_locked=True)
        )
        await conn.execute(
            update(outbox).where(outbox.c.id.in_(waiting.scalar_subquery())).values(due_at=end)
        )

    async def _weed(
        self, conn: AsyncConnection, rows: list[OutboxRow], now: datetime
    ) -> list[OutboxRow]:
        """Expire late rows, skip blocked users, fail rows out of attempts."""
        people = sorted({r.chat_id for r in rows if r.chat_id > 0})
        blocked: set[int] = set()
        if people:
            query = select(users.c.id).where(users.c.id.in_(people), users.c.blocked.is_(True))
            blocked = set((await conn.execute(query)).scalars())
        keep: list[OutboxRow] = []
        settle: dict[str, list[int]] = {EXPIRED: [], SKIPPED_BLOCKED: [], FAILED: []}
        for row in rows:
            if row.not_after is not None and now >= row.not_after:
                settle[EXPIRED].append(row.id)
            elif row.chat_id in blocked:
                settle[SKIPPED_BLOCKED].append(row.id)
            elif row.attempts > self.max_attempts:
                # Claimed again and again without an answer: a process dies on it.
                settle[FAILED].append(row.id)
            else:
                keep.append(row)
        for status, ids in settle.items():
            if ids:
                values: dict[str, Any] = {"status": status, "claimed_until": None}
                if status == FAILED:
                    values["last_error"] = "gave up: claimed too many times"
                await conn.execute(update(outbox).where(outbox.c.id.in_(ids)).values(**values))
        self.counters.expired += len(settle[EXPIRED])
        self.counters.blocked += len(settle[SKIPPED_BLOCKED])
        self.counters.failed += len(settle[FAILED])
        return keep

    # ----- one row ---------------------------------------------------------------------

    async def _deliver_then_free(self, row: OutboxRow) -> None:
        try:
            outcome = await self._deliver(row)
        except Exception as exc:  # one bad row must not stop a broadcast
            log.exception("outbox row %s: unexpected failure", row.id)
            outcome = self._retry(row, f"internal error: {type(exc).__name__}")
        finally:
            self._slots.release()
        self._recorder.add(outcome)

    async def _deliver(self, row: OutboxRow) -> _Outcome:
        try:
            message = await self._render(row)
        except DeliveryError as exc:
            return self._retry(row, exc.description)
        if message is None:
            self.counters.expired += 1
            return _Outcome(row.id, EXPIRED)
        if message.is_empty:
            return self._fail(row, "nothing to send: empty message")
        for _ in range(self.max_flood_waits + 1):
            await self.pacer.acquire(row.chat_id)
            now = self.clock.now()
            if row.not_after is not None and now >= row.not_after:
                self.counters.expired += 1
                return _Outcome(row.id, EXPIRED)
            if row.claimed_until is not None and now >= row.claimed_until:
                # Our lease ran out while we waited: another process may own it now.
                return _Outcome(row.id, PENDING, error="lease expired before sending")
            try:
                message_id = await self.transport.send(row.chat_id, message)
            except RetryLater as exc:
                self.counters.flood_waits += 1
                self.pacer.pause(exc.seconds)
                log.warning("flood control: pausing all sends for %ss", exc.seconds)
                continue
            except Blocked as exc:
                self.counters.blocked += 1
                return _Outcome(row.id, SKIPPED_BLOCKED, exc.description, chat_id=row.chat_id)
            except Rejected as exc:
                # As rendered: listeners see which topic the message was sent to.
                return self._fail(replace(row, thread_id=message.thread_id), exc.description)
            except Unconfirmed as exc:
                # It may have arrived: never a second copy (see "Timeouts" above).
                self.counters.sent += 1
                self.counters.unconfirmed += 1
                log.warning("outbox row %s (%s): sent, unconfirmed", row.id, row.kind)
                return _Outcome(
                    row.id, SENT, error=f"unconfirmed: {exc.description}", sequence=row.sequence
                )
            except DeliveryError as exc:
                return self._retry(row, exc.description or type(exc).__name__)
            self.counters.sent += 1
            return _Outcome(row.id, SENT, message_id=message_id, sequence=row.sequence)
        return _Outcome(row.id, PENDING, error="flood control: will try again")

    async def _render(self, row: OutboxRow) -> Rendered | None:
        if row.render is None:
            return row.static_content()
        renderer = self._renderers.get(row.render.name)
        if renderer is None:
            # Perhaps a process without that feature loaded: retry, bounded by attempts.
            raise DeliveryError(f"no renderer named {row.render.name!r}")
        async with self.db.connect() as conn:
            return await renderer(row.render.payload, conn)

    def _fail(self, row: OutboxRow, error: str) -> _Outcome:
        self.counters.failed += 1
        log.warning("outbox row %s (%s) failed: %s", row.id, row.kind, error[:_ERROR_CHARS])
        return _Outcome(row.id, FAILED, error, failed=row)

    def _retry(self, row: OutboxRow, error: str) -> _Outcome:
        if row.attempts >= self.max_attempts:
            return self._fail(row, error)
        self.counters.retried += 1
        due = self.clock.now() + retry_delay(row.attempts, self.retry_base, self.retry_cap)
        return _Outcome(row.id, PENDING, error, due_at=due)


class _Recorder:
    """Group commit of outcomes: each waits at most for the commit already running.

    `add` returns a future that resolves once the commit carrying that outcome is
    done; the writer takes whatever has gathered meanwhile, one commit at a time.
    """

    def __init__(self, sender: Sender) -> None:
        self._sender = sender
        self._waiting: list[_Outcome] = []
        # Resolved when the outcomes in `_waiting` are written.
        self._next: asyncio.Future[None] | None = None
        # The future of the last outcome added: resolved, everything is written.
        self._last: asyncio.Future[None] | None = None
        self._task: asyncio.Task[None] | None = None

    def add(self, outcome: _Outcome) -> asyncio.Future[None]:
        self._waiting.append(outcome)
        if self._next is None:
            self._next = asyncio.get_running_loop().create_future()
        self._last = self._next
        if self._task is None or self._task.done():
            self._task = asyncio.create_task(self._flush_all())
        return self._next

    async def wait(self, written: asyncio.Future[None]) -> None:
        """Until `written` is resolved: its commit is done."""
        if asyncio.current_task() is self._task:
            # A listener called by the writer itself (a blocked person's case noted in
            # its topic) sent something: written here, or the writer would wait on itself.
            await self._flush_all()
        await asyncio.shield(written)

    async def drain(self) -> None:
        """Wait until every outcome added so far is written."""
        if asyncio.current_task() is self._task:
            await self._flush_all()
        while self._last is not None and not self._last.done():
            if self._task is None or self._task.done():
                self._task = asyncio.create_task(self._flush_all())
            await asyncio.shield(self._last)

    async def _flush_all(self) -> None:
        while self._waiting:
            batch, self._waiting = self._waiting, []
            written, self._next = self._next, None
            try:
                for attempt in range(1, 6):
                    try:
                        await self._write(batch)
                        break
                    except Exception:  # retried, then logged: rows stay leased
                        log.exception("recording %s outcomes failed (try %s)", len(batch), attempt)
                        await asyncio.sleep(0.2 * attempt)
            finally:
                if written is not None and not written.done():
                    written.set_result(None)

    async def _write(self, batch: list[_Outcome]) -> None:
        sender = self._sender
        now = sender.clock.now()
        sent = [
            {"b_id": o.row_id, "b_mid": o.message_id, "b_error": o.error}
            for o in batch
            if o.status == SENT
        ]
        others = [o for o in batch if o.status != SENT]
        blocked_chats = sorted({o.chat_id for o in others if o.chat_id is not None})
        async with write_transaction(sender.db) as conn:
            if sent:
                stmt = (
                    update(outbox)
                    .where(outbox.c.id == bindparam("b_id"))
                    .values(
                        status=SENT,
                        sent_at=now,
                        message_id=bindparam("b_mid"),
                        claimed_until=None,
                        last_error=bindparam("b_error"),
                    )
                )
                await conn.execute(stmt, sent)
            for o in others:
                values: dict[str, Any] = {
                    "status": o.status,
                    "claimed_by": None,
                    "claimed_until": None,
                }
                if o.error is not None:
                    values["last_error"] = o.error[:_ERROR_CHARS]
                if o.due_at is not None:
                    values["due_at"] = o.due_at
                if o.status == PENDING and o.due_at is None:
                    # Released, not failed: this claim does not count as an attempt.
                    values["attempts"] = outbox.c.attempts - 1
                # Never undo what another process did with the row after our lease ended.
                await conn.execute(
                    update(outbox)
                    .where(
                        outbox.c.id == o.row_id,
                        outbox.c.status == SENDING,
                        outbox.c.claimed_by == sender.worker_id,
                    )
                    .values(**values)
                )
            if blocked_chats:
                await conn.execute(
                    update(users)
                    .where(users.c.id.in_(blocked_chats))
                    .values(blocked=True, blocked_at=now)
                )
            freed = sorted({o.sequence for o in batch if o.status == SENT and o.sequence})
            next_in_line = (
                freed
                and (
                    await conn.execute(
                        select(outbox.c.id)
                        .where(outbox.c.sequence.in_(freed), outbox.c.status == PENDING)
                        .limit(1)
                    )
                ).first()
            )
        if next_in_line:
            # A row queued behind one just sent can go now.
            sender.wake()
        for chat_id in blocked_chats:
            for listener in sender._blocked_listeners:
                await listener(chat_id)
        for o in others:
            if o.failed is not None:
                for failure_listener in sender._failure_listeners:
                    try:
                        await failure_listener(o.failed, o.error or "")
                    except Exception:  # a listener must not stop the recording
                        log.exception("failure listener for outbox row %s", o.row_id)
