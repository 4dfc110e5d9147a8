"""A name or phone question left open is forgotten: later text is a new question."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from telegram import Chat, Message, User

from bot.handlers.events import PENDING_FOR, AwaitingInput, Pending

ASKED = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
PERSON = User(7, "Timur", is_bot=False)


def reply_at(when: datetime) -> Message:
    return Message(1, when, Chat(7, Chat.PRIVATE), from_user=PERSON, text="как получить внж")


def test_a_prompt_answered_in_time_takes_the_text() -> None:
    waiting = {7: Pending(1, "s", "name", asked_at=ASKED)}
    assert AwaitingInput(waiting).filter(reply_at(ASKED + timedelta(minutes=2)))


def test_a_stale_prompt_is_forgotten() -> None:
    waiting = {7: Pending(1, "s", "name", asked_at=ASKED)}
    late = reply_at(ASKED + PENDING_FOR + timedelta(seconds=1))
    assert not AwaitingInput(waiting).filter(late)
    assert waiting == {}


def test_someone_not_asked_is_not_waiting() -> None:
    assert not AwaitingInput({}).filter(reply_at(ASKED))
