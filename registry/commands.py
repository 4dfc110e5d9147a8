"""The registry's commands: each decides inside one locked transaction.

Capacity is decided inside one transaction: lock the event (BEGIN IMMEDIATE on
SQLite, SELECT … FOR UPDATE on PostgreSQL), count the seats held, then insert.
Everything the registry sends later (reminders, offers, change notices) is
queued in the outbox inside that same transaction, so a crash can never leave
a registration without its reminders or a reminder without its registration.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import replace
from datetime import timedelta
from typing import Any

from sqlalchemy import insert, select, update

from core.storage import write_transaction
from registry import fields, reminders
from registry.models import (
    EDITABLE,
    NOTIFY_ON,
    CancelResult,
    CheckInResult,
    EditOutcome,
    EditResult,
    Event,
    EventDraft,
    EventStatus,
    EventText,
    InvalidDraft,
    Mode,
    OfferResult,
    OfferStatus,
    RegisterOutcome,
    RegisterResult,
    Registration,
    RegStatus,
    normalise_name,
    normalise_phone,
    problems_of_change,
)
from registry.sql import (
    close_open_offers,
    drop_seat_request,
    insert_with_new_code,
    load_event,
    load_registration,
    locked_offer,
    offer_from,
    own_registration_locked,
    registration_from,
    seats_and_existing,
    seats_held,
    stamp,
    waiting_position,
    write_texts,
)
from registry.tables import events, offers, registrations
from registry.waitlist import WaitingList

log = logging.getLogger(__name__)


class EventCommands(WaitingList):
    """Create, publish, edit, cancel; register, cancel, offers; check-in."""

    async def create(self, draft: EventDraft, *, created_by: int | None = None) -> Event:
        """A draft event; nobody sees it until `publish`."""
        problems = draft.problems(None)
        if problems:
            raise InvalidDraft(problems)
        now = self.clock.now()
        values = draft.columns()
        async with write_transaction(self.db) as conn:
            event_id = (
                await conn.execute(
                    insert(events)
                    .values(
                        status=EventStatus.DRAFT.value,
                        created_by=created_by,
                        created_at=now,
                        updated_at=now,
                        **values,
                    )
                    .returning(events.c.id)
                )
            ).scalar_one()
            await write_texts(conn, event_id, draft.texts.values())
            event = await load_event(conn, event_id)
        assert event is not None
        log.info("event %s created by %s", event_id, created_by)
        return event

    async def publish(self, event_id: int) -> Event | None:
        """Draft → published; publishing twice is harmless. None if missing or not a draft."""
        async with write_transaction(self.db) as conn:
            event = await load_event(conn, event_id, lock=True)
            if event is None or event.status not in (EventStatus.DRAFT, EventStatus.PUBLISHED):
                return None
            await conn.execute(
                update(events)
                .where(events.c.id == event_id)
                .values(status=EventStatus.PUBLISHED.value, updated_at=self.clock.now())
            )
        log.info("event %s published", event_id)
        return replace(event, status=EventStatus.PUBLISHED)

    async def edit(
        self,
        event_id: int,
        changes: dict[str, Any] | None = None,
        texts: Sequence[EventText] = (),
    ) -> EditOutcome:
        """Change fields; registrants hear about a new time or venue; capacity never drops
        below the seats already held (refused, so nobody is dropped silently)."""
        changes = dict(changes or {})
        unknown = set(changes) - EDITABLE
        if unknown:
            raise ValueError(f"not editable: {sorted(unknown)}")
        now = self.clock.now()
        async with write_transaction(self.db) as conn:
            event = await load_event(conn, event_id, lock=True)
            if event is None:
                return EditOutcome(EditResult.NOT_FOUND)
            if event.status in (EventStatus.CANCELLED, EventStatus.FINISHED):
                return EditOutcome(EditResult.NOT_EDITABLE, event)
            if "capacity" in changes and changes["capacity"] is not None:
                if int(changes["capacity"]) < 0:
                    return EditOutcome(EditResult.INVALID, event)
                taken = await seats_held(conn, event_id)
                if int(changes["capacity"]) < taken:
                    return EditOutcome(EditResult.CAPACITY_BELOW_TAKEN, event, seats_taken=taken)
            if "start_at" in changes and changes["start_at"] <= now:
                return EditOutcome(EditResult.INVALID, event)
            problems = problems_of_change(event, changes)
            if problems:
                return EditOutcome(EditResult.INVALID, event, problems=tuple(problems))
            if "venue_name" in changes or "timezone" in changes:
                changes["country"] = fields.country_of(
                    changes.get("timezone", event.timezone),
                    changes.get("venue_name", event.venue_name),
                )
            changed = {k: v for k, v in changes.items() if getattr(event, k) != v}
            if changed:
                await conn.execute(
                    update(events).where(events.c.id == event_id).values(updated_at=now, **changed)
                )
            if texts:
                await write_texts(conn, event_id, texts)
            fresh = await load_event(conn, event_id)
            assert fresh is not None
            notified = 0
            offers_made = 0
            if fresh.status == EventStatus.PUBLISHED:
                if NOTIFY_ON & changed.keys():
                    notified = await self._notify_change(
                        conn, fresh, sorted(NOTIFY_ON & changed.keys()), now
                    )
                if "start_at" in changed:
                    await self._reschedule_reminders(conn, fresh, now)
                offers_made = len(await self._promote(conn, fresh, now))
        log.info("event %s edited: %s", event_id, sorted(changed))
        return EditOutcome(EditResult.SAVED, fresh, notified=notified, offers_made=offers_made)

    async def cancel_event(self, event_id: int) -> int | None:
        """Cancel the event: registrants are told, their reminders and offers withdrawn.

        Returns how many registrants were notified; None if there is no such event.
        """
        now = self.clock.now()
        async with write_transaction(self.db) as conn:
            event = await load_event(conn, event_id, lock=True)
            if event is None:
                return None
            if event.status == EventStatus.CANCELLED:
                return 0
            await conn.execute(
                update(events)
                .where(events.c.id == event_id)
                .values(status=EventStatus.CANCELLED.value, updated_at=now)
            )
            await conn.execute(
                update(offers)
                .where(offers.c.event_id == event_id, offers.c.status == OfferStatus.OPEN)
                .values(status=OfferStatus.WITHDRAWN, closed_at=now)
            )
            regs = await self._active(conn, event_id)
            for reg in regs:
                await reminders.cancel_for_registration(self.outbox, conn, reg.id)
                if event.status == EventStatus.PUBLISHED:
                    await reminders.notify(
                        self.outbox,
                        conn,
                        kind="cancelled",
                        event=event,
                        reg=reg,
                        now=now,
                        stamp=stamp(now),
                    )
        log.info("event %s cancelled, %s registrants notified", event_id, len(regs))
        return len(regs)

    async def finish_ended(self) -> int:
        """Mark events whose end has passed as finished (a periodic job calls this)."""
        now = self.clock.now()
        async with write_transaction(self.db) as conn:
            rows = (
                await conn.execute(
                    select(events.c.id, events.c.start_at, events.c.duration_minutes).where(
                        events.c.status == EventStatus.PUBLISHED.value
                    )
                )
            ).all()
            ended = [
                r.id for r in rows if r.start_at + timedelta(minutes=r.duration_minutes) <= now
            ]
            if ended:
                await conn.execute(
                    update(events)
                    .where(events.c.id.in_(ended))
                    .values(status=EventStatus.FINISHED.value, updated_at=now)
                )
                await conn.execute(
                    update(offers)
                    .where(offers.c.event_id.in_(ended), offers.c.status == OfferStatus.OPEN)
                    .values(status=OfferStatus.LAPSED, closed_at=now)
                )
                # The room's queue is over too: online places stay what they were.
                await conn.execute(
                    update(registrations)
                    .where(
                        registrations.c.event_id.in_(ended),
                        registrations.c.seat_request.is_not(None),
                    )
                    .values(seat_request=None, queued_at=None, phone=None)
                )
        return len(ended)

    async def register(
        self,
        event_id: int,
        user_id: int,
        *,
        mode: Mode | str,
        name: str,
        language: str,
        phone: str | None = None,
        home_country: str | None = None,
    ) -> RegisterOutcome:
        """One tap: a seat, a place in the waiting list, or an online place.

        Idempotent per (event, user): a second call returns ALREADY_REGISTERED
        with the existing registration.
        """
        mode = Mode(mode)
        clean_name = normalise_name(name)
        if clean_name is None:
            return RegisterOutcome(RegisterResult.BAD_NAME)
        now = self.clock.now()
        async with write_transaction(self.db) as conn:
            event = await load_event(conn, event_id, lock=True, texts=False)
            if event is None or event.status == EventStatus.DRAFT:
                return RegisterOutcome(RegisterResult.NOT_FOUND)
            # A number typed as it is dialled where the event takes place, or at home
            # (`home_country`: where the person lives), is fine too.
            clean_phone = normalise_phone(phone, event.country, home_country) if phone else None
            if phone and clean_phone is None:
                return RegisterOutcome(RegisterResult.BAD_PHONE)
            # One query for the counts and for whether this person is already in.
            taken, waiting, existing_id = await seats_and_existing(conn, event_id, user_id)
            existing = (
                await load_registration(conn, existing_id) if existing_id is not None else None
            )
            if existing is not None and existing.active:
                position = await waiting_position(conn, existing)
                return RegisterOutcome(RegisterResult.ALREADY_REGISTERED, existing, position)
            refusal = event.refusal(mode, now)
            if refusal is not None:
                return RegisterOutcome(refusal)
            if mode == Mode.OFFLINE:
                if event.phone_required and clean_phone is None:
                    return RegisterOutcome(RegisterResult.PHONE_REQUIRED)
                seat = event.next_place_is_seat(taken, waiting)
                status = RegStatus.CONFIRMED if seat else RegStatus.WAITING
            else:
                status = RegStatus.CONFIRMED
                clean_phone = None
            queued_at = now if status == RegStatus.WAITING else None
            values = {
                "mode": mode.value,
                "status": status.value,
                "name": clean_name,
                "phone": clean_phone,
                "language": language,
                "created_at": now,
                "queued_at": queued_at,
                "checked_in_at": None,
                "cancelled_at": None,
                "seat_request": None,
            }
            if existing is not None:
                # A cancelled registration comes back to life: the unique key stays one row.
                await conn.execute(
                    update(registrations).where(registrations.c.id == existing.id).values(**values)
                )
                reg_id, code = existing.id, existing.code
            else:
                reg_id, code = await insert_with_new_code(
                    conn, {"event_id": event_id, "user_id": user_id, **values}
                )
            reg = Registration(
                id=reg_id,
                event_id=event_id,
                user_id=user_id,
                mode=mode,
                status=status,
                name=clean_name,
                phone=clean_phone,
                code=code,
                language=language,
                created_at=now,
                queued_at=queued_at,
            )
            await reminders.schedule_for_registration(
                self.outbox, conn, reg, event, self.reminder_offsets_hours, now
            )
            # Under the lock the queue cannot move: the newcomer is last.
            position = waiting + 1 if status == RegStatus.WAITING else None
        result = (
            RegisterResult.REGISTERED
            if status == RegStatus.CONFIRMED
            else RegisterResult.WAITLISTED
        )
        log.info("registration %s for event %s: %s %s", reg.id, event_id, mode.value, status.value)
        return RegisterOutcome(result, reg, position)

    async def cancel_registration(self, registration_id: int, user_id: int) -> CancelResult:
        """The person's own cancellation; a freed seat goes to the first person waiting."""
        now = self.clock.now()
        async with write_transaction(self.db) as conn:
            found = await own_registration_locked(conn, registration_id, user_id)
            if found is None:
                return CancelResult.NOT_FOUND
            reg, event = found
            if event.status == EventStatus.CANCELLED:
                return CancelResult.EVENT_CANCELLED
            if not reg.active:
                return CancelResult.ALREADY_CANCELLED
            if event.status in (EventStatus.CANCELLED, EventStatus.FINISHED) or now >= event.end_at:
                return CancelResult.CLOSED
            await conn.execute(
                update(registrations)
                .where(registrations.c.id == reg.id)
                .values(status=RegStatus.CANCELLED.value, cancelled_at=now, seat_request=None)
            )
            await close_open_offers(conn, reg.id, OfferStatus.WITHDRAWN, now)
            await reminders.cancel_for_registration(self.outbox, conn, reg.id)
            await self._promote(conn, event, now)
        log.info("registration %s cancelled", registration_id)
        return CancelResult.CANCELLED

    async def accept_offer(self, offer_id: int, user_id: int) -> OfferResult:
        now = self.clock.now()
        async with write_transaction(self.db) as conn:
            found = await locked_offer(conn, offer_id, user_id)
            if found is None:
                return OfferResult.NOT_FOUND
            offer, event, reg = found
            if offer.status == OfferStatus.ACCEPTED:
                return OfferResult.ACCEPTED
            if offer.status != OfferStatus.OPEN:
                return _closed_offer(offer.status, event)
            if (
                now >= offer.expires_at
                or event.status != EventStatus.PUBLISHED
                or now >= event.start_at
            ):
                await self._lapse(conn, offer, now)
                await self._promote(conn, event, now)
                return OfferResult.EXPIRED
            await conn.execute(
                update(offers)
                .where(offers.c.id == offer_id)
                .values(status=OfferStatus.ACCEPTED, closed_at=now)
            )
            # One registration: an online place that asked for a seat becomes the seat.
            await conn.execute(
                update(registrations)
                .where(registrations.c.id == reg.id)
                .values(
                    mode=Mode.OFFLINE.value,
                    status=RegStatus.CONFIRMED.value,
                    queued_at=None,
                    seat_request=None,
                )
            )
        log.info("offer %s accepted", offer_id)
        return OfferResult.ACCEPTED

    async def decline_offer(self, offer_id: int, user_id: int) -> OfferResult:
        """Declining gives up the waiting place too; the next person gets the offer."""
        now = self.clock.now()
        async with write_transaction(self.db) as conn:
            found = await locked_offer(conn, offer_id, user_id)
            if found is None:
                return OfferResult.NOT_FOUND
            offer, event, reg = found
            online = reg.mode == Mode.ONLINE and reg.active
            if offer.status != OfferStatus.OPEN:
                if offer.status == OfferStatus.DECLINED:
                    return OfferResult.KEPT_ONLINE if online else OfferResult.DECLINED
                return _closed_offer(offer.status, event)
            await conn.execute(
                update(offers)
                .where(offers.c.id == offer_id)
                .values(status=OfferStatus.DECLINED, closed_at=now)
            )
            if await drop_seat_request(conn, reg.id):
                # Asked for a seat from an online place: the online place stays.
                await self._promote(conn, event, now)
                log.info("offer %s declined, online place kept", offer_id)
                return OfferResult.KEPT_ONLINE
            await conn.execute(
                update(registrations)
                .where(registrations.c.id == reg.id)
                .values(status=RegStatus.CANCELLED.value, cancelled_at=now)
            )
            await reminders.cancel_for_registration(self.outbox, conn, reg.id)
            await self._promote(conn, event, now)
        log.info("offer %s declined", offer_id)
        return OfferResult.DECLINED

    async def expire_offers(self) -> int:
        """Lapse offers past their time and offer the seats to the next people waiting."""
        now = self.clock.now()
        async with self.db.connect() as conn:
            due = (
                (
                    await conn.execute(
                        select(offers.c.event_id)
                        .where(offers.c.status == OfferStatus.OPEN, offers.c.expires_at <= now)
                        .distinct()
                    )
                )
                .scalars()
                .all()
            )
        lapsed = 0
        for event_id in due:
            async with write_transaction(self.db) as conn:
                event = await load_event(conn, event_id, lock=True)
                rows = (
                    await conn.execute(
                        select(offers).where(
                            offers.c.event_id == event_id,
                            offers.c.status == OfferStatus.OPEN,
                            offers.c.expires_at <= now,
                        )
                    )
                ).all()
                for row in rows:
                    await self._lapse(conn, offer_from(row), now)
                    lapsed += 1
                if event is not None and event.status == EventStatus.PUBLISHED:
                    await self._promote(conn, event, now)
        if lapsed:
            log.info("%s offers lapsed", lapsed)
        return lapsed

    async def check_in(self, event_id: int, code: str) -> tuple[CheckInResult, Registration | None]:
        code = code.strip().upper()
        now = self.clock.now()
        async with write_transaction(self.db) as conn:
            row = (
                await conn.execute(
                    select(registrations).where(
                        registrations.c.event_id == event_id, registrations.c.code == code
                    )
                )
            ).first()
            if row is None:
                return CheckInResult.NOT_FOUND, None
            reg = registration_from(row)
            if reg.status != RegStatus.CONFIRMED:
                return CheckInResult.NOT_CONFIRMED, reg
            if reg.checked_in_at is not None:
                return CheckInResult.ALREADY, reg
            await conn.execute(
                update(registrations).where(registrations.c.id == reg.id).values(checked_in_at=now)
            )
        return CheckInResult.CHECKED_IN, replace(reg, checked_in_at=now)

    async def undo_check_in(self, registration_id: int) -> Registration | None:
        """A check-in tapped by mistake is taken back; None when there was none to take back."""
        async with write_transaction(self.db) as conn:
            row = (
                await conn.execute(
                    select(registrations).where(registrations.c.id == registration_id)
                )
            ).first()
            if row is None or row.checked_in_at is None:
                return None
            await conn.execute(
                update(registrations)
                .where(registrations.c.id == registration_id)
                .values(checked_in_at=None)
            )
        return replace(registration_from(row), checked_in_at=None)

    async def check_in_by_code(self, code: str) -> tuple[CheckInResult, Registration | None]:
        """/checkin CODE without an event: the one running or next, among those with that code."""
        code = code.strip().upper()
        now = self.clock.now()
        async with self.db.connect() as conn:
            rows = (
                await conn.execute(
                    select(registrations.c.event_id, events.c.start_at)
                    .join(events, events.c.id == registrations.c.event_id)
                    .where(
                        registrations.c.code == code,
                        events.c.status.in_(
                            [EventStatus.PUBLISHED.value, EventStatus.FINISHED.value]
                        ),
                    )
                )
            ).all()
        if not rows:
            return CheckInResult.NOT_FOUND, None
        best = min(rows, key=lambda r: abs((r.start_at - now).total_seconds()))
        return await self.check_in(best.event_id, code)


def _closed_offer(status: OfferStatus, event: Event) -> OfferResult:
    """What an old Accept or Decline on a closed offer really means."""
    if event.status == EventStatus.CANCELLED:
        return OfferResult.EVENT_CANCELLED
    if status == OfferStatus.DECLINED:
        return OfferResult.WAS_DECLINED
    if status == OfferStatus.WITHDRAWN:
        return OfferResult.WITHDRAWN
    return OfferResult.EXPIRED
