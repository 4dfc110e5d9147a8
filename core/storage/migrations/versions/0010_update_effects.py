"""update effects: the journal of what handling an update did outside the database

Revision ID: 0010_update_effects
Revises: 0008_scale
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010_update_effects"
down_revision: str | None = "0008_scale"
branch_labels: Sequence[str] | None = None
depends_on: Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("update_log", sa.Column("effects", sa.JSON(), nullable=True))


def downgrade() -> None:
    op.drop_column("update_log", "effects")
