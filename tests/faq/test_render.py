"""Answers as Telegram HTML, and splitting long messages without breaking them."""

from __future__ import annotations

import html
import re
from datetime import date
from types import MappingProxyType

from hypothesis import given, settings
from hypothesis import strategies as st

from faq.model import Source, Topic, TopicText
from faq.render import (
    AnswerLabels,
    markup_problems,
    render_answer_html,
    split_message,
    visible_text,
)

LABELS = AnswerLabels("Sources", "Last checked: 01.11.2026", "Not legal advice. /human")
_TAG_RE = re.compile(r"<(/?)([a-z]+)[^>]*>")


def make_topic(title: str = "Title", answer: str = "Answer.") -> Topic:
    text = TopicText(title=title, answer=answer, keywords=("k",), phrasings=("p",) * 5)
    names = {"en": "Inspectorate & Co", "ru": "Инспекция", "lt": "Inspekcija", "kk": "Инспекция"}
    return Topic(
        id="t",
        category="work",
        reviewed=date(2026, 11, 1),
        sources=(Source("https://vdi.lrv.lt/a?b=1&c=2", MappingProxyType(names)),),
        texts=MappingProxyType({"en": text, "ru": text}),
    )


def test_answer_layout() -> None:
    html = render_answer_html(
        make_topic("Unpaid wages", "First.\n\nSecond **step**."), "en", LABELS
    )
    assert html == (
        "<b>Unpaid wages</b>\n\n"
        "First.\n\n"
        "Second <b>step</b>.\n\n"
        "<b>Sources</b>\n"
        '<a href="https://vdi.lrv.lt/a?b=1&amp;c=2">Inspectorate &amp; Co</a>\n\n'
        "<i>Last checked: 01.11.2026</i>\n"
        "Not legal advice. /human"
    )


def test_content_is_escaped() -> None:
    html = render_answer_html(
        make_topic("<b>x</b> & y", "Use <b>bold</b> & <script>"), "en", LABELS
    )
    assert "<b>&lt;b&gt;x&lt;/b&gt; &amp; y</b>" in html
    assert "Use &lt;b&gt;bold&lt;/b&gt; &amp; &lt;script&gt;" in html
    assert "<script>" not in html


def test_source_name_in_the_readers_language() -> None:
    html = render_answer_html(make_topic(), "ru", LABELS)
    assert '">Инспекция</a>' in html


def test_missing_language_falls_back_to_english() -> None:
    assert "<b>Title</b>" in render_answer_html(make_topic(), "lt", LABELS)


def test_bold_pairs() -> None:
    assert markup_problems("**a** and **b**\nplain") == []
    assert markup_problems("ok\n**open") == [
        (1, "unpaired ** (bold must open and close on the same line)")
    ]
    assert markup_problems("**across\nlines**") != []
    html = render_answer_html(make_topic(answer="a ** b"), "en", LABELS)
    assert "a ** b" in html


def test_short_message_is_one_piece() -> None:
    assert split_message("hello") == ["hello"]
    assert split_message("   ") == []


def test_split_prefers_paragraphs() -> None:
    paragraphs = [f"Paragraph {n}. " + "x" * 30 for n in range(10)]
    message = "\n\n".join(paragraphs)
    pieces = split_message(message, limit=100)
    assert all(len(p) <= 100 for p in pieces)
    # Each piece is whole paragraphs: two 43-character paragraphs fit, three do not.
    assert pieces[0] == "\n\n".join(paragraphs[:2])
    assert "\n\n".join(pieces) == message


def test_split_a_long_paragraph_at_lines_then_words() -> None:
    lines = ["line " + "y" * 20 for _ in range(10)]
    pieces = split_message("\n".join(lines), limit=60)
    assert pieces[0] == "\n".join(lines[:2])
    words = split_message("word " * 100, limit=50)
    assert all(len(p) <= 50 and not p.startswith(" ") for p in words)
    assert "".join(words).replace(" ", "") == "word" * 100


def test_split_never_cuts_a_tag_or_entity_and_keeps_tags_balanced() -> None:
    message = "<b>" + "bold words &amp; more " * 20 + "</b>"
    pieces = split_message(message, limit=80)
    for piece in pieces:
        assert len(piece) <= 80
        assert piece.startswith("<b>") and piece.endswith("</b>")
        assert not re.search(r"&[a-z]*$|&[a-z]*\s", piece.replace("&amp;", ""))
    assert _squash(visible_text("".join(pieces))) == _squash(visible_text(message))


def test_split_a_word_longer_than_a_message() -> None:
    pieces = split_message('<a href="https://x.lt">' + "z" * 250 + "</a>", limit=100)
    assert all(len(p) <= 100 for p in pieces)
    assert "".join(visible_text(p) for p in pieces) == "z" * 250
    assert all(p.startswith('<a href="https://x.lt">') and p.endswith("</a>") for p in pieces)


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _balanced(piece: str) -> bool:
    stack: list[str] = []
    for closing, name in _TAG_RE.findall(piece):
        if not closing:
            stack.append(name)
        elif not stack or stack.pop() != name:
            return False
    return not stack


_word = st.text(alphabet="abcxyzабвгдеәіңқ0123456789.,!?-", min_size=1, max_size=25)
_inline = st.one_of(
    _word,
    _word.map(lambda w: f"<b>{w}</b>"),
    _word.map(lambda w: f'<a href="https://e.lt/{w}">{w} &amp; {w}</a>'),
    st.sampled_from(["&lt;", "&gt;", "&amp;", "&quot;"]),
)
# Sized so that most messages need two to twenty pieces at the limits drawn below;
# larger ones only cost generation time (nine tenths of this test's time was there).
_line = st.lists(_inline, min_size=1, max_size=12).map(" ".join)
_paragraph = st.lists(_line, min_size=1, max_size=4).map("\n".join)
_message = st.lists(_paragraph, min_size=1, max_size=6).map("\n\n".join)


@settings(max_examples=300, deadline=None)
@given(message=_message, limit=st.integers(min_value=80, max_value=600))
def test_split_properties(message: str, limit: int) -> None:
    pieces = split_message(message, limit)
    assert all(len(piece) <= limit for piece in pieces)
    assert all(_balanced(piece) for piece in pieces)
    assert all(visible_text(piece).strip() for piece in pieces)
    assert _squash(visible_text("".join(pieces))) == _squash(visible_text(message))


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=3000), limit=st.integers(min_value=64, max_value=1000))
def test_split_any_plain_text(text: str, limit: int) -> None:
    message = html.escape(text, quote=False)
    pieces = split_message(message, limit)
    assert all(len(piece) <= limit for piece in pieces)
    assert _squash(visible_text("".join(pieces))) == _squash(text)
