"""Quiet hours: messages that can wait (broadcasts) are not sent at night."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo


class QuietHours:
    """A daily window in a time zone, e.g. 22:00-08:00 Europe/Vilnius (may cross midnight)."""

    def __init__(self, window: tuple[time, time] | None, zone: ZoneInfo) -> None:
        self.window = window
        self.zone = zone

    def end_if_quiet(self, when: datetime) -> datetime | None:
        """The end of the quiet window containing `when` (UTC), or None if not quiet."""
        if self.window is None:
            return None
        start, end = self.window
        if start == end:
            return None
        local = when.astimezone(self.zone)
        clock = local.time().replace(tzinfo=None)
        if start < end:
            inside = start <= clock < end
            end_day = local.date()
        else:
            inside = clock >= start or clock < end
            end_day = local.date() + timedelta(days=1) if clock >= start else local.date()
        if not inside:
            return None
        # Built in local time so a DST change inside the window lands on the wall-clock end.
        local_end = datetime.combine(end_day, end, tzinfo=self.zone)
        return local_end.astimezone(UTC)

    def defer(self, when: datetime) -> datetime:
        """`when`, or the end of the quiet window it falls in."""
        return self.end_if_quiet(when) or when
