"""`python -m faq check` and `python -m faq ask`."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

import faq
from faq.__main__ import main

CONTENT = Path(faq.__file__).with_name("content")


def test_check_the_shipped_content(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(CONTENT)]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert out[-1].endswith("topics, 4 languages: OK")


def test_check_defaults_to_kb_path(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "broken.yaml").write_text("id: [oops\n", encoding="utf-8")
    monkeypatch.setenv("KB_PATH", str(tmp_path))
    assert main(["check"]) == 1
    out = capsys.readouterr().out
    assert "broken.yaml:2: YAML syntax error" in out


def test_ask_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ask", "salary not paid", "--json", "--path", str(CONTENT)]) == 0
    row = json.loads(capsys.readouterr().out)
    assert row["confident"] is True
    assert row["results"][0]["id"] == "unpaid-wages"
    assert set(row["results"][0]) == {"id", "country", "score", "title"}
    assert row["results"][0]["country"] == "lt"
    assert len(row["results"]) <= 3


def test_ask_reads_questions_from_stdin(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("hello\n\nsalary not paid\n"))
    assert main(["ask", "--json", "--lang", "ru", "--path", str(CONTENT)]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [row["confident"] for row in rows] == [False, True]
    assert rows[1]["results"][0]["title"].startswith("Работодатель")


def test_ask_readable(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ask", "vnzh po rabote", "--lang", "ru", "--path", str(CONTENT)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("'vnzh po rabote': ")
