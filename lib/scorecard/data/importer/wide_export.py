"""``python -m scorecard export-wide --out FILE``: ``data/`` back in the published wide layout.

Section by section: a header row (``ID``, title - scope, one column per period in the data, Target,
SN av, Direction of travel), then one row per indicator. Cells are the published text where it was
kept (``67% (4)``, ``100.8r``, ``NYC``), otherwise the value formatted as published. The arrow is the
published one for the pack's month (the latest month with monthly data). Catalogue notes are not
written into the rows: the published layout shifts a row to hold them, and they live in the catalogue.

Text a spreadsheet would run as a formula (a title starting ``=``, ``+``, ``-`` or ``@``) is made
inert: a text cell in .xlsx, a leading apostrophe in .csv/.tsv/.txt, which the importer takes off
again, so the round trip stays exact.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd

from scorecard.cells import PUBLISHED_STATUS, published_text
from scorecard.data import guard_formula, keep_formulas_as_text, output_problems, write_atomically
from scorecard.data.importer.rows import SEPARATORS, SUFFIXES
from scorecard.model import ScorecardData, Status
from scorecard.periods import period_label
from scorecard.problems import DataError, Problem


def wide_rows(data: ScorecardData, directions: pd.DataFrame | None = None) -> list[list[str]]:
    """The wide layout as rows of text cells."""
    periods = data.periods
    formats = {
        item["id"]: (item["unit"], int(item["decimals"])) for item in data.catalogue.to_dict("records")
    }
    cells = {
        (item["id"], item["period"]): _cell_text(item, *formats[item["id"]])
        for item in data.values.to_dict("records")
    }
    arrows: dict[str, str] = {}
    directions = data.published_direction if directions is None else directions
    if directions is not None and len(directions):
        latest = directions[directions["period"] == data.latest_period]
        arrows = dict(zip(latest["id"], latest["arrow"], strict=True))
    rows: list[list[str]] = []
    for section in data.settings.sections:
        indicators = data.catalogue[data.catalogue["section"] == section.key]
        if indicators.empty:
            continue
        title = f"{section.title} - {section.scope}" if section.scope else section.title
        headings = [period_label(period, data.settings.frequency) for period in periods]
        rows.append(["ID", title, *headings, "Target", "SN av", "Direction of travel"])
        for item in indicators.to_dict("records"):
            rows.append(
                [
                    item["id"],
                    item["title"],
                    *(cells.get((item["id"], period), "") for period in periods),
                    item["target"],
                    item["sn_average"],
                    arrows.get(item["id"], ""),
                ]
            )
        rows.append([])
    return rows


def _cell_text(item: dict, unit: str, decimals: int) -> str:
    if item["raw"]:
        return str(item["raw"])
    if item["status"]:
        return PUBLISHED_STATUS[Status(item["status"])]
    count = None if pd.isna(item["count"]) else int(item["count"])
    return published_text(float(item["value"]), unit, decimals, count)


def export_wide(data: ScorecardData, out: Path, directions: pd.DataFrame | None = None) -> None:
    """Write the wide layout to ``out`` (.txt/.tsv tab, .csv comma, .xlsx), atomically."""
    suffix = out.suffix.lower()
    if suffix not in SUFFIXES:
        message = f"unknown file type; expected {', '.join(SUFFIXES)}"
        raise DataError([Problem(str(out), "-", "--out", out.name, message)])
    if problems := output_problems(out):
        raise DataError(problems)
    rows = wide_rows(data, directions)
    content = _xlsx_bytes(rows) if suffix == ".xlsx" else _text_bytes(rows, SEPARATORS[suffix])
    write_atomically({out: content})


def _text_bytes(rows: list[list[str]], separator: str) -> bytes:
    buffer = io.StringIO()
    guarded = ([guard_formula(cell) for cell in row] for row in rows)
    csv.writer(buffer, delimiter=separator, lineterminator="\n").writerows(guarded)
    return buffer.getvalue().encode("utf-8")


def _xlsx_bytes(rows: list[list[str]]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

    book = Workbook()
    sheet = book.active
    assert isinstance(sheet, Worksheet)  # a new workbook's one sheet
    sheet.title = "Scorecard"
    for row in rows:
        sheet.append(row)
    keep_formulas_as_text(sheet)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
