"""Russian and Kazakh typed in Latin letters, back to (folded) Cyrillic.

There is no single scheme: people write "zh" or "j" for ж, "q" or "k" for қ, "w" for у.
Each scheme below is one common habit; a word is tried in all of them and the search
keeps whichever reading matches best.
"""

from __future__ import annotations

from functools import lru_cache

from faq.caches import HEAVY_WORD_CACHE

_VOWELS = frozenset("aeiouyäöüūı")

# Shared by every scheme: digraphs first (longest match wins), then letters with marks
# that Czech, Lithuanian and Turkic keyboards produce for the same sounds.
_COMMON: dict[str, str] = {
    "shch": "щ",
    "zh": "ж",
    "kh": "х",
    "ch": "ч",
    "sh": "ш",
    "ts": "ц",
    "yu": "ю",
    "ya": "я",
    "yo": "е",
    "ye": "е",
    "š": "ш",
    "ž": "ж",
    "č": "ч",
    "ş": "ш",
    "ç": "ч",
    "ğ": "г",
    "ñ": "н",
    "ä": "а",
    "ö": "о",
    "ü": "у",
    "ū": "у",
    "ı": "ы",
    "ё": "е",
    "a": "а",
    "b": "б",
    "v": "в",
    "g": "г",
    "d": "д",
    "e": "е",
    "z": "з",
    "i": "и",
    "k": "к",
    "l": "л",
    "m": "м",
    "n": "н",
    "o": "о",
    "p": "п",
    "r": "р",
    "s": "с",
    "t": "т",
    "u": "у",
    "f": "ф",
    "h": "х",
    "q": "к",
}

# Russian habits: j as й (and ja/ju as я/ю), c as ц, x as кс, w as в.
_RUSSIAN: dict[str, str] = {
    **_COMMON,
    "sch": "щ",
    "tsya": "тся",
    "ja": "я",
    "ju": "ю",
    "jo": "е",
    "je": "е",
    "tz": "ц",
    "j": "й",
    "c": "ц",
    "x": "кс",
    "w": "в",
}

# Kazakh habits (and the other reading of sch, as in schet): j as ж, q as қ, w as у,
# gh as ғ, ng as ң (all folded to plain letters).
_KAZAKH: dict[str, str] = {**_COMMON, "gh": "г", "ng": "н", "j": "ж", "c": "ч", "x": "х", "w": "у"}

_SCHEMES = (_RUSSIAN, _KAZAKH)
_LONGEST = max(len(key) for scheme in _SCHEMES for key in scheme)


def _convert(word: str, scheme: dict[str, str]) -> str:
    out: list[str] = []
    i = 0
    n = len(word)
    while i < n:
        ch = word[i]
        if ch == "y" and not word.startswith(("yu", "ya", "yo", "ye"), i):
            # y after a vowel is й (moy, kakoy); elsewhere ы (dokumenty).
            out.append("й" if i > 0 and word[i - 1] in _VOWELS else "ы")
            i += 1
            continue
        if ch in "ij" and i + 1 == n and i > 0 and word[i - 1] in _VOWELS:
            out.append("й")  # besplatnyi, domoi, novij
            i += 1
            continue
        if word.startswith("ia", i) and i + 2 == n:
            out.append("ия")  # registratsia, informatsia
            i += 2
            continue
        for size in range(min(_LONGEST, n - i), 0, -1):
            piece = word[i : i + size]
            if piece in scheme:
                out.append(scheme[piece])
                i += size
                break
        else:
            out.append(ch)  # digits and letters no scheme knows stay as they are
            i += 1
    return "".join(out)


@lru_cache(maxsize=HEAVY_WORD_CACHE)
def latin_to_cyrillic(word: str) -> tuple[str, ...]:
    """Distinct Cyrillic readings of a lower-case Latin word, most common scheme first."""
    readings: list[str] = []
    for scheme in _SCHEMES:
        reading = _convert(word, scheme)
        if reading not in readings:
            readings.append(reading)
    return tuple(readings)
