"""Telegram HTML for an answer, and splitting long messages where a reader would pause."""

from __future__ import annotations

import html
import re
from bisect import bisect_right
from dataclasses import dataclass

from faq.model import Topic

TELEGRAM_LIMIT = 4096

_BOLD_RE = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_TAG_RE = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)[^>]*>")
# Cut points are never inside a tag or an entity.
_ATOM_RE = re.compile(r"<[^>]*>|&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);")
_PARAGRAPH_RE = re.compile(r"\n[ \t]*\n\s*")
_LINE_RE = re.compile(r"\n")
_SPACE_RE = re.compile(r"[ \t]+")


@dataclass(frozen=True, slots=True)
class AnswerLabels:
    """Footer texts in the reader's language, formatted by the caller from Fluent.

    They come from our own locale files, which hold HTML by convention, so they are
    inserted as they are; everything from the knowledge base is escaped.
    """

    sources_heading: str
    reviewed_line: str
    disclaimer: str


def markup_problems(text: str) -> list[tuple[int, str]]:
    """(line index within `text`, message) for `**` that would not pair up on its line."""
    found: list[tuple[int, str]] = []
    for index, line in enumerate(text.splitlines()):
        rest = _BOLD_RE.sub("", line)
        if "**" in rest:
            found.append((index, "unpaired ** (bold must open and close on the same line)"))
    return found


def text_to_html(text: str) -> str:
    """Escape content and turn `**words**` into bold; anything unpaired stays literal."""
    return _BOLD_RE.sub(r"<b>\1</b>", html.escape(text, quote=False))


def render_answer_html(topic: Topic, lang: str, labels: AnswerLabels) -> str:
    """The whole answer: title, body, sources, review date and disclaimer."""
    text = topic.text(lang)
    links = "\n".join(
        f'<a href="{html.escape(source.url, quote=True)}">'
        f"{html.escape(source.name(lang), quote=False)}</a>"
        for source in topic.sources
    )
    parts = [f"<b>{html.escape(text.title, quote=False)}</b>", text_to_html(text.answer)]
    if links:
        parts.append(f"<b>{labels.sources_heading}</b>\n{links}")
    parts.append(f"<i>{labels.reviewed_line}</i>\n{labels.disclaimer}")
    return "\n\n".join(parts)


def paragraphs(message: str) -> list[str]:
    """The paragraphs (blank-line separated blocks) of a message."""
    return [p for p in _PARAGRAPH_RE.split(message) if p.strip()]


def split_message(message: str, limit: int = TELEGRAM_LIMIT) -> list[str]:
    """Pieces of at most `limit` characters, cut at paragraphs, else lines, else words.

    Never cuts inside a tag or an entity; a tag left open at a cut is closed at the end
    of its piece and reopened at the start of the next, so each piece is valid HTML.
    Lengths are counted as Telegram counts them, in UTF-16 code units (an emoji
    outside the Basic Multilingual Plane counts twice), over the HTML: never less
    than the visible text.
    """
    if _utf16_len(message) <= limit:
        return [message] if message.strip() else []
    return _Splitter(message, limit).split()


def _utf16_len(text: str) -> int:
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


class _Splitter:
    def __init__(self, message: str, limit: int) -> None:
        self.text = message
        self.limit = limit
        # UTF-16 length of text[:i], so any slice is measured in O(1).
        self.units = [0] * (len(message) + 1)
        for i, ch in enumerate(message):
            self.units[i + 1] = self.units[i] + (2 if ord(ch) > 0xFFFF else 1)
        self.protected = [False] * (len(message) + 1)
        for atom in _ATOM_RE.finditer(message):
            for i in range(atom.start() + 1, atom.end()):
                self.protected[i] = True
        # Separators by level (paragraph, line, word), each as (start, end).
        self.levels: list[list[tuple[int, int]]] = []
        for pattern in (_PARAGRAPH_RE, _LINE_RE, _SPACE_RE):
            seps = [
                (m.start(), m.end())
                for m in pattern.finditer(message)
                if not self.protected[m.start()]
            ]
            self.levels.append(seps)
        self._index_tags()

    def _index_tags(self) -> None:
        # The stack of open tags after each tag, so a cut knows what to close and reopen.
        self.tag_ends: list[int] = [0]
        self.stacks: list[tuple[tuple[str, str], ...]] = [()]
        stack: list[tuple[str, str]] = []
        for tag in _TAG_RE.finditer(self.text):
            closing, name = tag.group(1) == "/", tag.group(2).lower()
            if not closing:
                stack.append((name, tag.group(0)))
            else:
                for depth in range(len(stack) - 1, -1, -1):
                    if stack[depth][0] == name:
                        del stack[depth:]
                        break
            self.tag_ends.append(tag.end())
            self.stacks.append(tuple(stack))

    def open_at(self, pos: int) -> tuple[tuple[str, str], ...]:
        return self.stacks[bisect_right(self.tag_ends, pos) - 1]

    def piece(self, start: int, end: int) -> str:
        reopen = "".join(tag for _, tag in self.open_at(start))
        close = "".join(f"</{name}>" for name, _ in reversed(self.open_at(end)))
        return reopen + self.text[start:end] + close

    def fits(self, start: int, end: int) -> bool:
        reopen = sum(len(tag) for _, tag in self.open_at(start))
        close = sum(len(name) + 3 for name, _ in self.open_at(end))
        if reopen + (self.units[end] - self.units[start]) + close > self.limit:
            return False
        return _has_text(self.text[start:end])

    def next_cut(self, start: int) -> tuple[int, int]:
        """(end of this piece, start of the next), preferring the coarsest break that fits."""
        for seps in self.levels:
            i = bisect_right(seps, (self.limit + start + 1,))
            for sep_start, sep_end in reversed(seps[:i]):
                if sep_start <= start:
                    break
                if self.fits(start, sep_start):
                    return sep_start, sep_end
        # One word longer than a message: cut it anywhere outside tags and entities.
        end = min(len(self.text), start + self.limit)
        while end > start + 1 and (self.protected[end] or not self.fits(start, end)):
            end -= 1
        if end <= start + 1 or self.protected[end]:
            # Not even one character fits beside the tags to reopen: move on by one atom.
            end = start + 1
            while end < len(self.text) and self.protected[end]:
                end += 1
        return end, end

    def split(self) -> list[str]:
        pieces: list[str] = []
        start = 0
        n = len(self.text)
        while start < n:
            if self.fits(start, n) or not _has_text(self.text[start:]):
                if _has_text(self.text[start:]):
                    pieces.append(self.piece(start, n))
                break
            end, start_next = self.next_cut(start)
            pieces.append(self.piece(start, end))
            start = start_next
        return pieces


def visible_text(message: str) -> str:
    """What a reader sees: tags removed, entities decoded."""
    return html.unescape(_TAG_RE.sub("", message))


def _has_text(fragment: str) -> bool:
    return bool(_TAG_RE.sub("", fragment).strip())
