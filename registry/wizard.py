"""The organizer's wizard as plain steps: what comes next, going back, texts per language.

No Telegram here: `bot/handlers/event_wizard.py` asks the questions and renders the
answers; this module decides which question comes next, what Back returns to, which
languages have a title, and what a person whose language is missing sees instead.
The state is plain JSON, kept in the conversation store, so a restart loses nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from core.geo import GeoPoint
from core.languages import LANGUAGES
from registry import fields as F
from registry.models import EventDraft, EventText, shown_language

# The step after the first title and description: which languages are filled, add more.
LANGUAGES_STEP = "languages"
TEXT_FIELDS = ("title", "description")
# The questions after the texts, in order (the time zone first: dates are typed in it).
FIELD_STEPS = tuple(f for f in F.FIELDS if f.asked and not f.per_language)
DEFAULT_ZONE = "Europe/Vilnius"
DEFAULT_DURATION = 120


@dataclass(frozen=True, slots=True)
class Step:
    """One question: a field, or a text field in one language, or the languages overview."""

    name: str
    language: str | None = None

    def code(self) -> str:
        return f"{self.name}@{self.language}" if self.language else self.name

    @classmethod
    def decode(cls, code: str) -> Step:
        name, _, language = code.partition("@")
        return cls(name, language or None)

    @property
    def is_text(self) -> bool:
        return self.name in TEXT_FIELDS


@dataclass(frozen=True, slots=True)
class LanguageStatus:
    """One language of an event's texts: filled, or which language people see instead."""

    language: str
    title: str | None
    # For a missing language: the language its speakers see (None when nothing is filled).
    shown: str | None

    @property
    def filled(self) -> bool:
        return self.title is not None


def language_statuses(titles: dict[str, str], default: str) -> list[LanguageStatus]:
    """Every language Jol speaks, in its order: the title, or what is shown instead."""
    found = []
    for lang in LANGUAGES:
        title = titles.get(lang)
        shown = None if title is not None or not titles else shown_language(lang, titles, default)
        found.append(LanguageStatus(lang, title, shown))
    return found


@dataclass(slots=True)
class WizardState:
    """Everything typed so far in /newevent, with the steps that led here."""

    primary: str  # the language of the first title: the event's own language
    data: dict[str, Any] = field(default_factory=dict)
    texts: dict[str, dict[str, str | None]] = field(default_factory=dict)
    history: list[str] = field(default_factory=list)

    # ----- plain JSON -------------------------------------------------------------------

    def to_payload(self, ui_lang: str) -> dict[str, Any]:
        return {
            "lang": ui_lang,
            "primary": self.primary,
            "data": {name: _dump(value) for name, value in self.data.items()},
            "texts": self.texts,
            "history": self.history,
        }

    @classmethod
    def from_payload(cls, payload: dict[str, Any]) -> WizardState:
        primary = str(payload.get("primary") or payload.get("lang") or "en")
        raw = dict(payload.get("data") or {})
        texts = {str(k): dict(v) for k, v in (payload.get("texts") or {}).items()}
        # A wizard begun before texts were kept per language had them among the fields.
        if "title" in raw or "description" in raw:
            old = texts.setdefault(primary, {})
            old.setdefault("title", raw.pop("title", None))
            old.setdefault("description", raw.pop("description", None))
        data = {name: _load(F.BY_NAME[name], v) for name, v in raw.items() if name in F.BY_NAME}
        history = [str(h) for h in payload.get("history") or []]
        return cls(primary, data, texts, history)

    # ----- answers ----------------------------------------------------------------------

    def value(self, step: Step) -> Any:
        """The answer given so far to `step` (None: none yet, or skipped)."""
        if step.is_text:
            return self.texts.get(step.language or self.primary, {}).get(step.name)
        return self.data.get(step.name)

    def answered(self, step: Step) -> bool:
        if step.is_text:
            return step.name in self.texts.get(step.language or self.primary, {})
        return step.name in self.data

    def record(self, step: Step, value: Any) -> None:
        if step.is_text:
            self.texts.setdefault(step.language or self.primary, {})[step.name] = value
        else:
            self.data[step.name] = value

    def titles(self) -> dict[str, str]:
        return {lang: str(t["title"]) for lang, t in self.texts.items() if t.get("title")}

    def statuses(self) -> list[LanguageStatus]:
        return language_statuses(self.titles(), self.primary)

    @property
    def timezone(self) -> str:
        return str(self.data.get("timezone") or DEFAULT_ZONE)

    # ----- moving -----------------------------------------------------------------------

    def step(self, code: str) -> Step:
        """A stored step; a text step saved before languages were kept is the first one's."""
        step = Step.decode(code)
        return Step(step.name, self.primary) if step.is_text and not step.language else step

    def first(self) -> Step:
        return Step("title", self.primary)

    def advance(self, step: Step) -> Step | None:
        """The question after `step` (which goes on the Back list); None: the draft is done."""
        self.history.append(step.code())
        return self.after(step)

    def after(self, step: Step) -> Step | None:
        if step.name == "title":
            return Step("description", step.language)
        if step.name == "description":
            return Step(LANGUAGES_STEP)
        names = [f.name for f in FIELD_STEPS]
        start = names.index(step.name) + 1 if step.name in names else 0
        for candidate in FIELD_STEPS[start:]:
            if self.needed(candidate):
                return Step(candidate.name)
        return None

    def jump(self, current: Step, to: Step) -> Step:
        """Go to `to` from `current` (a language chosen, a problem to fix); Back returns."""
        self.history.append(current.code())
        return to

    def back(self) -> Step | None:
        """The question before this one, its answer kept; None on the first question."""
        while self.history:
            step = Step.decode(self.history.pop())
            field_ = F.BY_NAME.get(step.name)
            if step.name == LANGUAGES_STEP or step.is_text or field_ is None:
                return step
            if self.needed(field_):
                return step
        return None

    def needed(self, field_: F.Field) -> bool:
        """Asked only when what it depends on has a value (no address without a venue)."""
        if field_.needs is None:
            return True
        other = F.BY_NAME[field_.needs]
        return self.data.get(field_.needs) is not None and self.needed(other)

    # ----- the result -------------------------------------------------------------------

    def event_texts(self) -> dict[str, EventText]:
        return {
            lang: EventText(lang, str(t.get("title") or ""), str(t.get("description") or ""))
            for lang, t in self.texts.items()
            if t.get("title")
        }

    def draft(self) -> EventDraft:
        """The event as answered; answers that no longer apply (Back, then Skip) are dropped."""
        columns: dict[str, Any] = {}
        for f in FIELD_STEPS:
            if f.name in ("timezone", "start_at"):
                continue
            columns[f.name] = self.data.get(f.name) if self.needed(f) else None
        columns["duration_minutes"] = columns.get("duration_minutes") or DEFAULT_DURATION
        columns["phone_required"] = bool(columns.get("phone_required"))
        texts = self.event_texts()
        return EventDraft(
            texts=texts,
            start_at=self.data["start_at"],
            timezone=self.timezone,
            default_language=self.primary if self.primary in texts else next(iter(texts), "en"),
            **columns,
        )


def step_of_problem(problem: F.FieldProblem, primary: str) -> Step:
    """Where to send the organizer to fix `problem` found in the finished draft."""
    if problem.field in TEXT_FIELDS:
        return Step("title", primary)
    if problem.field in F.BY_NAME and F.BY_NAME[problem.field].asked:
        return Step(problem.field)
    return Step("title", primary)


def _dump(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, GeoPoint):
        return [value.latitude, value.longitude]
    return value


def _load(field_: F.Field, value: Any) -> Any:
    if value is None:
        return None
    if field_.kind == F.Kind.DATETIME and isinstance(value, str):
        return datetime.fromisoformat(value)
    if field_.kind == F.Kind.LOCATION and isinstance(value, list) and len(value) == 2:
        return GeoPoint.of(*value)
    return value
