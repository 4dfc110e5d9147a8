"""faq: one vote per answer per person; a per-person daily count of unanswered questions

Revision ID: 0008_faq_votes
Revises: 0004_faq
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008_faq_votes"
down_revision: str | None = "0004_faq"
branch_labels: Sequence[str] | None = None
depends_on: Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("faq_feedback", sa.Column("voter", sa.BigInteger(), nullable=True))
    op.add_column("faq_feedback", sa.Column("country", sa.String(8), nullable=True))
    op.create_index(
        "uq_faq_feedback_vote", "faq_feedback", ["voter", "country", "topic_id"], unique=True
    )
    op.create_table(
        "faq_unanswered_quota",
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("day", sa.String(10), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("user_id", "day", name="pk_faq_unanswered_quota"),
    )


def downgrade() -> None:
    op.drop_table("faq_unanswered_quota")
    op.drop_index("uq_faq_feedback_vote", table_name="faq_feedback")
    with op.batch_alter_table("faq_feedback") as batch:
        batch.drop_column("country")
        batch.drop_column("voter")
