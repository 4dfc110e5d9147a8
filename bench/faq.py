"""FAQ search: accuracy on the evaluation sets, against a same-run word-overlap baseline,
and latency on the shipped base and on a synthetic base a hundred times larger.

`python -m bench faq [--path KB] [--scale 100] [--repeat 5]`; the last line is
`RESULT faq_top1=… faq_top3=… faq_false_confident=… p99_ms=…`.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType

from core.languages import LANGUAGES
from faq.loader import load_kb
from faq.model import KnowledgeBase, Topic, TopicText
from faq.normalize import STOPWORDS, normalize, tokens
from faq.search import SearchIndex
from faq.validate import default_path

REPO = Path(__file__).resolve().parents[1]
SHARED_DEV = REPO.parent / "shared" / "eval" / "faq_dev.jsonl"
DATA = Path(__file__).resolve().with_name("data")


@dataclass(frozen=True, slots=True)
class Question:
    lang: str
    text: str
    expect: str | None


@dataclass
class Tally:
    """Counts for one language of one set (or any union of them)."""

    asked: int = 0
    top1: int = 0
    top3: int = 0
    out_of_scope: int = 0
    false_confident: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        self.asked += other.asked
        self.top1 += other.top1
        self.top3 += other.top3
        self.out_of_scope += other.out_of_scope
        self.false_confident += other.false_confident

    def rates(self) -> tuple[float, float, float]:
        return (
            self.top1 / self.asked if self.asked else 0.0,
            self.top3 / self.asked if self.asked else 0.0,
            self.false_confident / self.out_of_scope if self.out_of_scope else 0.0,
        )


# (confident, ranked topic ids) for a question in a language
Searcher = Callable[[str, str], tuple[bool, list[str]]]


def read_questions(path: Path) -> list[Question]:
    questions = []
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                questions.append(Question(row["lang"], row["q"], row.get("expect")))
            except (ValueError, KeyError) as exc:
                print(f"{path}:{number}: skipped, not a question row ({exc})", file=sys.stderr)
    return questions


def evaluation_sets() -> dict[str, list[Question]]:
    sets: dict[str, list[Question]] = {}
    if SHARED_DEV.is_file():
        sets["dev"] = read_questions(SHARED_DEV)
    else:
        print(f"note: {SHARED_DEV} not found; the shared dev set is skipped")
    own = DATA / "faq_eval.jsonl"
    if own.is_file():
        sets["own"] = read_questions(own)
    for extra in sorted(DATA.glob("faq_eval_*.jsonl")):
        sets[extra.stem.removeprefix("faq_eval_")] = read_questions(extra)
    return sets


def evaluate(questions: Iterable[Question], search: Searcher) -> dict[str, Tally]:
    by_lang: dict[str, Tally] = defaultdict(Tally)
    for q in questions:
        tally = by_lang[q.lang]
        confident, ranked = search(q.text, q.lang)
        if q.expect is None:
            tally.out_of_scope += 1
            if confident:
                tally.false_confident += 1
                tally.misses.append(f"  false confident: {q.text!r} -> {ranked[0]}")
            continue
        tally.asked += 1
        hit1 = confident and ranked[:1] == [q.expect]
        tally.top1 += hit1
        tally.top3 += q.expect in ranked[:3]
        if not hit1:
            got = ", ".join(ranked[:3]) or "nothing"
            sure = "confident" if confident else "not confident"
            tally.misses.append(f"  missed: {q.text!r} -> want {q.expect}; {sure}: {got}")
    return by_lang


def overlap_baseline(kb: KnowledgeBase) -> Searcher:
    """Plain word overlap with titles, keywords and phrasings: no stems, no typos."""
    words: dict[str, set[str]] = {}
    for topic in kb:
        bag: set[str] = set()
        for text in topic.texts.values():
            for item in (text.title, *text.keywords, *text.phrasings):
                bag.update(tokens(item))
        words[topic.id] = bag - STOPWORDS

    def search(question: str, _lang: str) -> tuple[bool, list[str]]:
        query = set(tokens(question)) - STOPWORDS
        scored = sorted(
            ((len(query & bag), topic_id) for topic_id, bag in words.items()),
            key=lambda item: (-item[0], item[1]),
        )
        ranked = [topic_id for score, topic_id in scored if score > 0]
        confident = (
            bool(scored) and scored[0][0] > 0 and (len(scored) < 2 or scored[0][0] > scored[1][0])
        )
        return confident, ranked

    return search


def index_searcher(index: SearchIndex) -> Searcher:
    def search(question: str, lang: str) -> tuple[bool, list[str]]:
        result = index.search(question, lang)
        return result.confident, [hit.topic_id for hit in result.hits]

    return search


def synthetic_base(kb: KnowledgeBase, scale: int, seed: int = 7) -> KnowledgeBase:
    """`scale` copies of every topic with new ids and about a third of the words altered.

    A word is altered into one of a few variants (its stem plus a made-up ending), so the
    vocabulary grows several-fold, as a real base a hundred times larger would, and the
    postings, the typo buckets and the candidate sets grow a hundredfold.
    """
    rng = random.Random(seed)
    endings = {
        "lat": ("as", "is", "er", "on", "ui", "ka"),
        "cyr": ("ам", "ов", "ка", "ин", "ей", "ук"),
    }

    def perturb(text: str) -> str:
        out = []
        for word in text.split(" "):
            if len(word) >= 4 and word.isalpha() and rng.random() < 0.35:
                kind = "cyr" if "\u0400" <= word[0] <= "\u04ff" else "lat"
                word = word[: max(3, len(word) - 2)] + rng.choice(endings[kind])
            out.append(word)
        return " ".join(out)

    topics: dict[str, Topic] = {}
    for copy in range(scale):
        for topic in kb:
            texts = {
                lang: TopicText(
                    title=perturb(text.title),
                    answer=perturb(text.answer),
                    keywords=tuple(perturb(k) for k in text.keywords),
                    phrasings=tuple(perturb(p) for p in text.phrasings),
                )
                for lang, text in topic.texts.items()
            }
            clone_id = topic.id if copy == 0 else f"{topic.id}-s{copy:03d}"
            topics[clone_id] = replace(topic, id=clone_id, texts=MappingProxyType(texts))
    return KnowledgeBase(MappingProxyType(topics))


def latency(index: SearchIndex, queries: list[Question], repeat: int) -> tuple[float, float]:
    """(p50, p99) in milliseconds over every query `repeat` times, after one warm-up pass."""
    for q in queries:
        index.search(q.text, q.lang)
    samples = []
    for _ in range(repeat):
        for q in queries:
            start = time.perf_counter()
            index.search(q.text, q.lang)
            samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    p99 = samples[min(len(samples) - 1, int(len(samples) * 0.99))]
    return statistics.median(samples), p99


def timed_build(kb: KnowledgeBase) -> tuple[SearchIndex, float]:
    start = time.perf_counter()
    index = SearchIndex.build(kb)
    return index, (time.perf_counter() - start) * 1000


def leaked(kb: KnowledgeBase, questions: Iterable[Question]) -> list[Question]:
    """Evaluation questions that appear word for word among the content's phrasings."""
    seen = {
        normalize(item)
        for topic in kb
        for text in topic.texts.values()
        for item in (text.title, *text.keywords, *text.phrasings)
    }
    return [q for q in questions if q.expect and normalize(q.text) in seen]


def _row(name: str, tally: Tally) -> str:
    top1, top3, fc = tally.rates()
    oos = f"{fc:.2f} ({tally.false_confident}/{tally.out_of_scope})" if tally.out_of_scope else "-"
    return f"  {name:<12} {tally.asked:>4} {top1:>7.3f} {top3:>7.3f}   {oos}"


def report(title: str, sets: dict[str, list[Question]], search: Searcher, verbose: bool) -> Tally:
    print(f"\n{title}")
    print(f"  {'set/lang':<12} {'n':>4} {'top-1':>7} {'top-3':>7}   false-confident")
    total = Tally()
    per_lang: dict[str, Tally] = defaultdict(Tally)
    for name, questions in sets.items():
        by_lang = evaluate(questions, search)
        set_total = Tally()
        for lang in sorted(by_lang, key=_lang_order):
            print(_row(f"{name}/{lang}", by_lang[lang]))
            set_total.add(by_lang[lang])
            per_lang[lang].add(by_lang[lang])
            if verbose:
                for miss in by_lang[lang].misses:
                    print(miss)
        print(_row(f"{name}/all", set_total))
        total.add(set_total)
    for lang in sorted(per_lang, key=_lang_order):
        print(_row(f"all/{lang}", per_lang[lang]))
    print(_row("all", total))
    return total


def _ratio(ours: float, base: float) -> str:
    return f"{ours / base:.2f}" if base else "-"


def _lang_order(lang: str) -> int:
    return LANGUAGES.index(lang) if lang in LANGUAGES else len(LANGUAGES)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench faq", description=__doc__)
    parser.add_argument("--path", type=Path, default=None, help="content folder")
    parser.add_argument("--scale", type=int, default=100, help="synthetic base size factor")
    parser.add_argument("--repeat", type=int, default=5, help="latency passes over the queries")
    parser.add_argument("--verbose", "-v", action="store_true", help="list every miss")
    args = parser.parse_args(argv)

    loaded = load_kb(args.path or default_path())
    kb = loaded.kb
    if loaded.problems:
        print(f"note: {len(loaded.problems)} content problem(s); run `python -m faq check`")
    if not len(kb):
        print("no topics to search")
        return 1
    sets = evaluation_sets()
    all_questions = [q for questions in sets.values() for q in questions]
    if not all_questions:
        print("no evaluation questions found")
        return 1
    unknown = sorted({q.expect for q in all_questions if q.expect and q.expect not in kb.topics})
    if unknown:
        print(f"note: expected topics missing from the base (counted as misses): {unknown}")
    copies = leaked(kb, all_questions)
    if copies:
        print(f"note: {len(copies)} evaluation question(s) appear verbatim in the content")
        if args.verbose:
            for q in copies:
                print(f"  {q.lang}: {q.text!r}")

    index, build_ms = timed_build(kb)
    base = report("baseline: word overlap, no stemming/typos", sets, overlap_baseline(kb), False)
    ours = report("faq.search", sets, index_searcher(index), args.verbose)
    b1, b3, bfc = base.rates()
    top1, top3, false_confident = ours.rates()
    print(
        f"\n  vs baseline: top-1 {top1:.3f}/{b1:.3f} (x{_ratio(top1, b1)}), "
        f"top-3 {top3:.3f}/{b3:.3f} (x{_ratio(top3, b3)}), "
        f"false-confident {false_confident:.3f}/{bfc:.3f} (x{_ratio(false_confident, bfc)})"
    )
    if copies:
        # Questions copied into the content measure recall of the copy, not search.
        copied = set(copies)
        fresh = [q for q in all_questions if q not in copied]
        unseen = Tally()
        for tally in evaluate(fresh, index_searcher(index)).values():
            unseen.add(tally)
        u1, u3, ufc = unseen.rates()
        print(
            f"  without the {len(copies)} copied into the content: top-1 {u1:.3f}, "
            f"top-3 {u3:.3f}, false-confident {ufc:.3f} ({unseen.asked} questions)"
        )

    p50, p99 = latency(index, all_questions, args.repeat)
    print(
        f"\nlatency, shipped base ({len(kb)} topics): build {build_ms:.0f} ms, "
        f"p50 {p50:.3f} ms, p99 {p99:.3f} ms"
    )
    if args.scale > 1:
        big = synthetic_base(kb, args.scale)
        big_index, big_build_ms = timed_build(big)
        big_p50, big_p99 = latency(big_index, all_questions, max(1, args.repeat // 2))
        print(
            f"latency, synthetic base ({len(big)} topics, x{args.scale}): build "
            f"{big_build_ms:.0f} ms, p50 {big_p50:.3f} ms, p99 {big_p99:.3f} ms "
            f"(p99 x{big_p99 / p99:.1f} of the shipped base)"
        )
    print(
        f"RESULT faq_top1={top1:.3f} faq_top3={top3:.3f} "
        f"faq_false_confident={false_confident:.3f} p99_ms={p99:.3f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
