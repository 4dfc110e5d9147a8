"""The sender with the Telegram transport against the local Bot API: failures for real."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta

import pytest
from sqlalchemy import select

from bot.delivery import TelegramTransport
from bot.sandbox.server import BotApiServer
from core.clock import FakeClock
from core.storage import Database
from core.storage.users import UserStore
from scheduler.outbox import FAILED, PENDING, SENT, SKIPPED_BLOCKED, Outbox, Scheduled
from scheduler.sender import Sender
from scheduler.tables import outbox
from tests.support import TEST_TOKEN, eventually

PEOPLE = range(3001, 3031)


@pytest.fixture
async def server() -> AsyncIterator[BotApiServer]:
    async with BotApiServer(token=TEST_TOKEN) as srv:
        for uid in PEOPLE:
            user = srv.sim.user(uid, f"P{uid}", "en")
            srv.sim.private_chat(user)
        yield srv


@pytest.fixture
async def transport(server: BotApiServer) -> AsyncIterator[TelegramTransport]:
    t = TelegramTransport(TEST_TOKEN, server.base_url, server.base_file_url, read_timeout=0.5)
    await t.start()
    yield t
    await t.stop()


async def _queue(db: Database, clock: FakeClock) -> Outbox:
    users = UserStore(db)
    for uid in PEOPLE:
        await users.seen(uid, "en", clock.now())
    box = Outbox(db, clock)
    rows = [Scheduled(f"bc:1:{u}", u, clock.now(), text=f"<b>News</b> {u}") for u in PEOPLE]
    assert await box.schedule_many(rows) == len(PEOPLE)
    return box


def _sender(db: Database, clock: FakeClock, transport: TelegramTransport) -> Sender:
    return Sender(db, clock, transport, rate_per_second=None, per_chat_limits=False)


async def test_retry_after_in_the_middle_pauses_the_bot_and_loses_nothing(
    db: Database, clock: FakeClock, server: BotApiServer, transport: TelegramTransport
) -> None:
    await _queue(db, clock)
    server.sim.inject("sendMessage", status=429, retry_after=1, chat_id=3015)
    sender = _sender(db, clock, transport)
    await sender.run_due()
    # The read timeout here is short (0.5 s): on a busy machine Telegram's answer can come
    # after it, and the message counts on the server a moment later; still exactly once.
    await eventually(
        lambda: {uid: server.sim.stats.sent[uid] for uid in PEOPLE} == {uid: 1 for uid in PEOPLE}
    )
    assert server.sim.stats.errors[429] == 1 and sender.counters.flood_waits == 1


async def test_users_who_blocked_the_bot(
    db: Database, clock: FakeClock, server: BotApiServer, transport: TelegramTransport
) -> None:
    box = await _queue(db, clock)
    for uid in (3003, 3007):
        server.sim.block(uid)
    await _sender(db, clock, transport).run_due()
    await eventually(lambda: server.sim.stats.sent[3001] == 1)
    assert server.sim.stats.sent[3003] == 0
    assert await box.status_of("bc:1:3003") == SKIPPED_BLOCKED
    assert await UserStore(db).is_blocked(3007)
    assert not await box.schedule(key="later", chat_id=3003, due=clock.now(), text="x")
    server.sim.unblock(3003)
    await UserStore(db).seen(3003, "en", clock.now() + timedelta(seconds=1))  # /start again
    assert await box.schedule(key="later", chat_id=3003, due=clock.now(), text="x")


async def test_a_5xx_is_retried_and_a_late_answer_is_not_sent_twice(
    db: Database, clock: FakeClock, server: BotApiServer, transport: TelegramTransport
) -> None:
    box = await _queue(db, clock)
    server.sim.inject("sendMessage", status=504, chat_id=3002)
    # Telegram takes the message but answers after the read timeout (0.5 s).
    server.sim.inject("sendMessage", delay=1.0, chat_id=3004)
    sender = _sender(db, clock, transport)
    await sender.run_due()
    assert await box.status_of("bc:1:3002") == PENDING
    # Not retried: it may have arrived (it did), and a second copy is ruled out.
    assert await box.status_of("bc:1:3004") == SENT
    async with db.connect() as conn:
        query = select(outbox.c.last_error).where(outbox.c.dedupe_key == "bc:1:3004")
        assert "unconfirmed" in (await conn.execute(query)).scalar_one()
    clock.advance(minutes=1)
    await sender.run_due()
    assert await box.status_of("bc:1:3002") == SENT
    await eventually(lambda: server.sim.stats.sent[3004] == 1)
    clock.advance(hours=1)
    await sender.run_due()
    assert server.sim.stats.sent[3002] == 1 and server.sim.stats.sent[3004] == 1
    assert sender.counters.retried == 1 and sender.counters.unconfirmed == 1
    assert sender.counters.sent == len(PEOPLE)


async def test_bad_html_fails_once_with_telegrams_reason(
    db: Database, clock: FakeClock, server: BotApiServer, transport: TelegramTransport
) -> None:
    box = Outbox(db, clock)
    await box.schedule(key="bad", chat_id=3001, due=clock.now(), text="<b>unclosed")
    sender = _sender(db, clock, transport)
    for _ in range(3):
        await sender.run_due()
        clock.advance(hours=1)
    assert server.sim.stats.errors[400] == 1
    stats = await box.stats()
    assert stats.count(FAILED) == 1 and "parse entities" in stats.last_errors[0][3].lower()


async def test_document_and_photo_go_through_as_multipart(
    server: BotApiServer, transport: TelegramTransport
) -> None:
    from scheduler.content import Attachment, Rendered

    ics = b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"
    doc = Attachment("document", data=ics, filename="event.ics", mime="text/calendar")
    await transport.send(3001, Rendered(text="<b>Your seat</b>", attachment=doc))
    png = (
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
        b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N"
        b"\x00\x00\x00\x00IEND\xaeB`\x82"
    )
    photo = Attachment("photo", data=png, filename="poster.png", mime="image/png")
    await transport.send(3002, Rendered(text="Poster", attachment=photo))
    (sent_doc,) = server.sim.bot_messages(3001)
    assert sent_doc.document is not None and sent_doc.document.data == ics
    assert sent_doc.document.name == "event.ics" and sent_doc.caption == "<b>Your seat</b>"
    (sent_photo,) = server.sim.bot_messages(3002)
    assert sent_photo.photo is not None and sent_photo.caption == "Poster"
