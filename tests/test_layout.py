"""The package's layout is the pipeline: data -> rules -> pack, one way, with no import circles.

Every ``scorecard`` import of every module counts, at the top or inside a function (a lazy import is
still a dependency) or under TYPE_CHECKING.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "lib" / "scorecard"
VOCABULARY = {"scorecard.model", "scorecard.targets", "scorecard.problems", "scorecard.cells"}
ENTRY_POINTS = {
    "scorecard.cli",
    "scorecard.render",
    "scorecard.export",
    "scorecard.download",
    "scorecard.__main__",
}
ROOMS = ("data", "data.importer", "rules", "quarto", "pack")
# What each room may import besides itself and the vocabulary (pack -> data.importer: the two
# period labels of pack/display.py, until the period has a home of its own).
ALLOWED = {
    "data": set(),
    "data.importer": {"data"},
    "rules": set(),
    "quarto": {"data"},
    "pack": {"data", "data.importer", "rules", "quarto"},
}


def _name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("scorecard"):
            for alias in node.names:  # `from scorecard.pack.parts import charts` imports a module
                candidate = f"{node.module}.{alias.name}"
                found.add(candidate if candidate in MODULES else node.module)
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.startswith("scorecard")}
    return {name for name in found if name in MODULES}


MODULES = {_name(path): path for path in PACKAGE.rglob("*.py")}
GRAPH = {name: _imports(path) - {name} for name, path in MODULES.items()}


def _room(module: str) -> str:
    """The innermost room holding ``module`` (a room's face is in the room), else the module."""
    rooms = [room for room in ROOMS if f"{module}.".startswith(f"scorecard.{room}.")]
    return max(rooms, key=len, default=module)


def test_the_rooms_are_folders_with_a_docstring() -> None:
    for room in ROOMS:
        init = PACKAGE / room.replace(".", "/") / "__init__.py"
        docstring = ast.get_docstring(ast.parse(init.read_text())) or ""
        assert 2 <= len(docstring.splitlines()) <= 5, room


@pytest.mark.parametrize("module", sorted(name for name in MODULES if _room(name) in ROOMS))
def test_data_flows_one_way(module: str) -> None:
    room = _room(module)
    for imported in GRAPH[module]:
        if imported in VOCABULARY or _room(imported) == room or imported == "scorecard":
            continue
        assert _room(imported) in ALLOWED[room], f"{module} imports {imported}: {room} may not"


def test_the_vocabulary_and_the_rooms_import_no_entry_point() -> None:
    for module in VOCABULARY:
        assert GRAPH[module] <= VOCABULARY, (module, GRAPH[module])
    for module, imported in GRAPH.items():
        if module not in ENTRY_POINTS:  # cli may call export; nothing below may call either
            assert not imported & ENTRY_POINTS, f"{module} imports {imported & ENTRY_POINTS}"


def test_no_module_imports_one_that_imports_it_back() -> None:
    # Depth-first search for any cycle, however long.
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(module: str) -> None:
        state[module] = 1
        path.append(module)
        for imported in sorted(GRAPH[module]):
            if state.get(imported) == 1:
                cycle = [*path[path.index(imported) :], imported]
                raise AssertionError("import circle: " + " -> ".join(cycle))
            if imported not in state:
                visit(imported)
        path.pop()
        state[module] = 2

    for module in sorted(GRAPH):
        if module not in state:
            visit(module)
