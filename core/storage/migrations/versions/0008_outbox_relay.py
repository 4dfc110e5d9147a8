"""outbox: forum topics, copied messages and ordered sequences (consultant relays)

Revision ID: 0008_outbox_relay
Revises: 0002_outbox
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008_outbox_relay"
down_revision: str | None = "0002_outbox"
branch_labels: Sequence[str] | None = None
depends_on: Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("outbox", sa.Column("thread_id", sa.BigInteger(), nullable=True))
    op.add_column("outbox", sa.Column("copy_chat_id", sa.BigInteger(), nullable=True))
    op.add_column("outbox", sa.Column("copy_message_id", sa.BigInteger(), nullable=True))
    op.add_column("outbox", sa.Column("sequence", sa.String(80), nullable=True))
    op.create_index("ix_outbox_sequence", "outbox", ["sequence", "id"])


def downgrade() -> None:
    op.drop_index("ix_outbox_sequence", table_name="outbox")
    with op.batch_alter_table("outbox") as batch:
        batch.drop_column("sequence")
        batch.drop_column("copy_message_id")
        batch.drop_column("copy_chat_id")
        batch.drop_column("thread_id")
