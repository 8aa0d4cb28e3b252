"""Files with one header row that names its columns in words (``data.importer.columns``): a wide scorecard,
and the long layout's values and catalogue files. Each is read into the normalised form.

- **Wide**: one row per indicator, period columns (months, quarters or years, all of one kind) and
  the fields of ``columns.FIELDS``. The section comes from a Section column, or from section heading
  rows (a row with only its first cell filled), or is the one ``--section`` names.
- **Long values**: one row per indicator per period: id, period (or a date in it), value, and
  optionally numerator, denominator and status.
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

from scorecard.data.importer.columns import (
    FIELDS,
    LONG_FIELDS,
    Header,
    classify,
    normal,
    recognised,
)
from scorecard.data.importer.new_indicator import from_periods
from scorecard.data.importer.normalised import Field, PeriodCell, Row, Sheet, Where
from scorecard.data.importer.rows import Rows
from scorecard.model import EVERY_FIELD, Frequency
from scorecard.periods import PERIOD_EXPECTED, period_cell, period_word
from scorecard.problems import Problem

WIDE, VALUES, CATALOGUE = "wide", "values", "catalogue"
HEADER_SEARCH = 30  # the header row is among the first rows that hold anything
FIX = (
    'to read it, pass --column "{header}=FIELD" with a FIELD from: {fields} (or put the same '
    "mapping under columns: in data/settings.yaml for later imports); recognised headers are {words}, "
    "and periods such as Apr-24, Q1 2024/25 or 2023/24"
)
LONG_ONLY = ("period", "value", "numerator", "denominator", "status")
ID_FORM = re.compile(r"[A-Za-z0-9]+(?:[._/-][A-Za-z0-9]+)*")  # an id cell, never a heading


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
        periods = any(header and header.period for header in found)
        kind = VALUES if "value" in fields or {"numerator", "denominator"} <= fields else WIDE
        if kind == WIDE and not periods:
            kind = CATALOGUE
        layout = Layout(kind, line, index)
        for column, (text, header) in enumerate(zip(cells, found, strict=True)):
            if not text.strip():
                continue
            layout.labels[column] = text.strip()
            if header is None:
                fix = FIX.format(header=text.strip(), fields=_field_names(), words=recognised())
                message = f"unknown column; {fix}"
                layout.problems.append(Problem(file, line, text.strip(), text.strip(), message))
            elif header.field != "ignore":
                layout.columns[column] = header
        _check_columns(file, layout)
        return layout
    return None


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
        if name in seen:
            what = "period" if header.period else f"'{header.field}' column"
            message = f"a second {what} (also '{layout.labels[seen[name]]}'); expected each once"
            problems.append(Problem(file, line, label, label, message))
            continue
        seen[name] = column
        if header.period:
            continue
        if layout.kind != VALUES and header.field in LONG_ONLY:
            message = (
                f"a {header.field} column belongs in a long values file (id, period, value); "
                "expected it there"
            )
            problems.append(Problem(file, line, label, label, message))
        elif layout.kind == VALUES and header.field not in ("id", *LONG_ONLY):
            message = (
                f"a values file holds id, period, value, numerator, denominator and status; '{label}' "
                f"({header.field}) belongs in the catalogue file; expected it there, or "
                f'--column "{label}=ignore"'
            )
            problems.append(Problem(file, line, label, label, message))
    needs = {WIDE: ("id", "title"), CATALOGUE: ("id", "title"), VALUES: ("id", "period")}[layout.kind]
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


def _cell(cells: list[str], column: int | None) -> str:
    return cells[column].strip() if column is not None and column < len(cells) else ""


def read_wide(file: str, rows: Rows, layout: Layout) -> Sheet:
    """A wide scorecard with one header row, read into the normalised rows."""
    periods = {column: header for column, header in layout.columns.items() if header.period}
    kind = next(iter(periods.values())).kind if periods else ""
    sheet = Sheet(
        file, kind, layout.kind, problems=list(layout.problems), preamble_lines=_preamble(rows, layout)
    )
    sheet.periods = sorted({header.period for header in periods.values()})
    id_column, title_column = layout.where("id"), layout.where("title")
    section_column = layout.where("section")
    heading, heading_line = "", 0
    if id_column is None or title_column is None:
        return sheet  # the missing column is reported; its rows cannot be read
    for line, raw in rows[layout.index + 1 :]:
        cells = [cell.strip() for cell in raw]
        filled = [n for n, cell in enumerate(cells) if cell]
        if not filled:
            continue
        ident, title = _cell(cells, id_column), _cell(cells, title_column)
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
        section = _cell(cells, section_column) if section_column is not None else heading
        cells_ = tuple(
            PeriodCell(
                header.period,
                layout.labels[column],
                _cell(cells, column),
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
    skip = {"id", "title", "section", *LONG_ONLY}
    return {
        header.field: Field(_cell(cells, column), Where(file, line, layout.labels[column]), header.year)
        for column, header in layout.columns.items()
        if header.field and header.field not in skip
    }


def _preamble(rows: Rows, layout: Layout) -> int:
    return sum(1 for _, cells in rows[: layout.index] if any(cell.strip() for cell in cells))


def read_catalogue(file: str, rows: Rows, layout: Layout) -> Sheet:
    """A long layout's catalogue file: one row per indicator, no periods."""
    return read_wide(file, rows, layout)


@dataclass
class Values:
    """A long layout's values file: each indicator's period cells, in file order."""

    file: str
    cells: dict[str, list[PeriodCell]] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)  # each id's first line
    kinds: dict[str, set[str]] = field(default_factory=dict)  # each id's period label kinds
    problems: list[Problem] = field(default_factory=list)
    preamble_lines: int = 0
    blank: int = 0


def read_values(file: str, rows: Rows, layout: Layout) -> Values:
    """A long values file, read into period cells by indicator."""
    values = Values(file, problems=list(layout.problems), preamble_lines=_preamble(rows, layout))
    where = {
        name: layout.where(name) for name in ("id", "period", "value", "numerator", "denominator", "status")
    }
    label = {name: layout.labels.get(column, name) for name, column in where.items() if column is not None}
    seen: dict[tuple[str, str], int] = {}
    for line, raw in rows[layout.index + 1 :]:
        cells = [cell.strip() for cell in raw]
        if not any(cells):
            continue
        ident, when = _cell(cells, where["id"]), _cell(cells, where["period"])
        text, status = _cell(cells, where["value"]), _cell(cells, where["status"])
        numerator, denominator = _cell(cells, where["numerator"]), _cell(cells, where["denominator"])
        if not ident:
            message = "row with no indicator ID; expected the ID in the ID column"
            values.problems.append(Problem(file, line, label["id"], when, message))
            continue
        period = period_cell(when)
        if period is None:
            message = f"not a period; {PERIOD_EXPECTED}, or a date in the period such as 2025-03-31"
            values.problems.append(Problem(file, line, label["period"], when, message))
            continue
        if not (text or status or numerator or denominator):
            values.blank += 1
            continue
        key = (ident, period[0])
        if key in seen:
            message = (
                f"a second row for ID {ident} in {period[0]} (also line {seen[key]}); expected one row "
                "per ID and period"
            )
            values.problems.append(Problem(file, line, label["period"], when, message))
            continue
        seen[key] = line
        values.lines.setdefault(ident, line)
        values.kinds.setdefault(ident, set()).add(period[1])
        values.cells.setdefault(ident, []).append(
            PeriodCell(
                period[0],
                when,
                text,
                Where(file, line, label.get("value", "value")),
                numerator,
                denominator,
                status,
            )
        )
    return values


def long_sheet(values: Values, catalogue: Sheet | None, existing: Mapping[str, Mapping[str, str]]) -> Sheet:
    """A long layout's values with their catalogue (the catalogue file's rows, or for an import into a
    pack, the catalogue already in data/), as one sheet of rows."""
    sheet = Sheet(
        values.file if catalogue is None else f"{catalogue.file} + {values.file}",
        layout="long",
        problems=[*(catalogue.problems if catalogue else []), *values.problems],
        preamble_lines=values.preamble_lines + (catalogue.preamble_lines if catalogue else 0),
        blank_cells=values.blank,
    )
    described = {row.id: row for row in catalogue.rows} if catalogue else {}
    for ident, cells in values.cells.items():
        cells.sort(key=lambda cell: cell.period)
        row = described.get(ident)
        if row is None and ident in existing:
            record = existing[ident]
            row = Row(
                ident,
                record["title"],
                record["section"],
                Where(values.file, values.lines[ident], "ID"),
                "-",
                (),
            )
        if row is None:
            known = (
                "a row for it in the catalogue file"
                if catalogue
                else "a catalogue file beside the values (ID, Section, Indicator, Polarity, Target), or "
                "the indicator in data/catalogue.csv"
            )
            message = f"ID {ident} is in no catalogue; expected {known}"
            sheet.problems.append(Problem(values.file, values.lines[ident], "ID", ident, message))
            continue
        kinds = values.kinds[ident]
        kind = next(iter(kinds)) if len(kinds) == 1 else Frequency.MONTHLY.value
        fields = dict(row.fields)
        if ("frequency" not in fields or not fields["frequency"].text) and ident not in existing:
            inferred = from_periods([cell.period for cell in cells], kind)
            fields["frequency"] = Field(inferred.value, Where(values.file, values.lines[ident], "period"))
        sheet.rows.append(
            Row(row.id, row.title, row.section, row.where, row.header_line, tuple(cells), fields)
        )
    for row in catalogue.rows if catalogue else []:
        if row.id not in values.cells:
            sheet.rows.append(row)  # an indicator agreed before its first figure
    if catalogue:  # in the catalogue's order, as the analyst listed them
        order = {row.id: n for n, row in enumerate(catalogue.rows)}
        sheet.rows.sort(key=lambda row: order.get(row.id, len(order)))
    sheet.periods = sorted({cell.period for row in sheet.rows for cell in row.cells})
    frequencies = {row.fields["frequency"].text for row in sheet.rows if "frequency" in row.fields}
    for candidate in (Frequency.MONTHLY, Frequency.QUARTERLY, Frequency.ANNUAL):
        if candidate.value in frequencies:
            sheet.frequency = candidate.value
            break
    return sheet


def header_words(mapping: Mapping[str, str]) -> dict[str, str]:
    """``--column`` and settings mappings keyed as headers are compared."""
    return {normal(header): name for header, name in mapping.items()}
