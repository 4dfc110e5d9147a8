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
"""

from __future__ import annotations

import gc


def settle() -> None:
    """Collect once, then freeze everything alive (what was frozen before is looked at
    again first, so an old knowledge base in a cycle is not kept for good)."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()


def resettle() -> None:
    """After a large part of what start-up built was replaced (a knowledge base
    reloaded): settle again, in a process that settled its heap at start-up."""
    if gc.get_freeze_count():
        settle()
