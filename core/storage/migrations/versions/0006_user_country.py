"""users: the country a person lives in (lt, lv, kz, other), asked once after the language

Revision ID: 0006_user_country
Revises: 0001_users
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006_user_country"
down_revision: str | None = "0001_users"
branch_labels: Sequence[str] | None = ("user_country",)
depends_on: Sequence[str] | None = None


def upgrade() -> None:
    # NULL: not chosen yet; the deployment's DEFAULT_COUNTRY applies meanwhile.
    op.add_column("users", sa.Column("country", sa.String(8), nullable=True))


def downgrade() -> None:
    op.drop_column("users", "country")
