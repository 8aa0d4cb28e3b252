"""``data/revisions.csv``: the log of every published figure an import changed, and the data as it
stood before a pack's imports.

Children's services figures are often revised a month later (recording is late). The board reads last
month's pack with last month's figures, so each import records what it changed in an earlier month:
one row per cell, ``id, period, old, new, when, file, pack_month``. ``old`` and ``new`` are the cell as
published (``912``, ``67% (4)``, ``NYC``); ``old`` is blank where nothing was published before (a late
figure). ``pack_month`` is the pack the import was for (the data's pack month once it was in): a
pack's "Since the last pack" lists the revisions logged for it. The log only grows; it is written with
the other data files in the import's one write.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
from collections.abc import Iterable
from dataclasses import dataclass, replace

import pandas as pd
import pandera.pandas as pa

from scorecard.cells import EXPECTED as CELL_EXPECTED
from scorecard.cells import PUBLISHED_STATUS, CellError, parse_cell, published_text
from scorecard.data.validate import ID_CHECK, PERIOD_CHECK, element_check, schema_problems
from scorecard.model import ScorecardData, Status
from scorecard.problems import Problem

FILE = "revisions.csv"
COLUMNS = ("id", "period", "old", "new", "when", "file", "pack_month")


@dataclass(frozen=True)
class Revision:
    """One cell an import changed: ``old`` -> ``new`` as published (``old`` "" for a late figure)."""

    id: str
    period: str
    old: str
    new: str
    file: str = ""  # the file that made the change (the log's; the latest one's when merged)
    when: str = ""


def cell_text(record: dict[str, str], unit: str, decimals: int) -> str:
    """A values.csv row as the scorecard publishes it: its raw text, else written from the number (a
    hand-added row has no raw text), else its status's published word."""
    if record.get("raw"):
        return record["raw"]
    if record.get("value"):
        count = int(record["count"]) if record.get("count") else None
        return published_text(float(record["value"]), unit, decimals, count)
    return PUBLISHED_STATUS.get(Status(record.get("status", "")), "")


def _text(*checks: pa.Check) -> pa.Column:
    return pa.Column(str, list(checks), nullable=False)


SCHEMA = pa.DataFrameSchema(
    {
        "id": _text(ID_CHECK),
        "period": _text(PERIOD_CHECK),
        "old": _text(
            element_check(parse_cell, CellError, f"unreadable old figure; {CELL_EXPECTED}, or blank")
        ),
        "new": _text(element_check(parse_cell, CellError, f"unreadable new figure; {CELL_EXPECTED}")),
        "when": _text(
            element_check(
                dt.datetime.fromisoformat,
                ValueError,
                "not a date and time; expected YYYY-MM-DDTHH:MM:SS, as the import writes",
            )
        ),
        "file": _text(),
        "pack_month": _text(PERIOD_CHECK),
    },
    strict=True,
)


def revision_problems(frame: pd.DataFrame, ids: Iterable[str], file: str) -> list[Problem]:
    """Every problem of the log read as an all-text frame (``load.parse_csv``)."""
    problems = schema_problems(SCHEMA, frame, file)
    known = set(ids)
    if "id" in frame.columns:
        for row, ident in zip(frame.index, frame["id"], strict=True):
            if ident not in known:
                message = "indicator not in catalogue.csv; expected an id the catalogue has"
                problems.append(Problem(file, row, "id", ident, message))
    if "new" in frame.columns:
        for row, new in zip(frame.index, frame["new"], strict=True):
            if not new.strip():
                message = "blank new figure; expected the figure the import wrote"
                problems.append(Problem(file, row, "new", new, message))
    return problems


def empty() -> pd.DataFrame:
    """A log with no rows yet (a first import, or a new council's pack)."""
    return pd.DataFrame(columns=list(COLUMNS), dtype=str)


def logged(existing: pd.DataFrame, revisions: Iterable[Revision], when: str, pack_month: str) -> str:
    """The log's text with one import's revisions (each naming the file it came from) added after the
    rows already there."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(existing.loc[:, list(COLUMNS)].itertuples(index=False, name=None))
    writer.writerows((r.id, r.period, r.old, r.new, when, r.file, pack_month) for r in revisions)
    return out.getvalue()


def now() -> str:
    """The import's time as the log records it (local time, to the second). ``SOURCE_DATE_EPOCH`` (the
    reproducible-builds convention, seconds since 1970) fixes it, so a repeated import writes the
    same bytes."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    moment = dt.datetime.fromtimestamp(int(epoch)) if epoch.isdigit() else dt.datetime.now()
    return moment.isoformat(timespec="seconds")


def for_pack(data: ScorecardData, pack_month: str) -> list[Revision]:
    """The revisions logged for ``pack_month``'s pack, of months before it, in the order logged.

    A figure revised twice for the same pack appears once, from the first old to the last new.
    """
    log = data.revisions
    if log is None or len(log) == 0:
        return []
    rows = log[(log["pack_month"] == pack_month) & (log["period"] < pack_month)]
    merged: dict[tuple[str, str], Revision] = {}
    columns = (rows[c] for c in ("id", "period", "old", "new", "file", "when"))
    for ident, period, old, new, file, when in zip(*columns, strict=True):
        first = merged.get((ident, period))
        merged[(ident, period)] = Revision(ident, period, first.old if first else old, new, file, when)
    return [r for r in merged.values() if r.old != r.new]


def as_issued(data: ScorecardData, pack_month: str) -> ScorecardData:
    """The data as it stood before the imports for ``pack_month``'s pack: each of its revisions undone
    (a late figure removed), so the previous pack is rebuilt with the figures the board was shown."""
    revisions = for_pack(data, pack_month)
    if not revisions:
        return data
    values = data.values.copy()
    late = []
    for revision in revisions:
        at = values.index[(values["id"] == revision.id) & (values["period"] == revision.period)]
        cell = parse_cell(revision.old)
        if cell is None:
            late += list(at)
            continue
        values.loc[at, "value"] = float("nan") if cell.value is None else cell.value
        values.loc[at, "status"] = str(cell.status)
        values.loc[at, "count"] = pd.NA if cell.count is None else cell.count
        values.loc[at, "raw"] = revision.old
    return replace(data, values=values.drop(index=late).reset_index(drop=True))
