"""outbox and broadcasts: everything the bot sends later, durably

Revision ID: 0002_outbox
Revises: 0001_users
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from core.storage.types import UTCDateTime

revision: str = "0002_outbox"
down_revision: str | None = "0001_users"
branch_labels: Sequence[str] | None = ("outbox",)
depends_on: Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "outbox",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), primary_key=True),
        sa.Column("dedupe_key", sa.String(200), nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("text", sa.Text(), nullable=True),
        sa.Column("render_name", sa.String(60), nullable=True),
        sa.Column("render_payload", sa.JSON(), nullable=True),
        sa.Column("buttons", sa.JSON(), nullable=True),
        sa.Column("attachment_kind", sa.String(10), nullable=True),
        sa.Column("attachment_name", sa.String(200), nullable=True),
        sa.Column("attachment_mime", sa.String(100), nullable=True),
        sa.Column("attachment_file_id", sa.String(200), nullable=True),
        sa.Column("attachment_bytes", sa.LargeBinary(), nullable=True),
        sa.Column("due_at", UTCDateTime(), nullable=False),
        sa.Column("not_after", UTCDateTime(), nullable=True),
        sa.Column("respects_quiet_hours", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("status", sa.String(20), nullable=False, server_default="pending"),
        sa.Column("attempts", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("last_error", sa.String(300), nullable=True),
        sa.Column("claimed_by", sa.String(60), nullable=True),
        sa.Column("claimed_until", UTCDateTime(), nullable=True),
        sa.Column("sent_at", UTCDateTime(), nullable=True),
        sa.Column("message_id", sa.BigInteger(), nullable=True),
        sa.Column("broadcast_id", sa.Integer(), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_outbox"),
        sa.UniqueConstraint("dedupe_key", name="uq_outbox_dedupe_key"),
    )
    op.create_index("ix_outbox_status_due", "outbox", ["status", "due_at"])
    op.create_index("ix_outbox_broadcast_id", "outbox", ["broadcast_id"])
    op.create_index("ix_outbox_chat_id", "outbox", ["chat_id"])
    op.create_table(
        "broadcasts",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("created_by", sa.BigInteger(), nullable=False),
        sa.Column("audience", sa.String(100), nullable=False),
        sa.Column("status", sa.String(20), nullable=False, server_default="running"),
        sa.Column("total", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("sent", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("failed", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("blocked", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("cancelled", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("progress_chat_id", sa.BigInteger(), nullable=True),
        sa.Column("progress_message_id", sa.BigInteger(), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("finished_at", UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_broadcasts"),
    )


def downgrade() -> None:
    op.drop_table("broadcasts")
    op.drop_index("ix_outbox_chat_id", table_name="outbox")
    op.drop_index("ix_outbox_broadcast_id", table_name="outbox")
    op.drop_index("ix_outbox_status_due", table_name="outbox")
    op.drop_table("outbox")
