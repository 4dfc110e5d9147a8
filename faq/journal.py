"""What the knowledge base learns from use: unanswered questions and 👍/👎 counts.

Unanswered questions are kept as text only (no user id, long numbers such as phone
numbers masked) and deleted after the retention period; feedback is a count per topic and language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import (
    Boolean,
    Column,
    Index,
    Integer,
    String,
    Table,
    case,
    delete,
    func,
    insert,
    select,
)

from core.storage import Database, UTCDateTime
from core.storage.tables import metadata

MAX_KEPT_CHARS = 500

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
    Index("ix_faq_feedback_topic_id", "topic_id"),
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


# A phone number, a case or document number: six digits or more, perhaps with spaces,
# dashes, brackets or a plus. Never kept; the question around it still is.
_NUMBER = re.compile(r"\+?\d[\d\s\-()]{4,}\d")


def _key(text: str) -> str:
    """Group questions that differ only in case and spacing; long numbers masked."""
    masked = _NUMBER.sub("#", text)
    return " ".join(masked.lower().split())[:MAX_KEPT_CHARS]


class Journal:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def record_unanswered(self, text: str, lang: str, now: datetime) -> None:
        key = _key(text)
        if not key:
            return
        async with self._db.engine.begin() as conn:
            await conn.execute(insert(unanswered).values(text=key, lang=lang, created_at=now))

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

    async def purge(self, older_than: datetime) -> int:
        """Delete unanswered questions past the retention period."""
        async with self._db.engine.begin() as conn:
            result = await conn.execute(
                delete(unanswered).where(unanswered.c.created_at < older_than)
            )
        return result.rowcount or 0

    async def record_feedback(self, topic_id: str, lang: str, helpful: bool, now: datetime) -> None:
        async with self._db.engine.begin() as conn:
            await conn.execute(
                insert(feedback).values(
                    topic_id=topic_id, lang=lang, helpful=helpful, created_at=now
                )
            )

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
