"""Flows walked as a person on a phone would, through the local Bot API (issue 12):
a seat asked for from an online place, sharing an answer, and what the walk-through found."""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from urllib.parse import parse_qs, urlparse

from registry import Mode, RegStatus
from tests.events.test_flows import publish, register
from tests.support import Harness, buttons, eventually


async def give_up_seat(jol: Harness, holder: Any, waiter: Any) -> Any:
    """The holder cancels their seat from /my; returns the offer the waiter then gets."""
    (mine,) = await jol.say(holder, "/my")
    (sure,) = await jol.tap(holder, mine, "Cancel:")
    jol.sim.mark(waiter.id)
    await jol.tap(holder, sure, "Yes, cancel")
    (offer,) = await jol.sim.wait_for(waiter.id, timeout=10)
    return offer


async def test_online_place_waits_for_a_seat_and_becomes_one(jol: Harness) -> None:
    """Olga (ru) is registered online; she asks for a seat and keeps the online place until
    Ann (en) frees one; she accepts and has one registration, now in the room."""
    event_id = await publish(jol, capacity=1)
    ann = jol.person(2401, "Ann", "en")
    olga = jol.person(2402, "Olga", "ru")
    await register(jol, ann, event_id, "Take a seat", "I agree")
    after = await register(jol, olga, event_id, "💻", "✅")
    (queued,) = await jol.tap(olga, after, "Попросить место в зале")
    assert "ваш номер — 1" in queued.text and "Ваше онлайн-участие" in queued.text
    assert "🏠 Меню" in str(buttons(queued))
    (mine,) = await jol.say(olga, "/my")
    assert "онлайн; в очереди на место в зале, номер 1" in mine.text
    assert "Только онлайн:" in str(buttons(mine))
    (card,) = await jol.say(olga, f"/start event-{event_id}")
    assert "Вы также в очереди на место в зале: номер 1" in card.text
    assert "Zoom" in card.text  # the online details are still hers
    # Ann gives her seat up; the offer reaches Olga through the waiting list.
    offer = await give_up_seat(jol, ann, olga)
    assert "Освободилось место в зале" in offer.text
    assert "Остаться онлайн" in str(buttons(offer))
    replies = await jol.tap(olga, offer, "✅", count=2)
    assert "Место ваше" in replies[0].text and "Место за вами" in replies[0].text
    assert replies[1].document is not None  # the seat's calendar entry
    registry = jol.services.registry
    regs = [r for r in await registry.door_list(event_id) if r.user_id == olga.id]
    assert len(regs) == 1
    (reg,) = regs
    assert (reg.mode, reg.status, reg.seat_request) == (Mode.OFFLINE, RegStatus.CONFIRMED, None)
    assert reg.code in replies[0].text
    counts = await registry.counts(event_id)
    assert counts is not None and counts.seats_taken == 1 and counts.online == 0
    (mine,) = await jol.say(olga, "/my")
    assert reg.code in mine.text and "онлайн" not in mine.text


async def test_staying_online_and_a_phone_for_the_room(jol: Harness) -> None:
    """Aigerim (kk) declines the seat and stays online; Lina (lt) gives the phone number
    the room needs, and can leave the line again, still online."""
    event_id = await publish(jol, capacity=1, phone_required=True)
    ann = jol.person(2411, "Ann", "en")
    aigerim = jol.person(2412, "Aigerim", "kk")
    lina = jol.person(2413, "Lina", "lt")
    (card,) = await jol.say(ann, f"/start event-{event_id}")
    (consent,) = await jol.tap(ann, card, "Take a seat")
    (name,) = await jol.tap(ann, consent, "I agree")
    (phone,) = await jol.tap(ann, name, "Ann")
    await jol.say(ann, "+37061234567", count=2)
    after = await register(jol, aigerim, event_id, "💻", "✅")
    (ask,) = await jol.tap(aigerim, after, "Залдан орын сұрау")
    assert "телефон нөмірі керек" in ask.text and "+370" in ask.text
    (bad,) = await jol.say(aigerim, "hello")
    assert "+370" in bad.text
    queued = await jol.say(aigerim, "8 612 34567", count=2)
    assert "сіздің нөміріңіз — 1" in queued[0].text
    assert "Менің тіркелулерім" in str(buttons(queued[1])) or buttons(queued[1])
    after_lina = await register(jol, lina, event_id, "💻", "✅")
    (ask_lina,) = await jol.tap(lina, after_lina, "Prašyti vietos salėje")
    (cancelled,) = await jol.say(lina, "/cancel", count=1)
    assert "nuotolinė vieta lieka jūsų" in cancelled.text
    registry = jol.services.registry
    lina_reg = await registry.registration_of(event_id, lina.id)
    assert lina_reg is not None and lina_reg.online_place and lina_reg.seat_request is None
    # Ann's seat frees: Aigerim stays online; nobody else is in line.
    offer = await give_up_seat(jol, ann, aigerim)
    assert "Залда орын босады" in offer.text
    (kept,) = await jol.tap(aigerim, offer, "Онлайн қалу")
    assert "онлайн орныңыз сізде қалады" in kept.text
    reg = await registry.registration_of(event_id, aigerim.id)
    assert reg is not None and reg.online_place and reg.seat_request is None
    assert reg.phone is None  # the number was for the room: an online place keeps none
    # Lina asks again (her number typed this time), then leaves the line from /my.
    (mine,) = await jol.say(lina, "/my")
    (ask_again,) = await jol.tap(lina, mine, "Vieta salėje:")
    replies = await jol.say(lina, "+370 612 34568", count=2)
    assert "Buvo laisva vieta" in replies[0].text  # the seat was free: it is hers now
    # Her calendar entry now names the room, not the conference link.
    assert b"LOCATION:Community hall" in jol.sim.files[replies[1].document.file_id].data
    seated = await registry.registration_of(event_id, lina.id)
    assert seated is not None and seated.mode == Mode.OFFLINE and seated.seat_request is None
    counts = await registry.counts(event_id)
    assert counts is not None and counts.seats_taken == 1


async def test_leaving_the_line_keeps_the_online_place(jol: Harness) -> None:
    event_id = await publish(jol, capacity=1)
    ann = jol.person(2421, "Ann", "en")
    ben = jol.person(2422, "Ben", "en")
    await register(jol, ann, event_id, "Take a seat", "I agree")
    after = await register(jol, ben, event_id, "💻", "I agree")
    (queued,) = await jol.tap(ben, after, "Ask for a seat in the room")
    assert "number 1 in line" in queued.text
    (mine,) = await jol.say(ben, "/my")
    assert "online; waiting for a seat in the room, number 1 in line" in mine.text
    (left,) = await jol.tap(ben, mine, "Stay online only:")
    assert "Your online place stays yours" in left.text
    (again,) = await jol.tap(ben, mine, "Stay online only:")
    assert "not in line" in again.text
    reg = await jol.services.registry.registration_of(event_id, ben.id)
    assert reg is not None and reg.online_place and reg.seat_request is None
    # Someone else's registration cannot be moved by a forged button.
    (my_ann,) = await jol.say(ann, "/my")
    query_id = await jol.sim.press_button(ann, my_ann.message_id, f"ev:v1:seat:{reg.id}")
    said = await eventually(lambda: jol.sim.callback_answers.get(query_id))
    assert "no longer available" in str(said.get("text"))
    still = await jol.services.registry.registration_of(event_id, ben.id)
    assert still is not None and still.seat_request is None


def _share_payload(message: Any) -> str:
    """The start payload inside the 📤 Share button's share-sheet link."""
    share = next(b for b in buttons(message) if "📤" in b["text"])
    link = parse_qs(urlparse(share["url"]).query)["url"][0]
    assert link.startswith("https://t.me/jol_test_bot?start=")
    return link.split("start=", 1)[1]


async def test_a_shared_answer_opens_in_the_readers_language_and_country(jol: Harness) -> None:
    ann = jol.person(2431, "Ann", "en")
    await jol.say(ann, "/start", count=2)
    await jol.services.users.set_country(ann.id, "lt")
    (answer,) = await jol.say(ann, "/start topic-work-permit")
    payload = _share_payload(answer)
    assert payload == "topic-lt_work-permit"
    # Aigerim lives in Kazakhstan and reads Kazakh: her country's answer, said honestly.
    aigerim = jol.person(2432, "Aigerim", "kk")
    await jol.say(aigerim, "/start", count=2)
    await jol.services.users.set_country(aigerim.id, "kz")
    replies = await jol.say(aigerim, f"/start {payload}", count=2)
    note = replies[0]
    assert "Литва" in note.text and "Қазақстан" in note.text
    kz_topic = jol.services.library.topic("kz", "work-permit")
    assert kz_topic.text("kk").title in replies[-1].text
    assert _share_payload(replies[-1]) == "topic-kz_work-permit"
    # One tap shows the answer for Lithuania, with whose rules it follows named first.
    original = await jol.tap(aigerim, note, "Литва", count=2)
    assert "Бұл жауап мына елге арналған: Литва" in original[0].text
    lt_topic = jol.services.library.topic("lt", "work-permit")
    assert lt_topic.text("kk").title in original[-1].text
    # A topic Kazakhstan has no answer for: Lithuania's, with the honest note.
    assert jol.services.library.topic("kz", "driving-licence") is None
    only_lt = await jol.say(aigerim, "/start topic-lt_driving-licence", count=2)
    assert "Литва" in only_lt[0].text and "басқаша болуы мүмкін" in only_lt[0].text
    assert jol.services.library.topic("lt", "driving-licence").text("kk").title in only_lt[1].text
    # The share button stays under the answer after a vote.
    (voted,) = await jol.tap(ann, answer, "👍")
    assert _share_payload(voted) == "topic-lt_work-permit"


async def test_a_forged_share_link_gets_a_clear_answer(jol: Harness) -> None:
    olga = jol.person(2441, "Olga", "ru")
    await jol.say(olga, "/start", count=2)
    for payload in (
        "topic-zz_work-permit",
        "topic-lt_no-such-topic",
        "topic-lt_",
        "topic-lt_Work_Permit",
        "topic-lt_work-permit_lt",
        "topic-Work_Permit",
    ):
        (reply,) = await jol.say(olga, f"/start {payload}")
        assert "По этой ссылке нет ответа" in reply.text, payload
        assert buttons(reply), payload  # the topics, to go on from
    # An older poster link (no country) to a topic that went says it went.
    (gone,) = await jol.say(olga, "/start topic-" + "a" * 300)
    assert "Эта тема больше недоступна" in gone.text


async def _ready(jol: Harness, user_id: int, name: str, lang: str, country: str) -> Any:
    person = jol.person(user_id, name, lang)
    await jol.say(person, "/start", count=2)
    await jol.services.users.set_country(person.id, country)
    return person


async def test_topics_under_an_answer_leave_the_answer_where_it_is(jol: Harness) -> None:
    """Issue 12, item 1: 📚 Topics under an answer opens a new message; the topic menu
    has its way back to the menu."""
    for user_id, lang, label, home in (
        (2451, "en", "Topics", "🏠 Menu"),
        (2452, "ru", "Темы", "🏠 Меню"),
    ):
        person = await _ready(jol, user_id, "Ann", lang, "lt")
        (answer,) = await jol.say(person, "/start topic-work-permit")
        (menu,) = await jol.tap(person, answer, label)
        assert menu.message_id != answer.message_id
        shown = {m.message_id: m for m in jol.sim.bot_messages(person.id)}
        assert shown[answer.message_id].plain == answer.plain  # the answer is still there
        assert home in str(buttons(menu))


async def test_a_person_of_another_country_gets_a_way_on(jol: Harness) -> None:
    """A country with no topics of its own: /topics and a number typed used to fail
    (Telegram refuses an empty keyboard); now they say what the person can do."""
    lina = await _ready(jol, 2461, "Lina", "lt", "other")
    (topics,) = await jol.say(lina, "/topics")
    assert "Jūsų šaliai temų kol kas neturiu" in topics.text
    labels = str(buttons(topics))
    assert "🌍 Šalis" in labels and "🏠 Meniu" in labels
    (numbers,) = await jol.say(lina, "12345")
    assert buttons(numbers)
    (countries,) = await jol.tap(lina, topics, "🌍 Šalis")
    assert "Latvija" in str(buttons(countries))
    aigerim = await _ready(jol, 2462, "Aigerim", "kk", "other")
    (topics,) = await jol.say(aigerim, "/topics")
    assert "Сіздің еліңіз бойынша әзірге тақырып жоқ" in topics.text


async def test_cancelling_an_online_or_a_waiting_place_says_what_it_was(jol: Harness) -> None:
    event_id = await publish(jol, capacity=1)
    ann = jol.person(2471, "Ann", "en")
    aigerim = jol.person(2472, "Aigerim", "kk")
    ben = jol.person(2473, "Ben", "en")
    await register(jol, ann, event_id, "Take a seat", "I agree")
    await register(jol, aigerim, event_id, "💻", "✅")
    await register(jol, ben, event_id, "waiting list", "I agree", count=1)
    (mine,) = await jol.say(aigerim, "/my")
    (sure,) = await jol.tap(aigerim, mine, "Бас тарту")
    (done,) = await jol.tap(aigerim, sure, "Иә")
    assert "Онлайн тіркелуіңіз тоқтатылды" in (done.caption or done.text)
    assert "орныңыз келесі адамға" not in (done.caption or done.text)
    (mine,) = await jol.say(ben, "/my")
    (sure,) = await jol.tap(ben, mine, "Cancel:")
    (done,) = await jol.tap(ben, sure, "Yes, cancel")
    assert "left the waiting list" in done.text and "seat goes" not in done.text


async def test_an_accepted_seat_comes_with_its_calendar_file(jol: Harness) -> None:
    """The waiting list gets no .ics (a waiting place is no date yet): the seat brings it."""
    event_id = await publish(jol, capacity=1)
    ann = jol.person(2481, "Ann", "en")
    timur = jol.person(2482, "Timur", "ru")
    await register(jol, ann, event_id, "Take a seat", "I agree")
    await register(jol, timur, event_id, "🕒", "✅", count=1)
    offer = await give_up_seat(jol, ann, timur)
    accepted, ics = await jol.tap(timur, offer, "Беру место", count=2)
    reg = await jol.services.registry.registration_of(event_id, timur.id)
    assert reg is not None and reg.status == RegStatus.CONFIRMED
    assert "Место ваше" in accepted.text and reg.code in accepted.text
    data = jol.sim.files[ics.document.file_id].data
    assert b"METHOD:PUBLISH" in data and b"Community hall" in data
    assert "🏠 Меню" in str(buttons(ics))


async def test_every_end_has_a_way_back_to_the_menu(jol: Harness) -> None:
    """Issue 12, item 22, walked again: /mydata, /settings, a kept /forget and the
    "ask a question" prompt each carry a button on."""
    for user_id, lang, home, ask, no in (
        (2491, "lt", "🏠 Meniu", "Užduoti klausimą", "Ne, palikti"),
        (2492, "ru", "🏠 Меню", "Задать вопрос", "Нет"),
    ):
        person = await _ready(jol, user_id, "Lina", lang, "lt")
        (data,) = await jol.say(person, "/mydata")
        assert home in str(buttons(data))
        (settings,) = await jol.say(person, "/settings")
        assert home in str(buttons(settings))
        (question,) = await jol.say(person, "/forget")
        (kept,) = await jol.tap(person, question, no)
        assert home in str(buttons(kept))
        (menu,) = await jol.say(person, "/menu")
        (prompt,) = await jol.tap(person, menu, ask)
        assert home in str(buttons(prompt)) and "📚" in str(buttons(prompt))
        assert await jol.services.users.get(person.id) is not None  # nothing was erased


async def test_a_full_room_says_how_many_wait(jol: Harness) -> None:
    event_id = await publish(jol, capacity=1)
    await jol.services.registry.register(event_id, 1, mode="offline", name="A", language="en")
    ann = jol.person(2501, "Ann", "en")
    olga = jol.person(2502, "Olga", "ru")
    (card,) = await jol.say(ann, f"/start event-{event_id}")
    assert "🪑 The room is full.\n" in card.plain and "0 in the" not in card.plain
    for user_id in (2, 3):
        await jol.services.registry.register(
            event_id, user_id, mode="offline", name="W", language="en"
        )
    (card,) = await jol.say(ann, f"/start event-{event_id}")
    assert "2 people are waiting for a seat" in card.plain
    (card,) = await jol.say(olga, f"/start event-{event_id}")
    assert "в листе ожидания 2 человека" in card.plain


def test_the_full_room_plurals_in_every_language() -> None:
    from tests.support import shared_translator

    t = shared_translator()
    expected = {
        ("ru", 1): "1 человек.",
        ("ru", 3): "3 человека.",
        ("ru", 5): "5 человек.",
        ("ru", 21): "21 человек.",
        ("lt", 1): "1 žmogus.",
        ("lt", 3): "3 žmonės.",
        ("lt", 10): "10 žmonių.",
        ("lt", 21): "21 žmogus.",
        ("en", 1): "1 person is",
        ("en", 4): "4 people are",
        ("kk", 4): "4 адам.",
    }
    for (lang, n), end in expected.items():
        assert end in t(lang, "person-card-full", waiting=n), (lang, n)
    for lang in ("ru", "kk", "lt", "en"):
        assert t(lang, "person-card-full", waiting=0).endswith(".")
        assert "0" not in t(lang, "person-card-full", waiting=0)


async def test_a_number_dialled_at_home_is_kept_right(jol: Harness) -> None:
    """Aigerim lives in Kazakhstan and registers for a seat in Vilnius: "8 777 123 45 67"
    is +7 777…, not "+8777…"; an unknown event link has the way on."""
    event_id = await publish(jol, capacity=3, phone_required=True)
    aigerim = await _ready(jol, 2511, "Aigerim", "kk", "kz")
    (card,) = await jol.say(aigerim, f"/start event-{event_id}")
    (consent,) = await jol.tap(aigerim, card, "🪑")
    (name,) = await jol.tap(aigerim, consent, "✅")
    (phone,) = await jol.tap(aigerim, name, "Aigerim")
    await jol.say(aigerim, "8 777 123 45 67", count=2)
    reg = await jol.services.registry.registration_of(event_id, aigerim.id)
    assert reg is not None and reg.phone == "+77771234567"
    for link in ("/start event-999999", "/start event-abc"):
        (gone,) = await jol.say(aigerim, link)
        assert "Бұл іс-шара енді қолжетімсіз" in gone.text
        assert "🏠 Мәзір" in str(buttons(gone)) and "📅" in str(buttons(gone))
    olga = await _ready(jol, 2512, "Olga", "ru", "lt")
    (gone,) = await jol.say(olga, "/start event-999999")
    assert "🏠 Меню" in str(buttons(gone))


async def test_a_first_contact_by_a_shared_link_gets_the_answer_as_shared(jol: Harness) -> None:
    """Someone new has no country yet: not the deployment's default country's answer, but
    the one shared, named, with one tap to tell where they live."""
    dana = jol.person(2521, "Dana", "ru")
    note, answer = await jol.say(dana, "/start topic-kz_work-permit", count=2)
    assert "Этот ответ — для страны: Казахстан" in note.text
    assert jol.services.library.topic("kz", "work-permit").text("ru").title in answer.text
    (countries,) = await jol.tap(dana, note, "🌍")
    (done,) = await jol.tap(dana, countries, "Латвия")
    user = await jol.services.users.get(dana.id)
    assert user is not None and user.country == "lv"
    ben = jol.person(2522, "Ben", "en")
    note, _ = await jol.say(ben, "/start topic-lv_work-permit", count=2)
    assert "This answer is for Latvia" in note.text


async def test_notices_carry_a_way_on(jol: Harness) -> None:
    """A reminder, a change notice and a lapsed offer each end with buttons, not a dead end."""
    event_id = await publish(jol, capacity=1)
    ann = jol.person(2531, "Ann", "en")
    aigerim = jol.person(2532, "Aigerim", "kk")
    await register(jol, ann, event_id, "Take a seat", "I agree")
    await register(jol, aigerim, event_id, "🕒", "✅", count=1)
    registry, sender = jol.services.registry, jol.services.sender
    event = await registry.get(event_id)
    assert event is not None
    # Ann cannot come: the seat is offered to Aigerim, who does not answer in time.
    await give_up_seat(jol, ann, aigerim)
    reg = await registry.registration_of(event_id, aigerim.id)
    assert reg is not None
    found = await registry.open_offer_for(reg.id)
    assert found is not None
    jol.clock.set(found.expires_at)
    jol.sim.mark(aigerim.id)
    await registry.expire_offers()
    await sender.run_due()
    (lapsed,) = await jol.sim.wait_for(aigerim.id, timeout=10)
    assert "келесі адамға" in lapsed.text
    assert "📅 Іс-шаралар" in str(buttons(lapsed)) and "🏠 Мәзір" in str(buttons(lapsed))
    # Ann registers again and is reminded a day before: the reminder has her registrations.
    (card,) = await jol.say(ann, f"/start event-{event_id}")
    (name,) = await jol.tap(ann, card, "Take a seat")  # she agreed before: no consent asked
    await jol.tap(ann, name, "Ann", count=2)
    jol.clock.set(event.start_at - timedelta(hours=24))
    jol.sim.mark(ann.id)
    await sender.run_due()
    (reminder,) = await jol.sim.wait_for(ann.id, timeout=10)
    assert "Reminder" in reminder.text
    assert "🎫 My registrations" in str(buttons(reminder)) and "🏠 Menu" in str(buttons(reminder))


async def test_lithuanian_names_a_country_in_a_case_that_fits(jol: Harness) -> None:
    """ "atsakysiu apie Lietuva" needs the accusative; the names come in the nominative, so
    the sentences are built around it."""
    ruta = jol.person(2541, "Rūta", "lt")
    greeting, picker = await jol.say(ruta, "/start", count=2)
    replies = await jol.tap(ruta, picker, "Lietuvių", count=2)
    (done,) = await jol.tap(ruta, replies[-1], "Latvija")
    assert "jūsų šalis – Latvija" in done.text and "apie Latvija" not in done.text
    translator = jol.services.t
    assert "apie Lietuva" not in translator("lt", "faq-answer-for-country", country="Lietuva")


async def test_an_offer_can_be_answered_from_my_registrations(jol: Harness) -> None:
    """The offer message may be far up the chat: /my says a seat is offered and takes it."""
    event_id = await publish(jol, capacity=1)
    ann = jol.person(2551, "Ann", "en")
    timur = jol.person(2552, "Timur", "ru")
    lina = jol.person(2553, "Lina", "lt")
    await register(jol, ann, event_id, "Take a seat", "I agree")
    await register(jol, timur, event_id, "🕒", "✅", count=1)
    after = await register(jol, lina, event_id, "💻", "Sutinku")
    await jol.tap(lina, after, "Prašyti vietos salėje")
    await give_up_seat(jol, ann, timur)  # the offer goes to Timur
    (mine,) = await jol.say(timur, "/my")
    assert "вам предложено место" in mine.text
    accepted, _ics = await jol.tap(timur, mine, "Беру место:", count=2)
    assert "Место ваше" in accepted.text
    reg = await jol.services.registry.registration_of(event_id, timur.id)
    assert reg is not None and reg.status == RegStatus.CONFIRMED
    # Lina is still in line, online: /my says so, in Lithuanian.
    (mine,) = await jol.say(lina, "/my")
    assert "nuotoliu; eilėje vietai salėje, numeris 1" in mine.text


async def test_the_consent_question_has_a_way_out(jol: Harness) -> None:
    event_id = await publish(jol)
    for user_id, lang, seat, home, menu_text in (
        (2561, "kk", "🪑", "🏠 Мәзір", "Не істегіңіз келеді"),
        (2562, "en", "Take a seat", "🏠 Menu", "What would you like to do"),
    ):
        person = jol.person(user_id, "Ann", lang)
        (card,) = await jol.say(person, f"/start event-{event_id}")
        (consent,) = await jol.tap(person, card, seat)
        (menu,) = await jol.tap(person, consent, home)
        assert menu_text in menu.text
        user = await jol.services.users.get(person.id)
        assert user is not None and user.consented_at is None
        assert await jol.services.registry.registration_of(event_id, person.id) is None
