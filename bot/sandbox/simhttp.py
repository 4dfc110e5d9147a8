"""The ``/sim/…`` JSON API: the same simulation controls over HTTP (web chat, benchmarks)."""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import quote, unquote

from aiohttp import web

from bot.sandbox.botapi import CAPTION_LIMIT, image_size
from bot.sandbox.sim import Simulator, sim_message_json

log = logging.getLogger(__name__)

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
MAX_POLL_SECONDS = 60.0
MAX_SMALLER = 4  # Telegram makes up to four more sizes of a photo
NAME_LIMIT = 255  # what file systems keep
PHOTO_LIMIT = 10 * 1024 * 1024  # Telegram takes photos up to 10 MB; larger ones go as files


def _json(data: Any, status: int = 200) -> web.Response:
    return web.Response(
        body=json.dumps(data, ensure_ascii=False).encode(),
        status=status,
        content_type="application/json",
    )


def _guard(handler: Handler) -> Handler:
    """Turn bad input into 400/404 JSON answers instead of 500s."""

    async def wrapped(request: web.Request) -> web.StreamResponse:
        try:
            return await handler(request)
        except LookupError as err:
            return _json({"ok": False, "error": str(err).strip("'\"")}, 404)
        except (ValueError, TypeError) as err:
            return _json({"ok": False, "error": str(err)}, 400)

    return wrapped


async def _body(request: web.Request) -> dict[str, Any]:
    if not request.body_exists:
        return {}
    data = await request.json()
    if not isinstance(data, dict):
        raise ValueError("JSON object expected")
    return data


def _opt_int(data: dict[str, Any], key: str) -> int | None:
    value = data.get(key)
    return None if value is None or value == "" else int(value)


def _file_name(raw: str | None) -> str:
    """The name of an uploaded file without folders (browsers and aiohttp %-escape some)."""
    name = unquote(raw or "").replace("\\", "/").rsplit("/", 1)[-1].strip()
    name = "".join(c for c in name if c.isprintable())
    return name[:NAME_LIMIT] or "file"


def _smaller_sizes(parts: list[Any], largest: tuple[int, int]) -> list[tuple[bytes, int, int]]:
    """A photo's smaller sizes as the app made them: images, each smaller than the photo."""
    if len(parts) > MAX_SMALLER:
        raise ValueError(f"at most {MAX_SMALLER} smaller sizes")
    sizes = []
    for part in parts:
        if not isinstance(part, web.FileField):
            raise ValueError("a smaller size must be a file")
        data = part.file.read()
        size = image_size(data)
        if size is None or size[0] * size[1] >= largest[0] * largest[1]:
            raise ValueError("a smaller size must be an image smaller than the photo")
        sizes.append((data, *size))
    return sizes


class SimRoutes:
    """Request handlers bound to one Simulator."""

    def __init__(self, sim: Simulator) -> None:
        self.sim = sim

    def register(self, app: web.Application) -> None:
        """Add the /sim routes to ``app``."""
        post = {
            "/sim/users": self.users,
            "/sim/groups": self.groups,
            "/sim/forums": self.forums,
            "/sim/send": self.send,
            "/sim/send_many": self.send_many,
            "/sim/press": self.press,
            "/sim/contact": self.contact,
            "/sim/upload": self.upload,
            "/sim/location": self.location,
            "/sim/channel_post": self.channel_post,
            "/sim/block": self.block,
            "/sim/unblock": self.unblock,
            "/sim/inject": self.inject,
            "/sim/reset": self.reset,
        }
        for path, handler in post.items():
            app.router.add_post(path, _guard(handler))
        app.router.add_get("/sim/stats", _guard(self.stats))
        app.router.add_get("/sim/commands", _guard(self.commands))
        app.router.add_get("/sim/chats/{chat_id}/messages", _guard(self.messages))
        app.router.add_get("/sim/chats/{chat_id}/topics", _guard(self.topics))
        app.router.add_get("/sim/chats/{chat_id}/commands", _guard(self.menu))
        app.router.add_get(
            "/sim/chats/{chat_id}/messages/{message_id}/{kind:document|photo|voice}",
            _guard(self.download),
        )

    async def users(self, request: web.Request) -> web.Response:
        """Create or update a user."""
        data = await _body(request)
        user = self.sim.user(
            int(data["user_id"]),
            str(data.get("first_name") or f"User {data['user_id']}"),
            language_code=data.get("language_code", "en"),
            username=data.get("username"),
            last_name=data.get("last_name"),
        )
        return _json({"ok": True, "user": user.to_api()})

    async def groups(self, request: web.Request) -> web.Response:
        """Create a group chat."""
        data = await _body(request)
        chat = self.sim.group(int(data["chat_id"]), str(data.get("title") or "Group"))
        return _json({"ok": True, "chat": chat.to_api()})

    async def forums(self, request: web.Request) -> web.Response:
        """Create a supergroup with topics (a staff group): members and administrators."""
        data = await _body(request)
        chat = self.sim.forum(
            int(data["chat_id"]),
            str(data.get("title") or "Staff"),
            members=[int(u) for u in data.get("members", [])],
            admins=[int(u) for u in data.get("admins", [])],
        )
        return _json({"ok": True, "chat": chat.to_api()})

    async def topics(self, request: web.Request) -> web.Response:
        """A forum's topics, oldest first."""
        chat = self.sim.chats[int(request.match_info["chat_id"])]
        items = [
            {
                "thread_id": t.thread_id,
                "name": t.name,
                "closed": t.closed,
                "icon_color": t.icon_color,
            }
            for t in chat.topics.values()
            if not t.deleted
        ]
        return _json({"topics": items, "pinned": list(chat.pinned)})

    def _stored(self, chat_id: int, message_id: int) -> dict[str, Any]:
        return sim_message_json(self.sim.chats[chat_id].messages[message_id])

    async def send(self, request: web.Request) -> web.Response:
        """A user sends a text message."""
        data = await _body(request)
        text = data.get("text")
        if not isinstance(text, str) or not text:
            raise ValueError("text must be a non-empty string")
        payload = await self.sim.send_text(
            int(data["user_id"]),
            text,
            chat_id=_opt_int(data, "chat_id"),
            thread_id=_opt_int(data, "thread_id"),
        )
        stored = self._stored(payload["chat"]["id"], payload["message_id"])
        return _json({"ok": True, "message": stored})

    async def send_many(self, request: web.Request) -> web.Response:
        """Many text messages at once, in the order given (benchmarks)."""
        data = await _body(request)
        items = data.get("messages")
        if not isinstance(items, list):
            raise ValueError("messages must be a list")
        for item in items:
            await self.sim.send_text(
                int(item["user_id"]),
                str(item["text"]),
                chat_id=_opt_int(item, "chat_id"),
                thread_id=_opt_int(item, "thread_id"),
            )
        return _json({"ok": True, "count": len(items)})

    async def press(self, request: web.Request) -> web.Response:
        """A user presses an inline button."""
        data = await _body(request)
        query_id = await self.sim.press_button(
            int(data["user_id"]),
            int(data["message_id"]),
            str(data["data"]),
            chat_id=_opt_int(data, "chat_id"),
        )
        return _json({"ok": True, "callback_query_id": query_id})

    async def contact(self, request: web.Request) -> web.Response:
        """A user shares its phone number."""
        data = await _body(request)
        payload = await self.sim.send_contact(
            int(data["user_id"]), str(data["phone_number"]), chat_id=_opt_int(data, "chat_id")
        )
        stored = self._stored(payload["chat"]["id"], payload["message_id"])
        return _json({"ok": True, "message": stored})

    async def upload(self, request: web.Request) -> web.Response:
        """A user sends a photo or a file (multipart: user_id, kind, file, caption…)."""
        form = await request.post()
        upload = form.get("file")
        if not isinstance(upload, web.FileField):
            raise ValueError("file is missing")
        data = upload.file.read()
        if not data:
            raise ValueError("the file is empty")
        fields = {k: v for k, v in form.items() if isinstance(v, str)}
        user_id = int(fields["user_id"])
        chat_id = _opt_int(fields, "chat_id")
        thread_id = _opt_int(fields, "thread_id")
        caption = fields.get("caption") or None
        if caption is not None and len(caption) > CAPTION_LIMIT:
            raise ValueError(f"a caption is at most {CAPTION_LIMIT} characters")
        kind = fields.get("kind", "document")
        if kind == "photo":
            size = image_size(data)
            if size is None or len(data) > PHOTO_LIMIT:
                raise ValueError("not a photo Telegram would take: send it as a file")
            smaller = _smaller_sizes(form.getall("smaller", []), size)
            payload = await self.sim.send_photo(
                user_id,
                data,
                *size,
                caption=caption,
                chat_id=chat_id,
                thread_id=thread_id,
                smaller=smaller,
            )
        elif kind == "document":
            name = _file_name(upload.filename)
            mime = upload.content_type or "application/octet-stream"
            payload = await self.sim.send_document(
                user_id, name, data, mime, caption=caption, chat_id=chat_id, thread_id=thread_id
            )
        else:
            raise ValueError("kind must be photo or document")
        stored = self._stored(payload["chat"]["id"], payload["message_id"])
        return _json({"ok": True, "message": stored})

    async def menu(self, request: web.Request) -> web.Response:
        """The command menu the user sees in the chat (as setMyCommands left it)."""
        chat_id = int(request.match_info["chat_id"])
        user_id = request.query.get("user_id")
        commands = self.sim.menu(chat_id, int(user_id) if user_id else None)
        return _json({"commands": commands})

    async def location(self, request: web.Request) -> web.Response:
        """A user sends a pin from the attachment menu."""
        data = await _body(request)
        payload = await self.sim.send_location(
            int(data["user_id"]),
            float(data["latitude"]),
            float(data["longitude"]),
            chat_id=_opt_int(data, "chat_id"),
        )
        stored = self._stored(payload["chat"]["id"], payload["message_id"])
        return _json({"ok": True, "message": stored})

    async def channel_post(self, request: web.Request) -> web.Response:
        """A post appears in a channel."""
        data = await _body(request)
        payload = await self.sim.send_channel_post(int(data["chat_id"]), str(data["text"]))
        return _json(
            {"ok": True, "message": self._stored(payload["chat"]["id"], payload["message_id"])}
        )

    async def block(self, request: web.Request) -> web.Response:
        """A user blocks the bot."""
        self.sim.block(int((await _body(request))["user_id"]))
        return _json({"ok": True})

    async def unblock(self, request: web.Request) -> web.Response:
        """A user unblocks the bot."""
        self.sim.unblock(int((await _body(request))["user_id"]))
        return _json({"ok": True})

    async def inject(self, request: web.Request) -> web.Response:
        """Inject failures or delays into Bot API methods."""
        data = await _body(request)
        delay = data.get("delay")
        self.sim.inject(
            str(data["method"]),
            status=int(data.get("status", 429)),
            retry_after=int(data.get("retry_after", 1)),
            count=int(data.get("count", 1)),
            description=data.get("description"),
            chat_id=_opt_int(data, "chat_id"),
            delay=None if delay is None else float(delay),
        )
        return _json({"ok": True})

    async def reset(self, request: web.Request) -> web.Response:
        """Forget everything."""
        self.sim.reset()
        return _json({"ok": True, "epoch": self.sim.epoch})

    async def stats(self, request: web.Request) -> web.Response:
        """Call and delivery counters."""
        return _json(self.sim.stats.to_json())

    async def commands(self, request: web.Request) -> web.Response:
        """What setMyCommands stored."""
        items = [
            {"scope": scope, "language_code": lang, "commands": cmds}
            for (scope, lang), cmds in self.sim.commands.items()
        ]
        return _json({"commands": items})

    async def messages(self, request: web.Request) -> web.Response:
        """Long poll: messages changed after ``after_version`` (all of them for 0)."""
        chat_id = int(request.match_info["chat_id"])
        after = int(request.query.get("after_version", 0))
        timeout = min(float(request.query.get("timeout", 0)), MAX_POLL_SECONDS)
        if timeout > 0:
            await self.sim.wait_changes(chat_id, after, timeout)
        return _json(self.sim.changes(chat_id, after))

    async def download(self, request: web.Request) -> web.Response:
        """A document or photo of a message, with its original name and type."""
        chat = self.sim.chats[int(request.match_info["chat_id"])]
        msg = chat.messages[int(request.match_info["message_id"])]
        kind = request.match_info["kind"]
        file = {"document": msg.document, "photo": msg.photo, "voice": msg.voice}[kind]
        if file is None:
            raise LookupError("this message has no such file")
        fallback = file.name.encode("ascii", "replace").decode().replace('"', "_")
        disposition = f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(file.name)}"
        return web.Response(
            body=file.data,
            content_type=file.mime,
            headers={"Content-Disposition": disposition},
        )
