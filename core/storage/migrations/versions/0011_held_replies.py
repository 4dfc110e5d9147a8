"""held replies: the updates whose replies wait for a sender, found by an index

Revision ID: 0011_held_replies
Revises: 0010_update_effects
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011_held_replies"
down_revision: str | None = "0010_update_effects"
branch_labels: Sequence[str] | None = None
depends_on: Sequence[str] | None = None

WAITING = sa.text("status IN ('replying', 'sending')")


def upgrade() -> None:
    op.create_index(
        "ix_update_log_replying",
        "update_log",
        ["update_id"],
        postgresql_where=WAITING,
        sqlite_where=WAITING,
    )


def downgrade() -> None:
    op.drop_index("ix_update_log_replying", table_name="update_log")
