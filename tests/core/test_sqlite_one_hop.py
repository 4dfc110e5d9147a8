"""SQLite statements take one trip to aiosqlite's thread, and behave as before."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import aiosqlite
import pytest
from sqlalchemy import Column, Integer, MetaData, String, Table, insert, select, text, update
from sqlalchemy.exc import IntegrityError, OperationalError

from core.storage import Database

meta = MetaData()
things = Table(
    "things",
    meta,
    Column("id", Integer, primary_key=True),
    Column("name", String(20), nullable=False, unique=True),
)


class _Trips:
    """Counts calls into aiosqlite's thread."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.count = 0
        real = aiosqlite.Connection._execute

        async def counted(conn: Any, fn: Any, *args: Any, **kwargs: Any) -> Any:
            self.count += 1
            return await real(conn, fn, *args, **kwargs)

        monkeypatch.setattr(aiosqlite.Connection, "_execute", counted)


@pytest.fixture
async def sqlite_db(tmp_path: Path) -> Any:
    db = Database(f"sqlite+aiosqlite:///{tmp_path / 'hop.db'}")
    async with db.engine.begin() as conn:
        await conn.run_sync(meta.create_all)
    yield db
    await db.dispose()


async def test_a_statement_is_one_trip_and_reads_as_before(
    sqlite_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with sqlite_db.engine.begin() as conn:
        await conn.execute(insert(things), [{"name": "a"}, {"name": "b"}, {"name": "c"}])
        inserted = await conn.execute(insert(things).values(name="d").returning(things.c.id))
        assert inserted.scalar_one() == 4
        plain = await conn.execute(insert(things).values(name="e"))
        assert plain.inserted_primary_key == (5,)
    trips = _Trips(monkeypatch)
    async with sqlite_db.connect() as conn:
        rows = (await conn.execute(select(things).order_by(things.c.id))).all()
        before = trips.count
        first = (await conn.execute(select(things.c.name).where(things.c.id == 2))).first()
        assert trips.count - before == 1  # cursor, execute, fetch and close together
    assert [r.name for r in rows] == ["a", "b", "c", "d", "e"]
    assert list(rows[0]._mapping.keys()) == ["id", "name"]
    assert first is not None and first.name == "b"
    async with sqlite_db.engine.begin() as conn:
        changed = await conn.execute(
            update(things).where(things.c.id > 3).values(name=text("name || 'x'"))
        )
        assert changed.rowcount == 2
        nothing = await conn.execute(select(things).where(things.c.id == 99))
        assert nothing.first() is None


async def test_errors_are_the_drivers_errors_and_roll_back(sqlite_db: Database) -> None:
    async with sqlite_db.engine.begin() as conn:
        await conn.execute(insert(things).values(name="same"))
    with pytest.raises(IntegrityError):
        async with sqlite_db.engine.begin() as conn:
            await conn.execute(insert(things).values(name="other"))
            await conn.execute(insert(things).values(name="same"))
    with pytest.raises(OperationalError):
        async with sqlite_db.connect() as conn:
            await conn.execute(text("SELECT nothing FROM nowhere"))
    async with sqlite_db.connect() as conn:
        names = (await conn.execute(select(things.c.name))).scalars().all()
    assert names == ["same"]  # the failed transaction left nothing
