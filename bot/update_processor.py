"""Process updates concurrently across chats, in order within one chat."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor


class PerChatUpdateProcessor(BaseUpdateProcessor):
    """Many people at once, but one person's taps strictly in order.

    A slow database write for one user must not hold up everyone else, yet a
    person who taps "Take a seat" and then "Cancel" must see them applied in
    that order.

    The limit of `max_concurrent_updates` applies to updates being handled, not
    to updates waiting for their own chat: otherwise one person's burst (500
    messages at once) would fill every slot with updates queued behind each
    other, and everyone else would wait for that person's queue to drain.
    """

    # PTB's own gate, taken before do_process_update: wide enough never to bind.
    _QUEUED = 100_000

    def __init__(self, max_concurrent_updates: int = 32) -> None:
        super().__init__(self._QUEUED)
        self._handling = asyncio.BoundedSemaphore(max_concurrent_updates)
        self.handling_limit = max_concurrent_updates
        self._locks: dict[tuple[int, int | None], asyncio.Lock] = {}
        self._waiting: dict[tuple[int, int | None], int] = {}

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        chat = update.effective_chat if isinstance(update, Update) else None
        if chat is None:
            async with self._handling:
                await coroutine
            return
        # In a group with topics (the staff group) each topic is a conversation of
        # its own: one case's replies stay in order without queueing behind others.
        message = update.effective_message if isinstance(update, Update) else None
        thread = message.message_thread_id if message and message.is_topic_message else None
        key = (chat.id, thread)
        lock = self._locks.setdefault(key, asyncio.Lock())
        self._waiting[key] = self._waiting.get(key, 0) + 1
        try:
            # First this chat's turn, then a slot: waiting in line costs no slot.
            async with lock, self._handling:
                await coroutine
        finally:
            self._waiting[key] -= 1
            if not self._waiting[key]:
                # Forget idle chats so the table does not grow with every user ever seen.
                del self._waiting[key]
                self._locks.pop(key, None)

    async def initialize(self) -> None:
        """Nothing to open."""

    async def shutdown(self) -> None:
        """Nothing to close."""
