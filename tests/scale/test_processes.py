"""Jol as several real processes on one PostgreSQL, fed by the local Bot API over webhooks.

Each test starts `python -m bot web` / `python -m bot sender` in subprocesses
against an in-process local Bot API that delivers updates to their shared port,
the way Telegram does behind a load balancer. Nothing here measures time: every
wait is for a condition, with a timeout that is only a safety net.
"""

from __future__ import annotations

import asyncio
import json
import signal
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from sqlalchemy import func, select, text
from sqlalchemy.engine import make_url

from bot.sandbox.models import ApiError
from bot.sandbox.server import BotApiServer
from core.cluster import leases, processes, update_log
from core.storage import Database
from tests.scale.support import (
    SECRET,
    JolProcess,
    TcpProxy,
    free_port,
    fresh_database,
    jol_env,
    small_kb,
    start_update,
    via_port,
)
from tests.support import TEST_TOKEN
from tests.support.databases import pg_url
from tests.support.waiting import eventually

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.e2e,
    pytest.mark.skipif(pg_url() is None, reason="TEST_DATABASE_URL not set"),
]

ROOT = Path(__file__).resolve().parents[2]
WAIT = 120.0  # a safety net for a loaded machine, never a measurement
COMMANDS = ("/start", "/help", "/privacy", "/menu")


@dataclass
class Cluster:
    server: BotApiServer
    folder: Path
    database_url: str
    port: int
    kb: Path
    procs: list[JolProcess] = field(default_factory=list)
    proxy: TcpProxy | None = None

    @property
    def sim(self) -> Any:
        return self.server.sim

    @property
    def process_db_url(self) -> str:
        return via_port(self.database_url, self.proxy.port) if self.proxy else self.database_url

    def process(self, role: str, name: str = "", module: str = "bot", **env: str) -> JolProcess:
        proc = JolProcess(
            role,
            self.folder,
            jol_env(
                api_url=self.server.base_url,
                database_url=self.process_db_url,
                kb=self.kb,
                port=self.port,
                **env,
            ),
            name or f"{role}{len(self.procs) + 1}",
            module,
        )
        self.procs.append(proc)
        return proc

    async def start(self, role: str, name: str = "", module: str = "bot", **env: str) -> JolProcess:
        proc = self.process(role, name, module, **env).start()
        await proc.ready()
        return proc

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def db(self) -> Database:
        return Database(self.database_url)


@asynccontextmanager
async def cluster(tmp_path: Path, *, proxy: bool = False) -> AsyncIterator[Cluster]:
    port = free_port()
    async with fresh_database() as url, BotApiServer(token=TEST_TOKEN) as server:
        server.api.webhook.gateway = f"http://127.0.0.1:{port}"
        server.api.webhook.retry_cap = 1.0
        c = Cluster(server, tmp_path, url, port, small_kb(tmp_path / "kb"))
        if proxy:
            target = make_url(url)
            c.proxy = TcpProxy(target.host or "127.0.0.1", target.port or 5432)
            await c.proxy.up()
        try:
            yield c
        finally:
            for proc in c.procs:
                proc.kill()
            if c.proxy is not None:
                await c.proxy.down()


async def post(url: str, body: bytes | dict[str, Any], secret: str | None = SECRET) -> int:
    headers = {"Content-Type": "application/json"}
    if secret is not None:
        headers["X-Telegram-Bot-Api-Secret-Token"] = secret
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    async with (
        aiohttp.ClientSession() as session,
        session.post(url + "/telegram", data=data, headers=headers) as response,
    ):
        return response.status


async def get_json(url: str) -> tuple[int, dict[str, Any]]:
    async with aiohttp.ClientSession() as session, session.get(url) as response:
        return response.status, await response.json()


async def settled(c: Cluster) -> bool:
    """Every update delivered, and every reply the web processes held sent by a sender."""
    if c.server.api.webhook.pending_count():
        return False
    db = await c.db()
    try:
        async with db.connect() as conn:
            waiting = await conn.execute(
                select(func.count()).where(update_log.c.status.in_(("replying", "sending")))
            )
            return not waiting.scalar()
    finally:
        await db.dispose()


def replies(c: Cluster, chat_id: int) -> list[str]:
    return [m.plain for m in c.sim.bot_messages(chat_id)]


async def reference_replies(c: Cluster, user_id: int) -> list[list[str]]:
    """What each command answers, asked one at a time (the order to expect)."""
    c.sim.user(user_id, "Aru", "en")
    answers = []
    for command in COMMANDS:
        before = len(replies(c, user_id))
        await c.sim.send_text(user_id, command)
        await eventually(lambda b=before: len(replies(c, user_id)) > b, WAIT)
        # Some commands answer with two messages: wait until the chat is quiet again.
        await asyncio.sleep(0)
        await eventually(lambda: settled(c), WAIT)
        answers.append(replies(c, user_id)[before:])
    return answers


async def test_two_web_processes_and_a_sender_answer_everyone_once_and_in_order(
    tmp_path: Path,
) -> None:
    async with cluster(tmp_path) as c:
        await c.start("web")
        await c.start("web")
        await c.start("sender")
        expected = await reference_replies(c, 5000)
        flat = [text for answer in expected for text in answer]
        people = list(range(5001, 5031))
        for uid in people:
            c.sim.user(uid, "Aru", "en")
        for command in COMMANDS:
            for uid in people:
                await c.sim.send_text(uid, command)
        await eventually(lambda: all(len(replies(c, u)) >= len(flat) for u in people), WAIT)
        await eventually(lambda: settled(c), WAIT)
        for uid in people:
            assert replies(c, uid) == flat, uid
        db = await c.db()
        async with db.connect() as conn:
            done = (
                await conn.execute(
                    select(func.count())
                    .select_from(update_log)
                    .where(update_log.c.status == "done")
                )
            ).scalar()
            workers = (
                await conn.execute(select(func.count(func.distinct(update_log.c.worker))))
            ).scalar()
            live = (await conn.execute(select(processes.c.role))).scalars().all()
        await db.dispose()
        assert done == len(COMMANDS) * (len(people) + 1)
        assert sorted(live) == ["sender", "web", "web"]
        # Both web processes took a share (the kernel spreads connections over the port).
        assert workers == 2


async def test_a_forged_or_malformed_request_is_refused_and_logged_once(tmp_path: Path) -> None:
    async with cluster(tmp_path) as c:
        web = await c.start("web")
        await c.start("sender")  # web processes hand their replies to it
        c.sim.user(6001, "Aru", "en")
        for secret in (None, "wrong", SECRET + "x"):
            assert await post(c.url, start_update(1, 6001), secret) == 403
        assert await post(c.url, b"{not json", SECRET) == 400
        assert await post(c.url, b'["a list"]', SECRET) == 400
        assert await post(c.url, {"update_id": "seven"}, SECRET) == 400
        assert replies(c, 6001) == []
        log = web.log()
        assert log.count("without the right secret") == 1
        assert log.count("not a JSON update") == 1
        assert "Traceback" not in log
        status, health = await get_json(c.url + "/healthz")
        assert status == 200 and health["forged"] == 3 and health["malformed"] == 3
        # The real thing right after is handled: nothing was left stuck.
        await c.sim.send_text(6001, "/start")
        await eventually(lambda: replies(c, 6001), WAIT)


async def test_a_redelivered_update_is_handled_once(tmp_path: Path) -> None:
    async with cluster(tmp_path) as c:
        await c.start("web")
        await c.start("web")
        await c.start("sender")
        c.sim.user(6101, "Aru", "en")
        c.sim.private_chat(c.sim.users[6101])
        update = start_update(900_000_001, 6101, "/help")
        # The same update twice, to whichever process the kernel picks each time.
        assert await post(c.url, update) == 200
        assert await post(c.url, update) == 200
        assert await post(c.url, update) == 200
        await eventually(lambda: replies(c, 6101), WAIT)
        assert len(replies(c, 6101)) == 1


async def test_an_unknown_chat_type_is_answered_200_and_harms_nothing(tmp_path: Path) -> None:
    async with cluster(tmp_path) as c:
        web = await c.start("web")
        await c.start("sender")  # web processes hand their replies to it
        update = start_update(900_000_101, 6201, "hello", chat_type="hyperchat")
        assert await post(c.url, update) == 200
        c.sim.user(6202, "Aru", "en")
        await c.sim.send_text(6202, "/start")
        await eventually(lambda: replies(c, 6202), WAIT)
        assert "Traceback" not in web.log()
        db = await c.db()
        async with db.connect() as conn:
            status = (
                await conn.execute(
                    select(update_log.c.status).where(update_log.c.update_id == 900_000_101)
                )
            ).scalar()
        await db.dispose()
        assert status == "done"


async def test_a_killed_web_process_loses_nothing(tmp_path: Path) -> None:
    async with cluster(tmp_path) as c:
        first = await c.start("web")
        await c.start("web")
        await c.start("sender")
        expected = await reference_replies(c, 7000)
        flat = [text for answer in expected for text in answer]
        people = list(range(7001, 7041))
        for uid in people:
            c.sim.user(uid, "Aru", "en")
        for command in COMMANDS[:2]:
            for uid in people:
                await c.sim.send_text(uid, command)
        # Kill one process while updates are flowing (SIGKILL: no clean stop).
        await eventually(lambda: c.server.api.webhook.counters.delivered > 10, WAIT)
        first.kill()
        for command in COMMANDS[2:]:
            for uid in people:
                await c.sim.send_text(uid, command)
        try:
            await eventually(lambda: all(len(replies(c, u)) >= len(flat) - 1 for u in people), WAIT)
        except AssertionError as exc:
            short = {u: replies(c, u) for u in people if len(replies(c, u)) < len(flat)}
            hook = c.server.api.webhook
            raise AssertionError(f"{hook.info()} {hook.counters} short: {short}") from exc
        await eventually(lambda: settled(c), WAIT)
        # Nobody lost anything, and each person's answers came in the order asked. An
        # update taken over from the killed process replays what its journal says was
        # sent and sends the rest; what cannot be covered: a reply Telegram took in the
        # instant before its record committed goes out twice, and a person recorded in
        # the instant before the journal heard of it hears "welcome back".
        first = set(expected[0])
        rest = [text for answer in expected[1:] for text in answer]
        for uid in people:
            tokens: list[str] = []
            for text in replies(c, uid):
                token = "START" if text in first or text.startswith("Welcome back") else text
                if not tokens or tokens[-1] != token:
                    tokens.append(token)
            assert tokens == ["START", *rest], (uid, replies(c, uid))
        extra = sum(max(0, len(replies(c, u)) - len(flat)) for u in people)
        taken_over = sum(p.log().count("taken over from") for p in c.procs)
        # At most the one call in flight of each update taken over.
        assert extra <= taken_over, (extra, taken_over)


async def test_a_process_killed_between_two_replies_sends_each_reply_once(
    tmp_path: Path,
) -> None:
    """SIGKILL after the greeting went out and before the language picker reached
    Telegram: the process that takes the update over sends the picker, not the
    greeting again, and still treats the person as new (the first attempt had
    recorded them)."""
    async with cluster(tmp_path) as c:
        first = await c.start("all", "first")
        (expected_start, expected_help, *_) = await reference_replies(c, 7400)
        assert len(expected_start) == 2  # a new person: the greeting and the language picker
        uid = 7401
        c.sim.user(uid, "Aru", "en")
        name, method = c.server.api.methods["sendmessage"]
        calls: list[str] = []
        killed = asyncio.Event()

        async def dies_before_the_second(p: dict[str, Any], files: dict[str, Any]) -> Any:
            if str(p.get("chat_id")) == str(uid):
                calls.append(str(p.get("text", ""))[:30])
                if len(calls) == 2 and not killed.is_set():
                    # The process dies with its second call on the way: nobody hears
                    # this answer, and Telegram never took the message.
                    first.kill()
                    killed.set()
                    raise ApiError(502, "Bad Gateway")
            return await method(p, files)

        c.server.api.methods["sendmessage"] = (name, dies_before_the_second)
        await c.sim.send_text(uid, "/start")
        await eventually(killed.is_set, WAIT)
        assert replies(c, uid) == expected_start[:1]
        second = await c.start("all", "second")
        await eventually(lambda: len(replies(c, uid)) >= 2, WAIT)
        await eventually(lambda: settled(c), WAIT)
        await c.sim.send_text(uid, "/help")
        await eventually(lambda: len(replies(c, uid)) >= 3, WAIT)
        await eventually(lambda: settled(c), WAIT)
        assert replies(c, uid) == [*expected_start, *expected_help]
        assert "taken over from" in second.log()
        db = await c.db()
        async with db.connect() as conn:
            rows = (await conn.execute(select(update_log.c.status, update_log.c.effects))).all()
        await db.dispose()
        # Every update done, and the journals of done updates are not kept.
        assert rows and all(status == "done" and effects is None for status, effects in rows)


@pytest.mark.parametrize("at", ["before-done", "after-done"])
async def test_a_web_process_killed_between_its_replies_and_their_commit_loses_and_repeats_none(
    tmp_path: Path, at: str
) -> None:
    """SIGKILL at a fixed point of one update (tests/scale/dying_web.py): with its two
    replies (a new person: the greeting and the language picker) held, either just
    before the statement that marks it handled and queues them, or just after it. The
    update is redelivered to the process that takes over: handled again in the first
    case (nothing had gone out), a duplicate in the second (the sender sends what was
    queued). Either way the person gets each reply once, and then the next answer."""
    async with cluster(tmp_path) as c:
        await c.start("sender")
        dying = await c.start(
            "web",
            "dying",
            "tests.scale.dying_web",
            JOL_TEST_DIE_CHAT="7501",
            JOL_TEST_DIE_AT=at,
            PYTHONPATH=str(ROOT),
        )
        expected_start, expected_help, *_ = await reference_replies(c, 7500)
        assert len(expected_start) == 2
        uid = 7501
        c.sim.user(uid, "Aru", "en")
        await c.sim.send_text(uid, "/start")
        assert dying.proc is not None
        await eventually(lambda: dying.proc is not None and dying.proc.poll() is not None, WAIT)
        assert dying.proc.returncode == -signal.SIGKILL
        if at == "before-done":
            assert replies(c, uid) == []
        second = await c.start("web", "second")
        await eventually(lambda: settled(c), WAIT)
        await c.sim.send_text(uid, "/help")
        await eventually(lambda: len(replies(c, uid)) >= 3, WAIT)
        await eventually(lambda: settled(c), WAIT)
        assert replies(c, uid) == [*expected_start, *expected_help]
        # Taken over after the crash (heartbeat gone), or found handled already.
        log = second.log()
        assert ("taken over from" in log) == (at == "before-done"), log[-2000:]
        db = await c.db()
        async with db.connect() as conn:
            statuses = (await conn.execute(select(update_log.c.status))).scalars().all()
        await db.dispose()
        assert set(statuses) == {"done"}


async def test_the_database_away_for_ten_seconds_loses_nothing(tmp_path: Path) -> None:
    async with cluster(tmp_path, proxy=True) as c:
        web = await c.start("web")
        await c.start("sender")  # web processes hand their replies to it
        people = list(range(7101, 7111))
        for uid in people:
            c.sim.user(uid, "Aru", "en")
            await c.sim.send_text(uid, "/start")
        await eventually(lambda: all(replies(c, u) for u in people), WAIT)
        answered = {u: len(replies(c, u)) for u in people}
        assert c.proxy is not None
        await c.proxy.down()
        for uid in people:
            await c.sim.send_text(uid, "/help")
        status, health = await get_json(c.url + "/healthz")
        assert status == 503 and health["problems"]
        await asyncio.sleep(10)  # the outage itself, not a wait for the bot
        await c.proxy.up()
        await eventually(lambda: all(len(replies(c, u)) > answered[u] for u in people), WAIT)
        await eventually(lambda: settled(c), WAIT)
        status, health = await get_json(c.url + "/healthz")
        assert status == 200
        assert web.proc is not None and web.proc.poll() is None


async def test_start_up_waits_for_the_database(tmp_path: Path) -> None:
    async with cluster(tmp_path, proxy=True) as c:
        assert c.proxy is not None
        await c.proxy.down()
        web = c.process("web").start()
        sender = c.process("sender").start()
        await eventually(lambda: "waiting for the database" in web.log(), WAIT)
        await c.proxy.up()
        await web.ready()
        await sender.ready()
        c.sim.user(7201, "Aru", "en")
        await c.sim.send_text(7201, "/start")
        await eventually(lambda: replies(c, 7201), WAIT)


async def test_a_clean_stop_finishes_the_update_in_hand(tmp_path: Path) -> None:
    async with cluster(tmp_path) as c:
        # All in one: the process that handles the update sends its reply itself.
        web = await c.start("all")
        c.sim.user(7301, "Aru", "en")
        # Telegram is slow to take the reply: the update is in hand when SIGTERM comes.
        c.sim.inject("sendMessage", delay=3.0, chat_id=7301)
        await c.sim.send_text(7301, "/help")
        await eventually(lambda: c.sim.stats.calls["sendMessage"] >= 1, WAIT)
        assert await web.stop(signal.SIGTERM) == 0
        assert len(replies(c, 7301)) == 1
        db = await c.db()
        async with db.connect() as conn:
            statuses = (await conn.execute(select(update_log.c.status))).scalars().all()
        await db.dispose()
        assert statuses == ["done"]


async def test_healthz_says_when_migrations_are_behind(tmp_path: Path) -> None:
    async with cluster(tmp_path) as c:
        await c.start("web")
        status, health = await get_json(c.url + "/healthz")
        assert status == 200 and health["status"] == "ok"
        db = await c.db()
        async with db.engine.begin() as conn:
            await conn.execute(text("INSERT INTO alembic_version VALUES ('9999_from_the_future')"))
        status, health = await get_json(c.url + "/healthz")
        assert status == 503
        assert "migrations" in health["problems"][0]
        await db.dispose()


async def test_two_senders_share_the_lower_rate_and_one_lease_per_job(tmp_path: Path) -> None:
    async with cluster(tmp_path) as c:
        sent_at: list[float] = []
        loop = asyncio.get_running_loop()
        name, method = c.server.api.methods["sendmessage"]

        async def timed(p: dict[str, Any], files: dict[str, Any]) -> Any:
            result = await method(p, files)
            sent_at.append(loop.time())
            return result

        c.server.api.methods["sendmessage"] = (name, timed)
        slow = await c.start("sender", "slow", SEND_RATE_PER_SECOND="4")
        fast = await c.start("sender", "fast", SEND_RATE_PER_SECOND="40")
        people = list(range(8001, 8041))
        for uid in people:
            c.sim.private_chat(c.sim.user(uid, "Aru", "en"))
        db = await c.db()
        async with db.engine.begin() as conn:
            for uid in people:
                await conn.execute(
                    text(
                        "INSERT INTO outbox (dedupe_key, chat_id, kind, text, due_at, "
                        "respects_quiet_hours, status, attempts, created_at) VALUES "
                        "(:k, :c, 'test', 'hello', now(), false, 'pending', 0, now())"
                    ),
                    {"k": f"t:{uid}", "c": uid},
                )
        await eventually(lambda: len(sent_at) >= len(people), WAIT)
        # At 4 a second, never more than 4 in one second (plus one reserved slot either
        # side): a slow machine can only send fewer, so this holds under any load.
        busiest = max(sum(1 for t in sent_at if s <= t < s + 1.0) for s in sent_at)
        assert busiest <= 4 + 2, busiest
        assert "the deployment sends at 4.0" in fast.log()
        async with db.connect() as conn:
            holders = (await conn.execute(select(leases.c.name, leases.c.holder))).all()
        await db.dispose()
        # Every periodic job is held by one process at a time.
        names = [n for n, _ in holders]
        assert len(names) == len(set(names)) and "events-sweep" in names
        del slow
