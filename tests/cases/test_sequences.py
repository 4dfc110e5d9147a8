"""Outbox sequences: a case's messages go out one at a time, in order, through retries."""

from __future__ import annotations

from core.clock import FakeClock
from core.storage import Database
from scheduler.outbox import FAILED, PENDING, SENT, Outbox
from scheduler.transport import Rejected, Transient
from tests.delivery.fakes import FakeTransport
from tests.delivery.test_sender import make_sender


async def test_a_later_message_waits_for_an_earlier_one_that_is_retried(
    db: Database, clock: FakeClock
) -> None:
    box = Outbox(db, clock)
    transport = FakeTransport()
    transport.failures[-100].append(Transient("timeout"))
    sender = make_sender(db, clock, transport)
    for n in range(3):
        await box.schedule(
            key=f"m{n}", chat_id=-100, due=clock.now(), text=f"m{n}", sequence="case:1:in"
        )
    await box.schedule(key="other", chat_id=5, due=clock.now(), text="other")
    await sender.run_due()
    # m0 failed once and waits for its retry; m1 and m2 wait behind it; others go on.
    assert [s.message.text for s in transport.sent] == ["other"]
    assert await box.status_of("m0") == PENDING and await box.status_of("m1") == PENDING
    # What is queued behind the retry is not "due": the sender sleeps until the retry.
    due = await box.next_due()
    assert due is not None and due > clock.now()
    clock.advance(minutes=1)
    for _ in range(3):
        await sender.run_due()
    assert [s.message.text for s in transport.sent] == ["other", "m0", "m1", "m2"]


async def test_a_failed_message_does_not_hold_the_rest_and_can_be_requeued(
    db: Database, clock: FakeClock
) -> None:
    box = Outbox(db, clock)
    transport = FakeTransport()
    transport.failures[-100].append(Rejected("Bad Request: message thread not found"))
    sender = make_sender(db, clock, transport)
    await box.schedule(key="a", chat_id=-100, due=clock.now(), text="a", sequence="s")
    await sender.run_due()
    assert await box.status_of("a") == FAILED
    await box.schedule(key="b", chat_id=-100, due=clock.now(), text="b", sequence="s")
    assert await box.requeue_failed("s", "MESSAGE THREAD NOT FOUND") == 1
    for _ in range(2):
        await sender.run_due()
    assert [s.message.text for s in transport.sent] == ["a", "b"]
    assert await box.status_of("a") == SENT and await box.status_of("b") == SENT


async def test_copies_and_topics_travel_with_the_row(db: Database, clock: FakeClock) -> None:
    box = Outbox(db, clock)
    transport = FakeTransport()
    sender = make_sender(db, clock, transport)
    await box.schedule(
        key="c", chat_id=-100, due=clock.now(), copy_from=(7, 42), thread_id=9, text="caption"
    )
    await sender.run_due()
    (sent,) = transport.sent
    assert sent.message.copy_from == (7, 42) and sent.message.thread_id == 9
    assert sent.message.text == "caption"


async def test_claimed_at_once_unless_something_of_the_sequence_waits(
    db: Database, clock: FakeClock
) -> None:
    from datetime import timedelta

    from scheduler.outbox import SENDING, Scheduled

    box = Outbox(db, clock)
    transport = FakeTransport()
    sender = make_sender(db, clock, transport)

    def row(key: str) -> Scheduled:
        return Scheduled(key=key, chat_id=-100, due=clock.now(), text=key, sequence="case:9:in")

    lease = timedelta(seconds=60)
    queued, first = await box.schedule_claimed(row("a"), worker=sender.worker_id, lease=lease)
    assert queued and first is not None and await box.status_of("a") == SENDING
    # While "a" is in flight, "b" waits its turn.
    queued, second = await box.schedule_claimed(row("b"), worker=sender.worker_id, lease=lease)
    assert queued and second is None and await box.status_of("b") == PENDING
    # The same key again queues nothing.
    assert await box.schedule_claimed(row("b"), worker=sender.worker_id, lease=lease) == (
        False,
        None,
    )
    assert await sender.send_claimed([first]) == 1
    await sender.run_due()
    assert [s.message.text for s in transport.sent] == ["a", "b"]
    queued, third = await box.schedule_claimed(row("c"), worker=sender.worker_id, lease=lease)
    assert third is not None and third.claimed_until is not None
    assert await sender.send_claimed([third]) == 1
    assert [s.message.text for s in transport.sent] == ["a", "b", "c"]
    assert await box.next_due() is None
