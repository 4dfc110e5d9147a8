"""Fluent bundles, language negotiation and fallback chains.

No telegram import: domain code (reminders, broadcasts) renders texts too.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from fluent.runtime import FluentBundle, FluentResource
from fluent.syntax import FluentParser, ast

log = logging.getLogger(__name__)

LOCALES_DIR = Path(__file__).with_name("locales")
LANGUAGES = ("ru", "kk", "lt", "en")
# Each language's own name, for the picker: people look for their language in itself.
NATIVE_NAMES = {"ru": "Русский", "kk": "Қазақша", "lt": "Lietuvių", "en": "English"}
FALLBACKS: dict[str, tuple[str, ...]] = {
    "kk": ("kk", "ru", "en"),
    "lt": ("lt", "en"),
    "ru": ("ru", "en"),
    "en": ("en",),
}
# Telegram clients in Central Asia often run in Uzbek, Kyrgyz or Tajik; Russian
# is the shared language the knowledge base covers for them.
_ALIASES = {"uz": "ru", "ky": "ru", "tg": "ru", "be": "ru", "uk": "ru", "kz": "kk"}


def negotiate(language_code: str | None, default: str) -> str:
    """Map Telegram's language_code (ru, kk-KZ, pt-BR, …) to a supported language."""
    if not language_code:
        return default
    primary = language_code.replace("_", "-").split("-", 1)[0].strip().lower()
    if primary in LANGUAGES:
        return primary
    return _ALIASES.get(primary, default)


class MissingMessage(LookupError):
    """A message id not present in any language of the chain."""


class FormatError(ValueError):
    """A message failed to format (typically a variable the code did not pass)."""


class Translator:
    """Formats messages in a language, walking its fallback chain."""

    def __init__(self, bundles: dict[str, FluentBundle], *, strict: bool = False) -> None:
        self._bundles = bundles
        self.strict = strict

    @classmethod
    def load(cls, directory: Path = LOCALES_DIR, *, strict: bool = False) -> Translator:
        bundles: dict[str, FluentBundle] = {}
        for lang in LANGUAGES:
            # Isolation marks around variables break links and phone numbers in Telegram.
            bundle = FluentBundle([lang], use_isolating=False)
            for path in sorted((directory / lang).glob("*.ftl")):
                bundle.add_resource(FluentResource(path.read_text(encoding="utf-8")))
            bundles[lang] = bundle
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
