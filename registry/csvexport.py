"""The door list as CSV: name, phone, mode, status, code, checked in."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

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
        checked = reg.checked_in_at.isoformat(timespec="minutes") if reg.checked_in_at else ""
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
