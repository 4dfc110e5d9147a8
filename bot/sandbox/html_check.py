"""Telegram-compatible parsing of ``parse_mode=HTML`` text.

Follows tdlib's ``parse_html`` (what the Bot API server runs), so error texts and the
resulting plain text / entities match what Telegram answers. One deliberate difference:
with ``strict=True`` a bare ``&`` that does not start a known entity is rejected. Telegram
keeps such an ``&`` literally, but an unescaped ``&`` almost always means user text went
into HTML without ``html.escape``, which then breaks on the first ``<``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

__all__ = ["HtmlError", "ParsedText", "parse_html", "utf16_len"]

_SPECIAL = re.compile(r"[<&]")
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_SPACES = " \t\r\n\v\f\0"
_NAME_TOKEN = re.compile(r"[A-Za-z0-9.\-]*")
_ALPHA = re.compile(r"[A-Za-z]*")

# tag -> entity type; span is only valid as class="tg-spoiler" (checked separately)
_TAGS: dict[str, str] = {
    "a": "text_link",
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "span": "spoiler",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
    "tg-emoji": "custom_emoji",
}


class HtmlError(ValueError):
    """The text is not valid Telegram HTML; ``str(err)`` is tdlib's message."""


@dataclass(slots=True)
class ParsedText:
    """Visible text and its formatting entities (offsets in UTF-16 code units)."""

    text: str
    entities: list[dict[str, Any]]


def utf16_len(text: str) -> int:
    """Length of ``text`` in UTF-16 code units, the unit of Telegram's limits and offsets."""
    if text.isascii():
        return len(text)
    return len(text.encode("utf-16-le")) // 2


def _byte_offset(text: str, index: int) -> int:
    return len(text[:index].encode())


def _decode_entity(text: str, pos: int) -> tuple[str, int] | None:
    """Decode the HTML entity at ``text[pos] == '&'`` like tdlib (the ``;`` is optional)."""
    end = pos + 1
    if text.startswith("#", end):
        end += 1
        hexa = text.startswith("x", end)
        if hexa:
            end += 1
        start = end
        digits = "0123456789abcdefABCDEF" if hexa else "0123456789"
        while end < len(text) and text[end] in digits and end - start < 8:
            end += 1
        if end == start:
            return None
        code = int(text[start:end], 16 if hexa else 10)
        if code == 0 or code >= 0x10FFFF or 0xD800 <= code <= 0xDFFF:
            return None
        char = chr(code)
    else:
        match = _ALPHA.match(text, end)
        end = match.end() if match else end
        decoded = _NAMED.get(text[pos + 1 : end])
        if decoded is None:
            return None
        char = decoded
    if text.startswith(";", end):
        end += 1
    return char, end


class _Parser:
    """One-shot parser; state lives on the instance to keep the helpers small."""

    def __init__(self, text: str, strict: bool) -> None:
        self.src = text
        self.strict = strict
        self.out: list[str] = []
        self.offset = 0  # UTF-16 offset of the end of ``out``
        self.stack: list[tuple[str, str, int, int]] = []  # tag, argument, offset, byte pos
        self.entities: list[dict[str, Any]] = []

    def emit(self, chunk: str) -> None:
        if chunk:
            self.out.append(chunk)
            self.offset += utf16_len(chunk)

    def fail(self, message: str) -> HtmlError:
        return HtmlError(message)

    def run(self) -> ParsedText:
        src, pos = self.src, 0
        while True:
            match = _SPECIAL.search(src, pos)
            if match is None:
                self.emit(src[pos:])
                break
            i = match.start()
            self.emit(src[pos:i])
            if src[i] == "&":
                pos = self.ampersand(i)
            elif src.startswith("/", i + 1):
                pos = self.end_tag(i)
            else:
                pos = self.start_tag(i)
        if self.stack:
            raise self.fail(f'Can\'t find end tag corresponding to start tag "{self.stack[-1][0]}"')
        self.entities.sort(key=lambda e: (e["offset"], -e["length"]))
        return ParsedText("".join(self.out), self.entities)

    def ampersand(self, i: int) -> int:
        decoded = _decode_entity(self.src, i)
        if decoded is not None:
            self.emit(decoded[0])
            return decoded[1]
        if self.strict:
            raise self.fail(
                f"Unsupported HTML entity at byte offset {_byte_offset(self.src, i)}: "
                'escape "&" as "&amp;"'
            )
        self.emit("&")
        return i + 1

    def scan_name(self, i: int) -> int:
        src, n = self.src, len(self.src)
        while i < n and src[i] not in _SPACES and src[i] != ">":
            i += 1
        return i

    def skip_spaces(self, i: int) -> int:
        src, n = self.src, len(self.src)
        while i < n and src[i] in _SPACES:
            i += 1
        return i

    def start_tag(self, begin: int) -> int:
        src, n = self.src, len(self.src)
        byte_pos = _byte_offset(src, begin)
        i = self.scan_name(begin + 1)
        if i >= n:
            raise self.fail(f"Unclosed start tag at byte offset {byte_pos}")
        tag = src[begin + 1 : i].lower()
        if tag not in _TAGS:
            raise self.fail(f'Unsupported start tag "{tag}" at byte offset {byte_pos}')
        argument = ""
        while True:
            i = self.skip_spaces(i)
            if i >= n:
                raise self.fail(f'Unclosed start tag "{tag}" at byte offset {byte_pos}')
            if src[i] == ">":
                break
            name, value, i = self.attribute(tag, byte_pos, i)
            argument = _tag_argument(tag, name, value, argument)
        if tag == "span" and argument != "spoiler":
            raise self.fail(f'Tag "span" must have class "tg-spoiler" at byte offset {byte_pos}')
        self.stack.append((tag, argument, self.offset, byte_pos))
        return i + 1

    def attribute(self, tag: str, byte_pos: int, i: int) -> tuple[str, str, int]:
        src, n = self.src, len(self.src)
        start = i
        while i < n and src[i] not in _SPACES and src[i] not in "=>":
            i += 1
        name = src[start:i].lower()
        if not name:
            raise self.fail(
                f'Empty attribute name in the tag "{tag}" at byte offset {_byte_offset(src, start)}'
            )
        i = self.skip_spaces(i)
        if i >= n or src[i] != "=":
            if tag == "blockquote" and name == "expandable":
                return name, "", i
            raise self.fail(
                "Expected equal sign in declaration of an attribute of the tag "
                f'"{tag}" at byte offset {byte_pos}'
            )
        i = self.skip_spaces(i + 1)
        if i >= n:
            raise self.fail(f'Unclosed start tag "{tag}" at byte offset {byte_pos}')
        if src[i] not in "'\"":
            match = _NAME_TOKEN.match(src, i)
            end = match.end() if match else i
            if end >= n or (src[end] not in _SPACES and src[end] != ">"):
                raise self.fail(
                    f"Unexpected end of name token at byte offset {_byte_offset(src, i)}"
                )
            return name, src[i:end].lower(), end
        quote = src[i]
        close = src.find(quote, i + 1)
        if close < 0:
            raise self.fail(f"Unclosed start tag at byte offset {byte_pos}")
        return name, _unescape_attribute(src[i + 1 : close]), close + 1

    def end_tag(self, begin: int) -> int:
        src, n = self.src, len(self.src)
        byte_pos = _byte_offset(src, begin)
        if not self.stack:
            raise self.fail(f"Unexpected end tag at byte offset {byte_pos}")
        i = self.scan_name(begin + 2)
        name = src[begin + 2 : i].lower()
        i = self.skip_spaces(i)
        if i >= n or src[i] != ">":
            raise self.fail(f"Unclosed end tag at byte offset {byte_pos}")
        tag, argument, offset, _ = self.stack.pop()
        if name and name != tag:
            raise self.fail(
                f'Unmatched end tag at byte offset {byte_pos}, expected "</{tag}>", '
                f'found "</{name}>"'
            )
        self.close(tag, argument, offset)
        return i + 1

    def close(self, tag: str, argument: str, offset: int) -> None:
        length = self.offset - offset
        if length <= 0:
            return
        kind = _TAGS[tag]
        entity: dict[str, Any] = {"type": kind, "offset": offset, "length": length}
        if kind == "text_link":
            url = argument or "".join(self.out)[-length:]
            if url.startswith("tg://user?id="):
                return  # text_mention needs a real user object; Telegram drops unknown ones
            if not _valid_url(url):
                return  # Telegram silently drops links with unusable URLs
            entity["url"] = url
        elif kind == "blockquote" and argument == "expandable":
            entity["type"] = "expandable_blockquote"
        elif kind == "custom_emoji":
            if not argument:
                return
            entity["custom_emoji_id"] = argument
        elif kind == "pre":
            self.merge_code(entity)
        elif kind == "code" and argument:
            entity["language"] = argument  # only kept if it turns out to sit inside <pre>
        self.entities.append(entity)

    def merge_code(self, pre: dict[str, Any]) -> None:
        # <pre><code class="language-x">…</code></pre> is a single pre entity with a language
        if self.entities:
            last = self.entities[-1]
            same = last["offset"] == pre["offset"] and last["length"] == pre["length"]
            if last["type"] == "code" and same:
                self.entities.pop()
                if "language" in last:
                    pre["language"] = last["language"]
        for entity in self.entities:
            if entity["type"] == "code":
                entity.pop("language", None)


def _tag_argument(tag: str, name: str, value: str, current: str) -> str:
    if tag == "a" and name == "href":
        return value
    if tag == "code" and name == "class" and value.startswith("language-"):
        return value[len("language-") :]
    if tag == "span" and name == "class" and value.startswith("tg-"):
        return value[3:]
    if tag == "tg-emoji" and name == "emoji-id":
        return value
    if tag == "blockquote" and name == "expandable":
        return "expandable"
    return current


def _unescape_attribute(raw: str) -> str:
    if "&" not in raw:
        return raw
    parts: list[str] = []
    i = 0
    while True:
        j = raw.find("&", i)
        if j < 0:
            parts.append(raw[i:])
            return "".join(parts)
        parts.append(raw[i:j])
        decoded = _decode_entity(raw, j)
        if decoded is None:
            parts.append("&")
            i = j + 1
        else:
            parts.append(decoded[0])
            i = decoded[1]


def _valid_url(url: str) -> bool:
    lowered = url.lower()
    if lowered.startswith(("http://", "https://", "tg://", "ton://")):
        return True
    # Telegram accepts scheme-less links such as "example.com" and prefixes http://
    return "://" not in lowered and "." in lowered and " " not in lowered


def parse_html(text: str, strict: bool = True) -> ParsedText:
    """Parse Telegram HTML into visible text and entities; raise HtmlError like Telegram."""
    if "<" not in text and "&" not in text:
        return ParsedText(text, [])
    return _Parser(text, strict).run()
