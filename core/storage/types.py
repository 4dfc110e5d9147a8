"""Column types that behave the same on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import DateTime, String
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator

from core.geo import GeoPoint


class UTCDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes in, aware UTC datetimes out.

    SQLite has no time zones: without this a naive value comes back and
    comparisons with aware ones fail at run time.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the database: use aware UTC")
        value = value.astimezone(UTC)
        if dialect.name == "sqlite":
            return value.replace(tzinfo=None)
        return value

    def process_result_value(self, value: Any, _dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        when = datetime.fromisoformat(value) if isinstance(value, str) else value
        if not isinstance(when, datetime):
            raise TypeError(f"not a datetime from the database: {value!r}")
        if when.tzinfo is None:
            return when.replace(tzinfo=UTC)
        return when.astimezone(UTC)


class GeoPointText(TypeDecorator[GeoPoint]):
    """A map point stored as 'latitude,longitude' text, the same on SQLite and PostgreSQL."""

    impl = String(32)
    cache_ok = True

    def process_bind_param(self, value: GeoPoint | None, _dialect: Dialect) -> Any:
        if value is None:
            return None
        if not isinstance(value, GeoPoint):
            raise TypeError(f"not a GeoPoint: {value!r}")
        return value.text()

    def process_result_value(self, value: Any, _dialect: Dialect) -> GeoPoint | None:
        if value is None:
            return None
        point = GeoPoint.parse(str(value))
        if point is None:
            raise ValueError(f"not a map point in the database: {value!r}")
        return point
