"""Events as YAML or JSON files for bulk work: `python -m bot events import FILE` / `export`.

Times in files are local wall-clock times in each event's own zone
(`25.12.2026 17:00` or ISO), exactly as an organizer would type them.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import yaml

from core.geo import GeoPoint
from core.languages import LANGUAGES
from registry import fields
from registry.models import Event, EventDraft, EventStatus, EventText
from registry.service import Registry
from registry.timeparse import TimeError, local_text, parse_local

# Columns written as they are (times and titles have their own keys in a file).
PLAIN = tuple(
    f.name
    for f in fields.FIELDS
    if not f.per_language
    and f.name not in ("timezone", "start_at", "registration_deadline")
    and f.name != "duration_minutes"
)
# A file of events is small; anything bigger is a mistake or an attack (YAML bombs).
MAX_FILE_BYTES = 1_000_000


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
    for name in PLAIN:
        value = getattr(event, name)
        if isinstance(value, GeoPoint):
            value = value.text()  # "54.6872,25.2797", read back by the import
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
    if path.stat().st_size > MAX_FILE_BYTES:
        raise FileError(f"{path}: larger than {MAX_FILE_BYTES} bytes; split it into several files")
    raw = path.read_text(encoding="utf-8")
    try:
        data = json.loads(raw) if path.suffix.lower() == ".json" else yaml.safe_load(raw)
    except (json.JSONDecodeError, yaml.YAMLError, RecursionError) as exc:
        raise FileError(f"{path}: not valid {path.suffix or 'YAML'}: {exc}") from exc
    entries = data.get("events") if isinstance(data, dict) else data
    if not isinstance(entries, list):
        raise FileError(f"{path}: expected a list under 'events'")
    return entries


def _problem_text(problem: fields.FieldProblem) -> str:
    details = ", ".join(f"{k}={v}" for k, v in problem.args_.items() if v is not None)
    return f"{problem.field}: {problem.reason}" + (f" ({details})" if details else "")


def draft_from(entry: object, where: str, now: datetime) -> tuple[EventDraft, bool]:
    """A validated draft and whether to publish it; FileError names every bad field."""
    if not isinstance(entry, dict):
        raise FileError(f"{where}: each event is a mapping of fields")
    unknown = set(entry) - KNOWN_KEYS
    if unknown:
        raise FileError(f"{where}: unknown fields: {', '.join(sorted(map(str, unknown)))}")
    tz = entry.get("timezone", "Europe/Vilnius")
    try:
        tz = fields.check(fields.BY_NAME["timezone"], tz)
        start = parse_local(str(entry.get("start", "")), tz, now)
        deadline = entry.get("registration_deadline")
        deadline_at = parse_local(str(deadline), tz, now) if deadline else None
    except fields.FieldProblem as exc:
        raise FileError(f"{where}: {_problem_text(exc)}") from exc
    except TimeError as exc:
        raise FileError(f"{where}: start/registration_deadline: {exc.reason}") from exc
    titles = entry.get("titles") or {}
    descriptions = entry.get("descriptions") or {}
    if not isinstance(titles, dict) or not titles or not isinstance(descriptions, dict):
        raise FileError(f"{where}: titles: give at least one language, e.g. titles: {{en: …}}")
    texts = {}
    for lang, title in titles.items():
        if lang not in LANGUAGES or not isinstance(title, str):
            raise FileError(f"{where}: titles.{lang}: one text per language of {LANGUAGES}")
        description = descriptions.get(lang, "")
        if not isinstance(description, str):
            raise FileError(f"{where}: descriptions.{lang}: a text")
        texts[lang] = EventText(lang, title.strip(), description)
    status = str(entry.get("status", "published"))
    if status not in (EventStatus.DRAFT.value, EventStatus.PUBLISHED.value):
        raise FileError(f"{where}: status: draft or published")
    language = str(entry.get("language") or next(iter(texts)))
    values: dict[str, Any] = {name: entry.get(name) for name in PLAIN}
    values["phone_required"] = entry.get("phone_required", False)
    if values.get("venue_location") is not None:
        try:
            values["venue_location"] = fields.check(
                fields.BY_NAME["venue_location"], values["venue_location"]
            )
        except fields.FieldProblem as exc:
            raise FileError(f"{where}: {_problem_text(exc)}: latitude, longitude") from exc
    if isinstance(values.get("zoom_id"), int) and not isinstance(values["zoom_id"], bool):
        values["zoom_id"] = str(values["zoom_id"])  # a Zoom id written as a bare number
    draft = EventDraft(
        texts=texts,
        start_at=start,
        timezone=tz,
        duration_minutes=entry.get("duration_minutes", 120),
        default_language=language if language in texts else next(iter(texts)),
        registration_deadline=deadline_at,
        **values,
    )
    problems = draft.problems(now)
    if problems:
        raise FileError(f"{where}: " + "; ".join(_problem_text(p) for p in problems))
    return draft, status == EventStatus.PUBLISHED.value


KNOWN_KEYS = frozenset(
    {
        "id",
        "status",
        "timezone",
        "start",
        "duration_minutes",
        "language",
        "titles",
        "descriptions",
        "registration_deadline",
        *PLAIN,
    }
)


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
