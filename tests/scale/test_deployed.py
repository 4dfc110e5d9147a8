"""A process started as the Procfile starts it (`python -OO -m bot`), on SQLite.

The Procfile runs Jol with `-OO`: docstrings and asserts are left out of every module,
about 6 MB less per process. The benchmarks and the process tests start their
processes with the same options (`bench.scale.procfile_flags`); this test needs no
PostgreSQL, so every run shows that the bot answers with them.
"""

from __future__ import annotations

from pathlib import Path

import aiohttp
import pytest

from bench.scale import PROCFILE, procfile_flags
from bot.sandbox.server import BotApiServer
from tests.scale.support import JolProcess, free_port, jol_env, small_kb
from tests.support import TEST_TOKEN
from tests.support.waiting import eventually

WAIT = 120.0  # a safety net for a loaded machine, never a measurement


def test_every_procfile_command_runs_the_bot_with_the_same_options() -> None:
    assert procfile_flags() == ["-OO"]
    roles = {line.split(":", 1)[0] for line in PROCFILE.read_text().splitlines() if line}
    assert roles == {"web", "sender", "worker"}


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("web: python -OO -m bot web\nsender: python -m bot sender\n", "differ"),
        ("web: gunicorn bot.web\n", "not `python"),
        ("web: python -OO -m other web\n", "not `python"),
    ],
)
def test_a_procfile_the_benchmarks_cannot_follow_is_refused(
    tmp_path: Path, text: str, problem: str
) -> None:
    procfile = tmp_path / "Procfile"
    procfile.write_text(text)
    with pytest.raises(ValueError, match=problem):
        procfile_flags(procfile)


async def test_the_all_in_one_process_answers_with_the_procfile_options(
    tmp_path: Path,
) -> None:
    port = free_port()
    async with BotApiServer(token=TEST_TOKEN) as server:
        server.api.webhook.gateway = f"http://127.0.0.1:{port}"
        env = jol_env(
            api_url=server.base_url,
            database_url=f"sqlite:///{tmp_path / 'jol.sqlite3'}",
            kb=small_kb(tmp_path / "kb"),
            port=port,
        )
        proc = JolProcess("all", tmp_path, env).start()
        try:
            await proc.ready()
            async with (
                aiohttp.ClientSession() as session,
                session.get(f"http://127.0.0.1:{port}/healthz") as health,
            ):
                assert health.status == 200
            person = server.sim.user(7001, "Aru", "en")

            def said(words: str) -> bool:
                return any(words in m.plain for m in server.sim.bot_messages(person.id))

            await server.sim.send_text(person.id, "/start")
            await eventually(lambda: said("Choose your language"), WAIT)
            # A question: the search with the meaning model, under -OO.
            await server.sim.send_text(person.id, "salary wages")
            await eventually(lambda: said("Ask the inspectorate."), WAIT)
        finally:
            assert await proc.stop() == 0, proc.log()[-3000:]
    assert "Traceback" not in proc.log(), proc.log()[-3000:]
