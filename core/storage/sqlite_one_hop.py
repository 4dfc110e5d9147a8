"""SQLite statements in one trip to the driver's thread instead of four.

aiosqlite runs each SQLite connection in a thread of its own, and every call
on it is a hand-over between the event loop and that thread: a wake-up, the
GIL passed over and back, a result posted through the loop's self-pipe.
SQLAlchemy's adapter makes four such calls per statement (open a cursor,
execute, fetch the rows, close the cursor), so a read transaction of one
SELECT cost eight hand-overs with BEGIN and ROLLBACK. Under load that
hand-over, not SQLite, was most of a statement's cost.

This cursor does the four steps in one call in the driver's thread, keeps
what the statement described (columns, row count, last row id) and its rows,
and hands them back together. Behaviour is the adapter's: the same errors,
the same rows; results were already read whole (SQLAlchemy's adapter buffers
them too), so nothing is streamed that was streamed before.
"""

from __future__ import annotations

import collections
from typing import Any

from sqlalchemy.dialects.sqlite.aiosqlite import (
    AsyncAdapt_aiosqlite_connection,
    AsyncAdapt_aiosqlite_cursor,
)
from sqlalchemy.util import EMPTY_DICT
from sqlalchemy.util.concurrency import await_

__all__ = ["use_one_hop_cursors"]


class _OneHopCursor(AsyncAdapt_aiosqlite_cursor):
    __slots__ = ("_arraysize", "_description", "_lastrowid", "_rowcount")

    def __init__(self, adapt_connection: Any) -> None:
        # No driver cursor up front: each statement opens and closes its own.
        self._adapt_connection = adapt_connection
        self._connection = adapt_connection._connection
        self._cursor = None  # type: ignore[assignment]
        self._soft_closed_memoized = EMPTY_DICT
        self._rows = collections.deque()
        self._description: Any = None
        self._rowcount = -1
        self._lastrowid: int | None = None
        self._arraysize = 1

    @property
    def description(self) -> Any:
        return self._description

    @property
    def rowcount(self) -> int:
        return self._rowcount

    @property
    def lastrowid(self) -> int:
        return self._lastrowid  # type: ignore[return-value]

    @property
    def arraysize(self) -> int:
        return self._arraysize

    @arraysize.setter
    def arraysize(self, value: int) -> None:
        self._arraysize = value

    async def _async_soft_close(self) -> None:
        """The driver's cursor is closed already, in the same trip as the statement."""

    def close(self) -> None:
        self._rows.clear()

    def execute(self, operation: Any, parameters: Any = None) -> Any:
        try:
            return await_(self._run(operation, parameters, many=False))
        except Exception as error:  # noqa: BLE001 - the adapter re-raises it, translated
            self._adapt_connection._handle_exception(error)

    def executemany(self, operation: Any, seq_of_parameters: Any) -> Any:
        try:
            return await_(self._run(operation, seq_of_parameters, many=True))
        except Exception as error:  # noqa: BLE001 - the adapter re-raises it, translated
            self._adapt_connection._handle_exception(error)

    async def _run(self, operation: Any, parameters: Any, *, many: bool) -> None:
        async with self._adapt_connection._execute_mutex:
            driver = self._connection
            raw = driver._conn  # the sqlite3 connection, used only in the driver's thread

            def statement() -> tuple[Any, list[Any], int, int | None]:
                cursor = raw.cursor()
                try:
                    if many:
                        cursor.executemany(operation, parameters)
                    elif parameters is None:
                        cursor.execute(operation)
                    else:
                        cursor.execute(operation, parameters)
                    description = cursor.description
                    rows = cursor.fetchall() if description else []
                    return description, rows, cursor.rowcount, cursor.lastrowid
                finally:
                    cursor.close()

            description, rows, rowcount, lastrowid = await driver._execute(statement)
        self._description = description
        self._rows = collections.deque(rows)
        self._rowcount = rowcount
        self._lastrowid = lastrowid


class _OneHopConnection(AsyncAdapt_aiosqlite_connection):
    __slots__ = ()
    _cursor_cls = _OneHopCursor


def use_one_hop_cursors(dbapi_connection: Any) -> None:
    """Called on SQLAlchemy's "connect": this connection's cursors take one trip each."""
    if type(dbapi_connection) is AsyncAdapt_aiosqlite_connection:
        dbapi_connection.__class__ = _OneHopConnection
