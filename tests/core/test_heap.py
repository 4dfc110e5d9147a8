"""bot.heap: start-up's objects frozen out of the collector's way, without keeping garbage."""

from __future__ import annotations

import gc
import subprocess
import sys
import weakref
from collections.abc import Iterator
from pathlib import Path

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


# A process of its own, so that nothing else in the test run shapes its heap: a 24 MB
# block freed, then 40 blocks of 1 MB built and freed, as a start-up does with its
# temporaries. With the allocator's default, the first free raises its threshold and
# the 1 MB blocks land in the heap; fixed, each has its own mapping and goes back.
_TEMPORARIES = """
import sys
from bot import heap
def rss_kb():
    for line in open('/proc/self/status'):
        if line.startswith('VmRSS:'):
            return int(line.split()[1])
if sys.argv[1] == 'fixed':
    assert heap.fix_allocator()
big = bytearray(24 * 1024 * 1024)
del big
before = rss_kb()
blocks = [bytearray(1024 * 1024) for _ in range(40)]
keep = [bytearray(64) for _ in range(1000)]  # small objects allocated in between
del blocks
print(rss_kb() - before)
"""


# Also a process of its own: 40 MB of heap blocks freed below one still in use, so glibc
# cannot shrink the heap by itself; what `trim` hands back, in kB.
_FREED_INSIDE = """
import sys
from bot import heap
def rss_kb():
    for line in open('/proc/self/status'):
        if line.startswith('VmRSS:'):
            return int(line.split()[1])
blocks = [bytearray(8000) for _ in range(5000)]
last = bytearray(8000)
del blocks
before = rss_kb()
if sys.argv[1] == 'trim':
    heap.trim()
print(before - rss_kb())
"""


def _kb(script: str, mode: str) -> int:
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run(
        [sys.executable, "-c", script, mode],
        capture_output=True,
        text=True,
        cwd=root,
        check=True,
    )
    return int(done.stdout.strip())


@pytest.mark.skipif(heap._libc() is None, reason="glibc's allocator only")
def test_large_temporaries_go_back_to_the_system_with_the_allocator_fixed() -> None:
    assert _kb(_TEMPORARIES, "fixed") < 8 * 1024
    # What the fix is for: with glibc's default, the same blocks stay in the heap.
    assert _kb(_TEMPORARIES, "default") > 30 * 1024


@pytest.mark.skipif(heap._libc() is None, reason="glibc's allocator only")
def test_trim_hands_the_free_pages_inside_the_heap_back() -> None:
    assert _kb(_FREED_INSIDE, "trim") > 30 * 1024
    assert _kb(_FREED_INSIDE, "none") < 4 * 1024
