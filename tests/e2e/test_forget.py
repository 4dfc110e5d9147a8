"""/forget leaves no trace of the person in any table, nor in the SQLite files."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from sqlalchemy import select

from core.clock import FakeClock
from core.storage.tables import metadata
from registry import EventDraft, EventText
from scheduler.broadcasts import Audience, Content
from tests.support import ADMIN_ID, start_jol

PERSON = 704_321
NAME = "Zhanar Qwertyuiop"
PHONE = "+37061234599"


async def test_forget_leaves_nothing(tmp_path: Path, clock: FakeClock) -> None:
    import core.storage.migrations.all_tables  # noqa: F401  (every table on metadata)

    async with start_jol(tmp_path, clock) as jol:
        services = jol.services
        event = await services.registry.create(
            EventDraft(
                texts={"en": EventText("en", "Round table")},
                start_at=clock.now() + timedelta(days=3),
                timezone="Europe/Vilnius",
                venue_name="Hall",
                capacity=5,
                phone_required=True,
            )
        )
        await services.registry.publish(event.id)
        person = jol.person(PERSON, "Zhanar", "en")
        _, picker = await jol.say(person, "/start", count=2)
        _, countries = await jol.tap(person, picker, "English", count=2)
        await jol.tap(person, countries, "Lithuania")
        (card,) = await jol.say(person, f"/start event-{event.id}")
        (consent,) = await jol.tap(person, card, "Take a seat")
        await jol.tap(person, consent, "✅")
        await jol.say(person, NAME)
        await jol.say(person, PHONE, count=2)
        jol.sim.mark(PERSON)
        await services.broadcasts.start(
            created_by=ADMIN_ID, audience=Audience("all"), contents={"*": Content("News")}
        )
        (news,) = await jol.sim.wait_for(PERSON)
        assert news.text == "News"
        # A question left open, so a conversation row exists too.
        online = await services.registry.create(
            EventDraft(
                texts={"en": EventText("en", "Webinar")},
                start_at=clock.now() + timedelta(days=4),
                timezone="Europe/Vilnius",
                online_url="https://zoom.us/j/2",
            )
        )
        await services.registry.publish(online.id)
        (card,) = await jol.say(person, f"/start event-{online.id}")
        (name_question,) = await jol.tap(person, card, "Join online")
        assert await services.conversations.current(PERSON) is not None
        (confirm,) = await jol.say(person, "/forget")
        (done,) = await jol.tap(person, confirm, "Yes")
        assert "erased" in done.text.lower() or "deleted" in done.text.lower()

        found = []
        async with services.db.connect() as conn:
            for table in metadata.sorted_tables:
                for row in (await conn.execute(select(table))).all():
                    for column, value in row._mapping.items():
                        text = str(value)
                        if value == PERSON or str(PERSON) in text or NAME in text or PHONE in text:
                            found.append(f"{table.name}.{column}")
        assert found == []
        db_file = Path(str(services.db.engine.url.database))
    for path in (db_file, db_file.with_name(db_file.name + "-wal")):
        if path.exists():
            data = path.read_bytes()
            assert NAME.encode() not in data and PHONE.encode() not in data, path
