"""The languages Jol speaks: the one list, each language's own name, fallbacks.

Every other module takes the language list from here.
"""

from __future__ import annotations

from typing import Literal

Language = Literal["ru", "kk", "lt", "en"]
LANGUAGES: tuple[Language, ...] = ("ru", "kk", "lt", "en")
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
