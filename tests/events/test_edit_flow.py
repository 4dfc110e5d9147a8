"""Editing an event as an organizer would: a refused value asks again; /cancel leaves."""

from __future__ import annotations

from datetime import timedelta

import pytest

from registry import EventDraft, EventText
from tests.support import ADMIN_ID, Harness


async def _event_with_two_seats_taken(jol: Harness) -> int:
    services = jol.services
    event = await services.registry.create(
        EventDraft(
            texts={"ru": EventText("ru", "Круглый стол", "Описание")},
            start_at=services.clock.now() + timedelta(days=3),
            timezone="Asia/Almaty",
            venue_name="Зал",
            capacity=2,
            default_language="ru",
        )
    )
    await services.registry.publish(event.id)
    for uid in (801, 802):
        await services.registry.register(event.id, uid, mode="offline", name="Гость", language="ru")
    return int(event.id)


@pytest.mark.parametrize(
    ("lang", "edit", "field", "now", "taken", "saved"),
    [
        ("ru", "Изменить", "Места в зале", "Сейчас: 2", "Уже занято мест: 2", "Сохранено"),
        ("en", "Edit", "Seats in the room", "Now: 2", "2 seats are already taken", "Saved"),
    ],
)
async def test_capacity_below_the_seats_taken_asks_again(
    jol: Harness, lang: str, edit: str, field: str, now: str, taken: str, saved: str
) -> None:
    """Item 5 of the flows issue: the refusal asks again instead of ending the edit."""
    event_id = await _event_with_two_seats_taken(jol)
    admin = jol.person(ADMIN_ID, "Организатор", lang)
    (card,) = await jol.say(admin, f"/start event-{event_id}")
    (menu,) = await jol.tap(admin, card, edit)
    (question,) = await jol.tap(admin, menu, field)
    assert now in question.text
    refused, again = await jol.say(admin, "1", count=2)
    assert taken in refused.text and again.text == question.text
    (done,) = await jol.say(admin, "3")
    assert saved in done.text
    event = await jol.services.registry.get(event_id)
    assert event is not None and event.capacity == 3


async def test_a_description_edit_keeps_the_title_and_cancel_changes_nothing(
    jol: Harness,
) -> None:
    event_id = await _event_with_two_seats_taken(jol)
    admin = jol.person(ADMIN_ID, "Организатор", "ru")
    (card,) = await jol.say(admin, f"/start event-{event_id}")
    (menu,) = await jol.tap(admin, card, "Изменить")
    (languages,) = await jol.tap(admin, menu, "Название и описание")
    (title,) = await jol.tap(admin, languages, "✏️ Русский")
    assert "Круглый стол" in title.text
    (description,) = await jol.tap(admin, title, "Оставить")
    saved, _languages = await jol.say(admin, "Новое описание", count=2)
    assert "Сохранено" in saved.text
    event = await jol.services.registry.get(event_id)
    assert event is not None
    assert (event.text("ru").title, event.text("ru").description) == (
        "Круглый стол",
        "Новое описание",
    )
    (menu,) = await jol.tap(admin, card, "Изменить")
    (languages,) = await jol.tap(admin, menu, "Название и описание")
    await jol.tap(admin, languages, "✏️ Русский")
    left, _menu = await jol.say(admin, "/cancel", count=2)
    assert "Ничего не изменено" in left.text
    (answer,) = await jol.say(admin, "Другое название")  # now a question, not a title
    event = await jol.services.registry.get(event_id)
    assert event is not None and event.text("ru").title == "Круглый стол"
