"""Storage: SQLAlchemy Core over SQLite (aiosqlite) or PostgreSQL (asyncpg)."""

from bot.storage.database import Database, write_transaction
from bot.storage.types import UTCDateTime

__all__ = ["Database", "UTCDateTime", "write_transaction"]
