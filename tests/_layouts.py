"""A generator of layouts: one known scorecard written the many ways councils keep theirs.

The scorecard (``INDICATORS``): three sections, indicators of every unit, polarity and target form,
a gap, a status (NYC), counts behind percentages (``67% (4)``) and, in the long layouts, numerators
and denominators. ``layouts(n)`` writes it out ``n`` ways, each a ``Layout`` that knows how to write
its files and what the pack must hold once ``init`` has read them (``expected``). The ways combine:
header words from the documented vocabulary and column orders; title blocks, blank rows and columns;
the section as a column, heading rows or a sheet per section; every documented period form, Excel
date cells and split periods (a year beside a month or quarter, the DfE's time_period and
time_identifier, months under a year row); values as Excel numbers with number formats, text with
``%``, thousands separators, ``r`` and counts; .xlsx, .csv, .tsv and .txt; UTF-8 with and without a
byte-order mark, Windows-1252 and UTF-16; commas, semicolons and tabs; wide and long.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

MONTHS = [(2024, m) for m in range(4, 13)] + [(2025, m) for m in (1, 2, 3)]
PERIODS = [f"{y}-{m:02d}" for y, m in MONTHS]
QUARTER_ENDS = [2, 5, 8, 11]  # Jun, Sep, Dec, Mar: the months each quarter's figure is filed under
NAMES = [dt.date(2024, m, 1).strftime("%B") for m in range(1, 13)]


@dataclass(frozen=True)
class Indicator:
    id: str
    section: str
    title: str
    unit: str
    polarity: str
    target: str
    decimals: int
    values: tuple[object, ...]  # a number, None (a gap), "NYC", or (percent, count)
    numerators: tuple[tuple[int, int], ...] = ()  # (numerator, denominator) behind each value


def _agency() -> tuple[tuple[int, int], ...]:
    return tuple((28 + n % 4, 200 + 3 * n) for n in range(12))


INDICATORS = (
    Indicator("FD1", "Front Door", "Number of contacts received", "count", "no_preference", "Monitor", 0,
              (1012, 980, 1105, 990, 870, 1040, 1120, 1085, 930, 1150, 1090, 1134)),
    Indicator("FD2", "Front Door", "Percentage of referrals with a decision within 24 hours", "percent",
              "higher_is_better", "At least 90%", 1,
              (92.1, 93.4, 94.5, None, 96.2, 94.8, 95.7, 96.6, 94.1, 95.8, 95.5, 93.2)),
    Indicator("FD3", "Front Door", "Percentage of re-referrals within 12 months", "percent",
              "lower_is_better", "Below 20%", 1,
              (23.1, 22.4, 21.9, 21.5, 20.8, 21.2, 20.5, 19.9, 21.8, 22.6, 22.3, "NYC")),
    Indicator("CC1", "Children in Care", "Rate of children in care per 10,000 children", "rate_per_10000",
              "within_band", "60-70", 1,
              (66.1, 66.8, 67.3, 67.9, 68.4, 68.8, 69.2, 69.5, 70.1, 70.4, 70.8, 71.5)),
    Indicator("CC2", "Children in Care", "Percentage of care leavers in suitable accommodation", "percent",
              "higher_is_better", "90%", 0,
              ((67, 4), (80, 4), (100, 5), (75, 3), (83, 5), (60, 3), (100, 4), (86, 6), (71, 5), (88, 7),
               (78, 7), (89, 8))),
    Indicator("WF1", "Workforce", "Average caseload per social worker", "average", "lower_is_better",
              "No more than 18", 1,
              (17.2, 17.8, 18.1, 18.4, 17.9, 17.5, 17.1, 16.8, 17.4, 17.9, 18.2, 18.3)),
    Indicator("WF2", "Workforce", "Days lost per FTE to sickness absence", "days_per_fte", "lower_is_better",
              "Below 10", 1, (8.1, 8.4, 8.9, 9.2, 9.0, 9.6, 9.9, 10.2, 10.4, 10.1, 9.8, 9.5)),
    Indicator("WF3", "Workforce", "Percentage of social workers who are agency staff", "percent",
              "lower_is_better", "Below 15%", 1,
              tuple(round(100 * n / d, 1) for n, d in _agency()), _agency()),
    Indicator("WF4", "Workforce", "Number of newly qualified social workers in their first year", "count",
              "no_preference", "Monitor", 0, (None,) * 12),
)  # fmt: skip
SECTIONS = ("Front Door", "Children in Care", "Workforce")
SECTION_KEYS = {"Front Door": "front-door", "Children in Care": "children-care", "Workforce": "workforce"}

# --- the vocabulary a layout picks its words from ----------------------------------------------------

ID_WORDS = ("ID", "Ref", "PI ref", "Indicator code", "KPI code", "Measure code", "PI", "No.", "Indicator ID")
TITLE_WORDS = ("Indicator", "Measure", "Performance indicator", "Description", "Indicator name", "Title")
SECTION_WORDS = ("Section", "Theme", "Service area", "Priority", "Area", "Domain")
TARGET_WORDS = ("Target", "Annual target", "Target 2024/25", "Threshold")
POLARITY_HEADERS = ("Polarity", "Good is", "Higher or lower is better", "Direction of good", "Better is")
POLARITY_STYLES = {  # higher, lower, band, none
    "words": ("Higher", "Lower", "Within band", "Monitor"),
    "better": ("Higher is better", "Lower is better", "Within range", "N/A"),
    "good": ("High is good", "Low is good", "Within band", "Neither"),
    "arrows": ("↑", "↓", "Range", "Monitor"),
    "bigger": ("Bigger is better", "Smaller is better", "In range", "No preference"),
}
COMMENT_WORDS = ("Comments", "Commentary", "Narrative", "Exception commentary")
_POLARITY_INDEX = {"higher_is_better": 0, "lower_is_better": 1, "within_band": 2, "no_preference": 3}

MONTH_HEADERS: dict[str, Callable[[int, int], str]] = {
    "Apr-24": lambda y, m: dt.date(y, m, 1).strftime("%b-%y"),
    "Apr 24": lambda y, m: dt.date(y, m, 1).strftime("%b %y"),
    "April 2024": lambda y, m: dt.date(y, m, 1).strftime("%B %Y"),
    "2024-04": lambda y, m: f"{y}-{m:02d}",
}
QUARTER_HEADERS: dict[str, Callable[[int], str]] = {
    "Q1 2024/25": lambda q: f"Q{q} 2024/25",
    "Q1 2024-25": lambda q: f"Q{q} 2024-25",
    "2024/25 Q1": lambda q: f"2024/25 Q{q}",
    "Q1 24/25": lambda q: f"Q{q} 24/25",
    "Quarter 1 2024/25": lambda q: f"Quarter {q} 2024/25",
}
# fmt: off
LONG_MONTHS: dict[str, tuple[tuple[str, ...], Callable[[int, int], tuple[object, ...]]]] = {
    "Period 2024-04": (("Period",), lambda y, m: (f"{y}-{m:02d}",)),
    "Month Apr-24": (("Month",), lambda y, m: (dt.date(y, m, 1).strftime("%b-%y"),)),
    "Month ending 2024-04-30": (("Month ending",), lambda y, m: (_month_end(y, m).isoformat(),)),
    "Date 30/04/2024": (("Date",), lambda y, m: (_month_end(y, m).strftime("%d/%m/%Y"),)),
    "Reporting period 30-Apr": (("Reporting period",), lambda y, m: (_month_end(y, m).strftime("%d-%b-%Y"),)),
    "Financial Year + Month": (("Financial Year", "Month"), lambda y, m: ("2024-25", NAMES[m - 1])),
    "FY + Month Apr": (("FY", "Month"), lambda y, m: ("2024/25", NAMES[m - 1][:3])),
    "FY 2024/25 + Month": (("Financial year", "Month"), lambda y, m: ("FY 2024/25", NAMES[m - 1])),
    "Calendar year + Month": (("Calendar year", "Month"), lambda y, m: (str(y), NAMES[m - 1])),
    "DfE month": (("time_period", "time_identifier"), lambda y, m: ("202425", NAMES[m - 1])),
    "Financial Year + Month + Month ending": (
        ("Financial Year", "Month", "Month ending"),
        lambda y, m: ("2024-25", NAMES[m - 1][:3], _month_end(y, m).isoformat()),
    ),
}
# fmt: on
LONG_QUARTERS: dict[str, tuple[tuple[str, ...], Callable[[int], tuple[object, ...]]]] = {
    "Quarter Q1 2024/25": (("Quarter",), lambda q: (f"Q{q} 2024/25",)),
    "Year + Quarter": (("Year", "Quarter"), lambda q: ("2024/25", f"Q{q}")),
    "time_period + time_identifier Q1": (("time_period", "time_identifier"), lambda q: ("202425", f"Q{q}")),
}
LONG_YEARS: dict[str, tuple[tuple[str, ...], tuple[object, ...]]] = {
    "Year 2024/25": (("Year",), ("2024/25",)),
    "time_period + Financial year": (("time_period", "time_identifier"), ("202425", "Financial year")),
}
ENCODINGS = ("utf-8", "utf-8-sig", "cp1252", "utf-16")


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)


# --- what the pack must hold -----------------------------------------------------------------------


@dataclass(frozen=True)
class Expected:
    catalogue: dict[str, dict[str, str]]  # id -> the catalogue fields every layout must give alike
    values: dict[tuple[str, str], tuple[str, str, str]]  # (id, period) -> (value, status, count)
    ratios: dict[tuple[str, str], tuple[str, str]]  # (id, period) -> (numerator, denominator)


CATALOGUE_FIELDS = ("section", "title", "unit", "polarity", "target", "decimals", "frequency")


def expected(kind: str, ratios: bool) -> Expected:
    """What ``init`` must make of the scorecard written as ``kind`` periods (``monthly``, ``quarterly``,
    ``annual``); ``ratios``: the layout gives numerators and denominators."""
    catalogue = {
        ind.id: {
            "section": SECTION_KEYS[ind.section],
            "title": ind.title,
            "unit": ind.unit,
            "polarity": ind.polarity,
            "target": ind.target,
            # with no figure in the file to show its decimals, a new indicator takes its target's
            "decimals": str(ind.decimals if _has_figure(ind, kind) else _target_decimals(ind.target)),
            "frequency": kind,
        }
        for ind in INDICATORS
    }
    values: dict[tuple[str, str], tuple[str, str, str]] = {}
    given: dict[tuple[str, str], tuple[str, str]] = {}
    for ind in INDICATORS:
        for n in _slots(kind):
            value = ind.values[n]
            if value is None:
                continue
            key = (ind.id, PERIODS[n])
            if value == "NYC":
                values[key] = ("", "not_yet_complete", "")
            elif isinstance(value, tuple):
                values[key] = (f"{float(value[0]):.12g}", "", str(value[1]))
            else:
                values[key] = (f"{float(value):.12g}", "", "")  # type: ignore[arg-type]
            if ratios and ind.numerators:
                given[key] = tuple(str(x) for x in ind.numerators[n])  # type: ignore[assignment]
    return Expected(catalogue, values, given)


def _has_figure(ind: Indicator, kind: str) -> bool:
    return any(ind.values[n] not in (None, "NYC") for n in _slots(kind))


def _target_decimals(target: str) -> int:
    import re

    fraction = re.search(r"[0-9]\.([0-9]+)", target)
    return len(fraction[1]) if fraction else 0


def _slots(kind: str) -> list[int]:
    return {"monthly": list(range(12)), "quarterly": QUARTER_ENDS, "annual": [11]}[kind]


# --- a cell as a layout writes it ------------------------------------------------------------------


@dataclass(frozen=True)
class Excel:
    """A workbook cell with its number format."""

    value: object
    number_format: str = "General"


def text_cell(ind: Indicator, value: object, marks: bool, thousands: bool) -> str:
    """A figure as text: ``92.1%`` (or ``92.1``), ``1,012``, ``66.1r``, ``67% (4)``, ``NYC``."""
    if value is None:
        return ""
    if value == "NYC":
        return "NYC"
    if isinstance(value, tuple):
        return f"{value[0]}% ({value[1]})"
    number = float(value)  # type: ignore[arg-type]
    text = f"{number:,.{ind.decimals}f}" if thousands else f"{number:.{ind.decimals}f}"
    if marks and ind.unit == "percent":
        return text + "%"
    if marks and ind.unit == "rate_per_10000":
        return text + "r"
    return text


def excel_cell(ind: Indicator, value: object) -> object:
    """A figure as Excel keeps it: a number with its format (a percentage a fraction formatted 0.0%)."""
    if value is None:
        return None
    if value == "NYC" or isinstance(value, tuple):
        return text_cell(ind, value, True, False)
    decimals = "." + "0" * ind.decimals if ind.decimals else ""
    if ind.unit == "percent":
        return Excel(float(value) / 100, f"0{decimals}%")  # type: ignore[arg-type]
    if ind.unit == "count":
        return Excel(int(value), "#,##0")  # type: ignore[call-overload]
    return Excel(float(value), f"0{decimals}")  # type: ignore[arg-type]


# --- one layout ---------------------------------------------------------------------------------------


@dataclass
class Layout:
    """One way of writing the scorecard: its name (what it combines) and its files."""

    name: str
    kind: str  # monthly, quarterly, annual
    ratios: bool = False
    files: dict[str, Callable[[Path], None]] = field(default_factory=dict)  # file name -> writer

    def write(self, folder: Path) -> list[Path]:
        paths = []
        for name, writer in self.files.items():
            path = folder / name
            writer(path)
            paths.append(path)
        return paths

    @property
    def expected(self) -> Expected:
        return expected(self.kind, self.ratios)


Table = list[list[object]]


def write_text(rows: Table, encoding: str, delimiter: str) -> Callable[[Path], None]:
    def write(path: Path) -> None:
        out = io.StringIO()
        csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(
            [["" if cell is None else str(cell) for cell in row] for row in rows]
        )
        path.write_bytes(out.getvalue().encode(encoding))

    return write


def write_book(sheets: list[tuple[str, Table, list[str]]]) -> Callable[[Path], None]:
    """A workbook: (sheet name, its rows, ranges to merge) each; an ``Excel`` cell keeps its format,
    a date is a date cell formatted as a month."""

    def write(path: Path) -> None:
        from openpyxl import Workbook

        book = Workbook()
        book.remove(book.active)  # type: ignore[arg-type]
        for name, rows, merged in sheets:
            sheet = book.create_sheet(name)
            for r, row in enumerate(rows, start=1):
                for c, cell in enumerate(row, start=1):
                    if cell is None or cell == "":
                        continue
                    target = sheet.cell(r, c)
                    if isinstance(cell, Excel):
                        target.value, target.number_format = cell.value, cell.number_format  # type: ignore[assignment]
                    elif isinstance(cell, dt.date):
                        target.value, target.number_format = cell, "mmm-yy"  # type: ignore[assignment]
                    else:
                        target.value = cell  # type: ignore[assignment]
            for cells in merged:
                sheet.merge_cells(cells)
        book.save(path)

    return write


# --- the generator ---------------------------------------------------------------------------------


class Choices:
    """Each layout's choices, drawn from a seeded generator; every option a choice had is recorded, so
    a test can check that the corpus holds each one."""

    seen: ClassVar[dict[str, set[str]]] = {}

    def __init__(self, seed: int) -> None:
        self.random = random.Random(seed)
        self.made: list[str] = []

    def pick(self, axis: str, options: tuple | list | dict) -> object:
        keys = list(options)
        chosen = keys[self.random.randrange(len(keys))]
        Choices.seen.setdefault(axis, set()).add(str(chosen))
        self.made.append(f"{axis}={chosen}")
        return options[chosen] if isinstance(options, dict) else chosen

    def chance(self, axis: str, p: float = 0.5) -> bool:
        return bool(self.pick(axis, (True, False) if self.random.random() < p else (False, True)))


def layouts(count: int) -> list[Layout]:
    """``count`` layouts, two wide for each long one, the same ones on every run."""
    return [(_long if n % 3 == 2 else _wide)(Choices(n)) for n in range(count)]


def _file_format(c: Choices, workbook_only: bool = False) -> tuple[str, str, str]:
    """(suffix, encoding, delimiter)."""
    fmt = "xlsx" if workbook_only else str(c.pick("format", ("xlsx", "csv", "csv;", "tsv", "txt")))
    if fmt == "xlsx":
        return ".xlsx", "", ""
    encoding = str(c.pick("encoding", ENCODINGS))
    return (
        {"csv": ".csv", "csv;": ".csv", "tsv": ".tsv", "txt": ".txt"}[fmt],
        encoding,
        {
            "csv": ",",
            "csv;": ";",
        }.get(fmt, "\t"),
    )


def _title_block(c: Choices) -> Table:
    lines = int(c.pick("title block", (0, 1, 3)))  # type: ignore[call-overload]
    title: Table = [["Corpus Council - Children's Services Scorecard"]]
    return [*title, [], ["Figures provisional until the quarter closes"]][:lines]


def _wide(c: Choices) -> Layout:
    kind = str(c.pick("wide periods", ("monthly", "monthly", "monthly", "quarterly", "annual")))
    suffix, encoding, delimiter = _file_format(c)
    excel = suffix == ".xlsx"
    sections = str(
        c.pick(
            "section",
            ("column", "heading rows", "sheet per section") if excel else ("column", "heading rows"),
        )
    )
    polarity_style = str(c.pick("polarity words", tuple(POLARITY_STYLES)))
    if polarity_style == "arrows" and encoding == "cp1252":
        polarity_style = "words"  # Windows-1252 has no arrows: Excel would have written ?
    header_form = _period_form(c, kind, excel)
    values = str(
        c.pick("values", ("excel numbers", "text", "plain text") if excel else ("text", "plain text"))
    )
    thousands = c.chance("thousands separators")
    columns = _wide_columns(c)
    order = str(c.pick("column order", ("id first", "title first", "target before periods")))
    blank_rows, blank_column = c.chance("blank rows", 0.3), c.chance("blank column", 0.3)
    slots = _slots(kind)
    header_cells, year_row = _period_headers(header_form, kind, slots)
    names = {
        "id first": ("id", "title", "section", "polarity", "periods", "target", "comments"),
        "title first": ("title", "id", "polarity", "section", "target", "periods", "comments"),
        "target before periods": ("section", "id", "title", "target", "polarity", "periods", "comments"),
    }[order]
    keep = [name for name in names if name == "periods" or columns.get(name)]
    if sections != "column":
        keep.remove("section")
    table = _WideTable(keep, columns, header_cells, year_row, slots, polarity_style, values, thousands)
    table.blank_rows, table.blank_column, table.excel = blank_rows, blank_column, excel
    layout = Layout(f"wide {kind} {'; '.join(c.made)}", kind)
    title = _title_block(c)
    if sections == "sheet per section":
        layout.files[f"scorecard{suffix}"] = write_book(table.sheet_per_section(bool(title)))
    elif excel:
        notes = ("Notes", [["Notes"], ["Bands are the council's own."]], [])
        layout.files[f"scorecard{suffix}"] = write_book(
            [("Scorecard", table.one_sheet(title, sections), table.merged(title)), notes]
        )
    else:
        layout.files[f"scorecard{suffix}"] = write_text(table.one_sheet(title, sections), encoding, delimiter)
    return layout


def _wide_columns(c: Choices) -> dict[str, str]:
    """Each column's header word ("" for a column the layout does not have)."""
    return {
        "id": str(c.pick("id word", ID_WORDS)),
        "title": str(c.pick("title word", TITLE_WORDS)),
        "section": str(c.pick("section word", SECTION_WORDS)),
        "polarity": str(c.pick("polarity word", POLARITY_HEADERS))
        if c.chance("polarity column", 0.7)
        else "",
        "target": str(c.pick("target word", TARGET_WORDS)),
        "comments": str(c.pick("comments word", COMMENT_WORDS)) if c.chance("comments column") else "",
    }


@dataclass
class _WideTable:
    """A wide layout's table: its columns in their order (``keep``), their headers, and how each
    indicator's cells are written."""

    keep: list[str]
    columns: dict[str, str]
    header_cells: list[object]
    year_row: list[object]  # above the period headers; empty: none
    slots: list[int]
    polarity_style: str
    values: str
    thousands: bool
    blank_rows: bool = False
    blank_column: bool = False
    excel: bool = False

    def row_for(self, ind: Indicator) -> dict[str, object]:
        polarity = POLARITY_STYLES[self.polarity_style][_POLARITY_INDEX[ind.polarity]]
        cells: list[object] = []
        for n in self.slots:
            value = ind.values[n]
            cells.append(
                excel_cell(ind, value)
                if self.values == "excel numbers"
                else text_cell(ind, value, self.values == "text", self.thousands)
            )
        comment = "On track" if ind.id in ("FD2", "WF1") else ""
        return {
            "id": ind.id,
            "title": ind.title,
            "section": ind.section,
            "polarity": polarity,
            "target": ind.target,
            "periods": cells,
            "comments": comment,
        }

    def header(self) -> list[object]:
        cells: list[object] = []
        for name in self.keep:
            cells += self.header_cells if name == "periods" else [self.columns[name]]
            if self.blank_column and name == "title":
                cells.append("")
        return cells

    def body(self, inds: list[Indicator]) -> Table:
        rows: Table = []
        for ind in inds:
            row = self.row_for(ind)
            cells: list[object] = []
            for name in self.keep:
                cells += row["periods"] if name == "periods" else [row[name]]  # type: ignore[operator]
                if self.blank_column and name == "title":
                    cells.append("")
            rows.append(cells)
            if self.blank_rows:
                rows.append([])
        return rows

    def above(self, block: Table) -> Table:
        if not self.year_row:
            return block
        at = self.keep.index("periods")
        offset = sum(1 for name in self.keep[:at]) + (
            1 if self.blank_column and "title" in self.keep[:at] else 0
        )
        return [*block, [*([""] * offset), *self.year_row]]

    def merged(self, block: Table) -> list[str]:
        if not self.year_row or not self.excel or len(self.header_cells) < 2:
            return []
        from openpyxl.utils import get_column_letter

        row = len(block) + 1
        at = self.header().index(self.header_cells[0]) + 1
        return [f"{get_column_letter(at)}{row}:{get_column_letter(at + len(self.header_cells) - 1)}{row}"]

    def sheet_per_section(self, titled: bool) -> list[tuple[str, Table, list[str]]]:
        sheets = []
        for section in SECTIONS:
            inds = [ind for ind in INDICATORS if ind.section == section]
            block = [[f"{section} - performance 2024/25"], []] if titled else []
            sheets.append(
                (section, [*self.above(block), self.header(), *self.body(inds)], self.merged(block))
            )
        cover: Table = [["Corpus Council"], ["Contents: " + ", ".join(SECTIONS)]]
        return [("Cover", cover, []), *sheets]

    def one_sheet(self, title: Table, sections: str) -> Table:
        rows: Table = [*self.above(title), self.header()]
        for section in SECTIONS:
            if sections == "heading rows":
                rows.append([section])
            rows += self.body([ind for ind in INDICATORS if ind.section == section])
        return rows


def _period_form(c: Choices, kind: str, excel: bool) -> str:
    if kind == "monthly":
        forms = [*MONTH_HEADERS, "Apr under a year row", *(["Excel dates"] if excel else [])]
        return str(c.pick("month headers", forms))
    if kind == "quarterly":
        return str(c.pick("quarter headers", [*QUARTER_HEADERS, "Q1 under a year row"]))
    return str(c.pick("year headers", ("2024/25", "2024-25")))


def _period_headers(form: str, kind: str, slots: list[int]) -> tuple[list[object], list[object]]:
    """The period columns' headers, and the year row above them (empty: none)."""
    if kind == "monthly":
        if form == "Excel dates":
            return [dt.datetime(*MONTHS[n], 1) for n in slots], []
        if form == "Apr under a year row":
            return [NAMES[MONTHS[n][1] - 1][:3] for n in slots], ["2024/25"] + [""] * (len(slots) - 1)
        return [MONTH_HEADERS[form](*MONTHS[n]) for n in slots], []
    if kind == "quarterly":
        if form == "Q1 under a year row":
            return [f"Q{q}" for q in range(1, 5)], ["2024/25", "", "", ""]
        return [QUARTER_HEADERS[form](q) for q in range(1, 5)], []
    return [form], []


def _long(c: Choices) -> Layout:
    kind = str(c.pick("long periods", ("monthly", "monthly", "quarterly", "annual")))
    suffix, encoding, delimiter = _file_format(c)
    ratios = kind == "monthly" and c.chance("numerators")
    status_column = c.chance("status column", 0.3)
    if kind == "monthly":
        period_headers, period_cells = c.pick("long months", LONG_MONTHS)  # type: ignore[misc]
        when = [period_cells(*MONTHS[n]) for n in range(12)]
        if suffix == ".xlsx" and c.chance("Excel date periods", 0.3):
            period_headers, when = ("Month ending",), [(dt.datetime(*MONTHS[n], 1),) for n in range(12)]
    elif kind == "quarterly":
        period_headers, quarter = c.pick("long quarters", LONG_QUARTERS)  # type: ignore[misc]
        when = {n: quarter(q) for q, n in enumerate(QUARTER_ENDS, start=1)}  # type: ignore[assignment]
    else:
        period_headers, year = c.pick("long years", LONG_YEARS)  # type: ignore[misc]
        when = {11: year}  # type: ignore[assignment]
    id_word = str(c.pick("id word", ID_WORDS))
    comments = str(c.pick("comments word", COMMENT_WORDS)) if c.chance("comments column", 0.3) else ""
    header = [
        id_word,
        *period_headers,
        "Value",
        *(["Numerator", "Denominator"] if ratios else []),
        *(["Status"] if status_column else []),
        *([comments] if comments else []),
    ]
    rows: Table = [*_title_block(c), header]
    excel = suffix == ".xlsx"
    values = str(c.pick("long values", ("excel numbers", "text") if excel else ("text", "plain text")))
    for ind in INDICATORS:
        for n in _slots(kind):
            value = ind.values[n]
            if value is None:
                continue
            status = "NYC" if value == "NYC" and status_column else ""
            shown = (
                excel_cell(ind, value)
                if values == "excel numbers"
                else text_cell(ind, value, values == "text", False)
            )
            if status:
                shown = ""
            ratio = [*ind.numerators[n]] if ratios and ind.numerators else ["", ""] if ratios else []
            rows.append(
                [
                    ind.id,
                    *when[n],
                    shown,
                    *ratio,
                    *([status] if status_column else []),
                    *(["See narrative"] if comments and n == 11 else [""] if comments else []),
                ]
            )
    catalogue: Table = [
        ["KPI Code" if id_word != "ID" else "ID", "Service Area", "Measure", "Polarity", "Target"]
    ]
    better = POLARITY_STYLES["better"]
    for ind in INDICATORS:
        catalogue.append([ind.id, ind.section, ind.title, better[_POLARITY_INDEX[ind.polarity]], ind.target])
    where = str(
        c.pick(
            "catalogue",
            ("beside, .csv", "beside, .xlsx", "one workbook") if excel else ("beside, .csv", "beside, .xlsx"),
        )
    )
    layout = Layout(f"long {kind} {'; '.join(c.made)}", kind, ratios)
    if where == "one workbook":
        layout.files["scorecard.xlsx"] = write_book([("Catalogue", catalogue, []), ("Data", rows, [])])
        return layout
    layout.files["catalogue.xlsx" if where.endswith("xlsx") else "catalogue.csv"] = (
        write_book([("Catalogue", catalogue, [])])
        if where.endswith("xlsx")
        else write_text(catalogue, "utf-8", ",")
    )
    layout.files[f"values{suffix}"] = (
        write_book([("Data", rows, [])]) if excel else write_text(rows, encoding, delimiter)
    )
    return layout
