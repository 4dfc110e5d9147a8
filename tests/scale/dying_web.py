"""`python -m tests.scale.dying_web`: `python -m bot web` that kills itself (SIGKILL) at
one exact point, for the tests of what a crash there does.

JOL_TEST_DIE_CHAT: the chat whose first handled update dies; JOL_TEST_DIE_AT:
``before-done`` (its replies are held and the statement that would mark it handled
is not made) or ``after-done`` (marked handled, replies queued, Telegram not yet
answered 200). Only the first such update dies; there is no timing involved.
"""

from __future__ import annotations

import os
import signal
import sys
from typing import Any

from core.updates import UpdateLog

CHAT = int(os.environ["JOL_TEST_DIE_CHAT"])
AT = os.environ["JOL_TEST_DIE_AT"]
if AT not in ("before-done", "after-done"):  # not an assert: the Procfile runs with -OO
    raise SystemExit(f"JOL_TEST_DIE_AT must be before-done or after-done, not {AT!r}")
_done = UpdateLog.done


def _for_the_chat(held: list[list[Any]] | None) -> bool:
    return bool(held) and any(params.get("chat_id") == CHAT for _, params in held or [])


async def done(self: UpdateLog, update_id: int, held: list[list[Any]] | None = None) -> None:
    dies = _for_the_chat(held)
    if dies and AT == "before-done":
        os.kill(os.getpid(), signal.SIGKILL)
    await _done(self, update_id, held)
    if dies and AT == "after-done":
        os.kill(os.getpid(), signal.SIGKILL)


UpdateLog.done = done  # type: ignore[method-assign]

if __name__ == "__main__":
    from bot.__main__ import main

    sys.exit(main(["web"]))
