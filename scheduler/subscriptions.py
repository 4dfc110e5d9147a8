"""Which announcements a person wants: events in their country, news, community stories.

Every topic is on until the person turns it off (one tap under any broadcast of that
topic, or /settings); a broadcast for a topic goes only to people who have it on.
The choices are personal data: /mydata lists them and /forget erases them.
"""

from __future__ import annotations

from sqlalchemy import Select, delete, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from core.clock import Clock
from core.i18n import Translator
from core.storage import Database, write_transaction
from scheduler.tables import subscriptions

# In the order people see them; short, [a-z] (they go into button data).
TOPICS = ("events", "news", "stories")


class Subscriptions:
    def __init__(self, db: Database, clock: Clock, t: Translator) -> None:
        self.db = db
        self.clock = clock
        self.t = t

    async def choices(self, user_id: int) -> dict[str, bool]:
        """Every topic with the person's choice (on unless turned off)."""
        async with self.db.connect() as conn:
            rows = await conn.execute(
                select(subscriptions.c.topic, subscriptions.c.wanted).where(
                    subscriptions.c.user_id == user_id
                )
            )
            chosen = {topic: bool(wanted) for topic, wanted in rows.all()}
        return {topic: chosen.get(topic, True) for topic in TOPICS}

    async def choose(self, user_id: int, topic: str, wanted: bool) -> None:
        if topic not in TOPICS:
            raise ValueError(f"unknown topic {topic!r}")
        values = {"user_id": user_id, "topic": topic, "wanted": wanted}
        values["changed_at"] = self.clock.now()
        insert = pg_insert if not self.db.is_sqlite else sqlite_insert
        statement = insert(subscriptions).values(**values)
        statement = statement.on_conflict_do_update(
            index_elements=["user_id", "topic"],
            set_={"wanted": wanted, "changed_at": values["changed_at"]},
        )
        async with write_transaction(self.db) as conn:
            await conn.execute(statement)

    @staticmethod
    def turned_off(topic: str) -> Select[tuple[int]]:
        """The ids of people who turned `topic` off (to leave out of a broadcast)."""
        return select(subscriptions.c.user_id).where(
            subscriptions.c.topic == topic, subscriptions.c.wanted.is_(False)
        )

    # core.personal_data.PersonalData

    async def describe(self, user_id: int, lang: str) -> list[str]:
        chosen = await self.choices(user_id)
        lines = [self.t(lang, "subscriptions-mydata-title")]
        for topic, wanted in chosen.items():
            state = self.t(lang, "subscriptions-on" if wanted else "subscriptions-off")
            name = self.t(lang, f"subscriptions-topic-{topic}")
            lines.append(self.t(lang, "subscriptions-mydata-item", topic=name, state=state))
        return ["\n".join(lines)]

    async def erase(self, user_id: int) -> None:
        async with write_transaction(self.db) as conn:
            await conn.execute(delete(subscriptions).where(subscriptions.c.user_id == user_id))
