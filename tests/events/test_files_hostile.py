"""Events files from the attack (issue 10): wrong types, a YAML bomb, deep nesting.

Each gives one FileError naming the field and creates nothing, not even the good
event before it; a Zoom id written as a bare number is read as text.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from core.clock import FakeClock
from core.storage import Database
from registry import Registry
from registry.files import FileError, import_file

GOOD = "  - {start: '25.12.2026 17:00', titles: {en: ok}, venue_name: Hall, capacity: 5}\n"


def _file(tmp_path: Path, second: str) -> Path:
    path = tmp_path / "events.yaml"
    path.write_text(
        "events:\n" + GOOD + "  - {start: '25.12.2026 17:00', titles: {en: b}, " + second + "}\n",
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize(
    ("second", "field"),
    [
        ("venue_name: [a, b], capacity: 5", "venue_name"),
        ("venue_name: Hall, capacity: true", "capacity"),
        ("venue_name: Hall, capacity: '²'", "capacity"),
        ("venue_name: Hall, capacity: 5, phone_required: 'no'", "phone_required"),
        ("venue_name: Hall, capacity: 5, duration_minutes: '²'", "duration_minutes"),
        ("venue_name: Hall, capacity: 5, online_url: {a: 1}", "online_url"),
        ("venue_name: Hall, capacity: 5, timezone: 5", "timezone"),
        ("venue_name: Hall, capacity: 5, titles: {en: 5}", "titles"),
    ],
)
async def test_a_wrong_type_names_the_field_and_creates_nothing(
    db: Database, clock: FakeClock, tmp_path: Path, second: str, field: str
) -> None:
    registry = Registry(db, clock)
    with pytest.raises(FileError, match=field):
        await import_file(registry, _file(tmp_path, second))
    assert await registry.all_events() == []


async def test_a_yaml_bomb_is_refused(db: Database, clock: FakeClock, tmp_path: Path) -> None:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for prev, cur in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{cur}: &{cur} [" + ", ".join([f"*{prev}"] * 9) + "]")
    lines.append("events: [{start: '25.12.2026 17:00', titles: {en: ok}, venue_name: *i}]")
    path = tmp_path / "bomb.yaml"
    path.write_text("\n".join(lines), encoding="utf-8")
    registry = Registry(db, clock)
    with pytest.raises(FileError, match="venue_name"):
        await import_file(registry, path)
    assert await registry.all_events() == []


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
async def test_deep_nesting_is_refused(
    db: Database, clock: FakeClock, tmp_path: Path, suffix: str
) -> None:
    path = tmp_path / f"deep{suffix}"
    nested = "[" * 5000 + "]" * 5000
    path.write_text(f'{{"events": {nested}}}' if suffix == ".json" else f"events: {nested}")
    with pytest.raises(FileError, match="not valid"):
        await import_file(Registry(db, clock), path)


async def test_a_zoom_id_as_a_number_is_text(
    db: Database, clock: FakeClock, tmp_path: Path
) -> None:
    path = _file(tmp_path, "online_url: 'https://zoom.us/j/1', zoom_id: 81234567890")
    created = await import_file(Registry(db, clock), path)
    assert created[1].zoom_id == "81234567890"
