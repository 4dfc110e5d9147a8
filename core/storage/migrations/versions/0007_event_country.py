"""events: the country an event takes place in (NULL: online only, for everyone)

Revision ID: 0007_event_country
Revises: 0003_events
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007_event_country"
down_revision: str | None = "0003_events"
branch_labels: Sequence[str] | None = None
depends_on: Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("events", sa.Column("country", sa.String(8), nullable=True))


def downgrade() -> None:
    op.drop_column("events", "country")
