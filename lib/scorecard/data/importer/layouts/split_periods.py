"""A period written in two halves: a year, and a month or quarter within it.

Councils' files and the DfE's own split a period in two ways:
- **over two columns** of a long values file: ``Financial Year`` 2024-25 beside ``Month`` April (or
  Apr), a year beside ``Quarter`` Q1, a ``Calendar year`` 2024 beside a month, and the DfE's
  ``time_period`` 202425 beside ``time_identifier`` April, Q1 or Financial year;
- **under a year row** of a wide file: month headers ``Apr .. Mar`` (or quarters ``Q1 .. Q4``) with
  no year, under a row holding the year (``2024/25``) above them, merged across them or written once.

A financial year (``2024-25``, ``2024/25``, ``FY 2024/25``, ``202425``) runs April to March: April
to December are in its first year, January to March in its second; its quarters end in June,
September, December and March. A calendar year (``2024``) runs January to December, and its
quarters are January to March (Q1) and so on. An academic year (the DfE's ``Academic year``) runs
September to August. A whole year is filed under its last month, like ``2023/24``. A half that is
missing, or two columns that name different periods, is a problem, never a guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from scorecard.model import Frequency
from scorecard.periods import PERIOD_EXPECTED, period_cell

_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH_NAME = re.compile(r"(?P<month>[a-z]{3})[a-z]*\.?")
_QUARTER = re.compile(r"(?:(?P<which>financial|calendar|academic)\s+year\s+)?(?:q|quarter\s*)(?P<q>[1-4])")
_WHOLE = {
    "financial year": "financial",
    "fy": "financial",
    "full year": "",
    "year": "",
    "annual": "",
    "whole year": "",
    "calendar year": "calendar",
    "academic year": "academic",
    "reporting year": "reporting",
}
_FINANCIAL = re.compile(r"(?:fy\s*)?(?P<first>[0-9]{4}|[0-9]{2})\s*[/-]\s*(?P<second>[0-9]{4}|[0-9]{2})")
_DFE_YEARS = re.compile(r"(?P<first>[0-9]{4})(?P<second>[0-9]{2})")  # the DfE's time_period 202425
_CALENDAR = re.compile(r"(?:cy\s*)?(?P<year>[0-9]{4})")
YEAR_EXPECTED = "expected a financial year (2024-25, 2024/25, 202425) or a calendar year (2024)"
PART_EXPECTED = (
    "expected a month (April, Apr), a quarter (Q1) or a whole year (Financial year), or a whole "
    "period (Apr-24, 2024-04-30)"
)


@dataclass(frozen=True)
class Year:
    """A year cell: the year it starts in, and whether it is two years (2024-25) or one (2024)."""

    start: int
    split: bool  # 2024-25: a financial (or academic) year; 2024: a calendar year


@dataclass(frozen=True)
class Part:
    """The other half: a month (1-12), a quarter (1-4), or the whole year (``which`` says which)."""

    month: int = 0
    quarter: int = 0
    which: str = ""  # "financial", "calendar", "academic", "reporting" or "" (as the year says)


def year_cell(text: str) -> Year | None:
    """``2024-25``, ``2024/25``, ``FY 2024/25``, ``24/25``, ``202425`` -> Year(2024, split); ``2024``
    -> Year(2024, calendar); None for anything else."""
    clean = " ".join(str(text).split()).casefold()
    for pattern in (_FINANCIAL, _DFE_YEARS):
        if match := pattern.fullmatch(clean):
            first = int(match["first"]) + (2000 if len(match["first"]) == 2 else 0)
            second = int(match["second"])
            second += first // 100 * 100 + (100 if second < first % 100 else 0) if second < 100 else 0
            return Year(first, True) if second == first + 1 else None
    if match := _CALENDAR.fullmatch(clean):
        return Year(int(match["year"]), False)
    return None


def part_cell(text: str) -> Part | None:
    """``April``, ``Apr``, ``Q1``, ``Quarter 1``, ``Financial year Q1``, ``Financial year`` -> a Part;
    None for anything else (a whole period such as ``Apr-24`` included)."""
    clean = " ".join(str(text).split()).casefold().rstrip(".")
    if clean in _WHOLE:
        return Part(which=_WHOLE[clean])
    if (match := _MONTH_NAME.fullmatch(clean)) and match["month"] in _MONTHS:
        name = clean.rstrip(".")
        full = _full_month(match["month"])
        if name in (match["month"], full) or (match["month"] == "sep" and name == "sept"):
            return Part(month=_MONTHS.index(match["month"]) + 1)
    if match := _QUARTER.fullmatch(clean):
        return Part(quarter=int(match["q"]), which=match["which"] or "")
    return None


def _full_month(short: str) -> str:
    names = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ]
    return names[_MONTHS.index(short)]


def joined(year: Year, part: Part) -> tuple[str, str] | str:
    """(``YYYY-MM``, frequency) of a year and its part, filed under the period's last month; or what
    is wrong, as a problem's "expected" text."""
    which = part.which or ("financial" if year.split else "calendar")
    if which == "reporting":  # the DfE's children's collections: the year to 31 March
        which, year = ("financial", year) if year.split else ("financial", Year(year.start - 1, True))
    if (which == "calendar") == year.split:
        return f"a {which} year needs {'one year (2024)' if which == 'calendar' else 'two (2024-25)'}"
    first = {"financial": 4, "academic": 9, "calendar": 1}[which]
    if part.month:
        month = part.month
        calendar_year = year.start + (1 if month < first else 0)
        return f"{calendar_year}-{month:02d}", Frequency.MONTHLY.value
    if part.quarter:
        if which == "academic":
            return "quarters of an academic year; expected a financial or calendar year's quarter"
        last = first + part.quarter * 3 - 1  # the quarter's last month, counted from the year's start
        return f"{year.start + (last - 1) // 12}-{(last - 1) % 12 + 1:02d}", Frequency.QUARTERLY.value
    last = first + 11
    return f"{year.start + (last - 1) // 12}-{(last - 1) % 12 + 1:02d}", Frequency.ANNUAL.value


def months_of(period: str, kind: str) -> set[str]:
    """The months a period covers: itself, its quarter's three, or its year's twelve."""
    count = {Frequency.QUARTERLY.value: 3, Frequency.ANNUAL.value: 12}.get(kind, 1)
    year, month = int(period[:4]), int(period[5:])
    found = set()
    for back in range(count):
        n = year * 12 + month - 1 - back
        found.add(f"{n // 12:04d}-{n % 12 + 1:02d}")
    return found


def whole_or_part(text: str, year: str) -> tuple[str, str] | str:
    """A period cell read with the year beside it (``year``, "" where the file has none): a whole
    period (``Apr-24``, ``2024-04-30``, which must lie in that year), or a month or quarter of it.
    (``YYYY-MM``, frequency), or what is wrong."""
    found = period_cell(text)
    part = None if found else part_cell(text)
    if found is None and part is None:
        return f"not a period; {PART_EXPECTED}"
    read_year = year_cell(year) if year.strip() else None
    if year.strip() and read_year is None:
        return f"not a year; {YEAR_EXPECTED}"
    if part is not None:
        if read_year is None:
            return "a month or quarter with no year"
        return joined(read_year, part)
    assert found is not None
    if read_year is not None:
        span = joined(read_year, Part())
        if isinstance(span, tuple) and not months_of(*found) <= months_of(*span):
            return f"{text} is not in the year {year}"
    return found


@dataclass(frozen=True)
class Wrong:
    """Why a row's period cannot be read: the column to name, its text, and what was expected."""

    column: str
    text: str
    message: str
    no_year: bool = False  # a month or quarter, and the file has no year anywhere


Cell = tuple[str, str]  # (the column's header, the row's text under it)


def row_period(periods: list[Cell], year: Cell | None) -> tuple[str, str, str] | Wrong:
    """The period of a long layout's row: (``YYYY-MM``, frequency, the label it was read from), from
    its period columns (a whole period each, or a month or quarter of the ``year`` beside them); or
    the one thing wrong with it."""
    year_text = year[1].strip() if year else ""
    if not periods:
        return _year_alone(year)
    found: list[tuple[str, str, Cell]] = []
    for label, text in periods:
        if not text.strip():
            continue
        read = whole_or_part(text, year_text)
        if isinstance(read, tuple):
            found.append((*read, (label, text)))
        elif read.startswith("a month or quarter") and year is not None:
            return Wrong(year[0], "", f"no year for the {label} {text}; {_HALVES.format(label, year[0])}")
        elif read.startswith("a month or quarter"):
            return Wrong(label, text, "a month with no year", no_year=True)
        elif year is None:  # a period column alone: a whole period, or a date in it
            return Wrong(
                label, text, f"not a period; {PERIOD_EXPECTED}, or a date in the period such as 2025-03-31"
            )
        else:
            wrong_column = year[0] if read.startswith("not a year") else label
            return Wrong(wrong_column, year_text if wrong_column != label else text, read)
    if not found:
        label = periods[0][0]
        if year_text and year is not None:
            return Wrong(
                label, "", f"no {label} for the {year[0]} {year_text}; {_HALVES.format(label, year[0])}"
            )
        return Wrong(label, "", "no period; expected the period of the row's figure")
    return _agreed(found, year)


_HALVES = "the period is split over {1} and {0}: expected both halves on every row"


def _year_alone(year: Cell | None) -> tuple[str, str, str] | Wrong:
    if year is None or not year[1].strip():
        return Wrong(year[0] if year else "period", "", "no period; expected the period of the row's figure")
    read = year_cell(year[1])
    if read is None or not read.split:
        return Wrong(year[0], year[1], f"not a financial year; {YEAR_EXPECTED.split(' or ')[0]}")
    joined_ = joined(read, Part())
    assert isinstance(joined_, tuple)
    return (*joined_, year[1].strip())


def _agreed(found: list[tuple[str, str, Cell]], year: Cell | None) -> tuple[str, str, str] | Wrong:
    """The coarsest period found, once every other lies within it (a date in its month or quarter)."""
    found.sort(key=lambda item: (-len(months_of(item[0], item[1])), part_cell(item[2][1]) is None))
    period, kind, (label, text) = found[0]
    halves = year is not None and part_cell(text) is not None
    for other, other_kind, (other_label, other_text) in found[1:]:
        if not months_of(other, other_kind) <= months_of(period, kind):
            said = f"{year[0]} {year[1]} and {label} {text} say" if halves and year else f"{label} says"
            message = (
                f"{other_label} says {other}, but {said} {period}; expected the columns to name the "
                "same period"
            )
            return Wrong(other_label, other_text, message)
    return period, kind, f"{year[1].strip()} {text.strip()}" if halves and year else text.strip()


def yearless(label: str) -> Part | None:
    """A wide file's period header with no year (``Apr``, ``April``, ``Q1``), or None."""
    part = part_cell(label)
    return part if part is not None and (part.month or part.quarter) else None


YEAR_ROWS_ABOVE = 3  # a year row sits just above the month headers (a blank row may come between)


def years_above(rows: list[tuple[int, list[str]]], index: int) -> dict[int, str]:
    """For each column of the header row ``rows[index]``, the year written above it: in the nearest
    filled row above, the nearest year cell at or left of the column (a merged cell keeps its text in
    its first column). Empty where no row above holds a year."""
    for _, cells in reversed(rows[max(0, index - YEAR_ROWS_ABOVE) : index]):
        if not any(cell.strip() for cell in cells):
            continue
        years: dict[int, str] = {}
        current = ""
        for column, cell in enumerate(cells):
            if cell.strip():
                current = cell.strip() if year_cell(cell) else ""
            if current:
                years[column] = current
        return years
    return {}


def header_with_year(label: str, year: str) -> tuple[str, str] | None:
    """A yearless header (``Apr``, ``Q1``) under ``year``: (``YYYY-MM``, frequency), or None."""
    part = yearless(label)
    read = year_cell(year) if year else None
    if part is None or read is None:
        return None
    joined_ = joined(read, part)
    return joined_ if isinstance(joined_, tuple) else None
