"""``python -m scorecard export``: the computed scorecard as a stable CSV or Excel file.

What it holds is ``scorecard.rules.export_table`` (the columns are an interface other tools rely on);
the web page's "Download the data" carries the same table. This module writes it: the file is
written to a temporary file beside the target and moved into place, so a failure never leaves a
half-written export. A text cell that a spreadsheet would run as a formula (starting with ``=``,
``+``, ``-`` or ``@``) is made inert (``scorecard.data.table_bytes``): in Excel output it is stored as
a string and marked quote-prefixed, so it shows as text and stays text when edited; in CSV output it
gets a leading apostrophe (``'=...``), the usual guard against formula injection. Only text cells are
guarded: a number, negative or not (an SPC lower limit below zero), is written as a number.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from scorecard.data import output_problems, table_bytes, write_atomically
from scorecard.problems import DataError, Problem
from scorecard.rules import build_scorecard, check_period, export_frame

if TYPE_CHECKING:
    import pandas as pd

    from scorecard.model import ScorecardData
    from scorecard.project import Project

FORMATS = (".csv", ".xlsx")


def export(
    data: ScorecardData,
    out: Path,
    period: str | None = None,
    detail: bool = False,
    project: Project | None = None,
) -> pd.DataFrame:
    """Write the scorecard for ``period`` (default the latest) to ``out`` (.csv or .xlsx); each
    indicator with its exception, reasons, commentary (as ``project``'s section files write it) and
    open actions (``pack.accountability``)."""
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
    sc = build_scorecard(data, period)
    if detail:
        frame = export_frame(sc, detail)
    else:
        from scorecard.pack import accountability

        frame = export_frame(sc, accounts=accountability(sc, project))
    write_atomically({out: table_bytes(frame, out.suffix.lower())})
    return frame
