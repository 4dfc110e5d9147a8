"""What the knowledge base learns from use: unanswered questions and 👍/👎 counts.

Unanswered questions are kept as text only (no user id) and deleted after the
retention period. So that one person cannot fill the journal, a count per
person and day (no text) allows `UNANSWERED_PER_PERSON_PER_DAY` questions;
the counts are deleted the next day and on /forget.

Feedback is one vote per answer (topic in a country) per person: a second tap,
a replayed button or a forged one changes that vote and never adds one. On
/forget the person's votes stay counted but no longer name them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Index,
    Integer,
    PrimaryKeyConstraint,
    String,
    Table,
    case,
    delete,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from core.i18n import Translator
from core.storage import Database, UTCDateTime, write_transaction
from core.storage.tables import metadata

MAX_KEPT_CHARS = 500
UNANSWERED_PER_PERSON_PER_DAY = 10

unanswered = Table(
    "faq_unanswered",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("text", String(MAX_KEPT_CHARS), nullable=False),
    Column("lang", String(8), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Index("ix_faq_unanswered_created_at", "created_at"),
)

feedback = Table(
    "faq_feedback",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("topic_id", String(80), nullable=False),
    Column("lang", String(8), nullable=False),
    Column("helpful", Boolean, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    # Who voted (NULL once they used /forget, and for votes from before one vote per person).
    Column("voter", BigInteger, nullable=True),
    Column("country", String(8), nullable=True),
    Index("ix_faq_feedback_topic_id", "topic_id"),
    Index("uq_faq_feedback_vote", "voter", "country", "topic_id", unique=True),
)

unanswered_quota = Table(
    "faq_unanswered_quota",
    metadata,
    Column("user_id", BigInteger, nullable=False),
    Column("day", String(10), nullable=False),  # YYYY-MM-DD, UTC
    Column("count", Integer, nullable=False),
    PrimaryKeyConstraint("user_id", "day", name="pk_faq_unanswered_quota"),
)


@dataclass(frozen=True, slots=True)
class Unanswered:
    text: str
    count: int
    last_asked: datetime


@dataclass(frozen=True, slots=True)
class Feedback:
    topic_id: str
    helpful: int
    not_helpful: int


def _key(text: str) -> str:
    """Group questions that differ only in case and spacing."""
    return " ".join(text.lower().split())[:MAX_KEPT_CHARS]


def _day(now: datetime) -> str:
    return now.strftime("%Y-%m-%d")


class Journal:
    def __init__(self, db: Database) -> None:
        self._db = db

    def _insert(self) -> Any:
        return sqlite_insert if self._db.is_sqlite else pg_insert

    async def record_unanswered(
        self, text: str, lang: str, now: datetime, *, asker: int | None = None
    ) -> bool:
        """Keep the question (text only); False when `asker` used up today's share."""
        key = _key(text)
        if not key:
            return False
        async with write_transaction(self._db) as conn:
            if asker is not None:
                stmt = self._insert()(unanswered_quota).values(
                    user_id=asker, day=_day(now), count=1
                )
                stmt = stmt.on_conflict_do_update(
                    index_elements=["user_id", "day"],
                    set_={"count": unanswered_quota.c.count + 1},
                ).returning(unanswered_quota.c.count)
                count = (await conn.execute(stmt)).scalar_one()
                if count > UNANSWERED_PER_PERSON_PER_DAY:
                    return False
            await conn.execute(insert(unanswered).values(text=key, lang=lang, created_at=now))
        return True

    async def top_unanswered(self, limit: int = 20) -> list[Unanswered]:
        query = (
            select(unanswered.c.text, func.count(), func.max(unanswered.c.created_at))
            .group_by(unanswered.c.text)
            .order_by(func.count().desc(), func.max(unanswered.c.created_at).desc())
            .limit(limit)
        )
        async with self._db.connect() as conn:
            rows = (await conn.execute(query)).all()
        return [Unanswered(text, count, last) for text, count, last in rows]

    async def purge(self, older_than: datetime, *, now: datetime | None = None) -> int:
        """Delete unanswered questions past the retention period (and past days' counts)."""
        async with self._db.engine.begin() as conn:
            result = await conn.execute(
                delete(unanswered).where(unanswered.c.created_at < older_than)
            )
            if now is not None:
                await conn.execute(
                    delete(unanswered_quota).where(unanswered_quota.c.day < _day(now))
                )
        return result.rowcount or 0

    async def record_feedback(
        self,
        topic_id: str,
        lang: str,
        helpful: bool,
        now: datetime,
        *,
        voter: int | None = None,
        country: str | None = None,
    ) -> None:
        """A 👍/👎; with `voter`, their one vote on this answer (a later tap replaces it)."""
        values = {
            "topic_id": topic_id,
            "lang": lang,
            "helpful": helpful,
            "created_at": now,
            "voter": voter,
            # Never NULL beside a voter: NULLs are all distinct to a unique index.
            "country": country or "",
        }
        async with write_transaction(self._db) as conn:
            if voter is None:
                await conn.execute(insert(feedback).values(**values))
                return
            stmt = self._insert()(feedback).values(**values)
            stmt = stmt.on_conflict_do_update(
                index_elements=["voter", "country", "topic_id"],
                set_={"helpful": helpful, "lang": lang, "created_at": now},
            )
            await conn.execute(stmt)

    async def feedback_counts(self) -> list[Feedback]:
        up = func.sum(case((feedback.c.helpful.is_(True), 1), else_=0))
        down = func.sum(case((feedback.c.helpful.is_(False), 1), else_=0))
        query = (
            select(feedback.c.topic_id, up, down)
            .group_by(feedback.c.topic_id)
            .order_by(down.desc(), feedback.c.topic_id)
        )
        async with self._db.connect() as conn:
            rows = (await conn.execute(query)).all()
        return [Feedback(topic, int(u or 0), int(d or 0)) for topic, u, d in rows]


class JournalData:
    """A `core.personal_data.PersonalData` provider: a person's votes and today's count.

    Unanswered questions themselves carry no id, so there is nothing of theirs to find.
    """

    def __init__(self, db: Database, t: Translator) -> None:
        self._db = db
        self._t = t

    async def describe(self, user_id: int, lang: str) -> list[str]:
        async with self._db.connect() as conn:
            votes = (
                await conn.execute(
                    select(func.count()).select_from(feedback).where(feedback.c.voter == user_id)
                )
            ).scalar_one()
            asked = (
                await conn.execute(
                    select(func.coalesce(func.sum(unanswered_quota.c.count), 0)).where(
                        unanswered_quota.c.user_id == user_id
                    )
                )
            ).scalar_one()
        lines = []
        if votes:
            lines.append(self._t(lang, "faq-mydata-votes", count=int(votes)))
        if asked:
            lines.append(self._t(lang, "faq-mydata-unanswered", count=int(asked)))
        return lines

    async def erase(self, user_id: int) -> None:
        async with write_transaction(self._db) as conn:
            # The votes still count; they no longer say whose they were.
            await conn.execute(
                update(feedback).where(feedback.c.voter == user_id).values(voter=None)
            )
            await conn.execute(
                delete(unanswered_quota).where(unanswered_quota.c.user_id == user_id)
            )
