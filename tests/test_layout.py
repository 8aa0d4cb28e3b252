"""The package's layout is the pipeline: data (and its importer) -> rules -> quarto -> pack, one way,
with no import circles; a room is entered through its face, and no folder grows past 12 modules.

Every ``scorecard`` import of every module counts, at the top or inside a function (a lazy import is
still a dependency) or under TYPE_CHECKING.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "lib" / "scorecard"
VOCABULARY = {
    "scorecard.model",
    "scorecard.fields",
    "scorecard.periods",
    "scorecard.project",
    "scorecard.targets",
    "scorecard.bands",
    "scorecard.problems",
    "scorecard.cells",
}
ENTRY_POINTS = {
    "scorecard.cli",
    "scorecard.render",
    "scorecard.export",
    "scorecard.__main__",
}
ROOMS = ("data", "data.files", "data.importer", "data.benchmarks", "rules", "rules.spc", "quarto", "pack")
# What each room may import besides itself and the vocabulary (data.importer -> data.benchmarks: init
# and import propose each new indicator's DfE measure).
ALLOWED = {
    "data": {"data.files"},
    "data.files": set(),
    "data.importer": {"data", "data.benchmarks"},
    "data.benchmarks": {"data"},
    "rules": {"rules.spc"},
    "rules.spc": set(),
    "quarto": {"data"},
    "pack": {"data", "rules", "quarto"},
}
# pack's folders, bottom first: each imports only the ones below it. Below them all, pack's own shared
# modules (palette, layout, display, opened, cache); above them all, the face, report (the facade) with
# exceptions (its cells for the exceptions and actions) and session (the open pack, which the
# narrative reaches through opened, at the bottom).
PACK_FLOORS = ("output", "parts", "narrative")
MAX_MODULES = 12  # per folder
MAX_LINES = 400  # per module
# What Quarto's steps must not import when they start (any Python may run them), nor the faces.
HEAVY = ("pandas", "numpy", "matplotlib", "great_tables", "pandera", "yaml", "openpyxl")


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


def _face(room: str) -> set[str]:
    """The names a room's face exports: its ``__all__``."""
    tree = ast.parse((PACKAGE / room.replace(".", "/") / "__init__.py").read_text())
    for node in tree.body:
        if isinstance(node, ast.Assign) and [getattr(t, "id", "") for t in node.targets] == ["__all__"]:
            return set(ast.literal_eval(node.value))
    return set()


def _scorecard_imports(path: Path) -> Iterator[tuple[int, str, str | None]]:
    """(line, module imported from, name) of every ``scorecard`` import; ``import scorecard.x``: (line,
    ``scorecard.x``, None)."""
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("scorecard"):
            yield from ((node.lineno, node.module, alias.name) for alias in node.names)
        elif isinstance(node, ast.Import):
            yield from ((node.lineno, a.name, None) for a in node.names if a.name.startswith("scorecard"))


def test_an_import_across_rooms_names_the_face() -> None:
    # `from scorecard.data import load_data`, a name in the face's __all__; never a module inside it.
    faces = {room: _face(room) for room in ROOMS}
    crossing = []
    for module, path in sorted(MODULES.items()):
        for line, source, name in _scorecard_imports(path):
            target = f"{source}.{name}" if f"{source}.{name}" in MODULES else source
            room = _room(target)
            if room not in ROOMS or room == _room(module):
                continue
            face = f"scorecard.{room}"
            if target != face and not (source == face and name in faces[room]):
                crossing.append(f"{path.relative_to(PACKAGE)}:{line}: from {source} import {name}")
    assert crossing == [], "import through the room's face:\n" + "\n".join(crossing)


def test_no_private_name_is_used_from_another_module() -> None:
    # Neither `from x import _name` nor `module._name` on a module of the package.
    found = []
    for module, path in sorted(MODULES.items()):
        tree = ast.parse(path.read_text())
        modules = set()  # the names this module binds to modules of the package
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module != "__future__":
                for alias in node.names:
                    if alias.name.startswith("_"):
                        found.append(f"{module}: from {node.module} import {alias.name}")
                    if f"{node.module}.{alias.name}" in MODULES:
                        modules.add(alias.asname or alias.name)
            elif isinstance(node, ast.Import):
                packaged = [alias for alias in node.names if alias.name.startswith("scorecard")]
                modules |= {alias.asname or alias.name.split(".")[0] for alias in packaged}
        for node in ast.walk(tree):
            private = (
                isinstance(node, ast.Attribute)
                and node.attr.startswith("_")
                and not node.attr.startswith("__")
            )
            if private and isinstance(node.value, ast.Name) and node.value.id in modules:
                found.append(f"{module}:{node.lineno}: {node.value.id}.{node.attr}")
    assert found == []


def test_no_folder_holds_more_than_12_modules() -> None:
    folders = [PACKAGE, *(p for p in PACKAGE.rglob("*") if p.is_dir() and (p / "__init__.py").exists())]
    counts = {
        str(folder.relative_to(PACKAGE.parent)): len(
            [p for p in folder.glob("*.py") if p.name != "__init__.py"]
        )
        for folder in folders
    }
    assert {folder: n for folder, n in counts.items() if n > MAX_MODULES} == {}


def test_no_module_is_over_400_lines() -> None:
    lines = {name: len(path.read_text().splitlines()) for name, path in MODULES.items()}
    assert {name: n for name, n in lines.items() if n > MAX_LINES} == {}


def _pack_floor(module: str) -> int:
    inside = module.split(".")[2:]  # after scorecard.pack
    if inside and inside[0] in PACK_FLOORS:
        return PACK_FLOORS.index(inside[0]) + 1
    return len(PACK_FLOORS) + 1 if not inside or inside[0] in ("report", "session", "exceptions") else 0


def test_the_pack_folders_are_floors() -> None:
    # output -> parts -> narrative -> report: a part may use an output writer, never the narrative.
    upward = [
        f"{module} imports {imported}"
        for module, imports in sorted(GRAPH.items())
        if _room(module) == "pack"
        for imported in sorted(imports)
        if _room(imported) == "pack" and _pack_floor(imported) > _pack_floor(module)
    ]
    assert upward == []


def test_quarto_steps_and_the_faces_import_nothing_heavy() -> None:
    # Quarto runs its steps with any Python, on the standard library only: importing them, and so the
    # faces they import through, must not import pandas (a lazy face imports a module on first use).
    steps = [name for name in MODULES if name.startswith("scorecard.quarto.")]
    faces = [f"scorecard.{room}" for room in ROOMS]
    code = (
        f"import sys, {', '.join([*steps, *faces])}\n"
        f"print(' '.join(name for name in {HEAVY!r} if name in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == []
