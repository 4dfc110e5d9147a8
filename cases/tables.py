"""Tables of consultant cases (on the shared metadata)."""

from __future__ import annotations

from sqlalchemy import BigInteger, Boolean, Column, Index, Integer, String, Table, text

from core.storage.tables import metadata
from core.storage.types import UTCDateTime

cases = Table(
    "cases",
    metadata,
    # The case number staff and the person see.
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("user_id", BigInteger, nullable=False),
    # open | closed
    Column("status", String(10), nullable=False),
    # Who the next move belongs to while open: staff | person.
    Column("waiting_for", String(10), nullable=False),
    # SOS: marked 🔴, pinned, protection contacts told.
    Column("priority", Boolean, nullable=False, default=False),
    Column("lang", String(8), nullable=False),
    Column("country", String(8), nullable=False),
    # The knowledge-base topic the person came from, if any.
    Column("kb_topic", String(80), nullable=True),
    # The forum topic in the staff group (NULL until it is made).
    Column("thread_id", BigInteger, nullable=True),
    Column("opened_at", UTCDateTime, nullable=False),
    Column("first_reply_at", UTCDateTime, nullable=True),
    # Since when the person has been waiting for staff (NULL: not waiting).
    Column("waiting_since", UTCDateTime, nullable=True),
    # Staff reminded and the person told the honest status, for this wait.
    Column("overdue_told_at", UTCDateTime, nullable=True),
    Column("closed_at", UTCDateTime, nullable=True),
    # staff | person
    Column("closed_by", String(10), nullable=True),
    Column("rating", Integer, nullable=True),
    Column("person_blocked", Boolean, nullable=False, default=False),
    Column("messages_in", Integer, nullable=False, default=0),
    Column("messages_out", Integer, nullable=False, default=0),
    Index("ix_cases_user_id", "user_id"),
    Index("ix_cases_thread_id", "thread_id"),
    Index("ix_cases_status", "status", "opened_at"),
    # One open case per person, whatever the race.
    Index(
        "uq_cases_open_user",
        "user_id",
        unique=True,
        sqlite_where=text("status = 'open'"),
        postgresql_where=text("status = 'open'"),
    ),
)

# People who have read the notice about what staff see (asked once).
case_notices = Table(
    "case_notices",
    metadata,
    Column("user_id", BigInteger, primary_key=True, autoincrement=False),
    Column("seen_at", UTCDateTime, nullable=False),
)
