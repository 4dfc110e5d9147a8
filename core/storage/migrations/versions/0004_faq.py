"""faq: unanswered questions (text only) and answer feedback counts

Revision ID: 0004_faq
Revises: 0001_users
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from core.storage.types import UTCDateTime

revision: str = "0004_faq"
down_revision: str | None = "0001_users"
branch_labels: Sequence[str] | None = ("faq",)
depends_on: Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "faq_unanswered",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("text", sa.String(500), nullable=False),
        sa.Column("lang", sa.String(8), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
    )
    op.create_index("ix_faq_unanswered_created_at", "faq_unanswered", ["created_at"])
    op.create_table(
        "faq_feedback",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("topic_id", sa.String(80), nullable=False),
        sa.Column("lang", sa.String(8), nullable=False),
        sa.Column("helpful", sa.Boolean(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
    )
    op.create_index("ix_faq_feedback_topic_id", "faq_feedback", ["topic_id"])


def downgrade() -> None:
    op.drop_table("faq_feedback")
    op.drop_table("faq_unanswered")
