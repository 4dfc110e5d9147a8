"""Waiting for effects that send no message: a bounded poll, never a bare sleep."""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Awaitable, Callable
from typing import Any


async def eventually(check: Callable[[], Any | Awaitable[Any]], timeout: float = 5.0) -> Any:
    """Await until `check()` (sync or async) is truthy and return its value.

    The timeout is a safety net for a broken bot, not a measurement: a healthy
    bot meets the condition in milliseconds.
    """
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        result = check()
        if inspect.isawaitable(result):
            result = await result
        if result:
            return result
        if loop.time() > deadline:
            raise AssertionError(f"condition not met within {timeout} s")
        await asyncio.sleep(0.01)


async def while_moving(
    done: Callable[[], bool], progress: Callable[[], int], stall: float = 60.0
) -> None:
    """Await `done()` for as long as `progress()` keeps growing.

    For a big batch on a busy machine: how long the whole takes depends on the
    machine; the test fails only when nothing moves for `stall` seconds.
    """
    loop = asyncio.get_running_loop()
    last, since = progress(), loop.time()
    while not done():
        now_at = progress()
        if now_at != last:
            last, since = now_at, loop.time()
        elif loop.time() - since > stall:
            raise AssertionError(f"stuck at {last} for {stall} s")
        await asyncio.sleep(0.05)
