"""The shipped knowledge base as tests see it: the day its last review was made."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

from core.clock import FakeClock
from faq.validate import default_path

# Before any shipped review date: the fake clock's default day.
_FLOOR = date(2026, 12, 1)


def latest_review_day() -> date:
    """The latest `reviewed:` date of the shipped topics (never before 1 December 2026).

    Content is reviewed on later days as it is updated; a check that loads the shipped
    files must run on or after that day, or the review dates are in its future."""
    found = re.findall(
        r"^reviewed: (\d{4}-\d{2}-\d{2})",
        "\n".join(p.read_text(encoding="utf-8") for p in default_path().rglob("*.yaml")),
        re.MULTILINE,
    )
    return max([_FLOOR, *(date.fromisoformat(day) for day in found)])


def after_the_latest_review(clock: FakeClock) -> FakeClock:
    """Move the fake clock to noon (UTC) of the latest review day, if it is earlier."""
    noon = datetime.combine(latest_review_day(), datetime.min.time(), tzinfo=UTC).replace(hour=12)
    if clock.now() < noon:
        clock.set(noon)
    return clock
