"""Reminders exactly once across a restart; time zones, DST, parsing; ics, CSV, escaping."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from icalendar import Calendar

from core.clock import FakeClock
from core.storage import Database
from registry import EventText, Mode
from registry.csvexport import door_list_csv
from registry.ics import calendar_file
from registry.render import at, card, confirmation
from registry.timeparse import TimeError, parse_local
from tests.events.helpers import RecordingTransport, draft, published, world
from tests.support import shared_translator


async def test_reminders_exactly_once_across_a_restart(db: Database, clock: FakeClock) -> None:
    w = world(db, clock)
    start = clock.now() + timedelta(days=3)
    event_id = await published(w, start_at=start)
    offline = await w.registry.register(event_id, 1, mode=Mode.OFFLINE, name="A", language="en")
    await w.registry.register(event_id, 2, mode=Mode.ONLINE, name="B", language="en")
    # The same tap again queues nothing more.
    await w.registry.register(event_id, 1, mode=Mode.OFFLINE, name="A", language="en")
    assert await w.sender.run_due() == 0

    clock.set(start - timedelta(hours=24))
    await w.sender.run_due()
    assert len(w.transport.sent) == 2
    offline_text = w.transport.texts(1)[0]
    assert "Gedimino" in offline_text and offline_text.count(offline.registration.code) == 1
    online_text = w.transport.texts(2)[0]
    assert "812 3456 7890" in online_text and "4321" in online_text
    assert "facebook.com/ngo/live" in online_text

    # A restart: new outbox, sender and registry over the same database.
    transport = RecordingTransport()
    again = world(db, clock, transport)
    await again.sender.run_due()
    assert transport.sent == []
    clock.set(start - timedelta(minutes=59))
    await again.sender.run_due()
    await w.sender.run_due()
    assert sorted(c for c, _ in transport.sent + w.transport.sent[2:]) == [1, 2]
    clock.advance(hours=2)
    await again.sender.run_due()
    assert len(transport.sent) + len(w.transport.sent) == 4


async def test_no_late_reminder_and_none_after_cancel(db: Database, clock: FakeClock) -> None:
    w = world(db, clock)
    start = clock.now() + timedelta(hours=5)
    event_id = await published(w, start_at=start)
    late = await w.registry.register(event_id, 1, mode=Mode.ONLINE, name="A", language="en")
    gone = await w.registry.register(event_id, 2, mode=Mode.ONLINE, name="B", language="en")
    await w.registry.cancel_registration(gone.registration.id, 2)
    clock.set(start - timedelta(hours=1))
    await w.sender.run_due()
    assert [c for c, _ in w.transport.sent] == [late.registration.user_id]
    assert "1 hour" in w.transport.texts(1)[0]


async def test_moved_event_notifies_and_reschedules(db: Database, clock: FakeClock) -> None:
    w = world(db, clock)
    start = clock.now() + timedelta(days=3)
    event_id = await published(w, start_at=start)
    await w.registry.register(event_id, 1, mode=Mode.OFFLINE, name="A", language="en")
    later = start + timedelta(days=1)
    outcome = await w.registry.edit(event_id, {"start_at": later})
    assert outcome.notified == 1
    await w.sender.run_due()
    assert "Change" in w.transport.texts(1)[0]
    clock.set(start - timedelta(hours=24))
    await w.sender.run_due()
    assert len(w.transport.sent) == 1  # the old time's reminder was withdrawn
    clock.set(later - timedelta(hours=24))
    await w.sender.run_due()
    assert len(w.transport.sent) == 2


async def test_cancelled_event_notifies_and_silences(db: Database, clock: FakeClock) -> None:
    w = world(db, clock)
    start = clock.now() + timedelta(days=3)
    event_id = await published(w, start_at=start)
    await w.registry.register(event_id, 1, mode=Mode.OFFLINE, name="A", language="ru")
    assert await w.registry.cancel_event(event_id) == 1
    clock.set(start)
    await w.sender.run_due()
    (text,) = w.transport.texts(1)
    assert "отмен" in text


async def test_dst_change_between_registration_and_event(db: Database) -> None:
    # Registered in winter (EET, UTC+2) for an event after the spring change (EEST, UTC+3).
    clock = FakeClock(datetime(2027, 3, 20, 10, 0, tzinfo=UTC))
    start = parse_local("05.04.2027 17:00", "Europe/Vilnius", clock.now())
    assert start == datetime(2027, 4, 5, 14, 0, tzinfo=UTC)
    w = world(db, clock)
    event_id = await published(w, start_at=start)
    await w.registry.register(event_id, 1, mode=Mode.ONLINE, name="A", language="en")
    clock.set(datetime(2027, 4, 4, 13, 59, tzinfo=UTC))
    await w.sender.run_due()
    assert w.transport.sent == []
    clock.set(datetime(2027, 4, 4, 14, 0, tzinfo=UTC))
    await w.sender.run_due()
    (text,) = w.transport.texts(1)
    assert "05.04.2027 17:00 (Vilnius time)" in text


def test_parse_formats_and_refusals() -> None:
    now = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
    expected = datetime(2026, 12, 25, 12, 0, tzinfo=UTC)  # Almaty is UTC+5
    for text in ("25.12.2026 17:00", "2026-12-25 17:00", "2026-12-25T17:00", " 25.12.2026  17.00 "):
        assert parse_local(text, "Asia/Almaty", now) == expected, text
    assert parse_local("2026-12-25T17:00+05:00", "Asia/Almaty", now) == expected
    for text, reason in [
        ("tomorrow", "format"),
        ("32.12.2026 17:00", "format"),
        ("25.12.2025 17:00", "past"),
        ("28.03.2027 03:30", "nonexistent"),
    ]:
        with pytest.raises(TimeError) as info:
            parse_local(text, "Europe/Vilnius", now)
        assert info.value.reason == reason, text
    with pytest.raises(TimeError):
        parse_local("25.12.2026 17:00", "Mars/Olympus", now)


def test_ambiguous_autumn_hour_is_the_first() -> None:
    when = parse_local("31.10.2027 03:30", "Europe/Vilnius", datetime(2027, 1, 1, tzinfo=UTC))
    assert when == datetime(2027, 10, 31, 0, 30, tzinfo=UTC)


async def test_almaty_event_seen_from_vilnius(db: Database, clock: FakeClock) -> None:
    w = world(db, clock)
    start = parse_local("25.12.2026 17:00", "Asia/Almaty", clock.now())
    event_id = await published(w, start_at=start, timezone="Asia/Almaty")
    event = await w.registry.get(event_id)
    t = shared_translator()
    text = card(t, "lt", event, await w.registry.counts(event_id))
    assert "25.12.2026 17:00 (Almatos laiku)" in text
    # The zone named as a place in each language; a zone without a name keeps its own.
    assert at(start, "Asia/Almaty", t, "kk") == "25.12.2026 17:00 (Алматы уақытымен)"
    assert at(start, "Asia/Almaty", t, "ru") == "25.12.2026 17:00 (по времени Алматы)"
    assert at(start, "Europe/Istanbul", t, "en") == "25.12.2026 15:00 (Europe/Istanbul)"
    reg = (
        await w.registry.register(event_id, 1, mode="offline", name="A", language="lt")
    ).registration
    ics = Calendar.from_ical(calendar_file(event, reg, "lt", clock.now()))
    vevent = next(c for c in ics.walk("VEVENT"))
    assert str(vevent.get("dtstart").dt.tzinfo) == "Asia/Almaty"
    assert vevent.get("dtstart").dt.hour == 17
    assert any(c.get("tzid") == "Asia/Almaty" for c in ics.walk("VTIMEZONE"))


async def test_a_later_calendar_file_replaces_the_earlier_one(
    db: Database, clock: FakeClock
) -> None:
    """Same UID, higher SEQUENCE: the online entry, the seat that replaced it a day
    later, and its cancellation, each replaces the one before in the calendar app."""
    w = world(db, clock)
    event_id = await published(w, start_at=clock.now() + timedelta(days=5))
    event = await w.registry.get(event_id)
    assert event is not None
    reg = (
        await w.registry.register(event_id, 1, mode="online", name="A", language="ru")
    ).registration
    files = [calendar_file(event, reg, "ru", clock.now())]
    clock.advance(timedelta(days=1))
    files.append(calendar_file(event, reg, "ru", clock.now()))
    files.append(calendar_file(event, reg, "ru", clock.now(), cancelled=True))
    vevents = [next(iter(Calendar.from_ical(f).walk("VEVENT"))) for f in files]
    assert len({str(v.get("uid")) for v in vevents}) == 1
    sequences = [int(v.get("sequence")) for v in vevents]
    assert sequences[0] == 0 and sequences[0] < sequences[1] < sequences[2]


async def test_user_text_is_escaped(db: Database, clock: FakeClock) -> None:
    w = world(db, clock)
    event_id = await published(
        w,
        texts={"en": EventText("en", "<script>alert(1)</script> Q&A", "Tom & Jerry <b>")},
        venue_name="Hall <i>",
    )
    event = await w.registry.get(event_id)
    reg = (
        await w.registry.register(event_id, 1, mode="offline", name="<b>Bo</b> & Co", language="en")
    ).registration
    t = shared_translator()
    for text in (card(t, "en", event, None), confirmation(t, "en", event, reg, None)):
        assert "<script>" not in text and "<i>" not in text and "<b>Bo" not in text
        assert "&lt;script&gt;" in text and "Q&amp;A" in text


async def test_door_list_csv(db: Database, clock: FakeClock) -> None:
    w = world(db, clock)
    event_id = await published(w, capacity=1)
    await w.registry.register(event_id, 1, mode="offline", name="Åsa Žukauskienė", language="lt")
    await w.registry.register(event_id, 2, mode="offline", name="=HYPERLINK(1)", language="en")
    await w.registry.register(event_id, 3, mode="online", name="Айгерим", language="kk")
    data = door_list_csv(await w.registry.door_list(event_id)).decode("utf-8-sig")
    lines = data.strip().splitlines()
    assert lines[0] == "name,phone,mode,status,code,checked_in"
    assert lines[1].startswith("Åsa Žukauskienė,,offline,confirmed,")
    assert lines[2].startswith("'=HYPERLINK(1),,offline,waiting,")
    assert lines[3].startswith("Айгерим,,online,confirmed,")


def test_draft_builder_is_sane() -> None:
    clock = FakeClock()
    assert draft(clock).start_at > clock.now()


async def test_after_downtime_one_reminder_says_how_long_is_really_left(
    db: Database, clock: FakeClock
) -> None:
    w = world(db, clock)
    start = clock.now() + timedelta(days=3)
    event_id = await published(w, start_at=start)
    await w.registry.register(event_id, 1, mode=Mode.ONLINE, name="A", language="en")
    # The bot was down from before the 24-hour reminder until 30 minutes before the start.
    clock.set(start - timedelta(minutes=30))
    await w.sender.run_due()
    assert len(w.transport.texts(1)) == 1
    (text,) = w.transport.texts(1)
    assert "in 30 minutes" in text and "24 hours" not in text
    clock.advance(minutes=5)
    await w.sender.run_due()
    assert len(w.transport.texts(1)) == 1  # the overtaken 24-hour reminder never goes out
