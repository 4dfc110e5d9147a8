"""No log line carries what a person wrote, their name or their phone number.

Every logger of every library at DEBUG (PTB's API dumps, aiohttp, SQLAlchemy's
statements and rows, APScheduler), captured during a whole conversation: a
registration with a name and a phone (typed and shared), a question with a
secret text, a failing handler, an organizer reading /unanswered.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from pathlib import Path

import pytest

from bot.logging_setup import format_exception, scrub, scrub_record
from core.clock import FakeClock
from registry import EventDraft, EventText
from tests.support import ADMIN_ID, start_jol

PERSON = 705_432
FIRST_NAME = "Gulnaraqz"
TYPED_NAME = "Aigerimxyz Bekovna"
PHONE_TYPED = "+370 612 34588"
PHONE_SHARED = "37061234577"
SECRET = "flamingovortex quasarmelon"

LOUD = ("", "telegram", "httpx", "httpcore", "aiohttp", "apscheduler", "sqlalchemy")


def _everything(caplog: pytest.LogCaptureFixture) -> str:
    records = "\n".join(
        f"{r.getMessage()}\n{r.exc_text or ''}\n{r.stack_info or ''}" for r in caplog.records
    )
    return records + "\n" + caplog.text


async def test_a_whole_conversation_logs_no_text_name_or_phone(
    tmp_path: Path, clock: FakeClock, caplog: pytest.LogCaptureFixture
) -> None:
    for name in LOUD:
        caplog.set_level(logging.DEBUG, logger=name)
    async with start_jol(tmp_path, clock, log_level="DEBUG") as jol:
        services = jol.services
        event = await services.registry.create(
            EventDraft(
                texts={"en": EventText("en", "Round table")},
                start_at=clock.now() + timedelta(days=3),
                timezone="Europe/Vilnius",
                venue_name="Hall",
                capacity=5,
                phone_required=True,
            )
        )
        await services.registry.publish(event.id)
        second = await services.registry.create(
            EventDraft(
                texts={"en": EventText("en", "Workshop")},
                start_at=clock.now() + timedelta(days=5),
                timezone="Europe/Vilnius",
                venue_name="Hall",
                capacity=5,
                phone_required=True,
            )
        )
        await services.registry.publish(second.id)
        person = jol.person(PERSON, FIRST_NAME, "en")
        _, picker = await jol.say(person, "/start", count=2)
        _, countries = await jol.tap(person, picker, "English", count=2)
        await jol.tap(person, countries, "Lithuania")
        # A registration: the name typed, the phone typed.
        (card,) = await jol.say(person, f"/start event-{event.id}")
        (consent,) = await jol.tap(person, card, "Take a seat")
        await jol.tap(person, consent, "✅")
        await jol.say(person, TYPED_NAME)
        await jol.say(person, PHONE_TYPED, count=2)
        # A second one: the phone shared from the keyboard.
        (card,) = await jol.say(person, f"/start event-{second.id}")
        await jol.tap(person, card, "Take a seat")  # consent was given: the name is asked
        await jol.say(person, TYPED_NAME)
        jol.sim.mark(PERSON)
        await jol.sim.send_contact(person, PHONE_SHARED)
        await jol.sim.wait_for(PERSON, count=2)
        # A question nobody can answer: kept for organizers, as text only.
        await jol.say(person, SECRET)
        await jol.say(person, "/mydata")
        # A handler that fails with the person's text in the exception's message.
        jol.sim.inject("sendMessage", status=400, description=f"Bad Request: {SECRET}", count=1)
        await jol.say(person, SECRET + " again")
        admin = jol.person(ADMIN_ID, "Organizer", "en")
        await jol.say(admin, "/unanswered")
        await jol.say(person, "/forget", count=1)

        registration = await services.registry.my_registrations(PERSON)
        assert registration == [] or all(reg.phone for reg, _ in registration)

    logged = _everything(caplog)
    assert len(caplog.records) > 200, "the capture saw too little to prove anything"
    assert "sendMessage" in logged  # PTB's own DEBUG lines were captured
    for value in (FIRST_NAME, TYPED_NAME, "Aigerimxyz", SECRET, "flamingovortex", "34588", "34577"):
        assert value not in logged, value


def test_what_libraries_dump_is_scrubbed() -> None:
    dump = (
        "Calling Bot API endpoint `sendMessage` with parameters "
        "`{'chat_id': 123456789, 'text': 'secret \\'quoted\\' words'}`"
    )
    assert scrub(dump, quoted=False).endswith("`{'chat_id': 123456789, 'text': '…'}`")
    body = '{"update_id":5,"message":{"contact":{"phone_number":"+37061234567","first_name":"A"}}}'
    assert "+370" not in scrub(body, quoted=False) and "\"first_name\":'…'" in scrub(
        body, quoted=False
    )
    assert scrub("Row (1, 'Anna', None)", quoted=True) == "Row (1, '…', None)"
    token = "https://api.telegram.org/bot123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw/getMe"
    assert "AAHdq" not in scrub(token, quoted=False)


@pytest.mark.parametrize(
    "phone", ["+370 612 34567", "+37061234567", "8 612 34567", "8 (777) 123-45-67", "20 123 456"]
)
def test_phone_numbers_are_hidden_and_ids_and_dates_are_not(phone: str) -> None:
    line = f"call {phone}; user 123456789 at 2026-12-01 10:00:00 from 127.0.0.1:8080"
    assert scrub(line, quoted=False) == (
        "call [phone]; user 123456789 at 2026-12-01 10:00:00 from 127.0.0.1:8080"
    )


def test_an_exception_message_loses_its_quotes_and_the_traceback_its_messages() -> None:
    typed = "my " + "secret words"  # the source line shows the name, not the value
    try:
        try:
            int(typed)
        except ValueError as exc:
            raise RuntimeError(f"while reading {typed!r}") from exc
    except RuntimeError as exc:
        text = format_exception(exc)
    assert "secret" not in text
    assert "ValueError: invalid literal for int() with base 10: '…'" in text
    assert "direct cause" in text and text.endswith("RuntimeError: while reading '…'")
    record = logging.LogRecord(
        "telegram.ext.Application", logging.ERROR, __file__, 1, "boom %r", ("secret",), None
    )
    assert scrub_record(record).getMessage() == "boom '…'"
