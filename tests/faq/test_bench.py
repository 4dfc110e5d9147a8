"""The FAQ benchmark's own logic: counting, and the synthetic large base."""

from __future__ import annotations

from pathlib import Path

import faq
from bench.faq import Question, evaluate, synthetic_base
from faq.loader import load_kb

CONTENT = Path(faq.__file__).with_name("content")


def test_top1_needs_confidence_and_out_of_scope_counts_confident_answers() -> None:
    answers = {
        "a": (True, ["x", "y"]),  # right and confident
        "b": (False, ["x"]),  # right but unsure: top-3 only
        "c": (True, ["z", "y"]),  # wrong, right one second
        "d": (True, ["x"]),  # out of scope, answered anyway
        "e": (False, ["x"]),  # out of scope, unsure: fine
    }
    questions = [
        Question("en", "a", "x"),
        Question("en", "b", "x"),
        Question("en", "c", "y"),
        Question("en", "d", None),
        Question("en", "e", None),
    ]
    tally = evaluate(questions, lambda q, _lang: answers[q])["en"]
    assert (tally.asked, tally.top1, tally.top3) == (3, 1, 3)
    assert (tally.out_of_scope, tally.false_confident) == (2, 1)
    assert tally.rates() == (1 / 3, 1.0, 0.5)


def test_synthetic_base_grows_with_new_ids() -> None:
    kb = load_kb(CONTENT).kb
    big = synthetic_base(kb, 3)
    assert len(big) == 3 * len(kb)
    assert set(kb.topics) <= set(big.topics)
    clone = big.topics["unpaid-wages-s001"]
    assert clone.category == "work"
    assert clone.texts["en"].answer != kb.topics["unpaid-wages"].texts["en"].answer
