"""The organizer's wizard and Edit walked as an organizer would (issue 12, items 6 and 8, and
the venue's pin): titles per language, Back on every step, a pin sent with the card."""

from __future__ import annotations

import re
from typing import Any

from core.geo import GeoPoint
from registry import EventText
from tests.events.helpers import draft
from tests.support import ADMIN_ID, Harness, buttons, eventually


def labels(message: Any) -> list[str]:
    return [b["text"] for b in buttons(message)]


def published_id(message: Any) -> int:
    match = re.search(r"start=event-(\d+)", message.text)
    assert match, message.text
    return int(match.group(1))


async def share_location(jol: Harness, person: Any, lat: float, lon: float, count: int = 1) -> Any:
    """The person sends a pin from the attachment menu; the bot's next messages."""
    jol.sim.mark(person.id)
    await jol.sim.send_location(person, lat, lon)
    return await jol.sim.wait_for(person.id, count=count, timeout=10)


async def publish(jol: Harness, **overrides: Any) -> int:
    event = await jol.services.registry.create(draft(jol.clock, **overrides), created_by=1)
    await jol.services.registry.publish(event.id)
    return int(event.id)


# ----- item 6: titles and descriptions per language ----------------------------------------


async def test_a_russian_event_gets_an_english_title_and_each_reader_sees_theirs(
    jol: Harness,
) -> None:
    admin = jol.person(ADMIN_ID, "Организатор", "ru")
    _intro, question = await jol.say(admin, "/newevent", count=2)
    assert "Вы пишете на языке: Русский" in question.plain
    too_long, again = await jol.say(admin, "Очень длинное название " * 11, count=2)
    assert "Здесь 252 символа, а помещается не больше 200" in too_long.plain
    assert again.plain == question.plain
    (question,) = await jol.say(admin, "Круглый стол")
    assert "Вы пишете на языке: Русский" in question.plain  # the description, same language
    (hub,) = await jol.say(admin, "Приходите с вопросами.")
    assert "✅ Русский: Круглый стол" in hub.plain
    assert "➖ Қазақша: нет текста, люди увидят Русский" in hub.plain
    assert "➖ English: нет текста, люди увидят Русский" in hub.plain
    (question,) = await jol.tap(admin, hub, "➕ English")
    assert "Вы пишете на языке: English" in question.plain
    (question,) = await jol.say(admin, "Round table")
    (hub,) = await jol.tap(admin, question, "Пропустить")  # no English description
    assert "✅ English: Round table" in hub.plain and "✅ Русский: Круглый стол" in hub.plain
    assert "➖ Lietuvių: нет текста, люди увидят English" in hub.plain
    (question,) = await jol.tap(admin, hub, "Дальше")
    (question,) = await jol.say(admin, "Вильнюс")  # the zone, by its city
    (question,) = await jol.say(admin, "завтра 18:00")
    (question,) = await jol.tap(admin, question, "Пропустить")  # duration
    (question,) = await jol.tap(admin, question, "Пропустить")  # no venue: online only
    (question,) = await jol.tap(admin, question, "Пропустить")  # no Zoom
    (question,) = await jol.say(admin, "https://meet.example.org/round")
    for _ in range(3):  # livestream, deadline, contact
        (question,) = await jol.tap(admin, question, "Пропустить")
    preview = question
    assert "Языки" in preview.plain and "✅ English: Round table" in preview.plain
    (done,) = await jol.tap(admin, preview, "📢")
    event_id = published_id(done)
    event = await jol.services.registry.get(event_id)
    assert event is not None and event.default_language == "ru"
    assert event.texts == {
        "ru": EventText("ru", "Круглый стол", "Приходите с вопросами."),
        "en": EventText("en", "Round table", ""),
    }
    readers = [
        (jol.person(2101, "Ann", "en"), "Round table"),
        (jol.person(2102, "Lina", "lt"), "Round table"),  # lt → en
        (jol.person(2103, "Aigerim", "kk"), "Круглый стол"),  # kk → ru
        (jol.person(2104, "Olga", "ru"), "Круглый стол"),
    ]
    for person, title in readers:
        (card,) = await jol.say(person, f"/start event-{event_id}")
        assert card.plain.splitlines()[0] == title


async def test_edit_adds_a_language_and_reaches_every_field(jol: Harness) -> None:
    event_id = await publish(jol, contact="@ngo_help")
    admin = jol.person(ADMIN_ID, "Organizer", "en")
    (card,) = await jol.say(admin, f"/start event-{event_id}")
    (menu,) = await jol.tap(admin, card, "Edit")
    offered = labels(menu)
    for label in (
        "Title and description",
        "Date and time",
        "Duration",
        "Venue",
        "Address",
        "📍 Map pin",
        "Seats in the room",
        "Phone number required",
        "Zoom ID",
        "Zoom passcode",
        "Online link",
        "Livestream link",
        "Registration deadline",
        "Contact",
    ):
        assert any(label in text for text in offered), (label, offered)
    (languages,) = await jol.tap(admin, menu, "Title and description")
    assert "✅ English: Round table on migrants' rights" in languages.plain
    assert "➖ Қазақша: missing, people see English" in languages.plain
    (title,) = await jol.tap(admin, languages, "➕ Қазақша")
    assert "You are editing the text in Қазақша" in title.plain
    assert not any("Back" in t or "Keep" in t for t in labels(title))  # nothing yet
    (description,) = await jol.say(admin, "Дөңгелек үстел")
    assert "Қазақша" in description.plain and any("Back" in t for t in labels(description))
    (title,) = await jol.tap(admin, description, "Back")
    assert "Your answer so far: Дөңгелек үстел" in title.plain
    (description,) = await jol.tap(admin, title, "Keep")
    saved, languages = await jol.say(admin, "Сұрақтарыңызды алып келіңіз.", count=2)
    assert "Saved" in saved.plain
    assert "✅ Қазақша: Дөңгелек үстел" in languages.plain
    assert "➖ Русский: missing, people see English" in languages.plain
    event = await jol.services.registry.get(event_id)
    assert event is not None
    assert event.texts["kk"] == EventText("kk", "Дөңгелек үстел", "Сұрақтарыңызды алып келіңіз.")
    assert event.texts["en"].title == "Round table on migrants' rights"  # untouched
    (kk_card,) = await jol.say(jol.person(2111, "Aigerim", "kk"), f"/start event-{event_id}")
    assert kk_card.plain.startswith("Дөңгелек үстел")
    # Fields beyond the texts: a contact removed, a duration changed.
    (menu,) = await jol.tap(admin, card, "Edit")
    (question,) = await jol.tap(admin, menu, "Contact")
    assert "Now: @ngo_help" in question.plain
    (saved,) = await jol.tap(admin, question, "Remove")
    assert "Saved" in saved.plain
    (menu,) = await jol.tap(admin, card, "Edit")
    (question,) = await jol.tap(admin, menu, "Duration")
    (saved,) = await jol.say(admin, "90")
    event = await jol.services.registry.get(event_id)
    assert event is not None and event.contact is None and event.duration_minutes == 90


async def test_edit_refuses_to_leave_nobody_a_way_to_attend(jol: Harness) -> None:
    event_id = await publish(
        jol,
        venue_name=None,
        venue_address=None,
        capacity=None,
        zoom_id=None,
        zoom_passcode=None,
        livestream_url=None,
    )
    admin = jol.person(ADMIN_ID, "Организатор", "ru")
    (card,) = await jol.say(admin, f"/start event-{event_id}")
    (menu,) = await jol.tap(admin, card, "Изменить")
    assert not any("Адрес" in t for t in labels(menu))  # no venue: no address to edit
    (question,) = await jol.tap(admin, menu, "Ссылку для онлайн")
    refused, again = await jol.tap(admin, question, "Убрать", count=2)
    assert "никто не сможет прийти" in refused.plain and again.plain == question.plain
    (saved,) = await jol.say(admin, "https://meet.example.org/new")  # the edit stays open
    assert "Сохранено" in saved.plain
    event = await jol.services.registry.get(event_id)
    assert event is not None and event.online_url == "https://meet.example.org/new"


# ----- item 8: Back in the wizard ----------------------------------------------------------


async def test_back_returns_to_each_previous_answer_in_english(jol: Harness) -> None:
    admin = jol.person(ADMIN_ID, "Organizer", "en")
    _intro, question = await jol.say(admin, "/newevent", count=2)
    assert not any("Back" in t for t in labels(question))  # the first step has none
    assert any("Cancel" in t for t in labels(question))
    (question,) = await jol.say(admin, "Round table")
    (title,) = await jol.tap(admin, question, "⬅️ Back")
    assert "What is the event called?" in title.plain
    assert "Your answer so far: Round table" in title.plain
    (question,) = await jol.tap(admin, title, "Keep")  # the description again
    (hub,) = await jol.say(admin, "Bring questions.")
    (question,) = await jol.tap(admin, hub, "⬅️ Back")
    assert "Your answer so far: Bring questions." in question.plain
    (hub,) = await jol.tap(admin, question, "Keep")
    (question,) = await jol.tap(admin, hub, "Continue")
    (question,) = await jol.tap(admin, question, "Europe/Vilnius")
    assert "Europe/Vilnius" in question.plain  # the start, in that zone
    (question,) = await jol.tap(admin, question, "⬅️ Back")
    assert "Your answer so far: Europe/Vilnius" in question.plain
    (question,) = await jol.say(admin, "Riga")  # a new answer replaces the old one
    assert "Europe/Riga" in question.plain
    (question,) = await jol.say(admin, "tomorrow 18:00")
    wrong, again = await jol.say(admin, "100000", count=2)  # minutes
    assert "from 1 to 1,440" in wrong.plain and again.plain == question.plain
    (question,) = await jol.say(admin, "90")
    (question,) = await jol.say(admin, "Community hall")
    (question,) = await jol.say(admin, "Brīvības iela 1, Rīga")
    (question,) = await jol.tap(admin, question, "Skip")  # no pin
    wrong, again = await jol.say(admin, "-5", count=2)  # seats
    assert "from 1 to 10,000" in wrong.plain
    # Back three times: the pin (skipped), the address, the venue, each with its answer.
    (question,) = await jol.tap(admin, again, "⬅️ Back")
    assert "map" in question.plain and "so far" not in question.plain
    (question,) = await jol.tap(admin, question, "⬅️ Back")
    assert "Your answer so far: Brīvības iela 1, Rīga" in question.plain
    (question,) = await jol.tap(admin, question, "⬅️ Back")
    assert "Your answer so far: Community hall" in question.plain
    # Online only after all: the room's questions are not asked, its answers not kept.
    (question,) = await jol.tap(admin, question, "Skip")
    assert "Zoom" in question.plain
    (question,) = await jol.tap(admin, question, "Skip")
    (question,) = await jol.say(admin, "https://meet.example.org/round")
    for _ in range(3):
        (question,) = await jol.tap(admin, question, "Skip")
    assert "Preview" in question.plain and "18:00 (Riga time)" in question.plain
    (done,) = await jol.tap(admin, question, "Publish")
    event = await jol.services.registry.get(published_id(done))
    assert event is not None
    assert (event.timezone, event.duration_minutes) == ("Europe/Riga", 90)
    assert (event.venue_name, event.venue_address, event.capacity) == (None, None, None)
    assert event.texts == {"en": EventText("en", "Round table", "Bring questions.")}


async def test_back_in_lithuanian_and_on_the_first_step(jol: Harness) -> None:
    admin = jol.person(ADMIN_ID, "Organizatorė", "lt")
    _intro, first = await jol.say(admin, "/newevent", count=2)
    # A Back pressed on the first question (an old or forged button) explains itself.
    (said, again) = await jol.tap(admin, first, data="org:v1:back", count=2)
    assert "pirmas klausimas" in said.plain and again.plain == first.plain
    (question,) = await jol.say(admin, "Apskritasis stalas")
    (title,) = await jol.tap(admin, question, "⬅️ Atgal")
    assert "Jūsų atsakymas dabar: Apskritasis stalas" in title.plain
    (question,) = await jol.say(admin, "Apskritasis stalas apie teises")
    (hub,) = await jol.tap(admin, question, "Praleisti")
    assert "✅ Lietuvių: Apskritasis stalas apie teises" in hub.plain
    assert "➖ English: teksto nėra, žmonės matys: Lietuvių" in hub.plain
    (question,) = await jol.tap(admin, hub, "Toliau")
    (hub,) = await jol.tap(admin, question, "⬅️ Atgal")
    assert "Kiekviena kalba" in hub.plain or "kiekviena kalba" in hub.plain
    conversation = await jol.services.conversations.get(ADMIN_ID, "newevent")
    assert conversation is not None and conversation.step == "languages"
    assert conversation.payload["texts"]["lt"]["title"] == "Apskritasis stalas apie teises"
    left, _menu = await jol.say(admin, "/cancel", count=2)
    assert await jol.services.conversations.get(ADMIN_ID, "newevent") is None
    assert await jol.services.registry.all_events() == []


# ----- the venue on a map ------------------------------------------------------------------


async def test_a_pin_from_the_wizard_goes_with_the_card_the_seat_and_the_reminder(
    jol: Harness,
) -> None:
    admin = jol.person(ADMIN_ID, "Organizatorė", "lt")
    _intro, question = await jol.say(admin, "/newevent", count=2)
    (question,) = await jol.say(admin, "Apskritasis stalas")
    (hub,) = await jol.tap(admin, question, "Praleisti")
    (question,) = await jol.tap(admin, hub, "Toliau")
    (question,) = await jol.tap(admin, question, "Europe/Vilnius")
    (question,) = await jol.say(admin, "rytoj 18:00")
    (question,) = await jol.tap(admin, question, "Praleisti")  # duration
    (question,) = await jol.say(admin, "Bendruomenės namai")
    (question,) = await jol.say(admin, "Gedimino pr. 1, Vilnius")
    assert "žemėlapyje" in question.plain
    wrong, again = await jol.say(admin, "prie upės", count=2)
    assert "Nepavyko perskaityti" in wrong.plain and again.plain == question.plain
    (question,) = await share_location(jol, admin, 54.6872, 25.2797)
    assert "vietų" in question.plain  # the seats come next
    (question,) = await jol.say(admin, "20")
    (question,) = await jol.tap(admin, question, "Ne")  # no phone numbers
    for _ in range(5):  # Zoom, online link, livestream, deadline, contact
        (question,) = await jol.tap(admin, question, "Praleisti")
    preview = question
    (pin,) = await jol.sim.wait_for(admin.id, timeout=10)
    assert pin.venue == {
        "location": {"latitude": 54.6872, "longitude": 25.2797},
        "title": "Bendruomenės namai",
        "address": "Gedimino pr. 1, Vilnius",
    }
    (done,) = await jol.tap(admin, preview, "Paskelbti")
    event_id = published_id(done)
    event = await jol.services.registry.get(event_id)
    assert event is not None and event.venue_location == GeoPoint(54.6872, 25.2797)

    olga = jol.person(2201, "Olga", "ru")
    card, pin = await jol.say(olga, f"/start event-{event_id}", count=2)
    assert "Bendruomenės namai" in card.plain
    assert pin.venue is not None and pin.location == {"latitude": 54.6872, "longitude": 25.2797}
    (consent,) = await jol.tap(olga, card, "Занять место")
    (name,) = await jol.tap(olga, consent, "Согласен")
    confirmation, pin, ics = await jol.tap(olga, name, "Olga", count=3)
    assert confirmation.text is not None and confirmation.venue is None
    assert pin.venue is not None and pin.venue["address"] == "Gedimino pr. 1, Vilnius"
    assert ics.document is not None
    # The reminder is a text from the outbox: it carries a link to the map.
    jol.sim.mark(olga.id)
    jol.clock.advance(hours=4, minutes=1)  # 24 hours before the start
    jol.services.sender.wake()
    (reminder,) = await jol.sim.wait_for(
        olga.id, lambda m: "openstreetmap.org" in m.plain, timeout=10
    )
    assert "На карте:" in reminder.plain and "mlat=54.6872&mlon=25.2797" in reminder.plain
    # An online-only reader gets no pin: there is none to give.
    ann = jol.person(2202, "Ann", "en")
    online_id = await publish(jol, venue_name=None, venue_address=None, capacity=None)
    (card,) = await jol.say(ann, f"/start event-{online_id}")
    await eventually(lambda: len(jol.sim.bot_messages(ann.id)) == 1)


async def test_edit_puts_a_pin_on_the_map_and_takes_it_away(jol: Harness) -> None:
    event_id = await publish(jol)
    admin = jol.person(ADMIN_ID, "Organizer", "en")
    (own,) = await jol.say(admin, f"/start event-{event_id}")  # no pin yet: one message
    (menu,) = await jol.tap(admin, own, "Edit")
    (question,) = await jol.tap(admin, menu, "Map pin")
    assert "Now: —" in question.plain and not any("Remove" in t for t in labels(question))
    (saved,) = await jol.say(admin, "54.6872, 25.2797")  # typed, as copied from a map
    assert "Saved" in saved.plain
    ann = jol.person(2301, "Ann", "en")
    card, pin = await jol.say(ann, f"/start event-{event_id}", count=2)
    assert pin.venue["title"] == "Community hall"
    (menu,) = await jol.tap(admin, own, "Edit")
    (question,) = await jol.tap(admin, menu, "Map pin")
    assert "Now: 54.6872,25.2797" in question.plain
    (saved,) = await share_location(jol, admin, 54.69, 25.28)  # a better point, shared
    event = await jol.services.registry.get(event_id)
    assert event is not None and event.venue_location == GeoPoint(54.69, 25.28)
    # A new address: the organizer is reminded that the pin did not move with it.
    (menu,) = await jol.tap(admin, own, "Edit")
    (question,) = await jol.tap(admin, menu, "Address")
    saved, check = await jol.say(admin, "Vilniaus g. 5, Vilnius", count=2)
    assert "pin is still where it was" in check.plain
    (question,) = await jol.tap(admin, check, "Map pin")
    assert "Now: 54.69,25.28" in question.plain
    await jol.say(admin, "/cancel", count=2)
    (menu,) = await jol.tap(admin, own, "Edit")
    (question,) = await jol.tap(admin, menu, "Map pin")
    (saved,) = await jol.tap(admin, question, "Remove")
    event = await jol.services.registry.get(event_id)
    assert event is not None and event.venue_location is None
    (card,) = await jol.say(ann, f"/start event-{event_id}")  # and no pin any more
    assert card.venue is None


async def test_a_location_sent_to_another_question_is_refused_kindly(jol: Harness) -> None:
    admin = jol.person(ADMIN_ID, "Организатор", "ru")
    _intro, question = await jol.say(admin, "/newevent", count=2)
    wrong, again = await share_location(jol, admin, 54.6872, 25.2797, count=2)
    assert "текст" in wrong.plain and again.plain == question.plain
    conversation = await jol.services.conversations.get(ADMIN_ID, "newevent")
    assert conversation is not None and conversation.step == "title@ru"


def test_edit_never_asks_to_tap_a_skip_that_is_not_there() -> None:
    """The wizard's questions offer Skip; Edit has Keep, Remove and Cancel instead, so
    each field's Edit question is worded without it, in every language."""
    from bot.handlers.event_wizard import EDIT_WORDED
    from core.i18n import Translator
    from registry import fields as F

    t = Translator.load(strict=True)
    for lang in ("ru", "kk", "lt", "en"):
        skip = t(lang, "org-skip").strip("⏭️ ")
        for field in F.FIELDS:
            key = field.key
            if not t.has(lang, f"org-ask-{key}") or key in ("title", "description"):
                continue
            asks_skip = skip in t(lang, f"org-ask-{key}", zone="Europe/Vilnius")
            assert asks_skip is (key in EDIT_WORDED), (lang, key)
            if asks_skip:
                edit = t(lang, f"org-edit-ask-{key}", zone="Europe/Vilnius")
                assert skip not in edit, (lang, key)
