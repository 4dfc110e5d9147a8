"""Normalisation, transliteration and Kazakh stemming."""

from __future__ import annotations

import pytest

from faq.normalize import fold, normalize, script, tokens
from faq.stemming import (
    TRANSLIT,
    VERB_GUESS,
    is_kazakh,
    kazakh_stem,
    kazakh_stems,
    loanword_stem,
    stem,
    text_terms,
    word_terms,
)
from faq.translit import latin_to_cyrillic


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ёлка, ЁЖИК!", "елка ежик"),
        ("Жительство, объявление", "жителство обявление"),
        ("Жұмыс берушіге өтініш", "жумыс берушиге отиниш"),
        ("ә ғ қ ң ө ұ ү һ і", "а г к н о у у х и"),
        ("Nesumokėjo už darbą", "nesumokejo uz darba"),
        ("What's up?! 🙂👍 #help", "whats up help"),
        ("ВНЖ-ға, MIGRIS-те…", "внж га migris те внжга migriste"),
        ("Wi-Fi", "wi fi wifi"),
        ("  \t\n ", ""),
        ("🙂🙂", ""),
    ],
)
def test_normalize(text: str, expected: str) -> None:
    assert normalize(text) == expected


def test_kazakh_with_and_without_special_letters_is_the_same() -> None:
    assert normalize("Тегін заң көмегі") == normalize("тегин зан комеги")


def test_mixed_script_words_are_unmixed() -> None:
    # Kazakh і typed as a Latin i inside a Cyrillic word.
    assert tokens("тiлi") == ["тили"]
    assert script("тили") == "cyr" and script("visa") == "lat" and script("112") == "other"


def test_fold_keeps_cyrillic_short_i() -> None:
    assert fold("мой") == "мой"


@pytest.mark.parametrize(
    ("latin", "cyrillic"),
    [
        ("vnzh", "внж"),
        ("zhitelstvo", "жителство"),  # no soft sign: folding drops it on both sides
        ("besplatnyi", "бесплатный"),
        ("domoi", "домой"),
        ("chto", "что"),
        ("shchet", "щет"),
        ("yazyk", "язык"),
        ("yuridicheskaya", "юридическая"),
        ("khochu", "хочу"),
        ("tsentr", "центр"),
        ("dokumenty", "документы"),
        ("moy", "мой"),
        ("registratsia", "регистрация"),
    ],
)
def test_russian_transliteration(latin: str, cyrillic: str) -> None:
    assert latin_to_cyrillic(latin)[0] == cyrillic


@pytest.mark.parametrize(
    ("latin", "cyrillic"),
    [
        ("qujat", "кужат"),
        ("jumys", "жумыс"),
        ("tegin", "тегин"),
        ("zhalaqy", "жалакы"),
        ("sheteldik", "шетелдик"),
        ("awyl", "ауыл"),
        ("schet", "счет"),
    ],
)
def test_kazakh_transliteration_is_among_the_readings(latin: str, cyrillic: str) -> None:
    assert cyrillic in latin_to_cyrillic(latin)


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("жумыстан", "жумыс"),  # ablative
        ("жумыска", "жумыс"),  # dative
        ("жумыссыз", "жумыс"),  # -сыз, without
        ("курстары", "курс"),  # plural + possessive
        ("жалакымды", "жалак"),  # possessive + accusative
        ("кужаттардын", "кужат"),  # plural + genitive
        ("тилин", "тил"),  # possessive + accusative
        ("литвадагы", "литва"),  # relative -дағы
        ("алу", "алу"),  # too short to strip
    ],
)
def test_kazakh_noun_stem(word: str, expected: str) -> None:
    assert kazakh_stem(word) == expected
    assert kazakh_stems(word)[0] == expected


@pytest.mark.parametrize(
    ("word", "verb"),
    [
        ("кайтармайды", "кайтар"),  # negation + present: not cut again like a plural -тар
        ("кайтару", "кайтар"),  # the dictionary form in -у
        ("толемейди", "толе"),
        ("шыгарылдым", "шыгар"),  # passive + past + 1st person
        ("бермейди", "бер"),
    ],
)
def test_kazakh_verb_stem(word: str, verb: str) -> None:
    assert verb in kazakh_stems(word)


def test_kazakh_nouns_are_not_read_as_verbs() -> None:
    assert kazakh_stems("паспорт") == ("паспорт",)
    assert kazakh_stems("кужат") == ("кужат",)


def test_kazakh_stem_minimum_length() -> None:
    for word in ("бар", "ана", "ол", "жок", "алдым", "жумысым"):
        assert all(len(s) >= min(len(word), 3) for s in kazakh_stems(word))


def test_snowball_stems() -> None:
    assert stem("ru", "зарплату") == stem("ru", "зарплата")
    assert stem("en", "permits") == stem("en", "permit")
    assert stem("lt", "leidimas") == stem("lt", "leidimą".replace("ą", "a"))


def test_word_terms_cover_latin_readings_and_prefixes() -> None:
    terms = dict(word_terms("zarplatu", "zarplatu"))
    assert terms[stem("ru", "зарплату")] == TRANSLIT  # read as Cyrillic: a little less sure
    assert terms[stem("en", "zarplatu")] == 1.0
    assert "~zarpl" in terms


def test_kazakh_letters_rule_out_russian_readings() -> None:
    # сәлем is a greeting, not a Russian verb form сал-ем.
    assert dict(word_terms("сәлем", "салем")).get("сал", 0.0) < 0.9
    assert is_kazakh("сәлем") and not is_kazakh("салем")


@pytest.mark.parametrize(
    ("typed", "russian"),
    [("карточканы", "карточка"), ("зарплатамды", "зарплата"), ("больницаға", "больница")],
)
def test_russian_words_with_kazakh_endings_meet_the_russian_stem(typed: str, russian: str) -> None:
    # The Russian text is indexed under the Russian stem; the Kazakh ending is peeled off
    # first, then the Russian stemmer reads what is left.
    russian_stem = stem("ru", fold(russian))
    assert dict(word_terms(typed, fold(typed))).get(russian_stem, 0.0) >= 0.9
    # And a Kazakh text with the same word is indexed under that stem too.
    assert russian_stem in text_terms(typed, fold(typed), "kk")


def test_latin_typed_words_get_no_russian_reading_of_their_kazakh_root() -> None:
    # polisiyaga read as полисияға is a misspelt police, not a Russian полис (policy).
    assert stem("ru", "полисия") not in dict(word_terms("polisiyaga", "polisiyaga"))


def test_short_kazakh_roots_get_no_russian_reading() -> None:
    # сәлем → сале is a Kazakh root, not a Russian word: no confident Russian stem сал.
    assert loanword_stem("салем") is None
    assert loanword_stem("паспорт") is None  # no Kazakh ending to peel off


def test_verb_readings_are_guesses() -> None:
    terms = dict(word_terms("бермейді", "бермейди"))
    assert terms["бермей"] == 1.0  # the noun reading: as typed
    assert terms["бер"] == VERB_GUESS


def test_words_stemmed_in_several_threads_at_once_get_their_own_stems() -> None:
    """Searches run in worker threads; a Snowball stemmer shared between them mixed up
    the words it was working on (an IndexError inside the stemmer, or a wrong stem)."""
    import sys
    from concurrent.futures import ThreadPoolExecutor

    from faq.stemming import stem

    raw = stem.__wrapped__  # past the cache: every call really stems
    words = [
        (lang, f"{root}{ending}")
        for lang, roots, endings in (
            ("ru", ("работ", "зарплат", "документ", "разрешени"), ("ами", "ого", "иями", "ы")),
            ("lt", ("darb", "leidim", "atlyginim", "sutart"), ("ais", "ams", "uose", "ų")),
            ("en", ("employ", "permit", "register", "insur"), ("ments", "ing", "ations", "ed")),
        )
        for root in roots
        for ending in endings
    ] * 40
    expected = [raw(lang, word) for lang, word in words]
    switch = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # let threads interleave inside a stemmer call
    try:
        with ThreadPoolExecutor(max_workers=8) as pool:
            got = list(pool.map(lambda item: raw(*item), words))
    finally:
        sys.setswitchinterval(switch)
    assert got == expected


def test_the_c_stemmers_give_the_pure_python_snowball_stems_for_every_word_of_the_base() -> None:
    """PyStemmer (snowballstemmer's fast path) must stem as the Snowball algorithms the
    index and its evaluation were built with: every word of the content, all three."""
    import re
    from pathlib import Path

    import snowballstemmer
    import Stemmer  # type: ignore[import-not-found]
    from snowballstemmer.english_stemmer import EnglishStemmer
    from snowballstemmer.lithuanian_stemmer import LithuanianStemmer
    from snowballstemmer.russian_stemmer import RussianStemmer

    assert snowballstemmer.stemmer is Stemmer.Stemmer  # the C stemmers are the ones used
    content = Path(__file__).resolve().parents[2] / "faq" / "content"
    words = sorted(
        {w for p in content.rglob("*.yaml") for w in re.findall(r"\w+", p.read_text().lower())}
    )
    assert len(words) > 5000
    for name, pure in (
        ("russian", RussianStemmer()),
        ("lithuanian", LithuanianStemmer()),
        ("english", EnglishStemmer()),
    ):
        fast = Stemmer.Stemmer(name)
        differ = [w for w in words if fast.stemWord(w) != pure.stemWord(w)]
        assert differ == [], (name, differ[:10])


def test_every_word_cache_of_the_search_is_bounded() -> None:
    """A person's every typo, name and Latin-typed word passes through these; with the
    earlier sizes 100,000 distinct words kept about 200 MB in the process."""
    import importlib
    import inspect
    import pkgutil

    import faq
    from faq.caches import HEAVY_WORD_CACHE, WORD_CACHE

    cached = {}
    for info in pkgutil.iter_modules(faq.__path__):
        module = importlib.import_module(f"faq.{info.name}")
        for name, value in vars(module).items():
            if callable(getattr(value, "cache_info", None)) and value.__module__ == module.__name__:
                if not inspect.signature(value.__wrapped__).parameters:
                    continue  # loaded once (the model): one entry at most
                cached[f"{info.name}.{name}"] = value.cache_info().maxsize
    assert "stemming.word_terms" in cached and "normalize.fold" in cached
    too_big = {name: size for name, size in cached.items() if size is None or size > WORD_CACHE}
    assert too_big == {}
    assert cached["stemming.word_terms"] == HEAVY_WORD_CACHE
