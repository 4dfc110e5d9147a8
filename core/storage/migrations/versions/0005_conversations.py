"""conversations: what a person is in the middle of typing (prompts, wizards, drafts)

Revision ID: 0005_conversations
Revises: 0001_users
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from core.storage.types import UTCDateTime

revision: str = "0005_conversations"
down_revision: str | None = "0001_users"
branch_labels: Sequence[str] | None = ("conversations",)
depends_on: Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "conversations",
        sa.Column("user_id", sa.BigInteger(), primary_key=True, autoincrement=False),
        sa.Column("kind", sa.String(32), primary_key=True),
        sa.Column("step", sa.String(64), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.Column("expires_at", UTCDateTime(), nullable=False),
    )
    op.create_index("ix_conversations_expires_at", "conversations", ["expires_at"])


def downgrade() -> None:
    op.drop_index("ix_conversations_expires_at", table_name="conversations")
    op.drop_table("conversations")
