"""Read the analysts' wide layout (.txt/.tsv tab, .csv comma, .xlsx) into numbered rows of text cells."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from scorecard.data import csv_rows, decode, read_bytes, unguard_formula
from scorecard.periods import MONTH_HEADER
from scorecard.problems import DataError, Problem

Rows = list[tuple[int, list[str]]]  # (line or Excel row number, cells as text)
SEPARATORS = {".txt": "\t", ".tsv": "\t", ".csv": ","}
SUFFIXES = (*SEPARATORS, ".xlsx")


class Read(NamedTuple):
    rows: Rows
    notices: list[str]  # how the file was read: its encoding, the sheet read and the sheets ignored


def read_rows(path: Path, sheet: str | None = None) -> Read:
    """Every row of the file with its number as the analyst sees it; ``DataError`` if unreadable.

    A workbook's first visible sheet is read, or the one named by ``sheet``; other sheets (Notes,
    Definitions) are ignored, and the notices say so. A hidden sheet (hidden, or "very hidden", which
    Excel's own Unhide dialog does not list) is read only when named, and the notice says it is hidden:
    the figures imported are those the analyst sees.
    """
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        message = f"unknown file type; expected {', '.join(SUFFIXES)}"
        raise DataError([Problem(str(path), 1, "-", path.suffix, message)])
    if sheet is not None and suffix != ".xlsx":
        message = "only a workbook has sheets; expected an .xlsx file, or no --sheet"
        raise DataError([Problem(str(path), "-", "--sheet", sheet, message)])
    content, problems = read_bytes(path, "a scorecard file in the published wide layout")
    if problems:
        raise DataError(problems)
    if suffix == ".xlsx":
        return _xlsx_rows(path, sheet)
    text, problems, notice = decode(content, str(path), SEPARATORS[suffix])
    if problems:
        raise DataError(problems)
    return Read(_text_rows(text, str(path), SEPARATORS[suffix]), [f"{path.name}: {notice}"] if notice else [])


def _text_rows(text: str, file: str, separator: str) -> Rows:
    rows, problems = csv_rows(text, file, separator)
    if problems:
        raise DataError(problems)
    # export-wide guards text a spreadsheet would run as a formula ('=...): read it back as written
    return [(number, [unguard_formula(cell) for cell in cells]) for number, cells in rows]


def _xlsx_rows(path: Path, sheet: str | None) -> Read:
    import openpyxl  # only needed for Excel files

    from scorecard.data import xlsx_problems

    problems = xlsx_problems(path)  # before openpyxl builds anything from the workbook
    if problems:
        raise DataError(problems)
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many types for a damaged or mislabelled file
        message = f"not a readable .xlsx workbook ({error})"
        raise DataError([Problem(str(path), 1, "-", path.name, message)]) from None
    try:
        names = [worksheet.title for worksheet in book.worksheets]
        hidden = {n for n, worksheet in enumerate(book.worksheets) if worksheet.sheet_state != "visible"}
        chosen = _sheet_index(path, names, sheet, hidden)
        rows = [
            (number, [_xlsx_text(cell.value, getattr(cell, "number_format", "General")) for cell in row])
            for number, row in _bounded(path, _all_rows(book.worksheets[chosen]))
        ]
        width = max((len(cells) for _, cells in rows), default=0)  # as Excel's used range: all alike
        rows = [(number, cells + [""] * (width - len(cells))) for number, cells in rows]
    finally:
        book.close()
    _no_unsaved_formulas(path, chosen, rows)
    others = [f"{name!r}{' (hidden)' if n in hidden else ''}" for n, name in enumerate(names) if n != chosen]
    notice = f"{path.name}: read sheet '{names[chosen]}'"
    if chosen in hidden:
        notice += " (a hidden sheet, read because --sheet names it)"
    if others:
        notice += f"; other sheets ignored: {', '.join(others)}"
    return Read(rows, [notice])


def _all_rows(worksheet: object) -> Iterator[tuple]:
    """Every row with cells, whatever the sheet's declared dimension says: openpyxl's read-only
    reader would otherwise stop at the declared last row and column, silently dropping cells beyond."""
    # A read-only book's sheet has both; the stubs type book.worksheets as any kind of sheet.
    worksheet.reset_dimensions()  # type: ignore[attr-defined]
    return worksheet.iter_rows()  # type: ignore[attr-defined]


def _bounded(path: Path, rows: Iterator[tuple]) -> Iterator[tuple[int, tuple]]:
    """The sheet's rows, numbered, stopping with a problem past ``MAX_ROWS`` rows, ``MAX_COLUMNS``
    columns or ``MAX_CELL_CHARS`` characters a cell (a sheet can hold cells its dimension never declared)."""
    from scorecard.data import MAX_CELL_CHARS, MAX_COLUMNS, MAX_ROWS

    for number, row in enumerate(rows, start=1):
        problem = ""
        if number > MAX_ROWS:
            problem = f"more than {MAX_ROWS:,} rows; expected a scorecard's rows"
        elif len(row) > MAX_COLUMNS:
            problem = f"{len(row):,} columns; expected at most {MAX_COLUMNS:,}"
        elif any(isinstance(cell.value, str) and len(cell.value) > MAX_CELL_CHARS for cell in row):
            problem = f"a cell of more than {MAX_CELL_CHARS:,} characters; expected shorter text"
        if problem:
            raise DataError([Problem(str(path), number, "-", "", problem)])
        yield number, row


def _sheet_index(path: Path, names: list[str], sheet: str | None, hidden: set[int]) -> int:
    """The sheet to read: the first visible one, or the one named (Excel's sheet names ignore case)."""
    visible = [n for n in range(len(names)) if n not in hidden]
    if not names or (sheet is None and not visible):
        raise DataError(
            [
                Problem(
                    str(path),
                    1,
                    "-",
                    path.name,
                    "workbook has no visible worksheet; expected the scorecard on a sheet "
                    "(or name a hidden one with --sheet)",
                )
            ]
        )
    if sheet is None:
        return visible[0]
    matches = [n for n, name in enumerate(names) if name.strip().casefold() == sheet.strip().casefold()]
    if not matches:
        listed = ", ".join(repr(name) for name in names)
        raise DataError(
            [
                Problem(
                    str(path),
                    "-",
                    "--sheet",
                    sheet,
                    f"no such sheet in the workbook; expected one of: {listed}",
                )
            ]
        )
    return matches[0]


def _no_unsaved_formulas(path: Path, sheet: int, rows: Rows) -> None:
    """A formula whose result the file does not hold reads as blank: report it, never drop it.

    Excel saves each formula's last result; a workbook written by another program may not, and
    openpyxl cannot calculate. So a formula cell that reads as blank is a problem.
    """
    import openpyxl
    from openpyxl.utils import get_column_letter

    shown = {number: cells for number, cells in rows}
    book = openpyxl.load_workbook(path, read_only=True, data_only=False)
    problems = []
    try:
        for number, row in _bounded(path, _all_rows(book.worksheets[sheet])):
            for column, cell in enumerate(row):
                formula = cell.value if cell.data_type == "f" else None
                if formula is None or (column < len(shown[number]) and shown[number][column] != ""):
                    continue
                letter = get_column_letter(column + 1)
                problems.append(
                    Problem(
                        str(path),
                        number,
                        letter,
                        str(formula)[:60],
                        "formula with no saved result, so its value is unknown; expected "
                        "the value itself (open and save the workbook in Excel, or paste "
                        "values)",
                    )
                )
    finally:
        book.close()
    if problems:
        raise DataError(problems)


def _xlsx_text(value: object, number_format: str) -> str:
    """The text Excel shows for a cell, for the forms the scorecard uses."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime | dt.date):
        return value.strftime(MONTH_HEADER)  # month headers stored as dates
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    fraction = re.search(r"\.(0+)", number_format)
    decimals = len(fraction[1]) if fraction else 0
    if "%" in number_format:
        return f"{value * 100:.{decimals}f}%"
    if number_format == "General":
        return str(int(value)) if float(value).is_integer() else repr(float(value))
    return f"{value:,.{decimals}f}" if "," in number_format else f"{value:.{decimals}f}"
