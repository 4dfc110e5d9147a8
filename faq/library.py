"""The live knowledge base: content, its search index, and reloads that never break it."""

from __future__ import annotations

import logging
import time
from pathlib import Path

from faq.model import KnowledgeBase, Problem
from faq.search import SearchIndex
from faq.validate import LabelsFor, check, default_path

log = logging.getLogger(__name__)


class Library:
    """Holds one consistent (content, index) pair; a reload swaps both or neither."""

    def __init__(self, path: str | Path | None = None, *, labels: LabelsFor | None = None) -> None:
        self.path = Path(path) if path else default_path()
        self._labels = labels
        self._kb: KnowledgeBase | None = None
        self._index: SearchIndex | None = None

    @property
    def kb(self) -> KnowledgeBase:
        if self._kb is None:
            raise RuntimeError("the knowledge base is not loaded")
        return self._kb

    @property
    def index(self) -> SearchIndex:
        if self._index is None:
            raise RuntimeError("the knowledge base is not loaded")
        return self._index

    def reload(self) -> list[Problem]:
        """Validate the folder; only content without a single problem goes live."""
        started = time.perf_counter()
        result = check(self.path, labels=self._labels)
        if result.problems:
            log.warning(
                "knowledge base in %s has %s problems; keeping what is live",
                self.path,
                len(result.problems),
            )
            return list(result.problems)
        if not len(result.kb):
            return [Problem(str(self.path), 1, "no topic files found")]
        index = SearchIndex.build(result.kb)
        self._kb, self._index = result.kb, index
        log.info(
            "knowledge base: %s topics live, indexed in %.0f ms",
            len(result.kb),
            (time.perf_counter() - started) * 1000,
        )
        return []
