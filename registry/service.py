"""The event registry: create, publish, edit, cancel; register, waiting list, offers, check-in.

Capacity is decided inside one transaction: lock the event (BEGIN IMMEDIATE on
SQLite, SELECT … FOR UPDATE on PostgreSQL), count the seats held, then insert.
Everything the registry sends later (reminders, offers, change notices) is
queued in the outbox inside that same transaction, so a crash can never leave
a registration without its reminders or a reminder without its registration.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, case, func, insert, literal, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from core.clock import Clock
from core.storage import Database, write_transaction
from registry import reminders
from registry.models import (
    ACTIVE,
    EDITABLE,
    HOLDS_SEAT,
    NOTIFY_ON,
    CancelResult,
    CheckInResult,
    Counts,
    EditResult,
    Event,
    EventDraft,
    EventStatus,
    EventText,
    Mode,
    Offer,
    OfferResult,
    RegisterOutcome,
    RegisterResult,
    Registration,
    RegStatus,
    Report,
    normalise_name,
    normalise_phone,
)
from registry.rows import (
    event_from,
    load_event,
    load_offer,
    load_registration,
    load_texts,
    offer_from,
    registration_from,
)
from registry.tables import event_texts, events, offers, registrations

log = logging.getLogger(__name__)

# No 0/O, 1/I/L: codes are read aloud at the door.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6
# An offer is never shorter than this, even an hour before the start.
MIN_OFFER = timedelta(minutes=15)


@dataclass(frozen=True, slots=True)
class EditOutcome:
    result: EditResult
    event: Event | None = None
    # For CAPACITY_BELOW_TAKEN: how many seats are held now.
    seats_taken: int = 0
    notified: int = 0
    offers_made: int = 0


class Registry:
    """The domain service for events; takes ids, datetimes and plain data."""

    def __init__(
        self,
        db: Database,
        clock: Clock,
        *,
        outbox: reminders.OutboxLike | None = None,
        reminder_offsets_hours: Sequence[int] = (24, 1),
        offer_hours: float = 12.0,
    ) -> None:
        self.db = db
        self.clock = clock
        self.outbox = outbox
        self.reminder_offsets_hours = tuple(sorted(set(reminder_offsets_hours), reverse=True))
        self.offer_hours = offer_hours

    # ----- events ------------------------------------------------------------------

    async def create(self, draft: EventDraft, *, created_by: int | None = None) -> Event:
        """A draft event; nobody sees it until `publish`."""
        if not draft.texts:
            raise ValueError("an event needs a title in at least one language")
        now = self.clock.now()
        values = _draft_values(draft)
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
            await _write_texts(conn, event_id, draft.texts.values())
            event = await load_event(conn, event_id)
        assert event is not None
        log.info("event %s created by %s", event_id, created_by)
        return event

    async def get(self, event_id: int) -> Event | None:
        async with self.db.connect() as conn:
            return await load_event(conn, event_id)

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

    async def upcoming(self, *, include_drafts: bool = False) -> list[Event]:
        """Published events that have not ended, soonest first (drafts too for organizers)."""
        now = self.clock.now()
        statuses = [EventStatus.PUBLISHED.value]
        if include_drafts:
            statuses.append(EventStatus.DRAFT.value)
        async with self.db.connect() as conn:
            rows = (
                await conn.execute(
                    select(events)
                    .where(events.c.status.in_(statuses))
                    .order_by(events.c.start_at, events.c.id)
                )
            ).all()
            texts = await load_texts(conn, [r._mapping["id"] for r in rows])
        found = [event_from(r, texts[r._mapping["id"]]) for r in rows]
        return [e for e in found if e.end_at > now]

    async def all_events(self) -> list[Event]:
        async with self.db.connect() as conn:
            rows = (await conn.execute(select(events).order_by(events.c.id))).all()
            texts = await load_texts(conn, [r._mapping["id"] for r in rows])
        return [event_from(r, texts[r._mapping["id"]]) for r in rows]

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
                taken = await _seats_held(conn, event_id)
                if int(changes["capacity"]) < taken:
                    return EditOutcome(EditResult.CAPACITY_BELOW_TAKEN, event, seats_taken=taken)
            if "start_at" in changes and changes["start_at"] <= now:
                return EditOutcome(EditResult.INVALID, event)
            changed = {k: v for k, v in changes.items() if getattr(event, k) != v}
            if changed:
                await conn.execute(
                    update(events).where(events.c.id == event_id).values(updated_at=now, **changed)
                )
            if texts:
                await _write_texts(conn, event_id, texts)
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
                .where(offers.c.event_id == event_id, offers.c.status == "open")
                .values(status="withdrawn", closed_at=now)
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
                        stamp=_stamp(now),
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
                    .where(offers.c.event_id.in_(ended), offers.c.status == "open")
                    .values(status="lapsed", closed_at=now)
                )
        return len(ended)

    async def anonymise_past(self, older_than: timedelta) -> int:
        """Forget names, phones and who registered for events that ended long enough ago.

        Counts, modes, languages and check-ins stay, so the funders' report still
        adds up; the door list of an old event names nobody.
        """
        cutoff = self.clock.now() - older_than
        async with write_transaction(self.db) as conn:
            rows = (
                await conn.execute(
                    select(events.c.id, events.c.start_at, events.c.duration_minutes).where(
                        events.c.status.in_(
                            [EventStatus.FINISHED.value, EventStatus.CANCELLED.value]
                        ),
                        events.c.start_at < cutoff,
                    )
                )
            ).all()
            old = [
                r.id for r in rows if r.start_at + timedelta(minutes=r.duration_minutes) < cutoff
            ]
            if not old:
                return 0
            result = await conn.execute(
                update(registrations)
                .where(registrations.c.event_id.in_(old), registrations.c.user_id > 0)
                # A negative id keeps the unique key and the counts, and points to nobody.
                .values(user_id=-registrations.c.id, name="—", phone=None)
            )
        return result.rowcount or 0

    # ----- registrations -----------------------------------------------------------

    async def register(
        self,
        event_id: int,
        user_id: int,
        *,
        mode: Mode | str,
        name: str,
        language: str,
        phone: str | None = None,
    ) -> RegisterOutcome:
        """One tap: a seat, a place in the waiting list, or an online place.

        Idempotent per (event, user): a second call returns ALREADY_REGISTERED
        with the existing registration.
        """
        mode = Mode(mode)
        clean_name = normalise_name(name)
        if clean_name is None:
            return RegisterOutcome(RegisterResult.BAD_NAME)
        clean_phone = normalise_phone(phone) if phone else None
        if phone and clean_phone is None:
            return RegisterOutcome(RegisterResult.BAD_PHONE)
        now = self.clock.now()
        async with write_transaction(self.db) as conn:
            event = await load_event(conn, event_id, lock=True, texts=False)
            if event is None or event.status == EventStatus.DRAFT:
                return RegisterOutcome(RegisterResult.NOT_FOUND)
            # One query for the counts and for whether this person is already in.
            taken, waiting, existing_id = await _seats_and_existing(conn, event_id, user_id)
            existing = (
                await load_registration(conn, existing_id) if existing_id is not None else None
            )
            if existing is not None and existing.active:
                position = await _position(conn, existing)
                return RegisterOutcome(RegisterResult.ALREADY_REGISTERED, existing, position)
            if not event.is_open(now):
                return RegisterOutcome(RegisterResult.CLOSED)
            if mode == Mode.OFFLINE:
                if not event.has_offline:
                    return RegisterOutcome(RegisterResult.NO_OFFLINE)
                if now >= event.start_at:
                    return RegisterOutcome(RegisterResult.CLOSED)
                if event.phone_required and clean_phone is None:
                    return RegisterOutcome(RegisterResult.PHONE_REQUIRED)
                # Nobody overtakes the queue, even when a seat is momentarily free.
                seat = event.capacity is not None and taken < event.capacity and waiting == 0
                status = RegStatus.CONFIRMED if seat else RegStatus.WAITING
            else:
                if not event.has_online:
                    return RegisterOutcome(RegisterResult.NO_ONLINE)
                status = RegStatus.CONFIRMED
                clean_phone = None
            values = {
                "mode": mode.value,
                "status": status.value,
                "name": clean_name,
                "phone": clean_phone,
                "language": language,
                "created_at": now,
                "queued_at": now if status == RegStatus.WAITING else None,
                "checked_in_at": None,
                "cancelled_at": None,
            }
            if existing is not None:
                # A cancelled registration comes back to life: the unique key stays one row.
                await conn.execute(
                    update(registrations).where(registrations.c.id == existing.id).values(**values)
                )
                reg_id, code = existing.id, existing.code
            else:
                reg_id, code = await _insert_with_new_code(
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
                queued_at=values["queued_at"],
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
            reg = await load_registration(conn, registration_id)
            if reg is None or reg.user_id != user_id:
                return CancelResult.NOT_FOUND
            event = await load_event(conn, reg.event_id, lock=True)
            assert event is not None
            reg = await load_registration(conn, registration_id)
            assert reg is not None
            if not reg.active:
                return CancelResult.ALREADY_CANCELLED
            if event.status in (EventStatus.CANCELLED, EventStatus.FINISHED) or now >= event.end_at:
                return CancelResult.CLOSED
            await conn.execute(
                update(registrations)
                .where(registrations.c.id == reg.id)
                .values(status=RegStatus.CANCELLED.value, cancelled_at=now)
            )
            await conn.execute(
                update(offers)
                .where(offers.c.registration_id == reg.id, offers.c.status == "open")
                .values(status="withdrawn", closed_at=now)
            )
            await reminders.cancel_for_registration(self.outbox, conn, reg.id)
            await self._promote(conn, event, now)
        log.info("registration %s cancelled", registration_id)
        return CancelResult.CANCELLED

    async def registration(self, registration_id: int) -> Registration | None:
        async with self.db.connect() as conn:
            return await load_registration(conn, registration_id)

    async def registration_of(self, event_id: int, user_id: int) -> Registration | None:
        async with self.db.connect() as conn:
            return await _registration_of(conn, event_id, user_id)

    async def position(self, registration: Registration) -> int | None:
        async with self.db.connect() as conn:
            return await _position(conn, registration)

    async def my_registrations(self, user_id: int) -> list[tuple[Registration, Event]]:
        """Active registrations for events that have not ended, soonest first."""
        now = self.clock.now()
        async with self.db.connect() as conn:
            rows = (
                await conn.execute(
                    select(registrations, events)
                    .join(events, events.c.id == registrations.c.event_id)
                    .where(
                        registrations.c.user_id == user_id,
                        registrations.c.status.in_([s.value for s in ACTIVE]),
                        events.c.status == EventStatus.PUBLISHED.value,
                    )
                    .order_by(events.c.start_at)
                )
            ).all()
            ids = [r._mapping[registrations.c.event_id] for r in rows]
            texts = await load_texts(conn, ids)
            found = []
            for row in rows:
                reg = registration_from(_sub(row, registrations))
                event = event_from(_sub(row, events), texts[reg.event_id])
                if event.end_at > now:
                    found.append((reg, event))
        return found

    # ----- waiting list and offers -------------------------------------------------

    async def accept_offer(self, offer_id: int, user_id: int) -> OfferResult:
        now = self.clock.now()
        async with write_transaction(self.db) as conn:
            found = await _locked_offer(conn, offer_id, user_id)
            if found is None:
                return OfferResult.NOT_FOUND
            offer, event, reg = found
            if offer.status == "accepted":
                return OfferResult.ACCEPTED
            if offer.status != "open":
                return OfferResult.EXPIRED
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
                .values(status="accepted", closed_at=now)
            )
            await conn.execute(
                update(registrations)
                .where(registrations.c.id == reg.id)
                .values(status=RegStatus.CONFIRMED.value, queued_at=None)
            )
        log.info("offer %s accepted", offer_id)
        return OfferResult.ACCEPTED

    async def decline_offer(self, offer_id: int, user_id: int) -> OfferResult:
        """Declining gives up the waiting place too; the next person gets the offer."""
        now = self.clock.now()
        async with write_transaction(self.db) as conn:
            found = await _locked_offer(conn, offer_id, user_id)
            if found is None:
                return OfferResult.NOT_FOUND
            offer, event, reg = found
            if offer.status != "open":
                return OfferResult.EXPIRED if offer.status != "declined" else OfferResult.DECLINED
            await conn.execute(
                update(offers)
                .where(offers.c.id == offer_id)
                .values(status="declined", closed_at=now)
            )
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
                        .where(offers.c.status == "open", offers.c.expires_at <= now)
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
                            offers.c.status == "open",
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

    async def open_offer_for(self, registration_id: int) -> Offer | None:
        async with self.db.connect() as conn:
            row = (
                await conn.execute(
                    select(offers).where(
                        offers.c.registration_id == registration_id, offers.c.status == "open"
                    )
                )
            ).first()
        return offer_from(row) if row else None

    async def offer(self, offer_id: int) -> Offer | None:
        async with self.db.connect() as conn:
            return await load_offer(conn, offer_id)

    # ----- organizer tools ---------------------------------------------------------

    async def counts(self, event_id: int) -> Counts | None:
        async with self.db.connect() as conn:
            event = await load_event(conn, event_id)
            if event is None:
                return None
            status, mode = registrations.c.status, registrations.c.mode
            offline = mode == Mode.OFFLINE.value

            def n(condition: Any) -> Any:
                return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)

            row = (
                await conn.execute(
                    select(
                        n(and_(offline, status == RegStatus.CONFIRMED.value)),
                        n(and_(offline, status == RegStatus.OFFERED.value)),
                        n(status == RegStatus.WAITING.value),
                        n(and_(mode == Mode.ONLINE.value, status == RegStatus.CONFIRMED.value)),
                        n(status.in_([RegStatus.CANCELLED.value, RegStatus.LAPSED.value])),
                        n(registrations.c.checked_in_at.is_not(None)),
                    ).where(registrations.c.event_id == event_id)
                )
            ).one()
        confirmed, offered, waiting, online, cancelled, checked_in = (int(v) for v in row)
        return Counts(
            capacity=event.capacity,
            seats_taken=confirmed + offered,
            offered=offered,
            waiting=waiting,
            online=online,
            cancelled=cancelled,
            checked_in=checked_in,
        )

    async def door_list(self, event_id: int) -> list[Registration]:
        """Everyone registered or waiting, seats first, then the queue, then the rest."""
        async with self.db.connect() as conn:
            rows = (
                await conn.execute(
                    select(registrations)
                    .where(registrations.c.event_id == event_id)
                    .order_by(registrations.c.id)
                )
            ).all()
        order = {s: i for i, s in enumerate(RegStatus)}
        regs = [registration_from(r) for r in rows]
        return sorted(regs, key=lambda r: (r.mode != Mode.OFFLINE, order[r.status], r.id))

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

    async def report(self, event_id: int) -> Report | None:
        """For funders: registered, attended, no-shows, offline/online, by language."""
        async with self.db.connect() as conn:
            rows = (
                await conn.execute(
                    select(registrations).where(
                        registrations.c.event_id == event_id,
                        registrations.c.status == RegStatus.CONFIRMED.value,
                    )
                )
            ).all()
            exists = (
                await conn.execute(select(events.c.id).where(events.c.id == event_id))
            ).first()
        if exists is None:
            return None
        regs = [registration_from(r) for r in rows]
        offline = [r for r in regs if r.mode == Mode.OFFLINE]
        attended = sum(1 for r in offline if r.checked_in_at is not None)
        by_language: dict[str, int] = {}
        for r in regs:
            by_language[r.language] = by_language.get(r.language, 0) + 1
        return Report(
            registered=len(regs),
            attended=attended,
            no_shows=len(offline) - attended,
            offline=len(offline),
            online=len(regs) - len(offline),
            by_language=dict(sorted(by_language.items())),
        )

    async def erase_user(self, user_id: int) -> int:
        """/forget: cancel and anonymise the person's registrations; freed seats move on."""
        now = self.clock.now()
        async with write_transaction(self.db) as conn:
            regs = (
                (
                    await conn.execute(
                        select(registrations.c.id).where(registrations.c.user_id == user_id)
                    )
                )
                .scalars()
                .all()
            )
            for reg_id in regs:
                await reminders.cancel_for_registration(self.outbox, conn, reg_id)
            for event_id in set(await _erase(conn, user_id)):
                event = await load_event(conn, event_id, lock=True)
                if event is not None:
                    await self._promote(conn, event, now)
        return len(regs)

    # ----- inside a transaction ----------------------------------------------------

    async def _active(self, conn: AsyncConnection, event_id: int) -> list[Registration]:
        rows = (
            await conn.execute(
                select(registrations).where(
                    registrations.c.event_id == event_id,
                    registrations.c.status.in_([s.value for s in ACTIVE]),
                )
            )
        ).all()
        return [registration_from(r) for r in rows]

    async def _promote(self, conn: AsyncConnection, event: Event, now: datetime) -> list[Offer]:
        """Offer free seats to the people waiting longest. The event row is locked."""
        if event.capacity is None or event.status != EventStatus.PUBLISHED or now >= event.start_at:
            return []
        free = event.capacity - await _seats_held(conn, event.id)
        if free <= 0:
            return []
        rows = (
            await conn.execute(
                select(registrations)
                .where(
                    registrations.c.event_id == event.id,
                    registrations.c.status == RegStatus.WAITING.value,
                )
                .order_by(registrations.c.queued_at, registrations.c.id)
                .limit(free)
            )
        ).all()
        # Shorter close to the event: half the time left, so a lapse still leaves time.
        ttl = min(timedelta(hours=self.offer_hours), (event.start_at - now) / 2)
        expires = now + max(ttl, min(MIN_OFFER, event.start_at - now))
        made = []
        for row in rows:
            reg = registration_from(row)
            await conn.execute(
                update(registrations)
                .where(registrations.c.id == reg.id)
                .values(status=RegStatus.OFFERED.value)
            )
            offer_id = (
                await conn.execute(
                    insert(offers)
                    .values(
                        registration_id=reg.id,
                        event_id=event.id,
                        status="open",
                        created_at=now,
                        expires_at=expires,
                    )
                    .returning(offers.c.id)
                )
            ).scalar_one()
            offer = Offer(offer_id, reg.id, event.id, "open", now, expires)
            await reminders.schedule_offer(self.outbox, conn, offer, reg.user_id, now)
            made.append(offer)
        if made:
            log.info("event %s: %s seats offered", event.id, len(made))
        return made

    async def _lapse(self, conn: AsyncConnection, offer: Offer, now: datetime) -> None:
        """The person did not answer in time: they leave the queue and the seat moves on."""
        await conn.execute(
            update(offers).where(offers.c.id == offer.id).values(status="lapsed", closed_at=now)
        )
        await conn.execute(
            update(registrations)
            .where(
                registrations.c.id == offer.registration_id,
                registrations.c.status == RegStatus.OFFERED.value,
            )
            .values(status=RegStatus.LAPSED.value, cancelled_at=now)
        )
        await reminders.cancel_for_registration(self.outbox, conn, offer.registration_id)
        await reminders.schedule_lapse_notice(self.outbox, conn, offer, now)

    async def _notify_change(
        self, conn: AsyncConnection, event: Event, what: list[str], now: datetime
    ) -> int:
        regs = await self._active(conn, event.id)
        for reg in regs:
            await reminders.notify(
                self.outbox,
                conn,
                kind="changed",
                event=event,
                reg=reg,
                now=now,
                stamp=_stamp(now),
                what=what,
            )
        return len(regs)

    async def _reschedule_reminders(
        self, conn: AsyncConnection, event: Event, now: datetime
    ) -> None:
        for reg in await self._active(conn, event.id):
            await reminders.cancel_for_registration(self.outbox, conn, reg.id)
            await reminders.schedule_for_registration(
                self.outbox, conn, reg, event, self.reminder_offsets_hours, now
            )


# ----- helpers ------------------------------------------------------------------------


def _stamp(when: datetime) -> str:
    return str(int(when.timestamp()))


def _sub(row: Any, table: Any) -> Any:
    """The columns of one table out of a joined row, as a row-like object."""

    class _Row:
        _mapping = {c.name: row._mapping[c] for c in table.c}

    return _Row()


def _draft_values(draft: EventDraft) -> dict[str, Any]:
    return {
        "start_at": draft.start_at,
        "duration_minutes": draft.duration_minutes,
        "timezone": draft.timezone,
        "default_language": draft.default_language,
        "venue_name": draft.venue_name,
        "venue_address": draft.venue_address,
        "capacity": draft.capacity,
        "phone_required": draft.phone_required,
        "zoom_id": draft.zoom_id,
        "zoom_passcode": draft.zoom_passcode,
        "online_url": draft.online_url,
        "livestream_url": draft.livestream_url,
        "registration_deadline": draft.registration_deadline,
        "contact": draft.contact,
    }


async def _write_texts(conn: AsyncConnection, event_id: int, texts: Any) -> None:
    for text in texts:
        await conn.execute(
            event_texts.delete().where(
                event_texts.c.event_id == event_id, event_texts.c.language == text.language
            )
        )
        await conn.execute(
            insert(event_texts).values(
                event_id=event_id,
                language=text.language,
                title=text.title,
                description=text.description or "",
            )
        )


async def _seats_held(conn: AsyncConnection, event_id: int) -> int:
    query = select(func.count()).where(
        registrations.c.event_id == event_id,
        registrations.c.mode == Mode.OFFLINE.value,
        registrations.c.status.in_([s.value for s in HOLDS_SEAT]),
    )
    return int((await conn.execute(query)).scalar_one())


async def _locked_offer(
    conn: AsyncConnection, offer_id: int, user_id: int
) -> tuple[Offer, Event, Registration] | None:
    """The person's own offer, read again once its event is locked (it may have just lapsed)."""
    offer = await load_offer(conn, offer_id)
    if offer is None:
        return None
    event = await load_event(conn, offer.event_id, lock=True)
    reg = await load_registration(conn, offer.registration_id)
    offer = await load_offer(conn, offer_id)
    if event is None or reg is None or offer is None or reg.user_id != user_id:
        return None
    return offer, event, reg


async def _seats_and_existing(
    conn: AsyncConnection, event_id: int, user_id: int
) -> tuple[int, int, int | None]:
    """Seats held, people waiting, and this person's registration id, in one query."""
    status = registrations.c.status
    held = and_(
        registrations.c.mode == Mode.OFFLINE.value,
        status.in_([s.value for s in HOLDS_SEAT]),
    )
    mine = (
        select(registrations.c.id)
        .where(registrations.c.event_id == event_id, registrations.c.user_id == user_id)
        .scalar_subquery()
    )
    query = select(
        func.coalesce(func.sum(case((held, 1), else_=0)), 0),
        func.coalesce(func.sum(case((status == RegStatus.WAITING.value, 1), else_=0)), 0),
        mine,
    ).where(registrations.c.event_id == event_id)
    taken, waiting, existing_id = (await conn.execute(query)).one()
    return int(taken), int(waiting), existing_id


async def _insert_with_new_code(conn: AsyncConnection, values: dict[str, Any]) -> tuple[int, str]:
    """Insert with a short check-in code unique within the event, in one statement a try.

    INSERT … SELECT … WHERE NOT EXISTS inserts nothing on a clash, so the loop
    tries another code; under the event lock nobody else takes codes meanwhile.
    """
    names = [*values, "code"]
    for _ in range(50):
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        clash = (
            select(registrations.c.id)
            .where(registrations.c.event_id == values["event_id"], registrations.c.code == code)
            .exists()
        )
        row = select(
            *(
                literal(value, type_=registrations.c[name].type)
                for name, value in [*values.items(), ("code", code)]
            )
        ).where(~clash)
        stmt = insert(registrations).from_select(names, row).returning(registrations.c.id)
        reg_id = (await conn.execute(stmt)).scalar()
        if reg_id is not None:
            return int(reg_id), code
    raise RuntimeError(f"no free check-in code for event {values['event_id']}")


async def _count(conn: AsyncConnection, event_id: int, status: RegStatus) -> int:
    query = select(func.count()).where(
        registrations.c.event_id == event_id, registrations.c.status == status.value
    )
    return int((await conn.execute(query)).scalar_one())


async def _registration_of(
    conn: AsyncConnection, event_id: int, user_id: int
) -> Registration | None:
    row = (
        await conn.execute(
            select(registrations).where(
                registrations.c.event_id == event_id, registrations.c.user_id == user_id
            )
        )
    ).first()
    return registration_from(row) if row else None


async def _position(conn: AsyncConnection, reg: Registration) -> int | None:
    if reg.status != RegStatus.WAITING or reg.queued_at is None:
        return None
    ahead = select(func.count()).where(
        registrations.c.event_id == reg.event_id,
        registrations.c.status == RegStatus.WAITING.value,
        (registrations.c.queued_at < reg.queued_at)
        | ((registrations.c.queued_at == reg.queued_at) & (registrations.c.id < reg.id)),
    )
    return int((await conn.execute(ahead)).scalar_one()) + 1


async def _erase(conn: AsyncConnection, user_id: int) -> list[int]:
    """Anonymise the person's registrations; returns the events whose seats freed up."""
    rows = (
        await conn.execute(select(registrations).where(registrations.c.user_id == user_id))
    ).all()
    freed = []
    for row in rows:
        reg = registration_from(row)
        if reg.status in HOLDS_SEAT and reg.mode == Mode.OFFLINE:
            freed.append(reg.event_id)
        status = RegStatus.CANCELLED.value if reg.active else reg.status.value
        await conn.execute(
            update(registrations)
            .where(registrations.c.id == reg.id)
            # A negative id keeps the unique key and the counts, and points to nobody.
            .values(user_id=-reg.id, name="—", phone=None, status=status)
        )
        await conn.execute(
            update(offers)
            .where(offers.c.registration_id == reg.id, offers.c.status == "open")
            .values(status="withdrawn")
        )
    return freed
