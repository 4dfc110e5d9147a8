"""A local aiohttp server that speaks the Telegram Bot API, plus the /sim control API.

Usage::

    async with BotApiServer(token="123:ABC") as server:
        app = ApplicationBuilder().token("123:ABC").base_url(server.base_url).build()
        user = server.sim.user(42, "Ann")
        await server.sim.send_text(user, "/start")
        await server.sim.wait_for(42)
"""

from __future__ import annotations

import asyncio
import json
import logging
from http import HTTPStatus
from types import TracebackType
from typing import Any

from aiohttp import web

from bot.sandbox.botapi import BotApi
from bot.sandbox.models import ApiError, Fault
from bot.sandbox.params import read_params
from bot.sandbox.sim import Simulator
from bot.sandbox.simhttp import SimRoutes

log = logging.getLogger(__name__)

MAX_UPLOAD = 60 * 1024 * 1024  # Telegram allows 50 MB bot uploads; leave room for the form
_DEFAULT_DESCRIPTIONS = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden: bot was blocked by the user",
    404: "Not Found",
    409: "Conflict: terminated by other getUpdates request",
    500: "Internal Server Error",
    502: "Bad Gateway",
}


def _dumps(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()


def _answer(data: Any, status: int = 200) -> web.Response:
    return web.Response(body=_dumps(data), status=status, content_type="application/json")


def _fault_error(fault: Fault) -> ApiError:
    if fault.status == 429:
        retry = fault.retry_after
        text = fault.description or f"Too Many Requests: retry after {retry}"
        return ApiError(429, text, {"retry_after": retry})
    default = _DEFAULT_DESCRIPTIONS.get(fault.status)
    if default is None:
        try:
            default = HTTPStatus(fault.status).phrase
        except ValueError:
            default = "Error"
    return ApiError(fault.status, fault.description or default)


class BotApiServer:
    """The fake Telegram: Bot API under ``/bot<token>/``, simulation under ``/sim/``."""

    def __init__(
        self,
        token: str,
        host: str = "127.0.0.1",
        port: int = 0,
        bot_username: str = "jol_test_bot",
        bot_first_name: str = "Jol",
        *,
        bot_id: int | None = None,
        strict_html: bool = True,
    ) -> None:
        prefix = token.split(":", 1)[0]
        self.token = token
        self.host = host
        self.port = port
        self.bot_id = bot_id if bot_id is not None else int(prefix) if prefix.isdigit() else 1
        self.bot_user: dict[str, Any] = {
            "id": self.bot_id,
            "is_bot": True,
            "first_name": bot_first_name,
            "username": bot_username,
        }
        self.me: dict[str, Any] = {
            **self.bot_user,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }
        self.sim = Simulator(self.bot_user, strict_html=strict_html)
        self.api = BotApi(self.sim, self.me)
        # Public so other parts (the web chat) can add routes before start()
        self.app = web.Application(client_max_size=MAX_UPLOAD)
        self.app.router.add_route("*", "/bot{token}/{method}", self._handle_api)
        self.app.router.add_get("/file/bot{token}/{path:.+}", self._handle_file)
        SimRoutes(self.sim).register(self.app)
        self._runner: web.AppRunner | None = None

    # ----- lifecycle -------------------------------------------------------------------

    @property
    def url(self) -> str:
        """Root URL of the server, e.g. ``http://127.0.0.1:8081``."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    @property
    def base_url(self) -> str:
        """Bot API base URL without the token (PTB's ``base_url``)."""
        return f"{self.url}/bot"

    @property
    def base_file_url(self) -> str:
        """File download base URL without the token (PTB's ``base_file_url``)."""
        return f"{self.url}/file/bot"

    async def start(self) -> None:
        """Bind and serve; with port 0 the chosen port is in ``self.port`` afterwards."""
        runner = web.AppRunner(
            self.app, access_log=None, handle_signals=False, shutdown_timeout=1.0
        )
        await runner.setup()
        site = web.TCPSite(runner, self.host, self.port, backlog=1024)
        await site.start()
        self._runner = runner
        self.port = int(runner.addresses[0][1])
        log.info("Bot API sandbox listening on %s", self.url)

    async def stop(self) -> None:
        """Release long polls and shut the server down."""
        if self._runner is None:
            return
        await self.sim.close()
        await self.api.webhook.stop()
        await self._runner.cleanup()
        self._runner = None

    async def __aenter__(self) -> BotApiServer:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.stop()

    # ----- HTTP handlers ---------------------------------------------------------------

    async def _handle_api(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return _answer({"ok": False, "error_code": 401, "description": "Unauthorized"}, 401)
        entry = self.api.methods.get(request.match_info["method"].lower())
        if entry is None:
            return _answer({"ok": False, "error_code": 404, "description": "Not Found"}, 404)
        name, method = entry
        stats = self.sim.stats
        stats.calls[name] += 1
        try:
            params, files = await read_params(request)
            if self.sim.faults:
                await self._apply_fault(name, params)
            result = await method(params, files)
        except ApiError as err:
            stats.errors[err.status] += 1
            return _answer(err.payload(), err.status)
        except Exception:
            # A sandbox bug must look like a Telegram outage to the bot, not hang it
            log.exception("Bot API sandbox failed in %s", name)
            stats.errors[500] += 1
            payload = {"ok": False, "error_code": 500, "description": "Internal Server Error"}
            return _answer(payload, 500)
        return _answer({"ok": True, "result": result})

    async def _apply_fault(self, name: str, params: dict[str, Any]) -> None:
        fault = self.sim.take_fault(name, params.get("chat_id"))
        if fault is None:
            return
        if fault.delay is not None:
            await asyncio.sleep(fault.delay)  # simulates a slow Telegram to test timeouts
            return
        raise _fault_error(fault)

    async def _handle_file(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return _answer({"ok": False, "error_code": 401, "description": "Unauthorized"}, 401)
        parts = request.match_info["path"].split("/")
        file = self.sim.files.get("SIM" + parts[1][1:]) if len(parts) == 3 else None
        if file is None or file.file_path != request.match_info["path"]:
            return _answer({"ok": False, "error_code": 404, "description": "Not Found"}, 404)
        return web.Response(body=file.data, content_type=file.mime)
