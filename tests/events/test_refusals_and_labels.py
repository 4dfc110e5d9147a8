"""Issue 12 walked again, two languages each, through the local Bot API: the wizard refuses
an event nobody could attend and its preview is the card people get (item 7); long titles
on buttons are cut at a word with "…" (17); what is typed inside a prompt is never kept as
an unanswered question (20)."""

from __future__ import annotations

import pytest

from registry import EventText, render
from tests.events.test_flows import publish, register
from tests.support import ADMIN_ID, Harness, buttons, find_button


@pytest.mark.parametrize("lang", ["en", "kk"])
async def test_the_wizard_refuses_an_event_nobody_could_attend(jol: Harness, lang: str) -> None:
    t = jol.services.t
    skip = t(lang, "org-skip")
    admin = jol.person(ADMIN_ID, "Org", lang)
    _intro, question = await jol.say(admin, "/newevent", count=2)
    (question,) = await jol.say(admin, "Webinar")
    (hub,) = await jol.tap(admin, question, skip)  # no description
    (question,) = await jol.tap(admin, hub, t(lang, "wiz-button-continue"))
    (question,) = await jol.tap(admin, question, "Europe/Vilnius")
    (question,) = await jol.say(admin, "25.12.2026 18:00")
    refusal = t(lang, "org-invalid-no-way-to-attend")
    refused: list[str] = []
    for _ in range(12):  # skip everything: duration, venue, Zoom, link, livestream, …
        jol.sim.mark(ADMIN_ID)
        await jol.sim.press_button(admin, question.message_id, find_button(question, skip))
        replies = await jol.sim.wait_for(ADMIN_ID, timeout=10)
        if replies[0].plain == refusal:
            (question,) = await jol.sim.wait_for(ADMIN_ID, timeout=10)
            refused.append(refusal)
            break
        (question,) = replies
    # Instead of a preview to publish: what is missing, and the venue's question again.
    assert refused and "📢" not in str(buttons(question))
    assert await jol.services.registry.all_events() == []
    # A way to attend after all: the wizard goes on to the preview, which is the card.
    (question,) = await jol.tap(admin, question, skip)  # still no venue
    (question,) = await jol.tap(admin, question, skip)  # no Zoom
    (question,) = await jol.say(admin, "https://meet.example.org/webinar")
    while "📢" not in str(buttons(question)):
        (question,) = await jol.tap(admin, question, skip)
    (done,) = await jol.tap(admin, question, "📢")
    (event,) = await jol.services.registry.all_events()
    card = render.card(jol.services.t, lang, event, None)
    preview_lines = question.plain.splitlines()
    for line in card.replace("<b>", "").replace("</b>", "").splitlines():
        if line and "📝" not in line:
            assert line in preview_lines, (line, preview_lines)


@pytest.mark.parametrize(
    ("lang", "seat", "agree", "cancel"),
    [("kk", "🪑", "✅", "Бас тарту"), ("ru", "Занять место", "Согласен", "Отменить")],
)
async def test_long_titles_on_buttons_are_cut_at_a_word(
    jol: Harness, lang: str, seat: str, agree: str, cancel: str
) -> None:
    title = "Consultation about residence permits and work documents for families"
    event_id = await publish(jol, texts={"en": EventText("en", title, "")}, capacity=5)
    person = jol.person(4101, "Aigerim", lang)
    await register(jol, person, event_id, seat, agree)
    (mine,) = await jol.say(person, "/my")
    (label,) = [b["text"] for b in buttons(mine) if cancel in b["text"]]
    assert label.endswith("…") and len(label) <= 40, label
    shown = label.split(":", 1)[1].strip().rstrip("…")
    assert title.startswith(shown) and title[len(shown)] == " ", label  # at a word


@pytest.mark.parametrize(
    ("lang", "seat", "agree"),
    [("ru", "Занять место", "Согласен"), ("en", "Take a seat", "I agree")],
)
async def test_what_is_typed_inside_a_prompt_is_never_kept(
    jol: Harness, lang: str, seat: str, agree: str
) -> None:
    event_id = await publish(jol, phone_required=True)
    person = jol.person(4111, "Timur", lang)
    (card,) = await jol.say(person, f"/start event-{event_id}")
    (consent,) = await jol.tap(person, card, seat)
    (name,) = await jol.tap(person, consent, agree)
    (phone,) = await jol.say(person, "Тимур Бекович из Алматы, позвоните мне")
    (again,) = await jol.say(person, "мой номер восемь семь ноль один 123 45 67 спасибо")
    assert "+" in again.plain  # the example of a number: the question stands
    await jol.say(person, "+77011234567", count=2)
    assert await jol.services.journal.top_unanswered() == []
    reg = await jol.services.registry.registration_of(event_id, person.id)
    assert reg is not None and reg.phone == "+77011234567"
