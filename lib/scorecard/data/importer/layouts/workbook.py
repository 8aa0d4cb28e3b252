"""A file's scorecard tables: a text file's one, or a workbook's, one a sheet.

A workbook is read whole: each visible sheet that holds a scorecard table (a header row that names
its columns, or the sectioned layout's rows starting ``ID``) is read, and where two or more do, each
is a section named by its sheet, unless the sheet names its own (a Section column, or heading rows).
Sheets without a table (Cover, Contents, Key, Notes) are skipped and listed; hidden sheets are read
only when ``--sheet`` names them, and ``--sheet`` still reads that one sheet alone. The sheets of a
workbook are one scorecard, so their period columns must be the same: a sheet left from another year,
or with a month missing, is one problem that names it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from scorecard.data.importer.layouts.header_layout import CATALOGUE, WIDE, Layout, find_layout
from scorecard.data.importer.rows import Rows, read_file
from scorecard.problems import Problem


@dataclass(frozen=True)
class Table:
    """One scorecard table: where it is, its rows, its header row (None: the sectioned layout), and
    the section its sheet names ("" for a file of one table)."""

    file: str
    rows: Rows
    layout: Layout | None
    section: str = ""


@dataclass
class Tables:
    tables: list[Table] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def file_tables(path: Path, sheet: str | None, mapping: Mapping[str, str]) -> Tables:
    """The scorecard tables of one file (``DataError`` if it cannot be read at all)."""
    book = read_file(path, sheet, whole=True)
    found = Tables(notices=list(book.notices))
    if len(book.sheets) == 1:
        _, rows = book.sheets[0]
        found.tables.append(Table(str(path), rows, find_layout(str(path), rows, mapping)))
        return found
    read = [(name, rows, find_layout(_where(path, name), rows, mapping)) for name, rows in book.sheets]
    tables = [(name, rows, layout) for name, rows, layout in read if layout is not None or _sectioned(rows)]
    if any(layout is None or layout.kind == WIDE for _, _, layout in tables):
        tables = [entry for entry in tables if entry[2] is None or entry[2].kind != CATALOGUE]
    if not tables:  # no sheet holds a table: the first says why, as a workbook of one sheet would
        _, rows, layout = read[0]
        found.tables.append(Table(str(path), rows, layout))
        return found
    if len(tables) == 1:
        _, rows, layout = tables[0]
        found.tables.append(Table(str(path), rows, layout))
    else:
        found.tables += [  # a wide sheet is a section; a catalogue's and values' sections are their own
            Table(
                _where(path, name),
                rows,
                layout,
                name.strip() if layout is None or layout.kind == WIDE else "",
            )
            for name, rows, layout in tables
        ]
        found.problems += _same_periods(found.tables)
    found.notices = [
        _notice(path, [name for name, _, _ in tables], [name for name, _, _ in read], book.hidden)
    ]
    return found


def _notice(path: Path, tables: list[str], read: list[str], hidden: list[str]) -> str:
    """What was read of a workbook: its tables' sheets, the sheets skipped, the hidden ones."""
    notice = f"{path.name}: read sheet{'s' * (len(tables) > 1)} {', '.join(map(repr, tables))}"
    notice += " (a section each)" if len(tables) > 1 else ""
    skipped = [repr(name) for name in read if name not in tables]
    if skipped:
        notice += f"; skipped, no scorecard table: {', '.join(skipped)}"
    if hidden:
        notice += f"; hidden, not read: {', '.join(map(repr, hidden))}"
    return notice


def _sectioned(rows: Rows) -> bool:
    """Whether a sheet may be in the seed's sectioned layout: it has a row starting ``ID`` (a header
    row that names its columns in words is told apart first)."""
    return any(cells and cells[0].strip().upper() == "ID" for _, cells in rows)


def _where(path: Path, sheet: str) -> str:
    """How a problem names a sheet of a workbook: the file, then the sheet."""
    return f"{path} (sheet '{sheet}')"


def _same_periods(tables: list[Table]) -> list[Problem]:
    """One problem per wide sheet whose period columns differ from the first wide sheet's."""
    wide = [table for table in tables if table.layout is not None and table.layout.kind == WIDE]
    if len(wide) < 2:
        return []
    first = wide[0]
    assert first.layout is not None
    expected = _periods(first.layout)
    problems = []
    for table in wide[1:]:
        assert table.layout is not None
        periods = _periods(table.layout)
        if periods == expected:
            continue
        column, label = _first_difference(table.layout, expected)
        message = (
            f"this sheet's period columns ({_span(periods)}) differ from sheet '{first.section}''s "
            f"({_span(expected)}); "
            "expected the same period columns on every sheet of the workbook (or import this sheet on "
            "its own with --sheet)"
        )
        problems.append(Problem(table.file, table.layout.line, column, label, message))
    return problems


def _span(periods: list[tuple[str, str]]) -> str:
    return f"{len(periods)}: {periods[0][1]} .. {periods[-1][1]}" if periods else "none"


def _periods(layout: Layout) -> list[tuple[str, str]]:
    """A wide sheet's periods, in column order: (``YYYY-MM`` and kind, its header)."""
    return [
        (f"{header.period} {header.kind}", layout.labels[column])
        for column, header in sorted(layout.columns.items())
        if header.period
    ]


def _first_difference(layout: Layout, expected: list[tuple[str, str]]) -> tuple[str, str]:
    """The header to name: the first period column not where the first sheet has it."""
    mine = [(column, header) for column, header in sorted(layout.columns.items()) if header.period]
    for n, (column, header) in enumerate(mine):
        if n >= len(expected) or f"{header.period} {header.kind}" != expected[n][0]:
            return layout.labels[column], layout.labels[column]
    missing = expected[len(mine)][1] if len(mine) < len(expected) else ""
    return (missing or "periods"), missing
