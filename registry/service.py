"""The registry handlers get: commands, read models and retention, in one object.

Each job lives in its own module: `commands` (locked decisions), `queries`
(read models), `retention` (anonymising and erasure), `seats` (an online place asking for a
seat in the room), `waitlist` (offers inside
a locked transaction), `sql` (rows and shared statements).
"""

from __future__ import annotations

from registry.commands import EventCommands
from registry.queries import EventQueries
from registry.retention import Retention
from registry.seats import SeatRequests


class Registry(EventCommands, SeatRequests, EventQueries, Retention):
    """The domain service for events; takes ids, datetimes and plain data."""
