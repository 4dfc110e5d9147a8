"""The full content check: structure (from the loader) plus what only rendering reveals."""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

from core.i18n import Translator
from core.languages import LANGUAGES
from faq.loader import LoadResult, Span, load_kb
from faq.model import Problem, Topic
from faq.render import (
    TELEGRAM_LIMIT,
    AnswerLabels,
    markup_problems,
    paragraphs,
    render_answer_html,
    text_to_html,
)

log = logging.getLogger(__name__)

LabelsFor = Callable[[Topic, str], AnswerLabels]

# Used when the bot's locale files cannot be read: longer than any real footer, so a
# topic that passes with these also passes with the real ones.
_FALLBACK_FOOTER = AnswerLabels(
    sources_heading="S" * 40,
    reviewed_line="R" * 80,
    disclaimer="D" * 600,
)
_BLANK_LINE_RE = re.compile(r"\n[ \t]*\n")


def default_path() -> Path:
    """KB_PATH from the environment, else the content folder shipped with the package."""
    configured = os.environ.get("KB_PATH")
    return Path(configured) if configured else Path(__file__).with_name("content")


def default_labels() -> LabelsFor:
    """Footer texts from the bot's Fluent files, as the bot will render them."""
    try:
        translator = Translator.load(strict=True)
        for lang in LANGUAGES:
            translator.format(lang, "faq-sources")
            translator.format(lang, "faq-disclaimer")
            translator.format(lang, "faq-reviewed", date="01.01.2026")
    except Exception as exc:  # noqa: BLE001 - any failure means: check with the fallback
        log.warning("footer texts unavailable (%s); checking with generous placeholders", exc)
        return lambda _topic, _lang: _FALLBACK_FOOTER

    def labels(topic: Topic, lang: str) -> AnswerLabels:
        return AnswerLabels(
            sources_heading=translator.format(lang, "faq-sources"),
            reviewed_line=translator.format(
                lang, "faq-reviewed", date=topic.reviewed.strftime("%d.%m.%Y")
            ),
            disclaimer=translator.format(lang, "faq-disclaimer"),
        )

    return labels


def check(
    path: str | Path,
    *,
    labels: LabelsFor | None = None,
    today: date | None = None,
    limit: int = TELEGRAM_LIMIT,
) -> LoadResult:
    """Load and check everything; the result's problems are sorted by file and line.

    Every country folder and shared/ are checked; `today` (default: the real date)
    decides which review dates are in the future and which `valid_until` dates have
    passed (problems) or come within 30 days (the result's `warnings`)."""
    result = load_kb(path, today=today)
    labels = labels or default_labels()
    problems = list(result.problems)
    for topic in result.kb:
        for lang, text in topic.texts.items():
            span = result.spans.get((topic.home, topic.id, lang, "answer"))
            if span is None:
                continue
            for offset, message in markup_problems(text.answer):
                line = _line(span, offset)
                problems.append(Problem(span.file, line, f"{lang} answer: {message}"))
            problems.extend(_oversize_paragraphs(text.answer, span, lang, limit))
            rendered = render_answer_html(topic, lang, labels(topic, lang))
            answer_html = {p for p in paragraphs(text_to_html(text.answer))}
            for paragraph in paragraphs(rendered):
                # Answer paragraphs were reported above, at their own lines.
                if len(paragraph) > limit and paragraph not in answer_html:
                    problems.append(
                        Problem(
                            span.file,
                            1,
                            f"{lang}: a rendered block (title, sources or footer) is "
                            f"{len(paragraph)} characters, over Telegram's {limit}",
                        )
                    )
    problems.sort(key=lambda p: (p.file, p.line, p.message))
    warnings = sorted(result.warnings, key=lambda w: (w.file, w.line, w.message))
    return LoadResult(result.kb, problems, result.spans, warnings, result.layout)


def _line(span: Span, offset: int) -> int:
    return span.line + offset if span.block else span.line


def _oversize_paragraphs(answer: str, span: Span, lang: str, limit: int) -> list[Problem]:
    """Paragraphs that would not fit one message even alone, at the line they start."""
    found: list[Problem] = []
    start = 0
    for match in [*_BLANK_LINE_RE.finditer(answer), None]:
        end = match.start() if match is not None else len(answer)
        block = answer[start:end]
        size = len(text_to_html(block.strip()))
        if size > limit:
            offset = answer.count("\n", 0, start) + (len(block) - len(block.lstrip("\n")))
            found.append(
                Problem(
                    span.file,
                    _line(span, offset),
                    f"{lang} answer: a paragraph of {size} characters (after HTML escaping) "
                    f"does not fit one Telegram message ({limit}); add blank lines",
                )
            )
        if match is not None:
            start = match.end()
    return found
