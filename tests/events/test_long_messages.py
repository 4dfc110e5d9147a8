"""Nothing the bot builds from organizers' text passes Telegram's 4,096 characters."""

from __future__ import annotations

from datetime import timedelta

from registry import EventDraft, EventText
from tests.support import ADMIN_ID, Harness, buttons, find_button

LIMIT = 4096


async def _publish(jol: Harness, title: str, description: str = "", days: int = 3) -> int:
    services = jol.services
    event = await services.registry.create(
        EventDraft(
            texts={"en": EventText("en", title, description)},
            start_at=services.clock.now() + timedelta(days=days),
            timezone="Europe/Vilnius",
            venue_name="Hall " + "x" * 190,
            venue_address="Street " + "y" * 290,
            capacity=10,
            online_url="https://zoom.us/j/1",
        ),
        created_by=ADMIN_ID,
    )
    await services.registry.publish(event.id)
    return int(event.id)


async def test_twenty_long_titles_page_with_next_and_back(jol: Harness) -> None:
    for i in range(20):
        await _publish(
            jol, f"{i:02d} " + "Round table on the rights of migrant workers " * 4, days=i + 1
        )
    person = jol.person(601, "Dana", "en")
    await jol.say(person, "/start", count=2)
    (first,) = await jol.say(person, "/events")
    assert len(first.text) <= LIMIT and "00 Round" in first.text
    (second,) = await jol.tap(person, first, "Next")
    assert len(second.text) <= LIMIT and "08 Round" in second.text
    (third,) = await jol.tap(person, second, "Next")
    assert "19 Round" in third.text and "Next" not in str(buttons(third))
    (back,) = await jol.tap(person, third, "Back")
    assert "08 Round" in back.text


async def test_the_longest_card_arrives_within_the_limit(jol: Harness) -> None:
    paragraph = "Bring your contract and payslips; a lawyer answers questions. " * 12
    event_id = await _publish(jol, "T" * 200, "\n\n".join([paragraph] * 4)[:3000])
    person = jol.person(602, "Dana", "en")
    await jol.say(person, "/start", count=2)
    (card,) = await jol.say(person, f"/start event-{event_id}")
    assert len(card.text) <= LIMIT and find_button(card, "Take a seat")


def test_every_part_of_the_longest_preview_fits() -> None:
    """Every field at its maximum, the organizer's preview line on top: split at paragraphs."""
    from datetime import UTC, datetime

    from bot.handlers.common import split_message
    from core.i18n import Translator
    from registry import Counts, Event, EventStatus, render
    from registry import fields as F

    t = Translator.load(strict=True)
    paragraph = ("Ж" * 70 + " ") * 6
    event = Event(
        id=1,
        status=EventStatus.PUBLISHED,
        start_at=datetime(2027, 1, 1, 10, tzinfo=UTC),
        duration_minutes=F.MAX_DURATION,
        timezone="Asia/Almaty",
        default_language="kk",
        texts={
            "kk": EventText(
                "kk", "Т" * F.TITLE_MAX, "\n\n".join([paragraph] * 8)[: F.DESCRIPTION_MAX]
            )
        },
        venue_name="В" * 200,
        venue_address="А" * 300,
        capacity=F.MAX_CAPACITY,
        zoom_id="1" * 40,
        online_url="https://zoom.us/j/" + "1" * 400,
        livestream_url="https://example.org/" + "l" * 400,
        contact="к" * 200,
    )
    counts = Counts(F.MAX_CAPACITY, 3, 0, 5, 7, 0, 0)
    for lang in ("ru", "kk", "lt", "en"):
        text = t(lang, "org-preview") + "\n\n" + render.card(t, lang, event, counts)
        parts = split_message(text)
        assert parts and all(len(part) <= LIMIT for part in parts)
