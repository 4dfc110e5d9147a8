"""The few CLDR entries Fluent reads, instead of babel's whole record for each language.

fluent.runtime gives every bundle a babel `Locale`: for plural categories, and to format
numbers and dates passed as variables. For that, babel reads the language's whole
CLDR record (the names of every language, territory, currency, unit and time zone in
that language), merged over the root record, plus its global table: about 10 MB of a
bot process for Jol's four languages (`python -m bench memory`), of which Fluent reads
a handful of entries. `LeanLocale` keeps only those (`KEPT`, resolved into plain
data); any other entry is still there, read from babel's full data on first use.
`drop_full_data` then lets babel forget what it read, so that the knowledge base loaded
next reuses that memory.

Only `babel.localedata`'s public functions and `babel.Locale`'s `_data` property are
used, and babel's global table is dropped by resetting `babel.core._global_data`, which
babel reads again when it needs it. tests/core/test_cldr.py formats every message of
every language both ways and compares.
"""

from __future__ import annotations

import logging
from typing import Any

import babel
import babel.core
import babel.localedata
from babel.localedata import LocaleDataDict

log = logging.getLogger(__name__)

# What Fluent's plural rules and its NUMBER/DATETIME formatting read (fluent.runtime's
# bundle and types, babel.numbers and babel.dates for the patterns they use).
KEPT = (
    "plural_form",
    "ordinal_form",
    "decimal_formats",
    "percent_formats",
    "currency_formats",
    "currency_symbols",
    "number_symbols",
    "default_numbering_system",
    "date_formats",
    "time_formats",
    "datetime_formats",
    "datetime_skeletons",
    "months",
    "days",
    "periods",
    "day_periods",
    "eras",
    "quarters",
)


class _Kept(dict[Any, Any]):
    """The kept entries of one language; any other is read from the full data."""

    def __init__(self, identifier: str, kept: dict[Any, Any]) -> None:
        super().__init__(kept)
        self.identifier = identifier

    def __missing__(self, key: Any) -> Any:
        full = babel.localedata.load(self.identifier)
        if key not in full:
            raise KeyError(key)
        log.debug("CLDR entry %r of %s read in full", key, self.identifier)
        value = full[key]
        self[key] = value
        return value


class LeanLocale(babel.Locale):
    """A babel Locale holding only the `KEPT` entries of its CLDR record."""

    def __init__(self, locale: babel.Locale) -> None:
        super().__init__(
            locale.language, locale.territory, locale.script, locale.variant, locale.modifier
        )
        identifier = str(locale).partition("@")[0]
        full = babel.localedata.get_locale_data(identifier)
        kept = {key: _plain(full[key]) for key in KEPT if key in full}
        self._lean = LocaleDataDict(_Kept(identifier, kept))

    @property
    def _data(self) -> LocaleDataDict:
        return self._lean


def _plain(value: Any) -> Any:
    """A CLDR value with its aliases resolved, as plain dicts (no link to the record)."""
    if isinstance(value, LocaleDataDict):
        return {key: _plain(value[key]) for key in value}
    return value


def drop_full_data() -> None:
    """Let babel forget the records it read (it reads them again if asked)."""
    babel.localedata.clear_caches()
    babel.core._global_data = None
