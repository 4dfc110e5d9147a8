"""The people who talk to the bot: language, first and last seen, blocked flag."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from core.storage.database import Database, write_transaction
from core.storage.tables import users

# last_seen is a coarse activity mark; writing it on every message would cost a
# write per update for no benefit.
LAST_SEEN_GRANULARITY = timedelta(hours=1)


@dataclass(frozen=True, slots=True)
class User:
    id: int
    language: str
    language_chosen: bool
    first_seen: datetime
    last_seen: datetime
    blocked: bool
    consented_at: datetime | None
    # None until the person chooses; callers fall back to the deployment's default.
    country: str | None = None


def _row_to_user(row: object) -> User:
    m = row._mapping  # type: ignore[attr-defined]
    return User(
        id=m["id"],
        language=m["language"],
        language_chosen=m["language_chosen"],
        first_seen=m["first_seen"],
        last_seen=m["last_seen"],
        blocked=m["blocked"],
        consented_at=m["consented_at"],
        country=m["country"],
    )


class UserStore:
    """Reads and writes users; keeps a small cache so a busy bot does not hit the
    database on every update."""

    def __init__(
        self, db: Database, cache_size: int = 10_000, *, max_age: float | None = None
    ) -> None:
        """`max_age`: seconds a cached user is trusted; with several processes writing
        (PostgreSQL) another one may have changed the person's language meanwhile."""
        self._db = db
        # None: no such user (staff in their group write often and are not users).
        self._cache: dict[int, tuple[User | None, float]] = {}
        self._cache_size = max(1, cache_size)
        self._max_age = max_age

    def _remember(self, user: User) -> User:
        self._keep(user.id, user)
        return user

    def _keep(self, user_id: int, user: User | None) -> None:
        now = time.monotonic()
        # Oldest first: an entry moves to the end when it is refreshed.
        self._cache.pop(user_id, None)
        if self._max_age is not None:
            # Entries past max_age are never used again: the cache holds the people of
            # the last max_age seconds, not the last cache_size people.
            expired = []
            for uid, (_, at) in self._cache.items():
                if now - at < self._max_age:
                    break
                expired.append(uid)
            for uid in expired:
                del self._cache[uid]
        if len(self._cache) >= self._cache_size:
            self._cache.pop(next(iter(self._cache)))
        self._cache[user_id] = (user, now)

    def forget_cached(self, user_id: int) -> None:
        self._cache.pop(user_id, None)

    async def get(self, user_id: int) -> User | None:
        entry = self._cache.get(user_id)
        if entry is not None:
            cached, at = entry
            if self._max_age is None or time.monotonic() - at < self._max_age:
                return cached
        async with self._db.connect() as conn:
            row = (await conn.execute(select(users).where(users.c.id == user_id))).first()
        found = _row_to_user(row) if row else None
        self._keep(user_id, found)
        return found

    async def seen(self, user_id: int, guessed_language: str, now: datetime) -> tuple[User, bool]:
        """Record that the user wrote to the bot; returns (user, created).

        A user who had blocked the bot and writes again is unblocked: writing to
        the bot is exactly how Telegram lets them come back.
        """
        known = await self.get(user_id)
        fresh = known is not None and now - known.last_seen < LAST_SEEN_GRANULARITY
        if known is not None and fresh and not known.blocked:
            return known, False
        values = {
            "id": user_id,
            "language": guessed_language,
            "language_chosen": False,
            "first_seen": now,
            "last_seen": now,
            "blocked": False,
        }
        insert = pg_insert if not self._db.is_sqlite else sqlite_insert
        upsert = (
            insert(users)
            .values(**values)
            .on_conflict_do_update(
                index_elements=[users.c.id],
                set_={"last_seen": now, "blocked": False, "blocked_at": None},
            )
            .returning(*users.c, (users.c.first_seen == now).label("created"))
        )
        async with write_transaction(self._db) as conn:
            row = (await conn.execute(upsert)).one()
        return self._remember(_row_to_user(row)), bool(row._mapping["created"]) and known is None

    async def set_language(self, user_id: int, language: str) -> None:
        await self._update(user_id, language=language, language_chosen=True)

    async def set_country(self, user_id: int, country: str) -> None:
        await self._update(user_id, country=country)

    async def set_consented(self, user_id: int, when: datetime) -> None:
        await self._update(user_id, consented_at=when)

    async def mark_blocked(self, user_id: int, now: datetime) -> None:
        """The user blocked the bot (Telegram answered 403): stop queueing for them."""
        await self._update(user_id, blocked=True, blocked_at=now)

    async def is_blocked(self, user_id: int) -> bool:
        user = await self.get(user_id)
        return bool(user and user.blocked)

    async def _update(self, user_id: int, **values: object) -> None:
        async with write_transaction(self._db) as conn:
            await conn.execute(update(users).where(users.c.id == user_id).values(**values))
        self.forget_cached(user_id)

    async def delete(self, user_id: int) -> None:
        async with write_transaction(self._db) as conn:
            await conn.execute(users.delete().where(users.c.id == user_id))
        self.forget_cached(user_id)

    async def count_by_country(self, default: str) -> dict[str, int]:
        """People who have not blocked the bot, by country (not chosen counts as `default`)."""
        country = func.coalesce(users.c.country, default)
        query = select(country, func.count()).where(users.c.blocked.is_(False)).group_by(country)
        async with self._db.connect() as conn:
            rows = (await conn.execute(query)).all()
        return {code: n for code, n in rows}

    async def count_by_language(self, include_blocked: bool = False) -> dict[str, int]:
        query = select(users.c.language, func.count()).group_by(users.c.language)
        if not include_blocked:
            query = query.where(users.c.blocked.is_(False))
        async with self._db.connect() as conn:
            rows = (await conn.execute(query)).all()
        return {lang: n for lang, n in rows}

    async def ids(self, language: str | None = None) -> list[int]:
        """Ids of users who have not blocked the bot, optionally of one language."""
        query = select(users.c.id).where(users.c.blocked.is_(False)).order_by(users.c.id)
        if language is not None:
            query = query.where(users.c.language == language)
        async with self._db.connect() as conn:
            return list((await conn.execute(query)).scalars())
