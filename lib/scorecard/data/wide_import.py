"""``python -m scorecard import FILE``: the analysts' wide scorecard -> ``data/``, reported line by line.

A later month's file adds its months; a changed value replaces the old one and is reported. Existing
catalogue rows keep the analyst's judgements (unit, polarity, basis, decimals, notes, series break);
title, target, SN average and section follow the file and are reported when they change. Nothing is
written unless the merged result passes every check that ``check`` runs.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd

from scorecard.data import folder, revisions
from scorecard.data.load import COLUMNS, FILES, parse_csv, read_tables
from scorecard.data.merge import Merge, Record
from scorecard.data.settings import load_settings
from scorecard.data.validate import check_tables
from scorecard.data.wide_rows import read_rows
from scorecard.data.wide_sheet import parse_sheet
from scorecard.model import Settings
from scorecard.problems import DataError


def import_file(path: Path, data_dir: Path, sheet: str | None = None) -> list[str]:
    """Import ``path`` (a workbook: its first sheet, or ``sheet``) into ``data_dir`` and return the
    report lines.

    On any problem raise ``DataError`` and write nothing. The whole import (read the folder, merge,
    write) holds the folder's exclusive lock, so two imports at once take turns and neither is lost.
    """
    with folder.changing(data_dir):
        return _import_locked(path, data_dir, sheet)


def _import_locked(path: Path, data_dir: Path, sheet: str | None) -> list[str]:
    settings, catalogue, values, directions, names, notices, log = _existing(data_dir)
    rows, read_notices = read_rows(path, sheet)
    sheet = parse_sheet(str(path), rows)
    merge = Merge(settings, catalogue, values, directions, sheet)
    problems = sheet.problems + merge.problems
    if problems:
        raise DataError(problems)
    texts = {key: _csv_text(records, COLUMNS[key]) for key, records in merge.tables().items()}
    # Every import adds what it changed to the revisions log, written in the same one write.
    texts["revisions"] = revisions.logged(
        log, merge.revisions, Path(path).name, revisions.now(), merge.pack_after() or ""
    )
    frames = {key: parse_csv(text, names[key], COLUMNS[key])[0] for key, text in texts.items()}
    problems = check_tables(settings, frames["catalogue"], frames["values"], frames["directions"], names)
    problems += revisions.revision_problems(
        frames["revisions"], frames["catalogue"]["id"], names["revisions"]
    )
    if problems:
        raise DataError(problems)
    folder.commit(data_dir, {FILES[key]: text.encode("utf-8") for key, text in texts.items()})
    logged = f"revised figures logged: {len(merge.revisions)}"
    return [*merge.report([*read_notices, *notices]), logged, f"wrote {', '.join(names.values())}"]


Existing = tuple[Settings, list[Record], list[Record], list[Record], dict[str, str], list[str], pd.DataFrame]


def _existing(data_dir: Path) -> Existing:
    """The data already there (it must pass ``check``), or empty tables for a first import."""
    first = not any((data_dir / FILES[key]).exists() for key in ("catalogue", "values"))
    try:
        settings, tables, names, notices = read_tables(data_dir)
    except DataError as error:
        if not first:
            raise
        # a first import creates catalogue.csv and values.csv: only other problems stop it
        other = [
            p for p in error.problems if "file not found" not in p.message or p.file.endswith("settings.yaml")
        ]
        if other:
            raise DataError(other) from None
        return (
            load_settings(data_dir / "settings.yaml"),
            [],
            [],
            [],
            {k: str(data_dir / n) for k, n in FILES.items()},
            [],
            pd.DataFrame(columns=list(revisions.COLUMNS), dtype=str),
        )
    problems = check_tables(settings, tables["catalogue"], tables["values"], tables["directions"], names)
    problems += revisions.revision_problems(
        tables["revisions"], tables["catalogue"]["id"], names["revisions"]
    )
    if problems:
        raise DataError(problems)
    records = {key: frame.to_dict("records") for key, frame in tables.items() if key != "revisions"}
    return (
        settings,
        records["catalogue"],
        records["values"],
        records["directions"],
        names,
        notices,
        tables["revisions"],
    )


def _csv_text(records: list[Record], columns: tuple[str, ...]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    writer.writerows({column: record.get(column, "") for column in columns} for record in records)
    return out.getvalue()
