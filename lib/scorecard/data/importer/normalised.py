"""The one form every layout reader gives and the merge takes: indicator rows with their period cells.

Each layout has its reader (``sectioned``: the sectioned wide layout of the seed; ``header_layout``:
a wide file with one header row, and the long layout's values and catalogue files). Each gives a
``Sheet`` of ``Row``s: the indicator's id, title and section as the file has them, the catalogue
fields the file has a column for (and only those, so a file without an England column never blanks
the catalogue's England figure), and one ``PeriodCell`` per published period. Every field and cell
knows where it came from, so a problem names the file, line and column the analyst sees.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from scorecard.problems import Problem

# The month's account of an indicator (commentary, action, its owner, when it is due): read and
# counted by every reader, for the report.
ACCOUNT = ("commentary", "action", "action_owner", "action_due")


@dataclass(frozen=True)
class Where:
    """A place in an input file, as the analyst sees it."""

    file: str
    line: int | str
    column: str


@dataclass(frozen=True)
class Field:
    """One catalogue field of a row: its text, where it is, and the year its header names."""

    text: str
    where: Where
    year: str = ""  # "2023/24": the year a benchmark or an outturn is for


@dataclass(frozen=True)
class PeriodCell:
    """One published period of an indicator: the value as published, with its numerator and
    denominator and status where the layout has columns for them."""

    period: str  # YYYY-MM, the period's last month
    label: str  # as the file heads it: Apr-24, Q1 2024/25, 2025-03-31
    text: str
    where: Where
    numerator: str = ""
    denominator: str = ""
    status: str = ""


@dataclass(frozen=True)
class Row:
    id: str
    title: str
    section: str  # the section's title (or key) as the file gives it; "" where the file has none
    where: Where  # the row's ID cell
    header_line: int | str  # the header it was read under: one problem per header, not per row
    cells: tuple[PeriodCell, ...]
    fields: dict[str, Field] = field(default_factory=dict)
    note: str = ""  # leading free text that shifted a sectioned row, "" if none
    scope: str = ""  # the section's scope, where a sectioned header gives one ("All of CYPFS")


@dataclass
class Sheet:
    """One input file (or a long layout's values with their catalogue), read into rows."""

    file: str
    frequency: str = ""  # the kind of its period columns (``Frequency`` values); "" for none
    layout: str = ""  # "sectioned", "wide", "long" or "catalogue"
    rows: list[Row] = field(default_factory=list)
    periods: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    narrative_lines: int = 0
    preamble_lines: int = 0
    blank_cells: int = 0  # rows of a long layout with no value, no numerator and no status
    headings: int = 0  # section heading rows of a one-header wide file
    accounts: dict[str, int] = field(default_factory=dict)  # commentary header -> filled cells


ProblemAt = Callable[[Where, str, str], None]  # (where, value, message): records one problem
