"""The venue's pin: parsed as maps copy it, stored the same on SQLite and PostgreSQL,
round-tripped through event files, and refused without an address."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.clock import FakeClock
from core.geo import GeoPoint
from core.storage import Database
from registry import Registry
from registry import fields as F
from registry.files import FileError, dump, import_file
from registry.wizard import Step, WizardState
from tests.events.helpers import draft


@pytest.mark.parametrize(
    ("text", "point"),
    [
        ("54.6872, 25.2797", GeoPoint(54.6872, 25.2797)),
        ("54,6872 25,2797", GeoPoint(54.6872, 25.2797)),
        ("43.238949;76.889709", GeoPoint(43.238949, 76.889709)),
        ("-33.8688, 151.2093", GeoPoint(-33.8688, 151.2093)),
        ("91, 10", None),
        ("10, 181", None),
        ("near the river", None),
        ("54.6872", None),
    ],
)
def test_coordinates_as_maps_copy_them(text: str, point: GeoPoint | None) -> None:
    assert GeoPoint.parse(text) == point


async def test_a_pin_is_kept_and_read_back(db: Database, clock: FakeClock) -> None:
    registry = Registry(db, clock)
    point = GeoPoint.of(54.687157, 25.279652)
    event = await registry.create(draft(clock, venue_location=point))
    loaded = await registry.get(event.id)
    assert loaded is not None and loaded.venue_location == point
    outcome = await registry.edit(event.id, {"venue_location": None})
    assert outcome.event is not None and outcome.event.venue_location is None


async def test_a_pin_without_an_address_is_refused(clock: FakeClock) -> None:
    problems = draft(clock, venue_address=None, venue_location=GeoPoint(54.0, 25.0)).problems(None)
    assert [(p.field, p.reason) for p in problems] == [("venue_location", "needs")]
    with pytest.raises(F.FieldProblem):
        F.parse_text(F.BY_NAME["venue_location"], "somewhere", timezone="Europe/Vilnius", now=None)


async def test_event_files_carry_the_pin(db: Database, clock: FakeClock, tmp_path: Path) -> None:
    registry = Registry(db, clock)
    path = tmp_path / "events.yaml"
    path.write_text(
        "events:\n"
        "  - start: 25.12.2026 17:00\n"
        "    titles: {en: Round table}\n"
        "    venue_name: Hall\n"
        "    venue_address: Gedimino pr. 1\n"
        "    venue_location: '54.6872, 25.2797'\n"
        "    capacity: 10\n",
        encoding="utf-8",
    )
    (event,) = await import_file(registry, path)
    assert event.venue_location == GeoPoint(54.6872, 25.2797)
    text = dump([event], None)
    assert "venue_location: 54.6872,25.2797" in text
    again = tmp_path / "again.yaml"
    again.write_text(text, encoding="utf-8")
    (copy,) = await import_file(registry, again)
    assert copy.venue_location == event.venue_location
    path.write_text(text.replace("54.6872,25.2797", "'near the river'"), encoding="utf-8")
    with pytest.raises(FileError, match="venue_location"):
        await import_file(registry, path)


def test_a_wizard_begun_before_texts_per_language_goes_on() -> None:
    """A half-made event saved by the old wizard (title among the fields) is not lost."""
    old = {"lang": "ru", "data": {"title": "Круглый стол", "description": None}}
    state = WizardState.from_payload(old)
    assert state.primary == "ru" and state.titles() == {"ru": "Круглый стол"}
    assert state.step("description") == Step("description", "ru")
    assert state.after(Step("description", "ru")) == Step("languages")
    again = WizardState.from_payload(state.to_payload("ru"))
    assert again.texts == state.texts and again.data == {}
