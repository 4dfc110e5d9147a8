"""Tables of the outbox and of organizer broadcasts (on the shared metadata)."""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Index,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
)

from core.storage.tables import metadata
from core.storage.types import UTCDateTime

outbox = Table(
    "outbox",
    metadata,
    Column("id", BigInteger().with_variant(Integer, "sqlite"), primary_key=True),
    # Who asks twice for the same thing gets one row: "reminder:<registration>:24h".
    Column("dedupe_key", String(200), nullable=False, unique=True),
    Column("chat_id", BigInteger, nullable=False),
    Column("kind", String(20), nullable=False),
    # Either a ready HTML text, or a renderer name and payload resolved at send time.
    Column("text", Text, nullable=True),
    Column("render_name", String(60), nullable=True),
    Column("render_payload", JSON, nullable=True),
    Column("buttons", JSON, nullable=True),
    # "document" or "photo"; content by Telegram file_id (preferred) or inline bytes.
    Column("attachment_kind", String(10), nullable=True),
    Column("attachment_name", String(200), nullable=True),
    Column("attachment_mime", String(100), nullable=True),
    Column("attachment_file_id", String(200), nullable=True),
    Column("attachment_bytes", LargeBinary, nullable=True),
    Column("due_at", UTCDateTime, nullable=False),
    # Later than this the message is pointless (the event has started): expire it.
    Column("not_after", UTCDateTime, nullable=True),
    Column("respects_quiet_hours", Boolean, nullable=False, default=False),
    Column("status", String(20), nullable=False, default="pending"),
    Column("attempts", Integer, nullable=False, default=0),
    Column("last_error", String(300), nullable=True),
    Column("claimed_by", String(60), nullable=True),
    Column("claimed_until", UTCDateTime, nullable=True),
    Column("sent_at", UTCDateTime, nullable=True),
    Column("message_id", BigInteger, nullable=True),
    Column("broadcast_id", Integer, nullable=True),
    Column("created_at", UTCDateTime, nullable=False),
    # A forum topic of the chat, and a message to copy instead of text (case relays).
    Column("thread_id", BigInteger, nullable=True),
    Column("copy_chat_id", BigInteger, nullable=True),
    Column("copy_message_id", BigInteger, nullable=True),
    # Rows sharing a sequence go out one at a time in id order ("case:12:in"): a
    # later one waits while an earlier one is pending or being sent.
    Column("sequence", String(80), nullable=True),
    Index("ix_outbox_status_due", "status", "due_at"),
    Index("ix_outbox_sequence", "sequence", "id"),
    Index("ix_outbox_broadcast_id", "broadcast_id"),
    Index("ix_outbox_chat_id", "chat_id"),
)

broadcasts = Table(
    "broadcasts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("created_by", BigInteger, nullable=False),
    # The audience as encoded by scheduler.broadcasts.Audience ("all", "lang:ru", …).
    Column("audience", String(100), nullable=False),
    Column("status", String(20), nullable=False, default="running"),
    Column("total", Integer, nullable=False, default=0),
    Column("sent", Integer, nullable=False, default=0),
    Column("failed", Integer, nullable=False, default=0),
    Column("blocked", Integer, nullable=False, default=0),
    Column("cancelled", Integer, nullable=False, default=0),
    Column("progress_chat_id", BigInteger, nullable=True),
    Column("progress_message_id", BigInteger, nullable=True),
    Column("created_at", UTCDateTime, nullable=False),
    Column("finished_at", UTCDateTime, nullable=True),
)

# Announcements a person chose (scheduler.subscriptions): no row means the topic is on.
subscriptions = Table(
    "subscriptions",
    metadata,
    Column("user_id", BigInteger, primary_key=True, autoincrement=False),
    Column("topic", String(20), primary_key=True),
    Column("wanted", Boolean, nullable=False),
    Column("changed_at", UTCDateTime, nullable=False),
)
