"""What each feature keeps about a person, for /mydata and /forget.

Features that store personal data register a `PersonalData` in
``services.features["privacy"]`` from their setup hook.
"""

from __future__ import annotations

from typing import Any, Protocol


class PersonalData(Protocol):
    async def describe(self, user_id: int, lang: str) -> list[str]:
        """Lines (HTML, user text escaped) describing what this feature keeps."""
        ...

    async def erase(self, user_id: int) -> None:
        """Erase or anonymise everything this feature keeps about the person."""
        ...


def providers(features: dict[str, Any]) -> list[PersonalData]:
    return list(features.setdefault("privacy", []))
