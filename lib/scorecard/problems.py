"""Problems with input: one line each, naming file, row, column, value and what was expected."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

SHOWN = 50  # problem lines shown before the rest are counted: the first ones say what to fix
_NAMED = {"\r": "\\r", "\n": "\\n", "\t": "\\t"}


def printable(text: str) -> str:
    """``text`` safe to print on one line of a terminal: line breaks, tabs and every other character
    that is not printable (control, format, separator: escape sequences, zero-width marks, U+0085,
    U+009B) shown as escapes, never sent."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() or c == " " else _escape(c) for c in text)


def _escape(character: str) -> str:
    code = ord(character)
    if character in _NAMED:
        return _NAMED[character]
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input, at the cell the analyst can correct."""

    file: str
    row: int | str  # 1-based line/row number as the analyst sees it in Excel or an editor
    column: str
    value: str
    message: str  # what is wrong and what was expected

    def __str__(self) -> str:
        # One problem, one line: a cell holding a line break must not split it, and a control
        # character (a terminal's escape sequence) is shown, never sent to the terminal.
        return printable(f"{self.file}:{self.row}:{self.column}: value '{self.value}' - {self.message}")


def problem_lines(problems: Sequence[object]) -> list[str]:
    """The problem lines to print: the first ``SHOWN``, then one line counting the rest."""
    lines = [printable(str(problem)) for problem in problems[:SHOWN]]
    if len(problems) > SHOWN:
        lines.append(f"... and {len(problems) - SHOWN:,} more problem(s) not shown; fix the ones above first")
    return lines


class DataError(Exception):
    """Raised with every problem found in one run; the CLI prints them and exits 2."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(problem_lines(self.problems)))

    def _render_traceback_(self) -> list[str]:
        # IPython, and so the log of a `quarto render`, shows these lines in place of a traceback.
        return [*problem_lines(self.problems), f"{len(self.problems):,} problem(s); nothing was rendered"]
