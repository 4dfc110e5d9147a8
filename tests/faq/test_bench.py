"""The FAQ benchmark's own logic: counting, and the synthetic large base."""

from __future__ import annotations

from pathlib import Path

import faq
from bench.faq import Question, evaluate, synthetic_base
from faq.loader import load_kb

CONTENT = Path(faq.__file__).with_name("content")


def test_top1_needs_confidence_and_out_of_scope_counts_confident_answers() -> None:
    answers = {
        "a": (True, [("lt", "x"), ("lt", "y")]),  # right and confident
        "b": (False, [("lt", "x")]),  # right but unsure: top-3 only
        "c": (True, [("lt", "z"), ("lt", "y")]),  # wrong, right one second
        "d": (True, [("lt", "x")]),  # out of scope, answered anyway
        "e": (False, [("lt", "x")]),  # out of scope, unsure: fine
    }
    questions = [
        Question("en", "a", "x"),
        Question("en", "b", "x"),
        Question("en", "c", "y"),
        Question("en", "d", None),
        Question("en", "e", None),
    ]
    tally = evaluate(questions, lambda q, lang, country: answers[q])[("lt", "en")]
    assert (tally.asked, tally.top1, tally.top3) == (3, 1, 3)
    assert (tally.out_of_scope, tally.false_confident) == (2, 1)
    assert tally.rates() == (1 / 3, 1.0, 0.5)
    assert tally.wrong_country == 0


def test_answers_from_another_country_are_counted_by_the_persons_country() -> None:
    answers = {
        "a": (True, [("lt", "x")]),  # a kz person answered from lt: wrong country
        "b": (True, [("kz", "x")]),  # right
        "c": (True, [("lv", "x")]),  # asked about Latvia: lv is right
        "d": (False, [("lt", "x")]),  # not confident: not an answer
    }
    questions = [
        Question("ru", "a", "x", "kz"),
        Question("ru", "b", "x", "kz"),
        Question("ru", "c", "x", "kz", "lv"),
        Question("ru", "d", None, "kz"),
    ]
    tally = evaluate(questions, lambda q, lang, country: answers[q])[("kz", "ru")]
    assert (tally.asked, tally.top1, tally.wrong_country) == (3, 2, 1)


def test_synthetic_base_grows_with_new_ids() -> None:
    kb = load_kb(CONTENT).kb
    big = synthetic_base(kb, 3)
    assert len(big) == 3 * len(kb)
    assert set(kb.topics) <= set(big.topics)
    clone = big.topics["unpaid-wages-s001"]
    assert clone.category == "work"
    assert clone.texts["en"].answer != kb.topics["unpaid-wages"].texts["en"].answer


def test_per_country_files_default_to_their_country(tmp_path: Path) -> None:
    from bench.faq import read_questions

    path = tmp_path / "faq_kz_extra.jsonl"
    path.write_text(
        '{"lang": "ru", "q": "a", "expect": "x"}\n'
        '{"lang": "ru", "q": "b", "expect": null, "country": "lv"}\n'
        '{"lang": "ru", "q": "c", "expect": "y", "country": "kz", "expect_country": "lt"}\n',
        encoding="utf-8",
    )
    a, b, c = read_questions(path, "kz")
    assert (a.country, b.country, c.country) == ("kz", "lv", "kz")
    assert (a.answer_country, c.answer_country) == ("kz", "lt")
    assert read_questions(path)[0].country == "lt"


def test_no_untouched_question_is_copied_into_the_contents_phrasings() -> None:
    """The sets never tuned on measure how the search meets new words: a phrasing that
    repeats one of their questions word for word would turn the measure into a lookup.
    (A short question may equal a title or a keyword: those are written for the topic.)"""
    from bench.faq import evaluation_sets, split_sets
    from core.countries import COUNTRIES, OTHER
    from faq.normalize import normalize

    kb = load_kb(CONTENT).kb
    sets = evaluation_sets()
    sets.pop("cross", None)
    _, untouched = split_sets(sets)
    phrasings = {
        (country, normalize(p))
        for country in (*COUNTRIES, OTHER)
        for topic in kb.view(country).topics.values()
        for text in topic.texts.values()
        for p in text.phrasings
    }
    copied = [
        q
        for questions in untouched.values()
        for q in questions
        if q.expect and (q.answer_country, normalize(q.text)) in phrasings
    ]
    assert untouched and not copied, f"{len(copied)} untouched question(s) copied"
