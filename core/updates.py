"""The update log: each Telegram update handled once, and one chat's updates in order,
across any number of webhook processes.

A webhook process claims an update before it handles it and marks it done
before it answers Telegram with 200. Telegram (and the local Bot API) sends a
chat's next update only after the previous one was answered, and redelivers
an update whose request failed, so:

- a redelivered update that was handled already is `DUPLICATE` and skipped;
- one whose handler is still running in a live process is `BUSY` (the caller
  answers 503 and Telegram tries again later);
- one claimed by a process that died (no heartbeat in `core.cluster.processes`)
  is taken over and handled: nothing is lost when a process is killed.

Order within a chat: a claim also reports whether an earlier update of the same
chat is still being handled by a live process (possible when a request timed
out and Telegram moved on); `wait_turn` then waits until it is done. The log is
purged after a day, past Telegram's own redelivery horizon.

Side effects outside the database (a reply sent) cannot share a transaction
with the "done" mark, so each update keeps a journal of them (`Effects`, the
`effects` column): every Bot API call that changes something is recorded with
Telegram's answer, and the record is committed before the next such call (and
with "done"). An update taken over after its process died replays the recorded
calls (their answers, without calling Telegram) and makes only the ones that
are missing: the greeting that went out before the crash is not sent again.
Values the handling depends on and that the first attempt changed in the
database (was this person new?) are kept there too (`Effects.remember`). What
cannot be closed: a process killed after Telegram accepted a call and before
the record of it committed (one HTTP answer and one small commit, a few
milliseconds); Telegram has no idempotency key to close it with.

Held replies (`python -m bot web`, the multi-process deployment). That window
is closed by not calling Telegram at all while the update is in hand: calls
whose answer the handler does not use (a message sent, a button press
acknowledged; `HOLDABLE`) are held in the journal, and `done` writes them
in the same statement that marks the update handled (status `replying`). A
sender process (`bot.replies`) sends them, in order and chat by chat, and
marks the row `done`. Killed before that statement, the update is handled
again on redelivery and nothing was sent; killed after it, the redelivery is
a duplicate and the sender sends the held replies: never lost, never twice
(the sender's own window, between Telegram's accept and its commit, is the
outbox's: see scheduler/sender.py). Senders are woken by NOTIFY on
`REPLIES_CHANNEL`, and also look every second. A call that is not holdable
(a forum topic created, a file, a message whose id is kept) sends what was
held so far and goes out directly, journaled as above (`send_directly` asks
for that ahead of a call whose answer is used).
"""

from __future__ import annotations

import asyncio
import logging
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import and_, bindparam, delete, exists, func, select, update

from core.clock import Clock
from core.cluster import STALE_AFTER, _insert, processes, update_log
from core.storage import Database, write_transaction

log = logging.getLogger(__name__)

HANDLING = "handling"
# Handled; its held replies wait for a sender (then DONE).
REPLYING = "replying"
# A sender is sending the held replies (under its lease: `claimed_at`, `worker`).
SENDING = "sending"
DONE = "done"
HANDLED = (REPLYING, SENDING, DONE)
# Woken on every update handled with held replies (PostgreSQL NOTIFY).
REPLIES_CHANNEL = "jol_replies"
# Bot API calls held until the update is marked handled: their answer is not read.
HOLDABLE = frozenset(
    {"sendMessage", "answerCallbackQuery", "deleteMessage", "sendChatAction", "setMessageReaction"}
)
# A handler running longer than this is presumed stuck, even in a live process.
MAX_HANDLING = timedelta(minutes=5)
KEEP = timedelta(days=1)


class Verdict(StrEnum):
    HANDLE = "handle"
    DUPLICATE = "duplicate"
    BUSY = "busy"


@dataclass(frozen=True, slots=True)
class Claim:
    verdict: Verdict
    # An earlier update of this chat is still in hand elsewhere: call wait_turn first.
    behind: bool = False
    taken_over: bool = False
    # What the attempt that died had already done (the `effects` column), to replay.
    effects: Any = None


@dataclass(slots=True)
class Effects:
    """The journal of one update's calls with a visible effect (see the module doc).

    `before(method)` is asked ahead of each such call: it returns the recorded
    answer when an earlier attempt made this call already (then nothing is sent),
    else commits what this attempt did so far and returns MISSING; `after`
    records the answer. A handler that takes another turn on the second attempt
    (a call other than the recorded one) makes its own calls from there on.
    """

    log: UpdateLog
    update_id: int
    recorded: list[list[Any]] = field(default_factory=list)
    memo: dict[str, Any] = field(default_factory=dict)
    steps: list[list[Any]] = field(default_factory=list)
    dirty: bool = False
    # Set once the update is done (or given back): later calls are not recorded.
    closed: bool = False
    # Hold the HOLDABLE calls for a sender (web processes): see the module doc.
    holding: bool = False
    # The held calls: [method, parameters], in the order they were made.
    held: list[list[Any]] = field(default_factory=list)

    @classmethod
    def resume(cls, log: UpdateLog, update_id: int, stored: Any) -> Effects:
        journal = cls(log, update_id)
        if isinstance(stored, dict):
            steps = stored.get("steps")
            memo = stored.get("memo")
            journal.recorded = list(steps) if isinstance(steps, list) else []
            journal.memo = dict(memo) if isinstance(memo, dict) else {}
        return journal

    async def before(self, method: str) -> Any:
        if self.closed:
            return MISSING
        seq = len(self.steps)
        if seq < len(self.recorded):
            step = self.recorded[seq]
            if isinstance(step, list) and len(step) == 2 and step[0] == method:
                self.steps.append(step)
                return step[1]
            log.info("update %s: handled differently this time from call %s", self.update_id, seq)
            del self.recorded[seq:]
        if self.dirty:
            await self.flush()
        return MISSING

    def after(self, method: str, result: Any) -> None:
        if self.closed:
            return
        self.steps.append([method, result])
        self.dirty = True

    def remember(self, key: str, value: Any) -> Any:
        """`value` the first time; on a later attempt, what the first attempt saw."""
        if self.closed:
            return value
        if key in self.memo:
            return self.memo[key]
        self.memo[key] = value
        self.dirty = True
        return value

    async def keep(self, key: str, value: Any) -> None:
        """Remember `value` and commit it now (before what it describes is committed)."""
        self.memo[key] = value
        await self.flush()

    def can_hold(self, method: str) -> bool:
        return self.holding and not self.closed and method in HOLDABLE

    async def hold(self, method: str, params: dict[str, Any]) -> None:
        """Keep a call for the sender; what the handling must remember is committed first."""
        if self.dirty:
            # E.g. "this person is new": a second attempt must see what this one saw.
            await self.flush()
        self.held.append([method, params])

    def release_held(self) -> list[list[Any]]:
        """Stop holding (a call that must go out now): the held calls, to be made first."""
        self.holding = False
        held, self.held = self.held, []
        return held

    def snapshot(self) -> dict[str, Any]:
        return {"steps": self.steps, "memo": self.memo}

    async def flush(self) -> None:
        await self.log.record(self.update_id, self.snapshot())
        self.dirty = False


class _Missing:
    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()

# The journal of the update this task is handling (set by the webhook server).
current_effects: ContextVar[Effects | None] = ContextVar("current_effects", default=None)


def send_directly() -> None:
    """The next calls' answers are used (a message id kept): make them, do not hold them."""
    journal = current_effects.get()
    if journal is not None:
        journal.holding = False


def remember(key: str, value: Any) -> Any:
    """`Effects.remember` on the update in hand; `value` itself outside one."""
    journal = current_effects.get()
    return value if journal is None else journal.remember(key, value)


class UpdateLog:
    def __init__(self, db: Database, clock: Clock, worker: str) -> None:
        self._db = db
        self._clock = clock
        self.worker = worker
        # Updates this process is handling right now (a claim of ours not in here is stale).
        self.active: set[int] = set()
        # One statement, committed by itself, in one round trip: the moment between a
        # reply going out and its record is as short as it can be.
        self._single = None if db.is_sqlite else db.single_statements()

    async def _write(self, stmt: Any) -> None:
        if self._single is None:
            async with write_transaction(self._db) as conn:
                await conn.execute(stmt)
            return
        for attempt in range(1, 4):
            try:
                async with self._single.connect() as conn:
                    await conn.execute(stmt)
                return
            except Exception:  # a connection that broke since its last use: a fresh one
                if attempt == 3:
                    raise
                await asyncio.sleep(0.1 * attempt)

    def _live_worker(self, now: datetime):  # type: ignore[no-untyped-def]  # SQL expression
        return exists().where(
            processes.c.id == update_log.c.worker, processes.c.seen_at > now - STALE_AFTER
        )

    def _in_hand(self, now: datetime):  # type: ignore[no-untyped-def]  # SQL expression
        return and_(
            update_log.c.status == HANDLING,
            update_log.c.claimed_at > now - MAX_HANDLING,
            self._live_worker(now),
        )

    async def claim(self, update_id: int, chat_id: int | None) -> Claim:
        now = self._clock.now()
        stmt = (
            _insert(self._db)(update_log)
            .values(
                update_id=update_id,
                chat_id=chat_id,
                status=HANDLING,
                worker=self.worker,
                claimed_at=now,
            )
            .on_conflict_do_nothing(index_elements=[update_log.c.update_id])
            .returning(update_log.c.update_id)
        )
        if self._single is not None and chat_id is not None:
            # The usual case, a first delivery, in one statement and one round trip: the
            # claim, and whether an earlier update of the chat is still in hand.
            fresh = await self._first_claim(stmt, update_id, chat_id, now)
            if fresh is not None:
                return fresh
        async with write_transaction(self._db) as conn:
            inserted = (await conn.execute(stmt)).scalar() is not None
            taken_over = False
            if not inserted:
                query = select(
                    update_log.c.status, update_log.c.worker, update_log.c.effects
                ).where(update_log.c.update_id == update_id)
                if not self._db.is_sqlite:
                    query = query.with_for_update()
                status, worker, effects = (await conn.execute(query)).one()
                if status in HANDLED:
                    return Claim(Verdict.DUPLICATE)
                in_hand = select(self._in_hand(now)).where(update_log.c.update_id == update_id)
                if worker == self.worker:
                    if update_id in self.active:
                        return Claim(Verdict.BUSY)
                elif (await conn.execute(in_hand)).scalar():
                    return Claim(Verdict.BUSY)
                await conn.execute(
                    update(update_log)
                    .where(update_log.c.update_id == update_id)
                    .values(worker=self.worker, claimed_at=now)
                )
                taken_over = True
                if worker != self.worker:
                    log.warning("update %s taken over from %s, which stopped", update_id, worker)
            behind = False
            if chat_id is not None:
                earlier = select(update_log.c.update_id).where(
                    update_log.c.chat_id == chat_id,
                    update_log.c.update_id < update_id,
                    self._in_hand(now),
                )
                behind = (await conn.execute(earlier.limit(1))).first() is not None
        return Claim(
            Verdict.HANDLE,
            behind=behind,
            taken_over=taken_over,
            effects=effects if taken_over else None,
        )

    async def _first_claim(
        self, stmt: Any, update_id: int, chat_id: int, now: datetime
    ) -> Claim | None:
        """The claim by one INSERT in a CTE; None if the update was claimed before."""
        assert self._single is not None
        inserted = stmt.cte("claimed")
        earlier = select(update_log.c.update_id).where(
            update_log.c.chat_id == chat_id,
            update_log.c.update_id < update_id,
            self._in_hand(now),
        )
        query = select(
            exists(select(inserted.c.update_id)).label("inserted"),
            exists(earlier).label("behind"),
        )
        async with self._single.connect() as conn:
            row = (await conn.execute(query)).one()
        if not row.inserted:
            return None
        return Claim(Verdict.HANDLE, behind=bool(row.behind))

    def journal(self, update_id: int, claim: Claim) -> Effects:
        return Effects.resume(self, update_id, claim.effects)

    async def record(self, update_id: int, effects: dict[str, Any]) -> None:
        """Commit what the handling of `update_id` did so far (while it is ours)."""
        await self._write(
            update(update_log)
            .where(
                update_log.c.update_id == update_id,
                update_log.c.worker == self.worker,
                update_log.c.status == HANDLING,
            )
            .values(effects=effects)
        )

    async def wait_turn(
        self, update_id: int, chat_id: int, *, poll: float = 0.05, limit: float = 120.0
    ) -> bool:
        """Wait until no earlier update of the chat is in hand; False if `limit` ran out."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + limit
        while True:
            now = self._clock.now()
            earlier = (
                select(update_log.c.update_id)
                .where(
                    update_log.c.chat_id == chat_id,
                    update_log.c.update_id < update_id,
                    self._in_hand(now),
                )
                .limit(1)
            )
            async with self._db.connect() as conn:
                if (await conn.execute(earlier)).first() is None:
                    return True
            if loop.time() >= deadline:
                log.warning("update %s: an earlier one of its chat is still in hand", update_id)
                return False
            await asyncio.sleep(poll)
            poll = min(poll * 2, 1.0)

    async def done(self, update_id: int, held: list[list[Any]] | None = None) -> None:
        """Mark it handled; with `held` replies, in the same statement that queues them."""
        stmt = update(update_log).where(update_log.c.update_id == update_id)
        if not held:
            await self._write(stmt.values(status=DONE, finished_at=self._clock.now(), effects=None))
            return
        stmt = stmt.values(
            status=REPLYING, finished_at=self._clock.now(), effects={"replies": held, "sent": 0}
        )
        if not self._db.is_sqlite:
            # Delivered when the statement commits: a sender wakes at once.
            stmt = stmt.returning(func.pg_notify(REPLIES_CHANNEL, ""))
        await self._write(stmt)

    async def release(self, update_id: int) -> None:
        """Give the claim back (the handler could not run): a redelivery handles it."""
        async with write_transaction(self._db) as conn:
            await conn.execute(
                delete(update_log).where(
                    update_log.c.update_id == update_id,
                    update_log.c.worker == self.worker,
                    update_log.c.status == HANDLING,
                )
            )

    async def purge(self) -> int:
        cutoff = self._clock.now() - KEEP
        async with write_transaction(self._db) as conn:
            result = await conn.execute(delete(update_log).where(update_log.c.claimed_at < cutoff))
        return int(result.rowcount or 0)


@dataclass(frozen=True, slots=True)
class HeldRow:
    """One handled update's held replies, claimed by a sender."""

    update_id: int
    chat_id: int | None
    replies: list[list[Any]]
    # How many of them went out on an earlier claim (a sender that stopped).
    sent: int
    tries: int
    # When this claim was made: the claim's own mark (a later claim changes it).
    claimed_at: datetime


class HeldReplies:
    """The senders' side of the held replies (PostgreSQL): claim, then finish.

    A chat's rows are claimed one at a time, oldest first, so its replies keep the
    order of its updates across any number of senders. The row keeps the web
    process that handled it in `worker`; a sender's claim is its `claimed_at`, and a
    claim older than `lease` (its sender died mid-way) is claimed again, from the
    progress recorded.
    """

    def __init__(
        self, db: Database, clock: Clock, lease: timedelta = timedelta(seconds=60)
    ) -> None:
        self._db = db
        self._clock = clock
        self.lease = lease

    async def claim(self, limit: int = 100) -> list[HeldRow]:
        now = self._clock.now()
        earlier = update_log.alias("earlier")
        lapsed = and_(update_log.c.status == SENDING, update_log.c.claimed_at < now - self.lease)
        candidates = (
            select(update_log.c.update_id)
            .where(
                (update_log.c.status == REPLYING) | lapsed,
                ~exists().where(
                    earlier.c.chat_id == update_log.c.chat_id,
                    earlier.c.update_id < update_log.c.update_id,
                    earlier.c.status.in_((REPLYING, SENDING)),
                ),
            )
            .order_by(update_log.c.update_id)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        async with write_transaction(self._db) as conn:
            ids = list((await conn.execute(candidates)).scalars())
            if not ids:
                return []
            result = await conn.execute(
                update(update_log)
                .where(update_log.c.update_id.in_(ids))
                .values(status=SENDING, claimed_at=now)
                .returning(update_log.c.update_id, update_log.c.chat_id, update_log.c.effects)
            )
            rows = []
            for update_id, chat_id, effects in result:
                stored = effects if isinstance(effects, dict) else {}
                replies = stored.get("replies")
                rows.append(
                    HeldRow(
                        int(update_id),
                        chat_id,
                        list(replies) if isinstance(replies, list) else [],
                        int(stored.get("sent") or 0),
                        int(stored.get("tries") or 0),
                        now,
                    )
                )
        return sorted(rows, key=lambda r: r.update_id)

    async def finish(self, outcomes: list[tuple[HeldRow, int | None]]) -> None:
        """Record each row's outcome: None when all went out (done), else how many did
        (it waits for the next claim, which sends the rest)."""
        if not outcomes:
            return
        now = self._clock.now()
        # Only while the claim is still ours: never undo a later sender's work.
        mine = update(update_log).where(
            update_log.c.update_id == bindparam("b_id"),
            update_log.c.status == SENDING,
            update_log.c.claimed_at == bindparam("b_at"),
        )
        done = [
            {"b_id": row.update_id, "b_at": row.claimed_at}
            for row, sent in outcomes
            if sent is None
        ]
        again = [
            {
                "b_id": row.update_id,
                "b_at": row.claimed_at,
                "b_effects": {"replies": row.replies, "sent": sent, "tries": row.tries + 1},
            }
            for row, sent in outcomes
            if sent is not None
        ]
        async with write_transaction(self._db) as conn:
            if done:
                await conn.execute(mine.values(status=DONE, finished_at=now, effects=None), done)
            if again:
                await conn.execute(
                    mine.values(status=REPLYING, effects=bindparam("b_effects")), again
                )

    async def waiting(self) -> int:
        """Rows whose replies have not all gone out (benchmarks, tests)."""
        query = select(func.count()).where(update_log.c.status.in_((REPLYING, SENDING)))
        async with self._db.connect() as conn:
            return int((await conn.execute(query)).scalar() or 0)
