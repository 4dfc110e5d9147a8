"""Updates: in order within a chat, concurrent across chats, and a burst in one chat
does not take the slots everyone else needs."""

from __future__ import annotations

import asyncio

from telegram import Update

from bot.update_processor import PerChatUpdateProcessor


def _update(update_id: int, chat_id: int) -> Update:
    return Update.de_json(
        {
            "update_id": update_id,
            "message": {
                "message_id": update_id,
                "date": 0,
                "chat": {"id": chat_id, "type": "private"},
                "text": "hi",
            },
        },
        None,
    )


async def test_a_burst_in_one_chat_leaves_slots_for_the_others() -> None:
    processor = PerChatUpdateProcessor(2)
    gate = asyncio.Event()
    order: list[int] = []

    async def slow(i: int) -> None:
        await gate.wait()
        order.append(i)

    async def quick() -> None:
        order.append(-1)

    burst = [
        asyncio.create_task(processor.process_update(_update(i, 1), slow(i))) for i in range(10)
    ]
    other = asyncio.create_task(processor.process_update(_update(100, 2), quick()))
    # The other chat is answered while the first chat's burst is still held up.
    await asyncio.wait_for(other, timeout=5)
    assert order == [-1]
    gate.set()
    await asyncio.gather(*burst)
    assert order == [-1, *range(10)]  # the burst itself in order
