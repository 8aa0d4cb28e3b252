"""The long layout's values file, as a warehouse gives it: one row per indicator per period, paired
with its catalogue.

A row's period is one column (``Period``, ``Month ending``: a period, or a date in it), or a period
split over two (``Financial Year`` 2024-25 beside ``Month`` April; ``time_period`` beside
``time_identifier``: ``split_periods``), or both, when they must agree. Its figure is a value, or a
numerator and denominator, or a status. The month's commentary and actions may sit beside it; they
are counted for the report.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from scorecard.data.importer.layouts.header_layout import Layout, cell_at, preamble_lines
from scorecard.data.importer.layouts.split_periods import Wrong, row_period
from scorecard.data.importer.new_indicator import from_periods
from scorecard.data.importer.normalised import ACCOUNT, Field, PeriodCell, Row, Sheet, Where
from scorecard.data.importer.rows import Rows
from scorecard.model import Frequency
from scorecard.problems import Problem

NO_YEAR = (
    "a month with no year{more}; expected the year beside it (a Financial Year column: 2024-25) or "
    "the month with its year (Apr-24, 2024-04-30)"
)


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
    accounts: dict[str, int] = field(default_factory=dict)  # commentary header -> filled cells


@dataclass
class _Columns:
    """Where a values file keeps each thing, and what its headers say."""

    id: int
    periods: list[int]
    year: int | None
    figures: dict[str, int | None]  # value, numerator, denominator, status
    labels: dict[int, str]
    accounts: list[int]


def _columns(layout: Layout) -> _Columns | None:
    ident = layout.where("id")
    periods = [n for n, header in sorted(layout.columns.items()) if header.field == "period"]
    year = layout.where("year")
    if ident is None or not (periods or year is not None):
        return None  # the missing column is reported with the header
    figures = {name: layout.where(name) for name in ("value", "numerator", "denominator", "status")}
    accounts = [n for n, header in layout.columns.items() if header.field in ACCOUNT]
    return _Columns(ident, periods, year, figures, layout.labels, accounts)


def read_values(file: str, rows: Rows, layout: Layout) -> Values:
    """A long values file, read into period cells by indicator."""
    values = Values(file, problems=list(layout.problems), preamble_lines=preamble_lines(rows, layout))
    columns = _columns(layout)
    if columns is None:
        return values
    seen: dict[tuple[str, str], int] = {}
    no_year: list[tuple[int, Wrong]] = []
    for line, raw in rows[layout.index + 1 :]:
        cells = [cell.strip() for cell in raw]
        if not any(cells):
            continue
        _row(values, columns, line, cells, seen, no_year)
    if no_year:  # one line for the column, not one a row
        line, wrong = no_year[0]
        more = f" (and {len(no_year) - 1} more rows)" if len(no_year) > 1 else ""
        values.problems.append(Problem(file, line, wrong.column, wrong.text, NO_YEAR.format(more=more)))
    return values


def _row(
    values: Values,
    columns: _Columns,
    line: int,
    cells: list[str],
    seen: dict[tuple[str, str], int],
    no_year: list[tuple[int, Wrong]],
) -> None:
    file, labels = values.file, columns.labels
    ident = cell_at(cells, columns.id)
    figures = {name: cell_at(cells, column) for name, column in columns.figures.items()}
    periods = [(labels[n], cell_at(cells, n)) for n in columns.periods]
    year = (labels[columns.year], cell_at(cells, columns.year)) if columns.year is not None else None
    shown = " ".join(text for _, text in [*([year] if year else []), *periods] if text)
    if not ident:
        message = "row with no indicator ID; expected the ID in the ID column"
        values.problems.append(Problem(file, line, labels[columns.id], shown, message))
        return
    period = row_period(periods, year)
    if isinstance(period, Wrong):
        if period.no_year:
            no_year.append((line, period))
        else:
            values.problems.append(Problem(file, line, period.column, period.text, period.message))
        return
    for n in columns.accounts:
        if cell_at(cells, n):
            values.accounts[labels[n]] = values.accounts.get(labels[n], 0) + 1
    if not any(figures.values()):
        values.blank += 1
        return
    key = (ident, period[0])
    if key in seen:
        message = (
            f"a second row for ID {ident} in {period[0]} (also line {seen[key]}); expected one row "
            "per ID and period"
        )
        where = labels[columns.periods[0]] if columns.periods else labels[columns.year or 0]
        values.problems.append(Problem(file, line, where, shown, message))
        return
    seen[key] = line
    values.lines.setdefault(ident, line)
    values.kinds.setdefault(ident, set()).add(period[1])
    value_column = columns.figures["value"]
    value_label = labels[value_column] if value_column is not None else "value"
    values.cells.setdefault(ident, []).append(
        PeriodCell(
            period[0],
            period[2],
            figures["value"],
            Where(file, line, value_label),
            figures["numerator"],
            figures["denominator"],
            figures["status"],
        )
    )


def long_sheet(values: Values, catalogue: Sheet | None, existing: Mapping[str, Mapping[str, str]]) -> Sheet:
    """A long layout's values with their catalogue (the catalogue file's rows, or for an import into a
    pack, the catalogue already in data/), as one sheet of rows."""
    sheet = Sheet(
        values.file if catalogue is None else f"{catalogue.file} + {values.file}",
        layout="long",
        problems=[*(catalogue.problems if catalogue else []), *values.problems],
        preamble_lines=values.preamble_lines + (catalogue.preamble_lines if catalogue else 0),
        blank_cells=values.blank,
        accounts={**(catalogue.accounts if catalogue else {}), **values.accounts},
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
