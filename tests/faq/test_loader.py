"""The loader and the checker name the file and line of each problem."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

import faq
from core.languages import LANGUAGES
from faq import loader
from faq.loader import load_kb
from faq.model import CATEGORIES
from faq.render import AnswerLabels
from faq.validate import check, default_path

TODAY = date(2026, 11, 23)


def topic_yaml(topic_id: str = "unpaid-wages", *, answer: str = "Ask the inspectorate.") -> str:
    """A valid topic file; line numbers below are counted in this text."""
    lines = [
        f"id: {topic_id}",  # 1
        "category: work",  # 2
        "reviewed: 2026-11-01",  # 3
        "sources:",  # 4
        "  - url: https://vdi.lrv.lt/en",  # 5
        "    name:",  # 6
        "      en: State Labour Inspectorate",  # 7
        "      ru: Инспекция труда",  # 8
        "      lt: Valstybinė darbo inspekcija",  # 9
        "      kk: Еңбек инспекциясы",  # 10
    ]
    for lang in LANGUAGES:  # each language block is 11 lines, ru starts at line 11
        lines += [
            f"{lang}:",
            f"  title: Title in {lang}",
            "  answer: |",
            *[f"    {line}" for line in answer.splitlines()],
            "  keywords: [salary, wages]",
            "  phrasings:",
            *[f"    - phrasing {n} in {lang}" for n in range(5)],
        ]
    return "\n".join(lines) + "\n"


def labels(_topic: object, _lang: str) -> AnswerLabels:
    return AnswerLabels("Sources", "Last checked: 01.11.2026", "General information only.")


def run_check(folder: Path) -> list[str]:
    return [str(p) for p in check(folder, labels=labels, today=TODAY).problems]


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_valid_topic_loads(tmp_path: Path) -> None:
    write(tmp_path, "unpaid-wages.yaml", topic_yaml())
    result = load_kb(tmp_path, today=TODAY)
    assert result.problems == []
    topic = result.kb.topics["unpaid-wages"]
    assert topic.category == "work"
    assert topic.reviewed == date(2026, 11, 1)
    assert topic.sources[0].url == "https://vdi.lrv.lt/en"
    assert topic.sources[0].names["kk"] == "Еңбек инспекциясы"
    assert set(topic.texts) == set(LANGUAGES)
    assert topic.texts["lt"].keywords == ("salary", "wages")
    assert len(topic.texts["en"].phrasings) == 5
    assert result.kb.topics_in("work") == (topic,)
    assert result.kb.categories == CATEGORIES


def test_every_scalar_stays_text(tmp_path: Path) -> None:
    # With YAML 1.1 types, `no` would become False and the date a date object.
    text = topic_yaml().replace("title: Title in en", "title: no")
    write(tmp_path, "unpaid-wages.yaml", text)
    result = load_kb(tmp_path, today=TODAY)
    assert result.kb.topics["unpaid-wages"].texts["en"].title == "no"


def test_yaml_syntax_error_names_its_line(tmp_path: Path) -> None:
    text = topic_yaml().replace("  title: Title in lt", "  title: Title: in lt")
    path = write(tmp_path, "unpaid-wages.yaml", text)
    line = text.splitlines().index("  title: Title: in lt") + 1
    assert run_check(tmp_path) == [
        f"{path}:{line}: YAML syntax error: mapping values are not allowed here"
    ]


def test_missing_language(tmp_path: Path) -> None:
    text = topic_yaml()
    lines = text.splitlines()
    start = lines.index("kk:")
    del lines[start : start + 11]
    path = write(tmp_path, "unpaid-wages.yaml", "\n".join(lines) + "\n")
    assert run_check(tmp_path) == [f"{path}:1: missing language 'kk'"]


def test_duplicate_id(tmp_path: Path) -> None:
    first = write(tmp_path, "a-topic.yaml", topic_yaml("a-topic"))
    second = write(tmp_path, "b-topic.yaml", topic_yaml("a-topic"))
    assert run_check(tmp_path) == [
        f"{second}:1: duplicate id 'a-topic' (also in {first})",
        f"{second}:1: id 'a-topic' does not match the file name 'b-topic.yaml'",
    ]


@pytest.mark.parametrize(
    "url",
    ["http://vdi.lrv.lt", "https://vdi lrv.lt/x", "https:///path", "vdi.lrv.lt", "https://vdi"],
)
def test_bad_source_url(tmp_path: Path, url: str) -> None:
    path = write(tmp_path, "unpaid-wages.yaml", topic_yaml().replace("https://vdi.lrv.lt/en", url))
    assert run_check(tmp_path) == [
        f"{path}:5: source url {url!r} is not a web address of the form https://host/…"
    ]


def test_source_name_missing_a_language(tmp_path: Path) -> None:
    text = topic_yaml().replace("      lt: Valstybinė darbo inspekcija\n", "")
    path = write(tmp_path, "unpaid-wages.yaml", text)
    assert run_check(tmp_path) == [f"{path}:7: source name missing in 'lt'"]


def test_review_date_in_the_future(tmp_path: Path) -> None:
    path = write(tmp_path, "unpaid-wages.yaml", topic_yaml().replace("2026-11-01", "2026-12-01"))
    assert run_check(tmp_path) == [f"{path}:3: reviewed 2026-12-01 is in the future"]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("1.11.2026", "reviewed '1.11.2026' is not a date written YYYY-MM-DD"),
        ("2026-02-30", "reviewed '2026-02-30' is not a real date"),
    ],
)
def test_review_date_format(tmp_path: Path, value: str, message: str) -> None:
    path = write(tmp_path, "unpaid-wages.yaml", topic_yaml().replace("2026-11-01", value))
    assert run_check(tmp_path) == [f"{path}:3: {message}"]


def test_too_long_answer_paragraph(tmp_path: Path) -> None:
    answer = "First paragraph.\n\n" + "word " * 1000
    text = topic_yaml(answer=answer)
    path = write(tmp_path, "unpaid-wages.yaml", text)
    # The long paragraph is the third line of each answer block (after a blank line).
    lines = [n for n, line in enumerate(text.splitlines(), 1) if line.startswith("    word")]
    assert run_check(tmp_path) == [
        f"{path}:{line}: {lang} answer: a paragraph of 4999 characters (after HTML escaping) "
        "does not fit one Telegram message (4096); add blank lines"
        for line, lang in zip(lines, LANGUAGES, strict=True)
    ]


def test_long_answer_in_short_paragraphs_is_fine(tmp_path: Path) -> None:
    answer = "\n\n".join(["A sentence of a paragraph. " * 30] * 10)
    write(tmp_path, "unpaid-wages.yaml", topic_yaml(answer=answer))
    assert run_check(tmp_path) == []


def test_unpaired_bold(tmp_path: Path) -> None:
    text = topic_yaml(answer="Line one.\n**Bold** and **not closed")
    path = write(tmp_path, "unpaid-wages.yaml", text)
    lines = [n for n, line in enumerate(text.splitlines(), 1) if "not closed" in line]
    assert run_check(tmp_path) == [
        f"{path}:{line}: {lang} answer: unpaired ** (bold must open and close on the same line)"
        for line, lang in zip(lines, LANGUAGES, strict=True)
    ]


def test_html_like_text_is_fine(tmp_path: Path) -> None:
    write(tmp_path, "unpaid-wages.yaml", topic_yaml(answer="Use <b> & <script> freely."))
    assert run_check(tmp_path) == []


def test_few_phrasings_long_title_unknown_key_and_category(tmp_path: Path) -> None:
    text = (
        topic_yaml()
        .replace("category: work", "category: jobs")
        .replace("    - phrasing 4 in ru\n", "")
        .replace("title: Title in en", "title: " + "T" * 101)
        .replace("reviewed: 2026-11-01", "reviewed: 2026-11-01\nauthor: me")
    )
    path = write(tmp_path, "unpaid-wages.yaml", text)
    lines = text.splitlines()
    ru_phrasings = lines.index("ru:") + 1 + lines[lines.index("ru:") :].index("  phrasings:")
    en_title = lines.index("  title: " + "T" * 101) + 1
    expected = [
        f"{path}:2: unknown category 'jobs' (expected: {', '.join(CATEGORIES)})",
        f"{path}:4: unknown key 'author' in the topic (expected: id, category, reviewed, "
        "valid_until, countries, safety, sources, ru, kk, lt, en)",
        f"{path}:{ru_phrasings}: ru has 4 phrasings (at least 5)",
        f"{path}:{en_title}: en title is 101 characters long (at most 100)",
    ]
    assert run_check(tmp_path) == expected


def test_missing_sources_and_keywords(tmp_path: Path) -> None:
    lines = topic_yaml().splitlines()
    del lines[3:10]  # the sources block
    lines.remove("  keywords: [salary, wages]")  # the first one: Russian
    path = write(tmp_path, "unpaid-wages.yaml", "\n".join(lines) + "\n")
    assert lines[3] == "ru:"
    assert run_check(tmp_path) == [
        f"{path}:1: missing sources (at least one official source)",
        f"{path}:5: missing ru keywords",
    ]


def test_empty_folder_and_missing_path(tmp_path: Path) -> None:
    assert run_check(tmp_path) == [f"{tmp_path}:0: no topic files (*.yaml) found"]
    missing = tmp_path / "nope"
    assert run_check(missing) == [f"{missing}:0: no such file or folder"]


def test_shipped_content_passes() -> None:
    content = Path(faq.__file__).with_name("content")
    result = check(content, labels=labels)
    assert [str(p) for p in result.problems] == []
    assert len(result.kb) >= 34
    for category in CATEGORIES:
        assert result.kb.topics_in(category), category


def _nodes(node: Any, out: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    value = node.value if isinstance(node.value, str) else None
    style = getattr(node, "style", None) or ""  # plain: None in Python, "" in libyaml
    out.append((type(node).__name__, node.tag, node.start_mark.line, node.start_mark.column,
                style, value))  # fmt: skip
    if isinstance(node.value, list):
        for item in node.value:
            for child in item if isinstance(item, tuple) else (item,):
                _nodes(child, out)
    return out


@pytest.mark.skipif(loader._FAST_LOADER is None, reason="PyYAML without libyaml")
def test_libyaml_composes_every_shipped_file_as_the_python_composer_does() -> None:
    files = sorted(default_path().rglob("*.yaml"))
    assert len(files) > 50
    for file in files:
        text = file.read_text(encoding="utf-8")
        fast = _nodes(yaml.compose(text, Loader=yaml.CBaseLoader), [])
        slow = _nodes(yaml.compose(text, Loader=yaml.BaseLoader), [])
        assert fast == slow, file


def test_a_file_libyaml_refuses_is_told_in_the_python_composers_words() -> None:
    with pytest.raises(yaml.MarkedYAMLError) as caught:
        loader.compose("id: x\ntitle: a: b\n")
    assert caught.value.problem == "mapping values are not allowed here"
    mark = caught.value.problem_mark
    assert mark is not None and mark.line == 1


def test_safety_is_yes_or_no(tmp_path: Path) -> None:
    """`safety: yes` marks a topic for people in danger; absent is no; anything else is a
    problem on its line."""
    write(
        tmp_path,
        "unpaid-wages.yaml",
        topic_yaml().replace("reviewed: 2026-11-01", "reviewed: 2026-11-01\nsafety: yes"),
    )
    write(tmp_path, "job-loss.yaml", topic_yaml("job-loss"))
    kb = load_kb(tmp_path).kb
    assert kb.topic("lt", "unpaid-wages").safety
    assert not kb.topic("lt", "job-loss").safety
    bad = tmp_path / "bad"
    bad.mkdir()
    path = write(
        bad,
        "unpaid-wages.yaml",
        topic_yaml().replace("reviewed: 2026-11-01", "reviewed: 2026-11-01\nsafety: maybe"),
    )
    assert run_check(bad) == [f"{path}:4: safety must be yes or no"]
