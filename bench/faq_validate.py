"""Judge the blind tuning sets as if they were new: `python -m bench faq --validate`.

A tuning set stops being a fair test once its misses have been read: phrasings are
added for its questions, and its figures climb towards whatever the decision was fitted
to. Each blind set was written before anyone read its misses, so against the content as
it was on the day the set came in (taken from git), with today's code and decision, it
is judged the way a set never seen is judged. Its figures track the untouched sets' (on
2026-12-02 before this tool's first use: blind sets 0.852 and 0.857 top-1,
confident-wrong 0.053 and 0.029; the untouched blind holdout 0.863 and 0.043), so a
change to the search or the decision can be weighed on them as often as needed, and the
untouched sets read only at the end.
Questions whose topic did not exist on that day are left out. The decision was fitted
on these questions too, so the decision's own share of the figures is a little
flattering; the content's is not.
"""

from __future__ import annotations

import copy
import io
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from pathlib import Path

from bench.faq import (
    DATA,
    REPO,
    SMALL_TALK,
    Question,
    Report,
    index_searcher,
    nearness,
    read_questions,
)
from bench.faq import report as print_report
from faq.loader import load_kb
from faq.model import KnowledgeBase
from faq.search import SearchIndex

# (set, the commit that added it: its content had not yet been tuned on the set).
FRESH = (
    ("blind_tune", "ba73f2acc9fecb1b8514b8335e4e53a50c63ade5"),
    ("blind2_tune", "c9ab634f32b28d581083bd94b8312dcdbe1b4209"),
    # Added with the content of this commit (unchanged by the commit that added the set).
    ("blind3_tune", "2c746e7a2fea79390cd5b53b245dc99f96e71990"),
    # Written on 2026-12-04 from the topic list while this content was on main.
    ("blind4_tune", "09af3d19d8fdf7b4c69ff702c35b61a77f69cdda"),
)


def content_at(commit: str, into: Path) -> Path | None:
    """faq/content as of `commit`, unpacked under `into` (None without git or the commit)."""
    try:
        archive = subprocess.run(
            ["git", "-C", str(REPO), "archive", commit, "faq/content"],
            check=True,
            capture_output=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into / "faq" / "content"


def fresh_sets() -> Iterator[tuple[str, str, KnowledgeBase, list[Question]]]:
    """Each blind set with the content of the day it came in: (set, commit, knowledge
    base, its questions whose topic existed that day). A set or commit not found is
    named and left out."""
    for name, commit in FRESH:
        path = DATA / f"faq_{name}.jsonl"
        with tempfile.TemporaryDirectory() as folder:
            content = content_at(commit, Path(folder)) if path.is_file() else None
            if content is None:
                print(f"note: {name} or the content of {commit[:7]} not found; left out")
                continue
            kb = load_kb(content).kb
        questions = [
            q
            for q in read_questions(path)
            if q.expect in (None, SMALL_TALK) or kb.topic(q.answer_country, q.expect)
        ]
        yield name, commit, kb, questions


def validate(verbose: bool = False) -> dict[str, Report]:
    from faq.rerank import Reranker
    from faq.semantic import SemanticIndex, load_embedder

    embedder = load_embedder()
    reports: dict[str, Report] = {}
    for name, commit, kb, questions in fresh_sets():
        index = SearchIndex.build(kb)
        near = nearness(index)
        if embedder is not None:
            index = copy.copy(index)
            Reranker.build(index, SemanticIndex.build(kb, embedder)).attach(index)
        reports[name] = print_report(
            f"{name} against the content of {commit[:7]} (before its misses were read)",
            {name: questions},
            index_searcher(index),
            verbose,
            near,
        )
    return reports
