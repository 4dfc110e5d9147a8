"""Which countries a question names, and whether it asks about them or only mentions them.

An answer from the wrong country's law is the worst answer Jol can give, so a question
that names a country ("в Казахстане", "Latvijā", "in Riga", "Алматы", "Қазақстанда",
"v kazahstane") is answered from that country's content. Names are recognised by stem in
Russian, Kazakh, Lithuanian and English (also Russian typed in Latin letters), plus the
capitals and big cities, on folded words, so missing diacritics or Kazakh letters do not
matter.

Not every mention is the subject of the question. "Я из Казахстана", "a nurse from
Kazakhstan", "Қазақстаннан", "гражданин Казахстана", "my Kazakh passport", "казахстанские
права" say where a person or a document comes from: the question is still about the
country the person is in. Such a mention has the role `from` and does not route the
question; every other mention (`in`: "в Латвии", "Latvia minimum wage", "Вильнюс") does.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from faq.caches import WORD_CACHE
from faq.normalize import fold, script, unmix


def _split(text: str) -> list[str]:
    # Word lists are kept as text, as in faq.normalize.
    return text.split()


# (folded stem, how many letters may follow it) by country. Each language's declension
# and Kazakh case endings fit in the allowance; short city names are listed as forms.
_STEMS: dict[str, tuple[tuple[str, int], ...]] = {
    "lt": (
        # Литва, Литве, Литвы, Литвада, Литваның; литовский
        ("литв", 5),
        ("литовск", 5),
        ("lietuv", 6),
        ("lithuani", 3),
        ("litv", 3),
        ("litovsk", 5),
        ("вильнюс", 4),
        ("вильнус", 4),
        ("вилнюс", 4),
        ("vilni", 4),
        ("vilnyus", 4),
        ("vilnus", 4),
        ("vilnjus", 4),
        ("каунас", 4),
        ("kaunas", 3),
        ("клайпед", 5),
        ("klaiped", 5),
        ("шяуля", 4),
        ("шауля", 4),
        ("siaul", 6),
        ("shyaul", 5),
        ("паневеж", 5),
        ("panevez", 5),
        ("алитус", 4),
        ("alytu", 4),
    ),
    "lv": (
        # Латвия, Латвии, Латвияда; латвийский, латышский; Latvija, Latvijā, Latvijoje
        ("латви", 6),
        ("латыш", 6),
        ("latvi", 6),
        ("latvj", 5),
        ("latvie", 6),
        ("latysh", 5),
        ("рижск", 4),
        ("даугавпилс", 4),
        ("daugavpil", 5),
        ("лиепа", 4),
        ("liepaj", 4),
        ("елгав", 4),
        ("jelgav", 4),
        ("elgav", 4),
        ("юрмал", 4),
        ("jurmal", 4),
        ("вентспилс", 4),
        ("ventspil", 5),
    ),
    "kz": (
        # Казахстан, Казахстане, казахстанский; Қазақстан, Қазақстанда, Қазақстаннан
        ("казахстан", 6),
        ("казакстан", 6),
        ("kazakhstan", 6),
        ("kazakstan", 6),
        ("kazahstan", 6),
        ("kazaxstan", 6),
        ("kazachstan", 6),
        ("qazaqstan", 6),
        ("kazakhastan", 4),
        ("алмат", 5),
        ("алмаат", 3),
        ("almat", 5),
        ("almaat", 3),
        ("астан", 4),
        ("astan", 4),
        ("шымкент", 4),
        ("чимкент", 4),
        ("shymkent", 4),
        ("shimkent", 4),
        ("chimkent", 4),
        ("караганд", 5),
        ("karagand", 5),
        ("qaragand", 5),
        ("актобе", 4),
        ("aktobe", 4),
        ("aqtobe", 4),
        ("атырау", 4),
        ("atyrau", 4),
        ("павлодар", 4),
        ("pavlodar", 4),
        ("оскемен", 4),
        ("oskemen", 4),
        ("устькаменогорск", 4),
        ("ustkamenogorsk", 4),
        ("костана", 4),
        ("kostana", 4),
        ("qostana", 4),
        ("кызылорд", 4),
        ("kyzylord", 4),
        ("qyzylord", 4),
        ("актау", 4),
        ("aktau", 4),
        ("aqtau", 4),
        ("уральск", 4),
        ("uralsk", 4),
        ("петропавл", 5),
        ("petropavl", 5),
        ("туркестан", 4),
        ("turkestan", 4),
        ("кокшетау", 4),
        ("kokshetau", 4),
        ("талдыкорган", 4),
        ("taldykorgan", 4),
        ("экибастуз", 4),
        ("ekibastuz", 4),
        ("темиртау", 4),
        ("temirtau", 4),
    ),
}
# Short names that are other words with a longer ending: only these forms count.
_FORMS: dict[str, frozenset[str]] = {
    "lv": frozenset(
        _split(
            "рига риге риги ригу ригой ригада ригага ригадан riga rige rigi rigu rigoj rigoi"
            " rigoy rigas rigaa rigada ryga rygoje rygos rygoj"
        )
    ),
    "kz": frozenset(_split("тараз таразе тараза таразда taraz taraze tarazda")),
    "lt": frozenset(_split("kaune kauno kaunase каунасе каунаса kaunasta")),
}
# Prepositions that make the next word where someone or something comes from.
_FROM_BEFORE = frozenset(_split("из изо с со от iz ot s so from iš su"))
# Lithuanian "iš" typed without its mark is English "is": only before a genitive.
_IS_GENITIVE = ("o", "os", "aus")
# Kazakh ablative (from): Қазақстаннан, Литвадан, Алматыдан.
_ABLATIVE = ("нан", "нен", "дан", "ден", "тан", "тен", "nan", "nen", "dan", "den", "tan", "ten")
# … also with a personal ending after it: Қазақстаннанмын, Kazakhstannanmyn ("I am from").
_PERSONAL = tuple(
    _split("мын мин мыз миз сын син сыз сиз быз биз пыз пиз myn min myz miz syn sin syz siz")
)
# Words that make a nearby mention (within _WINDOW words) a person's past or origin:
# "окончил университет в Казахстане", "baigiau universitetą Kazachstane", "гражданин
# Казахстана", "вернуться домой в Казахстан". Folded stems. Verbs of living or working
# are not here: "worked in Latvia and was not paid" asks about Latvia.
_ORIGIN_NEAR = (
    # ru
    "окончил",
    "закончил",
    "отучил",
    "учился",
    "училась",
    "родился",
    "родилась",
    "уроженец",
    "уроженк",
    "домой",
    "родину",
    "гражданин",
    "гражданк",
    "граждане",
    "гражданам",
    "посольств",
    "консульств",
    # ru in Latin letters
    "okonchil",
    "zakonchil",
    "uchilsya",
    "uchilas",
    "rodilsya",
    "rodilas",
    "domoi",
    "domoy",
    "grazhdan",
    "posolstv",
    # kk (verbs are in _ORIGIN_VERB_AFTER)
    "елге",
    "елиме",
    "отаныма",
    "азаматы",
    "азаматымын",
    "азаматпын",
    "елшилиг",
    "консулдыг",
    # en
    "graduated",
    "studied",
    "born",
    "home",
    "homeland",
    "citizen",
    "embassy",
    "consulate",
    # lt
    "baigiau",
    "studijavau",
    "gimiau",
    "gimes",
    "namo",
    "tevyne",
    "pilietis",
    "piliete",
    "pilieciai",
    "ambasad",
    "konsulat",
)
# Kazakh verbs follow the place they are about ("Қазақстанда оқу бітірдім, дипломымды
# Литвада..."): they make a mention before them an origin, never one after.
_ORIGIN_VERB_AFTER = ("битирдим", "битиргенмин", "окыдым", "туылдым", "туып")
_WINDOW = 3
# Case endings of place: Kazakh locative (Қазақстанда, Вильнюсте), Lithuanian locative
# (Latvijoje, Vilniuje, Kazachstane), Russian prepositional (Казахстане, в Литве).
_LOCATIVE = ("да", "де", "та", "те", "da", "de", "ta", "te", "je", "e", "е")
# Prepositions of place or direction: the next word is what the question is about even
# when a document is named beside it ("в Латвии паспорт потерял").
_IN_BEFORE = frozenset(_split("в во на по v vo na po in at to into inside across į i"))
# A document of that country, right beside its name ("казахстанские права", "Kazakhstan
# driving licence", "паспорт Казахстана"): where the document comes from.
_DOCUMENT_BESIDE = (
    "паспорт",
    "права",
    "правами",
    "водительск",
    "удостоверен",
    "диплом",
    "куали",
    "жургизуш",
    "passport",
    "licence",
    "license",
    "driving",
    "diploma",
    "degree",
    "pasas",
    "paso",
    "pasa",
    "vairuot",
    "pazymejim",
    "diplom",
    "prava",
    "pasport",
)
_WORD_RE = re.compile(r"[^\W_]+(?:-[^\W_]+)*")
_APOSTROPHES = re.compile(r"(?<=\w)['’ʼ`](?=\w)")
_COMBINING_RE = re.compile(r"[\u0300-\u036f]")

IN = "in"
FROM = "from"


@dataclass(frozen=True, slots=True)
class Mention:
    country: str
    word: str  # as typed, lower-cased
    role: str  # IN: the question is about it; FROM: where a person or document comes from


@dataclass(frozen=True, slots=True)
class Places:
    """What a question says about countries."""

    mentions: tuple[Mention, ...] = ()

    @property
    def named(self) -> tuple[str, ...]:
        """Every country the question names, in any role, sorted."""
        return tuple(sorted({m.country for m in self.mentions}))

    @property
    def targets(self) -> tuple[str, ...]:
        """The countries the question asks about, sorted."""
        return tuple(sorted({m.country for m in self.mentions if m.role == IN}))

    @property
    def subject(self) -> str | None:
        """The one country the question asks about, if it names one (the others, if
        any, are origins: "from Kazakhstan, in Lithuania")."""
        targets = self.targets
        return targets[0] if len(targets) == 1 else None

    @property
    def several(self) -> bool:
        """It names several countries and does not say which one it asks about: "in
        Lithuania and Kazakhstan", or only origins of two countries."""
        return len(self.named) > 1 and self.subject is None

    @property
    def words(self) -> frozenset[str]:
        """The words that named a country, as typed (lower-cased)."""
        return frozenset(m.word for m in self.mentions)


def _words(text: str) -> list[str]:
    text = unicodedata.normalize("NFKC", text).lower()
    text = _COMBINING_RE.sub("", _APOSTROPHES.sub("", text))
    return _WORD_RE.findall(text)


def _plain(raw: str) -> str:
    word = fold(raw.replace("-", ""))
    return unmix(word) if script(word) == "mixed" else word


@lru_cache(maxsize=WORD_CACHE)
def place_of(word: str) -> tuple[str, str] | None:
    """(country, what follows the name) for a folded word that names a place, else None."""
    best: tuple[int, str, str] | None = None
    for country, forms in _FORMS.items():
        if word in forms:
            return country, ""
    for country, stems in _STEMS.items():
        for stem, extra in stems:
            fits = word.startswith(stem) and len(word) - len(stem) <= extra
            if fits and (best is None or len(stem) > best[0]):
                best = (len(stem), country, word[len(stem) :])
    return (best[1], best[2]) if best is not None else None


def _starts(word: str, stems: tuple[str, ...]) -> bool:
    return bool(word) and word.startswith(stems)


def _is_ablative(ending: str) -> bool:
    if len(ending) < 3:
        return False
    for personal in _PERSONAL:
        if ending.endswith(personal) and len(ending) - len(personal) >= 3:
            ending = ending[: -len(personal)]
            break
    return ending.endswith(_ABLATIVE)


def _is_locative(ending: str) -> bool:
    # Adjectives (казахстанские, lietuviškoje) are not places: their ending has -sk-.
    return bool(ending) and ending.endswith(_LOCATIVE) and "ск" not in ending and "sk" not in ending


def _role(raws: list[str], plain: list[str], i: int, ending: str) -> str:
    before = raws[i - 1] if i > 0 else ""
    if before in _FROM_BEFORE or _is_ablative(ending):
        return FROM
    if before == "is" and raws[i].endswith(_IS_GENITIVE):
        return FROM
    # The window stops at another place name: its words belong to that one.
    for j in range(i - 1, max(-1, i - 1 - _WINDOW), -1):
        if place_of(plain[j]) is not None:
            break
        if _starts(plain[j], _ORIGIN_NEAR):
            return FROM
    for j in range(i + 1, min(len(plain), i + 1 + _WINDOW)):
        if place_of(plain[j]) is not None:
            break
        if _starts(plain[j], _ORIGIN_NEAR) or _starts(plain[j], _ORIGIN_VERB_AFTER):
            return FROM
    if before in _IN_BEFORE or _is_locative(ending):
        return IN
    # "passport of Kazakhstan": look past "of"
    previous = plain[i - 2] if before == "of" and i > 1 else plain[i - 1] if i else ""
    following = plain[i + 1] if i + 1 < len(plain) else ""
    if _starts(previous, _DOCUMENT_BESIDE) or _starts(following, _DOCUMENT_BESIDE):
        return FROM
    return IN


def find_places(text: str, max_words: int = 200) -> Places:
    """The countries `text` names and, for each mention, whether it is asked about."""
    raws = _words(text)[:max_words]
    plain = [_plain(raw) for raw in raws]
    mentions: list[Mention] = []
    for i, word in enumerate(plain):
        found = place_of(word)
        if found is None:
            continue
        country, ending = found
        mentions.append(Mention(country, raws[i], _role(raws, plain, i, ending)))
    return Places(tuple(mentions))
