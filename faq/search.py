"""Find the topic a question is about, in any of the four languages, and say how sure we are.

Every title, keyword and phrasing is a short example of how people ask about a topic;
the answer is background text, weighed like BM25. A topic's score combines (a) its two
best-matching examples, each judged mostly by how much of the example the query contains
and a little by how much of the query it explains, and (b) how much of the query the
whole topic covers. Words weigh by idf over topics. Terms are stems (a knowledge-base
word in its text's language; a query word in every language its script allows, since
users mix them), Cyrillic readings of Latin-typed words, and five-letter prefixes for
endings the stemmers miss; a query word matching nothing is corrected against the
vocabulary, or counted as unknown.

An answer is confident when the top score, its margin over the runner-up, the share of
the query matched without guessing and the share of unseen words all pass thresholds
tuned on the evaluation sets (bench/faq.py): weather, greetings and recipes stay unsure.

Large bases stay fast by expanding the rarest query words first and only looking up the
common ones for the topics the rare ones found (exact while the work is small).
"""

from __future__ import annotations

import heapq
import math
from array import array
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from dataclasses import field as _field
from functools import lru_cache
from typing import Protocol

from rapidfuzz import process
from rapidfuzz.distance import OSA

from core.countries import COUNTRIES, DEFAULT_COUNTRY, OTHER
from faq.caches import WORD_CACHE
from faq.model import KnowledgeBase, Topic
from faq.normalize import STOPWORDS, fold, raw_tokens, script, unmix
from faq.places import Places, find_places
from faq.stemming import PREFIX_MARK, TRANSLIT, readings, text_terms, word_terms


@dataclass(frozen=True, slots=True)
class SearchConfig:
    """Weights and thresholds, tuned with `python -m bench faq` (see bench/faq.py)."""

    example_weight: float = 0.6  # share of the examples in a topic's score (rest: coverage)
    query_side: float = 0.1  # exponent of query coverage in an example's score
    second_example: float = 0.5  # weight of a topic's second-best example beside its best
    answer_field: float = 0.3  # a word found only in answers, relative to titles etc.
    answer_k1: float = 1.2  # BM25 saturation of repeated mentions in answers
    answer_b: float = 0.75  # BM25 length normalisation of answers
    answer_tie: float = 0.3  # bonus of a keyword that the answer also discusses
    prefix_match: float = 0.6  # a shared five-letter prefix, relative to a shared stem
    fuzzy_match: float = 0.9  # a typo correction, times the share of letters kept
    unknown_word: float = 0.75  # weight of a word the index has never seen, times max idf
    unknown_full_length: int = 6  # … in full from this many letters, less when shorter
    lang_bonus: float = 0.04  # an example in the user's language
    answer_only_weight: float = 1.0  # exponent on the strength of a word's best field
    min_score: float = 0.6  # confident needs the top score at least this, …
    min_margin: float = 0.01  # … this far above the second topic, …
    min_exact: float = 0.2  # … this share of the query matched without guessing, …
    max_unknown: float = 0.5  # … and at most this share in words the index never saw
    max_query_words: int = 24  # beyond this a message is a letter, not a question
    max_query_chars: int = 2000
    work_budget: int = 15_000  # postings read before common words switch to look-ups
    max_candidates: int = 200  # topics kept for the common words' look-ups on a large base
    max_example_topics: int = 40  # topics whose examples are scored on a large base


DEFAULT_CONFIG = SearchConfig()

_FUZZY_MIN_LEN = 5  # shorter words are too often another real word one letter away
_EXACT = 0.9  # stems and transliterations; prefixes, typo and verb guesses are weaker
_KEEP = 10  # topics kept in a ranking: the hits and the runner-up for the margin
# A topic for people who may be in danger (`safety: yes` in its file) that is a near tie
# behind another topic's confident answer ("they took my passport and have not paid me
# for half a year" reads as unpaid wages and as trafficking) makes the answer "not sure":
# the suggestions show both, with "Talk to a person", rather than hide the one that
# matters most. Chosen on the tuning sets, where it changes one wrong answer and no
# right one (0.10 would also hold back two right ones).
SAFETY_TIE = 0.05


@dataclass(frozen=True, slots=True)
class Hit:
    topic_id: str
    score: float
    # The country whose view the topic answers in (`other`: shared topics): the topic
    # is `kb.topic(hit.country, hit.topic_id)`; ids repeat across countries.
    country: str = DEFAULT_COUNTRY

    @property
    def key(self) -> tuple[str, str]:
        """(country, topic id): what a button or a deep link must carry."""
        return (self.country, self.topic_id)


@dataclass(frozen=True, slots=True)
class SearchResult:
    confident: bool
    hits: tuple[Hit, ...]
    # The country whose content was searched: the person's, or the one the question names
    # (with several_countries: the person's; each hit says its own country).
    country: str = DEFAULT_COUNTRY
    # The question names this other country (not the person's): answered from its content.
    named_country: str | None = None
    named_countries: tuple[str, ...] = ()  # every country the question names, in any role
    # The question asks about two or more countries: never confident, hits from each.
    several_countries: bool = False
    # The searched country has no content of its own (`other`, or a country without
    # topics): only general (shared) topics, if any: "no information for your country".
    no_country_info: bool = False
    # The message is small talk (faq.smalltalk.SmallTalk: greeting, thanks, …), not a question.
    small_talk: str | None = None

    @property
    def best(self) -> Hit | None:
        return self.hits[0] if self.hits else None


@dataclass(frozen=True, slots=True)
class Ranking:
    """The raw material of a decision: the best (score, topic index) pairs, best first,
    and the share of the query the top topic matches exactly (no prefixes or guesses)."""

    scored: list[tuple[float, int]]
    evidence: float
    unknown: float = 0.0  # share of the query's weight in words the index never saw
    country: str = DEFAULT_COUNTRY  # whose topics `scored` indexes (SearchIndex.scope)
    several_countries: bool = False  # the question asks about several: never confident
    # Per ranked topic, the share of the query it matches exactly (`evidence` is the top's).
    exact: dict[int, float] = _field(default_factory=dict)
    words: int = 0  # content words of the query the index read
    lexical_confident: bool = False  # what the lexical thresholds alone decide


_EMPTY = SearchResult(confident=False, hits=())


@dataclass(slots=True)
class _Group:
    """One query word: the terms it may stand for, each with how much a match counts."""

    variants: dict[str, float]
    weight: float
    df: int


class TopicIndex:
    """The index of one country's view of the knowledge base (see SearchIndex, which
    holds one per country); build once (it is not changed afterwards)."""

    def __init__(self, config: SearchConfig, country: str = DEFAULT_COUNTRY) -> None:
        self.config = config
        self.country = country
        self.topic_ids: list[str] = []
        self.safety_ids: frozenset[str] = frozenset()  # topics with `safety: yes`
        # Every term the index knows, by its number: the arrays below are indexed by it.
        self.term_ids: dict[str, int] = {}
        self.idf = array("d")
        self.term_strength = array("d")  # a term's strongest field in any topic
        self.unknown_idf = 0.0
        # Postings of term k: topics `_tp_topic[_tp_start[k]:_tp_start[k + 1]]` with their
        # fields (1.0 and up in a title/keyword/phrasing, else the answer's weight), in the
        # order they were built (ties among equal coverage keep that order), and the same
        # pairs by topic for look-ups.
        self._tp_start = array("I", [0])
        self._tp_topic = array("I")
        self._tp_field = array("d")
        self._tp_sorted_topic = array("I")
        self._tp_sorted_field = array("d")
        # Examples of term k, ascending: `_ep_example[_ep_start[k]:_ep_start[k + 1]]`.
        self._ep_start = array("I", [0])
        self._ep_example = array("I")
        # Example e: its topic, its language, its (term, word position) pairs at
        # `_ex_start[e]:_ex_start[e + 1]`, per word position the idf of its rarest stem
        # at `_ex_wstart[e]:…`, and their sum. A topic's examples are consecutive:
        # topic t has `_topic_first[t]:_topic_first[t + 1]`.
        self._ex_topic = array("I")
        self._ex_lang = array("B")
        self._langs: list[str] = []
        self._ex_start = array("I", [0])
        self._ex_term = array("I")
        self._ex_pos = array("I")
        self._ex_wstart = array("I", [0])
        self._ex_weight = array("d")
        self._ex_total = array("d")
        self._topic_first = array("I", [0])
        # folded word of a title/keyword/phrasing -> as written, and those words by
        # (first letter, length) for typo look-ups
        self.vocabulary: dict[str, str] = {}
        self.buckets: dict[tuple[str, int], list[str]] = defaultdict(list)

    @classmethod
    def build(cls, kb: KnowledgeBase, config: SearchConfig = DEFAULT_CONFIG) -> TopicIndex:
        """An index over `kb.topics`: the topics of one country's view, by id."""
        index = cls(config, kb.country)
        builder = _Builder(index)
        for topic in kb.topics.values():
            builder.add_topic(topic)
        builder.finish()
        return index

    def __len__(self) -> int:
        return len(self.topic_ids)

    def share_strings(self, shared: dict[str, str]) -> None:
        """Make each word and term an object of `shared` (the first of its value seen):
        the indexes of three countries then hold one string per word instead of one
        each, and a pickle of them (faq.apart) carries it once (about 1 MB)."""

        def one(text: str) -> str:
            return shared.setdefault(text, text)

        self.topic_ids = [one(t) for t in self.topic_ids]
        self.term_ids = {one(t): k for t, k in self.term_ids.items()}
        self.vocabulary = {one(w): one(raw) for w, raw in self.vocabulary.items()}
        self.buckets = {
            (one(a), n): [one(w) for w in words] for (a, n), words in self.buckets.items()
        }

    # ---- reading the arrays ------------------------------------------------------------

    def _postings(self, k: int) -> Iterator[tuple[int, float]]:
        """(topic, field) of term k, in build order."""
        start, stop = self._tp_start[k], self._tp_start[k + 1]
        return zip(self._tp_topic[start:stop], self._tp_field[start:stop], strict=True)

    def _df(self, k: int) -> int:
        return self._tp_start[k + 1] - self._tp_start[k]

    def _field(self, k: int, t: int) -> float | None:
        """Term k's field in topic t, None when the topic lacks the term."""
        start, stop = self._tp_start[k], self._tp_start[k + 1]
        found = bisect_left(self._tp_sorted_topic, t, start, stop)
        if found < stop and self._tp_sorted_topic[found] == t:
            return self._tp_sorted_field[found]
        return None

    def _lookup(self, k: int) -> dict[int, float]:
        """Term k's postings as topic -> field (for a term looked up in many topics)."""
        start, stop = self._tp_start[k], self._tp_start[k + 1]
        return dict(
            zip(self._tp_sorted_topic[start:stop], self._tp_sorted_field[start:stop], strict=True)
        )

    def _term_examples(self, k: int, topics: set[int]) -> Iterable[int]:
        """Examples with term k in the given topics."""
        start, stop = self._ep_start[k], self._ep_start[k + 1]
        examples = self._ep_example[start:stop]
        if len(examples) <= 2 * len(topics):
            owner = self._ex_topic
            return [e for e in examples if owner[e] in topics]
        # Many examples: a topic's examples are consecutive, so find each topic's run.
        first = self._topic_first
        found: list[int] = []
        for t in topics:
            low = bisect_left(examples, first[t])
            high = bisect_left(examples, first[t + 1], low)
            found.extend(examples[low:high])
        return found

    # ---- analysing the query ----------------------------------------------------------

    def _fuzzy(self, word: str) -> dict[str, float]:
        """Terms of vocabulary words within one (two for long words) edits of `word`."""
        if len(word) < _FUZZY_MIN_LEN:
            return {}
        max_edits = 1 if len(word) <= 7 else 2
        found: dict[str, float] = {}
        for length in range(len(word) - max_edits, len(word) + max_edits + 1):
            bucket = self.buckets.get((word[0], length))
            if not bucket:
                continue
            for match, edits, _ in process.extract(
                word, bucket, scorer=OSA.distance, score_cutoff=max_edits, limit=3
            ):
                weight = self.config.fuzzy_match * (1.0 - edits / len(word))
                for term, _ in word_terms(self.vocabulary[match], match):
                    if weight > found.get(term, 0.0):
                        found[term] = weight
        return found

    def _group(self, raw: str) -> _Group | None:
        cfg = self.config
        word = fold(raw)
        if _is_noise(word):
            return None
        if script(word) == "mixed":
            word = unmix(word)
        if any(reading in STOPWORDS for reading, _ in readings(raw, word)):
            return None  # "kak", "chto", "dlya", "s": Russian function words in Latin letters
        terms = word_terms(raw, word)
        variants: dict[str, float] = {}
        for term, strength in terms:
            if term not in self.term_ids:
                continue
            if term.startswith(PREFIX_MARK):
                strength *= cfg.prefix_match
            if strength > variants.get(term, 0.0):
                variants[term] = strength
        exact = [t for t in variants if not t.startswith(PREFIX_MARK)]
        if not exact:
            for term, strength in self._fuzzy(word).items():
                if term in self.term_ids and strength > variants.get(term, 0.0):
                    variants[term] = strength
            for reading, translit in readings(raw, word):
                if translit:  # obshina → обшина, one letter from община
                    for term, strength in self._fuzzy(reading).items():
                        strength *= TRANSLIT
                        if term in self.term_ids and strength > variants.get(term, 0.0):
                            variants[term] = strength
        if not variants:
            # An unseen long word is likely what the question is about (a dish, a
            # sport); an unseen short one is more often an abbreviation or a particle.
            length = min(1.0, len(word) / cfg.unknown_full_length)
            return _Group({}, self.unknown_idf * cfg.unknown_word * length, 0)
        # One word's readings are alternatives: its document frequency is the number of
        # topics any of its best readings occurs in, so a stray rare reading (a Latin
        # phrasing indexed as-is) does not make an everyday word look decisive.
        best = [t for t in variants if not t.startswith(PREFIX_MARK)] or list(variants)
        topics: set[int] = set()
        for term in best:
            k = self.term_ids[term]
            topics.update(self._tp_topic[self._tp_start[k] : self._tp_start[k + 1]])
        df = len(topics)
        # A word found only in answers (never in a title, keyword or phrasing) is weaker
        # evidence of what the question is about, however rare it is.
        strongest = max(s * self.term_strength[self.term_ids[t]] for t, s in variants.items())
        weight = _idf(len(self.topic_ids), df) * min(1.0, strongest) ** cfg.answer_only_weight
        return _Group(variants, weight, df)

    def analyse(self, query: str, skip: frozenset[str] = frozenset()) -> list[_Group]:
        """The query's content words as groups of candidate terms; words in `skip` (the
        place names routing already used) are dropped when this index does not know them."""
        groups: list[_Group] = []
        seen: set[str] = set()
        for raw in raw_tokens(query[: self.config.max_query_chars]):
            if raw in seen or fold(raw) in STOPWORDS:
                continue
            seen.add(raw)
            group = self._group(raw)
            if group is not None and raw in skip and not group.variants:
                continue
            if group is not None:
                groups.append(group)
            if len(groups) >= self.config.max_query_words:
                break
        return groups

    # ---- ranking ----------------------------------------------------------------------

    def search(self, query: str, lang: str | None = None, limit: int = 3) -> SearchResult:
        """The best topics for `query`, best first, and whether the first is a safe answer."""
        ranking = self.rank(query, lang)
        if not ranking.scored:
            return _EMPTY
        hits = tuple(
            Hit(self.topic_ids[t], round(s, 4), self.country)
            for s, t in ranking.scored[: max(limit, 1)]
        )
        return SearchResult(confident=self.is_confident(ranking), hits=hits, country=self.country)

    def is_confident(self, ranking: Ranking) -> bool:
        cfg = self.config
        if not ranking.scored or ranking.several_countries:
            return False
        top = ranking.scored[0][0]
        second = ranking.scored[1][0] if len(ranking.scored) > 1 else 0.0
        return (
            top >= cfg.min_score
            and top - second >= cfg.min_margin
            and ranking.evidence >= cfg.min_exact
            and ranking.unknown <= cfg.max_unknown
        )

    def rank(
        self, query: str, lang: str | None = None, skip: frozenset[str] = frozenset()
    ) -> Ranking:
        """The best-scoring topics the query touches, with the top topic's exact evidence."""
        cfg = self.config
        groups = self.analyse(query, skip)
        weights = [g.weight for g in groups]
        total = sum(weights)
        if not groups or total <= 0:
            return Ranking([], 0.0, country=self.country)
        n = len(groups)
        order = sorted((i for i in range(n) if groups[i].variants), key=lambda i: groups[i].df)
        if not order:
            return Ranking([], 0.0, 1.0, country=self.country, words=n)

        # Rare words first: read their postings while the work stays small. A topic's
        # row holds each word's best match; `covered` keeps the weighted sum up to date.
        cover: dict[int, list[float]] = {}
        covered: dict[int, float] = {}
        expanded: list[int] = []
        work = 0
        ids = self.term_ids
        for i in order:
            size = sum(self._df(ids[t]) for t in groups[i].variants)
            if expanded and work + size > cfg.work_budget:
                break
            work += size
            expanded.append(i)
            w = weights[i]
            for term, strength in groups[i].variants.items():
                for t, field in self._postings(ids[term]):
                    row = cover.get(t)
                    if row is None:
                        row = cover[t] = [0.0] * n
                        covered[t] = 0.0
                    value = strength * field
                    if value > row[i]:
                        covered[t] += w * (value - row[i])
                        row[i] = value
        deferred = [i for i in order if i not in expanded]
        if deferred:
            # Keep the topics that could still win, then look the common words up for them.
            if len(cover) > cfg.max_candidates:
                keep = heapq.nlargest(cfg.max_candidates, covered, key=covered.__getitem__)
                cover = {t: cover[t] for t in keep}
            for i in deferred:
                w = weights[i]
                for term, strength in groups[i].variants.items():
                    postings = self._lookup(ids[term])
                    for t, row in cover.items():
                        found = postings.get(t)
                        if found is not None and strength * found > row[i]:
                            covered[t] += w * (strength * found - row[i])
                            row[i] = strength * found

        # Examples are the costly part: score them for the topics with the best coverage.
        if len(cover) > cfg.max_example_topics:
            example_topics = set(
                heapq.nlargest(cfg.max_example_topics, cover, key=covered.__getitem__)
            )
        else:
            example_topics = set(cover)
        best_example = self._examples(groups, weights, total, expanded, example_topics, lang)
        lam, beta = cfg.example_weight, cfg.second_example
        scored: list[tuple[float, int]] = []
        for t in cover:
            first, second = best_example.get(t, (0.0, 0.0))
            # A second matching example is corroboration: one stray keyword is weaker.
            examples = (first + beta * second) / (1.0 + beta)
            scored.append((lam * examples + (1.0 - lam) * covered[t] / total, t))
        if len(scored) > _KEEP:
            scored = heapq.nlargest(_KEEP, scored)
        scored.sort(key=lambda item: (-item[0], self.topic_ids[item[1]]))
        # Exact evidence: words a topic has in a title, keyword or phrasing, read
        # without guessing (no prefix, typo correction or Kazakh verb guess).
        exact: dict[int, float] = {}
        for _, t in scored:
            exact[t] = (
                sum(
                    g.weight
                    for g in groups
                    if any(
                        s >= _EXACT and (self._field(ids[term], t) or 0.0) >= 1.0
                        for term, s in g.variants.items()
                    )
                )
                / total
            )
        unknown = sum(g.weight for g in groups if not g.variants)
        ranking = Ranking(
            scored, exact[scored[0][1]], unknown / total, self.country, exact=exact, words=n
        )
        return replace(ranking, lexical_confident=self.is_confident(ranking))

    def _examples(
        self,
        groups: list[_Group],
        weights: list[float],
        total: float,
        expanded: list[int],
        topics: set[int],
        lang: str | None,
    ) -> dict[int, tuple[float, float]]:
        """Per candidate topic, the scores of its two best examples."""
        cfg = self.config
        ids = self.term_ids
        candidates: set[int] = set()
        for i in expanded:
            for term in groups[i].variants:
                candidates.update(self._term_examples(ids[term], topics))
        # term -> (query word, strength) pairs: each example then visits its own few
        # (term, position) pairs instead of every variant of the query.
        wanted: dict[int, list[tuple[int, float]]] = defaultdict(list)
        for i, group in enumerate(groups):
            for term, strength in group.variants.items():
                wanted[ids[term]].append((i, strength))
        a = cfg.query_side
        bonus = self._langs.index(lang) if lang in self._langs else -1
        start, ex_term, ex_pos = self._ex_start, self._ex_term, self._ex_pos
        wstart, ex_weight = self._ex_wstart, self._ex_weight
        best: dict[int, tuple[float, float]] = {}
        for e in candidates:
            matched: dict[int, float] = {}
            strongest: dict[int, float] = {}
            low, high = start[e], start[e + 1]
            for k, pos in zip(ex_term[low:high], ex_pos[low:high], strict=True):
                pairs = wanted.get(k)
                if pairs is None:
                    continue
                for i, strength in pairs:
                    if strength > strongest.get(i, 0.0):
                        strongest[i] = strength
                    if strength > matched.get(pos, 0.0):
                        matched[pos] = strength
            query_part = sum(weights[i] * s for i, s in strongest.items()) / total
            w0 = wstart[e]
            example_part = min(
                sum(ex_weight[w0 + p] * s for p, s in matched.items()) / self._ex_total[e], 1.0
            )
            # Geometric: a phrasing must be mostly present and explain the query too.
            sim = query_part**a * example_part ** (1.0 - a)
            if self._ex_lang[e] == bonus:
                sim *= 1.0 + cfg.lang_bonus
            topic = self._ex_topic[e]
            first, second = best.get(topic, (0.0, 0.0))
            if sim > first:
                best[topic] = (sim, first)
            elif sim > second:
                best[topic] = (first, sim)
        return best


class _Builder:
    """Builds a TopicIndex: terms as strings in dicts while topics are added, then packed
    into the index's arrays, and the dicts go (a dict per term and per example would hold
    most of the process's memory)."""

    def __init__(self, index: TopicIndex) -> None:
        self.index = index
        # term -> {topic: occurrences in its answers}, and answer lengths
        self.answer_tf: dict[str, dict[int, int]] = defaultdict(dict)
        self.answer_len: list[int] = []
        self.strong: dict[str, set[int]] = defaultdict(set)  # titles, keywords, phrasings
        self.example_postings: dict[str, list[int]] = defaultdict(list)  # term -> examples
        # Per example: its topic, language, term -> word positions, and word count.
        self.examples: list[tuple[int, str, dict[str, list[int]], int]] = []

    def _terms(self, raw: str, word: str, lang: str, *, strong: bool) -> tuple[str, ...]:
        # Typos are corrected towards words of titles, keywords and phrasings only: the
        # answers' long tail of everyday words would turn "погоду" into "поводу".
        index = self.index
        if strong and word not in index.vocabulary:
            index.vocabulary[word] = raw  # its readings are worked out if a typo needs it
            if len(word) >= _FUZZY_MIN_LEN:
                index.buckets[(word[0], len(word))].append(word)
        return text_terms(raw, word, lang)

    def add_topic(self, topic: Topic) -> None:
        index = self.index
        t = len(index.topic_ids)
        index.topic_ids.append(topic.id)
        if topic.safety:
            index.safety_ids |= {topic.id}
        length = 0
        for lang, text in topic.texts.items():
            words = Counter(_words(text.answer))
            length += sum(words.values())
            for (raw, word), count in words.items():
                for term in self._terms(raw, word, lang, strong=False):
                    tfs = self.answer_tf[term]
                    tfs[t] = tfs.get(t, 0) + count
        self.answer_len.append(length)
        for lang, text in topic.texts.items():
            for example in (text.title, *text.keywords, *text.phrasings):
                self._add_example(t, lang, example)
        index._topic_first.append(len(self.examples))

    def _add_example(self, t: int, lang: str, text: str) -> None:
        words = _words(text)
        if not words:
            return
        e = len(self.examples)
        terms: dict[str, list[int]] = defaultdict(list)
        for pos, (raw, word) in enumerate(words):
            for term in self._terms(raw, word, lang, strong=True):
                terms[term].append(pos)
        for term in terms:
            self.example_postings[term].append(e)
            self.strong[term].add(t)
        self.examples.append((t, lang, dict(terms), len(words)))

    def finish(self) -> None:
        index = self.index
        cfg = index.config
        n = max(len(index.topic_ids), 1)
        # A word in a title, keyword or phrasing counts 1.0. Answers count like BM25: more
        # mentions weigh more, with diminishing returns, relative to the answer's length,
        # and break ties between topical matches.
        average = sum(self.answer_len) / n or 1.0
        k1, b = cfg.answer_k1, cfg.answer_b
        topic_postings: dict[str, dict[int, float]] = {}
        for term in self.strong.keys() | self.answer_tf.keys():
            postings = topic_postings[term] = {}
            strong = self.strong.get(term, set())
            tfs = self.answer_tf.get(term, {})
            for t in strong | tfs.keys():
                tf = tfs.get(t, 0)
                norm = k1 * (1.0 - b + b * self.answer_len[t] / average)
                saturated = tf / (tf + norm)
                if t in strong:
                    postings[t] = 1.0 + cfg.answer_tie * saturated
                else:
                    postings[t] = cfg.answer_field * saturated * (1.0 + k1)
        self.answer_tf.clear()
        self.strong.clear()
        terms = sorted(topic_postings)
        index.term_ids = {term: k for k, term in enumerate(terms)}
        for term in terms:
            postings = topic_postings.pop(term)
            index._tp_topic.extend(postings.keys())
            index._tp_field.extend(postings.values())
            by_topic = sorted(postings.items())
            index._tp_sorted_topic.extend(t for t, _ in by_topic)
            index._tp_sorted_field.extend(field for _, field in by_topic)
            index._tp_start.append(len(index._tp_topic))
            index.idf.append(_idf(n, len(postings)))
            index.term_strength.append(max(postings.values()))
            index._ep_example.extend(self.example_postings.get(term, ()))
            index._ep_start.append(len(index._ep_example))
        index.unknown_idf = _idf(n, 0)
        # An example word weighs as much as its rarest stem (prefixes only back stems up).
        langs: dict[str, int] = {}
        for t, lang, example_terms, count in self.examples:
            index._ex_topic.append(t)
            index._ex_lang.append(langs.setdefault(lang, len(langs)))
            weights = [0.0] * count
            for term, positions in example_terms.items():
                k = index.term_ids[term]
                for pos in positions:
                    index._ex_term.append(k)
                    index._ex_pos.append(pos)
                if term.startswith(PREFIX_MARK):
                    continue
                w = index.idf[k]
                for pos in positions:
                    if w > weights[pos]:
                        weights[pos] = w
            index._ex_start.append(len(index._ex_term))
            index._ex_weight.extend(weights)
            index._ex_wstart.append(len(index._ex_weight))
            index._ex_total.append(sum(weights) or 1.0)
        index._langs = list(langs)
        self.examples.clear()
        self.example_postings.clear()
        index.buckets = dict(index.buckets)


class SecondOpinion(Protocol):
    """A second stage (faq.rerank): reranks a lexical ranking and decides confidence."""

    def decide(self, query: str, ranking: Ranking) -> tuple[list[tuple[float, int]], bool]:
        """(score, topic index) best first, and whether the first is a safe answer."""
        ...


class SearchIndex:
    """Search by country: one TopicIndex per country's view, and routing by place names.

    A person of a country is answered from that country's topics and the shared topics
    that list it; a person of `other` (or None) from shared topics only. A question that
    asks about another country ("в Казахстане", "in Riga") is answered from that
    country's view for that question (`named_country`); one that asks about several is
    never confident. A topic outside the searched view is never returned at all.
    """

    def __init__(self, kb: KnowledgeBase, config: SearchConfig, scopes: dict[str, TopicIndex]):
        self.kb = kb
        self.config = config
        self.scopes = scopes
        # The meaning stage (faq.rerank.Reranker), when the model is there.
        self.second: SecondOpinion | None = None
        # Countries with topics of their own (shared ones alone are "no information").
        self.own_content = frozenset(t.home for t in kb if not t.shared)

    @classmethod
    def build(cls, kb: KnowledgeBase, config: SearchConfig = DEFAULT_CONFIG) -> SearchIndex:
        scopes = {
            country: TopicIndex.build(kb.view(country), config) for country in (*COUNTRIES, OTHER)
        }
        return cls(kb, config, scopes)

    def __len__(self) -> int:
        return len(self.kb)

    def scope(self, country: str | None) -> TopicIndex:
        """The index of one country's view (`other` or None: shared topics only)."""
        return self.scopes[_person_country(country)]

    def route(self, query: str, country: str | None = DEFAULT_COUNTRY) -> tuple[str, Places]:
        """The country whose content answers `query` for a person of `country`."""
        own = _person_country(country)
        places = find_places(query[: self.config.max_query_chars])
        return places.subject or own, places

    def rank(
        self, query: str, lang: str | None = None, country: str | None = DEFAULT_COUNTRY
    ) -> Ranking:
        """The ranking in the view that answers `query` (see `route`); its indices are
        into `self.scopes[ranking.country].topic_ids`."""
        target, places = self.route(query, country)
        ranking = self.scopes[target].rank(query, lang, places.words)
        if places.several:
            return replace(ranking, several_countries=True)
        return ranking

    def is_confident(self, ranking: Ranking) -> bool:
        return self.scopes[ranking.country].is_confident(ranking)

    def search(
        self,
        query: str,
        lang: str | None = None,
        limit: int = 3,
        country: str | None = DEFAULT_COUNTRY,
    ) -> SearchResult:
        """The best topics for `query` for a person of `country`, best first, and whether
        the first is a safe answer. Every hit carries the country it answers in."""
        own = _person_country(country)
        target, places = self.route(query, own)
        limit = max(limit, 1)
        named = places.named
        if places.several:
            # Several countries and no telling which: the best of each, never confident.
            hits: list[Hit] = []
            for place in places.targets or places.named:
                hits.extend(self.scopes[place].search(query, lang, limit).hits)
            hits.sort(key=lambda h: (-h.score, h.country, h.topic_id))
            return SearchResult(
                confident=False,
                hits=tuple(hits[:limit]),
                country=own,
                named_countries=named,
                several_countries=True,
                no_country_info=own not in self.own_content,
            )
        scope = self.scopes[target]
        ranking = scope.rank(query, lang, places.words)
        if self.second is not None and ranking.words:
            scored, confident = self.second.decide(query, ranking)
        else:
            scored, confident = ranking.scored, scope.is_confident(ranking)
        # The first three are read for the safety near tie even when fewer are shown.
        best = tuple(
            Hit(scope.topic_ids[t], round(s, 4), target) for s, t in scored[: max(limit, 3)]
        )
        hits_ = best[:limit]
        return SearchResult(
            confident=bool(hits_) and confident and not safety_close_behind(best, scope.safety_ids),
            hits=hits_,
            country=target,
            named_country=target if target != own else None,
            named_countries=named,
            no_country_info=target not in self.own_content,
        )


def safety_close_behind(hits: tuple[Hit, ...], safety_ids: frozenset[str]) -> bool:
    """A topic for people in danger (`safety_ids`) is within SAFETY_TIE of a first hit
    that is not one, among the first three."""
    if not hits or hits[0].topic_id in safety_ids:
        return False
    first = hits[0].score
    return any(h.topic_id in safety_ids and h.score >= first - SAFETY_TIE for h in hits[1:3])


def _person_country(country: str | None) -> str:
    """A person's country as the index knows it: a known code, else `other`."""
    return country if country is not None and country in COUNTRIES else OTHER


def _idf(n: int, df: int) -> float:
    return math.log(1.0 + (n - df + 0.5) / (df + 0.5))


@lru_cache(maxsize=WORD_CACHE)
def _is_noise(word: str) -> bool:
    # Step numbers and "2 months" say nothing about a topic; 112 or 1345 might.
    return word in STOPWORDS or (word.isdigit() and len(word) < 3)


def _words(text: str) -> list[tuple[str, str]]:
    """(raw, folded) content words of an index text, stop words and noise dropped."""
    out: list[tuple[str, str]] = []
    for raw in raw_tokens(text):
        word = fold(raw)
        if script(word) == "mixed":
            word = unmix(word)
        if not _is_noise(word):
            out.append((raw, word))
    return out
