"""bot.heap: start-up's objects frozen out of the collector's way, without keeping garbage."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator

import pytest

from bot import heap


class Node:
    """Something with a reference cycle, as an index and its reranker have."""

    def __init__(self) -> None:
        self.other: Node | None = None


def cycle() -> tuple[Node, weakref.ref[Node]]:
    a, b = Node(), Node()
    a.other, b.other = b, a
    return a, weakref.ref(b)


@pytest.fixture(autouse=True)
def unfrozen() -> Iterator[None]:
    gc.unfreeze()
    yield
    gc.unfreeze()


def test_settle_freezes_what_is_alive() -> None:
    kept, _ = cycle()
    heap.settle()
    assert gc.get_freeze_count() > 0
    assert kept.other is not None and kept.other.other is kept


def test_resettle_frees_a_frozen_cycle_that_became_garbage() -> None:
    old, alive = cycle()
    heap.settle()
    del old
    gc.collect()
    # Frozen: an ordinary collection does not look at it (that is the point of freezing).
    assert alive() is not None
    heap.resettle()
    assert alive() is None
    assert gc.get_freeze_count() > 0


def test_resettle_leaves_a_process_that_never_settled_alone() -> None:
    heap.resettle()
    assert gc.get_freeze_count() == 0
