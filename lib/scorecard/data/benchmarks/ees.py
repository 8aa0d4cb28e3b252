"""A DfE statistics file as Explore Education Statistics (EES) publishes it: tidy CSV, one row per
geography and year.

Every EES download starts with the same columns (``time_period``, ``time_identifier``,
``geographic_level``, ``country_code`` ...); a local-authority file adds ``region_code``,
``region_name``, ``old_la_code`` (the DfE's three-digit LA number) and ``la_name``. A file is known by
those columns, never by its name. Missing figures are the Government Statistical Service's symbols
(``c`` suppressed, ``x`` not available, ``z`` not applicable, ``u`` low reliability, ``low`` rounds
to zero, ``k``, ``:``): they are never numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from scorecard.data import GSS_SYMBOLS, csv_rows, decode
from scorecard.problems import Problem

# The columns that make a file EES tidy data at local-authority level.
EES_COLUMNS = (
    "time_period",
    "time_identifier",
    "geographic_level",
    "country_code",
    "region_code",
    "region_name",
    "old_la_code",
    "la_name",
)
NATIONAL, REGIONAL, LOCAL = "National", "Regional", "Local authority"
_NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")
_YEAR = re.compile(r"[0-9]{4}")
# A council's LA number; councils that report jointly (the social work workforce's "940 / 941") share
# one row, which is each one's figure and counts once among all councils'.
_LA_CODE = re.compile(r"[0-9]{3}(?: / [0-9]{3})*")
JOINT = " / "
NOT_EES = (
    "not EES tidy data; expected a CSV downloaded from Explore Education Statistics with the columns "
    + ", ".join(EES_COLUMNS)
)


@dataclass(frozen=True)
class Row:
    """One row of an EES file: where, when, and its cells by column."""

    line: int  # the file's line, as an editor shows it
    year: str  # time_period, "2024"
    level: str  # NATIONAL, REGIONAL or LOCAL
    code: str  # "E" for England, the region_code, or the three-digit old_la_code
    cells: dict[str, str]


@dataclass(frozen=True)
class EesFile:
    """An EES file read: its name, its columns, its rows at the three levels (others are left out)."""

    path: str
    name: str
    columns: tuple[str, ...]
    rows: tuple[Row, ...]

    def has(self, columns: set[str] | frozenset[str]) -> bool:
        """Whether the file has every one of ``columns``."""
        return columns <= set(self.columns)


def is_ees(header: list[str]) -> bool:
    """Whether a header is an EES local-authority file's."""
    return set(EES_COLUMNS) <= set(header)


def cell_problem(text: str) -> str:
    """Why a figure cell is unreadable ("" when it is a number or a known symbol)."""
    if _NUMBER.fullmatch(text) or text.lower() in GSS_SYMBOLS:
        return ""
    symbols = ", ".join(repr(s) for s in GSS_SYMBOLS if s)
    return f"not a figure; expected a number or one of the GSS symbols {symbols}"


def read_ees(path: Path, header: list[str], rows: list[tuple[int, list[str]]]) -> EesFile:
    """The EES file from its decoded rows (``header`` checked with ``is_ees``): the national,
    regional and local-authority rows, each keyed by its geography."""
    index = {column: n for n, column in enumerate(header)}
    kept = []
    for line, cells in rows[1:]:
        if len(cells) != len(header) or not any(cell.strip() for cell in cells):
            continue  # blank lines; a short row is reported by ``problems``
        named = {column: cells[n].strip() for column, n in index.items()}
        level = named["geographic_level"]
        code = {NATIONAL: "E", REGIONAL: named["region_code"], LOCAL: named["old_la_code"]}.get(level)
        if code is None:
            continue  # other levels (parliamentary constituency, ...) are not compared with
        kept.append(Row(line, named["time_period"], level, code, named))
    return EesFile(str(path), path.name, tuple(header), tuple(kept))


def problems_of(file: EesFile, raw_rows: list[tuple[int, list[str]]]) -> list[Problem]:
    """The rows an EES file cannot be read by: the wrong length, a year or an LA number that is not one."""
    problems = []
    width = len(file.columns)
    for line, cells in raw_rows[1:]:
        if any(cell.strip() for cell in cells) and len(cells) != width:
            message = f"row has {len(cells)} cells; expected {width} like the header"
            problems.append(Problem(file.path, line, "-", ",".join(cells)[:60], message))
    for row in file.rows:
        if not _YEAR.fullmatch(row.year):
            message = "not a year; expected a time_period such as 2024"
            problems.append(Problem(file.path, row.line, "time_period", row.year, message))
        if row.level == LOCAL and not _LA_CODE.fullmatch(row.code):
            message = "not an LA number; expected the DfE's three-digit LA number, such as 895 (or 940 / 941)"
            problems.append(Problem(file.path, row.line, "old_la_code", row.code, message))
    return problems


def decoded_rows(path: Path, data: bytes) -> tuple[list[tuple[int, list[str]]], list[Problem]]:
    """A CSV's rows (line, cells), or the problems that stop it being read at all."""
    text, problems, _ = decode(data, str(path))
    if problems:
        return [], problems
    rows, problems = csv_rows(text, str(path))
    if not problems and not rows:
        problems = [Problem(str(path), 1, "-", "", "empty file; " + NOT_EES)]
    return rows, problems
