"""Real Jol processes (`python -m bot web|sender`) against the local Bot API, on a
PostgreSQL database of their own, and a TCP proxy that can take the database away."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import socket
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import NullPool

from bench.scale import procfile_flags
from tests.faq.test_loader import topic_yaml
from tests.support.databases import pg_url
from tests.support.settings import TEST_TOKEN

SECRET = "scale_secret-for-the-tests"
PUBLIC_URL = "https://jol.example.org"
# Start-up on a busy 2-core machine: imports, migrations, the knowledge base.
READY_TIMEOUT = 120.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def small_kb(folder: Path) -> Path:
    """A one-topic knowledge base: a process starts without indexing the real one."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "unpaid-wages.yaml").write_text(topic_yaml(), encoding="utf-8")
    return folder


@contextlib.asynccontextmanager
async def fresh_database() -> AsyncIterator[str]:
    """An empty PostgreSQL database for the processes of one test; its URL.

    One database per test worker, emptied for each test (dropping a database makes
    PostgreSQL checkpoint, which takes seconds on a busy server; an empty schema does not).
    """
    base = pg_url()
    assert base is not None
    # Named after the test database, so concurrent runs on one server keep apart.
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    name = f"{make_url(base).database}_scale_{worker}"[:63]
    admin = create_async_engine(base, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    async with admin.connect() as conn:
        found = await conn.execute(
            text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}
        )
        if found.first() is None:
            await conn.execute(text(f'CREATE DATABASE "{name}"'))
            CREATED.append((base, name))
    await admin.dispose()
    url = make_url(base).set(database=name).render_as_string(hide_password=False)
    await _empty(url, name)
    yield url
    await _empty(url, name)


# Databases this test process created: tests/scale/conftest.py drops them at the end.
CREATED: list[tuple[str, str]] = []


def drop_created() -> None:
    while CREATED:
        _drop(*CREATED.pop())


def _drop(base: str, name: str) -> None:
    async def drop() -> None:
        admin = create_async_engine(base, isolation_level="AUTOCOMMIT", poolclass=NullPool)
        async with admin.connect() as conn:
            await conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        await admin.dispose()

    with contextlib.suppress(Exception):
        asyncio.run(drop())


async def _empty(url: str, name: str) -> None:
    engine = create_async_engine(url, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    async with engine.connect() as conn:
        # Connections of processes that were killed: gone before the schema is.
        await conn.execute(
            text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = :name AND pid <> pg_backend_pid()"
            ),
            {"name": name},
        )
        await conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        await conn.execute(text("CREATE SCHEMA public"))
    await engine.dispose()


def via_port(url: str, port: int) -> str:
    """The same database reached through 127.0.0.1:port (the proxy)."""
    return make_url(url).set(host="127.0.0.1", port=port).render_as_string(hide_password=False)


class JolProcess:
    """`python -m bot ROLE` in a subprocess, its output in files."""

    def __init__(
        self, role: str, folder: Path, env: dict[str, str], name: str = "", module: str = "bot"
    ) -> None:
        """`module`: what `python -m` runs (a test's wrapper around the bot, say)."""
        self.role = role
        self.module = module
        self.name = name or role
        self.folder = folder
        self.env = env
        self.proc: subprocess.Popen[bytes] | None = None
        self.out = folder / f"{self.name}.out"
        self.err = folder / f"{self.name}.err"

    def start(self) -> JolProcess:
        self.folder.mkdir(parents=True, exist_ok=True)
        args = [sys.executable, *procfile_flags(), "-m", self.module]
        if self.module == "bot" and self.role != "all":
            args.append(self.role)
        with self.out.open("ab") as out, self.err.open("ab") as err:
            self.proc = subprocess.Popen(
                args, cwd=self.folder, env=self.env, stdout=out, stderr=err
            )
        return self

    def log(self) -> str:
        return self.err.read_text(errors="replace") if self.err.exists() else ""

    async def ready(self, timeout: float = READY_TIMEOUT) -> None:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while "ready:" not in self.out.read_text(errors="replace"):
            assert self.proc is not None
            if self.proc.poll() is not None:
                raise AssertionError(
                    f"{self.name} exited {self.proc.returncode}:\n{self.log()[-3000:]}"
                )
            if loop.time() > deadline:
                raise AssertionError(f"{self.name} not ready in {timeout} s:\n{self.log()[-3000:]}")
            await asyncio.sleep(0.1)

    async def stop(self, sig: int = signal.SIGTERM, timeout: float = 60.0) -> int:
        if self.proc is None or self.proc.poll() is not None:
            return self.proc.returncode if self.proc else 0
        self.proc.send_signal(sig)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while self.proc.poll() is None:
            if loop.time() > deadline:
                self.proc.kill()
                raise AssertionError(f"{self.name} did not stop in {timeout} s")
            await asyncio.sleep(0.05)
        return self.proc.returncode

    def kill(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=30)


def jol_env(
    *,
    api_url: str,
    database_url: str,
    kb: Path,
    port: int = 0,
    **extra: str,
) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG", "TMPDIR")}
    env.update(
        {
            "BOT_TOKEN": TEST_TOKEN,
            "TELEGRAM_API_URL": api_url,
            "DATABASE_URL": database_url,
            # Several processes per test and two test workers on one PostgreSQL.
            "DATABASE_CONNECTIONS": "12",
            "KB_PATH": str(kb),
            "WEBHOOK_URL": PUBLIC_URL,
            "WEBHOOK_SECRET": SECRET,
            "WEBHOOK_LISTEN": "127.0.0.1",
            "PORT": str(port or 8080),
            "LOG_LEVEL": "INFO",
            "DEFAULT_LOCALE": "en",
            "PYTHONUNBUFFERED": "1",
        }
    )
    env.update(extra)
    return env


class TcpProxy:
    """127.0.0.1:port → target; `down()` drops every connection and refuses new ones."""

    def __init__(self, target_host: str, target_port: int) -> None:
        self.target = (target_host, target_port)
        self.port = free_port()
        self._server: asyncio.Server | None = None
        self._writers: set[asyncio.StreamWriter] = set()

    async def up(self) -> None:
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", self.port)

    async def down(self) -> None:
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()
            self._server = None
        for writer in list(self._writers):
            writer.transport.abort()
        self._writers.clear()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            up_reader, up_writer = await asyncio.open_connection(*self.target)
        except OSError:
            writer.transport.abort()
            return
        self._writers |= {writer, up_writer}

        async def pipe(src: asyncio.StreamReader, dst: asyncio.StreamWriter) -> None:
            try:
                while data := await src.read(65536):
                    dst.write(data)
                    await dst.drain()
            except (ConnectionError, OSError):
                pass
            finally:
                dst.transport.abort()
                self._writers.discard(dst)

        await asyncio.gather(pipe(reader, up_writer), pipe(up_reader, writer))


def start_update(
    update_id: int, user_id: int, text: str = "/start", chat_type: str = "private"
) -> dict[str, Any]:
    person = {"id": user_id, "is_bot": False, "first_name": "Aru", "language_code": "en"}
    message: dict[str, Any] = {
        "message_id": update_id,
        "date": 1_796_000_000,
        "chat": {"id": user_id, "type": chat_type, "first_name": "Aru"},
        "from": person,
        "text": text,
    }
    if text.startswith("/"):
        message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
    return {"update_id": update_id, "message": message}
