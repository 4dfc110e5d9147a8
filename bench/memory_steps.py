"""`python -m bench memory --breakdown`: a bot process's resident memory, step by step.

Run as its own process (`python -m bench.memory_steps DATABASE_URL`), so nothing but
these steps is in its heap: the imports of one all-in-one process, the migration
check, the meaning model, then the knowledge base as the bot loads it (content and
lexical index built in a child process, faq.apart; `--here` builds them in this
process instead, as before), and the heap settled as a started bot settles it
(bot.heap, whose allocator settings are made first, as bot.app makes them). Each
line: RSS after the step and what the step added.
"""

from __future__ import annotations

import asyncio
import gc
import sys
from pathlib import Path


def rss_mb() -> float:
    # Not bench.memory's reader: importing that module would put its own imports
    # (the sandbox, the database) into the heap this process measures.
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


class Steps:
    def __init__(self) -> None:
        self.last = rss_mb()
        self.say("python")

    def say(self, name: str) -> None:
        gc.collect()
        now = rss_mb()
        print(f"  {name:44s} {now:6.1f} MB  (+{now - self.last:5.1f})", flush=True)
        self.last = now


def main(argv: list[str]) -> int:
    url = argv[0]
    here = "--here" in argv
    steps = Steps()
    from bot import heap

    # As bot.app does before it loads anything.
    heap.fix_allocator()
    import numpy  # noqa: F401

    steps.say("import numpy")
    import sqlalchemy.ext.asyncio  # noqa: F401

    steps.say("import sqlalchemy (async)")
    import telegram.ext  # noqa: F401

    steps.say("import telegram.ext")
    import bot.app
    import bot.roles
    import bot.wiring  # noqa: F401

    steps.say("import the rest of the bot")
    from core.storage import Database

    async def migrate() -> None:
        db = Database(url)
        await db.migrate()
        await db.dispose()

    asyncio.run(migrate())
    loaded = [name for name in ("alembic", "mako", "pygments") if name in sys.modules]
    steps.say(f"migrate ({', '.join(loaded) or 'Alembic not'} imported)")
    from faq.library import Library
    from faq.semantic import load_embedder

    embedder = load_embedder()
    steps.say("the meaning model")
    library = Library(embedder=embedder, build_apart=not here)
    if library.reload():
        print("the knowledge base has problems", file=sys.stderr)
        return 1
    steps.say(f"knowledge base and indexes ({'built here' if here else 'built apart'})")
    heap.settle()
    steps.say("heap settled (as once started)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
