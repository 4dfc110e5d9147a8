"""FAQ search: accuracy on the evaluation sets, against a same-run word-overlap baseline,
and latency on the shipped base and on a synthetic base a hundred times larger.

Every figure is reported per country and language. A question is asked by a person of
its line's `country` (absent: lt); it is right when the confident answer is the topic
`expect` of `expect_country` (absent: the person's country). `wrong-country` counts
confident answers from any other country's content: it must stay 0. Sets: the shared
dev set and bench/data/faq_eval*.jsonl (Lithuanian), bench/data/faq_<cc>.jsonl and
faq_<cc>_<name>.jsonl per country, and bench/data/faq_cross.jsonl (a person of one
country asking what another country's content matches best).

`python -m bench faq [--path KB] [--scale 100] [--repeat 5]`; the last line is
`RESULT faq_top1=… faq_top3=… faq_false_confident=… p99_ms=… faq_wrong_country=…` and
the same figures per country (`faq_top1_lt=…`).
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

from core.countries import COUNTRIES, DEFAULT_COUNTRY, OTHER
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
    country: str = DEFAULT_COUNTRY  # the person's country
    expect_country: str | None = None  # whose topic is right, when not the person's

    @property
    def answer_country(self) -> str:
        return self.expect_country or self.country


@dataclass
class Tally:
    """Counts for one language of one set (or any union of them)."""

    asked: int = 0
    top1: int = 0
    top3: int = 0
    out_of_scope: int = 0
    false_confident: int = 0
    wrong_country: int = 0  # confident answers from a country the question is not about
    misses: list[str] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        self.asked += other.asked
        self.top1 += other.top1
        self.top3 += other.top3
        self.out_of_scope += other.out_of_scope
        self.false_confident += other.false_confident
        self.wrong_country += other.wrong_country

    def rates(self) -> tuple[float, float, float]:
        return (
            self.top1 / self.asked if self.asked else 0.0,
            self.top3 / self.asked if self.asked else 0.0,
            self.false_confident / self.out_of_scope if self.out_of_scope else 0.0,
        )


# (confident, ranked (country, topic id)) for a question, its language, the person's country
Searcher = Callable[[str, str, str], tuple[bool, list[tuple[str, str]]]]


def read_questions(path: Path, country: str = DEFAULT_COUNTRY) -> list[Question]:
    """Question rows; a row without "country" is asked by a person of `country`."""
    questions = []
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                questions.append(
                    Question(
                        row["lang"],
                        row["q"],
                        row.get("expect"),
                        row.get("country") or country,
                        row.get("expect_country"),
                    )
                )
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
    # Per-country sets, faq_<cc>.jsonl and faq_<cc>_<name>.jsonl (a line without a
    # country is the file's), and the cross-country check.
    for country in COUNTRIES:
        for path in [DATA / f"faq_{country}.jsonl", *sorted(DATA.glob(f"faq_{country}_*.jsonl"))]:
            if path.is_file():
                sets[path.stem.removeprefix("faq_")] = read_questions(path, country)
    cross = DATA / "faq_cross.jsonl"
    if cross.is_file():
        sets["cross"] = read_questions(cross)
    return sets


def _key(key: tuple[str, str]) -> str:
    return f"{key[0]}/{key[1]}"


def evaluate(questions: Iterable[Question], search: Searcher) -> dict[tuple[str, str], Tally]:
    """Tallies by (the person's country, language)."""
    by_group: dict[tuple[str, str], Tally] = defaultdict(Tally)
    for q in questions:
        tally = by_group[(q.country, q.lang)]
        confident, ranked = search(q.text, q.lang, q.country)
        if confident and ranked and ranked[0][0] != q.answer_country:
            tally.wrong_country += 1
            tally.misses.append(f"  WRONG COUNTRY: {q.text!r} ({q.country}) -> {_key(ranked[0])}")
        if q.expect is None:
            tally.out_of_scope += 1
            if confident:
                tally.false_confident += 1
                tally.misses.append(f"  false confident: {q.text!r} -> {_key(ranked[0])}")
            continue
        tally.asked += 1
        want = (q.answer_country, q.expect)
        hit1 = confident and ranked[:1] == [want]
        tally.top1 += hit1
        tally.top3 += want in ranked[:3]
        if not hit1:
            got = ", ".join(_key(r) for r in ranked[:3]) or "nothing"
            sure = "confident" if confident else "not confident"
            tally.misses.append(f"  missed: {q.text!r} -> want {_key(want)}; {sure}: {got}")
    return dict(by_group)


def overlap_baseline(kb: KnowledgeBase) -> Searcher:
    """Plain word overlap with titles, keywords and phrasings: no stems, no typos, and
    only the person's country's view (it does not read place names)."""
    views: dict[str, dict[str, set[str]]] = {}
    for country in (*COUNTRIES, OTHER):
        words: dict[str, set[str]] = {}
        for topic in kb.view(country).topics.values():
            bag: set[str] = set()
            for text in topic.texts.values():
                for item in (text.title, *text.keywords, *text.phrasings):
                    bag.update(tokens(item))
            words[topic.id] = bag - STOPWORDS
        views[country] = words

    def search(question: str, _lang: str, country: str) -> tuple[bool, list[tuple[str, str]]]:
        words = views.get(country, views[OTHER])
        query = set(tokens(question)) - STOPWORDS
        scored = sorted(
            ((len(query & bag), topic_id) for topic_id, bag in words.items()),
            key=lambda item: (-item[0], item[1]),
        )
        ranked = [(country, topic_id) for score, topic_id in scored if score > 0]
        confident = (
            bool(scored) and scored[0][0] > 0 and (len(scored) < 2 or scored[0][0] > scored[1][0])
        )
        return confident, ranked

    return search


def index_searcher(index: SearchIndex) -> Searcher:
    def search(question: str, lang: str, country: str) -> tuple[bool, list[tuple[str, str]]]:
        result = index.search(question, lang, country=country)
        return result.confident, [hit.key for hit in result.hits]

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

    topics: list[Topic] = []
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
            topics.append(replace(topic, id=clone_id, texts=MappingProxyType(texts)))
    return KnowledgeBase(topics)


def latency(index: SearchIndex, queries: list[Question], repeat: int) -> tuple[float, float]:
    """(p50, p99) in milliseconds over every query `repeat` times, after one warm-up pass."""
    for q in queries:
        index.search(q.text, q.lang, country=q.country)
    samples = []
    for _ in range(repeat):
        for q in queries:
            start = time.perf_counter()
            index.search(q.text, q.lang, country=q.country)
            samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    p99 = samples[min(len(samples) - 1, int(len(samples) * 0.99))]
    return statistics.median(samples), p99


def timed_build(kb: KnowledgeBase) -> tuple[SearchIndex, float]:
    start = time.perf_counter()
    index = SearchIndex.build(kb)
    return index, (time.perf_counter() - start) * 1000


def leaked(kb: KnowledgeBase, questions: Iterable[Question]) -> list[Question]:
    """Evaluation questions that appear word for word among the phrasings of the topic
    view they are answered from."""
    seen: dict[str, set[str]] = {}
    for country in (*COUNTRIES, OTHER):
        seen[country] = {
            normalize(item)
            for topic in kb.view(country).topics.values()
            for text in topic.texts.values()
            for item in (text.title, *text.keywords, *text.phrasings)
        }
    return [
        q for q in questions if q.expect and normalize(q.text) in seen.get(q.answer_country, set())
    ]


def _row(name: str, tally: Tally) -> str:
    top1, top3, fc = tally.rates()
    oos = f"{fc:.2f} ({tally.false_confident}/{tally.out_of_scope})" if tally.out_of_scope else "-"
    return (
        f"  {name:<16} {tally.asked:>4} {top1:>7.3f} {top3:>7.3f}   {oos:<14} {tally.wrong_country}"
    )


def _group_order(key: tuple[str, str]) -> tuple[int, int]:
    country, lang = key
    order = (*COUNTRIES, OTHER)
    return (order.index(country) if country in order else len(order), _lang_order(lang))


@dataclass
class Report:
    total: Tally
    by_country: dict[str, Tally]
    by_country_lang: dict[tuple[str, str], Tally]


def report(title: str, sets: dict[str, list[Question]], search: Searcher, verbose: bool) -> Report:
    print(f"\n{title}")
    print(
        f"  {'set/country/lang':<16} {'n':>4} {'top-1':>7} {'top-3':>7}   "
        f"{'false-confident':<14} wrong-country"
    )
    total = Tally()
    per_group: dict[tuple[str, str], Tally] = defaultdict(Tally)
    per_country: dict[str, Tally] = defaultdict(Tally)
    for name, questions in sets.items():
        by_group = evaluate(questions, search)
        set_total = Tally()
        for key in sorted(by_group, key=_group_order):
            print(_row(f"{name}/{key[0]}/{key[1]}", by_group[key]))
            set_total.add(by_group[key])
            per_group[key].add(by_group[key])
            per_country[key[0]].add(by_group[key])
            if verbose:
                for miss in by_group[key].misses:
                    print(miss)
        print(_row(f"{name}/all", set_total))
        total.add(set_total)
    for key in sorted(per_group, key=_group_order):
        print(_row(f"all/{key[0]}/{key[1]}", per_group[key]))
    for country in sorted(per_country, key=lambda c: _group_order((c, ""))):
        print(_row(f"all/{country}", per_country[country]))
    print(_row("all", total))
    return Report(total, dict(per_country), dict(per_group))


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
    # The cross-country check is reported on its own: it is not a sample of real traffic.
    cross = sets.pop("cross", [])
    all_questions = [q for questions in sets.values() for q in questions] + cross
    if not all_questions:
        print("no evaluation questions found")
        return 1
    unknown = sorted(
        {
            f"{q.answer_country}/{q.expect}"
            for q in all_questions
            if q.expect and kb.topic(q.answer_country, q.expect) is None
        }
    )
    if unknown:
        print(f"note: expected topics missing from the base (counted as misses): {unknown}")
    copies = leaked(kb, all_questions)
    if copies:
        print(f"note: {len(copies)} evaluation question(s) appear verbatim in the content")
        if args.verbose:
            for q in copies:
                print(f"  {q.lang}: {q.text!r}")

    index, build_ms = timed_build(kb)
    baseline = report(
        "baseline: word overlap, no stemming/typos", sets, overlap_baseline(kb), False
    )
    found = report("faq.search", sets, index_searcher(index), args.verbose)
    base, ours = baseline.total, found.total
    wrong_country = ours.wrong_country
    cross_line = ""
    if cross:
        checked = report(
            "cross-country check: a person of one country, another country's best match",
            {"cross": cross},
            index_searcher(index),
            True,
        )
        wrong_country += checked.total.wrong_country
        x1, x3, xfc = checked.total.rates()
        cross_line = f" faq_cross_top1={x1:.3f} faq_cross_false_confident={xfc:.3f}"
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
        fresh = [q for questions in sets.values() for q in questions if q not in copied]
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
        f"\n  answered confidently from another country's content: {ours.wrong_country} (target 0)"
    )
    per_country = []
    for country, tally in sorted(found.by_country.items(), key=lambda i: _group_order((i[0], ""))):
        c1, c3, cfc = tally.rates()
        per_country.append(
            f"faq_top1_{country}={c1:.3f} faq_top3_{country}={c3:.3f} "
            f"faq_false_confident_{country}={cfc:.3f} "
            f"faq_n_{country}={tally.asked + tally.out_of_scope}"
        )
    print(
        f"RESULT faq_top1={top1:.3f} faq_top3={top3:.3f} "
        f"faq_false_confident={false_confident:.3f} p99_ms={p99:.3f} "
        f"faq_wrong_country={wrong_country}{cross_line} " + " ".join(per_country)
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
