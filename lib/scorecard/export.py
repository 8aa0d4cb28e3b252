"""``python -m scorecard export``: the computed scorecard as a stable CSV or Excel file.

The columns and their allowed values are an interface other tools rely on; change them only with
care (new ones go at the end). Beside each figure it carries its frequency, the period the figure
is for (an annual one is the latest for a year), its numerator and denominator, whether it is a
percentage on a small base, every benchmark with its year, last year's outturn, and the rule behind
its rating, in words.

The file is written to a temporary file beside the target and moved into place, so a failure never
leaves a half-written export. A text cell that a spreadsheet would run as a formula (starting
with ``=``, ``+``, ``-`` or ``@``) is made inert: in Excel output it is stored as a string and marked
quote-prefixed, so it shows as text and stays text when edited; in CSV output it gets a leading
apostrophe (``'=...``), the usual guard against formula injection. Only text cells are guarded: a
number, negative or not (an SPC lower limit below zero), is written as a number.

Every row names the SPC rule set it was computed by (``spc_rules``: ``mdc-2023`` or
``plotthedots-0.2``, from settings.yaml), so a file read later, or beside another council's, says
how its special causes were found; ``spc_limits`` (``limits`` per point) says whether they rest on
full or trial limits.
"""

from __future__ import annotations

import io
import math
from pathlib import Path
from typing import BinaryIO

import pandas as pd
from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from scorecard.data import guard_formula, keep_formulas_as_text, output_problems, write_atomically
from scorecard.model import FIGURE_COLUMNS, ScorecardData
from scorecard.problems import DataError, Problem
from scorecard.rules import build_scorecard, check_period

COLUMNS = [
    "id",
    "section",
    "title",
    "period",
    "value",
    "status",
    "target",
    "sn_average",
    "rag",
    "direction",
    "trend",
    "variation",
    "assurance",
    "spc_limits",
    "spc_rules",
    "frequency",
    "value_period",
    "numerator",
    "denominator",
    "small_base",
    *FIGURE_COLUMNS,
    "rating_rule",
    "lead",
]
DETAIL_COLUMNS = [
    "id",
    "period",
    "value",
    "mean",
    "lower_limit",
    "upper_limit",
    "special_cause",
    "point_type",
    "limits",
    "spc_rules",
]
FORMATS = (".csv", ".xlsx")


def export_frame(data: ScorecardData, period: str | None = None, detail: bool = False) -> pd.DataFrame:
    """The rows and columns ``export`` writes."""
    scorecard = build_scorecard(data, period)
    frame = scorecard.spc if detail else scorecard.indicators
    frame = frame.assign(spc_rules=data.settings.spc_rules.value)
    return frame[DETAIL_COLUMNS if detail else COLUMNS].reset_index(drop=True)


def export(data: ScorecardData, out: Path, period: str | None = None, detail: bool = False) -> pd.DataFrame:
    """Write the scorecard for ``period`` (default the latest) to ``out`` (.csv or .xlsx)."""
    out = Path(out)
    problems = output_problems(out)
    if out.suffix.lower() not in FORMATS:
        problems.append(
            Problem(
                str(out),
                "-",
                "--out",
                out.suffix or out.name,
                "unknown output format; expected a file name ending .csv or .xlsx",
            )
        )
    try:
        check_period(data, period)
    except DataError as error:
        problems += error.problems
    if problems:
        raise DataError(problems)
    frame = export_frame(data, period, detail)
    _write_atomically(frame, out)
    return frame


def _write_atomically(frame: pd.DataFrame, out: Path) -> None:
    write_atomically({out: _content(frame, out.suffix.lower())})


def _content(frame: pd.DataFrame, suffix: str) -> bytes:
    if suffix == ".csv":
        return _guarded(frame).to_csv(index=False, lineterminator="\n").encode("utf-8")
    buffer = io.BytesIO()
    _write_xlsx(frame, buffer)
    return buffer.getvalue()


def export_files(data: ScorecardData, period: str | None = None) -> dict[str, bytes]:
    """What ``export --out scorecard.csv`` and ``--out scorecard.xlsx`` write for ``period``, by suffix."""
    frame = export_frame(data, period)
    return {suffix: _content(frame, suffix) for suffix in FORMATS}


def _guarded(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with every text cell a spreadsheet would run as a formula made inert."""
    guarded = frame.copy()
    for column in guarded.columns:
        if not pd.api.types.is_numeric_dtype(guarded[column]):  # numbers stay numbers, negative or not
            guarded[column] = guarded[column].map(
                lambda cell: guard_formula(cell) if isinstance(cell, str) else cell
            )
    return guarded


def _write_xlsx(frame: pd.DataFrame, path: Path | BinaryIO) -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert isinstance(sheet, Worksheet)  # a new workbook's one sheet
    sheet.title = "scorecard"
    sheet.append(list(frame.columns))
    for record in frame.itertuples(index=False, name=None):
        sheet.append([_cell_value(value) for value in record])
    keep_formulas_as_text(sheet)  # the header row is column names, none of them formula-like
    sheet.freeze_panes = "A2"
    workbook.save(path)


def _cell_value(value: object) -> object:
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    if hasattr(value, "item"):  # numpy scalar -> Python scalar
        return value.item()
    return value
