"""scale: several processes on one PostgreSQL (update log, processes, leases, shared pace)

Revision ID: 0008_scale
Revises: 0001_users
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from core.storage.types import UTCDateTime

revision: str = "0008_scale"
down_revision: str | None = "0001_users"
branch_labels: Sequence[str] | None = ("scale",)
depends_on: Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "update_log",
        sa.Column("update_id", sa.BigInteger(), primary_key=True, autoincrement=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=True),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("worker", sa.String(80), nullable=False),
        sa.Column("claimed_at", UTCDateTime(), nullable=False),
        sa.Column("finished_at", UTCDateTime(), nullable=True),
    )
    op.create_index("ix_update_log_chat_id", "update_log", ["chat_id", "update_id"])
    op.create_index("ix_update_log_claimed_at", "update_log", ["claimed_at"])
    op.create_table(
        "processes",
        sa.Column("id", sa.String(80), primary_key=True),
        sa.Column("role", sa.String(10), nullable=False),
        sa.Column("send_rate", sa.Float(), nullable=True),
        sa.Column("started_at", UTCDateTime(), nullable=False),
        sa.Column("seen_at", UTCDateTime(), nullable=False),
    )
    op.create_table(
        "leases",
        sa.Column("name", sa.String(60), primary_key=True),
        sa.Column("holder", sa.String(80), nullable=False),
        sa.Column("until", UTCDateTime(), nullable=False),
    )
    op.create_table(
        "send_pace",
        sa.Column("name", sa.String(30), primary_key=True),
        # Seconds since the epoch (the database's clock): the next free send slot.
        sa.Column("next_slot", sa.Float(), nullable=False),
        sa.Column("paused_until", sa.Float(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("send_pace")
    op.drop_table("leases")
    op.drop_table("processes")
    op.drop_index("ix_update_log_claimed_at", table_name="update_log")
    op.drop_index("ix_update_log_chat_id", table_name="update_log")
    op.drop_table("update_log")
