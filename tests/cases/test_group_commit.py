"""Relays committed together: order per topic and per person holds, a redelivered
update changes nothing, one bad relay fails alone, and a commit that never happens
(the process died) leaves nothing half-done: the redelivered updates queue it all."""

from __future__ import annotations

import asyncio
from collections import defaultdict
from typing import Any

import pytest
from sqlalchemy import event, func, select

from cases import Case, Cases, Source
from core.clock import FakeClock
from core.storage import Database
from scheduler.outbox import SENT, Outbox
from scheduler.tables import outbox
from tests.delivery.fakes import FakeTransport
from tests.delivery.test_sender import make_sender

STAFF = -1001
PEOPLE = range(7001, 7013)


def _inserts(db: Database) -> list[str]:
    seen: list[str] = []

    def count(*args: Any) -> None:
        if str(args[2]).lstrip().upper().startswith("INSERT INTO OUTBOX"):
            seen.append(str(args[2]))

    event.listen(db.engine.sync_engine, "before_cursor_execute", count)
    return seen


async def _setup(db: Database, clock: FakeClock) -> tuple[Cases, FakeTransport, dict[int, Case]]:
    box = Outbox(db, clock)
    transport = FakeTransport()
    sender = make_sender(db, clock, transport)
    cases = Cases(
        db,
        clock,
        box,
        staff_chat_id=STAFF,
        deliver=sender.send_claimed,
        worker=sender.worker_id,
        lease=sender.lease,
        remember=db.is_sqlite,
    )
    opened: dict[int, Case] = {}
    for uid in PEOPLE:
        case, _ = await cases.open(uid, lang="ru", country="lt")
        await cases.set_thread(case.id, 100 + case.id)
        opened[uid] = await cases.get(case.id) or case
    return cases, transport, opened


async def test_concurrent_relays_share_commits_and_keep_their_order(
    db: Database, clock: FakeClock
) -> None:
    cases, transport, opened = await _setup(db, clock)
    inserts = _inserts(db)

    async def person(uid: int) -> None:
        # One chat's updates are handled one at a time: three messages in a row.
        for k in range(1, 4):
            case = await cases.current(uid)
            assert case is not None
            await cases.from_person(case, Source(uid, k, (f"p{uid}-m{k}",)))

    async def staff(uid: int) -> None:
        for k in range(1, 4):
            case = await cases.get(opened[uid].id)
            assert case is not None
            await cases.from_staff(case, Source(STAFF, uid * 10 + k, (f"s{uid}-r{k}",)), "NGO")

    await asyncio.gather(*(person(uid) for uid in PEOPLE), *(staff(uid) for uid in PEOPLE))
    # Far fewer INSERTs than messages: relays arriving together share a statement.
    assert len(inserts) < len(PEOPLE) * 3
    in_topic: dict[int, list[str]] = defaultdict(list)
    to_person: dict[int, list[str]] = defaultdict(list)
    for sent in transport.sent:
        text = sent.message.text or ""
        if sent.chat_id == STAFF:
            assert sent.message.thread_id is not None
            in_topic[sent.message.thread_id].append(text)
        else:
            to_person[sent.chat_id].append(text.rsplit("\n", 1)[-1])
    for uid, case in opened.items():
        assert in_topic[100 + case.id] == [f"p{uid}-m{k}" for k in range(1, 4)]
        assert to_person[uid] == [f"s{uid}-r{k}" for k in range(1, 4)]
        fresh = await cases.get(case.id)
        assert fresh is not None and fresh.messages_in == 3 and fresh.messages_out == 3
    async with db.connect() as conn:
        statuses = (
            await conn.execute(select(outbox.c.status, func.count()).group_by(outbox.c.status))
        ).all()
    assert dict(statuses) == {SENT: len(PEOPLE) * 6}


async def test_a_redelivered_update_in_a_batch_changes_nothing(
    db: Database, clock: FakeClock
) -> None:
    cases, transport, opened = await _setup(db, clock)
    first = opened[PEOPLE[0]]
    await cases.from_person(first, Source(first.user_id, 1, ("one",)))
    again = await cases.get(first.id)
    assert again is not None and again.messages_in == 1
    results = await asyncio.gather(
        cases.from_person(again, Source(first.user_id, 1, ("one",))),
        *(cases.from_person(opened[uid], Source(uid, 1, ("hi",))) for uid in PEOPLE[1:]),
    )
    assert results[0].messages_in == 1
    assert all(case.messages_in == 1 for case in results[1:])
    assert [s.message.text for s in transport.sent].count("one") == 1
    assert len(transport.sent) == len(PEOPLE)


async def test_one_bad_relay_fails_alone(db: Database, clock: FakeClock) -> None:
    cases, transport, opened = await _setup(db, clock)
    gone = opened[PEOPLE[0]]
    await cases.erase_person(gone.user_id)
    results = await asyncio.gather(
        cases.from_person(gone, Source(gone.user_id, 1, ("lost cause",))),
        *(cases.from_person(opened[uid], Source(uid, 1, ("hi",))) for uid in PEOPLE[1:]),
        return_exceptions=True,
    )
    assert isinstance(results[0], LookupError)
    assert all(isinstance(case, Case) and case.messages_in == 1 for case in results[1:])
    assert [s.message.text for s in transport.sent] == ["hi"] * (len(PEOPLE) - 1)
    async with db.connect() as conn:
        keys = list((await conn.execute(select(outbox.c.dedupe_key))).scalars())
    # The erased case's row went with the rest of its transaction.
    assert not [k for k in keys if k.startswith(f"case:{gone.id}:")]


async def test_a_commit_that_never_happens_loses_nothing_once_updates_come_again(
    db: Database, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The process dies inside a group commit: nothing of the batch is kept, no handler
    returned (so Telegram has its updates still), and handling them again queues each
    message once, in order."""
    cases, transport, opened = await _setup(db, clock)
    real = cases.outbox.schedule_claimed_many
    crashes = [1]

    async def dying(*args: Any, **kwargs: Any) -> Any:
        result = await real(*args, **kwargs)
        if crashes:
            crashes.pop()
            raise asyncio.CancelledError  # the process goes away mid-transaction
        return result

    monkeypatch.setattr(cases.outbox, "schedule_claimed_many", dying)
    sources = {uid: Source(uid, 1, (f"p{uid}",)) for uid in PEOPLE}
    handled = await asyncio.gather(
        *(cases.from_person(opened[uid], sources[uid]) for uid in PEOPLE),
        return_exceptions=True,
    )
    assert all(isinstance(r, asyncio.CancelledError) for r in handled)
    async with db.connect() as conn:
        assert (await conn.execute(select(func.count()).select_from(outbox))).scalar() == 0
    assert transport.sent == []
    for uid in PEOPLE:
        case = await cases.current(uid)
        assert case is not None and case.messages_in == 0
    # Telegram delivers the updates again.
    current = {uid: await cases.current(uid) or opened[uid] for uid in PEOPLE}
    await asyncio.gather(*(cases.from_person(current[uid], sources[uid]) for uid in PEOPLE))
    assert sorted(s.message.text or "" for s in transport.sent) == sorted(
        f"p{uid}" for uid in PEOPLE
    )
    for uid in PEOPLE:
        case = await cases.current(uid)
        assert case is not None and case.messages_in == 1
