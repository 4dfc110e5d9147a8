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
import hashlib
import json
import logging
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

log = logging.getLogger(__name__)

# A build that takes longer than this is stuck: the bot then builds in-process.
TIMEOUT_SECONDS = 300.0
_ROOT = Path(__file__).resolve().parent.parent
# The code a build runs: a change to any of it is a different build.
_CODE = ("faq", "core")
_CACHE_PREFIX = "faq-built-"


class BuildApartError(RuntimeError):
    """The child process could not build (it is not allowed to start, or failed)."""


def build_apart(
    path: Path, today: date | None, withhold_expired: bool, cache_dir: Path | None = None
) -> Built:
    """`faq.library.build(path, None, today, withhold_expired)`, in a child process, or
    read back from the last identical build (see above; `cache_dir` None: the default
    folder)."""
    folder = cache_dir if cache_dir is not None else _default_cache_dir()
    key = build_key(path, today, withhold_expired)
    cached = _read_cached(folder, key)
    if cached is not None:
        return cached
    output = _run_child(path, today, withhold_expired)
    built = _unpickled(output)
    if not built.problems:
        _write_cached(folder, key, output)
    return built


def _run_child(path: Path, today: date | None, withhold_expired: bool) -> bytes:
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
    return done.stdout


def _unpickled(data: bytes) -> Built:
    # Our own child's output, through its pipe or from the file it was kept in.
    built = pickle.loads(data)
    from faq.library import Built  # noqa: PLC0415  (faq.library imports this module)

    if not isinstance(built, Built):
        raise BuildApartError("the build process answered something else")
    return built


def build_key(path: Path, today: date | None, withhold_expired: bool) -> str:
    """A hash of everything a build reads (see the module's docstring). No `today`: the
    build reads the real date, and so does the key."""
    day = today if today is not None else date.today()
    digest = hashlib.blake2b(digest_size=20)
    digest.update(
        json.dumps(
            [sys.version, pickle.HIGHEST_PROTOCOL, day.isoformat(), withhold_expired]
        ).encode()
    )
    for label, root in [("content", path), *((name, _ROOT / name) for name in _CODE)]:
        files = sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
        for file in files:
            if label != "content" and file.suffix != ".py":
                continue
            digest.update(f"\0{label}/{file.relative_to(root).as_posix()}\0".encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()


def _default_cache_dir() -> Path:
    from faq.semantic import default_cache_dir  # noqa: PLC0415  (numpy: the parent only)

    return default_cache_dir()


def _read_cached(folder: Path, key: str) -> Built | None:
    file = folder / f"{_CACHE_PREFIX}{key}.pickle"
    try:
        data = file.read_bytes()
    except OSError:
        return None
    head = key.encode() + b"\n"
    if not data.startswith(head):
        return None
    try:
        return _unpickled(data[len(head) :])
    except Exception as exc:  # noqa: BLE001 - any failure to read back means: build again
        log.warning("knowledge base build cache %s unreadable (%s); building", file.name, exc)
        return None


def _write_cached(folder: Path, key: str, output: bytes) -> None:
    file = folder / f"{_CACHE_PREFIX}{key}.pickle"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        temporary = folder / f"{file.name}.{os.getpid()}.tmp"
        temporary.write_bytes(key.encode() + b"\n" + output)
        temporary.replace(file)
        for old in folder.glob(f"{_CACHE_PREFIX}*.pickle"):
            if old != file:
                old.unlink(missing_ok=True)
    except OSError as exc:
        log.warning("knowledge base build cache not written (%s)", exc)


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
