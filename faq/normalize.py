"""Text to comparable tokens: lower case, one spelling per letter, no punctuation or emoji.

People type Kazakh without its special letters and Lithuanian without diacritics, so
both the index and the query are folded to the plain letters they would type.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from faq.caches import WORD_CACHE

# Kazakh letters as typed on a Russian keyboard, ё as most people type it, and no soft
# or hard signs, which Latin typists drop (zhitelstvo, obyavlenie).
_CYRILLIC_FOLD = str.maketrans("әғқңөұүһіё", "агкноуухие", "ьъ")
# Latin letters with marks that NFKD does not reduce to a base letter.
_LATIN_SPECIAL = {"ß": "ss", "ø": "o", "ł": "l", "ı": "i", "đ": "d", "æ": "ae", "œ": "oe"}
_WORD_RE = re.compile(r"[^\W_]+")
_COMPOUND_RE = re.compile(r"[^\W_]+(?:-[^\W_]+)+")
_APOSTROPHES = re.compile(r"(?<=\w)['’ʼ`](?=\w)")
_COMBINING_RE = re.compile(r"[\u0300-\u036f]")

# Look-alike letters typed from the other keyboard layout inside a word (Kazakh і is
# often typed as Latin i).
_LAT_TO_CYR = str.maketrans("aceiopxykmthb", "асеиорхукмтнв")
_CYR_TO_LAT = str.maketrans("асеіорхукмтв", "aceiopxykmtb")


@lru_cache(maxsize=WORD_CACHE)
def script(token: str) -> str:
    """'cyr', 'lat', 'mixed' or 'other' (digits and other alphabets)."""
    cyr = lat = False
    for ch in token:
        if "\u0400" <= ch <= "\u04ff":
            cyr = True
        elif ch.isascii() and ch.isalpha() or "\u00c0" <= ch <= "\u024f":
            lat = True
    if cyr and lat:
        return "mixed"
    return "cyr" if cyr else "lat" if lat else "other"


@lru_cache(maxsize=WORD_CACHE)
def fold(token: str) -> str:
    """The plain form of an already lower-cased token."""
    token = token.translate(_CYRILLIC_FOLD)
    if token.isascii():
        return token
    out: list[str] = []
    for ch in token:
        if "\u00c0" <= ch <= "\u024f":
            special = _LATIN_SPECIAL.get(ch)
            out.append(special if special is not None else unicodedata.normalize("NFKD", ch)[0])
        else:
            out.append(ch)
    return "".join(out)


def unmix(token: str) -> str:
    """A mixed-script word rewritten in its main script, so `тiлi` reads as `тили`."""
    cyr = sum("\u0400" <= ch <= "\u04ff" for ch in token)
    lat = sum(ch.isascii() and ch.isalpha() for ch in token)
    return token.translate(_LAT_TO_CYR if cyr >= lat else _CYR_TO_LAT)


def raw_tokens(text: str) -> list[str]:
    """Lower-cased words before folding (transliteration needs the original letters)."""
    text = unicodedata.normalize("NFKC", text).lower()
    # Turkish-style İ lower-cases to i + a combining dot; apostrophes join "didn't".
    text = _COMBINING_RE.sub("", _APOSTROPHES.sub("", text))
    words = _WORD_RE.findall(text)
    # "Wi-Fi" is also typed "wifi", "e-mail" "email": keep the joined form as well.
    for compound in _COMPOUND_RE.findall(text):
        words.append("".join(_WORD_RE.findall(compound)))
    return words


def tokens(text: str) -> list[str]:
    """Folded words of `text`, mixed-script words unmixed."""
    out: list[str] = []
    for raw in raw_tokens(text):
        token = fold(raw)
        out.append(unmix(token) if script(token) == "mixed" else token)
    return out


def normalize(text: str) -> str:
    """The folded words of `text` joined by single spaces."""
    return " ".join(tokens(text))


# Function words that carry no topic, already folded. Hand-picked and short on purpose:
# anything a question could hinge on (without, no, not) is a judgement call left to idf.
def _word_list(text: str) -> list[str]:
    # Word lists are kept as wrapped text: one language per paragraph reads better than
    # hundreds of quoted strings.
    return text.split()


STOPWORDS: frozenset[str] = frozenset(
    _word_list(
        """
    и в во не что он на я с со как а то все она так его но да ты к у же вы за бы по только
    ее мне было вот от меня еще о из ему теперь когда даже ну ли если уже или ни быть был
    него до вас нибудь уж вам ведь там потом себя ей может они тут где есть ней для мы
    тебя их чем была сам чтоб чего раз тоже себе под будет ж тогда кто этот того потому
    этого какой какая какие каким какое какую ним здесь этом мой тем чтобы нее сейчас были
    куда зачем всех можно при об хоть над тот через эти нас про всего них моя свою этой
    перед им мои мое моего моей мою нам это эта ваш ваша ваше вашего меня мной нужно надо
    нужен нужна нужны пожалуйста подскажите скажите сделать делать очень много
    расскажи расскажите скажи объясни объясните знаю знать стать стал стала хочу хотим
    хотел могу может можем
    мен сен ол биз сиз олар менин сенин онын бизин сизин маган саган оган бул осы сол мына
    жане бен пен да де та те ма ме ба бе па пе гой деп еди ушин туралы бойынша кандай калай
    кайда кашан неге не ким канша бар жок керек болады бола болса мени сени оны бизге сизге
    жатыр жатырмын жур журмин тур отыр айтшы айтыныз айтынызшы тусиндириниз оте болу
    боламын болдым келеди
    ар ir bet kad kaip kur kas ka kada kodel kiek ne nei i is su be uz apie per pas prie del
    nuo iki po ant mano man mane as tu jis ji mes jus jie jos jo jai jam tai tas ta sis si
    yra buvo bus gal reikia noriu galima galiu mums jums savo labai daug pasakyk
    pasakykite paaiskinkite tapti tampa buti turiu turi
    a an the and or but if of to in on at for from by about as is are was were be been
    being do does did have has had me my mine we our you your he she it its they them their
    this that these those what which who whom how when where why can could should would
    will shall may might must so than too very just there here get got please need want
    im ive id dont doesnt much many more most some any all also only other own same such
    tell know explain say become cant wont isnt arent didnt
    """
    )
)
