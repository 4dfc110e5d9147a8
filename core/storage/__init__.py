"""Storage: SQLAlchemy Core over SQLite (aiosqlite) or PostgreSQL (asyncpg)."""

from core.storage.database import Database, write_transaction
from core.storage.types import UTCDateTime

__all__ = ["Database", "UTCDateTime", "write_transaction"]
