"""Which way the imports go: the domain never reaches into Telegram, and nothing is circular.

    core/                      ← imported by everything; imports nothing of ours but core
    faq/  registry/  scheduler/  ← domain: core and each other, never telegram or bot
    bot/                       ← the Telegram adapter: may import everything

Read from the source (every import statement, in functions too), so a late
import inside a function cannot hide a dependency.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("bot", "core", "faq", "registry", "scheduler")
FORBIDDEN = {
    "core": ("telegram", "bot", "faq", "registry", "scheduler"),
    "faq": ("telegram", "bot"),
    "registry": ("telegram", "bot"),
    "scheduler": ("telegram", "bot"),
}


def modules() -> dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" in path.parts and package == "core":
                continue
            parts = path.relative_to(ROOT).with_suffix("").parts
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            found[name] = path
    return found


def imports(path: Path, *, module_level_only: bool, known: set[str] | None = None) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nodes = tree.body if module_level_only else list(ast.walk(tree))
    names: set[str] = set()
    for node in nodes:
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                # `from core import callbacks` imports the module core.callbacks;
                # `from registry import Registry` imports the package registry.
                sub = f"{node.module}.{alias.name}"
                names.add(sub if known is not None and sub in known else node.module)
                if known is None:
                    names.add(sub)
    return names


def _under(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_domain_and_kernel_never_import_the_adapter(package: str) -> None:
    offending = []
    for name, path in modules().items():
        if not _under(name, package):
            continue
        for imported in imports(path, module_level_only=False):
            if any(_under(imported, banned) for banned in FORBIDDEN[package]):
                offending.append(f"{path.relative_to(ROOT)} imports {imported}")
    assert offending == []


def test_the_running_bot_does_not_carry_the_local_bot_api() -> None:
    """The simulated Telegram is for the try-out and tests: only `python -m bot` with no
    token reaches it (bot/__main__.py, inside a function)."""
    offending = []
    for name, path in modules().items():
        if not _under(name, "bot") or _under(name, "bot.sandbox"):
            continue
        for imported in imports(path, module_level_only=True):
            if _under(imported, "bot.sandbox"):
                offending.append(f"{path.relative_to(ROOT)} imports {imported}")
    assert offending == []


def test_no_import_cycles() -> None:
    known = modules()
    names = set(known)
    graph = {
        name: {
            i
            for i in imports(path, module_level_only=True, known=names)
            if i in known and i != name
        }
        for name, path in known.items()
    }
    cycles: list[list[str]] = []
    state: dict[str, int] = {}  # 1 on the current path, 2 done

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycles.append([*path[path.index(nxt) :], nxt])
            elif nxt not in state:
                visit(nxt, [*path, nxt])
        state[node] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])
    assert cycles == [], "\n".join(" → ".join(c) for c in cycles)


def test_services_are_not_looked_up_by_name() -> None:
    """No `features[...]` dict and no `setup`/`teardown` discovery left in the adapter."""
    for path in (ROOT / "bot").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert 'features["' not in text and "getattr(module" not in text, path
