"""Read topic files into a KnowledgeBase, naming the file and line of every problem.

YAML is composed, not loaded: every node keeps its line, and with BaseLoader every
scalar stays a string, so `no` or `2026-01-01` never change type behind an editor's back.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from types import MappingProxyType

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from core.languages import LANGUAGES
from faq.model import CATEGORIES, KnowledgeBase, Problem, Source, Topic, TopicText

TOP_KEYS = ("id", "category", "reviewed", "sources", *LANGUAGES)
TEXT_KEYS = ("title", "answer", "keywords", "phrasings")
SOURCE_KEYS = ("url", "name")
MIN_PHRASINGS = 5
MAX_TITLE = 100

_ID_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
# https://host.tld[:port][/path]: no spaces, a dotted host; plain http is refused on purpose.
_URL_RE = re.compile(
    r"https://(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}(?::\d{1,5})?(?:[/?#][^\s<>\"]*)?",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Span:
    """Where a text value starts, so later checks (rendering) can name a line."""

    file: str
    line: int  # 1-based line of the first line of the text
    block: bool  # a `|` block: text line i sits at line + i


@dataclass(frozen=True, slots=True)
class LoadResult:
    kb: KnowledgeBase
    problems: list[Problem]
    # (topic id, lang, field) -> where that text starts
    spans: Mapping[tuple[str, str, str], Span] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems


def is_valid_url(url: str) -> bool:
    return _URL_RE.fullmatch(url) is not None


def topic_files(path: Path) -> list[Path]:
    """The topic files under `path` (a folder, or one file), in a stable order."""
    if path.is_file():
        return [path]
    return sorted(p for p in path.glob("*.yaml") if p.is_file())


def load_kb(path: str | Path, *, today: date | None = None) -> LoadResult:
    """Load every `<id>.yaml` under `path`; structural problems are returned, not raised.

    Topics with problems are still included when they have an id, a category and one
    complete language, so a half-written base can be searched; callers that serve users
    must refuse a result whose `problems` is not empty.
    """
    root = Path(path)
    today = today or date.today()
    problems: list[Problem] = []
    spans: dict[tuple[str, str, str], Span] = {}
    topics: dict[str, Topic] = {}
    seen: dict[str, str] = {}
    if not root.exists():
        return LoadResult(KnowledgeBase(), [Problem(str(root), 0, "no such file or folder")])
    files = topic_files(root)
    if not files:
        problems.append(Problem(str(root), 0, "no topic files (*.yaml) found"))
    for file in files:
        reader = _TopicReader(file, today)
        topic = reader.read()
        problems.extend(reader.problems)
        spans.update(reader.spans)
        if topic is None:
            continue
        if topic.id in seen:
            message = f"duplicate id {topic.id!r} (also in {seen[topic.id]})"
            problems.append(Problem(reader.name, reader.id_line, message))
            continue
        seen[topic.id] = reader.name
        topics[topic.id] = topic
    ordered = dict(sorted(topics.items()))
    return LoadResult(KnowledgeBase(MappingProxyType(ordered)), problems, MappingProxyType(spans))


def _line(node: Node) -> int:
    return node.start_mark.line + 1


def _text_line(node: ScalarNode) -> tuple[int, bool]:
    # A `|` or `>` block starts on the line after its indicator.
    if node.style in ("|", ">"):
        return node.start_mark.line + 2, node.style == "|"
    return node.start_mark.line + 1, False


class _TopicReader:
    """Reads one topic file, collecting problems instead of stopping at the first."""

    def __init__(self, file: Path, today: date) -> None:
        self.file = file
        self.name = str(file)
        self.today = today
        self.problems: list[Problem] = []
        self.spans: dict[tuple[str, str, str], Span] = {}
        self.id_line = 1

    def problem(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.name, line, message))

    def read(self) -> Topic | None:
        try:
            text = self.file.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            self.problem(1, f"not UTF-8 text: {exc.reason}")
            return None
        except OSError as exc:
            self.problem(0, f"cannot read: {exc.strerror}")
            return None
        try:
            root = yaml.compose(text, Loader=yaml.BaseLoader)
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line = mark.line + 1 if mark is not None else 1
            self.problem(line, f"YAML syntax error: {exc.problem or exc.context}")
            return None
        except yaml.YAMLError as exc:
            self.problem(1, f"YAML error: {exc}")
            return None
        if root is None:
            self.problem(1, "empty file")
            return None
        top = self.mapping(root, "the topic", TOP_KEYS)
        if top is None:
            return None
        return self.topic(root, top)

    def mapping(
        self, node: Node, what: str, allowed: tuple[str, ...]
    ) -> dict[str, tuple[Node, Node]] | None:
        if not isinstance(node, MappingNode):
            self.problem(_line(node), f"{what} must be a set of `key: value` lines")
            return None
        found: dict[str, tuple[Node, Node]] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, ScalarNode) else str(key_node.value)
            if key in found:
                self.problem(_line(key_node), f"duplicate key {key!r} in {what}")
                continue
            if key not in allowed:
                self.problem(
                    _line(key_node),
                    f"unknown key {key!r} in {what} (expected: {', '.join(allowed)})",
                )
                continue
            found[key] = (key_node, value_node)
        return found

    def scalar(self, entry: tuple[Node, Node] | None, parent: Node, key: str) -> str | None:
        if entry is None:
            self.problem(_line(parent), f"missing {key}")
            return None
        key_node, value = entry
        if not isinstance(value, ScalarNode):
            self.problem(_line(value), f"{key} must be text")
            return None
        text = value.value.strip()
        if not text:
            self.problem(_line(key_node), f"missing {key} (empty)")
            return None
        return text

    def string_list(self, entry: tuple[Node, Node] | None, parent: Node, key: str) -> list[str]:
        if entry is None:
            self.problem(_line(parent), f"missing {key}")
            return []
        key_node, value = entry
        if not isinstance(value, SequenceNode):
            self.problem(_line(value), f"{key} must be a list ([a, b] or lines starting with -)")
            return []
        items: list[str] = []
        for item in value.value:
            if not isinstance(item, ScalarNode):
                self.problem(_line(item), f"each of {key} must be text")
            elif not item.value.strip():
                self.problem(_line(item), f"empty item in {key}")
            else:
                items.append(item.value.strip())
        if not items:
            self.problem(_line(key_node), f"missing {key} (empty list)")
        return items

    def topic(self, root: Node, top: dict[str, tuple[Node, Node]]) -> Topic | None:
        topic_id = self.scalar(top.get("id"), root, "id")
        if "id" in top:
            self.id_line = _line(top["id"][0])
        if topic_id is not None:
            if not _ID_RE.fullmatch(topic_id):
                self.problem(self.id_line, f"id {topic_id!r} must be lower-case words joined by -")
            if topic_id != self.file.stem:
                self.problem(
                    self.id_line, f"id {topic_id!r} does not match the file name {self.file.name!r}"
                )
        category = self.scalar(top.get("category"), root, "category")
        if category is not None and category not in CATEGORIES:
            self.problem(
                _line(top["category"][1]),
                f"unknown category {category!r} (expected: {', '.join(CATEGORIES)})",
            )
            category = None
        reviewed = self.reviewed(top.get("reviewed"), root)
        sources = self.sources(top.get("sources"), root)
        texts: dict[str, TopicText] = {}
        for lang in LANGUAGES:
            entry = top.get(lang)
            if entry is None:
                self.problem(_line(root), f"missing language {lang!r}")
                continue
            text = self.topic_text(entry, lang, topic_id or self.file.stem)
            if text is not None:
                texts[lang] = text
        if topic_id is None or category is None or not texts:
            return None
        return Topic(
            id=topic_id,
            category=category,
            reviewed=reviewed or date(1970, 1, 1),
            sources=tuple(sources),
            texts=MappingProxyType(texts),
        )

    def reviewed(self, entry: tuple[Node, Node] | None, root: Node) -> date | None:
        raw = self.scalar(entry, root, "reviewed")
        if raw is None or entry is None:
            return None
        line = _line(entry[1])
        if not _DATE_RE.fullmatch(raw):
            self.problem(line, f"reviewed {raw!r} is not a date written YYYY-MM-DD")
            return None
        try:
            value = date.fromisoformat(raw)
        except ValueError:
            self.problem(line, f"reviewed {raw!r} is not a real date")
            return None
        if value > self.today:
            self.problem(line, f"reviewed {raw} is in the future")
        return value

    def sources(self, entry: tuple[Node, Node] | None, root: Node) -> list[Source]:
        if entry is None:
            self.problem(_line(root), "missing sources (at least one official source)")
            return []
        key_node, value = entry
        if not isinstance(value, SequenceNode) or not value.value:
            self.problem(_line(key_node), "sources must list at least one source (- url: …)")
            return []
        found: list[Source] = []
        for node in value.value:
            fields = self.mapping(node, "a source", SOURCE_KEYS)
            if fields is None:
                continue
            url = self.scalar(fields.get("url"), node, "url")
            if url is not None and not is_valid_url(url):
                self.problem(
                    _line(fields["url"][1]),
                    f"source url {url!r} is not a web address of the form https://host/…",
                )
            names = self.source_names(fields.get("name"), node)
            if url is not None:
                found.append(Source(url=url, names=MappingProxyType(names)))
        return found

    def source_names(self, entry: tuple[Node, Node] | None, parent: Node) -> dict[str, str]:
        if entry is None:
            self.problem(_line(parent), "source has no name")
            return {}
        key_node, value = entry
        fields = self.mapping(value, "a source name", LANGUAGES)
        if fields is None:
            return {}
        names: dict[str, str] = {}
        for lang in LANGUAGES:
            if lang not in fields:
                self.problem(_line(value), f"source name missing in {lang!r}")
                continue
            name = self.scalar(fields[lang], value, f"source name in {lang!r}")
            if name is not None:
                names[lang] = name
        return names

    def topic_text(self, entry: tuple[Node, Node], lang: str, topic_id: str) -> TopicText | None:
        key_node, value = entry
        fields = self.mapping(value, f"language {lang!r}", TEXT_KEYS)
        if fields is None:
            return None
        where = value
        title = self.scalar(fields.get("title"), where, f"{lang} title")
        if title is not None and len(title) > MAX_TITLE:
            self.problem(
                _line(fields["title"][1]),
                f"{lang} title is {len(title)} characters long (at most {MAX_TITLE})",
            )
        answer = self.scalar(fields.get("answer"), where, f"{lang} answer")
        if answer is not None:
            node = fields["answer"][1]
            assert isinstance(node, ScalarNode)
            line, block = _text_line(node)
            self.spans[(topic_id, lang, "answer")] = Span(self.name, line, block)
        keywords = self.string_list(fields.get("keywords"), where, f"{lang} keywords")
        phrasings = self.string_list(fields.get("phrasings"), where, f"{lang} phrasings")
        if "phrasings" in fields and 0 < len(phrasings) < MIN_PHRASINGS:
            self.problem(
                _line(fields["phrasings"][0]),
                f"{lang} has {len(phrasings)} phrasings (at least {MIN_PHRASINGS})",
            )
        if title is None or answer is None:
            return None
        # A block scalar keeps its final newline; the rendered answer should not.
        return TopicText(
            title=title,
            answer=fields["answer"][1].value.strip("\n").rstrip(),
            keywords=tuple(keywords),
            phrasings=tuple(phrasings),
        )
