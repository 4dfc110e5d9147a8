"""events: events, their texts per language, registrations, waiting-list offers

Revision ID: 0003_events
Revises: 0001_users
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from core.storage.types import UTCDateTime

revision: str = "0003_events"
down_revision: str | None = "0001_users"
branch_labels: Sequence[str] | None = ("events",)
depends_on: Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "events",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("start_at", UTCDateTime(), nullable=False),
        sa.Column("duration_minutes", sa.Integer(), nullable=False),
        sa.Column("timezone", sa.String(64), nullable=False),
        sa.Column("default_language", sa.String(8), nullable=False),
        sa.Column("venue_name", sa.String(200), nullable=True),
        sa.Column("venue_address", sa.String(300), nullable=True),
        sa.Column("capacity", sa.Integer(), nullable=True),
        sa.Column("phone_required", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("zoom_id", sa.String(40), nullable=True),
        sa.Column("zoom_passcode", sa.String(40), nullable=True),
        sa.Column("online_url", sa.String(500), nullable=True),
        sa.Column("livestream_url", sa.String(500), nullable=True),
        sa.Column("registration_deadline", UTCDateTime(), nullable=True),
        sa.Column("contact", sa.String(200), nullable=True),
        sa.Column("created_by", sa.BigInteger(), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_events"),
    )
    op.create_index("ix_events_status_start", "events", ["status", "start_at"])
    op.create_table(
        "event_texts",
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("event_id", "language", name="pk_event_texts"),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
            ondelete="CASCADE",
            name="fk_event_texts_event_id_events",
        ),
    )
    op.create_table(
        "registrations",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("mode", sa.String(10), nullable=False),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("phone", sa.String(20), nullable=True),
        sa.Column("code", sa.String(8), nullable=False),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("queued_at", UTCDateTime(), nullable=True),
        sa.Column("checked_in_at", UTCDateTime(), nullable=True),
        sa.Column("cancelled_at", UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_registrations"),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
            ondelete="CASCADE",
            name="fk_registrations_event_id_events",
        ),
        sa.UniqueConstraint("event_id", "user_id", name="uq_registrations_event_user"),
        sa.UniqueConstraint("event_id", "code", name="uq_registrations_event_code"),
    )
    op.create_index("ix_registrations_event_status", "registrations", ["event_id", "status"])
    op.create_index("ix_registrations_user_id", "registrations", ["user_id"])
    op.create_table(
        "offers",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("registration_id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("expires_at", UTCDateTime(), nullable=False),
        sa.Column("closed_at", UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_offers"),
        sa.ForeignKeyConstraint(
            ["registration_id"],
            ["registrations.id"],
            ondelete="CASCADE",
            name="fk_offers_registration_id_registrations",
        ),
        sa.ForeignKeyConstraint(
            ["event_id"], ["events.id"], ondelete="CASCADE", name="fk_offers_event_id_events"
        ),
    )
    op.create_index("ix_offers_status_expires", "offers", ["status", "expires_at"])
    op.create_index("ix_offers_registration_id", "offers", ["registration_id"])


def downgrade() -> None:
    op.drop_table("offers")
    op.drop_index("ix_registrations_user_id", table_name="registrations")
    op.drop_index("ix_registrations_event_status", table_name="registrations")
    op.drop_table("registrations")
    op.drop_table("event_texts")
    op.drop_index("ix_events_status_start", table_name="events")
    op.drop_table("events")
