"""Fluent bundles, language negotiation and fallback chains.

No telegram import: domain code (reminders, broadcasts) renders texts too.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import babel
from fluent.runtime import FluentBundle
from fluent.syntax import FluentParser, ast

from core.cldr import LeanLocale, drop_full_data
from core.languages import FALLBACKS, LANGUAGES

log = logging.getLogger(__name__)

# The texts are the Telegram adapter's content; the kernel only knows where they are.
LOCALES_DIR = Path(__file__).resolve().parent.parent / "bot" / "locales"


class MissingMessage(LookupError):
    """A message id not present in any language of the chain."""


class FormatError(ValueError):
    """A message failed to format (typically a variable the code did not pass)."""


class LeanBundle(FluentBundle):
    """A FluentBundle whose babel Locale keeps only what Fluent reads (core.cldr)."""

    def _get_babel_locale(self) -> babel.Locale:
        return LeanLocale(super()._get_babel_locale())


class Translator:
    """Formats messages in a language, walking its fallback chain."""

    def __init__(self, bundles: dict[str, FluentBundle], *, strict: bool = False) -> None:
        self._bundles = bundles
        self.strict = strict

    @classmethod
    def load(cls, directory: Path = LOCALES_DIR, *, strict: bool = False) -> Translator:
        bundles: dict[str, FluentBundle] = {}
        # Without spans (where each node sits in the file: only an editor needs them).
        parser = FluentParser(with_spans=False)
        for lang in LANGUAGES:
            # Isolation marks around variables break links and phone numbers in Telegram.
            bundle = LeanBundle([lang], use_isolating=False)
            for path in sorted((directory / lang).glob("*.ftl")):
                bundle.add_resource(parser.parse(path.read_text(encoding="utf-8")))
            bundles[lang] = bundle
        drop_full_data()
        return cls(bundles, strict=strict)

    def has(self, lang: str, key: str) -> bool:
        return any(self._bundles[code].has_message(key) for code in FALLBACKS.get(lang, ("en",)))

    def __call__(self, lang: str, key: str, /, **args: Any) -> str:
        return self.format(lang, key, **args)

    def format(self, lang: str, key: str, /, **args: Any) -> str:
        """The message `key` in `lang` (or the first fallback that has it)."""
        for code in FALLBACKS.get(lang, FALLBACKS["en"]):
            bundle = self._bundles[code]
            if not bundle.has_message(key):
                continue
            message = bundle.get_message(key)
            if message.value is None:
                continue
            text, errors = bundle.format_pattern(message.value, args)
            if not isinstance(text, str):
                # A FluentNone: the pattern resolved to no text. Never hand it to a caller
                # as if it were one; the next language of the chain may have the text.
                if self.strict:
                    raise FormatError(f"{code}/{key}: no text ({text!r}; {errors})")
                log.error("message %s/%s resolved to no text: %r %s", code, key, text, errors)
                continue
            if errors:
                if self.strict:
                    raise FormatError(f"{code}/{key}: {errors}")
                log.error("message %s/%s formatted with errors: %s", code, key, errors)
            return text
        if self.strict:
            raise MissingMessage(f"{lang}/{key}")
        log.error("message %s missing in %s and its fallbacks", key, lang)
        return key


def message_variables(directory: Path = LOCALES_DIR) -> dict[str, dict[str, set[str]]]:
    """For each language, each message id and the variables it references."""
    parser = FluentParser(with_spans=False)
    found: dict[str, dict[str, set[str]]] = {}
    for lang in LANGUAGES:
        found[lang] = {}
        for path in sorted((directory / lang).glob("*.ftl")):
            resource = parser.parse(path.read_text(encoding="utf-8"))
            for entry in resource.body:
                if isinstance(entry, ast.Message):
                    found[lang][entry.id.name] = set(_variables(entry))
    return found


def _variables(node: Any) -> Iterable[str]:
    if isinstance(node, ast.VariableReference):
        yield node.id.name
        return
    if isinstance(node, ast.BaseNode):
        for value in vars(node).values():
            items = value if isinstance(value, list) else [value]
            for item in items:
                if isinstance(item, ast.BaseNode):
                    yield from _variables(item)
