"""Files with one header row that names its columns in words (``data.importer.columns``): a wide scorecard,
and the long layout's values and catalogue files. Each is read into the normalised form.

- **Wide**: one row per indicator, period columns (months, quarters or years, all of one kind) and
  the fields of ``columns.FIELDS``. The section comes from a Section column, or from section heading
  rows (a row with only its first cell filled), or is the one ``--section`` names.
- **Long values**: one row per indicator per period: id, period (or a date in it, or a period split
  over a year and a month column), value, and optionally numerator, denominator and status
  (``layouts.long_values`` reads them).
- **Long catalogue**: one row per indicator: id, section, title, polarity, target and any other field.

Files are told apart by their columns: a value column makes a values file, period columns a wide
scorecard, and a title column without either a catalogue. Rows above the header row are the file's
title and notes: counted in the report, never read as data. A header nothing recognises is a problem
that names it, lists the words recognised, and gives the fix.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from scorecard.data.importer.columns import FIELDS, LONG_FIELDS, Header, classify, normal, recognised
from scorecard.data.importer.layouts.split_periods import header_with_year, yearless, years_above
from scorecard.data.importer.normalised import ACCOUNT, Field, PeriodCell, Row, Sheet, Where
from scorecard.data.importer.rows import Rows
from scorecard.fields import EVERY_FIELD
from scorecard.periods import period_word
from scorecard.problems import Problem

WIDE, VALUES, CATALOGUE = "wide", "values", "catalogue"
HEADER_SEARCH = 30  # the header row is among the first rows that hold anything
FIX = (
    'to read it, pass --column "{header}=FIELD" with a FIELD from: {fields} (or put the same '
    "mapping under columns: in data/settings.yaml for later imports); recognised headers are {words}, "
    "and periods such as Apr-24, Q1 2024/25 or 2023/24"
)
LONG_ONLY = ("period", "year", "value", "numerator", "denominator", "status")
NO_YEAR = (
    "a month with no year{more}, and no year row above the months; expected the year in each header "
    "(Apr-24) or a row above the months holding the year (2024/25)"
)
# An id cell, never a heading: letters and digits with a digit among them (5, 8a, CIN-01). A row of
# one cell without a digit (Workforce, Front Door) is a section heading.
ID_FORM = re.compile(r"(?=[^ ]*[0-9])[A-Za-z0-9]+(?:[._/-][A-Za-z0-9]+)*")


@dataclass
class Layout:
    """A file's header row: which column holds what."""

    kind: str
    line: int
    index: int  # of the header row in the file's rows
    columns: dict[int, Header] = field(default_factory=dict)  # column index -> what it holds
    labels: dict[int, str] = field(default_factory=dict)  # column index -> header text
    problems: list[Problem] = field(default_factory=list)

    def where(self, name: str) -> int | None:
        """The column of a field, or None."""
        return next((n for n, header in self.columns.items() if header.field == name), None)


def find_layout(file: str, rows: Rows, mapping: Mapping[str, str]) -> Layout | None:
    """The header row (the first to name a title, or a long layout's period or value, and one more
    column in words) and what kind of file it heads; None when no row does: the sectioned layout,
    whose header rows start ``ID`` and name a section where the title would be, or not a scorecard."""
    filled = [(n, line, cells) for n, (line, cells) in enumerate(rows) if any(c.strip() for c in cells)]
    for index, line, cells in filled[:HEADER_SEARCH]:
        found = [classify(cell, mapping) if cell.strip() else None for cell in cells]
        fields = {header.field for header in found if header and header.field}
        if not ({"title", "period", "value"} & fields) or len([h for h in found if h]) < 2:
            continue
        found, no_year, cells = _under_year_row(rows, index, cells, found)
        periods = any(header and header.period for header in found)
        kind = VALUES if "value" in fields or {"numerator", "denominator"} <= fields else WIDE
        if kind == WIDE and not periods:
            kind = CATALOGUE
        layout = Layout(kind, line, index)
        for column, (text, header) in enumerate(zip(cells, found, strict=True)):
            if not text.strip():
                continue
            layout.labels[column] = text.strip()
            if column in no_year:
                continue
            if header is None:
                fix = FIX.format(header=text.strip(), fields=_field_names(), words=recognised())
                message = f"unknown column; {fix}"
                layout.problems.append(Problem(file, line, text.strip(), text.strip(), message))
            elif header.field != "ignore":
                layout.columns[column] = header
        _check_columns(file, layout)
        if no_year:  # one line for the header, not one a column
            more = f" (and {len(no_year) - 1} more columns)" if len(no_year) > 1 else ""
            first = cells[no_year[0]].strip()
            layout.problems.append(Problem(file, line, first, first, NO_YEAR.format(more=more)))
        return layout
    return None


def _under_year_row(
    rows: Rows, index: int, cells: list[str], found: list[Header | None]
) -> tuple[list[Header | None], list[int], list[str]]:
    """Month (or quarter) headers with no year, read with the year row above them: the headers, the
    columns with no year above, and the header texts (``Apr 2024/25`` for ``Apr`` under 2024/25)."""
    columns = enumerate(zip(cells, found, strict=True))
    yearless_columns = [n for n, (cell, header) in columns if header is None and yearless(cell)]
    if not yearless_columns:
        return found, [], cells
    years = years_above(rows, index)
    read, cells = list(found), list(cells)
    missing = []
    for column in yearless_columns:
        period = header_with_year(cells[column], years.get(column, ""))
        if period is None:
            missing.append(column)
        else:
            read[column] = Header(period=period[0], kind=period[1])
            cells[column] = f"{cells[column].strip()} {years[column]}"
    return read, missing, cells


def _field_names() -> str:
    return ", ".join(EVERY_FIELD)


def _check_columns(file: str, layout: Layout) -> None:
    """One column per field, periods each once and of one kind, and the columns each kind needs."""
    seen: dict[str, int] = {}
    kinds: dict[str, str] = {}
    line, problems = layout.line, layout.problems
    for column, header in sorted(layout.columns.items()):
        label = layout.labels[column]
        name = header.field or header.period
        if header.period and header.kind != kinds.setdefault("kind", header.kind):
            others = period_word(kinds["kind"], plural=True)
            message = f"a {period_word(header.kind)} column in a file of {others}; expected {others} only"
            if header.kind == "annual":
                message += (
                    f" (last year's outturn: head it '{label} outturn' or pass "
                    f'--column "{label}=previous_year")'
                )
            problems.append(Problem(file, line, label, label, message))
            continue
        if name in seen and not (layout.kind == VALUES and name == "period" and "period 2" not in seen):
            what = "period" if header.period else f"'{header.field}' column"
            message = f"a second {what} (also '{layout.labels[seen[name]]}'); expected each once"
            problems.append(Problem(file, line, label, label, message))
            continue
        seen["period 2" if name in seen else name] = column  # a values file's second period: a date
        if header.period:
            continue
        if layout.kind != VALUES and header.field in LONG_ONLY:
            message = (
                f"a {header.field} column belongs in a long values file (id, period, value); "
                "expected it there"
            )
            problems.append(Problem(file, line, label, label, message))
        elif layout.kind == VALUES and header.field not in ("id", *LONG_ONLY, *ACCOUNT):
            message = (
                f"a values file holds id, period, value, numerator, denominator and status; '{label}' "
                f"({header.field}) belongs in the catalogue file; expected it there, or "
                f'--column "{label}=ignore"'
            )
            problems.append(Problem(file, line, label, label, message))
    needs: tuple[str, ...] = {WIDE: ("id", "title"), CATALOGUE: ("id", "title"), VALUES: ("id", "period")}[
        layout.kind
    ]
    if "year" in seen:  # a financial year on its own is a period
        needs = tuple(name for name in needs if name != "period")
    unknown = any(problem.message.startswith("unknown column") for problem in problems)
    for name in () if unknown else needs:  # an unknown header is most likely the missing column
        if name not in seen:
            message = f'no {name} column; expected one headed {_examples(name)} (or --column "HEADER={name}")'
            problems.append(Problem(file, line, name, "", message))
    if layout.kind == VALUES and "value" not in seen and not {"numerator", "denominator"} <= set(seen):
        problems.append(
            Problem(file, line, "value", "", "no value column; expected Value (or Numerator and Denominator)")
        )


def _examples(name: str) -> str:
    words = {**FIELDS, **LONG_FIELDS}[name]
    return ", ".join(word.title() if len(word) > 3 else word.upper() for word in words[:4])


def cell_at(cells: list[str], column: int | None) -> str:
    """The stripped text of a row's cell in ``column``; "" where the row is shorter or there is none."""
    return cells[column].strip() if column is not None and column < len(cells) else ""


def read_wide(file: str, rows: Rows, layout: Layout, section: str = "") -> Sheet:
    """A wide scorecard with one header row, read into the normalised rows; ``section``: the section
    of rows that name none (its sheet's name, in a workbook of a sheet per section)."""
    periods = {column: header for column, header in layout.columns.items() if header.period}
    kind = next(iter(periods.values())).kind if periods else ""
    sheet = Sheet(
        file, kind, layout.kind, problems=list(layout.problems), preamble_lines=preamble_lines(rows, layout)
    )
    sheet.periods = sorted({header.period for header in periods.values()})
    id_column, title_column = layout.where("id"), layout.where("title")
    section_column = layout.where("section")
    heading, heading_line = section, layout.line
    if id_column is None or title_column is None:
        return sheet  # the missing column is reported; its rows cannot be read
    for line, raw in rows[layout.index + 1 :]:
        cells = [cell.strip() for cell in raw]
        filled = [n for n, cell in enumerate(cells) if cell]
        if not filled:
            continue
        ident, title = cell_at(cells, id_column), cell_at(cells, title_column)
        if len(filled) == 1 and not ID_FORM.fullmatch(cells[filled[0]]):
            if section_column is None:
                heading, heading_line = cells[filled[0]], line  # a section heading row
            sheet.headings += 1
            continue
        extra = [n for n in filled if n not in layout.columns and n not in layout.labels]
        for n in extra:
            message = (
                "a cell under no column; expected every value under a header (give its column a "
                "header, or move the cell)"
            )
            sheet.problems.append(Problem(file, line, f"column {n + 1}", cells[n], message))
        if not ident:
            message = "indicator row with no ID; expected its ID in the ID column"
            sheet.problems.append(Problem(file, line, layout.labels[id_column], title, message))
            continue
        if not title:
            message = "indicator has no title; expected its title in the title column"
            sheet.problems.append(Problem(file, line, layout.labels[title_column], ident, message))
            continue
        section = cell_at(cells, section_column) if section_column is not None else heading
        cells_ = tuple(
            PeriodCell(
                header.period,
                layout.labels[column],
                cell_at(cells, column),
                Where(file, line, layout.labels[column]),
            )
            for column, header in sorted(periods.items())
        )
        sheet.rows.append(
            Row(
                ident,
                title,
                section,
                Where(file, line, layout.labels[id_column]),
                heading_line if section_column is None and heading else line,
                cells_,
                _fields(layout, cells, file, line),
            )
        )
    return sheet


def _fields(layout: Layout, cells: list[str], file: str, line: int) -> dict[str, Field]:
    """The row's fields, its commentary and action among them (the merge keeps them)."""
    skip = {"id", "title", "section", *LONG_ONLY}
    return {
        header.field: Field(cell_at(cells, column), Where(file, line, layout.labels[column]), header.year)
        for column, header in layout.columns.items()
        if header.field and header.field not in skip
    }


def preamble_lines(rows: Rows, layout: Layout) -> int:
    """The filled rows above the header row: a title block, notes."""
    return sum(1 for _, cells in rows[: layout.index] if any(cell.strip() for cell in cells))


def read_catalogue(file: str, rows: Rows, layout: Layout, section: str = "") -> Sheet:
    """A long layout's catalogue file: one row per indicator, no periods."""
    return read_wide(file, rows, layout, section)


def header_words(mapping: Mapping[str, str]) -> dict[str, str]:
    """``--column`` and settings mappings keyed as headers are compared."""
    return {normal(header): name for header, name in mapping.items()}
