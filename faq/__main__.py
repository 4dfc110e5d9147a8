"""`python -m faq check [PATH]` and `python -m faq ask [QUESTION] [--lang] [--json] [--path]`."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from pathlib import Path

from core.languages import LANGUAGES
from faq.loader import load_kb
from faq.model import KnowledgeBase
from faq.search import SearchIndex, SearchResult
from faq.validate import check, default_path


def _display(path: Path) -> Path:
    # Editors click on relative paths in a terminal more easily than on absolute ones.
    try:
        return path.resolve().relative_to(Path.cwd())
    except ValueError:
        return path


def run_check(path: Path) -> int:
    result = check(_display(path))
    for problem in result.problems:
        print(problem)
    if result.problems:
        print(f"{len(result.problems)} problem(s) in {len(result.kb)} topic(s)", file=sys.stderr)
        return 1
    print(f"{len(result.kb)} topics, {len(LANGUAGES)} languages: OK")
    return 0


def _result_json(kb: KnowledgeBase, result: SearchResult, lang: str) -> str:
    results = [
        {"id": hit.topic_id, "score": hit.score, "title": kb.topics[hit.topic_id].text(lang).title}
        for hit in result.hits
    ]
    return json.dumps({"confident": result.confident, "results": results}, ensure_ascii=False)


def _result_line(kb: KnowledgeBase, question: str, result: SearchResult, lang: str) -> str:
    if not result.hits:
        return f"{question!r}: no match"
    best = result.hits[0]
    head = "answer" if result.confident else "not sure"
    others = ", ".join(f"{h.topic_id} {h.score:.2f}" for h in result.hits[1:])
    title = kb.topics[best.topic_id].text(lang).title
    line = f"{question!r}: {head}: {best.topic_id} {best.score:.2f} ({title})"
    return f"{line}; then {others}" if others else line


def run_ask(questions: Iterable[str], lang: str, as_json: bool, path: Path) -> int:
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
    for raw in questions:
        question = raw.strip()
        if not question:
            continue
        result = index.search(question, lang)
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
    ask = commands.add_parser("ask", help="search the knowledge base")
    ask.add_argument("question", nargs="?", help="the question (default: one per line on stdin)")
    ask.add_argument("--lang", choices=LANGUAGES, default="en", help="the user's language")
    ask.add_argument("--json", action="store_true", help="one JSON object per question")
    ask.add_argument("--path", type=Path, help="content folder (default: KB_PATH)")
    args = parser.parse_args(argv)
    if args.command == "check":
        return run_check(args.path or default_path())
    questions = [args.question] if args.question is not None else sys.stdin
    return run_ask(questions, args.lang, args.json, args.path or default_path())


if __name__ == "__main__":
    sys.exit(main())
