"""FAQ search: accuracy on the tuning sets and, separately, on sets never used for tuning,
for word overlap (a baseline), the lexical stage alone, and lexical + meaning (the
shipped search), all in the same run; then latency on the shipped base and on a
synthetic base a hundred times larger.

Every figure is reported per set, country and language. A question is asked by a person
of its line's `country` (absent: lt); it is right when the confident answer is the
topic `expect` of `expect_country` (absent: the person's country). `expect: null` is an
off-topic message, `expect: "smalltalk"` a greeting or thanks that must be recognised as
such. Columns: top-1 (confident and right), top-3 (right among the first three),
confident-wrong (confident and not the expected topic, over in-scope questions), and
off-topic answered confidently, split into near-misses (the message shares a word with
some topic's title, keywords or phrasings) and far off-topic. `wrong-country` counts
confident answers from any other country's content: it must stay 0.

Sets: the shared dev set; bench/data/faq_eval*.jsonl (Lithuanian), faq_<cc>.jsonl and
faq_<cc>_<name>.jsonl per country, faq_blind_tune.jsonl, faq_blind2_tune.jsonl,
faq_blind3_tune.jsonl and faq_blind4_tune.jsonl: these tune. Never tuned on:
faq_eval_holdout.jsonl, faq_blind_holdout.jsonl, faq_blind3_holdout.jsonl and
faq_blind4_holdout.jsonl (UNTOUCHED).
faq_cross.jsonl (a person of one country asking what another country's content matches
best) is its own check.

`python -m bench faq [--path KB] [--scale 100] [--repeat 5] [-v] [--tune] [--tuning-only]
[--no-latency] [--validate]`; `-v` lists every miss with its reason, `--tune` fits the
second stage's weights on the tuning sets and prints them (for faq/rerank.py),
`--tuning-only` leaves the untouched sets out of the run altogether (for iterating: their
figures are read only when a change is done), `--no-latency` skips the timing,
`--validate` judges the blind tuning sets as if new (bench/faq_validate.py). The last
line is `RESULT k=v ...`.
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import random
import re
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
from faq import smalltalk
from faq.loader import load_kb
from faq.model import KnowledgeBase, Topic, TopicText
from faq.normalize import STOPWORDS, normalize, tokens
from faq.search import SearchIndex
from faq.validate import default_path

REPO = Path(__file__).resolve().parents[1]
SHARED_DEV = REPO.parent / "shared" / "eval" / "faq_dev.jsonl"
DATA = Path(__file__).resolve().with_name("data")
# Never used for tuning: reported on their own.
UNTOUCHED = (
    "faq_eval_holdout.jsonl",
    "faq_blind_holdout.jsonl",
    "faq_blind3_holdout.jsonl",
    "faq_blind4_holdout.jsonl",
)
SMALL_TALK = "smalltalk"


@dataclass(frozen=True, slots=True)
class Question:
    lang: str
    text: str
    expect: str | None
    country: str = DEFAULT_COUNTRY  # the person's country
    expect_country: str | None = None  # whose topic is right, when not the person's
    kind: str | None = None  # what the writer meant to test (situation, slang, …)

    @property
    def answer_country(self) -> str:
        return self.expect_country or self.country


@dataclass
class Tally:
    """Counts for one language of one set (or any union of them)."""

    asked: int = 0
    top1: int = 0
    top3: int = 0
    confident_wrong: int = 0  # in scope, confident, and not the expected topic
    out_of_scope: int = 0
    false_confident: int = 0
    near: int = 0  # off-topic messages sharing a word with some topic
    near_confident: int = 0
    small_talk: int = 0
    small_talk_right: int = 0
    wrong_country: int = 0  # confident answers from a country the question is not about
    misses: list[str] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        for name in (
            "asked",
            "top1",
            "top3",
            "confident_wrong",
            "out_of_scope",
            "false_confident",
            "near",
            "near_confident",
            "small_talk",
            "small_talk_right",
            "wrong_country",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def rates(self) -> tuple[float, float, float]:
        return (
            self.top1 / self.asked if self.asked else 0.0,
            self.top3 / self.asked if self.asked else 0.0,
            self.false_confident / self.out_of_scope if self.out_of_scope else 0.0,
        )

    @property
    def wrong_rate(self) -> float:
        return self.confident_wrong / self.asked if self.asked else 0.0


# (confident, ranked (country, topic id), small talk) for a question, its language and
# the person's country; a searcher may return the first two only (never small talk).
Outcome = tuple[bool, list[tuple[str, str]]] | tuple[bool, list[tuple[str, str]], bool]
Searcher = Callable[[str, str, str], Outcome]
# Whether an off-topic message shares a word with some topic (a near-miss).
Nearness = Callable[[Question], bool]


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
                        row.get("kind"),
                    )
                )
            except (ValueError, KeyError) as exc:
                print(f"{path}:{number}: skipped, not a question row ({exc})", file=sys.stderr)
    return questions


def evaluation_sets() -> dict[str, list[Question]]:
    """Every set by name, tuning and untouched alike (see `split_sets`)."""
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
    for path in sorted(DATA.glob("faq_blind*.jsonl")):
        sets[path.stem.removeprefix("faq_")] = read_questions(path)
    cross = DATA / "faq_cross.jsonl"
    if cross.is_file():
        sets["cross"] = read_questions(cross)
    return sets


def set_file_names() -> dict[str, str]:
    """Set name -> its file's name, for the sets read from bench/data."""
    names: dict[str, str] = {}
    for path in DATA.glob("faq_*.jsonl"):
        stem = path.stem.removeprefix("faq_")
        names[stem.removeprefix("eval_") if stem.startswith("eval_") else stem] = path.name
    names["own"] = "faq_eval.jsonl"
    return names


def split_sets(
    sets: dict[str, list[Question]],
) -> tuple[dict[str, list[Question]], dict[str, list[Question]]]:
    """(tuning, untouched): the untouched files are never used to tune anything."""
    files = set_file_names()
    tuning = {n: q for n, q in sets.items() if files.get(n) not in UNTOUCHED}
    untouched = {n: q for n, q in sets.items() if files.get(n) in UNTOUCHED}
    return tuning, untouched


def _key(key: tuple[str, str]) -> str:
    return f"{key[0]}/{key[1]}"


def _never_near(_: Question) -> bool:
    return False


def evaluate(
    questions: Iterable[Question], search: Searcher, near: Nearness = _never_near
) -> dict[tuple[str, str], Tally]:
    """Tallies by (the person's country, language)."""
    by_group: dict[tuple[str, str], Tally] = defaultdict(Tally)
    for q in questions:
        tally = by_group[(q.country, q.lang)]
        outcome = search(q.text, q.lang, q.country)
        confident, ranked = outcome[0], outcome[1]
        chatted = len(outcome) > 2 and bool(outcome[2])
        if confident and ranked and ranked[0][0] != q.answer_country:
            tally.wrong_country += 1
            tally.misses.append(f"  WRONG COUNTRY: {q.text!r} ({q.country}) -> {_key(ranked[0])}")
        if q.expect == SMALL_TALK:
            tally.small_talk += 1
            if chatted:
                tally.small_talk_right += 1
            else:
                got = _key(ranked[0]) if ranked else "nothing"
                reason = "answered" if confident else "not sure"
                tally.misses.append(f"  small talk not recognised ({reason}): {q.text!r} -> {got}")
            continue
        if q.expect is None:
            tally.out_of_scope += 1
            is_near = near(q)
            tally.near += is_near
            if confident:
                tally.false_confident += 1
                tally.near_confident += is_near
                what = "near-miss" if is_near else "far off-topic"
                tally.misses.append(f"  false confident ({what}): {q.text!r} -> {_key(ranked[0])}")
            continue
        tally.asked += 1
        want = (q.answer_country, q.expect)
        hit1 = confident and ranked[:1] == [want]
        tally.top1 += hit1
        tally.top3 += want in ranked[:3]
        if confident and not hit1:
            tally.confident_wrong += 1
        if not hit1:
            got = ", ".join(_key(r) for r in ranked[:3]) or "nothing"
            if chatted:
                reason = "taken for small talk"
            elif confident:
                reason = "CONFIDENT WRONG"
            elif ranked[:1] == [want]:
                reason = "right first, not sure"
            elif want in ranked[:3]:
                reason = "in top-3, not sure"
            else:
                reason = "not found"
            kind = f" [{q.kind}]" if q.kind else ""
            tally.misses.append(f"  {reason}{kind}: {q.text!r} -> want {_key(want)}; got {got}")
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
    """The bot's path: small talk first, then the question without a greeting in front."""

    def search(question: str, lang: str, country: str) -> Outcome:
        reading = smalltalk.read(question)
        if reading.kind is not None:
            return False, [], True
        result = index.search(reading.question or question, lang, country=country)
        return result.confident, [hit.key for hit in result.hits], False

    return search


def nearness(index: SearchIndex) -> Nearness:
    """A near-miss shares a word with a title, keyword or phrasing of the person's view
    (or its row's `kind` says so: offtopic_shared or offtopic_far)."""

    def near(q: Question) -> bool:
        if q.kind in ("offtopic_shared", "offtopic_far"):  # the writer said which
            return q.kind == "offtopic_shared"
        ranking = index.rank(q.text, q.lang, country=q.country)
        return any(share > 0 for share in ranking.exact.values())

    return near


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
    for n in range(scale):
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
            clone_id = topic.id if n == 0 else f"{topic.id}-s{n:03d}"
            topics.append(replace(topic, id=clone_id, texts=MappingProxyType(texts)))
    return KnowledgeBase(topics)


def _forget(index: SearchIndex) -> None:
    """Empty the model stage's memory of recent questions: every timed search embeds its
    question, as a question never asked before would."""
    from faq.rerank import Reranker

    if isinstance(index.second, Reranker):
        index.second.semantic.forget_recent()


def latency(index: SearchIndex, queries: list[Question], repeat: int) -> tuple[float, float]:
    """(p50, p99) in milliseconds over every query `repeat` times, after one warm-up pass;
    each search as if its question were new (no vector remembered from an earlier pass)."""
    wall, _ = latency_and_cpu(index, queries, repeat)
    return wall


def latency_and_cpu(
    index: SearchIndex, queries: list[Question], repeat: int
) -> tuple[tuple[float, float], tuple[float, float]]:
    """(p50, p99) of wall-clock and of this thread's CPU time, in milliseconds. On a
    machine shared with other jobs the wall clock includes waiting for a core; the CPU
    time is what a search itself costs."""
    for q in queries:
        index.search(q.text, q.lang, country=q.country)
    wall: list[float] = []
    cpu: list[float] = []
    for _ in range(repeat):
        for q in queries:
            _forget(index)
            start, start_cpu = time.perf_counter(), time.thread_time()
            index.search(q.text, q.lang, country=q.country)
            cpu.append((time.thread_time() - start_cpu) * 1000)
            wall.append((time.perf_counter() - start) * 1000)
    return _percentiles(wall), _percentiles(cpu)


def _percentiles(samples: list[float]) -> tuple[float, float]:
    samples = sorted(samples)
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


def _rate(part: int, whole: int) -> str:
    return f"{part / whole:.3f}" if whole else "-"


def _row(name: str, tally: Tally) -> str:
    top1, top3, _ = tally.rates()
    far = tally.out_of_scope - tally.near
    near = f"{tally.near_confident}/{tally.near}"
    far_ = f"{tally.false_confident - tally.near_confident}/{far}"
    chat = f"{tally.small_talk_right}/{tally.small_talk}" if tally.small_talk else "-"
    return (
        f"  {name:<22} {tally.asked:>4} {top1:>6.3f} {top3:>6.3f} {tally.wrong_rate:>6.3f}"
        f"  {_rate(tally.false_confident, tally.out_of_scope):>6} {near:>7} {far_:>7}"
        f"  {chat:>7} {tally.wrong_country:>3}"
    )


HEADER = (
    f"  {'set/country/lang':<22} {'n':>4} {'top-1':>6} {'top-3':>6} {'c-wrong':>6}"
    f"  {'off-c':>6} {'near':>7} {'far':>7}  {'chat':>7} {'wc':>3}"
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
    by_lang: dict[str, Tally]


def report(
    title: str,
    sets: dict[str, list[Question]],
    search: Searcher,
    verbose: bool,
    near: Nearness = _never_near,
    brief: bool = False,
) -> Report:
    """Tallies per set, country and language (`brief`: totals only), and in sum."""
    print(f"\n{title}")
    print(HEADER)
    total = Tally()
    per_group: dict[tuple[str, str], Tally] = defaultdict(Tally)
    per_country: dict[str, Tally] = defaultdict(Tally)
    per_lang: dict[str, Tally] = defaultdict(Tally)
    for name, questions in sets.items():
        by_group = evaluate(questions, search, near)
        set_total = Tally()
        for key in sorted(by_group, key=_group_order):
            if not brief:
                print(_row(f"{name}/{key[0]}/{key[1]}", by_group[key]))
            set_total.add(by_group[key])
            per_group[key].add(by_group[key])
            per_country[key[0]].add(by_group[key])
            per_lang[key[1]].add(by_group[key])
            if verbose:
                for miss in by_group[key].misses:
                    print(miss)
        print(_row(f"{name}/all", set_total))
        total.add(set_total)
    if not brief:
        for key in sorted(per_group, key=_group_order):
            print(_row(f"all/{key[0]}/{key[1]}", per_group[key]))
        for country in sorted(per_country, key=lambda c: _group_order((c, ""))):
            print(_row(f"all/{country}", per_country[country]))
    for lang in sorted(per_lang, key=_lang_order):
        print(_row(f"all/{lang}", per_lang[lang]))
    print(_row("all", total))
    return Report(total, dict(per_country), dict(per_group), dict(per_lang))


def _ratio(ours: float, base: float) -> str:
    return f"{ours / base:.2f}" if base else "-"


def _lang_order(lang: str) -> int:
    return LANGUAGES.index(lang) if lang in LANGUAGES else len(LANGUAGES)


def _figures(prefix: str, rep: Report) -> str:
    """RESULT fields of one report: totals, and per language."""
    t = rep.total
    top1, top3, off = t.rates()
    out = [
        f"{prefix}_top1={top1:.3f}",
        f"{prefix}_top3={top3:.3f}",
        f"{prefix}_confident_wrong={t.wrong_rate:.3f}",
        f"{prefix}_offtopic_confident={off:.3f}",
    ]
    for lang in sorted(rep.by_lang, key=_lang_order):
        out.append(f"{prefix}_top1_{lang}={rep.by_lang[lang].rates()[0]:.3f}")
    return " ".join(out)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench faq", description=__doc__)
    parser.add_argument("--path", type=Path, default=None, help="content folder")
    parser.add_argument("--scale", type=int, default=100, help="synthetic base size factor")
    parser.add_argument("--repeat", type=int, default=5, help="latency passes over the queries")
    parser.add_argument("--verbose", "-v", action="store_true", help="list every miss")
    parser.add_argument("--tune", action="store_true", help="fit the second stage's weights")
    parser.add_argument(
        "--tuning-only",
        action="store_true",
        help="leave the untouched sets out (iterate on the tuning sets only)",
    )
    parser.add_argument("--no-latency", action="store_true", help="skip the timing")
    parser.add_argument(
        "--validate",
        action="store_true",
        help="the blind tuning sets against the content from before their misses were read",
    )
    args = parser.parse_args(argv)
    if args.validate:
        from bench.faq_validate import validate

        validate(args.verbose)
        return 0

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
    tuning, untouched = split_sets(sets)
    if args.tuning_only:
        sets = tuning
        untouched = {}
    all_questions = [q for questions in sets.values() for q in questions] + cross
    if not all_questions:
        print("no evaluation questions found")
        return 1
    unknown = sorted(
        {
            f"{q.answer_country}/{q.expect}"
            for q in all_questions
            if q.expect and q.expect != SMALL_TALK and kb.topic(q.answer_country, q.expect) is None
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

    lexical, build_ms = timed_build(kb)
    hybrid, semantic_ms, model = _with_meaning(kb, lexical)
    near = nearness(lexical)
    if args.tune:
        if hybrid is None:
            print("the model is not available: nothing to tune")
            return 1
        from bench.faq_tune import tune

        tune(hybrid, tuning)
        return 0

    print(f"\nmodel: {model or 'none (lexical only)'}")
    report("baseline: word overlap", tuning, overlap_baseline(kb), False, near, brief=True)
    lex_tuning = report("lexical only: tuning sets", tuning, index_searcher(lexical), False, near)
    lex_untouched = report(
        "lexical only: UNTOUCHED sets", untouched, index_searcher(lexical), False, near
    )
    ours = hybrid or lexical
    name = "lexical + meaning" if hybrid is not None else "lexical only (no model)"
    our_tuning = report(f"{name}: tuning sets", tuning, index_searcher(ours), args.verbose, near)
    our_untouched = report(
        f"{name}: UNTOUCHED sets (never tuned on)",
        untouched,
        index_searcher(ours),
        args.verbose,
        near,
    )
    wrong_country = our_tuning.total.wrong_country + our_untouched.total.wrong_country
    cross_line = ""
    if cross:
        checked = report(
            "cross-country check: a person of one country, another country's best match",
            {"cross": cross},
            index_searcher(ours),
            True,
            near,
        )
        wrong_country += checked.total.wrong_country
        x1, _, xfc = checked.total.rates()
        cross_line = f" faq_cross_top1={x1:.3f} faq_cross_false_confident={xfc:.3f}"
    for label, mine, base in (
        ("tuning", our_tuning.total, lex_tuning.total),
        ("untouched", our_untouched.total, lex_untouched.total),
    ):
        t1, t3, fc = mine.rates()
        b1, b3, bfc = base.rates()
        print(
            f"\n  {label} vs lexical only: top-1 {t1:.3f}/{b1:.3f} (x{_ratio(t1, b1)}), "
            f"top-3 {t3:.3f}/{b3:.3f}, confident-wrong {mine.wrong_rate:.3f}/"
            f"{base.wrong_rate:.3f}, off-topic confident {fc:.3f}/{bfc:.3f}"
        )

    if args.no_latency:
        print(
            f"\n  answered confidently from another country's content: {wrong_country} (target 0)"
        )
        print(
            f"RESULT {_figures('tune', our_tuning)} {_figures('untouched', our_untouched)} "
            f"faq_wrong_country={wrong_country}{cross_line}"
        )
        return 0
    questions = [q for q in all_questions if q.expect != SMALL_TALK]
    (lex_p50, lex_p99), (lex_cpu50, lex_cpu99) = latency_and_cpu(lexical, questions, args.repeat)
    if hybrid is not None:
        (p50, p99), (cpu50, cpu99) = latency_and_cpu(ours, questions, args.repeat)
    else:
        (p50, p99), (cpu50, cpu99) = (lex_p50, lex_p99), (lex_cpu50, lex_cpu99)
    certain = _certain_share(lexical, questions)
    print(
        f"\nlexically certain (the model not asked): {certain:.3f} of the questions; "
        f"load average {_load()}"
    )
    print(
        f"latency, shipped base ({len(kb)} topics): lexical build {build_ms:.0f} ms, "
        f"vectors {semantic_ms:.0f} ms; lexical p50 {lex_p50:.2f} ms p99 {lex_p99:.2f} ms; "
        f"with meaning p50 {p50:.2f} ms p99 {p99:.2f} ms"
    )
    print(
        f"  CPU time of a search: lexical p50 {lex_cpu50:.2f} ms p99 {lex_cpu99:.2f} ms; "
        f"with meaning p50 {cpu50:.2f} ms p99 {cpu99:.2f} ms"
    )
    big_line = ""
    if args.scale > 1:
        big = synthetic_base(kb, args.scale)
        big_lexical, big_build_ms = timed_build(big)
        big_ours = _synthetic_meaning(big, big_lexical, hybrid)
        reps = max(1, args.repeat // 2)
        (big_lex_p50, big_lex_p99), big_lex_cpu = latency_and_cpu(big_lexical, questions, reps)
        (big_p50, big_p99), big_cpu = (
            latency_and_cpu(big_ours, questions, reps) if big_ours else ((0.0, 0.0), (0.0, 0.0))
        )
        print(
            f"latency, synthetic base ({len(big)} topics, x{args.scale}): build "
            f"{big_build_ms:.0f} ms; lexical p50 {big_lex_p50:.2f} ms p99 {big_lex_p99:.2f} ms; "
            f"with meaning p50 {big_p50:.2f} ms p99 {big_p99:.2f} ms"
        )
        print(
            f"  CPU time of a search: lexical p50 {big_lex_cpu[0]:.2f} ms p99 "
            f"{big_lex_cpu[1]:.2f} ms; with meaning p50 {big_cpu[0]:.2f} ms p99 {big_cpu[1]:.2f} ms"
        )
        big_line = (
            f" p99_ms_x{args.scale}={big_p99:.2f} p99_ms_x{args.scale}_lexical={big_lex_p99:.2f}"
            f" cpu_p99_ms_x{args.scale}={big_cpu[1]:.2f}"
        )
    print(f"\n  answered confidently from another country's content: {wrong_country} (target 0)")
    print(
        f"RESULT {_figures('tune', our_tuning)} {_figures('untouched', our_untouched)} "
        f"{_figures('lexical_untouched', lex_untouched)} "
        f"p50_ms={p50:.2f} p99_ms={p99:.2f} p50_ms_lexical={lex_p50:.2f} "
        f"p99_ms_lexical={lex_p99:.2f} cpu_p99_ms={cpu99:.2f} "
        f"cpu_p99_ms_lexical={lex_cpu99:.2f} certain={certain:.3f}{big_line} "
        f"faq_wrong_country={wrong_country}{cross_line}"
    )
    return 0


def _certain_share(index: SearchIndex, questions: list[Question]) -> float:
    """The share of questions the lexical stage is certain of (faq.rerank)."""
    from faq.rerank import lexically_certain

    if not questions:
        return 0.0
    count = sum(lexically_certain(index.rank(q.text, q.lang, country=q.country)) for q in questions)
    return count / len(questions)


def _load() -> str:
    try:
        return " ".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:
        return "-"


def _with_meaning(kb: KnowledgeBase, lexical: SearchIndex) -> tuple[SearchIndex | None, float, str]:
    """A copy of `lexical` with the second stage on (None without the model)."""
    from faq.rerank import Reranker
    from faq.semantic import SemanticIndex, load_embedder

    embedder = load_embedder()
    if embedder is None:
        return None, 0.0, ""
    start = time.perf_counter()
    semantic = SemanticIndex.build(kb, embedder)
    hybrid = copy.copy(lexical)
    Reranker.build(hybrid, semantic).attach(hybrid)
    return hybrid, (time.perf_counter() - start) * 1000, embedder.name


def _synthetic_meaning(
    big: KnowledgeBase, big_lexical: SearchIndex, hybrid: SearchIndex | None
) -> SearchIndex | None:
    """The second stage on the synthetic base: each copy of a topic gets its original's
    vectors (shared arrays, not embedded again: the cost of a search depends on how
    many vectors there are, not on their values)."""
    from faq.rerank import Reranker
    from faq.semantic import SemanticIndex

    if hybrid is None or not isinstance(hybrid.second, Reranker):
        return None
    semantic = hybrid.second.semantic
    topics = {}
    for topic in big:
        original = re.sub(r"-s\d{3}$", "", topic.id)
        source = semantic.topics.get((topic.home, original)) or semantic.topics.get(topic.key)
        if source is not None:
            topics[topic.key] = source
    big_semantic = SemanticIndex(semantic.embedder, topics)
    big_ours = copy.copy(big_lexical)
    Reranker.build(big_ours, big_semantic, hybrid.second.config).attach(big_ours)
    return big_ours


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
