"""The bot builds its knowledge base in a child process (faq.apart): same result."""

from __future__ import annotations

import logging
import subprocess
from pathlib import Path
from typing import Any

import pytest

from faq import apart
from faq.library import Library
from tests.faq.test_withheld import _expired_copy
from tests.support.content import latest_review_day

QUESTIONS = [
    ("what is the minimum wage", "en"),
    ("как получить внж", "ru"),
    ("kaip atidaryti banko sąskaitą", "lt"),
    ("жұмыс берушім жалақы төлемейді", "kk"),
]


def test_a_build_apart_withholds_and_searches_like_one_in_process(tmp_path: Path) -> None:
    content = _expired_copy(tmp_path)
    here = Library(content, today=latest_review_day, withhold_expired=True, embedder=None)
    away = Library(
        content, today=latest_review_day, withhold_expired=True, embedder=None, build_apart=True
    )
    assert here.reload() == [] and away.reload() == []
    assert away.kb.topic("lt", "minimum-wage-and-hours") is None
    assert [w.message for w in away.warnings] == [w.message for w in here.warnings]
    assert any("withheld" in w.message for w in away.warnings)
    for text, lang in QUESTIONS:
        assert away.search(text, lang, "lt") == here.search(text, lang, "lt")
        assert away.ask(text, lang, "kz") == here.ask(text, lang, "kz")
    topic = away.kb.topic("lt", "unpaid-wages")
    assert topic is not None and topic.texts["en"].title


def test_the_countries_indexes_share_their_words_when_built_apart(tmp_path: Path) -> None:
    content = _expired_copy(tmp_path)
    away = Library(
        content, today=latest_review_day, withhold_expired=True, embedder=None, build_apart=True
    )
    assert away.reload() == []
    scopes = [s for s in away.index.scopes.values() if s.term_ids]
    assert len(scopes) >= 2
    first = {t: t for t in scopes[0].term_ids}
    common = [t for t in scopes[1].term_ids if t in first]
    assert common, "two countries' content share no term"
    assert all(first[t] is t for t in common)
    words = [w for s in scopes for w in s.vocabulary]
    assert len({id(w) for w in words}) == len(set(words))


def test_problems_found_apart_are_returned(tmp_path: Path) -> None:
    library = Library(
        _expired_copy(tmp_path), today=latest_review_day, embedder=None, build_apart=True
    )
    problems = library.reload()
    assert [p.expired for p in problems] == [True]
    assert "has passed" in problems[0].message


def test_without_a_child_process_the_build_happens_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def refuse(*_args: Any, **_kwargs: Any) -> subprocess.CompletedProcess[bytes]:
        raise PermissionError("no processes here")

    monkeypatch.setattr(apart.subprocess, "run", refuse)
    library = Library(
        _expired_copy(tmp_path),
        today=latest_review_day,
        withhold_expired=True,
        embedder=None,
        build_apart=True,
    )
    with caplog.at_level(logging.WARNING):
        assert library.reload() == []
    assert library.search("what is the minimum wage", "en", "lt").hits
    assert sum("building it in this process" in r.getMessage() for r in caplog.records) == 1
