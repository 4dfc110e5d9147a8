"""Word stems: Snowball for Russian, Lithuanian and English, a suffix stripper for Kazakh,
and the set of index terms a word stands for.

Every function takes folded words (see faq.normalize), so a stem is the same whether
the user typed the special letters or not.
"""

from __future__ import annotations

from functools import lru_cache

import snowballstemmer

from faq.normalize import fold, script, unmix
from faq.translit import latin_to_cyrillic

_SNOWBALL = {
    "ru": snowballstemmer.stemmer("russian"),
    "lt": snowballstemmer.stemmer("lithuanian"),
    "en": snowballstemmer.stemmer("english"),
}

# Kazakh is agglutinative: a word is a root plus a chain of endings. Written folded
# (ә→а, і→и, ң→н, ғ→г, қ→к, ұ/ү→у, ө→о), so pairs that differ only in those letters
# (ың/ің → ын/ин) coincide, which is harmless. Roughly in order: plural (alone and with
# possessive), possessive, the cases (dative, locative, ablative, genitive, accusative,
# instrumental, relative -дағы), then verb forms (infinitive, purposive, converbs,
# participles, negation, tenses, person, conditional, desire, passive, causative) and
# the agent and quality nouns -шы and -лық.
_KK_ENDINGS = """
    лар лер дар дер тар тер лары лери дары дери тары тери
    ым им м ын ин н ы и сы си ымыз имиз мыз миз ыныз иниз ныз низ
    га ге ка ке на не да де та те нда нде дан ден тан тен нан нен ндан нден
    нын нин дын дин тын тин ды ди ты ти ны ни мен бен пен дагы деги тагы теги ндагы ндеги
    у уга уге ып ип п ган ген кан кен атын етин йтын йтин май мей бай бей пай пей
    ма ме ба бе па пе ады еди йды йди мын мин сын син сыз сиз быз биз дым дим тым тим
    дык дик тык тик са се гым гим гысы гиси ыл ил тыр тир дыр дир гыз гиз уши ушы шы ши
    лык лик
"""
# Endings by length, longest first: a few set look-ups per round instead of a scan.
_KK_BY_LENGTH: tuple[tuple[int, frozenset[str]], ...] = tuple(
    (size, frozenset(e for e in _KK_ENDINGS.split() if len(e) == size))
    for size in sorted({len(e) for e in _KK_ENDINGS.split()}, reverse=True)
)
KK_MIN_STEM = 3
# A one-letter ending (possessive -ы, converb -п, infinitive -у) is more often the last
# letter of a short root (төле-, жалақы), so it is only stripped from longer words.
_KK_MIN_STEM_ONE_LETTER = 4
_KK_MAX_ROUNDS = 4

# Which stemmers read a word, by its script: the language of the surrounding text is
# not a reliable guide (Kazakh texts are full of Russian loanwords, Russian texts quote
# Lithuanian names), so every plausible reading is kept.
SCRIPT_LANGS: dict[str, tuple[str, ...]] = {"cyr": ("ru", "kk"), "lat": ("en", "lt")}
# Prefix terms back the stemmers up where they miss an ending; the mark keeps them apart.
PREFIX_MARK = "~"
PREFIX_LEN = 5
# A two-letter stem read from Latin letters is mostly noise (joke → йоке → ек).
_TRANSLIT_MIN_STEM = 3


@lru_cache(maxsize=131072)
def kazakh_stem(word: str) -> str:
    """Strip Kazakh endings, longest first, while at least KK_MIN_STEM letters remain."""
    stem = word
    for _ in range(_KK_MAX_ROUNDS):
        for size, endings in _KK_BY_LENGTH:
            rest = len(stem) - size
            if rest >= (_KK_MIN_STEM_ONE_LETTER if size == 1 else KK_MIN_STEM) and (
                stem[rest:] in endings
            ):
                stem = stem[:rest]
                break
        else:
            break
    return stem


@lru_cache(maxsize=262144)
def stem(lang: str, word: str) -> str:
    """The stem of a folded word in `lang` (ru, kk, lt, en)."""
    if lang == "kk":
        return kazakh_stem(word)
    return _SNOWBALL[lang].stemWord(word)


def prefix_term(word: str) -> str | None:
    return PREFIX_MARK + word[:PREFIX_LEN] if len(word) > PREFIX_LEN else None


def plain_terms(word: str) -> frozenset[str]:
    """Stems of a folded word in every language its script can be."""
    kind = script(word)
    if kind == "mixed":
        word = unmix(word)
        kind = script(word)
    langs = SCRIPT_LANGS.get(kind)
    if not langs:
        return frozenset({word})
    return frozenset(stem(lang, word) for lang in langs)


@lru_cache(maxsize=262144)
def readings(raw: str, folded: str) -> tuple[tuple[str, bool], ...]:
    """(folded reading, is transliterated): the word itself, and for Latin letters its
    Cyrillic readings, since Russian and Kazakh are often typed on a Latin keyboard."""
    found: list[tuple[str, bool]] = [(folded, False)]
    if script(folded) == "lat":
        for reading in latin_to_cyrillic(raw):
            folded_reading = fold(reading)
            if folded_reading != folded:
                found.append((folded_reading, True))
    return tuple(found)


@lru_cache(maxsize=262144)
def word_terms(raw: str, folded: str) -> tuple[tuple[str, bool], ...]:
    """Index terms of a word: (term, from a transliteration), stems first, then prefixes."""
    terms: dict[str, bool] = {}
    prefixes: dict[str, bool] = {}
    for reading, translit in readings(raw, folded):
        for term in plain_terms(reading):
            if translit and len(term) < _TRANSLIT_MIN_STEM:
                continue
            terms[term] = terms.get(term, True) and translit
        prefix = prefix_term(reading)
        if prefix is not None:
            prefixes[prefix] = prefixes.get(prefix, True) and translit
    return tuple(terms.items()) + tuple((p, t) for p, t in prefixes.items() if p not in terms)
