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
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy import and_, delete, exists, select, update

from core.clock import Clock
from core.cluster import STALE_AFTER, _insert, processes, update_log
from core.storage import Database, write_transaction

log = logging.getLogger(__name__)

HANDLING = "handling"
DONE = "done"
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


class UpdateLog:
    def __init__(self, db: Database, clock: Clock, worker: str) -> None:
        self._db = db
        self._clock = clock
        self.worker = worker
        # Updates this process is handling right now (a claim of ours not in here is stale).
        self.active: set[int] = set()

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
        async with write_transaction(self._db) as conn:
            inserted = (await conn.execute(stmt)).scalar() is not None
            taken_over = False
            if not inserted:
                query = select(update_log.c.status, update_log.c.worker).where(
                    update_log.c.update_id == update_id
                )
                if not self._db.is_sqlite:
                    query = query.with_for_update()
                status, worker = (await conn.execute(query)).one()
                if status == DONE:
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
        return Claim(Verdict.HANDLE, behind=behind, taken_over=taken_over)

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

    async def done(self, update_id: int) -> None:
        async with write_transaction(self._db) as conn:
            await conn.execute(
                update(update_log)
                .where(update_log.c.update_id == update_id)
                .values(status=DONE, finished_at=self._clock.now())
            )

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
