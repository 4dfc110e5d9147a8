"""The bot builds its knowledge base in a child process (faq.apart): same result."""

from __future__ import annotations

import logging
import subprocess
from datetime import date
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


def _library(content: Path, cache: Path) -> Library:
    return Library(
        content,
        today=latest_review_day,
        withhold_expired=True,
        embedder=None,
        build_apart=True,
        cache_dir=cache,
    )


def test_a_build_apart_withholds_and_searches_like_one_in_process(tmp_path: Path) -> None:
    content = _expired_copy(tmp_path)
    here = Library(content, today=latest_review_day, withhold_expired=True, embedder=None)
    away = _library(content, tmp_path / "cache")
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
    away = _library(content, tmp_path / "cache")
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
        _expired_copy(tmp_path),
        today=latest_review_day,
        embedder=None,
        build_apart=True,
        cache_dir=tmp_path / "cache",
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
    library = _library(_expired_copy(tmp_path), tmp_path / "cache")
    with caplog.at_level(logging.WARNING):
        assert library.reload() == []
    assert library.search("what is the minimum wage", "en", "lt").hits
    assert sum("building it in this process" in r.getMessage() for r in caplog.records) == 1


def _children(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    runs: list[object] = []
    real = apart.subprocess.run

    def counted(*args: Any, **kwargs: Any) -> Any:
        runs.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(apart.subprocess, "run", counted)
    return runs


def test_a_restart_with_the_same_content_reads_the_last_build_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content, cache = _expired_copy(tmp_path), tmp_path / "cache"
    runs = _children(monkeypatch)
    first = _library(content, cache)
    assert first.reload() == [] and len(runs) == 1
    again = _library(content, cache)
    assert again.reload() == [] and len(runs) == 1  # no child: read back
    assert again.kb.topic("lt", "minimum-wage-and-hours") is None  # still withheld
    for text, lang in QUESTIONS:
        assert again.search(text, lang, "lt") == first.search(text, lang, "lt")
    assert [w.message for w in again.warnings] == [w.message for w in first.warnings]
    assert len(list(cache.glob("faq-built-*.pickle"))) == 1


def test_changed_content_another_day_or_changed_code_build_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content, cache = _expired_copy(tmp_path), tmp_path / "cache"
    runs = _children(monkeypatch)
    assert _library(content, cache).reload() == [] and len(runs) == 1
    key = apart.build_key(content, latest_review_day(), True)
    assert key != apart.build_key(content, date(2030, 1, 1), True)
    assert key != apart.build_key(content, latest_review_day(), False)
    # A build without a day reads the real date; so does its key.
    assert apart.build_key(content, None, True) == apart.build_key(content, date.today(), True)
    wage = content / "lt" / "unpaid-wages.yaml"
    wage.write_text(wage.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    edited = _library(content, cache)
    assert edited.reload() == [] and len(runs) == 2
    # The code that builds is part of the key: more code read is another build.
    before = apart.build_key(content, latest_review_day(), True)
    monkeypatch.setattr(apart, "_CODE", (*apart._CODE, "tests/support"))
    assert apart.build_key(content, latest_review_day(), True) != before
    # Only the newest build is kept.
    assert len(list(cache.glob("faq-built-*.pickle"))) == 1


def test_a_damaged_or_foreign_cache_file_is_never_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    content, cache = _expired_copy(tmp_path), tmp_path / "cache"
    runs = _children(monkeypatch)
    assert _library(content, cache).reload() == []
    (file,) = cache.glob("faq-built-*.pickle")
    key = file.name.removeprefix("faq-built-").removesuffix(".pickle")
    # Cut short: the unpickling fails, one warning, built again.
    file.write_bytes(key.encode() + b"\n" + b"\x80\x05garbage")
    with caplog.at_level(logging.WARNING):
        library = _library(content, cache)
        assert library.reload() == []
    assert len(runs) == 2 and library.search("what is the minimum wage", "en", "lt").hits
    assert sum("unreadable" in r.getMessage() for r in caplog.records) == 1
    # Another build's output under this name: its first line is not this key.
    file.write_bytes(b"0" * 40 + b"\n" + file.read_bytes().split(b"\n", 1)[1])
    assert _library(content, cache).reload() == [] and len(runs) == 3


def test_a_build_with_problems_is_not_kept(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    library = Library(
        _expired_copy(tmp_path),
        today=latest_review_day,
        embedder=None,
        build_apart=True,
        cache_dir=cache,
    )
    assert library.reload() != []
    assert not list(cache.glob("faq-built-*.pickle"))
