"""Flows walked as people would (issue 12): old buttons say what really happened, every end
has a way on, a place is cancelled only when the person means it."""

from __future__ import annotations

from typing import Any

from registry import RegStatus
from tests.events.helpers import draft
from tests.support import ADMIN_ID, Harness, buttons, eventually, find_button


async def publish(jol: Harness, **overrides: Any) -> int:
    event = await jol.services.registry.create(draft(jol.clock, **overrides), created_by=1)
    await jol.services.registry.publish(event.id)
    return int(event.id)


async def register(
    jol: Harness, person: Any, event_id: int, label: str, agree: str, count: int = 2
) -> Any:
    """Card → seat → consent → the Telegram name; returns the last message (with buttons):
    the .ics for a seat (count 2), the confirmation for a waiting place (count 1)."""
    (card,) = await jol.say(person, f"/start event-{event_id}")
    (consent,) = await jol.tap(person, card, label)
    (name,) = await jol.tap(person, consent, agree)
    replies = await jol.tap(person, name, person.first_name, count=count)
    return replies[-1]


async def alert(jol: Harness, person: Any, message: Any, data: str) -> str:
    query_id = await jol.sim.press_button(person, message.message_id, data)
    reply = await eventually(lambda: jol.sim.callback_answers.get(query_id))
    return str(reply.get("text") or "")


async def test_buttons_of_a_cancelled_event_say_it_was_cancelled(jol: Harness) -> None:
    event_id = await publish(jol)
    ann = jol.person(1201, "Ann", "en")
    olga = jol.person(1202, "Olga", "ru")
    confirmation = await register(jol, ann, event_id, "Take a seat", "I agree")
    (card,) = await jol.say(olga, f"/start event-{event_id}")
    jol.sim.mark(ann.id)
    await jol.services.registry.cancel_event(event_id)
    # Ann is told, and the calendar entry she was given is taken out again.
    (notice,) = await jol.sim.wait_for(ann.id, timeout=10)
    assert "has been cancelled" in (notice.caption or "")
    assert b"METHOD:CANCEL" in jol.sim.files[notice.document.file_id].data
    # Olga's old "take a seat" and Ann's old "cancel" both tell the truth.
    said = await alert(jol, olga, card, find_button(card, "🪑"))
    assert "Организаторы отменили" in said
    (refused,) = await jol.tap(ann, confirmation, "Cancel:")
    assert "organizers have cancelled" in refused.text
    assert "🏠 Menu" in str(buttons(refused))
    regs = await jol.services.registry.door_list(event_id)
    assert [r.user_id for r in regs] == [ann.id]  # nothing registered for Olga


async def test_accept_after_decline_says_it_was_declined(jol: Harness) -> None:
    event_id = await publish(jol, capacity=1)
    aigerim = jol.person(1211, "Aigerim", "kk")
    timur = jol.person(1212, "Timur", "ru")
    await register(jol, aigerim, event_id, "🪑", "✅")
    await register(jol, timur, event_id, "🕒", "✅", count=1)
    (mine,) = await jol.say(aigerim, "/my")
    (sure,) = await jol.tap(aigerim, mine, "Бас тарту")
    await jol.tap(aigerim, sure, "Иә", count=1)
    (offer,) = await jol.sim.wait_for(timur.id, timeout=10)
    (declined,) = await jol.tap(timur, offer, "Отказаться")
    assert "следующий" in declined.text
    (again,) = await jol.tap(timur, offer, "Беру место")
    assert "Вы уже отказались" in again.text
    assert "истекло" not in again.text


async def test_cancel_asks_first_and_keep_changes_nothing(jol: Harness) -> None:
    event_id = await publish(jol)
    ann = jol.person(1221, "Ann", "en")
    await register(jol, ann, event_id, "Take a seat", "I agree")
    (mine,) = await jol.say(ann, "/my")
    (sure,) = await jol.tap(ann, mine, "Cancel:")
    assert "Cancel your place" in sure.text
    (kept,) = await jol.tap(ann, sure, "No, keep it")
    assert "kept" in kept.text
    (reg,) = await jol.services.registry.door_list(event_id)
    assert reg.status == RegStatus.CONFIRMED
    # An old "I agree" for someone registered asks for no name again.
    (card,) = await jol.say(ann, f"/start event-{event_id}")
    (again,) = await jol.tap(ann, card, data=f"ev:v1:ok:{event_id}:s")
    assert "already registered" in again.text
    assert await jol.services.conversations.current(ann.id) is None


async def test_every_end_has_a_way_on(jol: Harness) -> None:
    lina = jol.person(1231, "Lina", "lt")
    (empty,) = await jol.say(lina, "/my")
    assert "📅 Renginiai" in str(buttons(empty)) and "🏠 Meniu" in str(buttons(empty))
    (listing,) = await jol.tap(lina, empty, "Renginiai")
    assert "🏠 Meniu" in str(buttons(listing))
    event_id = await publish(jol)
    (card,) = await jol.say(lina, f"/start event-{event_id}")
    share = next(b for b in buttons(card) if "📤" in b["text"])
    assert share["url"].startswith("https://t.me/share/url?url=")
    assert f"start%3Devent-{event_id}" in share["url"]
    (menu,) = await jol.tap(lina, card, "🏠")
    assert "Ką norėtumėte daryti" in menu.text
    olga = jol.person(1232, "Olga", "ru")
    (card,) = await jol.say(olga, f"/start event-{event_id}")
    assert "📤 Поделиться" in str(buttons(card)) and "🏠 Меню" in str(buttons(card))


async def test_the_bot_describes_itself_in_each_language(jol: Harness) -> None:
    texts = await eventually(lambda: jol.sim.bot_texts.get("short_description:kk"))
    assert "мигранттарға" in texts
    assert "Ответы для мигрантов" in jol.sim.bot_texts["short_description:ru"]
    assert "Lietuvą" in jol.sim.bot_texts["description:lt"]
    for key, text in jol.sim.bot_texts.items():  # Telegram's limits
        assert len(text) <= (120 if key.startswith("short") else 512), key


async def a_message_to_an_unknown_chat(jol: Harness, text: str) -> None:
    """A queued message Telegram refuses ("chat not found"), tried until it settles."""
    outbox = jol.services.outbox
    await outbox.schedule(key="lost", chat_id=424242, due=jol.clock.now(), text=text)

    async def settled() -> bool:
        return await outbox.status_of("lost") not in ("pending", "sending")

    await eventually(settled)


async def test_organizer_texts_in_the_organizers_language(jol: Harness) -> None:
    """/outbox says in words what failed; the door list and report speak Russian."""
    admin = jol.person(ADMIN_ID, "Организатор", "ru")
    await jol.say(admin, "/start", count=2)
    await a_message_to_an_unknown_chat(jol, "Привет")
    (report,) = await jol.say(admin, "/outbox")
    assert "сообщение человеку 424242: Telegram не знает этот чат" in report.plain
    assert "Chat not found" not in report.plain and "Europe/Vilnius" in report.plain

    event_id = await publish(jol)
    lina = jol.person(1241, "Lina", "lt")
    await register(jol, lina, event_id, "🪑", "✅")
    (card,) = await jol.say(admin, f"/start event-{event_id}")
    (view,) = await jol.tap(admin, card, "Регистрации")
    (csv_doc,) = await jol.tap(admin, view, "CSV")
    data = jol.sim.files[csv_doc.document.file_id].data.decode("utf-8-sig")
    header, row = data.strip().splitlines()[:2]
    assert header.startswith("Имя,Телефон,Участие,Статус")
    assert row.startswith("Lina,,в зале,подтверждено,")
    (summary,) = await jol.tap(admin, view, "Отчёт")
    assert "Lietuvių: 1" in summary.plain


def test_cities_and_tomorrow_are_understood_in_four_languages() -> None:
    from datetime import UTC, datetime

    import pytest

    from registry.timeparse import TimeError, parse_local, zone_name

    now = datetime(2026, 12, 1, 20, 0, tzinfo=UTC)  # 22:00 in Vilnius, 01:00 in Almaty
    assert zone_name("Вильнюс") == zone_name(" vilnius ") == "Europe/Vilnius"
    assert zone_name("Rīga") == "Europe/Riga" and zone_name("Алматы") == "Asia/Almaty"
    assert zone_name("Asia/Tashkent") == "Asia/Tashkent"  # an IANA name stays as typed
    for text in ("tomorrow 18:00", "Завтра 18:00", "ертең 18.00", "rytoj 18:00"):
        assert parse_local(text, "Europe/Vilnius", now) == datetime(2026, 12, 2, 16, 0, tzinfo=UTC)
    # "Tomorrow" is the event's own tomorrow: already 2 December in Almaty.
    assert parse_local("tomorrow 18:00", "Asia/Almaty", now).day == 3
    with pytest.raises(TimeError):
        parse_local("today 18:00", "Europe/Vilnius", now)  # already past
    with pytest.raises(TimeError):
        parse_local("tomorrow 25:00", "Europe/Vilnius", now)


async def test_an_old_card_shows_the_seats_left_when_tapped(jol: Harness) -> None:
    event_id = await publish(jol, capacity=2)
    ann = jol.person(1231, "Ann", "en")
    olga = jol.person(1232, "Olga", "ru")
    (card,) = await jol.say(ann, f"/start event-{event_id}")
    assert "2 seats left" in card.plain
    await register(jol, olga, event_id, "Занять место", "Согласен")
    # Ann's card still says two; her tap brings it up to date, then goes on.
    replies = await jol.tap(ann, card, "Take a seat", count=2)
    fresh = jol.sim.chats[ann.id].messages[card.message_id]
    assert "1 seat left" in fresh.plain
    assert any("agree" in str(buttons(r)).lower() or "consent" in r.plain.lower() for r in replies)
