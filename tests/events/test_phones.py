"""Phone numbers as people type them where the event takes place."""

from __future__ import annotations

import pytest

from registry.models import normalise_phone


@pytest.mark.parametrize(
    ("typed", "country", "expected"),
    [
        ("8 777 123 45 67", "kz", "+77771234567"),  # Kazakhstan, dialled at home
        ("+7 (777) 123-45-67", "kz", "+77771234567"),
        ("8 612 34567", "lt", "+37061234567"),  # Lithuania, dialled at home
        ("+370 612 34567", "lt", "+37061234567"),
        ("2123 4567", "lv", "+37121234567"),  # Latvia: eight digits, no prefix
        ("+371 2123 4567", "lv", "+37121234567"),
        ("+7 777 123 45 67", None, "+77771234567"),
    ],
)
def test_numbers_people_type(typed: str, country: str | None, expected: str) -> None:
    assert normalise_phone(typed, country) == expected


@pytest.mark.parametrize("typed", ["123", "²²²²²²²²²", "call me", "0612 34567", "8 777 12"])
def test_not_a_number(typed: str) -> None:
    assert normalise_phone(typed, "kz") is None
