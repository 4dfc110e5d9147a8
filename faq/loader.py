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

from core.countries import COUNTRIES, DEFAULT_COUNTRY, country_name, required_languages
from core.languages import LANGUAGES, Language
from faq.model import (
    CATEGORIES,
    SHARED,
    ContentWarning,
    KnowledgeBase,
    Problem,
    Source,
    Topic,
    TopicText,
)

TOP_KEYS = (
    "id",
    "category",
    "reviewed",
    "valid_until",
    "countries",
    "safety",
    "sources",
    *LANGUAGES,
)
TEXT_KEYS = ("title", "answer", "keywords", "phrasings")
SOURCE_KEYS = ("url", "name")
MIN_PHRASINGS = 5
MAX_TITLE = 100
# A yearly figure is flagged this many days before its `valid_until`, then refused.
EXPIRY_NOTICE_DAYS = 30

# The starter set every Lithuanian content folder must have (docs: shared/kb-topics.md).
REQUIRED_TOPICS: dict[str, tuple[str, ...]] = {
    "lt": (
        "temporary-residence-permit",
        "permanent-residence",
        "national-visa",
        "declare-residence",
        "family-reunification",
        "citizenship",
        "lost-documents",
        "document-legalisation",
        "work-permit",
        "change-employer",
        "job-loss",
        "employment-contract",
        "minimum-wage-and-hours",
        "unpaid-wages",
        "workplace-accident",
        "self-employment",
        "taxes",
        "social-insurance",
        "bank-account",
        "health-insurance",
        "emergency-medical",
        "lithuanian-courses",
        "school-for-children",
        "diploma-recognition",
        "library-services",
        "discrimination",
        "human-trafficking",
        "police-and-emergency",
        "free-legal-aid",
        "asylum",
        "voluntary-return",
        "housing-rent",
        "driving-licence",
        "ngo-contacts",
    ),
}

# A topic id: lower-case words joined by - (also what a deep link may name, faq.links).
TOPIC_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_ID_RE = TOPIC_ID
_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
# A folder named like a country code is meant as one, known or not.
_CODE_RE = re.compile(r"[a-z]{2}")
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
    # (topic home, topic id, lang, field) -> where that text starts
    spans: Mapping[tuple[str, str, str, str], Span] = field(default_factory=dict)
    # Things to fix soon that do not stop the content loading (a figure about to expire).
    warnings: list[ContentWarning] = field(default_factory=list)
    # "countries" (lt/, lv/, kz/, shared/ folders) or "flat" (one folder, all Lithuanian)
    layout: str = "countries"

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


@dataclass(frozen=True, slots=True)
class Layout:
    """Where the topics of each home (a country code or `shared`) are."""

    folders: tuple[tuple[str, Path], ...]
    flat: bool
    problems: tuple[Problem, ...] = ()


def content_layout(root: Path) -> Layout:
    """A root with country folders (lt/, lv/, kz/, shared/); or one of those folders
    alone, read as that country's; or any other flat folder (or one file), read as
    Lithuanian so that old deployments keep working."""
    if root.is_file():
        return Layout(((DEFAULT_COUNTRY, root),), flat=True)
    subfolders = sorted(
        p for p in root.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))
    )
    homes = (*COUNTRIES, SHARED)
    countries_layout = any(
        p.name in homes or (_CODE_RE.fullmatch(p.name) and topic_files(p)) for p in subfolders
    )
    if not countries_layout:
        if root.name in homes:
            # KB_PATH=faq/content/kz: one country's folder, read as that country's.
            return Layout(((root.name, root),), flat=False)
        return Layout(((DEFAULT_COUNTRY, root),), flat=True)
    problems: list[Problem] = []
    folders: list[tuple[str, Path]] = []
    for folder in subfolders:
        if folder.name in homes:
            folders.append((folder.name, folder))
        else:
            problems.append(
                Problem(
                    str(folder),
                    0,
                    f"unknown country folder {folder.name!r} "
                    f"(expected: {', '.join(f'{h}/' for h in homes)})",
                )
            )
    for stray in topic_files(root):
        problems.append(
            Problem(
                str(stray),
                0,
                "a topic file belongs in a country folder "
                f"({', '.join(f'{c}/' for c in COUNTRIES)}) or in {SHARED}/",
            )
        )
    # Countries first in the one list's order, then shared.
    folders.sort(key=lambda item: homes.index(item[0]))
    return Layout(tuple(folders), flat=False, problems=tuple(problems))


def load_kb(path: str | Path, *, today: date | None = None) -> LoadResult:
    """Load every `<id>.yaml` under `path`; structural problems are returned, not raised.

    `path` is the content root (one folder per country, and shared/), or a flat folder
    of Lithuanian topics, or one topic file. `today` decides what is in the future and
    what has expired. Topics with problems are still included when they have an id, a
    category and one complete language, so a half-written base can be searched; callers
    that serve users must refuse a result whose `problems` is not empty.
    """
    root = Path(path)
    today = today or date.today()
    problems: list[Problem] = []
    warnings: list[ContentWarning] = []
    spans: dict[tuple[str, str, str, str], Span] = {}
    topics: list[Topic] = []
    if not root.exists():
        return LoadResult(KnowledgeBase(), [Problem(str(root), 0, "no such file or folder")])
    layout = content_layout(root)
    problems.extend(layout.problems)
    seen: dict[tuple[str, str], str] = {}  # (home, id) -> file
    ids_by_home: dict[str, set[str]] = {}
    files = 0
    for home, folder in layout.folders:
        ids = ids_by_home.setdefault(home, set())
        for file in topic_files(folder):
            files += 1
            reader = _TopicReader(file, today, home, flat=layout.flat)
            topic = reader.read()
            problems.extend(reader.problems)
            warnings.extend(reader.warnings)
            spans.update(reader.spans)
            if topic is None:
                continue
            if topic.key in seen:
                message = f"duplicate id {topic.id!r} (also in {seen[topic.key]})"
                problems.append(Problem(reader.name, reader.id_line, message))
                continue
            seen[topic.key] = reader.name
            ids.add(topic.id)
            topics.append(topic)
    if not files:
        problems.append(Problem(str(root), 0, "no topic files (*.yaml) found"))
    problems.extend(_shared_clashes(topics, seen))
    if not layout.flat:
        for home, folder in layout.folders:
            for topic_id in REQUIRED_TOPICS.get(home, ()):
                if topic_id not in ids_by_home.get(home, set()):
                    problems.append(
                        Problem(
                            str(folder),
                            0,
                            f"missing required topic {topic_id!r} "
                            f"({topic_id}.yaml; every {country_name(home, 'en')} base has it)",
                        )
                    )
    return LoadResult(
        KnowledgeBase(topics),
        problems,
        MappingProxyType(spans),
        warnings,
        "flat" if layout.flat else "countries",
    )


def _shared_clashes(topics: list[Topic], seen: dict[tuple[str, str], str]) -> list[Problem]:
    """A shared topic may not take the id of a topic of a country it lists: a person of
    that country would have two answers under one id."""
    found: list[Problem] = []
    for topic in topics:
        if not topic.shared:
            continue
        for country in sorted(topic.countries):
            own = seen.get((country, topic.id))
            if own is not None:
                found.append(
                    Problem(
                        seen[topic.key],
                        1,
                        f"shared topic {topic.id!r} lists {country!r}, which has its own "
                        f"topic of that id ({own}); rename one or drop {country!r}",
                    )
                )
    return found


# libyaml's composer when PyYAML was built with it: the same nodes, lines and columns
# (tests/faq/test_loader.py compares them on every shipped file), about 13 times faster
# than the Python one, whose work was most of a knowledge-base build.
_FAST_LOADER = getattr(yaml, "CBaseLoader", None)


def compose(text: str) -> Node | None:
    """The file's node tree (scalars all strings). A file libyaml refuses is composed
    again by the Python composer, so that a problem is told in its words and at its
    line, as editors have always seen it."""
    if _FAST_LOADER is not None:
        try:
            return yaml.compose(text, Loader=_FAST_LOADER)
        except yaml.YAMLError:
            pass
    return yaml.compose(text, Loader=yaml.BaseLoader)


def _line(node: Node) -> int:
    return node.start_mark.line + 1


def _text_line(node: ScalarNode) -> tuple[int, bool]:
    # A `|` or `>` block starts on the line after its indicator.
    if node.style in ("|", ">"):
        return node.start_mark.line + 2, node.style == "|"
    return node.start_mark.line + 1, False


class _TopicReader:
    """Reads one topic file, collecting problems instead of stopping at the first."""

    def __init__(self, file: Path, today: date, home: str, *, flat: bool = False) -> None:
        self.file = file
        self.name = str(file)
        self.today = today
        self.home = home
        self.flat = flat
        self.problems: list[Problem] = []
        self.warnings: list[ContentWarning] = []
        self.spans: dict[tuple[str, str, str, str], Span] = {}
        self.id_line = 1
        self.required: tuple[Language, ...] = LANGUAGES

    def problem(self, line: int, message: str, *, expired: bool = False) -> None:
        self.problems.append(Problem(self.name, line, message, expired=expired))

    def warning(self, line: int, message: str) -> None:
        self.warnings.append(ContentWarning(self.name, line, message))

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
            root = compose(text)
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
        text = str(value.value).strip()
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
        countries = self.countries(top.get("countries"), root)
        self.required = self.required_languages(countries)
        reviewed = self.reviewed(top.get("reviewed"), root)
        valid_until = self.valid_until(top.get("valid_until"), root)
        safety = self.flag(top.get("safety"), "safety")
        sources = self.sources(top.get("sources"), root)
        texts: dict[str, TopicText] = {}
        for lang in LANGUAGES:
            entry = top.get(lang)
            if entry is None:
                if lang in self.required:
                    self.problem(_line(root), self.missing_language(lang))
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
            countries=countries,
            shared=self.home == SHARED,
            valid_until=valid_until,
            safety=safety,
        )

    def required_languages(self, countries: frozenset[str]) -> tuple[Language, ...]:
        """A country's topic needs that country's languages; a shared one, those of
        every country it lists."""
        homes = countries if self.home == SHARED else {self.home}
        needed = {lang for country in homes for lang in required_languages(country)}
        return tuple(lang for lang in LANGUAGES if lang in needed) or LANGUAGES

    def missing_language(self, lang: str) -> str:
        if self.flat:
            return f"missing language {lang!r}"
        if self.home == SHARED:
            return f"missing language {lang!r} (required by the countries this topic lists)"
        return (
            f"missing language {lang!r} "
            f"({country_name(self.home, 'en')}: {', '.join(self.required)} are required)"
        )

    def countries(self, entry: tuple[Node, Node] | None, root: Node) -> frozenset[str]:
        """A shared topic lists its countries; a country folder's topic is that country's."""
        if self.home != SHARED:
            if entry is not None:
                self.problem(
                    _line(entry[0]),
                    f"countries: is for topics in {SHARED}/ only; a topic in "
                    f"{self.home}/ belongs to {country_name(self.home, 'en')}",
                )
            return frozenset({self.home})
        if entry is None:
            self.problem(
                _line(root),
                "missing countries (a shared topic lists the countries its facts are "
                f"true for, e.g. countries: [{', '.join(COUNTRIES[:2])}])",
            )
            return frozenset()
        key_node, value = entry
        if not isinstance(value, SequenceNode):
            self.problem(_line(value), "countries must be a list, e.g. [lt, lv]")
            return frozenset()
        found: set[str] = set()
        for item in value.value:
            code = item.value.strip() if isinstance(item, ScalarNode) else ""
            if code not in COUNTRIES:
                self.problem(
                    _line(item),
                    f"unknown country {code or item.value!r} in countries "
                    f"(expected: {', '.join(COUNTRIES)})",
                )
            elif code in found:
                self.problem(_line(item), f"country {code!r} listed twice")
            else:
                found.add(code)
        if not value.value:
            self.problem(_line(key_node), "missing countries (empty list)")
        return frozenset(found)

    def date_value(self, entry: tuple[Node, Node] | None, root: Node, key: str) -> date | None:
        raw = self.scalar(entry, root, key)
        if raw is None or entry is None:
            return None
        line = _line(entry[1])
        if not _DATE_RE.fullmatch(raw):
            self.problem(line, f"{key} {raw!r} is not a date written YYYY-MM-DD")
            return None
        try:
            return date.fromisoformat(raw)
        except ValueError:
            self.problem(line, f"{key} {raw!r} is not a real date")
            return None

    def reviewed(self, entry: tuple[Node, Node] | None, root: Node) -> date | None:
        value = self.date_value(entry, root, "reviewed")
        if value is not None and entry is not None and value > self.today:
            self.problem(_line(entry[1]), f"reviewed {value.isoformat()} is in the future")
        return value

    def flag(self, entry: tuple[Node, Node] | None, key: str) -> bool:
        """Optional yes/no (YAML's true/false too); absent is no."""
        if entry is None:
            return False
        _, value = entry
        text = str(value.value).strip().lower() if isinstance(value, ScalarNode) else ""
        if text in ("yes", "true"):
            return True
        if text not in ("no", "false"):
            self.problem(_line(value), f"{key} must be yes or no")
        return False

    def valid_until(self, entry: tuple[Node, Node] | None, root: Node) -> date | None:
        """Optional: the day a yearly figure stops being current. Warned about
        EXPIRY_NOTICE_DAYS before, refused from that day on."""
        if entry is None:
            return None
        value = self.date_value(entry, root, "valid_until")
        if value is None:
            return None
        line = _line(entry[1])
        left = (value - self.today).days
        if left <= 0:
            self.problem(
                line,
                f"valid_until {value.isoformat()} has passed: update the figures "
                "and the date (or remove the topic)",
                expired=True,
            )
        elif left <= EXPIRY_NOTICE_DAYS:
            self.warning(
                line,
                f"valid_until {value.isoformat()} is in {left} day(s): check the figures "
                "and set the next date",
            )
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
                if lang in self.required:
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
            self.spans[(self.home, topic_id, lang, "answer")] = Span(self.name, line, block)
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
