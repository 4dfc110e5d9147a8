"""Events as files: import validates everything first, export round-trips."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.clock import FakeClock
from core.storage import Database
from registry import Registry
from registry.files import FileError, dump, import_file

GOOD = """
events:
  - timezone: Asia/Almaty
    start: 25.12.2026 17:00
    titles: {en: "Round table", kk: "Дөңгелек үстел"}
    venue_name: Hall
    venue_address: Abay 1
    capacity: 10
    online_url: https://zoom.us/j/1
  - start: 2026-12-30T18:00
    status: draft
    titles: {lt: "Diskusija"}
    livestream_url: https://youtube.com/live/x
"""


async def test_import_then_export(db: Database, clock: FakeClock, tmp_path: Path) -> None:
    registry = Registry(db, clock)
    path = tmp_path / "events.yaml"
    path.write_text(GOOD, encoding="utf-8")
    created = await import_file(registry, path)
    assert [e.status.value for e in created] == ["published", "draft"]
    text = dump(await registry.all_events(), None)
    assert "start: 25.12.2026 17:00" in text and "Asia/Almaty" in text
    again = tmp_path / "again.yaml"
    again.write_text(text, encoding="utf-8")  # exported ids are ignored on import
    assert len(await import_file(registry, again)) == 2


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ("events: [{start: 'soon', titles: {en: a}}]", "start"),
        ("events: [{start: '25.12.2026 17:00', titles: {}}]", "titles"),
        ("events: [{start: '25.12.2026 17:00', titles: {en: a}, capacity: -1}]", "capacity"),
        (
            "events: [{start: '25.12.2026 17:00', titles: {en: a}, online_url: 'ftp://x'}]",
            "online_url",
        ),
    ],
)
async def test_bad_file_creates_nothing(
    db: Database, clock: FakeClock, tmp_path: Path, body: str, field: str
) -> None:
    registry = Registry(db, clock)
    path = tmp_path / "bad.yaml"
    path.write_text(
        "events:\n  - {start: '25.12.2026 17:00', titles: {en: ok}}\n", encoding="utf-8"
    )
    path.write_text(body, encoding="utf-8")
    with pytest.raises(FileError, match=field):
        await import_file(registry, path)
    assert await registry.all_events() == []


async def test_a_country_that_does_not_exist_is_refused(
    db: Database, clock: FakeClock, tmp_path: Path
) -> None:
    registry = Registry(db, clock)
    path = tmp_path / "events.yaml"
    path.write_text(
        GOOD.replace("    capacity: 10\n", "    capacity: 10\n    country: xx\n"), encoding="utf-8"
    )
    with pytest.raises(FileError, match="country"):
        await import_file(registry, path)
    assert await registry.all_events() == []  # a bad file creates nothing


async def test_an_event_with_a_room_belongs_to_the_country_of_its_zone(
    db: Database, clock: FakeClock, tmp_path: Path
) -> None:
    registry = Registry(db, clock)
    path = tmp_path / "events.yaml"
    path.write_text(GOOD, encoding="utf-8")
    almaty, online_only = await import_file(registry, path)
    assert almaty.country == "kz"  # Asia/Almaty, with a venue
    assert online_only.country is None  # a livestream only: for everyone
