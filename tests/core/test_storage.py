"""Users table on SQLite and PostgreSQL; migrations match the table definitions."""

from __future__ import annotations

import subprocess
import sys
from datetime import timedelta
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import event, text
from sqlalchemy.engine import Connection

import core.storage.migrations.all_tables  # noqa: F401  (every feature's tables on metadata)
from core.clock import FakeClock
from core.storage import Database, database
from core.storage.database import MIGRATIONS_DIR, migration_heads
from core.storage.tables import metadata
from core.storage.users import UserStore
from tests.support import DatabaseFactory


def _alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


async def test_new_user_is_created_once(db: Database, clock: FakeClock) -> None:
    store = UserStore(db)
    user, created = await store.seen(1, "kk", clock.now())
    assert created and user.language == "kk" and not user.language_chosen
    again, created = await UserStore(db).seen(1, "en", clock.advance(hours=2))
    assert not created
    assert again.language == "kk"  # a saved language is never overwritten by a guess
    assert again.last_seen == clock.now() and again.first_seen < again.last_seen


async def test_someone_unknown_is_looked_up_once_and_known_once_they_write(
    db: Database, clock: FakeClock
) -> None:
    """Staff write in their group all day and are not users: one read, not one each."""
    store = UserStore(db)
    statements: list[str] = []

    def count(*args: object) -> None:
        statements.append(str(args[2]))

    event.listen(db.engine.sync_engine, "before_cursor_execute", count)
    try:
        assert await store.get(77) is None
        reads = len(statements)
        assert await store.get(77) is None
        assert len(statements) == reads
    finally:
        event.remove(db.engine.sync_engine, "before_cursor_execute", count)
    user, created = await store.seen(77, "kk", clock.now())
    assert created and user.language == "kk"
    assert await store.get(77) == user


async def test_language_choice_is_saved(db: Database, clock: FakeClock) -> None:
    store = UserStore(db)
    await store.seen(7, "en", clock.now())
    await store.set_language(7, "lt")
    fresh = await UserStore(db).get(7)
    assert fresh is not None and fresh.language == "lt" and fresh.language_chosen


async def test_blocked_user_comes_back_with_a_message(db: Database, clock: FakeClock) -> None:
    store = UserStore(db)
    await store.seen(5, "ru", clock.now())
    await store.mark_blocked(5, clock.now())
    assert await store.is_blocked(5)
    assert 5 not in await store.ids()
    user, _ = await store.seen(5, "ru", clock.now() + timedelta(seconds=1))
    assert not user.blocked
    assert 5 in await store.ids()


async def test_counts_and_ids_by_language(db: Database, clock: FakeClock) -> None:
    store = UserStore(db)
    for uid, lang in [(1, "ru"), (2, "ru"), (3, "kk"), (4, "en")]:
        await store.seen(uid, lang, clock.now())
    await store.mark_blocked(4, clock.now())
    assert await store.count_by_language() == {"ru": 2, "kk": 1}
    assert await store.ids("ru") == [1, 2]


async def test_the_cache_keeps_only_people_it_may_still_trust(
    db: Database, clock: FakeClock
) -> None:
    # With several processes an entry is trusted max_age seconds; older ones go, so the
    # cache does not grow with everyone who wrote (here: trusted for no time at all).
    store = UserStore(db, max_age=0.0)
    for uid in range(1, 6):
        await store.seen(uid, "en", clock.now())
    assert list(store._cache) == [5]
    kept = UserStore(db, cache_size=3)
    for uid in range(1, 6):
        await kept.get(uid)
    assert list(kept._cache) == [3, 4, 5]


async def test_datetimes_come_back_aware_utc(db: Database, clock: FakeClock) -> None:
    store = UserStore(db)
    await store.seen(9, "en", clock.now())
    user = await UserStore(db).get(9)
    assert user is not None and user.first_seen == clock.now()
    assert user.first_seen.utcoffset() == timedelta(0)


async def test_migrations_match_table_definitions(db_factory: DatabaseFactory) -> None:
    # Every migration from an empty database (not a copy of the session's template).
    db = await db_factory.new(from_template=False)

    def diff(sync_conn: object) -> list[object]:
        context = MigrationContext.configure(sync_conn)  # type: ignore[arg-type]
        return compare_metadata(context, metadata)

    async with db.engine.connect() as conn:
        differences = await conn.run_sync(diff)
    assert differences == []


async def test_a_copy_of_the_template_is_at_the_migration_heads(db: Database) -> None:
    def current_heads(sync_conn: Connection) -> tuple[set[str], set[str]]:
        applied = set(MigrationContext.configure(sync_conn).get_current_heads())
        return applied, set(ScriptDirectory.from_config(_alembic_config()).get_heads())

    async with db.engine.connect() as conn:
        applied, heads = await conn.run_sync(current_heads)
    assert applied == heads and heads


async def test_migrating_twice_is_harmless(db: Database) -> None:
    await db.migrate()
    async with db.connect() as conn:
        version = (await conn.execute(text("SELECT version_num FROM alembic_version"))).scalar()
    assert version


async def test_sqlite_runs_in_wal_mode(db_factory: DatabaseFactory) -> None:
    db = await db_factory.new()
    if not db.is_sqlite:
        return
    async with db.connect() as conn:
        mode = (await conn.execute(text("PRAGMA journal_mode"))).scalar()
    assert mode == "wal"


async def test_a_connection_that_died_while_idle_in_the_pool_is_replaced(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """PostgreSQL pings only connections that sat idle; one that died meanwhile (the
    server restarted, a proxy dropped it) is swapped for a new one before use."""
    if db.is_sqlite:
        pytest.skip("PostgreSQL's pool")
    now = [1_000.0]
    monkeypatch.setattr(database, "_monotonic", lambda: now[0])
    async with db.connect() as conn:
        first = (await conn.execute(text("SELECT pg_backend_pid()"))).scalar_one()
    async with db.single_statements().connect() as other:
        await other.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": first})
    now[0] += database.IDLE_PING_SECONDS + 1
    async with db.connect() as conn:
        second = (await conn.execute(text("SELECT pg_backend_pid()"))).scalar_one()
    assert second != first


def test_a_process_connection_budget_is_split_between_its_two_pools() -> None:
    assert database._split_connections(54) == ((20, 10), (16, 8))  # the default
    for total in (4, 12, 16, 54, 100):
        (main, main_extra), (single, single_extra) = database._split_connections(total)
        assert main + main_extra + single + single_extra == total
        assert min(main, single) >= 1
    with pytest.raises(ValueError):
        database._split_connections(3)


def test_the_setting_and_the_database_default_agree() -> None:
    from bot.config import Settings

    default = Settings(_env_file=None).database_connections
    assert default == database.DEFAULT_MAX_CONNECTIONS


async def test_postgresql_opens_no_more_than_its_budget(db: Database) -> None:
    if db.is_sqlite:
        pytest.skip("PostgreSQL's pools")
    small = Database(db.url, max_connections=12)
    try:
        pool: Any = small.engine.sync_engine.pool
        single: Any = small.single_statements().sync_engine.pool
        assert (pool.size(), pool._max_overflow) == (4, 2)
        assert (single.size(), single._max_overflow) == (4, 2)
    finally:
        await small.dispose()


def test_the_heads_read_from_the_files_are_alembics() -> None:
    script = ScriptDirectory.from_config(_alembic_config())
    assert migration_heads() == set(script.get_heads())


async def test_an_up_to_date_database_is_not_migrated_again(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert await db.is_up_to_date()

    def refuse(_conn: Connection) -> None:
        raise AssertionError("Alembic ran on an up-to-date database")

    monkeypatch.setattr(database, "_upgrade", refuse)
    await db.migrate()


async def test_a_database_behind_the_heads_is_migrated(db: Database) -> None:
    async with db.engine.begin() as conn:
        await conn.execute(text("DROP INDEX ix_update_log_replying"))
        await conn.execute(
            text(
                "UPDATE alembic_version SET version_num = '0010_update_effects' "
                "WHERE version_num = '0011_held_replies'"
            )
        )
    assert not await db.is_up_to_date()
    await db.migrate()
    assert await db.is_up_to_date()


def test_importing_the_storage_leaves_alembic_out() -> None:
    code = "import sys, core.storage, bot.web; print('alembic' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "False"
