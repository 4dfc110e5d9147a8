"""`python -m faq check [PATH] [--today YYYY-MM-DD]` and
`python -m faq ask [QUESTION] [--lang] [--country] [--json] [--path]`."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from core.countries import COUNTRIES, DEFAULT_COUNTRY, OTHER, required_languages
from core.languages import LANGUAGES
from faq.loader import load_kb
from faq.model import SHARED, KnowledgeBase, Topic
from faq.rerank import Reranker
from faq.search import Hit, SearchIndex, SearchResult
from faq.semantic import SemanticIndex, load_embedder
from faq.validate import check, default_path


def _display(path: Path) -> Path:
    # Editors click on relative paths in a terminal more easily than on absolute ones.
    try:
        return path.resolve().relative_to(Path.cwd())
    except ValueError:
        return path


def run_check(path: Path, today: date | None = None) -> int:
    result = check(_display(path), today=today)
    for problem in result.problems:
        print(problem)
    for warning in result.warnings:
        print(warning)
    counts = result.kb.homes()
    if result.layout == "flat":
        print(f"flat folder, read as {DEFAULT_COUNTRY}: {len(result.kb)} topics")
    else:
        for home, count in counts.items():
            langs = "" if home == SHARED else f" ({', '.join(required_languages(home))})"
            print(f"{home}: {count} topics{langs}")
    if result.problems:
        print(f"{len(result.problems)} problem(s) in {len(result.kb)} topic(s)", file=sys.stderr)
        return 1
    if result.warnings:
        print(f"{len(result.warnings)} warning(s)", file=sys.stderr)
    print(f"{len(result.kb)} topics, {len(LANGUAGES)} languages: OK")
    return 0


def _topic(kb: KnowledgeBase, hit: Hit) -> Topic:
    topic = kb.topic(hit.country, hit.topic_id)
    assert topic is not None, hit
    return topic


def _result_json(kb: KnowledgeBase, result: SearchResult, lang: str) -> str:
    results = [
        {
            "id": hit.topic_id,
            "country": hit.country,
            "score": hit.score,
            "title": _topic(kb, hit).text(lang).title,
        }
        for hit in result.hits
    ]
    return json.dumps(
        {
            "confident": result.confident,
            "country": result.country,
            "named_country": result.named_country,
            "several_countries": result.several_countries,
            "no_country_info": result.no_country_info,
            "results": results,
        },
        ensure_ascii=False,
    )


def _result_line(kb: KnowledgeBase, question: str, result: SearchResult, lang: str) -> str:
    notes = []
    if result.named_country:
        notes.append(f"asks about {result.named_country}")
    if result.several_countries:
        notes.append(f"several countries: {', '.join(result.named_countries)}")
    if result.no_country_info:
        notes.append(f"no information for {result.country}")
    note = f" [{'; '.join(notes)}]" if notes else ""
    if not result.hits:
        return f"{question!r}: no match{note}"
    best = result.hits[0]
    head = "answer" if result.confident else "not sure"
    others = ", ".join(f"{h.country}/{h.topic_id} {h.score:.2f}" for h in result.hits[1:])
    title = _topic(kb, best).text(lang).title
    line = f"{question!r}: {head}: {best.country}/{best.topic_id} {best.score:.2f} ({title})"
    line = f"{line}; then {others}" if others else line
    return line + note


def run_ask(
    questions: Iterable[str],
    lang: str,
    as_json: bool,
    path: Path,
    country: str = DEFAULT_COUNTRY,
) -> int:
    loaded = load_kb(path)
    if loaded.problems:
        print(
            f"warning: {len(loaded.problems)} content problem(s); run `python -m faq check`",
            file=sys.stderr,
        )
    if not len(loaded.kb):
        print(f"no topics under {path}", file=sys.stderr)
        return 1
    index = SearchIndex.build(loaded.kb)
    embedder = load_embedder()
    if embedder is not None:
        # The bot's decision: the meaning stage too (vectors from the cache).
        Reranker.build(index, SemanticIndex.build(loaded.kb, embedder)).attach(index)
    for raw in questions:
        question = raw.strip()
        if not question:
            continue
        result = index.search(question, lang, country=country)
        if as_json:
            print(_result_json(loaded.kb, result, lang))
        else:
            print(_result_line(loaded.kb, question, result, lang))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m faq", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    check_cmd = commands.add_parser("check", help="validate the knowledge base")
    check_cmd.add_argument("path", nargs="?", type=Path, help="folder or file (default: KB_PATH)")
    check_cmd.add_argument(
        "--today",
        type=date.fromisoformat,
        help="check review and valid_until dates as on this day (YYYY-MM-DD)",
    )
    ask = commands.add_parser("ask", help="search the knowledge base")
    ask.add_argument("question", nargs="?", help="the question (default: one per line on stdin)")
    ask.add_argument("--lang", choices=LANGUAGES, default="en", help="the user's language")
    ask.add_argument(
        "--country",
        choices=(*COUNTRIES, OTHER),
        default=DEFAULT_COUNTRY,
        help="the person's country (other: general information only)",
    )
    ask.add_argument("--json", action="store_true", help="one JSON object per question")
    ask.add_argument("--path", type=Path, help="content folder (default: KB_PATH)")
    args = parser.parse_args(argv)
    if args.command == "check":
        return run_check(args.path or default_path(), args.today)
    questions = [args.question] if args.question is not None else sys.stdin
    return run_ask(questions, args.lang, args.json, args.path or default_path(), args.country)


if __name__ == "__main__":
    sys.exit(main())
