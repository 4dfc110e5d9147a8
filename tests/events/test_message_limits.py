"""A property: whatever organizers type, every message built from it fits Telegram.

Generated events (any text, HTML-looking characters, astral emoji, every field up
to its limit) rendered as the card, the organizer's preview, the confirmation and a
reminder in every language, and generated knowledge-base answers: each piece the bot
would send is valid Telegram HTML and at most 4,096 characters as Telegram counts
them (UTF-16 code units of the visible text), checked by the local Bot API's parser.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.sandbox.botapi import TEXT_LIMIT
from bot.sandbox.html_check import parse_html, utf16_len
from faq.render import split_message
from registry import Counts, Event, EventStatus, EventText, Mode, Registration, RegStatus, render
from registry import fields as F
from tests.support import shared_translator

LANGS = ("ru", "kk", "lt", "en")
PIECES = st.sampled_from(
    ["<", ">", "&", "&amp;", "<b>", "\n", "\n\n", " ", "👨‍👩‍👧", "𝟙", "Ж", "ı", "\u200b", "a" * 50]
)
ANY = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=40)


def texts(max_size: int) -> st.SearchStrategy[str]:
    words = st.lists(st.one_of(PIECES, ANY), max_size=max_size // 4 + 1)
    return words.map(lambda parts: "".join(parts)[:max_size])


def long_texts(max_size: int) -> st.SearchStrategy[str]:
    """Mostly near the limit: where the splitting is decided."""
    unit = st.one_of(PIECES, ANY).filter(bool)
    return st.builds(lambda u, tail: ((u * max_size) + tail)[:max_size], unit, texts(200))


@st.composite
def events(draw: st.DrawFn) -> Event:
    lang = draw(st.sampled_from(LANGS))
    return Event(
        id=draw(st.integers(1, 10**9)),
        status=EventStatus.PUBLISHED,
        start_at=datetime(2027, 1, 1, 10, tzinfo=UTC),
        duration_minutes=draw(st.integers(1, F.MAX_DURATION)),
        timezone=draw(st.sampled_from(["Europe/Vilnius", "Asia/Almaty", "Europe/Riga"])),
        default_language=lang,
        texts={
            lang: EventText(
                lang,
                draw(st.one_of(texts(F.TITLE_MAX), long_texts(F.TITLE_MAX))).strip() or "T",
                draw(st.one_of(texts(F.DESCRIPTION_MAX), long_texts(F.DESCRIPTION_MAX))),
            )
        },
        venue_name=draw(long_texts(200)),
        venue_address=draw(long_texts(300)),
        capacity=draw(st.integers(1, F.MAX_CAPACITY)),
        zoom_id=draw(st.text("0123456789 ", max_size=40)) or None,
        zoom_passcode=draw(st.text(max_size=40)) or None,
        online_url="https://zoom.us/j/" + draw(st.text("0123456789", max_size=480)),
        livestream_url="https://example.org/" + draw(st.text("abc/?=&", max_size=480)),
        contact=draw(long_texts(200)),
    )


def _fits(text: str) -> None:
    parts = split_message(text)
    assert parts
    for part in parts:
        parsed = parse_html(part)  # raises like Telegram on broken HTML
        assert utf16_len(parsed.text) <= TEXT_LIMIT, (utf16_len(parsed.text), part[:80])


@settings(max_examples=40)
@given(events(), st.sampled_from(LANGS), long_texts(100))
def test_every_event_message_fits(event: Event, lang: str, name: str) -> None:
    t = shared_translator()
    counts = Counts(event.capacity, 3, 1, 5, 7, 0, 0)
    _fits(render.card(t, lang, event, counts))
    _fits(t(lang, "org-preview") + "\n\n" + render.card(t, lang, event, counts))
    for status, mode in ((RegStatus.CONFIRMED, Mode.OFFLINE), (RegStatus.WAITING, Mode.OFFLINE)):
        reg = Registration(1, event.id, 7, mode, status, name, None, "AB12", lang, event.start_at)
        _fits(render.confirmation(t, lang, event, reg, 3))
        _fits(render.reminder(t, lang, event, reg, timedelta(hours=1)))


@settings(max_examples=40)
@given(long_texts(12_000))
def test_any_long_answer_is_cut_into_pieces_that_fit(answer: str) -> None:
    from html import escape

    _fits("<b>Title</b>\n\n" + escape(answer, quote=False) + "\n\n<i>Reviewed 01.12.2026</i>")
