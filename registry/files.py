"""Events as YAML or JSON files for bulk work: `python -m bot events import FILE` / `export`.

Times in files are local wall-clock times in each event's own zone
(`25.12.2026 17:00` or ISO), exactly as an organizer would type them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from core.languages import LANGUAGES
from registry.models import Event, EventDraft, EventStatus, EventText, is_http_url
from registry.service import Registry
from registry.timeparse import TimeError, local_text, parse_local, zone

FIELDS = (
    "venue_name",
    "venue_address",
    "capacity",
    "phone_required",
    "zoom_id",
    "zoom_passcode",
    "online_url",
    "livestream_url",
    "contact",
)


class FileError(ValueError):
    """A problem in an events file, naming the entry and the field."""


def to_dict(event: Event) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": event.id,
        "status": event.status.value,
        "timezone": event.timezone,
        "start": local_text(event.start_at, event.timezone),
        "duration_minutes": event.duration_minutes,
        "language": event.default_language,
        "titles": {lang: text.title for lang, text in event.texts.items()},
        "descriptions": {lang: t.description for lang, t in event.texts.items() if t.description},
    }
    for name in FIELDS:
        value = getattr(event, name)
        if value not in (None, False):
            data[name] = value
    if event.registration_deadline is not None:
        data["registration_deadline"] = local_text(event.registration_deadline, event.timezone)
    return data


def dump(events: list[Event], path: Path | None) -> str:
    payload = {"events": [to_dict(e) for e in events]}
    if path is not None and path.suffix.lower() == ".json":
        return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
    return yaml.safe_dump(payload, allow_unicode=True, sort_keys=False)


def load(path: Path) -> list[dict[str, Any]]:
    raw = path.read_text(encoding="utf-8")
    try:
        data = json.loads(raw) if path.suffix.lower() == ".json" else yaml.safe_load(raw)
    except (json.JSONDecodeError, yaml.YAMLError) as exc:
        raise FileError(f"{path}: not valid {path.suffix or 'YAML'}: {exc}") from exc
    entries = data.get("events") if isinstance(data, dict) else data
    if not isinstance(entries, list):
        raise FileError(f"{path}: expected a list under 'events'")
    return entries


def draft_from(entry: dict[str, Any], where: str, now: Any) -> tuple[EventDraft, bool]:
    """A validated draft and whether to publish it; FileError names the field."""
    if not isinstance(entry, dict):
        raise FileError(f"{where}: each event is a mapping of fields")
    tz = str(entry.get("timezone", "Europe/Vilnius"))
    try:
        zone(tz)
        start = parse_local(str(entry.get("start", "")), tz, now)
        deadline = entry.get("registration_deadline")
        deadline_at = parse_local(str(deadline), tz, now) if deadline else None
    except TimeError as exc:
        raise FileError(f"{where}: start/registration_deadline/timezone: {exc.reason}") from exc
    titles = entry.get("titles") or {}
    if not isinstance(titles, dict) or not titles:
        raise FileError(f"{where}: titles: give at least one language, e.g. titles: {{en: …}}")
    descriptions = entry.get("descriptions") or {}
    texts = {}
    for lang, title in titles.items():
        if lang not in LANGUAGES or not str(title).strip() or len(str(title)) > 200:
            raise FileError(f"{where}: titles.{lang}: a language of {LANGUAGES}, up to 200 chars")
        texts[lang] = EventText(lang, str(title).strip(), str(descriptions.get(lang, "")))
    capacity = entry.get("capacity")
    if capacity is not None and (not isinstance(capacity, int) or capacity < 0):
        raise FileError(f"{where}: capacity: a whole number, 0 or more")
    for name in ("online_url", "livestream_url"):
        if entry.get(name) and not is_http_url(str(entry[name])):
            raise FileError(f"{where}: {name}: must start with http:// or https://")
    duration = entry.get("duration_minutes", 120)
    if not isinstance(duration, int) or not 1 <= duration <= 24 * 60:
        raise FileError(f"{where}: duration_minutes: 1 to 1440")
    status = str(entry.get("status", "published"))
    if status not in (EventStatus.DRAFT.value, EventStatus.PUBLISHED.value):
        raise FileError(f"{where}: status: draft or published")
    language = str(entry.get("language") or next(iter(texts)))
    draft = EventDraft(
        texts=texts,
        start_at=start,
        timezone=tz,
        duration_minutes=duration,
        default_language=language if language in texts else next(iter(texts)),
        registration_deadline=deadline_at,
        **{name: entry.get(name) for name in FIELDS if name != "phone_required"},
        phone_required=bool(entry.get("phone_required", False)),
    )
    return draft, status == EventStatus.PUBLISHED.value


async def import_file(registry: Registry, path: Path) -> list[Event]:
    """Validate every entry first, then create them: a bad file creates nothing."""
    now = registry.clock.now()
    drafts = [draft_from(e, f"{path}: event {i + 1}", now) for i, e in enumerate(load(path))]
    created = []
    for draft, publish in drafts:
        event = await registry.create(draft)
        if publish:
            event = await registry.publish(event.id) or event
        created.append(event)
    return created
