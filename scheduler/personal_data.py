"""What the outbox keeps about a person, for /forget: every row addressed to them.

Rows still to be sent are deleted (nothing more goes to someone who asked to be
forgotten). Rows already sent, failed or skipped keep their place in a
broadcast's counts but no longer point to anybody: the chat id becomes 0 and
the dedupe key, which may hold the chat id (`bc:<broadcast>:<chat>`), becomes
`erased:<row id>`; texts, buttons, payloads and attachments are dropped.

The same happens to everyone's settled rows once they are older than the
retention period (`anonymise_settled`, from the retention job): the outbox is
no lasting record of who was sent what.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import String, cast, delete, literal, update

from core.storage import Database, write_transaction
from scheduler.outbox import PENDING, SENDING
from scheduler.tables import outbox


def _anonymous() -> dict[str, Any]:
    return {
        "chat_id": 0,
        "dedupe_key": literal("erased:", String) + cast(outbox.c.id, String),
        "text": None,
        "render_payload": None,
        "buttons": None,
        "attachment_name": None,
        "attachment_file_id": None,
        "attachment_bytes": None,
        "last_error": None,
        "message_id": None,
    }


class OutboxData:
    """A `core.personal_data.PersonalData` provider for the outbox."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def describe(self, user_id: int, lang: str) -> list[str]:  # noqa: ARG002 - PersonalData
        # Planned messages are named by the feature that planned them (reminders by events).
        return []

    async def erase(self, user_id: int) -> None:
        async with write_transaction(self._db) as conn:
            await conn.execute(
                delete(outbox).where(
                    outbox.c.chat_id == user_id, outbox.c.status.in_([PENDING, SENDING])
                )
            )
            await conn.execute(
                update(outbox).where(outbox.c.chat_id == user_id).values(**_anonymous())
            )

    async def anonymise_settled(self, older_than: datetime) -> int:
        """Rows sent, failed or skipped before `older_than` stop pointing to anybody."""
        async with write_transaction(self._db) as conn:
            result = await conn.execute(
                update(outbox)
                .where(
                    outbox.c.created_at < older_than,
                    outbox.c.status.not_in([PENDING, SENDING]),
                    outbox.c.chat_id != 0,
                )
                .values(**_anonymous())
            )
        return result.rowcount or 0
