"""What this process knows of cases, where it is the only process that changes them.

On SQLite one process runs the bot, so every change to a case passes through its
`Cases`: the latest case of each person (or that they have none) and the case of
each topic can be remembered, and a message needs no read to find its case. A
write forgets what it touches before it commits and remembers the row it reads
back after, inside its transaction (writers take turns on SQLite, so the last
row remembered is the last committed). A read remembers what it found only if no
write happened while it read (`epoch`): a read that began before a commit may
have seen the row as it was.

On PostgreSQL several processes write, and nothing is remembered.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cases.service import Case


class CaseMemory:
    """Latest case per person and case per topic, bounded; a miss costs one read."""

    def __init__(self, size: int = 20_000) -> None:
        self._size = max(1, size)
        self._cases: dict[int, Case] = {}
        # user id → id of their latest case, or None: they have none.
        self._latest: OrderedDict[int, int | None] = OrderedDict()
        self._threads: dict[int, int] = {}
        # Changes whenever a write touches cases: a read older than that is not kept.
        self.epoch = 0

    def bump(self) -> None:
        self.epoch += 1

    def latest(self, user_id: int) -> tuple[bool, Case | None]:
        """(known, case); known False means ask the database."""
        if user_id not in self._latest:
            return False, None
        case_id = self._latest[user_id]
        self._latest.move_to_end(user_id)
        if case_id is None:
            return True, None
        case = self._cases.get(case_id)
        return case is not None, case

    def of_thread(self, thread_id: int) -> Case | None:
        case_id = self._threads.get(thread_id)
        return self._cases.get(case_id) if case_id is not None else None

    def get(self, case_id: int) -> Case | None:
        return self._cases.get(case_id)

    def remember_latest(self, user_id: int, case: Case | None, *, since: int | None = None) -> None:
        """The person's latest case (None: they have none); from a read begun at `since`."""
        if since is not None and since != self.epoch:
            return
        if case is not None:
            self.remember(case)
        self._latest[user_id] = case.id if case is not None else None
        self._latest.move_to_end(user_id)
        while len(self._latest) > self._size:
            _, dropped = self._latest.popitem(last=False)
            if dropped is not None:
                self.forget_case(dropped)

    def remember(self, case: Case, *, since: int | None = None) -> None:
        """A row as it is now; the person's latest only once a read said so."""
        if since is not None and since != self.epoch:
            return
        if len(self._cases) >= 2 * self._size and case.id not in self._cases:
            self.clear()
        old = self._cases.get(case.id)
        if old is not None and old.thread_id is not None and old.thread_id != case.thread_id:
            self._threads.pop(old.thread_id, None)
        self._cases[case.id] = case
        if case.thread_id is not None:
            self._threads[case.thread_id] = case.id

    def forget_user(self, user_id: int) -> None:
        self.bump()
        case_id = self._latest.pop(user_id, None)
        if case_id is not None:
            self.forget_case(case_id)

    def forget_case(self, case_id: int) -> None:
        self.bump()
        case = self._cases.pop(case_id, None)
        if case is None:
            return
        if case.thread_id is not None and self._threads.get(case.thread_id) == case_id:
            del self._threads[case.thread_id]
        if self._latest.get(case.user_id) == case_id:
            del self._latest[case.user_id]

    def clear(self) -> None:
        self.bump()
        self._cases.clear()
        self._latest.clear()
        self._threads.clear()
