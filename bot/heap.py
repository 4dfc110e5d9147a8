"""What the process builds at start-up is kept out of the garbage collector's way.

A bot process loads its knowledge base, translations and services once and keeps
them until it stops: some 200,000 objects. CPython's collector walks every one
of them in each full collection, and a busy bot triggers one every few hundred
updates (each update leaves a few hundred objects behind for a while): a fifth
of the CPU of a /start went there (`python -m bench e2e`). `gc.freeze()` moves
them to a generation that is never collected; what is frozen is still freed
when nothing refers to it any more, only a reference cycle among frozen objects
would stay, so whatever replaces a large part of them (a reloaded knowledge
base) settles the heap again.

The allocator is told two things too (glibc only; elsewhere nothing changes). Large
allocations (128 kB and more) always get their own mapping, so that they go back to
the system when freed: by default glibc raises that threshold to the size of the
largest such block ever freed, and a start-up that builds and drops a 20 MB
temporary (a vector cache read, a pickled knowledge base from `faq.apart`) then
places every later block up to that size in the heap, where freeing it gives
nothing back. And once start-up is done (`settle`), the free pages inside the heap
are returned (`malloc_trim`): together about 10 MB of a bot process (`python -m
bench memory --breakdown`).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import logging
from functools import cache

log = logging.getLogger(__name__)

# glibc's mallopt parameter, and the value that is its default (before it adapts).
_M_MMAP_THRESHOLD = -3
MMAP_THRESHOLD = 128 * 1024


def settle() -> None:
    """Collect once, then freeze everything alive (what was frozen before is looked at
    again first, so an old knowledge base in a cycle is not kept for good)."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()
    trim()


def resettle() -> None:
    """After a large part of what start-up built was replaced (a knowledge base
    reloaded): settle again, in a process that settled its heap at start-up."""
    if gc.get_freeze_count():
        settle()


@cache
def _libc() -> ctypes.CDLL | None:
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name) if name else None
    except OSError:
        return None
    if libc is None or not hasattr(libc, "mallopt") or not hasattr(libc, "malloc_trim"):
        return None
    return libc


def fix_allocator() -> bool:
    """Large blocks get their own mapping for good (see above); False where the C
    library is not glibc."""
    libc = _libc()
    if libc is None:
        return False
    if not libc.mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD):
        log.warning("the C library refused the mmap threshold; large blocks may stay")
        return False
    return True


def trim() -> None:
    """Hand the heap's free pages back to the system (glibc; elsewhere nothing)."""
    libc = _libc()
    if libc is not None:
        libc.malloc_trim(0)
