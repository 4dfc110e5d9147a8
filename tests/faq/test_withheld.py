"""On the day a yearly figure expires the bot keeps answering everything else."""

from __future__ import annotations

import shutil
from pathlib import Path

from faq.library import Library
from faq.validate import default_path
from tests.support.content import latest_review_day


def _expired_copy(tmp_path: Path) -> Path:
    content = tmp_path / "kb"
    shutil.copytree(default_path(), content)
    wage = content / "lt" / "minimum-wage-and-hours.yaml"
    text = wage.read_text(encoding="utf-8")
    text = "\n".join(line for line in text.splitlines() if not line.startswith("valid_until:"))
    wage.write_text(text.replace("\nreviewed:", "\nvalid_until: 2026-11-30\nreviewed:", 1) + "\n")
    return content


def test_the_bot_withholds_an_expired_topic_and_says_so(tmp_path: Path) -> None:
    library = Library(_expired_copy(tmp_path), today=latest_review_day, withhold_expired=True)
    assert library.reload() == []
    assert library.kb.topic("lt", "minimum-wage-and-hours") is None
    assert library.kb.topic("lt", "unpaid-wages") is not None
    assert any("withheld" in w.message for w in library.warnings)
    result = library.search("what is the minimum wage", "en", "lt")
    assert all(hit.topic_id != "minimum-wage-and-hours" for hit in result.hits)


def test_the_checker_stays_strict(tmp_path: Path) -> None:
    library = Library(_expired_copy(tmp_path), today=latest_review_day)
    problems = library.reload()
    assert [p.expired for p in problems] == [True]
    assert "has passed" in problems[0].message
