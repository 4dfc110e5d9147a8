"""Greetings, thanks, goodbyes and "are you a bot?": small talk, not questions.

A message is small talk when every word of it belongs to one of these phrases (or to a
few fillers such as "большое", "very much", "бот"); it then gets a short friendly
answer with the menu instead of "not sure" and three random topics. A greeting or a
thank-you in front of a real question ("здравствуйте, работодатель не платит") is
dropped before the question is searched.

Phrases are written as people type them and matched on folded words (faq.normalize), so
Kazakh without its letters and Lithuanian without diacritics match too.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from faq.normalize import tokens


class SmallTalk(StrEnum):
    GREETING = "greeting"
    THANKS = "thanks"
    GOODBYE = "goodbye"
    BOT = "bot"  # are you a bot, who are you, what can you do
    OK = "ok"  # ok, understood


def _phrases(text: str) -> tuple[tuple[str, ...], ...]:
    """One phrase per line; words folded as the query's are."""
    out = []
    for line in text.strip().splitlines():
        words = tuple(tokens(line))
        if words:
            out.append(words)
    return tuple(out)


_PHRASES: dict[SmallTalk, tuple[tuple[str, ...], ...]] = {
    SmallTalk.GREETING: _phrases(
        """
        привет
        приветик
        приветствую
        здравствуйте
        здравствуй
        здрасте
        здрасьте
        здорово
        здарова
        хай
        салют
        добрый день
        добрый вечер
        доброе утро
        доброго дня
        доброй ночи
        салам
        салем
        сәлем
        сәлеметсіз бе
        сәлеметсіздер ме
        сәлеметсіз
        ассалаумағалейкум
        ассаламу алейкум
        салам алейкум
        уағалейкум ассалам
        қайырлы күн
        қайырлы таң
        қайырлы кеш
        армысыз
        hello
        hallo
        hi
        hey
        hiya
        howdy
        greetings
        good morning
        good afternoon
        good evening
        good day
        labas
        labukas
        sveiki
        sveikas
        sveika
        laba diena
        labas rytas
        labas vakaras
        labą dieną
        privet
        zdravstvuyte
        salem
        как дела
        как ты
        как вы
        how are you
        how are you doing
        kaip sekasi
        kaip gyveni
        қалайсыз
        қалайсың
        қалайсыңдар
        қалың қалай
        жағдайың қалай
        жағдай қалай
        жақсымысың
        жақсымысыз
        kalaisyn
        kalaisyz
        qalaisyn
        qalaisyz
        как поживаешь
        как поживаете
        как жизнь
        привіт
        вітаю
        добрий день
        salom
        assalomu alaykum
        """
    ),
    SmallTalk.THANKS: _phrases(
        """
        спасибо
        спасибочки
        спс
        пасиб
        пасибо
        благодарю
        благодарствую
        мерси
        рахмет
        рахмат
        рақмет
        рахмет сізге
        алғыс
        thanks
        thank you
        thankyou
        thank u
        thx
        ty
        tnx
        cheers
        much appreciated
        ačiū
        aciu
        dėkui
        dekui
        dėkoju
        labai ačiū
        spasibo
        rahmet
        помогли
        вы помогли
        ты помог
        you helped
        дякую
        rahmat
        katta rahmat
        """
    ),
    SmallTalk.GOODBYE: _phrases(
        """
        пока
        покеда
        до свидания
        до встречи
        до скорого
        всего доброго
        всего хорошего
        спокойной ночи
        сау бол
        сау болыңыз
        саубол
        көріскенше
        кош бол
        қош бол
        bye
        bye bye
        goodbye
        good bye
        see you
        see ya
        good night
        iki
        viso gero
        sudie
        iki pasimatymo
        labanakt
        до побачення
        xayr
        """
    ),
    SmallTalk.BOT: _phrases(
        """
        ты бот
        вы бот
        это бот
        ты робот
        вы робот
        ты человек
        вы человек
        ты живой
        вы живой
        живой человек
        ты реальный человек
        вы реальный человек
        это живой человек
        я говорю с ботом
        я пишу боту
        ты бот или человек
        сен боттысың ба
        сен ботпысың
        кто ты
        кто вы
        кто это
        ты кто
        вы кто
        что ты умеешь
        что вы умеете
        что ты можешь
        сен ботсың ба
        сіз ботсыз ба
        бот па
        сен бот па
        сіз бот па
        сен робот па
        sen bot pa
        siz bot pa
        bot pa
        сен шын адамсың ба
        сіз шын адамсыз ба
        сен кімсің
        сіз кімсіз
        сен адамсың ба
        сіз адамсыз ба
        адамсың ба
        адамсыз ба
        ботсың ба
        ботсыз ба
        ты человек
        вы человек
        не істей аласың
        кто тебя сделал
        кто тебя создал
        кто тебя придумал
        кто тебя написал
        кто тебя разработал
        кто тебя запустил
        чей ты бот
        чей это бот
        сені кім жасады
        сені кім жасаған
        сені кім ойлап тапты
        сізді кім жасады
        кімнің ботысың
        who made you
        who created you
        who built you
        who made this bot
        who runs this bot
        who is behind this bot
        kas tave sukūrė
        kas tave padarė
        kieno tu botas
        are you a bot
        are you bot
        are you a robot
        are you human
        are you a human
        are you a person
        are you a real person
        are you a real human
        is this a real person
        am i talking to a bot
        am i talking to a human
        are you real
        is this a bot
        who are you
        what are you
        what can you do
        ar tu botas
        ar tu robotas
        ar tu žmogus
        ar jūs žmogus
        ar tu tikras žmogus
        ar čia tikras žmogus
        ar tai botas
        kas tu
        kas tu esi
        kas jūs
        ką tu moki
        ką gali
        """
    ),
    SmallTalk.OK: _phrases(
        """
        ок
        окей
        оке
        хорошо
        понятно
        ясно
        понял
        поняла
        ладно
        супер
        отлично
        класс
        ok
        okay
        okey
        k
        got it
        understood
        great
        cool
        nice
        fine
        gerai
        supratau
        aišku
        puiku
        жақсы
        түсіндім
        түсінікті
        керемет
        жарайды
        """
    ),
}

# Words that may stand beside small talk without making it a question.
_FILLERS = frozenset(
    tokens(
        """
        бот jol жол друг дружище дорогой дорогая ребята всем вам тебе тебя ещё еще раз
        большое огромное очень всё все и а да нет ну так же бро или за помощь ответ
        so much very you a lot there all everyone dear and again bro guys friend or for
        the help your answer
        labai jums tau dar visiems už pagalbą atsakymą ar
        көп үлкен сізге саған бәріне көмегіңіз үшін көмек жауап әлде көмектестіңіз
        көмектестің көмектескеніңіз помогла выручили helped you've
        padėjote padėjai
        """
    )
)
_MAX_WORDS = 8
# Phrases matched longest first, so "добрый день" is not "добрый" + an unknown word.
_BY_LENGTH = sorted(
    ((words, kind) for kind, phrases in _PHRASES.items() for words in phrases),
    key=lambda item: -len(item[0]),
)
# What may be dropped in front of a question (not "пока", which also means "while").
_PREFIXES = (SmallTalk.GREETING, SmallTalk.THANKS)


@dataclass(frozen=True, slots=True)
class Reading:
    """The small talk at the start of a message, and the question after it, if any."""

    kind: SmallTalk | None  # the whole message is small talk of this kind
    question: str  # the words left to search ("" when it was all small talk)


def _match(words: list[str], start: int) -> tuple[int, SmallTalk] | None:
    for phrase, kind in _BY_LENGTH:
        end = start + len(phrase)
        if tuple(words[start:end]) == phrase:
            return end, kind
    return None


def read(text: str) -> Reading:
    """Whether `text` is small talk, and what is left of it to search."""
    words = tokens(text)
    if not words:
        return Reading(None, text)
    kinds: list[SmallTalk] = []
    i = 0
    leading_end = 0  # words of greetings and thanks before anything else
    leading = True
    while i < len(words):
        found = _match(words, i)
        if found is not None:
            i, kind = found
            kinds.append(kind)
            if leading and kind in _PREFIXES:
                leading_end = i
            elif leading:
                leading = False
            continue
        if words[i] in _FILLERS:
            i += 1
            if leading and kinds:
                leading_end = i
            continue
        break
    if i >= len(words) and kinds and len(words) <= _MAX_WORDS:
        # "спасибо, пока": the last word says where the conversation is going.
        return Reading(_main_kind(kinds), "")
    if leading_end and kinds:
        rest = _after_words(text, leading_end)
        return Reading(None, rest)
    return Reading(None, text)


def _main_kind(kinds: list[SmallTalk]) -> SmallTalk:
    for kind in (SmallTalk.BOT, SmallTalk.GOODBYE, SmallTalk.THANKS, SmallTalk.GREETING):
        if kind in kinds:
            return kind
    return kinds[-1]


def _after_words(text: str, count: int) -> str:
    """`text` after its first `count` words (as faq.normalize counts them)."""
    seen = 0
    pieces = text.split()
    for n, piece in enumerate(pieces):
        seen += len(tokens(piece))
        if seen >= count:
            return " ".join(pieces[n + 1 :])
    return ""
