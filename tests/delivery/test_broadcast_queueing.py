"""Queueing a broadcast in the database (one INSERT … SELECT a language), on both backends:
who gets it, which version, with which buttons, and that nothing is queued twice."""

from __future__ import annotations

from datetime import time
from zoneinfo import ZoneInfo

from sqlalchemy import select

from core.clock import FakeClock
from core.storage import Database
from core.storage.users import UserStore
from scheduler.broadcasts import Audience, Broadcasts, Content
from scheduler.content import Button, buttons_from_json
from scheduler.outbox import Outbox, Scheduled
from scheduler.quiet import QuietHours
from scheduler.subscriptions import Subscriptions
from scheduler.tables import outbox


async def _people(db: Database, clock: FakeClock) -> UserStore:
    store = UserStore(db)
    for uid, lang in ((1, "ru"), (2, "kk"), (3, "en"), (4, "lt"), (5, "ru"), (6, "en")):
        await store.seen(uid, lang, clock.now())
    await store.mark_blocked(5, clock.now())
    await store.set_country(6, "kz")
    return store


async def _rows(db: Database) -> dict[int, tuple[str, str, object, object]]:
    query = select(
        outbox.c.chat_id, outbox.c.dedupe_key, outbox.c.text, outbox.c.buttons, outbox.c.due_at
    )
    async with db.connect() as conn:
        return {c: (k, t, b, d) for c, k, t, b, d in (await conn.execute(query)).all()}


async def test_everyone_gets_their_version_and_the_blocked_nobody(
    db: Database, clock: FakeClock
) -> None:
    await _people(db, clock)
    box = Outbox(db, clock)
    broadcasts = Broadcasts(db, clock, box)
    stop = {"ru": [[Button("Стоп", callback_data="sub:v1:off:news")]]}
    broadcast_id, queued = await broadcasts.start(
        created_by=99,
        audience=Audience("all"),
        contents={"ru": Content(text="Новости"), "en": Content(text="News")},
        buttons=stop,
    )
    rows = await _rows(db)
    # kk reads Russian (kk → ru); lt reads English; 5 blocked the bot.
    assert queued == 5 and sorted(rows) == [1, 2, 3, 4, 6]
    assert {c: t for c, (_, t, _, _) in rows.items()} == {
        1: "Новости",
        2: "Новости",
        3: "News",
        4: "News",
        6: "News",
    }
    assert rows[1][0] == f"bc:{broadcast_id}:1"
    assert buttons_from_json(rows[1][2]) == stop["ru"] and rows[3][2] is None
    assert all(d == clock.now() for _, _, _, d in rows.values())
    progress = await broadcasts.progress(broadcast_id)
    assert progress is not None and progress.total == 5 and progress.pending == 5
    # The same broadcast queued again (a retried request) adds nothing.
    again = Scheduled(key="", chat_id=0, due=clock.now(), text="News", kind="broadcast")
    everyone = select(outbox.c.chat_id)
    assert await box.schedule_for(again, everyone, f"bc:{broadcast_id}:") == 0
    assert len(await _rows(db)) == 5


async def test_a_topic_a_country_and_quiet_hours(db: Database, clock: FakeClock) -> None:
    await _people(db, clock)
    subscriptions = Subscriptions(db, clock, lambda lang, key, **kw: key)
    await subscriptions.choose(3, "news", False)
    quiet = QuietHours((time(0, 0), time(23, 59)), ZoneInfo("Europe/Vilnius"))
    broadcasts = Broadcasts(db, clock, Outbox(db, clock, quiet))
    _, queued = await broadcasts.start(
        created_by=99,
        audience=Audience("all"),
        contents={"en": Content(text="News")},
        topic="news",
    )
    # 3 turned news off, 5 blocked the bot.
    assert queued == 4 and sorted(await _rows(db)) == [1, 2, 4, 6]
    assert all(d == quiet.defer(clock.now()) for _, _, _, d in (await _rows(db)).values())
    plan = await broadcasts.plan(Audience("country", "kz"), {"en"})
    assert plan.by_language == {"en": 1} and plan.total == 1
    plan = await broadcasts.plan(Audience("all"), {"ru"}, topic="news")
    assert plan.by_language == {"ru": 1, "kk": 1, "en": 1, "lt": 1}
    assert plan.uncovered == 2  # en and lt have no fallback to Russian
