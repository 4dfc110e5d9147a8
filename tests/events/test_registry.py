"""The registry on SQLite and PostgreSQL: capacity, waiting list, offers, organizer tools."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from core.clock import FakeClock
from core.storage import Database
from registry import (
    CancelResult,
    CheckInResult,
    EditResult,
    EventText,
    Mode,
    OfferResult,
    RegisterResult,
    Registry,
    RegStatus,
)
from registry.tables import registrations
from registry.waitlist import offer_deadline
from tests.events.helpers import draft, published, world
from tests.support import DatabaseFactory


async def test_race_for_seats_never_overbooks(
    db_factory: DatabaseFactory, clock: FakeClock
) -> None:
    db = await db_factory.new()
    w = world(db, clock)
    event_id = await published(w, capacity=10)
    # Separate registries share nothing but the database, like separate processes would.
    registries = [Registry(db, clock, outbox=w.outbox) for _ in range(5)]
    outcomes = await asyncio.gather(
        *(
            registries[i % 5].register(
                event_id, 1000 + i, mode=Mode.OFFLINE, name=f"P{i}", language="en"
            )
            for i in range(60)
        )
    )
    results = [o.result for o in outcomes]
    assert results.count(RegisterResult.REGISTERED) == 10
    assert results.count(RegisterResult.WAITLISTED) == 50
    counts = await w.registry.counts(event_id)
    assert counts is not None and counts.seats_taken == 10 and counts.waiting == 50
    positions = sorted(o.position for o in outcomes if o.position)
    assert positions == list(range(1, 51))


async def test_repeated_tap_is_one_registration(db: Database, clock: FakeClock) -> None:
    w = world(db, clock)
    event_id = await published(w)
    taps = await asyncio.gather(
        *(
            w.registry.register(event_id, 7, mode="offline", name="Aigerim", language="kk")
            for _ in range(5)
        )
    )
    assert sorted(t.result for t in taps).count(RegisterResult.REGISTERED) == 1
    assert {t.registration.id for t in taps if t.registration} == {taps[0].registration.id}
    async with db.connect() as conn:
        n = (await conn.execute(select(func.count()).select_from(registrations))).scalar_one()
    assert n == 1


async def test_cancel_offers_the_seat_to_the_first_waiting(db: Database, clock: FakeClock) -> None:
    w = world(db, clock)
    event_id = await published(w, capacity=1)
    first = await w.registry.register(event_id, 1, mode="offline", name="A", language="en")
    second = await w.registry.register(event_id, 2, mode="offline", name="B", language="ru")
    third = await w.registry.register(event_id, 3, mode="offline", name="C", language="en")
    assert second.result == RegisterResult.WAITLISTED and second.position == 1
    assert third.position == 2
    assert await w.registry.cancel_registration(first.registration.id, 1) == CancelResult.CANCELLED
    offer = await w.registry.open_offer_for(second.registration.id)
    assert offer is not None
    # A newcomer cannot jump the queue while the seat is offered.
    fourth = await w.registry.register(event_id, 4, mode="offline", name="D", language="en")
    assert fourth.result == RegisterResult.WAITLISTED
    await w.sender.run_due()
    (text,) = w.transport.texts(2)
    assert "Места" in text or "seat" in text.lower() or "место" in text
    assert await w.registry.accept_offer(offer.id, 99) == OfferResult.NOT_FOUND  # not theirs
    assert await w.registry.accept_offer(offer.id, 2) == OfferResult.ACCEPTED
    assert (await w.registry.registration(second.registration.id)).status == RegStatus.CONFIRMED
    counts = await w.registry.counts(event_id)
    assert counts.seats_taken == 1 and counts.waiting == 2 and counts.cancelled == 1


async def test_declined_and_lapsed_offers_move_on(db: Database, clock: FakeClock) -> None:
    w = world(db, clock)
    event_id = await published(w, capacity=1)
    holder = await w.registry.register(event_id, 1, mode="offline", name="A", language="en")
    waiting = [
        await w.registry.register(event_id, uid, mode="offline", name="W", language="en")
        for uid in (2, 3, 4)
    ]
    await w.registry.cancel_registration(holder.registration.id, 1)
    offer2 = await w.registry.open_offer_for(waiting[0].registration.id)
    assert await w.registry.decline_offer(offer2.id, 2) == OfferResult.DECLINED
    offer3 = await w.registry.open_offer_for(waiting[1].registration.id)
    assert offer3 is not None
    # Default 12 hours, the event is three days away: nothing lapses before that. Made at
    # 14:00 in Vilnius, twelve hours would end at 02:00: the offer stays open until 10:00.
    clock.advance(hours=11)
    assert await w.registry.expire_offers() == 0
    clock.advance(hours=2)
    assert await w.registry.expire_offers() == 0  # 03:00 in Vilnius: the person sleeps
    clock.advance(hours=7)
    assert await w.registry.expire_offers() == 1
    assert await w.registry.accept_offer(offer3.id, 3) == OfferResult.EXPIRED
    assert (await w.registry.registration(waiting[1].registration.id)).status == RegStatus.LAPSED
    offer4 = await w.registry.open_offer_for(waiting[2].registration.id)
    assert offer4 is not None
    assert await w.registry.accept_offer(offer4.id, 4) == OfferResult.ACCEPTED
    await w.sender.run_due()
    assert any("expired" in t for t in w.transport.texts(3))


async def test_offer_is_shorter_close_to_the_event(db: Database, clock: FakeClock) -> None:
    w = world(db, clock)
    event_id = await published(w, capacity=1, start_at=clock.now() + timedelta(hours=4))
    holder = await w.registry.register(event_id, 1, mode="offline", name="A", language="en")
    second = await w.registry.register(event_id, 2, mode="offline", name="B", language="en")
    await w.registry.cancel_registration(holder.registration.id, 1)
    offer = await w.registry.open_offer_for(second.registration.id)
    assert offer.expires_at - clock.now() == timedelta(hours=2)


async def test_capacity_lowered_below_taken_is_refused(db: Database, clock: FakeClock) -> None:
    w = world(db, clock)
    event_id = await published(w, capacity=3)
    for uid in (1, 2, 3, 4):
        await w.registry.register(event_id, uid, mode="offline", name="P", language="en")
    refused = await w.registry.edit(event_id, {"capacity": 2})
    assert refused.result == EditResult.CAPACITY_BELOW_TAKEN and refused.seats_taken == 3
    assert (await w.registry.counts(event_id)).seats_taken == 3
    raised = await w.registry.edit(event_id, {"capacity": 4})
    assert raised.result == EditResult.SAVED and raised.offers_made == 1
    assert (await w.registry.edit(event_id, {"capacity": -1})).result == EditResult.INVALID


async def test_closed_events_refuse_politely(db: Database, clock: FakeClock) -> None:
    w = world(db, clock)
    cancelled = await published(w)
    await w.registry.cancel_event(cancelled)
    outcome = await w.registry.register(cancelled, 1, mode="offline", name="A", language="en")
    # An old button on a cancelled event says so, not "registration is closed".
    assert outcome.result == RegisterResult.EVENT_CANCELLED
    missing = await w.registry.register(99999, 1, mode="offline", name="A", language="en")
    assert missing.result == RegisterResult.NOT_FOUND
    draft_event = await w.registry.create(draft(clock))
    outcome = await w.registry.register(draft_event.id, 1, mode="online", name="A", language="en")
    assert outcome.result == RegisterResult.NOT_FOUND
    deadline = await published(w, registration_deadline=clock.now() + timedelta(hours=1))
    clock.advance(hours=2)
    outcome = await w.registry.register(deadline, 1, mode="online", name="A", language="en")
    assert outcome.result == RegisterResult.CLOSED
    started = await published(w, start_at=clock.now() + timedelta(hours=1))
    clock.advance(hours=1, minutes=5)
    assert (
        await w.registry.register(started, 2, mode="offline", name="A", language="en")
    ).result == (RegisterResult.CLOSED)
    # Online is still open while the event runs.
    assert (
        await w.registry.register(started, 2, mode="online", name="A", language="en")
    ).result == (RegisterResult.REGISTERED)
    clock.advance(hours=3)
    assert await w.registry.finish_ended() >= 1
    assert (await w.registry.get(started)).status.value == "finished"


async def test_phone_rules(db: Database, clock: FakeClock) -> None:
    w = world(db, clock)
    event_id = await published(w, phone_required=True)
    missing = await w.registry.register(event_id, 1, mode="offline", name="A", language="en")
    assert missing.result == RegisterResult.PHONE_REQUIRED
    for bad in ("12", "phone", "+0 123 456 789", "+37061234567890123", "<script>"):
        outcome = await w.registry.register(
            event_id, 1, mode="offline", name="A", language="en", phone=bad
        )
        assert outcome.result == RegisterResult.BAD_PHONE, bad
    ok = await w.registry.register(
        event_id, 1, mode="offline", name="A", language="en", phone="+370 (612) 34-567"
    )
    assert ok.result == RegisterResult.REGISTERED and ok.registration.phone == "+37061234567"
    online = await w.registry.register(event_id, 2, mode="online", name="B", language="en")
    assert online.result == RegisterResult.REGISTERED and online.registration.phone is None


async def test_online_only_event(db: Database, clock: FakeClock) -> None:
    w = world(db, clock)
    event_id = await published(w, capacity=None, venue_name=None, venue_address=None)
    assert (
        await w.registry.register(event_id, 1, mode="offline", name="A", language="en")
    ).result == (RegisterResult.NO_OFFLINE)
    no_online = await published(w, zoom_id=None, online_url=None)
    assert (
        await w.registry.register(no_online, 1, mode="online", name="A", language="en")
    ).result == (RegisterResult.NO_ONLINE)


async def test_checkin_counts_and_report(db: Database, clock: FakeClock) -> None:
    w = world(db, clock)
    event_id = await published(w, capacity=2)
    a = await w.registry.register(event_id, 1, mode="offline", name="A", language="ru")
    b = await w.registry.register(event_id, 2, mode="offline", name="B", language="kk")
    await w.registry.register(event_id, 3, mode="online", name="C", language="lt")
    waiting = await w.registry.register(event_id, 4, mode="offline", name="D", language="en")
    result, reg = await w.registry.check_in(event_id, a.registration.code.lower())
    assert result == CheckInResult.CHECKED_IN and reg.user_id == 1
    assert (await w.registry.check_in(event_id, a.registration.code))[0] == CheckInResult.ALREADY
    assert (await w.registry.check_in(event_id, "ZZZZZZ"))[0] == CheckInResult.NOT_FOUND
    assert (await w.registry.check_in(event_id, waiting.registration.code))[0] == (
        CheckInResult.NOT_CONFIRMED
    )
    assert (await w.registry.check_in_by_code(b.registration.code))[0] == CheckInResult.CHECKED_IN
    counts = await w.registry.counts(event_id)
    assert (counts.seats_taken, counts.waiting, counts.online, counts.checked_in) == (2, 1, 1, 2)
    report = await w.registry.report(event_id)
    # Before the event is over nobody is a no-show yet.
    assert (report.registered, report.attended, report.no_shows) == (3, 2, None)
    assert (report.offline, report.online) == (2, 1)
    clock.advance(days=5)
    assert (await w.registry.report(event_id)).no_shows == 0
    assert report.by_language == {"kk": 1, "lt": 1, "ru": 1}
    # A check-in tapped by mistake is taken back once; then there is nothing to undo.
    undone = await w.registry.undo_check_in(b.registration.id)
    assert undone is not None and undone.checked_in_at is None
    assert await w.registry.undo_check_in(b.registration.id) is None
    assert (await w.registry.report(event_id)).no_shows == 1


async def test_reregistration_after_cancel_reuses_the_row(db: Database, clock: FakeClock) -> None:
    w = world(db, clock)
    event_id = await published(w)
    first = await w.registry.register(event_id, 1, mode="offline", name="A", language="en")
    await w.registry.cancel_registration(first.registration.id, 1)
    assert await w.registry.cancel_registration(first.registration.id, 1) == (
        CancelResult.ALREADY_CANCELLED
    )
    again = await w.registry.register(event_id, 1, mode="online", name="A", language="en")
    assert (
        again.result == RegisterResult.REGISTERED and again.registration.id == first.registration.id
    )
    mine = await w.registry.my_registrations(1)
    assert [(r.mode, e.id) for r, e in mine] == [(Mode.ONLINE, event_id)]


async def test_edit_texts_and_fields(db: Database, clock: FakeClock) -> None:
    w = world(db, clock)
    event_id = await published(w)
    outcome = await w.registry.edit(
        event_id, {"venue_name": "New hall"}, texts=[EventText("ru", "Круглый стол", "")]
    )
    assert outcome.result == EditResult.SAVED
    event = await w.registry.get(event_id)
    assert event.venue_name == "New hall"
    assert event.text("kk").title == "Круглый стол" and event.text("lt").title.startswith("Round")


async def test_old_events_are_anonymised_and_still_counted(db: Database, clock: FakeClock) -> None:
    w = world(db, clock)
    event_id = await published(w, capacity=5, phone_required=True)
    await w.registry.register(
        event_id, 41, mode=Mode.OFFLINE, name="Aigerim", language="kk", phone="+37060000001"
    )
    await w.registry.register(event_id, 42, mode=Mode.ONLINE, name="Timur", language="ru")
    clock.advance(days=4)
    await w.registry.finish_ended()
    assert await w.registry.anonymise_past(timedelta(days=90)) == 0  # too recent
    clock.advance(days=91)
    assert await w.registry.anonymise_past(timedelta(days=90)) == 2
    async with db.connect() as conn:
        rows = (await conn.execute(select(registrations))).all()
    assert {r.name for r in rows} == {"—"} and {r.phone for r in rows} == {None}
    assert all(r.user_id < 0 for r in rows)
    report = await w.registry.report(event_id)
    assert report.registered == 2 and report.by_language == {"kk": 1, "ru": 1}
    assert await w.registry.anonymise_past(timedelta(days=90)) == 0  # once is enough


async def test_an_offer_made_late_stays_open_until_morning(db: Database, clock: FakeClock) -> None:
    """An offer that would lapse at night where the event is stays open until 10:00."""
    w = world(db, clock)
    # 20:00 in Almaty (UTC+5): twelve hours end at 08:00, while people sleep.
    clock.set(datetime(2026, 12, 1, 15, 0, tzinfo=UTC))
    event_id = await published(
        w, capacity=1, timezone="Asia/Almaty", start_at=clock.now() + timedelta(days=3)
    )
    holder = await w.registry.register(event_id, 1, mode="offline", name="A", language="ru")
    second = await w.registry.register(event_id, 2, mode="offline", name="B", language="ru")
    await w.registry.cancel_registration(holder.registration.id, 1)
    offer = await w.registry.open_offer_for(second.registration.id)
    assert offer is not None
    assert offer.expires_at == datetime(2026, 12, 2, 5, 0, tzinfo=UTC)  # 10:00 in Almaty
    # At 14:00 nothing changes: twelve hours end at 02:00 → 10:00 the next day too.
    event = await w.registry.get(event_id)
    afternoon = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    assert offer_deadline(event, afternoon, 6) == datetime(2026, 12, 1, 15, 0, tzinfo=UTC)
    # An event at 09:00 the next morning: the offer still closes an hour before the start.
    early = event.start_at.replace(day=2, hour=4)  # 09:00 in Almaty
    late_evening = datetime(2026, 12, 1, 17, 0, tzinfo=UTC)  # 22:00
    assert offer_deadline(replace(event, start_at=early), late_evening, 12) == early - timedelta(
        hours=1
    )
