"""The organizer's flows of issue 12 walked again, in two languages each, through the local
Bot API: Edit reaches every field (item 6), a refused number asks again (item 5), the report
counts what is true (item 9), cancelling an event and a check-in can be taken back (item 22)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from registry import EventText
from tests.events.test_flows import a_message_to_an_unknown_chat, publish, register
from tests.support import ADMIN_ID, Harness, buttons


def label(jol: Harness, lang: str, key: str) -> str:
    return str(jol.services.t(lang, key))


async def edit(jol: Harness, admin: Any, card: Any, lang: str, field_key: str) -> Any:
    """Edit → the field's button; returns the question."""
    (menu,) = await jol.tap(admin, card, label(jol, lang, "org-button-edit"))
    (question,) = await jol.tap(admin, menu, label(jol, lang, field_key))
    return question


@pytest.mark.parametrize(
    ("lang", "name", "description"),
    [("en", "Organizer", "Bring your questions and documents."), ("ru", "Организатор", "Новое")],
)
async def test_edit_changes_every_field_it_offers(
    jol: Harness, lang: str, name: str, description: str
) -> None:
    """Item 6: description, duration, Zoom id and passcode, deadline, contact and the phone
    requirement, each changed through Edit and read back from the database."""
    event_id = await publish(jol, phone_required=False)
    admin = jol.person(ADMIN_ID, name, lang)
    (card,) = await jol.say(admin, f"/start event-{event_id}")
    # The description, in the event's own language (English), the title kept.
    languages = await edit(jol, admin, card, lang, "wiz-field-texts")
    (title,) = await jol.tap(admin, languages, "✏️ English")
    (question,) = await jol.tap(admin, title, label(jol, lang, "wiz-button-keep"))
    saved, _languages = await jol.say(admin, description, count=2)
    assert jol.services.t(lang, "org-edit-saved", count=0) in saved.plain
    typed = {
        "org-field-duration": "150",
        "org-field-zoom-id": "999 8888 7777",
        "org-field-zoom-passcode": "s3cret",
        "org-field-deadline": "03.12.2026 18:00",
        "org-field-contact": "+370 600 12345",
    }
    for key, value in typed.items():
        question = await edit(jol, admin, card, lang, key)
        assert jol.services.t(lang, "org-edit-current", value="").strip() in question.plain, key
        (saved,) = await jol.say(admin, value)
        assert label(jol, lang, "wiz-button-keep") not in str(buttons(saved)), key  # done
    question = await edit(jol, admin, card, lang, "org-field-phone")
    (saved,) = await jol.tap(admin, question, label(jol, lang, "org-yes"))
    event = await jol.services.registry.get(event_id)
    assert event is not None
    assert event.texts["en"] == EventText("en", "Round table on migrants' rights", description)
    assert event.duration_minutes == 150
    assert (event.zoom_id, event.zoom_passcode) == ("999 8888 7777", "s3cret")
    assert event.registration_deadline == datetime(2026, 12, 3, 16, 0, tzinfo=UTC)  # Vilnius
    assert event.contact == "+370 600 12345" and event.phone_required is True
    # The card people see says what was changed, the deadline in the event's zone too;
    # the Zoom details are for those registered (they come with the online place).
    (seen,) = await jol.say(jol.person(3001, "Ann", "en"), f"/start event-{event_id}")
    assert description in seen.plain and "150 min" in seen.plain
    assert "Registration closes 03.12.2026 18:00 (Vilnius time)" in seen.plain
    assert "+370 600 12345" in seen.plain and "s3cret" not in seen.plain
    (olga_card,) = await jol.say(jol.person(3002, "Olga", "ru"), f"/start event-{event_id}")
    assert "Регистрация открыта до 03.12.2026 18:00" in olga_card.plain


@pytest.mark.parametrize(
    ("lang", "report", "no_shows"),
    [("en", "📊 Report", "No-shows:"), ("kk", "📊", "Келмеді:")],
)
async def test_the_report_counts_no_shows_only_after_the_event(
    jol: Harness, lang: str, report: str, no_shows: str
) -> None:
    """Item 9: before the event nobody is a no-show; after it, the checked-in guests of
    confirmed seats count, and a cancelled seat counts as neither."""
    event_id = await publish(jol, capacity=5)
    ann = jol.person(3201, "Ann", "en")
    olga = jol.person(3202, "Olga", "ru")
    ben = jol.person(3203, "Ben", "en")
    for person, seat, agree in ((ann, "Take a seat", "I agree"), (olga, "🪑", "✅")):
        await register(jol, person, event_id, seat, agree)
    await register(jol, ben, event_id, "Take a seat", "I agree")
    registry = jol.services.registry
    ben_reg = await registry.registration_of(event_id, ben.id)
    ann_reg = await registry.registration_of(event_id, ann.id)
    assert ben_reg is not None and ann_reg is not None
    await registry.check_in(event_id, ben_reg.code)  # checked in, then cancelled
    await registry.cancel_registration(ben_reg.id, ben.id)
    admin = jol.person(ADMIN_ID, "Org", lang)
    (card,) = await jol.say(admin, f"/start event-{event_id}")
    (view,) = await jol.tap(admin, card, label(jol, lang, "org-button-registrations"))
    (checked,) = await jol.tap(admin, view, "Ann")  # Ann at the door
    (summary,) = await jol.tap(admin, view, report)
    assert f"{no_shows} —" in summary.plain  # three days before: nobody is a no-show
    event = await registry.get(event_id)
    assert event is not None
    jol.clock.set(event.start_at + timedelta(hours=3))
    (summary,) = await jol.tap(admin, view, report)
    assert f"{no_shows} 1" in summary.plain  # Olga; Ben's cancelled row is not counted
    found = await registry.report(event_id)
    assert found is not None and (found.attended, found.no_shows) == (1, 1)


@pytest.mark.parametrize(
    ("lang", "name"),
    [("en", "Organizer"), ("ru", "Организатор")],
)
async def test_a_check_in_and_an_event_cancellation_can_be_taken_back(
    jol: Harness, lang: str, name: str
) -> None:
    """Item 22: a check-in tapped by mistake is undone in one tap; "Cancel event" asks, and
    "No, keep" changes nothing and tells nobody."""
    event_id = await publish(jol)
    ann = jol.person(3301, "Ann", "en")
    await register(jol, ann, event_id, "Take a seat", "I agree")
    admin = jol.person(ADMIN_ID, name, lang)
    (card,) = await jol.say(admin, f"/start event-{event_id}")
    (view,) = await jol.tap(admin, card, label(jol, lang, "org-button-registrations"))
    (checked,) = await jol.tap(admin, view, "Ann")
    registry = jol.services.registry
    reg = await registry.registration_of(event_id, ann.id)
    assert reg is not None and reg.checked_in_at is not None
    (undone,) = await jol.tap(admin, checked, label(jol, lang, "org-button-checkin-undo"))
    assert undone.plain == jol.services.t(lang, "org-checkin-undone", name="Ann")
    reg = await registry.registration_of(event_id, ann.id)
    assert reg is not None and reg.checked_in_at is None
    # The same Undo again says there is nothing to undo; the door list is one tap away.
    (again,) = await jol.tap(admin, checked, label(jol, lang, "org-button-checkin-undo"))
    assert again.plain == jol.services.t(lang, "org-checkin-nothing-to-undo", name="Ann")
    (listing,) = await jol.tap(admin, again, label(jol, lang, "org-button-registrations"))
    assert "Ann" in str(buttons(listing))  # she can be checked in again
    # /checkin CODE brings the same Undo.
    (by_code,) = await jol.say(admin, f"/checkin {reg.code}")
    assert label(jol, lang, "org-button-checkin-undo") in str(buttons(by_code))
    # Cancelling the event: asked first, and "No, keep" keeps it.
    (ask,) = await jol.tap(admin, card, label(jol, lang, "org-button-cancel-event"))
    jol.sim.mark(ann.id)
    (kept,) = await jol.tap(admin, ask, label(jol, lang, "org-button-cancel-keep"))
    assert kept.plain.startswith(("“Round table", "«Round table"))
    event = await registry.get(event_id)
    assert event is not None and event.status.value == "published"
    assert jol.sim.bot_messages(ann.id)[-1].plain  # nothing new reached Ann
    assert not [m for m in jol.sim.bot_messages(ann.id) if "cancelled" in m.plain.lower()]
    # Yes cancels, and the organizer's message has a way on.
    (done,) = await jol.tap(admin, ask, label(jol, lang, "org-button-cancel-confirm"))
    assert label(jol, lang, "menu-home") in str(buttons(done))
    event = await registry.get(event_id)
    assert event is not None and event.status.value == "cancelled"
    # An old "No, keep" now says the event is cancelled, not that it stays.
    (late,) = await jol.tap(admin, ask, label(jol, lang, "org-button-cancel-keep"))
    assert late.plain == label(jol, lang, "event-card-cancelled")


def test_the_undo_and_keep_texts_exist_in_every_language() -> None:
    from tests.support import shared_translator

    t = shared_translator()
    for lang in ("ru", "kk", "lt", "en"):
        for key in ("org-button-cancel-keep", "org-button-checkin-undo"):
            assert len(t(lang, key)) <= 30, (lang, key)  # fits a phone's button
        assert "Ann" in t(lang, "org-checkin-undone", name="Ann")
        assert "T" in t(lang, "org-cancel-kept", title="T")


async def test_organizer_texts_in_kazakh(jol: Harness) -> None:
    """Item 11 in Kazakh (the Russian walk is in test_flows): /outbox says in words what
    failed; the door list's headers, values and check-in time (the event's zone) and the
    report's language names are the organizer's."""
    admin = jol.person(ADMIN_ID, "Ұйымдастырушы", "kk")
    await jol.say(admin, "/start", count=2)
    await a_message_to_an_unknown_chat(jol, "Сәлем")
    (report,) = await jol.say(admin, "/outbox")
    assert "Telegram бұл чатты білмейді" in report.plain and "Chat not found" not in report.plain
    event_id = await publish(jol)
    olga = jol.person(3401, "Olga", "ru")
    await register(jol, olga, event_id, "🪑", "✅")
    (card,) = await jol.say(admin, f"/start event-{event_id}")
    (view,) = await jol.tap(admin, card, label(jol, "kk", "org-button-registrations"))
    await jol.tap(admin, view, "Olga")  # at 12:00 UTC: 14:00 in Vilnius
    (csv_doc,) = await jol.tap(admin, view, "CSV")
    data = jol.sim.files[csv_doc.document.file_id].data.decode("utf-8-sig")
    header, row = data.strip().splitlines()[:2]
    assert header.startswith("Аты,Телефон,Қатысу,Күйі,Код,")
    assert row.startswith("Olga,,залда,расталды,") and row.endswith("01.12.2026 14:00")
    (summary,) = await jol.tap(admin, view, "📊")
    assert "Русский: 1" in summary.plain and "ru:" not in summary.plain
