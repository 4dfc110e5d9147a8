"""What each feature keeps about a person, for /mydata and /forget.

The composition root (bot/wiring.py) lists every feature that stores personal
data as a `PersonalData` in `Services.personal_data`; /mydata asks each to
describe what it keeps and /forget asks each to erase it.
"""

from __future__ import annotations

from typing import Protocol


class PersonalData(Protocol):
    async def describe(self, user_id: int, lang: str) -> list[str]:
        """Lines (HTML, user text escaped) describing what this feature keeps."""
        ...

    async def erase(self, user_id: int) -> None:
        """Erase or anonymise everything this feature keeps about the person."""
        ...
