"""The python-telegram-bot Application Jol runs: PTB's, without one set that only grows.

PTB marks the chat and the person of every update it handles, and of every job it
runs, for its persistence, in two sets of ids that it empties only when it writes to a
persistence. Jol keeps what it must keep in its own database and runs without one, so
those sets would hold the id of everyone who ever wrote for as long as the process
lives: at the 100,000 people of `python -m bench memory`, two sets of 100,000 ids,
about 14 MB, and two set insertions in every update. Here the marks are kept only
when there is a persistence to write them to.
"""

from __future__ import annotations

from typing import Any

from telegram.ext import Application, Job


class JolApplication(Application[Any, Any, Any, Any, Any, Any]):
    def _mark_for_persistence_update(
        self, *, update: object | None = None, job: Job[Any] | None = None
    ) -> None:
        if self.persistence is not None:
            super()._mark_for_persistence_update(update=update, job=job)
