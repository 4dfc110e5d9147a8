"""The knowledge base as immutable values: topics, their texts in each language, sources."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date

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


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with the content, at a place an editor can open."""

    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


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

    def text(self, lang: str) -> TopicText:
        """The text in `lang`, or English when a partial topic lacks it."""
        return self.texts.get(lang) or self.texts.get("en") or next(iter(self.texts.values()))


@dataclass(frozen=True, slots=True)
class KnowledgeBase:
    topics: Mapping[str, Topic] = field(default_factory=dict)
    categories: tuple[str, ...] = CATEGORIES

    def __len__(self) -> int:
        return len(self.topics)

    def __iter__(self) -> Iterator[Topic]:
        return iter(self.topics.values())

    def get(self, topic_id: str) -> Topic | None:
        return self.topics.get(topic_id)

    def topics_in(self, category: str) -> tuple[Topic, ...]:
        """Topics of a category in file-name order, for a stable menu."""
        return tuple(t for t in self.topics.values() if t.category == category)
