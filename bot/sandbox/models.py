"""Plain data kept by the simulated Telegram: users, chats, messages, files, counters."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any


class ApiError(Exception):
    """A Bot API failure answered as ``{"ok": false, ...}`` with the given HTTP status."""

    def __init__(
        self, status: int, description: str, parameters: dict[str, Any] | None = None
    ) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.parameters = parameters

    def payload(self) -> dict[str, Any]:
        """The JSON body Telegram sends for this error."""
        body: dict[str, Any] = {
            "ok": False,
            "error_code": self.status,
            "description": self.description,
        }
        if self.parameters:
            body["parameters"] = self.parameters
        return body


def administrator(user: dict[str, Any]) -> dict[str, Any]:
    """The Bot API ``ChatMemberAdministrator`` of a staff group's admin (or the bot)."""
    return {
        "user": user,
        "status": "administrator",
        "can_be_edited": False,
        "is_anonymous": False,
        "can_manage_chat": True,
        "can_delete_messages": True,
        "can_manage_video_chats": True,
        "can_restrict_members": True,
        "can_promote_members": False,
        "can_change_info": True,
        "can_invite_users": True,
        "can_post_stories": False,
        "can_edit_stories": False,
        "can_delete_stories": False,
        "can_manage_topics": True,
    }


def bad_request(reason: str) -> ApiError:
    """400 with Telegram's ``Bad Request: `` prefix."""
    return ApiError(400, f"Bad Request: {reason}")


@dataclass(slots=True)
class SimUser:
    """A simulated Telegram user; its private chat has ``chat_id == id``."""

    id: int
    first_name: str
    language_code: str | None = "en"
    username: str | None = None
    last_name: str | None = None
    blocked: bool = False

    def to_api(self) -> dict[str, Any]:
        """The Bot API ``User`` object."""
        data: dict[str, Any] = {"id": self.id, "is_bot": False, "first_name": self.first_name}
        if self.last_name:
            data["last_name"] = self.last_name
        if self.username:
            data["username"] = self.username
        if self.language_code:
            data["language_code"] = self.language_code
        return data


@dataclass(slots=True)
class SimFile:
    """A stored file (document or photo) with what Telegram reports about it."""

    file_id: str
    file_unique_id: str
    name: str
    mime: str
    data: bytes
    width: int = 0
    height: int = 0
    # A photo's smaller sizes, smallest first (Telegram sends every size it made).
    smaller: tuple[SimFile, ...] = ()

    @property
    def size(self) -> int:
        """Size in bytes."""
        return len(self.data)

    @property
    def file_path(self) -> str:
        """Path under ``base_file_url + token`` where getFile lets the bot download it."""
        folder = "photos" if self.width else "documents"
        return f"{folder}/{self.file_unique_id}/{self.name}"

    def document_api(self) -> dict[str, Any]:
        """The Bot API ``Document`` object."""
        return {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "file_name": self.name,
            "mime_type": self.mime,
            "file_size": self.size,
        }

    def photo_api(self) -> list[dict[str, Any]]:
        """The Bot API ``PhotoSize`` array: the smaller sizes, then this one (the largest)."""
        return [
            {
                "file_id": size.file_id,
                "file_unique_id": size.file_unique_id,
                "file_size": size.size,
                "width": size.width,
                "height": size.height,
            }
            for size in (*self.smaller, self)
        ]


@dataclass(slots=True)
class SimTopic:
    """A forum topic of a supergroup; its id is the id of the message that opened it."""

    thread_id: int
    name: str
    icon_color: int = 7322096
    closed: bool = False
    deleted: bool = False


@dataclass(slots=True)
class SimMessage:
    """One message of a chat in its current state (after edits and deletions)."""

    message_id: int
    chat_id: int
    from_bot: bool
    date: int
    text: str | None = None  # as sent: raw HTML when parse_mode is HTML
    parse_mode: str | None = None
    reply_markup: dict[str, Any] | None = None
    document: SimFile | None = None
    photo: SimFile | None = None
    caption: str | None = None  # as sent, like ``text``
    edited: bool = False
    deleted: bool = False
    user_id: int | None = None  # sender for user messages
    contact: dict[str, Any] | None = None
    plain: str = ""  # visible text (or caption) after HTML parsing, as Telegram stores it
    entities: list[dict[str, Any]] | None = None  # entities of ``plain``
    edit_date: int | None = None
    version: int = 0  # global change counter value at this message's last change
    thread_id: int | None = None  # the forum topic it belongs to
    voice: SimFile | None = None
    # Service content, e.g. {"forum_topic_created": {...}} (no text of its own).
    service: dict[str, Any] | None = None
    # A map pin: the Bot API ``Location``; a venue message has both (``Venue`` names the place).
    location: dict[str, Any] | None = None
    venue: dict[str, Any] | None = None

    @property
    def visible_text(self) -> str:
        """What a user sees: text or caption without markup."""
        return self.plain


@dataclass(slots=True)
class SimChat:
    """A chat the bot can talk to, with its ordered message history."""

    id: int
    type: str  # private, group, supergroup, channel
    title: str | None = None
    user: SimUser | None = None  # the other party of a private chat
    messages: dict[int, SimMessage] = field(default_factory=dict)
    last_message_id: int = 0
    version: int = 0
    answers: dict[str, dict[str, Any]] = field(default_factory=dict)  # callback answers
    # Supergroups with topics (a staff group): topics, members, administrators.
    is_forum: bool = False
    topics: dict[int, SimTopic] = field(default_factory=dict)
    member_ids: set[int] = field(default_factory=set)
    admin_ids: set[int] = field(default_factory=set)
    bot_removed: bool = False
    pinned: list[int] = field(default_factory=list)

    def to_api(self) -> dict[str, Any]:
        """The Bot API ``Chat`` object."""
        if self.user is not None:
            data = self.user.to_api()
            data.pop("is_bot")
            data.pop("language_code", None)
            data["type"] = self.type
            return data
        data = {"id": self.id, "title": self.title or str(self.id), "type": self.type}
        if self.is_forum:
            data["is_forum"] = True
        return data


@dataclass(slots=True)
class SimStats:
    """Counters for benchmarks: calls per method, successful sends per chat."""

    calls: Counter[str] = field(default_factory=Counter)
    sent: Counter[int] = field(default_factory=Counter)  # sendMessage/Document/Photo per chat
    sent_by_method: Counter[str] = field(default_factory=Counter)
    errors: Counter[int] = field(default_factory=Counter)  # error answers by HTTP status

    def to_json(self) -> dict[str, Any]:
        """JSON-friendly copy (chat ids become string keys)."""
        return {
            "calls": dict(self.calls),
            "sent": {str(k): v for k, v in self.sent.items()},
            "sent_total": sum(self.sent.values()),
            "sent_by_method": dict(self.sent_by_method),
            "errors": {str(k): v for k, v in self.errors.items()},
        }


@dataclass(slots=True)
class Fault:
    """An injected failure (or delay) for the next ``count`` calls of a method."""

    status: int = 429
    retry_after: int = 1
    count: int = 1
    description: str | None = None
    chat_id: int | None = None
    delay: float | None = None
