"""Words that say a person may be at risk, in the four languages and as people type them.

`detect` answers the kind of danger (or None). It errs on the side of showing
help: a false alarm costs one message with the emergency number, a missed one
may cost far more. Each phrase is matched on a folded text (lower case, Kazakh
and Lithuanian letters reduced to Latin/Cyrillic base letters, ё → е), and Russian
is also matched in Latin script, the way many people type on a foreign phone.
"""

from __future__ import annotations

import re
from enum import StrEnum


class Danger(StrEnum):
    VIOLENCE = "violence"
    PASSPORT = "passport"
    TRAFFICKING = "trafficking"
    SUICIDE = "suicide"


_FOLD = str.maketrans(
    {
        "ё": "е",
        "ә": "а",
        "ғ": "г",
        "қ": "к",
        "ң": "н",
        "ө": "о",
        "ұ": "у",
        "ү": "у",
        "һ": "х",
        "і": "и",
        "ą": "a",
        "č": "c",
        "ę": "e",
        "ė": "e",
        "į": "i",
        "š": "s",
        "ų": "u",
        "ū": "u",
        "ž": "z",
        "’": "'",
    }
)

# Stems and phrases; \w* lets endings vary (Russian and Kazakh are inflected).
_PHRASES: dict[Danger, tuple[str, ...]] = {
    Danger.SUICIDE: (
        # ru, ru in Latin script
        r"поконч\w* с собой",
        r"суицид",
        r"не хочу (больше )?жить",
        r"убить себя",
        r"убью себя",
        r"повеси(ться|шусь)",
        r"ne hochu (bolshe )?zhit",
        r"suicid",
        r"pokonchit s soboi",
        # kk
        r"озимди олтир",
        r"омир сургим келмейди",
        r"асылып олгим",
        # lt
        r"nusizud",
        r"savizud",
        r"nenoriu gyventi",
        # en
        r"kill myself",
        r"end my life",
        r"suicide",
        r"(do not|don'?t) want to live",
        r"want to die",
    ),
    Danger.PASSPORT: (
        r"(забрал|отобрал|отнял|держ\w*|спрятал|не отда\w*)[\w ]{0,25} (паспорт|документ)",
        r"(паспорт|документ\w*)[\w ]{0,25}(забрал|отобрал|не отда\w*|у работодател)",
        r"(zabral|otobral|ne otda\w*)[\w ]{0,25} (pasport|dokument)",
        r"pasport[\w ]{0,25}(zabral|otobral|ne otda\w*)",
        r"(паспорт\w*|толкужат\w*)[\w ]{0,25}(алып кой|бермейд|алып алд|тартып ал)",
        r"(pasport\w*|tolkuzhat\w*)[\w ]{0,25}(alyp koi|bermeid|alyp ald)",
        r"(atem|paem|pasiem)\w* (mano )?pas",
        r"negrazin\w* (mano )?pas",
        r"(took|taken|keeps?|holds?|holding|kept|won'?t (give|return))[\w ]{0,15} passport",
        r"passport[\w ]{0,20}(taken|confiscated|kept by)",
    ),
    Danger.TRAFFICKING: (
        r"не выпуска\w*",
        r"запер(ли|т\w*)",
        r"взаперти",
        r"продал\w* (меня|нас)",
        r"торговл\w* людьми",
        r"ne vypuska\w*",
        r"zaperl\w*",
        r"адам саудас",
        r"камап кой",
        r"сыртка шыгармайд",
        r"neisleid",
        r"uzdare",
        r"prekyb\w* zmonemis",
        r"locked (me )?(in|up)",
        r"(not|n'?t) (allowed|let) (me )?(to )?leave",
        r"traffick",
        r"sold me",
    ),
    Danger.VIOLENCE: (
        r"(бь[её]т|избил\w*|избива\w*|ударил\w*|бьют) (меня|нас|жену|мужа|ребенка|детей)",
        r"(меня|нас) (бьют|бьет|избил\w*|избива\w*)",
        r"изнасил\w*",
        r"угрожа(ет|ют) (мне|нам|убить|расправ)",
        r"(убь[её]т|убью|убьют) (меня|нас)",
        r"(bjet|bet|izbil\w*|izbiva\w*) (menya|nas)",
        r"menya (bjut|bjet|izbil\w*)",
        r"ugrozha(et|jut|yut) (mne|ubit)",
        r"зорла\w*",
        r"(мени|бизди) (урады|урып|сабады|сабап)",
        r"олтиремин",
        r"(mane|mus) (musa|sumuse|primuse)",
        r"(grasina|grasino) (mane|nuzudyti)",
        r"isprievartav",
        r"(beats?|beating|hits?|hitting|hurts?) (me|us|my (wife|husband|child|children|kids))",
        r"(threaten\w*) (me|to kill)",
        r"raped?\b",
        r"(kill|hurt) me\b",
    ),
}

_COMPILED = tuple(
    (danger, re.compile(r"(?<!\w)(?:" + "|".join(phrases) + r")"))
    for danger, phrases in _PHRASES.items()
)


def fold(text: str) -> str:
    return " ".join(text.lower().translate(_FOLD).split())


def detect(text: str) -> Danger | None:
    """The danger a message speaks of, most serious first; None for an ordinary one."""
    folded = fold(text[:2000])
    for danger, pattern in _COMPILED:
        if pattern.search(folded):
            return danger
    return None
