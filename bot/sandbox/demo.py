"""A sample event for the try-out, so there is something to register for.

Only the sandbox's own database ever gets it, and every field says it is a
sample: the addresses are example.org, reserved for examples.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from core.clock import Clock
from registry import EventDraft, EventText, Registry

TEXTS = {
    "en": EventText(
        "en",
        "Sample round table: your rights at work",
        "A sample event of the try-out. Register, cancel, and see what people get.",
    ),
    "ru": EventText(
        "ru",
        "Пример круглого стола: ваши права на работе",
        "Пример мероприятия для пробного запуска. Запишитесь, отмените запись "
        "и посмотрите, что получают участники.",
    ),
    "kk": EventText(
        "kk",
        "Дөңгелек үстел үлгісі: жұмыстағы құқықтарыңыз",
        "Сынақ нұсқасындағы іс-шара үлгісі. Тіркеліп, бас тартып, қатысушылар не алатынын көріңіз.",
    ),
    "lt": EventText(
        "lt",
        "Apskritojo stalo pavyzdys: jūsų teisės darbe",
        "Bandomosios versijos renginio pavyzdys. Užsiregistruokite, atšaukite "
        "ir pažiūrėkite, ką gauna dalyviai.",
    ),
}


async def seed_demo_event(registry: Registry, clock: Clock) -> int | None:
    """Create and publish the sample event unless the try-out already has events."""
    if await registry.all_events():
        return None
    # An evening three days ahead, in Vilnius time, like a real round table.
    zone = ZoneInfo("Europe/Vilnius")
    day = (clock.now() + timedelta(days=3)).astimezone(zone).date()
    start = datetime.combine(day, time(18, 0), tzinfo=zone).astimezone(UTC)
    event = await registry.create(
        EventDraft(
            texts=TEXTS,
            start_at=start,
            timezone="Europe/Vilnius",
            default_language="en",
            venue_name="Sample venue",
            venue_address="Sample street 1, Vilnius",
            capacity=3,
            zoom_id="000 0000 0000",
            zoom_passcode="0000",
            online_url="https://example.org/zoom",
            livestream_url="https://example.org/live",
            contact="organizer@example.org",
        )
    )
    await registry.publish(event.id)
    return event.id
