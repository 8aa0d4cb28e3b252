"""Where Quarto finds the narrative's inline expressions, and where a call was written.

Quarto's jupyter engine runs every `` `{python} ...` `` of the document that is not inside a Python
code cell: in prose, but also in HTML comments, in `` ```text `` and other fences, in raw blocks, in
indented code, in math and in the YAML front matter. What counts as a code cell, as Quarto 1.11
reads a document (checked by rendering small documents; ``tests/pack/test_narrative_check.py`` keeps
the cases):

- it opens on a line `` ```{python} `` (any number of backticks of at least three, indented or not,
  options after the name: `` ``` {python} ``, `` ```{python echo=false} ``; ``{Python}`` is not one),
  wherever the line is, even inside another fence or an HTML comment;
- it closes on the next line that is the same indent and the same number of backticks and nothing
  else; a cell that never closes is no cell, and its text is read as Markdown;
- an expression needs a space or tab after ``{python}`` and runs to the next backtick.

The narrative's check reads expressions with exactly these rules, so a commented-out draft with an
unknown ID is a problem at ``check``, not a surprise in the render.
"""

from __future__ import annotations

import ast
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from scorecard.data import read_text_file
from scorecard.project import Project

INLINE = re.compile(r"(?:^|[^`])`\{python\}[ \t]([^`]+)`", re.MULTILINE)  # Quarto's own pattern
MAX_NARRATIVE_BYTES = 5_000_000  # a section's narrative is a few kilobytes
_SECTION_FILE = re.compile(r"[0-9]+-(.+)\.qmd")  # sections/NN-key.qmd: the 100th is 100-key.qmd
_CELL_START = re.compile(r"^([ \t]*)(`{3,})\s*\{python(?:[ ,][^}]*)?\}\s*$")


def narrative_files(project: Project, sections: Iterable[str] | None = None) -> list[Path]:
    """``report.qmd`` and the section files, the text the analyst writes: with ``sections`` (the
    settings' keys), only the files of those sections (``NN-key.qmd``, a number of any width), the
    ones the pack includes. Each is read with ``read_narrative``: a FIFO or a device among them is a
    problem, never a wait."""
    report = [project.report] if os.path.lexists(project.report) else []
    files = sorted(project.sections.glob("*.qmd"))
    if sections is None:
        return report + files
    keys = set(sections)
    return report + [path for path in files if _section_key(path) in keys]


def other_section_files(project: Project, sections: Iterable[str]) -> list[Path]:
    """The section files of no section in ``sections``: left in the folder, not in this pack."""
    keys = set(sections)
    return [path for path in sorted(project.sections.glob("*.qmd")) if _section_key(path) not in keys]


def _section_key(path: Path) -> str:
    """``sections/03-early-help.qmd`` -> ``early-help``; "" for a file not named as a section's."""
    match = _SECTION_FILE.fullmatch(path.name)
    return match[1] if match else ""


def read_narrative(path: Path) -> str:
    """A narrative file's text: a regular file, at most ``MAX_NARRATIVE_BYTES`` (``ValueError`` saying
    why not, ``OSError`` as the system gives it)."""
    return read_text_file(path, MAX_NARRATIVE_BYTES)


def code_cells(text: str) -> list[tuple[int, int]]:
    """The (start, end) offsets of each Python code cell of ``text``, its fences included."""
    lines = text.split("\n")
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    cells = []
    n = 0
    while n < len(lines):
        opening = _CELL_START.match(lines[n])
        if opening:
            closing = opening[1] + opening[2]
            end = next((m for m in range(n + 1, len(lines)) if lines[m].rstrip() == closing), None)
            if end is not None:
                cells.append((starts[n], starts[end] + len(lines[end])))
                n = end
        n += 1
    return cells


def expressions(text: str) -> list[tuple[int, str]]:
    """Every inline expression Quarto runs in ``text``: (offset of its code, its code, stripped)."""
    masked = list(text)
    for start, end in code_cells(text):
        masked[start:end] = [c if c == "\n" else " " for c in text[start:end]]
    return [(match.start(1), match[1].strip()) for match in INLINE.finditer("".join(masked))]


def _call(expression: str) -> tuple[str, tuple, dict] | None:
    """(helper, literal arguments, literal keywords) of an expression that is one such call."""
    try:
        tree = ast.parse(expression, mode="eval").body
        if not isinstance(tree, ast.Call) or not isinstance(tree.func, ast.Name):
            return None
        args = tuple(ast.literal_eval(a) for a in tree.args)
        kwargs = {k.arg: ast.literal_eval(k.value) for k in tree.keywords if k.arg is not None}
    except (SyntaxError, ValueError, TypeError):
        return None
    return tree.func.id, args, kwargs


def written_at(
    project: Project, name: str, args: tuple, kwargs: dict, sections: Iterable[str] | None = None
) -> list[str]:
    """``FILE:LINE`` of each inline expression in the project's narrative (``sections``: the pack's
    own) that is this call (the arguments as written, or, for a computed one, any call of the helper),
    for a render's message."""
    exact, loose = [], []
    for path, text in _readable(project, sections):
        for offset, expression in expressions(text):
            where = f"{path}:{_line(text, offset)}"  # as named: relative to the project, where it runs
            call = _call(expression)
            if call == (name, args, kwargs):
                exact.append(where)
            elif call is None and re.search(rf"\b{re.escape(name)}\s*\(", expression):
                loose.append(where)
    return exact or loose


def _readable(project: Project, sections: Iterable[str] | None) -> Iterator[tuple[Path, str]]:
    for path in narrative_files(project, sections):
        try:
            yield path, read_narrative(path)
        except (OSError, ValueError):
            continue  # the check names an unreadable file; a render's message only looks for the call


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1
