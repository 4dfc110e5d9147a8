"""The door list as CSV: name, phone, mode, status, code, checked in."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from zoneinfo import ZoneInfo

from registry.models import Registration

HEADER = ("name", "phone", "mode", "status", "code", "checked_in")


def _cell(value: str) -> str:
    # A name starting with = + - @ would run as a formula in a spreadsheet.
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def door_list_csv(regs: Sequence[Registration], tz_name: str | None = None) -> bytes:
    """UTF-8 with a BOM, so Excel opens Cyrillic and Lithuanian names correctly."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    for reg in regs:
        checked_at = reg.checked_in_at
        if checked_at is not None and tz_name:
            checked_at = checked_at.astimezone(ZoneInfo(tz_name))  # the event's own clock
        checked = checked_at.isoformat(timespec="minutes") if checked_at else ""
        writer.writerow(
            (
                _cell(reg.name),
                # Phones are +digits: kept as text, not escaped into a formula guard.
                reg.phone or "",
                reg.mode.value,
                reg.status.value,
                reg.code,
                checked,
            )
        )
    return ("\ufeff" + out.getvalue()).encode("utf-8")
