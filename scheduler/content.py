"""What a queued message contains, independent of Telegram's types."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal


@dataclass(frozen=True, slots=True)
class RenderRef:
    """Render at send time: a registered renderer's name and a JSON payload (ids only)."""

    name: str
    payload: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Button:
    """An inline button: callback data (from core.callbacks.encode) or a URL."""

    text: str
    callback_data: str | None = None
    url: str | None = None

    def to_json(self) -> dict[str, str]:
        data = {"text": self.text}
        if self.callback_data is not None:
            data["callback_data"] = self.callback_data
        if self.url is not None:
            data["url"] = self.url
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Button:
        return cls(str(data["text"]), data.get("callback_data"), data.get("url"))


Buttons = list[list[Button]]


def buttons_to_json(rows: Buttons | None) -> list[list[dict[str, str]]] | None:
    return [[b.to_json() for b in row] for row in rows] if rows else None


def buttons_from_json(data: Any) -> Buttons | None:
    return [[Button.from_json(b) for b in row] for row in data] if data else None


@dataclass(frozen=True, slots=True)
class Attachment:
    """A document or photo, by Telegram file_id (cheap to repeat) or as bytes."""

    kind: Literal["document", "photo"]
    file_id: str | None = None
    data: bytes | None = None
    filename: str | None = None
    mime: str | None = None

    def __post_init__(self) -> None:
        if (self.file_id is None) == (self.data is None):
            raise ValueError("an attachment needs exactly one of file_id or data")


@dataclass(frozen=True, slots=True)
class Rendered:
    """A message ready to send: HTML text (the caption when there is an attachment)."""

    text: str | None = None
    buttons: Buttons | None = None
    attachment: Attachment | None = None
    # A forum topic of the target chat (a consultant case's topic in the staff group).
    thread_id: int | None = None
    # Copy this message (chat id, message id) instead of sending text: media of any
    # kind travel as they are. `text`, when set, replaces the caption.
    copy_from: tuple[int, int] | None = None

    @property
    def is_empty(self) -> bool:
        if self.copy_from is not None or self.attachment is not None:
            return False
        return not (self.text and self.text.strip())
