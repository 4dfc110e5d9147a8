"""cases: a person's question to the NGO's staff, relayed through a forum topic

Revision ID: 0009_cases
Revises: 0001_users
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from core.storage.types import UTCDateTime

revision: str = "0009_cases"
down_revision: str | None = "0001_users"
branch_labels: Sequence[str] | None = ("cases",)
depends_on: Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "cases",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("waiting_for", sa.String(10), nullable=False),
        sa.Column("priority", sa.Boolean(), nullable=False),
        sa.Column("lang", sa.String(8), nullable=False),
        sa.Column("country", sa.String(8), nullable=False),
        sa.Column("kb_topic", sa.String(80), nullable=True),
        sa.Column("thread_id", sa.BigInteger(), nullable=True),
        sa.Column("opened_at", UTCDateTime(), nullable=False),
        sa.Column("first_reply_at", UTCDateTime(), nullable=True),
        sa.Column("waiting_since", UTCDateTime(), nullable=True),
        sa.Column("overdue_told_at", UTCDateTime(), nullable=True),
        sa.Column("closed_at", UTCDateTime(), nullable=True),
        sa.Column("closed_by", sa.String(10), nullable=True),
        sa.Column("rating", sa.Integer(), nullable=True),
        sa.Column("person_blocked", sa.Boolean(), nullable=False),
        sa.Column("messages_in", sa.Integer(), nullable=False),
        sa.Column("messages_out", sa.Integer(), nullable=False),
    )
    op.create_index("ix_cases_user_id", "cases", ["user_id"])
    op.create_index("ix_cases_thread_id", "cases", ["thread_id"])
    op.create_index("ix_cases_status", "cases", ["status", "opened_at"])
    op.create_index(
        "uq_cases_open_user",
        "cases",
        ["user_id"],
        unique=True,
        sqlite_where=sa.text("status = 'open'"),
        postgresql_where=sa.text("status = 'open'"),
    )
    op.create_table(
        "case_notices",
        sa.Column("user_id", sa.BigInteger(), primary_key=True, autoincrement=False),
        sa.Column("seen_at", UTCDateTime(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("case_notices")
    op.drop_index("uq_cases_open_user", table_name="cases")
    op.drop_index("ix_cases_status", table_name="cases")
    op.drop_index("ix_cases_thread_id", table_name="cases")
    op.drop_index("ix_cases_user_id", table_name="cases")
    op.drop_table("cases")
