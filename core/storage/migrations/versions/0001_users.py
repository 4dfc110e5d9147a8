"""users: who talks to the bot, in which language, and whether they blocked it

Revision ID: 0001_users
Revises:
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from core.storage.types import UTCDateTime

revision: str = "0001_users"
down_revision: str | None = None
branch_labels: Sequence[str] | None = None
depends_on: Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.BigInteger(), primary_key=True, autoincrement=False),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("language_chosen", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("first_seen", UTCDateTime(), nullable=False),
        sa.Column("last_seen", UTCDateTime(), nullable=False),
        sa.Column("blocked", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("blocked_at", UTCDateTime(), nullable=True),
        sa.Column("consented_at", UTCDateTime(), nullable=True),
    )
    op.create_index("ix_users_language", "users", ["language"])


def downgrade() -> None:
    op.drop_index("ix_users_language", table_name="users")
    op.drop_table("users")
