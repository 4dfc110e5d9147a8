"""A python-telegram-bot request backend on aiohttp.

PTB's default backend (httpx) costs about twice the CPU per call of aiohttp's
client; for the outbox sender, which makes one call per message at up to the
whole bot's rate, that CPU is what bounds throughput on a small host.
Behaviour follows PTB's HTTPXRequest: the same timeouts semantics and errors;
parameters go as a JSON body rather than a form (files still as multipart).
"""

from __future__ import annotations

import json

import aiohttp
from telegram._utils.defaultvalue import DefaultValue
from telegram._utils.types import ODVInput
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData


class AnswerLost(TimedOut):
    """The request went out and no answer came in time: Telegram may have acted on it.

    Every other failure here (no connection, a connect timeout, a refused or reset
    connection before the answer) means the request was not taken; this one alone
    is ambiguous, and sending again may deliver a message twice.
    """

    def __init__(self) -> None:
        super().__init__("Timed out waiting for Telegram's answer; the request may have been done")


class AiohttpRequest(BaseRequest):
    """One aiohttp session with a bounded connection pool."""

    __slots__ = (
        "_connect_timeout",
        "_headers",
        "_json_headers",
        "_pool_size",
        "_read_timeout",
        "_session",
        "_write_timeout",
    )

    def __init__(
        self,
        pool_size: int = 64,
        read_timeout: float | None = 5.0,
        write_timeout: float | None = 5.0,
        connect_timeout: float | None = 5.0,
    ) -> None:
        self._pool_size = pool_size
        self._read_timeout = read_timeout
        self._write_timeout = write_timeout
        self._connect_timeout = connect_timeout
        self._session: aiohttp.ClientSession | None = None
        self._headers = {"User-Agent": self.USER_AGENT}
        self._json_headers = {**self._headers, "Content-Type": "application/json"}

    @property
    def read_timeout(self) -> float | None:
        return self._read_timeout

    async def initialize(self) -> None:
        if self._session is None or self._session.closed:
            connector = aiohttp.TCPConnector(limit=self._pool_size, ttl_dns_cache=300)
            self._session = aiohttp.ClientSession(connector=connector)

    async def shutdown(self) -> None:
        if self._session is not None and not self._session.closed:
            await self._session.close()
        self._session = None

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        write_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,  # noqa: ARG002 - PTB's signature
        connect_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        pool_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,  # noqa: ARG002 - PTB's signature
    ) -> tuple[int, bytes]:
        if self._session is None or self._session.closed:
            raise RuntimeError("AiohttpRequest is not initialized")
        read = self._read_timeout if isinstance(read_timeout, DefaultValue) else read_timeout
        connect = (
            self._connect_timeout if isinstance(connect_timeout, DefaultValue) else connect_timeout
        )
        timeout = aiohttp.ClientTimeout(sock_connect=connect, sock_read=read)
        body: aiohttp.FormData | bytes | None = None
        headers = self._headers
        if request_data is not None:
            files = request_data.multipart_data
            if files:
                form = aiohttp.FormData()
                for name, value in request_data.json_parameters.items():
                    form.add_field(name, value)
                for name, part in files.items():
                    filename, content, *rest = part
                    mime = rest[0] if rest else "application/octet-stream"
                    form.add_field(name, content, filename=filename, content_type=mime)
                body = form
            else:
                # A JSON body (the Bot API takes one, buttons and options as objects in
                # it): one C call, where url-encoding quotes a Cyrillic message and its
                # buttons byte by byte in Python, about ten times the CPU.
                body = json.dumps(request_data.parameters, ensure_ascii=False).encode()
                headers = self._json_headers
        try:
            async with self._session.request(
                method, url, data=body, headers=headers, timeout=timeout
            ) as response:
                return response.status, await response.read()
        except aiohttp.SocketTimeoutError as exc:
            # Read timeout: the request was written, the answer is what is missing.
            raise AnswerLost from exc
        except TimeoutError as exc:
            raise TimedOut from exc
        except aiohttp.ClientError as exc:
            raise NetworkError(f"aiohttp.{type(exc).__name__}: {exc}") from exc
