"""`python -m bench scale`: Jol as 1, 2 and 3 webhook processes and 2 senders on PostgreSQL.

The local Bot API (its own process) delivers UPDATES updates from PEOPLE people
by webhook to the web processes, which share one port (SO_REUSEPORT, the
kernel spreads connections as a load balancer would). Halfway through, one web
process is killed (SIGKILL) and started again. Each person sends the same
COMMANDS in turn; a calibration person asked them one at a time first, so every
chat's replies must equal the calibration's, in order:

- lost: replies missing at the end; handled twice: replies beyond the expected;
- order violations: chats whose replies are all there but not in order;
- replies per second (wall clock, the kill included) and replies per CPU-second
  of the web processes (user + system time from /proc, the killed one included).

Then both senders send a queued message to every person at SEND_RATE, and the
send rate the deployment achieved is compared with it. `efficiency3` is replies
per web CPU-second with 3 processes over the same with 1: on 2 cores more
processes add no cores; what they must not add is coordination cost.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import NullPool

from bench.sandbox_process import SandboxProcess
from bot.config import normalise_database_url

TOKEN = "424242:BENCH-token-for-the-local-bot-api"
SECRET = "bench_scale_secret"
PUBLIC_URL = "https://jol.example.org"
COMMANDS = ("/start", "/help", "/privacy", "/menu", "/topics")
DEFAULT_DB = "postgresql://postgres@127.0.0.1:5432/postgres"
TICK = os.sysconf("SC_CLK_TCK")
PROCFILE = Path(__file__).resolve().parent.parent / "Procfile"


def procfile_flags(procfile: Path = PROCFILE) -> list[str]:
    """The interpreter options every Procfile command runs Jol with (`python -OO -m bot
    …`: ["-OO"]), so a benchmark or test process is started as a deployment starts it."""
    found: set[tuple[str, ...]] = set()
    for line in procfile.read_text().splitlines():
        _, _, command = line.partition(":")
        words = command.split()
        if not words:
            continue
        if words[0] != "python" or "-m" not in words or words[words.index("-m") + 1] != "bot":
            raise ValueError(f"{procfile.name}: not `python [options] -m bot …`: {line!r}")
        found.add(tuple(words[1 : words.index("-m")]))
    if len(found) != 1:
        raise ValueError(f"{procfile.name}: its commands differ in their options: {found}")
    return list(found.pop())


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / TICK


class Proc:
    def __init__(self, role: str, env: dict[str, str], folder: Path, name: str) -> None:
        self.role, self.env, self.folder, self.name = role, env, folder, name
        self.p: subprocess.Popen[bytes] | None = None
        self.cpu_before_death = 0.0
        self.out = folder / f"{name}.out"

    def start(self) -> Proc:
        self.out.write_bytes(b"")
        err = (self.folder / f"{self.name}.err").open("ab")
        self.p = subprocess.Popen(
            [sys.executable, *procfile_flags(), "-m", "bot", self.role],
            env=self.env,
            cwd=self.folder,
            stdout=self.out.open("ab"),
            stderr=err,
        )
        return self

    def wait_ready(self, timeout: float = 180.0) -> None:
        deadline = time.monotonic() + timeout
        while b"ready:" not in self.out.read_bytes():
            assert self.p is not None
            if self.p.poll() is not None or time.monotonic() > deadline:
                log = (self.folder / f"{self.name}.err").read_text(errors="replace")
                raise RuntimeError(f"{self.name} did not start:\n{log[-2000:]}")
            time.sleep(0.1)

    def cpu(self) -> float:
        return cpu_seconds(self.p.pid) if self.p and self.p.poll() is None else 0.0

    def kill(self, how: str = "kill") -> float:
        """SIGKILL (no goodbye), or SIGTERM (a platform's restart: finish what is in hand)."""
        assert self.p is not None
        spent = self.cpu()
        self.p.send_signal(signal.SIGKILL if how == "kill" else signal.SIGTERM)
        while self.p.poll() is None:
            spent = max(spent, self.cpu())
            time.sleep(0.01)
        return spent

    def stop(self) -> None:
        if self.p is not None and self.p.poll() is None:
            self.p.send_signal(signal.SIGTERM)
            try:
                self.p.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.p.kill()


async def reset_database(url: str, name: str) -> str:
    admin = create_async_engine(url, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    async with admin.connect() as conn:
        found = await conn.execute(
            text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}
        )
        if found.first() is None:
            await conn.execute(text(f'CREATE DATABASE "{name}"'))
    await admin.dispose()
    db_url = make_url(url).set(database=name).render_as_string(hide_password=False)
    engine = create_async_engine(db_url, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    async with engine.connect() as conn:
        await conn.execute(
            text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = :n AND pid <> pg_backend_pid()"
            ),
            {"n": name},
        )
        await conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        await conn.execute(text("CREATE SCHEMA public"))
    await engine.dispose()
    return db_url


@dataclass
class RunResult:
    web: int
    updates: int
    handled: int
    lost: int
    doubled: int
    order_violations: int
    replies: int
    seconds: float
    cpu: float

    @property
    def per_s(self) -> float:
        return self.replies / self.seconds

    @property
    def per_cpu(self) -> float:
        return self.replies / self.cpu if self.cpu else 0.0


class Bench:
    def __init__(self, args: argparse.Namespace, sandbox: SandboxProcess, folder: Path) -> None:
        self.args = args
        self.sandbox = sandbox
        self.folder = folder
        self.api = f"{sandbox.base_url}{TOKEN}"

    async def call(self, session: aiohttp.ClientSession, path: str, body: Any = None) -> Any:
        async with session.post(self.sandbox.root + path, json=body or {}) as response:
            return await response.json()

    async def stats(self, session: aiohttp.ClientSession) -> Any:
        async with session.get(self.sandbox.root + "/sim/stats") as response:
            return await response.json()

    async def bot_api(self, session: aiohttp.ClientSession, method: str, **params: Any) -> Any:
        async with session.post(f"{self.api}/{method}", json=params) as response:
            return (await response.json())["result"]

    async def chat_replies(self, session: aiohttp.ClientSession, chat_id: int) -> list[str]:
        async with session.get(f"{self.sandbox.root}/sim/chats/{chat_id}/messages") as response:
            data = await response.json()
        return [m["plain"] for m in data["messages"] if m["from_bot"] and not m["deleted"]]

    def env(self, db_url: str, port: int, **extra: str) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG", "TMPDIR")}
        env.update(
            BOT_TOKEN=TOKEN,
            TELEGRAM_API_URL=self.sandbox.base_url,
            DATABASE_URL=db_url,
            WEBHOOK_URL=PUBLIC_URL,
            WEBHOOK_SECRET=SECRET,
            WEBHOOK_LISTEN="127.0.0.1",
            PORT=str(port),
            LOG_LEVEL="WARNING",
            FLOOD_LIMIT="1000000",
            SEND_RATE_PER_SECOND=str(self.args.send_rate),
            # Up to 3 web processes and 2 senders within PostgreSQL's default 100.
            DATABASE_CONNECTIONS="16",
        )
        env.update(extra)
        return env

    async def run(self, session: aiohttp.ClientSession, web_count: int) -> tuple[RunResult, Any]:
        args = self.args
        db_url = await reset_database(args.database_url, "jol_bench_scale")
        port = self.args.port
        await self.call(session, "/sim/reset")
        env = self.env(db_url, port)
        webs = [Proc("web", env, self.folder, f"web{web_count}-{i}") for i in range(web_count)]
        webs[0].start().wait_ready()  # the first migrates; the others find it done
        for proc in webs[1:]:
            proc.start()
        senders = [Proc("sender", env, self.folder, f"sender{web_count}-{i}") for i in range(2)]
        for proc in senders:
            proc.start()
        for proc in [*webs[1:], *senders]:
            proc.wait_ready()
        try:
            # Calibration: one person, one command at a time.
            reference: list[str] = []
            calibration = 1
            await self.call(session, "/sim/users", {"user_id": calibration, "first_name": "Ann"})
            per_person = min(len(COMMANDS), max(1, args.updates // args.people))
            commands = COMMANDS[:per_person]
            for command in commands:
                before = len(await self.chat_replies(session, calibration))
                await self.call(session, "/sim/send", {"user_id": calibration, "text": command})
                while len(await self.chat_replies(session, calibration)) == before:  # noqa: ASYNC110
                    await asyncio.sleep(0.05)
                await asyncio.sleep(0.5)
            reference = await self.chat_replies(session, calibration)
            # Hold delivery while the updates are queued, then let go at once.
            await self.bot_api(session, "deleteWebhook")
            people = [10_000 + i for i in range(args.people)]
            for uid in people:
                await self.call(session, "/sim/users", {"user_id": uid, "first_name": "Ann"})
            for command in commands:
                await asyncio.gather(
                    *(
                        self.call(session, "/sim/send", {"user_id": u, "text": command})
                        for u in people
                    )
                )
            expected = reference
            stats = await self.stats(session)
            base_sent = int(stats["sent_total"])
            total = len(people) * len(expected)
            baseline = [p.cpu() for p in webs]
            started = time.perf_counter()
            await self.bot_api(
                session,
                "setWebhook",
                url=PUBLIC_URL + "/telegram",
                secret_token=SECRET,
                max_connections=40,
            )
            spent_before_kill = 0.0
            killed = restarted = False
            victim = webs[-1]
            deadline = started + args.timeout
            while True:
                sent = int((await self.stats(session))["sent_total"]) - base_sent
                if not killed and not args.no_kill and sent >= total // 2:
                    spent_before_kill = victim.kill(self.args.signal) - baseline[-1]
                    victim.start()
                    killed = True
                if killed and not restarted and b"ready:" in victim.out.read_bytes():
                    # Its start-up (imports, the knowledge base) is not per-update cost.
                    baseline[-1] = victim.cpu()
                    restarted = True
                info = await self.bot_api(session, "getWebhookInfo")
                if sent >= total and info["pending_update_count"] == 0:
                    break
                if time.perf_counter() > deadline:
                    break
                await asyncio.sleep(0.05)
            elapsed = time.perf_counter() - started
            now_cpu = [p.cpu() for p in webs]
            if killed and not restarted:
                now_cpu[-1] = baseline[-1] = 0.0
            cpu = sum(n - b for n, b in zip(now_cpu, baseline, strict=True)) + spent_before_kill
            await asyncio.sleep(1.0)  # late duplicates, if any, arrive now
            lost = doubled = violations = 0
            examples: list[str] = []
            for uid in people:
                got = await self.chat_replies(session, uid)
                if got == expected:
                    continue
                lost += max(0, len(expected) - len(got))
                doubled += max(0, len(got) - len(expected))
                if len(got) != len(expected) and len(examples) < 5:
                    examples.append(f"chat {uid}: {[g[:25] for g in got]}")
                if len(got) == len(expected) and sorted(got) == sorted(expected):
                    violations += 1
            for line in examples:
                print(f"  differs: {line}", flush=True)
            engine = create_async_engine(db_url, poolclass=NullPool)
            async with engine.connect() as conn:
                handled = (
                    await conn.execute(
                        text("SELECT count(*) FROM update_log WHERE status <> 'handling'")
                    )
                ).scalar()
            await engine.dispose()
            result = RunResult(
                web_count,
                len(people) * per_person,
                int(handled or 0) - len(commands),
                lost,
                doubled,
                violations,
                sent,
                elapsed,
                cpu,
            )
            send = await self.send_phase(db_url, people) if web_count == 1 else None
            return result, send
        finally:
            for proc in [*webs, *senders]:
                proc.stop()

    async def send_phase(self, db_url: str, people: list[int]) -> tuple[int, float]:
        """Queue one message per person; both senders send them; the achieved rate."""
        count = min(len(people), self.args.send_count)
        engine = create_async_engine(db_url, poolclass=NullPool)
        async with engine.begin() as conn:
            await conn.execute(
                text(
                    "INSERT INTO outbox (dedupe_key, chat_id, kind, text, due_at, "
                    "respects_quiet_hours, status, attempts, created_at) "
                    "SELECT 'bench:' || c, c, 'bench', 'news', now(), false, 'pending', 0, now() "
                    "FROM unnest(CAST(:chats AS bigint[])) AS c"
                ),
                {"chats": people[:count]},
            )
        deadline = time.monotonic() + count / self.args.send_rate * 3 + 60
        while time.monotonic() < deadline:
            async with engine.connect() as conn:
                left = (
                    await conn.execute(
                        text("SELECT count(*) FROM outbox WHERE kind='bench' AND status<>'sent'")
                    )
                ).scalar()
            if not left:
                break
            await asyncio.sleep(0.5)
        async with engine.connect() as conn:
            first, last, n = (
                await conn.execute(
                    text(
                        "SELECT min(sent_at), max(sent_at), count(*) FROM outbox "
                        "WHERE kind='bench' AND status='sent'"
                    )
                )
            ).one()
        await engine.dispose()
        span = (last - first).total_seconds() if n > 1 else 0.0
        return int(n), (n - 1) / span if span else 0.0


async def amain(args: argparse.Namespace) -> int:
    args.port = free_port()
    gateway = ["--webhook-gateway", f"http://127.0.0.1:{args.port}"]
    with (
        SandboxProcess(TOKEN, extra_args=gateway) as sandbox,
        tempfile.TemporaryDirectory() as tmp,
    ):
        bench = Bench(args, sandbox, Path(tmp))
        results: list[RunResult] = []
        send: tuple[int, float] | None = None
        async with aiohttp.ClientSession(
            connector=aiohttp.TCPConnector(limit=32), timeout=aiohttp.ClientTimeout(total=60)
        ) as session:
            for count in args.web:
                result, sent = await bench.run(session, count)
                send = send or sent
                results.append(result)
                print(
                    f"{count} web: {result.updates} updates, handled {result.handled}, "
                    f"lost {result.lost}, twice {result.doubled}, order violations "
                    f"{result.order_violations}; {result.replies} replies "
                    f"in {result.seconds:.1f} s "
                    f"= {result.per_s:.0f}/s, {result.per_cpu:.0f} per web CPU-second "
                    f"({result.cpu:.1f} CPU-s)",
                    flush=True,
                )
    first, last = results[0], results[-1]
    sent_count, rate = send or (0, 0.0)
    fraction = rate / args.send_rate if args.send_rate else 0.0
    print(
        f"senders: {sent_count} messages at {rate:.1f}/s with 2 senders, "
        f"configured {args.send_rate}/s: {fraction:.2f} of the limit"
    )
    print(f"efficiency {last.web} vs 1: {last.per_cpu / first.per_cpu:.2f} (replies per web CPU-s)")
    print(
        "RESULT "
        f"scale_lost={sum(r.lost for r in results)} "
        f"scale_doubled={sum(r.doubled for r in results)} "
        f"order_violations={sum(r.order_violations for r in results)} "
        f"web1_per_s={first.per_s:.0f} web{last.web}_per_s={last.per_s:.0f} "
        f"efficiency{last.web}={last.per_cpu / first.per_cpu:.2f} "
        f"send_rate_fraction={fraction:.2f} signal={args.signal}"
    )
    return 0


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench scale")
    parser.add_argument("--updates", type=int, default=10_000)
    parser.add_argument("--people", type=int, default=2_000)
    parser.add_argument("--web", type=int, nargs="+", default=[1, 2, 3])
    parser.add_argument("--send-rate", type=float, default=25.0)
    parser.add_argument("--send-count", type=int, default=500)
    parser.add_argument("--timeout", type=float, default=900.0)
    parser.add_argument(
        "--signal",
        choices=("kill", "term"),
        default="kill",
        help="how the web process is stopped halfway: SIGKILL, or SIGTERM (a clean restart)",
    )
    parser.add_argument(
        "--database-url",
        default=normalise_database_url(
            os.environ.get("BENCH_DATABASE_URL")
            or os.environ.get("TEST_DATABASE_URL")
            or DEFAULT_DB
        ),
    )
    parser.add_argument("--no-kill", action="store_true", help="no process stopped halfway")
    args = parser.parse_args(argv)
    return asyncio.run(amain(args))
