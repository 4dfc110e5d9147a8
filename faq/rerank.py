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
probability. Weights and coefficients are fitted on the tuning sets by
`python -m bench faq --tune` (see bench/faq.py) and written into `RerankConfig`.
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
    """Fitted by `python -m bench faq --tune` on the tuning sets (never the holdouts)."""

    lexical_weight: float = 0.6
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
    intercept: float = -5.9747
    coefficients: tuple[float, ...] = (
        1.4938, 0.3559, 2.6031, 0.6437, 0.8665, -2.0454, 0.1583, -0.7266,
        -0.6479, -6.3273, 11.0441, 1.1492, 0.5648, 0.5146, 2.1816,
    )
    # … then one per pair of FEATURES (i < j, in order: see `expand`); none: linear only.
    pairs: tuple[float, ...] = (
        0.3418, 0.87, -0.0054, 0.1806, -0.3805, 0.2, -0.0328, 0.5064,
        -4.7186, 2.6676, 0.744, 0.2604, 0.1626, 0.8803, -0.0008, -1.9979,
        0.381, 0.5684, -0.5005, 0.2395, 0.1769, -9.6523, 6.967, -0.8509,
        -1.6409, 0.2666, 3.2751, 0.5404, 0.5365, -2.2313, 0.1948, -0.0253,
        -0.0067, -0.2816, 7.7806, 0.5001, 0.8585, 0.1807, 1.7555, 0.0441,
        2.1695, -1.7813, -0.2689, -2.6377, 6.218, 8.1017, -5.354, -1.2206,
        -0.0165, 3.1343, 6.0168, 0.0644, -0.0704, -1.2005, -6.0417, 0.5039,
        0.6768, 0.028, -0.0469, 2.1235, -0.1991, -0.5301, 0.7553, -29.3435,
        38.0103, -1.2823, -0.8755, -0.6673, 5.0554, 0.1583, 0.0005, -0.185,
        9.1075, -1.4861, 0.1493, 0.2428, -0.2068, -0.6564, -10.7512, 5.7489,
        0.831, -0.439, 0.5146, 0.8431, 0.6596, 13.8991, -0.4015, -0.0607,
        1.0204, 1.6962, 20.4616, -9.5941, 6.8542, -9.2301, -35.7634, 10.6104,
        12.3938, -1.8368, 4.4709, -1.9749, 0.7124, 9.0268, -0.0291, 1.5347,
        -1.5271,
    )
    # fmt: on
    min_probability: float = 0.81


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
