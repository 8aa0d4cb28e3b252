"""Read the analysts' wide layout (.txt/.tsv tab, .csv comma, .xlsx) into numbered rows of text cells."""

from __future__ import annotations

import datetime as dt
import io
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
    book = read_file(path, sheet)
    return Read(book.sheets[0][1], book.notices)


OTHER_SPREADSHEETS = {
    ".xls": "an Excel 97-2003 workbook (.xls)",
    ".xlsb": "an Excel binary workbook (.xlsb)",
    ".ods": "an OpenDocument spreadsheet (.ods)",
    ".numbers": "a Numbers spreadsheet (.numbers)",
}


def read_file(path: Path, sheet: str | None = None, whole: bool = False) -> Book:
    """A file's rows: a text file's as its one sheet; a workbook's first visible sheet, the one
    ``sheet`` names, or (``whole``) every visible sheet (``read_book``). ``DataError`` if unreadable."""
    suffix = path.suffix.lower()
    if suffix in OTHER_SPREADSHEETS:
        message = (
            f"{OTHER_SPREADSHEETS[suffix]}, which the importer does not read; expected .xlsx or .csv: "
            "open it and save it as an Excel Workbook (.xlsx) or as CSV UTF-8"
        )
        raise DataError([Problem(str(path), 1, "-", path.name, message)])
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
        return read_book(path, content, sheet, whole)
    text, problems, notice = decode(content, str(path), SEPARATORS[suffix])
    if problems:
        raise DataError(problems)
    separator = _separator(text) if suffix == ".csv" else SEPARATORS[suffix]
    notices = [f"{path.name}: {notice}"] if notice else []
    if separator != SEPARATORS[suffix]:
        notices.append(f"{path.name}: read with semicolons between the cells")
    return Book([(path.name, _text_rows(text, str(path), separator))], notices, [])


def _separator(text: str) -> str:
    """A .csv file's separator: a comma, or a semicolon (Excel's CSV where the list separator is
    one), where the first lines split into more cells at semicolons than at commas."""
    import csv

    head = [line for line in text.splitlines()[:40] if line.strip()]
    widths = {
        separator: max((len(cells) for cells in csv.reader(head, delimiter=separator)), default=0)
        for separator in (",", ";")
    }
    return ";" if widths[";"] > widths[","] else ","


def _text_rows(text: str, file: str, separator: str) -> Rows:
    rows, problems = csv_rows(text, file, separator)
    if problems:
        raise DataError(problems)
    # export-wide guards text a spreadsheet would run as a formula ('=...): read it back as written
    return [(number, [unguard_formula(cell) for cell in cells]) for number, cells in rows]


class Book(NamedTuple):
    sheets: list[tuple[str, Rows]]  # (sheet name, its rows), in the workbook's order
    notices: list[str]  # the sheets read, and the hidden ones not read
    hidden: list[str]  # the hidden sheets not read


def read_book(path: Path, content: bytes, sheet: str | None = None, whole: bool = False) -> Book:
    """A workbook's sheets: the first visible one, or the one ``sheet`` names, or (``whole``) every
    visible one; ``DataError`` if unreadable. A hidden sheet is read only when named. The workbook is
    ``content``, the bytes of ``path`` already read: never the name again, which may have changed."""
    import openpyxl  # only needed for Excel files

    from scorecard.data import xlsx_problems

    problems = xlsx_problems(path, content)  # before openpyxl builds anything from the workbook
    if problems:
        raise DataError(problems)
    try:
        book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many types for a damaged or mislabelled file
        message = f"not a readable .xlsx workbook ({error})"
        raise DataError([Problem(str(path), 1, "-", path.name, message)]) from None
    try:
        names = [worksheet.title for worksheet in book.worksheets]
        hidden = {n for n, worksheet in enumerate(book.worksheets) if worksheet.sheet_state != "visible"}
        chosen = _sheet_index(path, names, sheet, hidden)
        read = [n for n in range(len(names)) if n not in hidden] if whole and sheet is None else [chosen]
        sheets = [(n, _sheet_rows(path, book.worksheets[n])) for n in read]
    finally:
        book.close()
    for n, rows in sheets:
        _no_unsaved_formulas(path, content, n, rows)
    notice = f"{path.name}: read sheet{'s' * (len(read) > 1)} {', '.join(repr(names[n]) for n in read)}"
    if chosen in hidden and chosen in read:
        notice += " (a hidden sheet, read because --sheet names it)"
    others = [
        f"{name!r}{' (hidden)' if n in hidden else ''}" for n, name in enumerate(names) if n not in read
    ]
    if others:
        notice += f"; other sheets ignored: {', '.join(others)}"
    unread = [names[n] for n in sorted(hidden) if n not in read]
    return Book([(names[n], rows) for n, rows in sheets], [notice], unread)


def _sheet_rows(path: Path, worksheet: object) -> Rows:
    rows = [
        (number, _filled([_cell_text(cell) for cell in row]))
        for number, row in _bounded(path, _all_rows(worksheet))
    ]
    return _padded(rows)


def _filled(cells: list[str]) -> list[str]:
    """A row's cells up to its last filled one."""
    end = len(cells)
    while end and not cells[end - 1]:
        end -= 1
    return cells[:end]


def _padded(rows: Rows) -> Rows:
    """Each row with cells padded to the widest row's last filled cell, as Excel's text export pads
    them (the sectioned layout tells a note that shifted a row by its width); an empty row is never
    padded. ``_bounded`` has kept the padded size within ``MAX_CELLS``."""
    width = max((len(cells) for _, cells in rows), default=0)
    return [(number, cells + [""] * (width - len(cells)) if cells else cells) for number, cells in rows]


def _all_rows(worksheet: object) -> Iterator[tuple]:
    """Every row with cells, whatever the sheet's declared dimension says: openpyxl's read-only
    reader would otherwise stop at the declared last row and column, silently dropping cells beyond."""
    # A read-only book's sheet has both; the stubs type book.worksheets as any kind of sheet.
    worksheet.reset_dimensions()  # type: ignore[attr-defined]
    return worksheet.iter_rows()  # type: ignore[attr-defined]


def _bounded(path: Path, rows: Iterator[tuple]) -> Iterator[tuple[int, tuple]]:
    """The sheet's rows, numbered, stopping with a problem past ``MAX_ROWS`` rows, ``MAX_COLUMNS``
    columns, ``MAX_CELL_CHARS`` characters a cell (a sheet can hold cells its dimension never
    declared), or ``MAX_CELLS`` cells once its rows are padded (``_padded``)."""
    from scorecard.data import MAX_CELL_CHARS, MAX_COLUMNS, MAX_ROWS

    size = _Size()
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
        size.add(path, number, row)
        yield number, row


class _Size:
    """The cells a sheet's rows will hold once padded: rows with cells x the widest one's filled
    width. Counted as the rows are read, so one cell far to the right of many rows stops the reading
    at once, before the padding fills the memory."""

    def __init__(self) -> None:
        self.rows, self.width, self.widest = 0, 0, 0

    def add(self, path: Path, number: int, row: tuple) -> None:
        from openpyxl.utils import get_column_letter

        from scorecard.data import MAX_CELLS

        filled = next((n + 1 for n in range(len(row) - 1, -1, -1) if row[n].value not in (None, "")), 0)
        if not filled:
            return
        self.rows += 1
        if filled > self.width:
            self.width, self.widest = filled, number
        if self.rows * self.width > MAX_CELLS:
            message = (
                f"a cell this far right makes the sheet {self.rows:,} rows x {self.width:,} columns by "
                f"row {number:,}, more than {MAX_CELLS:,} cells; expected the scorecard's cells only "
                "(delete the stray cell)"
            )
            raise DataError([Problem(str(path), self.widest, get_column_letter(self.width), "", message)])


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


def _no_unsaved_formulas(path: Path, content: bytes, sheet: int, rows: Rows) -> None:
    """A formula whose result the file does not hold reads as blank: report it, never drop it.

    Excel saves each formula's last result; a workbook written by another program may not, and
    openpyxl cannot calculate. So a formula cell that reads as blank is a problem.
    """
    import openpyxl
    from openpyxl.utils import get_column_letter

    shown = {number: cells for number, cells in rows}
    book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=False)
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


def _cell_text(cell: object) -> str:
    return _xlsx_text(getattr(cell, "value", None), getattr(cell, "number_format", "General"))


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
