"""The first sweep runs as the bot starts, not one interval later."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from core.clock import FakeClock
from registry import EventDraft, EventText
from registry.models import EventStatus
from tests.support import eventually, start_jol


async def test_work_left_by_downtime_is_done_at_start_up(tmp_path: Path, clock: FakeClock) -> None:
    async with start_jol(tmp_path, clock) as jol:
        event = await jol.services.registry.create(
            EventDraft(
                texts={"en": EventText("en", "Round table")},
                start_at=clock.now() + timedelta(hours=1),
                timezone="Europe/Vilnius",
                venue_name="Hall",
                capacity=5,
            )
        )
        await jol.services.registry.publish(event.id)
    clock.advance(hours=6)  # the bot was down while the event took place
    async with start_jol(tmp_path, clock) as jol:
        # The events sweep repeats every 60 s; its first run must not wait for that.
        async def finished() -> bool:
            found = await jol.services.registry.get(event.id)
            return found is not None and found.status == EventStatus.FINISHED

        await eventually(finished, timeout=20)
