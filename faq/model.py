"""The knowledge base as immutable values: topics, their texts in each language, sources."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType

from core.countries import COUNTRIES, DEFAULT_COUNTRY, OTHER

# The order of the browsing menu; a deployment's content must use these ids.
CATEGORIES: tuple[str, ...] = (
    "documents",
    "work",
    "money",
    "health",
    "education",
    "rights",
    "daily-life",
    "help",
)
# The folder of topics shared by several countries (each lists them in `countries:`).
SHARED = "shared"


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with the content, at a place an editor can open."""

    file: str
    line: int
    message: str
    # A `valid_until` that has passed: the topic is sound but its figures are stale.
    expired: bool = False

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


@dataclass(frozen=True, slots=True)
class ContentWarning:
    """Something an editor should act on soon, which does not stop the content loading
    (a yearly figure about to expire). Not a Problem: `check` passes with warnings."""

    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: warning: {self.message}"


@dataclass(frozen=True, slots=True)
class Source:
    url: str
    names: Mapping[str, str]

    def name(self, lang: str) -> str:
        return self.names.get(lang) or self.names.get("en") or self.url


@dataclass(frozen=True, slots=True)
class TopicText:
    title: str
    answer: str
    keywords: tuple[str, ...]
    phrasings: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Topic:
    id: str
    category: str
    reviewed: date
    sources: tuple[Source, ...]
    texts: Mapping[str, TopicText]
    # The countries whose people this topic answers: one for a topic in a country's
    # folder, those listed in `countries:` for a shared one.
    countries: frozenset[str] = frozenset({DEFAULT_COUNTRY})
    shared: bool = False  # from shared/: facts that are the same in several countries
    valid_until: date | None = None  # a yearly figure stops being current on this day
    # For people who may be in danger (trafficking, violence, a crisis): never left
    # behind a near tie with another topic's confident answer (faq.search).
    safety: bool = False

    def text(self, lang: str) -> TopicText:
        """The text in `lang`, or English when a partial topic lacks it."""
        return self.texts.get(lang) or self.texts.get("en") or next(iter(self.texts.values()))

    @property
    def home(self) -> str:
        """The folder the topic lives in: its country's code, or `shared`."""
        return SHARED if self.shared else min(self.countries)

    @property
    def key(self) -> tuple[str, str]:
        """(home, id): unique in a knowledge base; the same id may exist in several countries."""
        return (self.home, self.id)

    def answers(self, country: str) -> bool:
        """Whether this topic may answer a person of `country` (`other`: shared topics)."""
        return country in self.countries or (self.shared and country == OTHER)


class KnowledgeBase:
    """Every topic of every country, and each country's view of them.

    `topics` (and `get`, `topics_in`, iteration order of a view) is the view of one
    country, by id: that country's own topics and the shared topics that list it. A base
    built from a plain `{id: topic}` mapping (a flat folder) is all Lithuanian.
    """

    __slots__ = ("_all", "_views", "categories", "country", "topics")

    def __init__(
        self,
        topics: Mapping[str, Topic] | Iterable[Topic] = (),
        categories: tuple[str, ...] = CATEGORIES,
        *,
        country: str = DEFAULT_COUNTRY,
    ) -> None:
        values = list(topics.values()) if isinstance(topics, Mapping) else list(topics)
        self._all: tuple[Topic, ...] = tuple(sorted(values, key=lambda t: (t.home, t.id)))
        self.categories = categories
        self.country = country
        self._views: dict[str, KnowledgeBase] = {}
        self.topics: Mapping[str, Topic] = self._view_topics(country)

    def _view_topics(self, country: str) -> Mapping[str, Topic]:
        found: dict[str, Topic] = {}
        # A country's own topic wins over a shared one of the same id (check reports it).
        for topic in sorted(self._all, key=lambda t: (t.shared, t.id)):
            if topic.answers(country) and topic.id not in found:
                found[topic.id] = topic
        return MappingProxyType(dict(sorted(found.items())))

    def __len__(self) -> int:
        """The number of topics of all countries (topic files)."""
        return len(self._all)

    def __iter__(self) -> Iterator[Topic]:
        """Every topic of every country, by (home, id)."""
        return iter(self._all)

    def get(self, topic_id: str) -> Topic | None:
        return self.topics.get(topic_id)

    def topics_in(self, category: str) -> tuple[Topic, ...]:
        """Topics of a category in file-name order, for a stable menu."""
        return tuple(t for t in self.topics.values() if t.category == category)

    def view(self, country: str) -> KnowledgeBase:
        """The knowledge base as a person of `country` sees it (`other`: shared topics)."""
        if country == self.country:
            return self
        found = self._views.get(country)
        if found is None:
            found = KnowledgeBase(
                [t for t in self._all if t.answers(country)], self.categories, country=country
            )
            self._views[country] = found
        return found

    def topic(self, country: str, topic_id: str) -> Topic | None:
        """The topic `topic_id` as it answers a person of `country`, if it does."""
        return self.view(country).topics.get(topic_id)

    def homes(self) -> dict[str, int]:
        """Topic counts by folder: every known country (0 when it has none), then shared."""
        counts: dict[str, int] = {country: 0 for country in COUNTRIES}
        for topic in self._all:
            counts[topic.home] = counts.get(topic.home, 0) + 1
        counts.setdefault(SHARED, 0)
        return counts
