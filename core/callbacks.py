"""Button data: short, typed, versioned; parsed in one place.

Format: ``<feature>:v1:<action>[:<arg>…]``, at most 64 bytes, ids only, never
text. Everything parsed here is still untrusted: handlers check ids against
the database.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

VERSION = "v1"
MAX_BYTES = 64
_PART = re.compile(r"^[A-Za-z0-9_.\-]{1,40}$")


@dataclass(frozen=True, slots=True)
class Button:
    feature: str
    action: str
    args: tuple[str, ...] = ()

    def arg_int(self, index: int = 0) -> int | None:
        """The argument at `index` as a non-negative int, or None if forged or missing."""
        try:
            value = self.args[index]
        except IndexError:
            return None
        ok = value.isascii() and value.isdigit() and len(value) < 19
        return int(value) if ok else None


def encode(feature: str, action: str, *args: object) -> str:
    parts = [feature, VERSION, action, *(str(a) for a in args)]
    for part in parts:
        if not _PART.match(part):
            raise ValueError(f"callback part {part!r} is not a short id")
    data = ":".join(parts)
    if len(data.encode()) > MAX_BYTES:
        raise ValueError(f"callback data over {MAX_BYTES} bytes: {data!r}")
    return data


def parse(data: str | None) -> Button | None:
    """Parse button data; None for anything the bot did not produce."""
    if not data or len(data.encode()) > MAX_BYTES:
        return None
    parts = data.split(":")
    if len(parts) < 3 or parts[1] != VERSION or not all(_PART.match(p) for p in parts):
        return None
    return Button(parts[0], parts[2], tuple(parts[3:]))


def pattern(feature: str, action: str | None = None) -> re.Pattern[str]:
    """A regex for CallbackQueryHandler matching one feature (and action)."""
    if not _PART.match(feature):
        raise ValueError(f"feature {feature!r} is not a short id")
    if action is None:
        made = re.compile(rf"^{re.escape(feature)}:{VERSION}:")
    else:
        made = re.compile(rf"^{re.escape(feature)}:{VERSION}:{re.escape(action)}(:|$)")
    _FEATURE_OF[made] = feature
    return made


def feature_of(made: object) -> str | None:
    """The feature a pattern from `pattern` matches (it matches no data that starts
    with anything else); None for any other pattern."""
    try:
        return _FEATURE_OF.get(made)
    except TypeError:  # unhashable: not one of ours
        return None


_FEATURE_OF: dict[object, str] = {}
