"""The bot's texts for tests: one strict Translator per test process."""

from __future__ import annotations

import functools

from core.i18n import Translator


@functools.cache
def shared_translator() -> Translator:
    """Every language's Fluent files parsed once (a few hundred ms each time otherwise).

    Strict: a missing message or variable fails the test instead of being logged.
    Tests read it and never change it.
    """
    return Translator.load(strict=True)
