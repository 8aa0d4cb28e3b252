"""Problems with input: one line each, naming file, row, column, value and what was expected."""

from __future__ import annotations

from dataclasses import dataclass


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
        value = self.value.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t")
        value = "".join(c if c.isprintable() or c == " " else f"\\x{ord(c):02x}" for c in value)
        return f"{self.file}:{self.row}:{self.column}: value '{value}' - {self.message}"


class DataError(Exception):
    """Raised with every problem found in one run; the CLI prints them and exits 2."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    def _render_traceback_(self) -> list[str]:
        # IPython, and so the log of a `quarto render`, shows these lines in place of a traceback.
        return [*(str(p) for p in self.problems), f"{len(self.problems)} problem(s); nothing was rendered"]
