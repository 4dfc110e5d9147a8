"""The door list as CSV: name, phone, mode, status, code, checked in (the organizer's
language when a translator is given; times in the event's zone)."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from zoneinfo import ZoneInfo

from core.i18n import Translator
from registry.models import Registration
from registry.timeparse import DISPLAY_FORMAT

HEADER = ("name", "phone", "mode", "status", "code", "checked_in")


def _cell(value: str) -> str:
    # A name starting with = + - @ would run as a formula in a spreadsheet.
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def door_list_csv(
    regs: Sequence[Registration],
    tz_name: str | None = None,
    t: Translator | None = None,
    lang: str = "en",
) -> bytes:
    """UTF-8 with a BOM, so Excel opens Cyrillic and Lithuanian names correctly."""

    def word(key: str, fallback: str) -> str:
        return t(lang, key) if t is not None else fallback

    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([word(f"csv-{column}", column) for column in HEADER])
    for reg in regs:
        checked_at = reg.checked_in_at
        if checked_at is not None and tz_name:
            checked_at = checked_at.astimezone(ZoneInfo(tz_name))  # the event's own clock
        if checked_at is None:
            checked = ""
        elif t is None:
            checked = checked_at.isoformat(timespec="minutes")
        else:
            checked = checked_at.strftime(DISPLAY_FORMAT)
        writer.writerow(
            (
                _cell(reg.name),
                # Phones are +digits: kept as text, not escaped into a formula guard.
                reg.phone or "",
                word(f"csv-mode-{reg.mode.value}", reg.mode.value),
                word(f"csv-status-{reg.status.value}", reg.status.value),
                reg.code,
                checked,
            )
        )
    return ("\ufeff" + out.getvalue()).encode("utf-8")
