"""An online registrant asks for a seat in the room and keeps the online place meanwhile.

One registration throughout: it joins the room's waiting list (by the time it asked)
beside the people waiting offline; a freed seat is offered to it by the same waiting-list
mechanism (`WaitingList._promote`), and accepting turns it into an offline registration
(`EventCommands.accept_offer`). Declining, a lapsed offer, or leaving the queue leaves it
the online place it had. Each command decides under the event's lock, so capacity holds.
"""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy import update

from core.storage import write_transaction
from registry.models import (
    CancelResult,
    EventStatus,
    Mode,
    OfferStatus,
    RegisterOutcome,
    RegisterResult,
    RegStatus,
    SeatRequest,
    normalise_phone,
)
from registry.sql import (
    close_open_offers,
    drop_seat_request,
    load_registration,
    own_registration_locked,
    seats_and_existing,
    waiting_position,
)
from registry.tables import registrations
from registry.waitlist import WaitingList

log = logging.getLogger(__name__)


class SeatRequests(WaitingList):
    """Ask for a seat from an online place; stop asking."""

    async def ask_for_seat(
        self,
        registration_id: int,
        user_id: int,
        *,
        phone: str | None = None,
        home_country: str | None = None,
    ) -> RegisterOutcome:
        """REGISTERED: a seat was free and nobody waited, the place is a seat now;
        WAITLISTED: in the room's queue (`position`), the online place kept;
        ALREADY_REGISTERED: already asking, or already in the room; else why not."""
        now = self.clock.now()
        async with write_transaction(self.db) as conn:
            found = await own_registration_locked(conn, registration_id, user_id)
            if found is None:
                return RegisterOutcome(RegisterResult.NOT_FOUND)
            reg, event = found
            if not reg.active:
                return RegisterOutcome(RegisterResult.NOT_FOUND)
            if not reg.may_ask_for_seat:
                position = await waiting_position(conn, reg)
                return RegisterOutcome(RegisterResult.ALREADY_REGISTERED, reg, position)
            refusal = event.refusal(Mode.OFFLINE, now)
            if refusal is not None:
                return RegisterOutcome(refusal)
            clean_phone = (
                normalise_phone(phone, event.country, home_country) if phone else reg.phone
            )
            if phone and clean_phone is None:
                return RegisterOutcome(RegisterResult.BAD_PHONE)
            if event.phone_required and clean_phone is None:
                return RegisterOutcome(RegisterResult.PHONE_REQUIRED)
            taken, waiting, _ = await seats_and_existing(conn, event.id, user_id)
            values: dict[str, Any]
            if event.next_place_is_seat(taken, waiting):
                values = {"mode": Mode.OFFLINE.value, "phone": clean_phone}
                result, position = RegisterResult.REGISTERED, None
            else:
                values = {
                    "seat_request": SeatRequest.WAITING.value,
                    "queued_at": now,
                    "phone": clean_phone,
                }
                # Under the lock the queue cannot move: the newcomer is last.
                result, position = RegisterResult.WAITLISTED, waiting + 1
            await conn.execute(
                update(registrations).where(registrations.c.id == reg.id).values(**values)
            )
            fresh = await load_registration(conn, reg.id)
        log.info("registration %s asked for a seat: %s", registration_id, result.value)
        return RegisterOutcome(result, fresh, position)

    async def stop_asking_for_seat(self, registration_id: int, user_id: int) -> CancelResult:
        """Leave the room's queue (an open offer is declined); the online place stays."""
        now = self.clock.now()
        async with write_transaction(self.db) as conn:
            found = await own_registration_locked(conn, registration_id, user_id)
            if found is None:
                return CancelResult.NOT_FOUND
            reg, event = found
            if event.status == EventStatus.CANCELLED:
                return CancelResult.EVENT_CANCELLED
            if not await drop_seat_request(conn, registration_id):
                return CancelResult.ALREADY_CANCELLED
            if reg.status == RegStatus.CONFIRMED:
                await close_open_offers(conn, registration_id, OfferStatus.DECLINED, now)
                # A seat it held goes to the next person waiting.
                await self._promote(conn, event, now)
        log.info("registration %s stopped asking for a seat", registration_id)
        return CancelResult.CANCELLED
