"""How the sender reaches a chat: a protocol, and the outcomes it understands.

The Telegram implementation is bot/delivery.py; tests use a recording fake.
"""

from __future__ import annotations

from typing import Protocol

from scheduler.content import Rendered


class DeliveryError(Exception):
    """Base of the outcomes a transport reports instead of a message id."""

    def __init__(self, description: str = "") -> None:
        super().__init__(description)
        self.description = description


class RetryLater(DeliveryError):
    """Flood control (429): the whole bot must wait `seconds`."""

    def __init__(self, seconds: float, description: str = "") -> None:
        super().__init__(description or f"retry after {seconds}")
        self.seconds = seconds


class Blocked(DeliveryError):
    """403: the user blocked the bot or the chat is gone; never retry."""


class Rejected(DeliveryError):
    """400: Telegram will refuse this exact message again (bad HTML, too long…)."""


class Unconfirmed(DeliveryError):
    """Sent, but Telegram's answer never came (a read timeout): it may have arrived.

    Telegram has no idempotency key, so sending again risks a second copy; the
    sender records the row as sent instead (and says so in its last error).
    """


class Transient(DeliveryError):
    """Timeouts, network errors, 5xx: worth another try later."""


class Transport(Protocol):
    async def send(self, chat_id: int, message: Rendered) -> int:
        """Deliver and return Telegram's message id, or raise a DeliveryError."""
        ...
