"""Reading Bot API parameters from any of the encodings Telegram accepts."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from aiohttp import BodyPartReader, web

from bot.sandbox.models import ApiError, bad_request

# Form encodings carry everything as strings; these names hold JSON objects or arrays.
JSON_PARAMS = frozenset(
    {
        "reply_markup",
        "allowed_updates",
        "entities",
        "caption_entities",
        "commands",
        "scope",
        "link_preview_options",
        "reply_parameters",
        "media",
        "menu_button",
        "rights",
        "results",
        "message_ids",
    }
)
INT_PARAMS = frozenset(
    {
        "chat_id",
        "from_chat_id",
        "message_id",
        "message_thread_id",
        "reply_to_message_id",
        "offset",
        "limit",
        "timeout",
        "user_id",
        "cache_time",
        "max_connections",
    }
)
BOOL_PARAMS = frozenset(
    {
        "show_alert",
        "disable_web_page_preview",
        "disable_notification",
        "protect_content",
        "allow_sending_without_reply",
        "drop_pending_updates",
        "disable_content_type_detection",
        "has_spoiler",
        "show_caption_above_media",
        "allow_paid_broadcast",
    }
)


@dataclass(slots=True)
class Upload:
    """A file sent as a multipart part."""

    filename: str
    content_type: str
    data: bytes


def _coerce(name: str, value: Any) -> Any:
    if name in JSON_PARAMS:
        if isinstance(value, str):
            try:
                return json.loads(value)
            except ValueError:
                if name == "reply_markup":
                    raise bad_request("can't parse reply keyboard markup JSON object") from None
                raise bad_request(f"can't parse {name} JSON object") from None
        return value
    if name in INT_PARAMS:
        if isinstance(value, str):
            stripped = value.strip()
            if stripped.lstrip("-").isdigit():
                return int(stripped)
        elif isinstance(value, float) and value.is_integer():
            return int(value)
        return value
    if name in BOOL_PARAMS and isinstance(value, str):
        return value.strip().lower() in ("true", "1")
    return value


async def _read_multipart(
    request: web.Request, params: dict[str, Any], files: dict[str, Upload]
) -> None:
    reader = await request.multipart()
    async for part in reader:
        if not isinstance(part, BodyPartReader) or part.name is None:
            continue
        if part.filename is not None:
            data = await part.read(decode=True)
            ctype = part.headers.get("Content-Type", "application/octet-stream")
            files[part.name] = Upload(part.filename, ctype.split(";")[0].strip(), bytes(data))
        else:
            params[part.name] = await part.text()


async def read_params(request: web.Request) -> tuple[dict[str, Any], dict[str, Upload]]:
    """Merge query string and body parameters, decode JSON values, coerce ints and bools."""
    params: dict[str, Any] = dict(request.query) if request.query_string else {}
    files: dict[str, Upload] = {}
    if request.body_exists:
        ctype = request.content_type
        if ctype == "application/x-www-form-urlencoded":
            params.update(await request.post())
        elif ctype.startswith("multipart/"):
            await _read_multipart(request, params, files)
        elif ctype == "application/json" or ctype == "application/octet-stream":
            try:
                body = json.loads(await request.read() or b"{}")
            except ValueError:
                raise bad_request("can't parse JSON object") from None
            if not isinstance(body, dict):
                raise bad_request("parameters must be a JSON object")
            params.update(body)
        else:
            raise ApiError(400, f"Bad Request: unsupported content type {ctype}")
    return {name: _coerce(name, value) for name, value in params.items()}, files
