"""`python -m bench flood`: one person floods the bot; how long do the others wait?

The real bot (python-telegram-bot over HTTP, SQLite) against the local Bot API.
Twenty other people each send /menu now and then and time their reply. First
with nobody flooding (the baseline, same run), then while one person sends 500
questions in 10 seconds, with the per-person flood limit as configured, and once
more with the limit lifted to show what it protects against. Reported: each
phase's median reply time as a ratio to the baseline's (target: within 2x).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from pathlib import Path

from bot.app import build_application, running
from bot.config import Settings
from bot.sandbox.server import BotApiServer
from bot.sandbox.sim import Simulator
from core.clock import FakeClock
from faq.library import Library

TOKEN = "424244:BENCH-token-for-the-local-bot-api"
FLOODER = 77_000
PROBES = range(78_000, 78_020)


async def _probe(sim: Simulator, uid: int) -> float:
    started = time.perf_counter()
    sim.mark(uid)
    await sim.send_text(uid, "/menu")
    await sim.wait_for(uid, timeout=60)
    return time.perf_counter() - started


async def phase(
    *, flood: int, seconds: float, probes: int, limit: int, library: Library | None
) -> list[float]:
    """Reply times of the probes while FLOODER sends `flood` questions over `seconds`."""
    with tempfile.TemporaryDirectory() as tmp:
        async with BotApiServer(token=TOKEN, bot_username="jol_bench_bot") as server:
            settings = Settings(
                _env_file=None,
                bot_token=TOKEN,
                telegram_api_url=server.base_url,
                database_url=f"sqlite:///{Path(tmp) / 'flood.db'}",
                default_locale="en",
                flood_limit=limit,
            )
            app = build_application(settings, clock=FakeClock(), rate_limit=False, library=library)
            async with running(app, poll_timeout=1):
                sim = server.sim
                for uid in (FLOODER, *PROBES):
                    sim.user(uid, f"P{uid}", "en")
                    sim.mark(uid)
                    await sim.send_text(uid, "/start")
                    await sim.wait_for(uid, count=2, timeout=60)

                async def flooder() -> None:
                    gap = seconds / flood if flood else 0.0
                    for i in range(flood):
                        await sim.send_text(FLOODER, f"work permit question {i}")
                        await asyncio.sleep(gap)

                flooding = asyncio.create_task(flooder())
                await asyncio.sleep(0.5 if flood else 0.0)  # the storm is under way
                times: list[float] = []
                people = list(PROBES)
                while len(times) < probes:
                    batch = people[: min(len(people), probes - len(times))]
                    times.extend(await asyncio.gather(*(_probe(sim, uid) for uid in batch)))
                    await asyncio.sleep(seconds / probes * len(batch))
                flooding.cancel()
    return times


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench flood")
    parser.add_argument("--messages", type=int, default=500, help="the flood, in messages")
    parser.add_argument("--seconds", type=float, default=10.0, help="… sent over this long")
    parser.add_argument("--probes", type=int, default=100, help="timed replies per phase")
    args = parser.parse_args(argv)
    library = Library()
    library.reload()  # once for all three phases
    defaults = Settings(_env_file=None)

    async def run() -> dict[str, float]:
        common = {"seconds": args.seconds, "probes": args.probes, "library": library}
        # A first run warms up what the first use of anything costs; it is not counted.
        await phase(flood=0, seconds=1.0, probes=20, limit=defaults.flood_limit, library=library)
        quiet = await phase(flood=0, limit=defaults.flood_limit, **common)
        limited = await phase(
            flood=args.messages,
            limit=defaults.flood_limit,
            **common,
        )
        unlimited = await phase(flood=args.messages, limit=1_000_000, **common)
        return {
            "quiet": statistics.median(quiet),
            "limited": statistics.median(limited),
            "unlimited": statistics.median(unlimited),
        }

    medians = asyncio.run(run())
    base = medians["quiet"]
    print(f"median reply time, nobody flooding: {base * 1000:.1f} ms")
    print(
        f"one person sends {args.messages} in {args.seconds:.0f} s, limit "
        f"{defaults.flood_limit}/{defaults.flood_seconds:.0f}s: {medians['limited'] * 1000:.1f} ms"
    )
    print(f"the same flood, no limit: {medians['unlimited'] * 1000:.1f} ms")
    print(
        f"RESULT flood_ratio={medians['limited'] / base:.2f} "
        f"unlimited_ratio={medians['unlimited'] / base:.2f} quiet_ms={base * 1000:.1f}"
    )
    return 0 if medians["limited"] / base <= 2.0 else 1
