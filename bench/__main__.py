"""`python -m bench NAME [options]`: e2e, e2e_inprocess, faq, delivery, registration, cases,
flood, scale, memory, startup, screenshots (the web chat's screens for docs/)."""

from __future__ import annotations

import importlib
import sys

BENCHES = {
    "e2e": "bench.e2e",
    "e2e_inprocess": "bench.e2e_inprocess",
    "faq": "bench.faq",
    "delivery": "bench.delivery",
    "registration": "bench.registration",
    "cases": "bench.cases",
    "flood": "bench.flood",
    "scale": "bench.scale",
    "memory": "bench.memory",
    "startup": "bench.startup",
    "screenshots": "bench.screenshots",
}


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in BENCHES:
        print(f"usage: python -m bench {{{','.join(BENCHES)}}} [options]", file=sys.stderr)
        return 2
    module = importlib.import_module(BENCHES[argv[0]])
    return int(module.main(argv[1:]))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
