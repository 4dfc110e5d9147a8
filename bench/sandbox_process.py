"""Start the local Bot API server in its own process, so it does not share the
bot's event loop or CPU time slice in a benchmark."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import urllib.request
from typing import Any


class SandboxProcess:
    def __init__(self, token: str, port: int = 0, extra_args: list[str] | None = None) -> None:
        self.token = token
        self.extra_args = extra_args or []
        self.port = port
        self.proc: subprocess.Popen[str] | None = None
        self.base_url = ""
        self.root = ""

    def __enter__(self) -> SandboxProcess:
        if not self.port:
            with socket.socket() as sock:
                sock.bind(("127.0.0.1", 0))
                self.port = sock.getsockname()[1]
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "bot.sandbox",
                "--port",
                str(self.port),
                "--token",
                self.token,
                *self.extra_args,
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        assert self.proc.stdout is not None
        self.base_url = self.proc.stdout.readline().strip()
        if not self.base_url:
            raise RuntimeError("the sandbox server did not start")
        self.root = f"http://127.0.0.1:{self.port}"
        return self

    def __exit__(self, *exc: object) -> None:
        if self.proc is not None:
            self.proc.terminate()
            self.proc.wait(timeout=10)

    def call(self, path: str, body: dict[str, Any] | None = None) -> Any:
        """A blocking /sim call (set-up only, never inside a timed section)."""
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(
            self.root + path, data=data, headers={"Content-Type": "application/json"}
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.loads(response.read())
