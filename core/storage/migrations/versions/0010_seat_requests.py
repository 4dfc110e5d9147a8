"""registrations: an online registrant's request for a seat in the room

Revision ID: 0010_seat_requests
Revises: 0007_event_country
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010_seat_requests"
down_revision: str | None = "0007_event_country"
branch_labels: Sequence[str] | None = None
depends_on: Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("registrations", sa.Column("seat_request", sa.String(10), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("registrations") as batch:
        batch.drop_column("seat_request")
