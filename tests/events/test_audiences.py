"""Broadcast audiences from the registry: one event's registrants, or its waiting list."""

from __future__ import annotations

from core.clock import FakeClock
from core.storage import Database
from registry import Mode
from registry.audiences import RegistrantsAudience, WaitingListAudience
from tests.events.helpers import published, world


async def test_registrants_and_waiting_list(db: Database, clock: FakeClock) -> None:
    w = world(db, clock)
    event_id = await published(w, capacity=2)
    for uid in (1, 2, 3, 4):
        await w.registry.register(event_id, uid, mode=Mode.OFFLINE, name=f"P{uid}", language="en")
    await w.registry.register(event_id, 5, mode=Mode.ONLINE, name="P5", language="ru")
    registrants, waiting = RegistrantsAudience(clock), WaitingListAudience(clock)
    async with db.connect() as conn:
        assert await registrants.recipients(conn, str(event_id)) == [1, 2, 5]
        assert await waiting.recipients(conn, str(event_id)) == [3, 4]
        choices = await registrants.choices(conn)
        assert [c.arg for c in choices] == [str(event_id)]
        assert "Round table" in choices[0].label
        assert "Round table" in (await waiting.describe(conn, str(event_id)) or "")
        # Forged or unknown arguments find nobody.
        assert await registrants.recipients(conn, "1;drop") == []
        assert await registrants.recipients(conn, "²") == []  # isdigit() but not int()
        assert await registrants.describe(conn, "999") is None
