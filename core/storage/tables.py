"""Table definitions shared by every feature.

Each feature that owns tables defines them on this `metadata` in its own
module; the Alembic migrations are the source of truth for the schema and a
test checks that both agree.
"""

from __future__ import annotations

from sqlalchemy import BigInteger, Boolean, Column, Index, MetaData, String, Table

from core.storage.types import UTCDateTime

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

users = Table(
    "users",
    metadata,
    Column("id", BigInteger, primary_key=True, autoincrement=False),
    Column("language", String(8), nullable=False),
    # True once the person picked a language themselves; Telegram's guess may change.
    Column("language_chosen", Boolean, nullable=False, default=False),
    Column("first_seen", UTCDateTime, nullable=False),
    Column("last_seen", UTCDateTime, nullable=False),
    Column("blocked", Boolean, nullable=False, default=False),
    Column("blocked_at", UTCDateTime, nullable=True),
    Column("consented_at", UTCDateTime, nullable=True),
    # lt, lv, kz or other; NULL until the person chooses (DEFAULT_COUNTRY meanwhile).
    Column("country", String(8), nullable=True),
    Index("ix_users_language", "language"),
)
