"""`python -m bench startup`: a new bot process's way to a searchable knowledge base.

Each run is a process of its own: the bot's imports, then the knowledge base with the
meaning model as the bot loads it (`faq.library.Library`, built in a child process).
`cold` has no kept build (the first start of a day, or after an edit: the child
builds), `warm` finds the one `cold` left (a restart). Both use a temporary cache
folder holding a copy of the example vectors, so neither embeds anything and the
machine's own cache is left alone. Last line: RESULT startup_cold_s=… startup_warm_s=…
(median of `--repeat` runs each).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

_RUN = """
import sys, time
started = time.perf_counter()
import bot.app, bot.roles, bot.wiring
imported = time.perf_counter()
from pathlib import Path
from faq.library import Library
library = Library(withhold_expired=True, build_apart=True, cache_dir=Path(sys.argv[1]))
assert library.reload() == [] and library.index.second is not None
done = time.perf_counter()
print(f"{imported - started:.3f} {done - imported:.3f}")
"""


def _once(cache: Path) -> tuple[float, float]:
    out = subprocess.run(
        [sys.executable, "-c", _RUN, str(cache)], capture_output=True, text=True, check=True
    ).stdout.split()
    return float(out[0]), float(out[1])


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench startup")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    from faq.semantic import default_cache_dir

    vectors = sorted(default_cache_dir().glob("faq-vectors-*.npz"))
    cold: list[float] = []
    warm: list[float] = []
    for _ in range(args.repeat):
        with tempfile.TemporaryDirectory() as tmp:
            cache = Path(tmp)
            for file in vectors:
                shutil.copy(file, cache / file.name)
            imports, kb = _once(cache)
            cold.append(imports + kb)
            print(f"cold: imports {imports:.2f} s + knowledge base with the model {kb:.2f} s")
            imports, kb = _once(cache)
            warm.append(imports + kb)
            print(f"warm: imports {imports:.2f} s + knowledge base with the model {kb:.2f} s")
    if not vectors:
        print("(no vector cache on this machine: the cold runs embedded every example)")
    cold_s, warm_s = statistics.median(cold), statistics.median(warm)
    print(f"RESULT startup_cold_s={cold_s:.2f} startup_warm_s={warm_s:.2f}")
    return 0
