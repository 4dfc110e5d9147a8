"""core.cldr: Fluent's bundles with only the CLDR entries they read format as before."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import babel
import pytest
from fluent.runtime import FluentBundle, FluentResource

from core import cldr
from core.i18n import LOCALES_DIR, LeanBundle, Translator
from core.languages import LANGUAGES

# Values of every kind a caller might pass as a variable.
VALUES: tuple[object, ...] = (
    0,
    1,
    2,
    5,
    21,
    1234567,
    2.5,
    Decimal("10.25"),
    date(2026, 3, 8),
    datetime(2026, 12, 1, 18, 30),
    "Vilnius",
)
NAMES = (
    "count", "n", "seats", "number", "amount", "place", "position", "minutes", "hours",
    "days", "date", "time", "when", "name", "title", "left", "total", "free",
)  # fmt: skip


def bundles(kind: type[FluentBundle], lang: str) -> FluentBundle:
    bundle = kind([lang], use_isolating=False)
    for path in sorted((LOCALES_DIR / lang).glob("*.ftl")):
        bundle.add_resource(FluentResource(path.read_text(encoding="utf-8")))
    return bundle


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_message_formats_as_with_the_full_record(lang: str) -> None:
    lean, full = bundles(LeanBundle, lang), bundles(FluentBundle, lang)
    checked = 0
    for key in full._messages:
        message, same = full.get_message(key), lean.get_message(key)
        patterns = [(message.value, same.value)]
        patterns += [(message.attributes[a], same.attributes[a]) for a in message.attributes]
        for value in VALUES:
            args = dict.fromkeys(NAMES, value)
            for mine, theirs in patterns:
                if mine is None or theirs is None:
                    continue
                assert lean.format_pattern(theirs, args) == full.format_pattern(mine, args)
                checked += 1
    assert checked > 100


def test_numbers_dates_and_plurals_through_fluent_functions() -> None:
    source = (
        "n = { NUMBER($x, minimumFractionDigits: 2) } { $x ->\n"
        "    [one] one\n    [few] few\n    [many] many\n   *[other] other\n  }\n"
        'd = { DATETIME($d, dateStyle: "long", timeStyle: "short") }\n'
        'p = { NUMBER($x, style: "percent") }\n'
    )
    for lang in LANGUAGES:
        lean, full = LeanBundle([lang]), FluentBundle([lang])
        for b in (lean, full):
            b.add_resource(FluentResource(source))
        for key in ("n", "d", "p"):
            for x in (1, 3, 5, 21, 1.5):
                args = {"x": x, "d": datetime(2026, 12, 1, 18, 30)}
                mine = lean.format_pattern(lean.get_message(key).value, args)
                theirs = full.format_pattern(full.get_message(key).value, args)
                assert mine == theirs, (lang, key, x)


def test_holds_only_the_kept_entries_and_reads_any_other_on_demand() -> None:
    locale = cldr.LeanLocale(babel.Locale.parse("ru"))
    assert len(locale._data) <= len(cldr.KEPT)
    assert locale.plural_form(3) == "few"
    # Not kept, still there: read from babel's full record.
    assert locale.territories["LT"] == babel.Locale.parse("ru").territories["LT"]
    assert locale.get_display_name() == "русский"
    with pytest.raises(KeyError):
        locale._data["no-such-entry"]


def test_the_translator_drops_babels_full_records() -> None:
    import babel.localedata

    Translator.load()
    assert babel.localedata._cache == {}
    assert babel.core._global_data is None
