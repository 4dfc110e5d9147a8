"""Who the try-out's web chat can act as, and what it keeps across restarts.

Four people come with every try-out; whoever tries it can add more (a name and a
Telegram language). Those, and how far the clock was moved, are kept in a small
JSON file beside the try-out's database, so a restart brings back the same people
(whom the bot's database remembers) and the same time.
"""

from __future__ import annotations

import json
import logging
import re
import unicodedata
from dataclasses import asdict, dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

NAME_LIMIT = 64  # Telegram's first_name limit
PEOPLE_LIMIT = 50  # the chat list stays usable
FIRST_ADDED_ID = 700_101
# What a Telegram app reports as language_code: an IETF tag ("en", "pt-br"), or none.
LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(-[a-z0-9]{2,8})?$")


@dataclass(frozen=True, slots=True)
class Person:
    """Someone the page can act as; their private chat id is their user id."""

    user_id: int
    first_name: str
    language_code: str
    admin: bool = False

    @property
    def label(self) -> str:
        return f"{self.first_name} ({self.language_code or '–'})"


PEOPLE: tuple[Person, ...] = (
    Person(700_001, "Aigerim", "kk"),
    Person(700_002, "Timur", "ru"),
    Person(700_003, "Rūta", "lt"),
    Person(700_009, "Organizer", "en", admin=True),
)


@dataclass(frozen=True, slots=True)
class Group:
    """The NGO's staff group (a supergroup with topics); the page writes in it as `act_as`."""

    chat_id: int
    title: str
    act_as: int
    act_as_name: str

    @property
    def label(self) -> str:
        return f"👥 {self.title}"


# The try-out's consultants: the Organizer answers cases in their own group.
STAFF_GROUP = Group(-1_007_000_000_001, "Staff", 700_009, "Organizer")
GROUPS: tuple[Group, ...] = (STAFF_GROUP,)


def clean_name(raw: Any) -> str:
    """A first name as Telegram would keep it, or ValueError saying what is wrong."""
    if not isinstance(raw, str):
        raise ValueError("a name is needed")
    name = " ".join(raw.split())
    if any(unicodedata.category(c).startswith("C") for c in name):
        raise ValueError("a name cannot hold control characters")
    if not name:
        raise ValueError("a name is needed")
    if len(name) > NAME_LIMIT:
        raise ValueError(f"a name is at most {NAME_LIMIT} characters")
    return name


def clean_language(raw: Any) -> str:
    """A Telegram language_code ("" for an app that sends none)."""
    code = raw.strip().lower() if isinstance(raw, str) else ""
    if code and not LANGUAGE_CODE.match(code):
        raise ValueError("a language code looks like en, ru or pt-br")
    return code


class TryOutState:
    """The people added and the clock's offset, read at start, written on every change."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.added: list[Person] = []
        self.clock_offset = timedelta(0)

    @classmethod
    def load(cls, path: Path) -> TryOutState:
        """What the last run left; a missing or damaged file is a fresh start (logged)."""
        state = cls(path)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return state
        except (OSError, ValueError):
            log.warning("the try-out's saved people in %s could not be read; starting afresh", path)
            return state
        known = {p.user_id for p in PEOPLE}
        for item in data.get("people", []) if isinstance(data, dict) else []:
            try:
                person = Person(
                    int(item["user_id"]),
                    clean_name(item["first_name"]),
                    clean_language(item.get("language_code", "")),
                )
            except (KeyError, TypeError, ValueError):
                continue
            if person.user_id not in known and len(state.added) < PEOPLE_LIMIT:
                known.add(person.user_id)
                state.added.append(person)
        offset = data.get("clock_offset_seconds", 0) if isinstance(data, dict) else 0
        if isinstance(offset, int | float) and offset > 0:
            state.clock_offset = timedelta(seconds=offset)
        return state

    @property
    def people(self) -> tuple[Person, ...]:
        """Everyone the page can act as: the four of every try-out, then those added."""
        return (*PEOPLE, *self.added)

    def add(self, first_name: Any, language_code: Any) -> Person:
        """A new person with the next free id (saved at once)."""
        if len(self.added) >= PEOPLE_LIMIT:
            raise ValueError(f"the try-out holds at most {PEOPLE_LIMIT} added people")
        next_id = max((p.user_id for p in self.added), default=FIRST_ADDED_ID - 1) + 1
        person = Person(next_id, clean_name(first_name), clean_language(language_code))
        self.added.append(person)
        self.save()
        return person

    def save(self) -> None:
        """Write the file whole (a temporary file renamed over it: never half written)."""
        data = {
            "people": [asdict(p) for p in self.added],
            "clock_offset_seconds": self.clock_offset.total_seconds(),
        }
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_name(self.path.name + ".tmp")
        temporary.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
        temporary.replace(self.path)
