"""What the outbox keeps about a person, for /forget: every row addressed to them.

Rows still to be sent are deleted (nothing more goes to someone who asked to be
forgotten). Rows already sent, failed or skipped keep their place in a
broadcast's counts but no longer point to anybody: the chat id becomes 0 and
the dedupe key, which may hold the chat id (`bc:<broadcast>:<chat>`), becomes
`erased:<row id>`; texts, buttons, payloads and attachments are dropped.
"""

from __future__ import annotations

from sqlalchemy import String, cast, delete, literal, update

from core.storage import Database, write_transaction
from scheduler.outbox import PENDING, SENDING
from scheduler.tables import outbox


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
                update(outbox)
                .where(outbox.c.chat_id == user_id)
                .values(
                    chat_id=0,
                    dedupe_key=literal("erased:", String) + cast(outbox.c.id, String),
                    text=None,
                    render_payload=None,
                    buttons=None,
                    attachment_name=None,
                    attachment_file_id=None,
                    attachment_bytes=None,
                    last_error=None,
                    message_id=None,
                )
            )
