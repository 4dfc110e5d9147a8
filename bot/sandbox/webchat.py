"""The web chat page: static files and the list of simulated people, on the Bot API server.

The page itself talks only to the /sim/… API; this module just serves it.
"""

from __future__ import annotations

import uuid
from dataclasses import asdict, dataclass
from pathlib import Path

from aiohttp import web

from bot.sandbox.sim import Simulator

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


@dataclass(frozen=True, slots=True)
class Person:
    """Someone the page can act as; their private chat id is their user id."""

    user_id: int
    first_name: str
    language_code: str
    admin: bool = False

    @property
    def label(self) -> str:
        return f"{self.first_name} ({self.language_code})"


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


def _no_cache(response: web.StreamResponse) -> web.StreamResponse:
    # A restarted sandbox may ship a newer page; never show a stale one.
    response.headers["Cache-Control"] = "no-store"
    response.headers["Content-Security-Policy"] = CSP
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


def add_webchat_routes(
    app: web.Application,
    sim: Simulator,
    people: tuple[Person, ...] = PEOPLE,
    groups: tuple[Group, ...] = GROUPS,
) -> None:
    """Serve the page at / and /static/…, and its configuration at /webchat/config."""
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
            "people": [{**asdict(p), "label": p.label} for p in people],
            "groups": [{**asdict(g), "label": g.label} for g in groups],
        }
        return _no_cache(web.json_response(data))

    app.router.add_get("/", index)
    app.router.add_get("/static/{name}", static)
    app.router.add_get("/webchat/config", config)
