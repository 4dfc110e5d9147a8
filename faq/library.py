"""The live knowledge base: content, its search index, and reloads that never break it."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from core.countries import DEFAULT_COUNTRY
from faq import smalltalk
from faq.apart import BuildApartError, build_apart
from faq.model import ContentWarning, KnowledgeBase, Problem, Topic
from faq.rerank import Reranker
from faq.search import Hit, Ranking, SearchIndex, SearchResult
from faq.semantic import Embedder, SemanticIndex, load_embedder
from faq.validate import LabelsFor, check, default_path

log = logging.getLogger(__name__)


class _Unset:
    """No country given: a call written before countries."""


class _Auto:
    """The bundled model if it loads (faq.semantic.load_embedder), else lexical only."""


AUTO = _Auto()


_UNSET = _Unset()


class DefaultCountryIndex(SearchIndex):
    """`library.index`: the full index, except that a call without `country` (written
    before countries, which looks hits up in `library.kb.topics`, Lithuania's view by
    id) never gets a hit of another country: a question about Kazakhstan is then
    "not sure", never Lithuania's topic of the same id. Pass `country` for the full
    behaviour (or use `Library.search`) and resolve hits with `Library.topic`."""

    @classmethod
    def wrap(cls, index: SearchIndex) -> DefaultCountryIndex:
        wrapped = cls(index.kb, index.config, index.scopes)
        wrapped.second = index.second
        return wrapped

    def search(
        self,
        query: str,
        lang: str | None = None,
        limit: int = 3,
        country: str | None | _Unset = _UNSET,
    ) -> SearchResult:
        if not isinstance(country, _Unset):
            return super().search(query, lang, limit, country=country)
        result = super().search(query, lang, limit, country=DEFAULT_COUNTRY)
        if result.country == DEFAULT_COUNTRY and not result.several_countries:
            return result
        hits = tuple(h for h in result.hits if h.country == DEFAULT_COUNTRY)
        return replace(result, confident=False, hits=hits)

    def rank(
        self, query: str, lang: str | None = None, country: str | None | _Unset = _UNSET
    ) -> Ranking:
        if not isinstance(country, _Unset):
            return super().rank(query, lang, country)
        ranking = super().rank(query, lang, DEFAULT_COUNTRY)
        if ranking.country != DEFAULT_COUNTRY:
            return replace(ranking, scored=[])
        return ranking


class Library:
    """Holds one consistent (content, index) pair; a reload swaps both or neither.

    `kb` holds every country's topics; `kb.topics` (by id) is Lithuania's view, as before
    countries. Resolve a search hit with `topic(hit)`: the same id exists in several
    countries. `today` (default: the real date) decides which `valid_until` have passed.
    `build_apart`: build the content and its lexical index in a child process (see
    faq.apart); the meaning model and its vectors stay in this one.
    """

    def __init__(
        self,
        path: str | Path | None = None,
        *,
        labels: LabelsFor | None = None,
        today: Callable[[], date] | None = None,
        withhold_expired: bool = False,
        embedder: Embedder | None | _Auto = AUTO,
        cache_dir: Path | None = None,
        build_apart: bool = False,
    ) -> None:
        self.path = Path(path) if path else default_path()
        self._labels = labels
        self._today = today
        # The bot's choice: on the day a yearly figure expires, keep answering everything
        # else and withhold only that topic (and tell organizers), rather than refuse to
        # start. `python -m faq check` stays strict.
        self._withhold_expired = withhold_expired
        # The meaning model (None: lexical search alone) and where its vectors are kept.
        self._embedder = embedder
        self._cache_dir = cache_dir
        # The bot's choice: content and lexical index are built by a short-lived child
        # process (faq.apart), so the garbage of building (parsed YAML, the stemmers'
        # caches, every term as a string in dicts) never enters this process's heap.
        self._build_apart = build_apart
        self._kb: KnowledgeBase | None = None
        self._index: DefaultCountryIndex | None = None
        # From the last reload, good or refused: for organizers (a figure about to expire).
        self.warnings: list[ContentWarning] = []

    @property
    def kb(self) -> KnowledgeBase:
        if self._kb is None:
            raise RuntimeError("the knowledge base is not loaded")
        return self._kb

    @property
    def index(self) -> DefaultCountryIndex:
        """The search index; see DefaultCountryIndex for calls without `country`."""
        if self._index is None:
            raise RuntimeError("the knowledge base is not loaded")
        return self._index

    def reload(self) -> list[Problem]:
        """Validate the folder; only content without a single problem goes live."""
        started = time.perf_counter()
        today = self._today() if self._today is not None else None
        built: Built | None = None
        if self._build_apart and self._labels is None:
            try:
                built = build_apart(self.path, today, self._withhold_expired, self._cache_dir)
            except BuildApartError as exc:
                log.warning("knowledge base: %s; building it in this process", exc)
        if built is None:
            built = build(self.path, self._labels, today, self._withhold_expired)
        self.warnings = list(built.warnings)
        if built.withheld:
            log.warning("knowledge base: %s topics withheld, their figures expired", built.withheld)
        if built.problems and not built.empty:
            log.warning(
                "knowledge base in %s has %s problems; keeping what is live",
                self.path,
                len(built.problems),
            )
        if built.problems:
            return list(built.problems)
        assert built.kb is not None and built.index is not None
        kb = built.kb
        index = DefaultCountryIndex.wrap(built.index)
        embedder = self.embedder
        if embedder is not None:
            # Every example's vector: from the cache, or embedded now (new or edited).
            semantic = SemanticIndex.build(kb, embedder, self._cache_dir)
            Reranker.build(index, semantic).attach(index)
        self._kb, self._index = kb, index
        log.info(
            "knowledge base: %s topics live, indexed in %.0f ms (%s)",
            len(kb),
            (time.perf_counter() - started) * 1000,
            "lexical and meaning" if embedder is not None else "lexical only",
        )
        return []

    @property
    def embedder(self) -> Embedder | None:
        """The meaning model in use, or None: lexical search alone."""
        if isinstance(self._embedder, _Auto):
            self._embedder = load_embedder()
        return self._embedder

    def search(
        self, text: str, lang: str | None, country: str | None = DEFAULT_COUNTRY, limit: int = 3
    ) -> SearchResult:
        """`index.search` for a person of `country` (`other` or None: another country)."""
        return self.index.search(text, lang, limit, country=country)

    def ask(
        self, text: str, lang: str | None, country: str | None = DEFAULT_COUNTRY, limit: int = 3
    ) -> SearchResult:
        """A message from a person: small talk (`small_talk` set, no hits), or a question
        searched without the greeting or thanks in front of it."""
        reading = smalltalk.read(text)
        if reading.kind is not None:
            return SearchResult(confident=False, hits=(), small_talk=reading.kind.value)
        return self.search(reading.question or text, lang, country, limit)

    def topic(self, hit_or_country: Hit | str, topic_id: str | None = None) -> Topic | None:
        """The topic of a hit, or of (country, id) from a button or a deep link."""
        if isinstance(hit_or_country, Hit):
            return self.kb.topic(hit_or_country.country, hit_or_country.topic_id)
        if topic_id is None:
            raise TypeError("topic(country, topic_id) needs the id")
        return self.kb.topic(hit_or_country, topic_id)

    def counts(self) -> dict[str, int]:
        """Live topics by folder: each known country, then shared."""
        return self.kb.homes()


@dataclass(frozen=True, slots=True)
class Built:
    """What a reload builds before the meaning model: the content and its lexical index
    (None when there are problems), warnings, and how many topics were withheld."""

    kb: KnowledgeBase | None
    index: SearchIndex | None
    problems: tuple[Problem, ...]
    warnings: tuple[ContentWarning, ...]
    withheld: int = 0
    empty: bool = False  # no topic at all (a problem of its own, not logged)


def build(
    path: Path, labels: LabelsFor | None, today: date | None, withhold_expired: bool
) -> Built:
    """Validate the folder and, when it has no problem, index it (lexical stage)."""
    result = check(path, labels=labels, today=today)
    warnings = list(result.warnings)
    kb = result.kb
    problems = list(result.problems)
    withheld = 0
    if problems and withhold_expired and all(p.expired for p in problems):
        withheld = len({p.file for p in problems})
        kb = KnowledgeBase([t for t in result.kb if not _is_stale(t, today)], result.kb.categories)
        warnings += [
            ContentWarning(p.file, p.line, f"{p.message} — withheld from answers") for p in problems
        ]
        problems = []
    if not problems and not len(kb):
        problem = Problem(str(path), 1, "no topic files found")
        return Built(None, None, (problem,), tuple(warnings), withheld, empty=True)
    if problems:
        return Built(None, None, tuple(problems), tuple(warnings), withheld)
    return Built(kb, SearchIndex.build(kb), (), tuple(warnings), withheld)


def _is_stale(topic: Topic, today: date | None) -> bool:
    day = today or date.today()
    return topic.valid_until is not None and topic.valid_until <= day
