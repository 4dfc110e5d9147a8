"""Word stems: Snowball for Russian, Lithuanian and English, a suffix stripper for Kazakh,
and the set of index terms a word stands for.

Every function takes folded words (see faq.normalize), so a stem is the same whether
the user typed the special letters or not.
"""

from __future__ import annotations

import threading
from functools import lru_cache

import snowballstemmer

from faq.caches import HEAVY_WORD_CACHE, WORD_CACHE
from faq.normalize import fold, script, unmix
from faq.translit import latin_to_cyrillic

_SNOWBALL_LANGUAGES = {"ru": "russian", "lt": "lithuanian", "en": "english"}


class _Stemmers(threading.local):
    """A Snowball stemmer keeps the word it is working on in the object itself, so two
    threads stemming with one stemmer corrupt each other's word (searches run in worker
    threads): each thread gets its own."""

    def __init__(self) -> None:
        self.by_lang = {
            lang: snowballstemmer.stemmer(name) for lang, name in _SNOWBALL_LANGUAGES.items()
        }


_SNOWBALL = _Stemmers()

# Kazakh is agglutinative: a root takes a chain of endings in a fixed order. The endings
# are written folded (ә→а, і→и, ң→н, ғ→г, қ→к, ұ/ү→у, ө→о), so pairs that differ only in
# those letters (ың/ің → ын/ин) coincide, which is harmless. They are stripped outermost
# first, at most one per slot, longest first, keeping at least KK_MIN_STEM letters.
KK_MIN_STEM = 3

# Which stemmers read a word, by its script: the language of the surrounding text is
# not a reliable guide (Kazakh texts are full of Russian loanwords, Russian texts quote
# Lithuanian names), so every plausible reading is kept.
SCRIPT_LANGS: dict[str, tuple[str, ...]] = {"cyr": ("ru", "kk"), "lat": ("en", "lt")}
# Prefix terms back the stemmers up where they miss an ending; the mark keeps them apart.
PREFIX_MARK = "~"
PREFIX_LEN = 5
# A two-letter stem read from Latin letters is mostly noise (joke → йоке → ек).
_TRANSLIT_MIN_STEM = 3
# How sure a reading is, relative to a stem of the word as typed: a Latin-typed word read
# as Cyrillic, and a Kazakh word read as a verb (сәлем is not сал- + -е + -м). Below
# 0.9, a match does not count as exact evidence for a confident answer.
TRANSLIT = 0.95
VERB_GUESS = 0.85
_KAZAKH_LETTERS = frozenset("әғқңөұүһі")
# Russian words take Kazakh endings (договорсыз, карточканы, зарплатамды): the root left
# after the Kazakh ending is itself a Russian word form (карточка), which the Russian
# stemmer reduces to the stem the Russian texts are indexed under (карточк). Short roots
# are left alone: a four-letter Kazakh root (сәлем → сале) is rarely a Russian word.
LOANWORD = 0.95
_LOANWORD_MIN_ROOT = 5
_LOANWORD_MIN_STEM = 4


def _slots(text: str) -> tuple[frozenset[str], ...]:
    """Endings slot by slot: "a b | c" is two slots."""
    return tuple(frozenset(slot.split()) for slot in text.split("|"))


def _endings(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Endings in the order they attach (outermost first), one ending per slot at most.
# Nouns: case | possessive | plural | derivation (-лық, -сыз, -шы).
_KK_NOUN = _slots(
    "га ге ка ке на не да де та те нда нде дан ден тан тен нан нен ндан нден нын нин дын"
    " дин тын тин ды ди ты ти ны ни н мен бен пен дагы деги тагы теги ндагы ндеги"
    "| ым им м ын ин ы и сы си ымыз имиз мыз миз ыныз иниз ныз низ"
    "| лар лер дар дер тар тер"
    "| лык лик дык дик тык тик сыз сиз шы ши"
)
# Verbs: a tense, aspect or mood ending is required (so nouns are not read as verbs),
# optionally after a person ending; then negation and the passive, if present.
_KK_PERSON = _endings("мын мин бын бин пын пин сын син сыз сиз мыз миз быз биз пыз пиз м н к")
_KK_TENSE = _endings(
    "ды ди ты ти ган ген кан кен атын етин йтын йтин ады еди йды йди ып ип п са се ар ер"
    " гы ги кы ки мак мек бак бек пак пек а е й"
)
_KK_AFTER_TENSE = _slots("ма ме ба бе па пе май мей бай бей пай пей | ыл ил")
# Verbal nouns in -у (the dictionary form: төлеу, қайтару) with their case endings.
_KK_VERBAL_NOUN = _endings("у уга уге уды уди уын уин удын удин уда уде")


def _strip_slots(word: str, slots: tuple[frozenset[str], ...]) -> str:
    for endings in slots:
        word = _strip_one(word, endings) or word
    return word


def _strip_one(word: str, endings: frozenset[str]) -> str | None:
    """The word without its longest ending from `endings`, or None if it has none."""
    for size in range(min(5, len(word) - KK_MIN_STEM), 0, -1):
        if word[-size:] in endings:
            return word[:-size]
    return None


def _verb_stems(word: str) -> list[str]:
    """Verb readings: every tense ending that fits (төлемеді: -ді or -еді), after the
    longest person ending that leaves one, and the verbal noun in -у."""
    found: list[str] = []
    for size in range(min(3, len(word) - KK_MIN_STEM), -1, -1):
        if size and word[-size:] not in _KK_PERSON:
            continue
        rest = word[: len(word) - size]
        for tense in range(min(4, len(rest) - KK_MIN_STEM), 0, -1):
            if rest[-tense:] in _KK_TENSE:
                found.append(_strip_slots(rest[:-tense], _KK_AFTER_TENSE))
        if found:
            break
    stem = _strip_one(word, _KK_VERBAL_NOUN)
    if stem is not None:
        found.append(_strip_slots(stem, _KK_AFTER_TENSE[:1]))
    return found


@lru_cache(maxsize=WORD_CACHE)
def kazakh_stems(word: str) -> tuple[str, ...]:
    """The word read as a noun, and as a verb when it has a verb ending, stripping
    endings in the order they attach, so a verb root that ends like a plural
    (қайтар-) is not cut again."""
    stems = [_strip_slots(word, _KK_NOUN)]
    for verb in _verb_stems(word):
        if verb not in stems:
            stems.append(verb)
    return tuple(stems)


def kazakh_stem(word: str) -> str:
    """The word read as a noun: case, possessive, plural and derivation stripped."""
    return _strip_slots(word, _KK_NOUN)


@lru_cache(maxsize=WORD_CACHE)
def loanword_stem(word: str) -> str | None:
    """The Russian stem of the root a Kazakh ending leaves (карточканы → карточк), or
    None when no ending was stripped, the root is short, or the stem adds nothing."""
    root = kazakh_stem(word)
    if root == word or len(root) < _LOANWORD_MIN_ROOT:
        return None
    russian = stem("ru", root)
    if russian == root or len(russian) < _LOANWORD_MIN_STEM:
        return None
    return russian


@lru_cache(maxsize=WORD_CACHE)
def stem(lang: str, word: str) -> str:
    """The stem of a folded word in `lang` (ru, kk, lt, en)."""
    if lang == "kk":
        return kazakh_stem(word)
    return str(_SNOWBALL.by_lang[lang].stemWord(word))


def prefix_term(word: str) -> str | None:
    return PREFIX_MARK + word[:PREFIX_LEN] if len(word) > PREFIX_LEN else None


@lru_cache(maxsize=WORD_CACHE)
def is_kazakh(raw: str) -> bool:
    """Whether a lower-case word has a letter only Kazakh uses (it is then not Russian)."""
    return any(ch in _KAZAKH_LETTERS for ch in raw)


def plain_terms(word: str, kazakh: bool = False, loanwords: bool = True) -> dict[str, float]:
    """Stems of a folded word in every language its script can be (only Kazakh when it
    was written with Kazakh letters), with how sure each reading is: a Kazakh verb
    reading of a word that may be a noun is a guess. With `loanwords`, a Cyrillic word
    also gets the Russian stem of the root its Kazakh ending leaves (see LOANWORD)."""
    kind = script(word)
    if kind == "mixed":
        word = unmix(word)
        kind = script(word)
    langs = ("kk",) if kazakh and kind == "cyr" else SCRIPT_LANGS.get(kind)
    if not langs:
        return {word: 1.0}
    stems: dict[str, float] = {}
    for lang in langs:
        found = kazakh_stems(word) if lang == "kk" else (stem(lang, word),)
        for n, term in enumerate(found):
            # A verb reading, or a root cut down to three letters (салем → сал), is a
            # guess: it may rank a topic but does not make an answer confident.
            short = len(term) <= 3 and len(word) - len(term) >= 2
            certainty = VERB_GUESS if n > 0 or short else 1.0
            stems[term] = max(stems.get(term, 0.0), certainty)
        if lang == "kk" and loanwords:
            loan = loanword_stem(word)
            if loan is not None:
                stems[loan] = max(stems.get(loan, 0.0), LOANWORD)
    return stems


@lru_cache(maxsize=HEAVY_WORD_CACHE)
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


@lru_cache(maxsize=HEAVY_WORD_CACHE)
def word_terms(raw: str, folded: str) -> tuple[tuple[str, float], ...]:
    """A query word's terms, each with how sure the reading is (1.0 for a stem of the
    word as typed; less for a transliteration or a Kazakh verb guess), stems first,
    then prefixes."""
    terms: dict[str, float] = {}
    prefixes: dict[str, float] = {}
    kazakh = is_kazakh(raw)
    for reading, translit in readings(raw, folded):
        factor = TRANSLIT if translit else 1.0
        # A Latin-typed word is already a guess: its Cyrillic reading is not cut again
        # into a Russian stem (polisiyaga → полисия → полис is not a policy).
        for term, certainty in plain_terms(reading, kazakh and not translit, not translit).items():
            if translit and len(term) < _TRANSLIT_MIN_STEM:
                continue
            terms[term] = max(terms.get(term, 0.0), certainty * factor)
        prefix = prefix_term(reading)
        if prefix is not None:
            prefixes[prefix] = max(prefixes.get(prefix, 0.0), factor)
    return tuple(terms.items()) + tuple((p, c) for p, c in prefixes.items() if p not in terms)


# In the knowledge base the language of a text is known: a word in that language's script
# is stemmed the way that language stems it, so an English "wife" does not meet a
# Lithuanian reading of "wifi". Cyrillic texts get both Cyrillic readings (Kazakh texts
# are full of Russian loanwords, and Russian words get typed with Kazakh endings), and
# Lithuanian words also their near-surface English stem, which matches plain typing.
_TEXT_LANGS: dict[tuple[str, str], tuple[str, ...]] = {
    ("ru", "cyr"): ("ru", "kk"),
    ("kk", "cyr"): ("kk", "ru"),
    ("lt", "lat"): ("lt", "en"),
    ("en", "lat"): ("en",),
}


@lru_cache(maxsize=WORD_CACHE)
def text_terms(raw: str, folded: str, lang: str) -> tuple[str, ...]:
    """Index terms of a word in a text written in `lang`; other words (a Latin-typed
    phrasing in a Russian text, a name) get every reading, as a query would."""
    word = unmix(folded) if script(folded) == "mixed" else folded
    langs = _TEXT_LANGS.get((lang, script(word)))
    if langs is not None and script(word) == "cyr" and is_kazakh(raw):
        langs = ("kk",)
    if langs is None:
        return tuple(term for term, _ in word_terms(raw, folded))
    stems: dict[str, None] = {}
    for code in langs:
        for term in kazakh_stems(word) if code == "kk" else (stem(code, word),):
            stems[term] = None
        loan = loanword_stem(word) if code == "kk" else None
        if loan is not None:
            stems[loan] = None
    prefix = prefix_term(word)
    if prefix is not None:
        stems[prefix] = None
    return tuple(stems)
