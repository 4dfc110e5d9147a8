"""The second stage: rerank the lexical candidates by meaning, and decide from evidence.

The lexical stage (faq.search) reads words; it cannot tell a cooking recipe from a
medical prescription, and it misses a situation told in other words. Here each candidate
also gets its meaning similarity: the best cosine between the question's vector and the
topic's example vectors (faq.semantic). Candidates are the lexical top ten and the
topics nearest in meaning, so a question that shares no word with its topic can still
find it. Each gets

    score = lexical_weight · lexical + (1 − lexical_weight) · stretched(similarity)

and the top one is a confident answer when a logistic model over its evidence (both
scores, both margins over the runner-up, the share of the question matched exactly, the
share of unseen words, whether both stages agree) and the products of every pair of
them (one piece of evidence counts for more when another backs it: a close meaning
with words in common, not a close meaning alone) says the answer is right with enough
probability. Weights and coefficients are fitted by `python -m bench faq --tune` (see
bench/faq_tune.py: on the tuning sets, and on the blind sets as they were when new, which
also set the threshold) and written into `RerankConfig`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from faq.search import Ranking, SearchIndex
from faq.semantic import SemanticIndex, TopicVectors, Vectors
from faq.vectors import CodedRows

# Beyond this many example rows a scope is searched through topic centroids first.
_EXACT_ROWS = 60_000
_CENTROID_CANDIDATES = 40
_CENTROID_GAP = 0.05
# Examples nearest to the query whose topics vote (the `votes` feature).
VOTES = 7

FEATURES = (
    "lexical",
    "lexical_margin",
    "similarity",
    "similarity_margin",
    "exact",
    "unknown",
    "agree",
    "lexical_top",
    "short",
    "spread",  # the top's cosine above the mean best cosine of every topic
    "offtopic_margin",  # the top's cosine above the nearest everyday off-topic request
    "margin",  # the top's combined score above the runner-up's
    "votes",  # the share of the examples nearest in meaning that belong to the top
    "lexical_confident",  # the lexical stage alone would answer with this top
    "length",  # content words read, up to LONG_WORDS, as a share of it
)
# A message this long tells a story: its words spread over neighbouring topics and its
# meaning is diluted, so the same scores mean more than in a three-word question.
LONG_WORDS = 20


@dataclass(frozen=True, slots=True)
class RerankConfig:
    """Fitted by `python -m bench faq --tune` on the tuning sets and on the blind sets
    against the content of the day each came in (never the holdouts): the threshold is
    chosen on the blind ones, which look like a new person's words (bench/faq_tune.py)."""

    lexical_weight: float = 0.7
    similarity_floor: float = 0.75  # cosine that counts as no similarity at all …
    similarity_ceiling: float = 0.95  # … and as a paraphrase
    semantic_candidates: int = 3  # topics nearest in meaning added to the lexical ones
    # The lexical stage is certain, and the model is not asked (it costs most of a
    # search): confident by its own thresholds, with at least this score, this margin
    # over the runner-up and this share of the question matched exactly. Chosen on the
    # tuning sets, where a third of the questions pass and none of them is wrong or
    # off-topic (`python -m bench faq --tune` prints the count).
    certain_score: float = 0.9
    certain_margin: float = 0.3
    certain_exact: float = 0.7
    # Logistic model of "the top answer is right": intercept, then one per FEATURES, …
    # fmt: off
    intercept: float = -5.3089
    coefficients: tuple[float, ...] = (
        0.4007, -1.2104, 2.3403, 2.0015, 0.3632, -1.3419, 0.1226, -0.5501,
        -0.6582, -9.2829, 9.0523, -0.4625, 0.5885, 0.247, 2.232,
    )
    # … then one per pair of FEATURES (i < j, in order: see `expand`); none: linear only.
    pairs: tuple[float, ...] = (
        0.1578, 0.3845, 0.5658, 0.1279, -1.2441, -0.3931, 0.131, 1.5223,
        -11.5576, 0.6298, -0.0531, 0.2382, 0.7982, 0.1229, 0.3527, 1.1261,
        0.3339, -2.6514, -0.1219, -1.052, 1.3947, -5.7473, 31.151, -3.1537,
        -1.8137, 0.1968, 7.7765, 2.2703, 0.3507, -0.1457, 0.3967, 0.4761,
        0.0641, -1.0198, 6.41, 1.3503, 1.4884, 0.5352, 0.0993, 2.0741,
        0.7125, -3.6004, 0.6367, -4.1788, -5.3575, 29.003, -5.4581, -2.9812,
        -1.3299, 5.8756, 5.6818, 0.3465, 0.6358, 0.0132, -8.108, 0.5023,
        0.307, 0.4998, 0.1531, 6.6733, -0.7776, 0.1322, -0.5494, -26.1752,
        21.2986, -3.8434, -1.3073, -2.938, 3.8179, 0.1226, -0.9329, 1.5136,
        7.5478, -0.1032, 0.4888, -0.7721, -0.5359, -0.808, -10.0527, 3.3503,
        -0.58, -0.5099, 0.247, -0.7593, 0.5213, 17.645, 0.6343, -0.3483,
        0.2422, -2.9927, 3.8866, -11.4077, 10.3607, -7.8467, -26.2401, 39.4428,
        17.8335, -1.0954, -29.5161, -1.8151, -0.0249, 13.4562, 0.0796, 1.0475,
        1.2352,
    )
    # fmt: on
    min_probability: float = 0.895


DEFAULT_RERANK = RerankConfig()


@dataclass(frozen=True, slots=True)
class Decision:
    scored: list[tuple[float, int]]  # (combined score, topic index), best first
    confident: bool
    probability: float
    features: tuple[float, ...]


class ScopeVectors:
    """The example vectors of one scope's topics, in the order of its `topic_ids`."""

    def __init__(self, topics: list[TopicVectors]) -> None:
        self.topics = topics
        self.centroids = np.stack([t.centroid for t in topics]) if topics else np.zeros((0, 1))
        rows = sum(len(t.examples) for t in topics)
        self.stacked: CodedRows | None = None
        self.starts = np.zeros(0, dtype=np.int64)
        if topics and rows <= _EXACT_ROWS:
            self.stacked = CodedRows.joined([t.examples for t in topics])
            sizes = np.array([len(t.examples) for t in topics])
            self.starts = np.concatenate(([0], np.cumsum(sizes)[:-1])).astype(np.int64)
            self.row_topic = np.repeat(np.arange(len(topics)), sizes)

    def similarities(
        self, query: Vectors, wanted: list[int], nearest: int
    ) -> tuple[dict[int, float], float, list[int]]:
        """The best example cosine of each wanted topic and of the `nearest` others, the
        mean best cosine over the scope's topics (how close the query is to anything),
        and the topics of the VOTES examples nearest to the query."""
        if not self.topics:
            return {}, 0.0, []
        if self.stacked is not None:
            sims = self.stacked.dot(query)
            best = np.maximum.reduceat(sims, self.starts)
            chosen = set(wanted)
            if nearest:
                chosen.update(int(t) for t in np.argsort(-best)[:nearest])
            count = min(VOTES, len(sims))
            rows = np.argpartition(-sims, count - 1)[:count]
            voters = [int(self.row_topic[r]) for r in rows]
            return {t: float(best[t]) for t in chosen}, float(best.mean()), voters
        # A large base: centroids pick the topics worth reading example by example.
        by_centroid = self.centroids @ query
        near = np.argsort(-by_centroid)[:_CENTROID_CANDIDATES]
        out: dict[int, float] = {}
        pairs: list[tuple[float, int]] = []
        for t in {*wanted, *(int(t) for t in near)}:
            sims = self.topics[t].examples.dot(query)
            out[t] = float(np.max(sims))
            pairs.extend((float(v), t) for v in np.sort(sims)[-VOTES:])
        # Centroids sit below the best example by about as much as the shipped base shows.
        background = float(np.mean(by_centroid)) + _CENTROID_GAP
        voters = [t for _, t in sorted(pairs, reverse=True)[:VOTES]]
        if nearest:
            extra = sorted(out, key=lambda t: -out[t])[:nearest]
            out = {t: s for t, s in out.items() if t in wanted or t in extra}
        return out, background, voters


def features(
    ranking: Ranking,
    similarity: dict[int, float],
    config: RerankConfig = DEFAULT_RERANK,
    background: float = 0.0,
    offtopic: float = 0.0,
    voters: list[int] | None = None,
) -> tuple[list[tuple[float, int]], tuple[float, ...]]:
    """The combined ranking, and the evidence for its top topic (in FEATURES order)."""
    lexical = {t: s for s, t in ranking.scored}
    span = config.similarity_ceiling - config.similarity_floor
    w = config.lexical_weight

    def stretched(t: int) -> float:
        return min(max((similarity.get(t, 0.0) - config.similarity_floor) / span, 0.0), 1.2)

    candidates = set(lexical) | set(similarity)
    scored = sorted(
        ((w * lexical.get(t, 0.0) + (1.0 - w) * stretched(t), t) for t in candidates),
        key=lambda item: (-item[0], item[1]),
    )
    if not scored:
        return [], tuple(0.0 for _ in FEATURES)
    top = scored[0][1]
    others = [t for t in candidates if t != top]
    lex_top = lexical.get(top, 0.0)
    sim_top = stretched(top)
    lex_other = max((lexical.get(t, 0.0) for t in others), default=0.0)
    sim_other = max((stretched(t) for t in others), default=0.0)
    lexical_first = ranking.scored[0][1] if ranking.scored else -1
    semantic_first = max(similarity, key=lambda t: similarity[t]) if similarity else -1
    values = (
        lex_top,
        lex_top - lex_other,
        sim_top,
        sim_top - sim_other,
        ranking.exact.get(top, 0.0),
        ranking.unknown,
        1.0 if top == lexical_first and top == semantic_first else 0.0,
        1.0 if top == lexical_first else 0.0,
        1.0 if ranking.words <= 2 else 0.0,
        similarity.get(top, 0.0) - background,
        similarity.get(top, 0.0) - offtopic,
        scored[0][0] - (scored[1][0] if len(scored) > 1 else 0.0),
        sum(1 for t in voters or () if t == top) / max(len(voters or ()), 1),
        1.0 if ranking.lexical_confident and top == lexical_first else 0.0,
        min(ranking.words / LONG_WORDS, 1.0),
    )
    return scored, values


def expand(values: tuple[float, ...]) -> tuple[float, ...]:
    """The products of every pair of features, (0, 1), (0, 2), …, (1, 2), …"""
    return tuple(
        values[i] * values[j] for i in range(len(values)) for j in range(i + 1, len(values))
    )


def probability(values: tuple[float, ...], config: RerankConfig = DEFAULT_RERANK) -> float:
    z = config.intercept + sum(c * v for c, v in zip(config.coefficients, values, strict=True))
    if config.pairs:
        z += sum(c * v for c, v in zip(config.pairs, expand(values), strict=True))
    return 1.0 / (1.0 + math.exp(-max(min(z, 50.0), -50.0)))


def decide(
    ranking: Ranking,
    scope: ScopeVectors,
    query: Vectors,
    config: RerankConfig = DEFAULT_RERANK,
    offtopic: float = 0.0,
) -> Decision:
    """Rerank `ranking` with meaning and decide whether its top is a safe answer."""
    wanted = [t for _, t in ranking.scored]
    similarity, background, voters = scope.similarities(query, wanted, config.semantic_candidates)
    scored, values = features(ranking, similarity, config, background, offtopic, voters)
    if not scored:
        return Decision([], False, 0.0, values)
    p = probability(values, config)
    return Decision(
        scored, p >= config.min_probability and not ranking.several_countries, p, values
    )


def lexically_certain(ranking: Ranking, config: RerankConfig = DEFAULT_RERANK) -> bool:
    """The lexical stage alone is sure enough that the model need not be asked."""
    if not ranking.scored or not ranking.lexical_confident or ranking.several_countries:
        return False
    top, t = ranking.scored[0]
    second = ranking.scored[1][0] if len(ranking.scored) > 1 else 0.0
    return (
        top >= config.certain_score
        and top - second >= config.certain_margin
        and ranking.exact.get(t, 0.0) >= config.certain_exact
    )


class Reranker:
    """The SecondOpinion of a SearchIndex: per scope, vectors aligned with its topics."""

    def __init__(
        self,
        semantic: SemanticIndex,
        scopes: dict[str, ScopeVectors],
        config: RerankConfig = DEFAULT_RERANK,
        max_chars: int = 2000,
    ) -> None:
        self.semantic = semantic
        self.scopes = scopes
        self.config = config
        self.max_chars = max_chars

    @classmethod
    def build(
        cls, index: SearchIndex, semantic: SemanticIndex, config: RerankConfig = DEFAULT_RERANK
    ) -> Reranker:
        scopes: dict[str, ScopeVectors] = {}
        for country, scope in index.scopes.items():
            view = index.kb.view(country).topics
            scopes[country] = ScopeVectors(
                [semantic.topics[view[topic_id].key] for topic_id in scope.topic_ids]
            )
        return cls(semantic, scopes, config, index.config.max_query_chars)

    def attach(self, index: SearchIndex) -> SearchIndex:
        index.second = self
        return index

    def decide(self, query: str, ranking: Ranking) -> tuple[list[tuple[float, int]], bool]:
        if lexically_certain(ranking, self.config):
            return ranking.scored, True
        decision = self.judge(query, ranking)
        return decision.scored, decision.confident

    def judge(self, query: str, ranking: Ranking) -> Decision:
        vector = self.semantic.query(query[: self.max_chars])
        return decide(
            ranking, self.scopes[ranking.country], vector, self.config, self.offtopic(vector)
        )

    def offtopic(self, vector: Vectors) -> float:
        """The cosine of the nearest everyday off-topic request (faq.offtopic)."""
        anchors = self.semantic.offtopic
        return float(np.max(anchors @ vector)) if len(anchors) else 0.0
