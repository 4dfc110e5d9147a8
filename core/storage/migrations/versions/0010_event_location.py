"""events: a pin on the map for the venue (NULL: no pin; events made before keep working)

Revision ID: 0010_event_location
Revises: 0007_event_country
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from core.storage.types import GeoPointText

revision: str = "0010_event_location"
down_revision: str | None = "0007_event_country"
branch_labels: Sequence[str] | None = None
depends_on: Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("events", sa.Column("venue_location", GeoPointText(), nullable=True))


def downgrade() -> None:
    op.drop_column("events", "venue_location")
