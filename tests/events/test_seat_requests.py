"""An online registrant asks for a seat in the room (issue 12, item 24): one registration,
the online place kept until a seat is offered and accepted, capacity never exceeded."""

from __future__ import annotations

import asyncio

from sqlalchemy import func, select

from core.clock import FakeClock
from core.storage import Database
from registry import CancelResult, Mode, OfferResult, RegisterResult, Registry, RegStatus
from registry.models import SeatRequest
from registry.tables import registrations
from tests.events.helpers import published, world
from tests.support import DatabaseFactory


async def _rows(db: Database, event_id: int) -> int:
    async with db.connect() as conn:
        query = select(func.count()).where(registrations.c.event_id == event_id)
        return int((await conn.execute(query)).scalar_one())


async def test_online_place_joins_the_queue_and_becomes_a_seat(
    db: Database, clock: FakeClock
) -> None:
    w = world(db, clock)
    event_id = await published(w, capacity=1)
    seat = await w.registry.register(event_id, 1, mode="offline", name="A", language="en")
    waiting = await w.registry.register(event_id, 2, mode="offline", name="B", language="ru")
    online = await w.registry.register(event_id, 3, mode="online", name="C", language="kk")
    assert online.registration is not None and seat.registration is not None
    asked = await w.registry.ask_for_seat(online.registration.id, 3)
    # Behind B, who waited first; the online place stays.
    assert asked.result == RegisterResult.WAITLISTED and asked.position == 2
    assert asked.registration is not None and asked.registration.online_place
    assert asked.registration.seat_request == SeatRequest.WAITING
    assert await w.registry.position(asked.registration) == 2
    counts = await w.registry.counts(event_id)
    assert counts is not None and counts.waiting == 2 and counts.online == 1
    assert counts.waiting_online == 1  # the organizer is told: one of the two is online
    again = await w.registry.ask_for_seat(online.registration.id, 3)
    assert again.result == RegisterResult.ALREADY_REGISTERED and again.position == 2
    # The seat frees up: B is offered it first and declines; then C is.
    await w.registry.cancel_registration(seat.registration.id, 1)
    assert waiting.registration is not None
    first = await w.registry.open_offer_for(waiting.registration.id)
    assert first is not None
    assert await w.registry.decline_offer(first.id, 2) == OfferResult.DECLINED
    offer = await w.registry.open_offer_for(online.registration.id)
    assert offer is not None
    held = await w.registry.registration(online.registration.id)
    assert held is not None and held.seat_offered and held.online_place
    assert await w.registry.accept_offer(offer.id, 3) == OfferResult.ACCEPTED
    mine = await w.registry.registration(online.registration.id)
    assert mine is not None
    assert (mine.mode, mine.status, mine.seat_request) == (Mode.OFFLINE, RegStatus.CONFIRMED, None)
    assert mine.code == online.registration.code  # the same registration, the same code
    assert await _rows(db, event_id) == 3
    counts = await w.registry.counts(event_id)
    assert counts is not None and counts.seats_taken == 1 and counts.online == 0
    assert counts.waiting_online == 0


async def test_declining_or_a_lapse_keeps_the_online_place(db: Database, clock: FakeClock) -> None:
    w = world(db, clock)
    event_id = await published(w, capacity=1)
    seat = await w.registry.register(event_id, 1, mode="offline", name="A", language="en")
    online = await w.registry.register(event_id, 2, mode="online", name="B", language="en")
    later = await w.registry.register(event_id, 3, mode="online", name="C", language="en")
    assert seat.registration and online.registration and later.registration
    await w.registry.ask_for_seat(online.registration.id, 2)
    await w.registry.ask_for_seat(later.registration.id, 3)
    await w.registry.cancel_registration(seat.registration.id, 1)
    offer = await w.registry.open_offer_for(online.registration.id)
    assert offer is not None
    assert await w.registry.decline_offer(offer.id, 2) == OfferResult.KEPT_ONLINE
    assert await w.registry.decline_offer(offer.id, 2) == OfferResult.KEPT_ONLINE  # a second tap
    kept = await w.registry.registration(online.registration.id)
    assert kept is not None and kept.online_place and kept.seat_request is None
    # C is next; C lets the offer lapse and stays online too.
    second = await w.registry.open_offer_for(later.registration.id)
    assert second is not None
    clock.set(second.expires_at)
    assert await w.registry.expire_offers() == 1
    lapsed = await w.registry.registration(later.registration.id)
    assert lapsed is not None and lapsed.online_place and lapsed.seat_request is None
    await w.sender.run_due()
    assert any("keep your online place" in t for t in w.transport.texts(3))
    counts = await w.registry.counts(event_id)
    assert counts is not None and counts.seats_taken == 0 and counts.online == 2


async def test_a_free_seat_is_taken_at_once_and_leaving_the_queue_keeps_online(
    db: Database, clock: FakeClock
) -> None:
    w = world(db, clock)
    event_id = await published(w, capacity=1)
    first = await w.registry.register(event_id, 1, mode="online", name="A", language="en")
    second = await w.registry.register(event_id, 2, mode="online", name="B", language="en")
    assert first.registration and second.registration
    seated = await w.registry.ask_for_seat(first.registration.id, 1)
    assert seated.result == RegisterResult.REGISTERED
    assert seated.registration is not None and seated.registration.mode == Mode.OFFLINE
    queued = await w.registry.ask_for_seat(second.registration.id, 2)
    assert queued.result == RegisterResult.WAITLISTED and queued.position == 1
    stop = w.registry.stop_asking_for_seat
    assert await stop(second.registration.id, 2) == CancelResult.CANCELLED
    assert await stop(second.registration.id, 2) == CancelResult.ALREADY_CANCELLED
    assert await stop(second.registration.id, 99) == CancelResult.NOT_FOUND
    left = await w.registry.registration(second.registration.id)
    assert left is not None and left.online_place and left.seat_request is None
    # Someone else's registration, or one already in the room, cannot ask.
    assert (await w.registry.ask_for_seat(second.registration.id, 1)).result == (
        RegisterResult.NOT_FOUND
    )
    again = await w.registry.ask_for_seat(first.registration.id, 1)
    assert again.result == RegisterResult.ALREADY_REGISTERED


async def test_a_phone_is_asked_where_the_room_needs_one(db: Database, clock: FakeClock) -> None:
    w = world(db, clock)
    event_id = await published(w, capacity=5, phone_required=True)
    online = await w.registry.register(event_id, 1, mode="online", name="A", language="kk")
    assert online.registration is not None
    reg_id = online.registration.id
    assert (await w.registry.ask_for_seat(reg_id, 1)).result == RegisterResult.PHONE_REQUIRED
    assert (await w.registry.ask_for_seat(reg_id, 1, phone="abc")).result == (
        RegisterResult.BAD_PHONE
    )
    seated = await w.registry.ask_for_seat(reg_id, 1, phone="8 612 34567")
    assert seated.result == RegisterResult.REGISTERED
    assert seated.registration is not None and seated.registration.phone == "+37061234567"


async def test_concurrent_accepts_never_exceed_capacity(
    db_factory: DatabaseFactory, clock: FakeClock
) -> None:
    """Seats free up while online and offline people accept offers at once, from
    registries that share nothing but the database (like separate processes)."""
    db = await db_factory.new()
    w = world(db, clock)
    capacity = 4
    event_id = await published(w, capacity=capacity)
    seats = [
        await w.registry.register(event_id, 100 + i, mode="offline", name="S", language="en")
        for i in range(capacity)
    ]
    queue = []
    for i in range(8):
        if i % 2:
            online = await w.registry.register(
                event_id, 200 + i, mode="online", name="O", language="en"
            )
            assert online.registration is not None
            asked = await w.registry.ask_for_seat(online.registration.id, 200 + i)
            queue.append(asked.registration)
        else:
            waiting = await w.registry.register(
                event_id, 200 + i, mode="offline", name="W", language="en"
            )
            queue.append(waiting.registration)
    latecomers = []
    for i in range(4):
        online = await w.registry.register(
            event_id, 300 + i, mode="online", name="L", language="en"
        )
        latecomers.append(online.registration)
    registries = [Registry(db, clock, outbox=w.outbox) for _ in range(4)]
    # Every seat frees at once, and everyone offered one taps Accept twice, at once.
    await asyncio.gather(
        *(
            registries[i % 4].cancel_registration(s.registration.id, 100 + i)
            for i, s in enumerate(seats)
        )
    )
    offers = [await w.registry.open_offer_for(r.id) for r in queue if r is not None]
    made = [o for o in offers if o is not None]
    assert len(made) == capacity
    by_reg = {r.id: r.user_id for r in queue if r is not None}
    results = await asyncio.gather(
        *(
            registries[i % 4].accept_offer(o.id, by_reg[o.registration_id])
            for i, o in enumerate(made * 2)
        ),
        # Meanwhile more online people ask for a seat: they queue, nobody overtakes.
        *(registries[i % 4].ask_for_seat(r.id, r.user_id) for i, r in enumerate(latecomers) if r),
    )
    assert results.count(OfferResult.ACCEPTED) == 2 * capacity
    late = [r for r in results if not isinstance(r, OfferResult)]
    assert [o.result for o in late] == [RegisterResult.WAITLISTED] * 4
    assert sorted(o.position or 0 for o in late) == [5, 6, 7, 8]
    counts = await w.registry.counts(event_id)
    assert counts is not None and counts.seats_taken == capacity and counts.offered == 0
    async with db.connect() as conn:
        in_room = (
            await conn.execute(
                select(func.count()).where(
                    registrations.c.event_id == event_id,
                    registrations.c.mode == Mode.OFFLINE.value,
                    registrations.c.status == RegStatus.CONFIRMED.value,
                )
            )
        ).scalar_one()
    assert in_room == capacity
    # The first four in line got the seats, in the order they joined it.
    assert {o.registration_id for o in made} == {r.id for r in queue[:capacity] if r}
    assert await _rows(db, event_id) == capacity + 8 + 4


async def test_a_race_for_free_seats_from_online_and_offline_never_overbooks(
    db_factory: DatabaseFactory, clock: FakeClock
) -> None:
    db = await db_factory.new()
    w = world(db, clock)
    event_id = await published(w, capacity=3)
    online = []
    for i in range(10):
        outcome = await w.registry.register(
            event_id, 400 + i, mode="online", name="O", language="ru"
        )
        online.append(outcome.registration)
    registries = [Registry(db, clock, outbox=w.outbox) for _ in range(5)]
    outcomes = await asyncio.gather(
        *(registries[i % 5].ask_for_seat(r.id, r.user_id) for i, r in enumerate(online) if r),
        *(
            registries[i % 5].register(event_id, 500 + i, mode="offline", name="S", language="en")
            for i in range(5)
        ),
    )
    results = [o.result for o in outcomes]
    assert results.count(RegisterResult.REGISTERED) == 3
    assert results.count(RegisterResult.WAITLISTED) == 12
    positions = sorted(o.position or 0 for o in outcomes if o.result == RegisterResult.WAITLISTED)
    assert positions == list(range(1, 13))
    counts = await w.registry.counts(event_id)
    assert counts is not None and counts.seats_taken == 3 and counts.waiting == 12
    assert await _rows(db, event_id) == 15


async def test_the_waiting_list_audience_includes_online_people_asking_for_a_seat(
    db: Database, clock: FakeClock
) -> None:
    from registry.audiences import RegistrantsAudience, WaitingListAudience

    w = world(db, clock)
    event_id = await published(w, capacity=1)
    await w.registry.register(event_id, 1, mode="offline", name="A", language="en")
    await w.registry.register(event_id, 2, mode="offline", name="B", language="en")
    online = await w.registry.register(event_id, 3, mode="online", name="C", language="en")
    await w.registry.register(event_id, 4, mode="online", name="D", language="en")
    assert online.registration is not None
    await w.registry.ask_for_seat(online.registration.id, 3)
    async with db.connect() as conn:
        assert await WaitingListAudience(clock).recipients(conn, str(event_id)) == [2, 3]
        # Still a registrant: the online place is theirs.
        assert await RegistrantsAudience(clock).recipients(conn, str(event_id)) == [1, 3, 4]
