"""A number typed as it is dialled where the person lives, for an event in another country."""

from __future__ import annotations

import pytest

from registry.models import normalise_phone


@pytest.mark.parametrize(
    ("typed", "event_country", "home", "expected"),
    [
        # Lives in Kazakhstan, the event is in Vilnius: not a "+8 777…" number.
        ("8 777 123 45 67", "lt", "kz", "+77771234567"),
        ("8 612 34567", "lt", "kz", "+37061234567"),  # the event's own format first
        ("2123 4567", "lt", "lv", "+37121234567"),
        ("8 612 34567", "kz", "lt", "+37061234567"),
        ("+7 777 123 45 67", "lt", "lv", "+77771234567"),
    ],
)
def test_home_formats(typed: str, event_country: str, home: str, expected: str) -> None:
    assert normalise_phone(typed, event_country, home) == expected
