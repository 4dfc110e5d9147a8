"""The web chat page: static files, the simulated people and the try-out's clock.

The page acts as people through the /sim/… API; this module serves it, lists
whom it can act as (and adds people), and moves the clock.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from aiohttp import web

from bot.sandbox.clock import ClockError, TryOutClock
from bot.sandbox.people import GROUPS, PEOPLE, STAFF_GROUP, Group, Person, TryOutState
from bot.sandbox.sim import Simulator

__all__ = ["GROUPS", "PEOPLE", "STAFF_GROUP", "Group", "Person", "TryOut", "add_webchat_routes"]

log = logging.getLogger(__name__)

STATIC_DIR = Path(__file__).with_name("webchat")
# Only these files are served: no directory listing, no path tricks.
STATIC_FILES = {
    "app.js": "text/javascript",
    "html.js": "text/javascript",
    "style.css": "text/css",
}
# The page is a single file and strict CSP costs nothing here: no inline
# scripts, no third-party hosts, so even a rendering bug cannot run bot text.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
)


def _no_cache(response: web.StreamResponse) -> web.StreamResponse:
    # A restarted sandbox may ship a newer page; never show a stale one.
    response.headers["Cache-Control"] = "no-store"
    response.headers["Content-Security-Policy"] = CSP
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


async def _nothing() -> None:
    return None


@dataclass
class TryOut:
    """What the page may change: the people (kept in `state`) and the clock."""

    sim: Simulator
    state: TryOutState
    clock: TryOutClock = field(default_factory=TryOutClock)
    groups: tuple[Group, ...] = GROUPS
    # The deployment's zone: the page shows times in it, and a time typed without a zone is in it.
    zone: str = "Europe/Vilnius"
    # Run after the clock moved: the bot's due work (reminders, lapsed offers, sweeps).
    catch_up: Callable[[], Awaitable[None]] = _nothing

    def introduce(self, person: Person) -> None:
        """The person has talked to the bot before: their chat exists, notices reach them."""
        self.sim.private_chat(
            self.sim.user(person.user_id, person.first_name, person.language_code or None)
        )

    def add_person(self, first_name: Any, language_code: Any) -> Person:
        """A new simulated person, saved; their chat opens when they first write."""
        person = self.state.add(first_name, language_code)
        self.sim.user(person.user_id, person.first_name, person.language_code or None)
        return person

    async def move_clock(self, data: dict[str, Any]) -> None:
        """Forward by `hours`/`days`, or to `to` (ISO 8601; without an offset, in `zone`)."""
        if "to" in data:
            try:
                when = datetime.fromisoformat(str(data["to"]))
            except ValueError:
                raise ClockError("a time looks like 2026-12-05T18:00") from None
            if when.tzinfo is None:
                when = when.replace(tzinfo=ZoneInfo(self.zone))
            self.clock.move_to(when)
        else:
            hours = float(data.get("hours", 0)) + 24 * float(data.get("days", 0))
            self.clock.advance(timedelta(hours=hours))
        self.state.clock_offset = self.clock.offset
        self.state.save()
        await self.catch_up()

    def clock_json(self) -> dict[str, Any]:
        return {
            "now": self.clock.now().isoformat(),
            "offset_seconds": self.clock.offset.total_seconds(),
            "zone": self.zone,
        }


async def _json_body(request: web.Request) -> dict[str, Any]:
    try:
        data = await request.json()
    except ValueError:
        raise web.HTTPBadRequest(text="JSON expected") from None
    if not isinstance(data, dict):
        raise web.HTTPBadRequest(text="a JSON object expected")
    return data


def _refused(reason: str) -> web.StreamResponse:
    return _no_cache(web.json_response({"ok": False, "error": reason}, status=400))


def add_webchat_routes(app: web.Application, tryout: TryOut) -> None:
    """Serve the page at / and /static/…, its configuration at /webchat/config,
    new people at POST /webchat/people, and the clock at POST /webchat/clock."""
    sim = tryout.sim
    # Changes on every start, so an open page can tell a restarted server (whose
    # chats are empty and whose versions start again at 0) from a network hiccup.
    instance = uuid.uuid4().hex

    async def index(request: web.Request) -> web.StreamResponse:
        body = (STATIC_DIR / "index.html").read_bytes()
        return _no_cache(web.Response(body=body, content_type="text/html", charset="utf-8"))

    async def static(request: web.Request) -> web.StreamResponse:
        name = request.match_info["name"]
        mime = STATIC_FILES.get(name)
        if mime is None:
            raise web.HTTPNotFound()
        body = (STATIC_DIR / name).read_bytes()
        return _no_cache(web.Response(body=body, content_type=mime, charset="utf-8"))

    async def config(request: web.Request) -> web.StreamResponse:
        data = {
            "instance": instance,
            "bot": {
                "first_name": sim.bot_user.get("first_name", "Bot"),
                "username": sim.bot_user.get("username", ""),
            },
            "people": [_person_json(p) for p in tryout.state.people],
            "groups": [{**asdict(g), "label": g.label} for g in tryout.groups],
            "clock": tryout.clock_json(),
            # What each chat held when the page opened: not new to it (unread counts).
            "last_message_ids": {
                str(chat_id): chat.last_message_id for chat_id, chat in sim.chats.items()
            },
        }
        return _no_cache(web.json_response(data))

    async def add_person(request: web.Request) -> web.StreamResponse:
        data = await _json_body(request)
        try:
            person = tryout.add_person(data.get("first_name"), data.get("language_code"))
        except ValueError as exc:
            return _refused(str(exc))
        log.info("try-out: person %s added", person.user_id)
        return _no_cache(web.json_response({"ok": True, "person": _person_json(person)}))

    async def clock(request: web.Request) -> web.StreamResponse:
        if request.method == "GET":
            return _no_cache(web.json_response(tryout.clock_json()))
        data = await _json_body(request)
        try:
            await tryout.move_clock(data)
        except (ClockError, TypeError, ValueError) as exc:
            return _refused(str(exc))
        log.info("try-out: clock moved to %s", tryout.clock.now().isoformat(timespec="minutes"))
        return _no_cache(web.json_response({"ok": True, **tryout.clock_json()}))

    app.router.add_get("/", index)
    app.router.add_get("/static/{name}", static)
    app.router.add_get("/webchat/config", config)
    app.router.add_post("/webchat/people", add_person)
    app.router.add_get("/webchat/clock", clock)
    app.router.add_post("/webchat/clock", clock)


def _person_json(person: Person) -> dict[str, Any]:
    return {**asdict(person), "label": person.label}
