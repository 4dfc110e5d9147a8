"""Build the knowledge base and its lexical index in a short-lived child process.

Loading the content and indexing it leaves most of its garbage behind in the heap of
the process that did it: parsed YAML, the stemmers' caches, every term as a string
in the builder's dicts. Python frees those objects but keeps the memory they were
scattered over (about 40 MB of a bot process, measured with `python -m bench memory
--breakdown`). A child process (`python -m faq.apart`) does the work instead and
hands back only the result, pickled; the bot reads it into a compact heap. The
child is this same interpreter with this same code, and its output is read from its
own pipe, never from a file.
"""

from __future__ import annotations

import copyreg
import json
import os
import pickle
import subprocess
import sys
from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from faq.library import Built

# A build that takes longer than this is stuck: the bot then builds in-process.
TIMEOUT_SECONDS = 300.0
_ROOT = Path(__file__).resolve().parent.parent


class BuildApartError(RuntimeError):
    """The child process could not build (it is not allowed to start, or failed)."""


def build_apart(path: Path, today: date | None, withhold_expired: bool) -> Built:
    """`faq.library.build(path, None, today, withhold_expired)`, in a child process."""
    request = {
        "path": str(path),
        "today": today.isoformat() if today is not None else None,
        "withhold_expired": withhold_expired,
    }
    env = dict(os.environ)
    # The child imports this checkout's faq package, whatever its working directory.
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(_ROOT), env.get("PYTHONPATH")) if p)
    try:
        done = subprocess.run(
            [sys.executable, "-m", "faq.apart"],
            input=json.dumps(request).encode(),
            stdout=subprocess.PIPE,
            env=env,
            timeout=TIMEOUT_SECONDS,
            check=False,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        raise BuildApartError(f"the build process did not run ({type(exc).__name__})") from exc
    if done.returncode != 0:
        raise BuildApartError(f"the build process exited with {done.returncode}")
    # Our own child, through its own pipe: the one source this pickle can come from.
    built = pickle.loads(done.stdout)
    from faq.library import Built  # noqa: PLC0415  (faq.library imports this module)

    if not isinstance(built, Built):
        raise BuildApartError("the build process answered something else")
    return built


def _mapping(items: dict[Any, Any]) -> MappingProxyType[Any, Any]:
    return MappingProxyType(items)


def _reduce_mapping(proxy: MappingProxyType[Any, Any]) -> tuple[Any, tuple[dict[Any, Any]]]:
    return _mapping, (dict(proxy),)


def main() -> int:
    """The child: read the request on stdin, write the pickled `Built` to stdout."""
    # Both by their module's name, not `__main__`'s: the parent unpickles with them.
    from faq.apart import _reduce_mapping  # noqa: PLC0415
    from faq.library import build  # noqa: PLC0415

    request = json.loads(sys.stdin.buffer.read())
    today = date.fromisoformat(request["today"]) if request["today"] else None
    built = build(Path(request["path"]), None, today, bool(request["withhold_expired"]))
    shared: dict[str, str] = {}
    for scope in built.index.scopes.values() if built.index is not None else ():
        scope.share_strings(shared)
    # The content's read-only mappings travel as plain dicts and are wrapped again.
    copyreg.pickle(MappingProxyType, _reduce_mapping)
    sys.stdout.buffer.write(pickle.dumps(built, protocol=pickle.HIGHEST_PROTOCOL))
    sys.stdout.buffer.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
