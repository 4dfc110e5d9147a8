"""An update the library cannot parse is skipped and counted; polling goes on."""

from __future__ import annotations

import logging

import pytest

from bot.tolerant_bot import TolerantBot
from tests.support import Harness


async def test_a_broken_update_is_skipped_and_the_next_one_answered(
    jol: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    before = TolerantBot.skipped_updates
    person = jol.person(950, "Aru", "ru")
    # A message without its chat or date: PTB cannot build a Message from it.
    jol.sim.add_update("message", {"message_id": 1, "text": "+37061234567 secret words"})
    greeting, _picker = await jol.say(person, "/start", count=2)
    assert "Здравствуйте" in greeting.text
    assert TolerantBot.skipped_updates == before + 1
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "secret words" not in logged and "37061234567" not in logged
    assert not [r for r in caplog.records if r.levelno >= logging.CRITICAL]
