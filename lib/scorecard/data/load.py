"""Read ``data/`` and validate it: every problem of every file in one ``DataError``."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from scorecard.data import accountability as accounts
from scorecard.data.benchmark_data import (
    BENCHMARK_COLUMNS,
    BENCHMARKS_FILE,
    benchmark_problems,
    typed_benchmarks,
)
from scorecard.data.files import Snapshot, read_files
from scorecard.data.revisions import COLUMNS as REVISION_COLUMNS
from scorecard.data.revisions import FILE as REVISIONS
from scorecard.data.revisions import revision_problems
from scorecard.data.settings import load_settings
from scorecard.data.textfiles import csv_rows, decode
from scorecard.data.validate import DIRECTION_COLUMNS, RATING_COLUMNS, check_tables
from scorecard.fields import (
    CATALOGUE_COLUMNS,
    OPTIONAL_CATALOGUE_COLUMNS,
    OPTIONAL_VALUE_COLUMNS,
    REBASE_COLUMNS,
    VALUE_COLUMNS,
)
from scorecard.model import ScorecardData, Settings, frequency_of_basis
from scorecard.problems import DataError, Problem

FILES = {
    "catalogue": "catalogue.csv",
    "values": "values.csv",
    "directions": "published_direction.csv",
    "revisions": REVISIONS,
    "ratings": "published_rating.csv",
    "benchmarks": BENCHMARKS_FILE,
    "rebases": "rebases.csv",
    "commentary": accounts.COMMENTARY,
    "actions": accounts.ACTIONS,
}
COLUMNS = {
    "catalogue": CATALOGUE_COLUMNS,
    "values": VALUE_COLUMNS,
    "directions": DIRECTION_COLUMNS,
    "ratings": RATING_COLUMNS,
    "revisions": REVISION_COLUMNS,
    "benchmarks": BENCHMARK_COLUMNS,
    "rebases": REBASE_COLUMNS,
    "commentary": accounts.COMMENTARY_COLUMNS,
    "actions": accounts.ACTION_COLUMNS,
}
# Columns an older file may lack: read as blank, written by the next import. The catalogue's
# frequency is then read from its basis.
OPTIONAL = {
    "catalogue": OPTIONAL_CATALOGUE_COLUMNS,
    "values": OPTIONAL_VALUE_COLUMNS,
    "actions": accounts.OPTIONAL_ACTION_COLUMNS,
}
# Hand-made data has no published arrows or ratings, and no import log yet; benchmarks are optional,
# and few series are rebased; a pack has no commentary from a file, and no action log, until the
# first is imported or added.
OPTIONAL_FILES = ("directions", "ratings", "revisions", "benchmarks", "rebases", "commentary", "actions")


def parse_csv(
    text: str, file: str, columns: tuple[str, ...], optional: tuple[str, ...] = ()
) -> tuple[pd.DataFrame, list[Problem]]:
    """CSV text -> all-text frame indexed by the row number an analyst sees (header = 1).

    ``optional`` columns may be missing from the header; they are then blank in every row.
    """
    numbered, problems = csv_rows(text, file)
    if problems:
        return pd.DataFrame(columns=list(columns), dtype=str), problems
    rows = [cells for _, cells in numbered]
    if not rows:
        return pd.DataFrame(columns=list(columns), dtype=str), [
            Problem(file, 1, "-", "", f"empty file; expected a header row: {','.join(columns)}")
        ]
    header, problems, records, numbers = [cell.strip() for cell in rows[0]], [], [], []
    absent = [column for column in optional if column not in header]
    if sorted(header) != sorted(set(columns) - set(absent)) or len(header) != len(set(header)):
        # rows cannot be read against a wrong header: say that once
        problems = _header_problems(header, columns, file, optional)
        return pd.DataFrame(columns=list(columns), dtype=str), problems
    for number, cells in numbered[1:]:
        if not any(cell.strip() for cell in cells):
            continue  # Excel leaves blank lines at the end
        if len(cells) != len(header):
            problems.append(
                Problem(
                    file,
                    number,
                    "-",
                    ",".join(cells)[:60],
                    f"row has {len(cells)} cells; "
                    f"expected {len(header)} like the header (a comma inside a cell needs quotes)",
                )
            )
            continue
        records.append([cell.strip() for cell in cells])
        numbers.append(number)
    frame = pd.DataFrame(records, columns=header, index=pd.Index(numbers, dtype="int64"), dtype=str)
    for column in absent:
        frame[column] = frame["basis"].map(frequency_of_basis) if column == "frequency" else ""
    return frame, problems


def _header_problems(
    header: list[str], columns: tuple[str, ...], file: str, optional: tuple[str, ...] = ()
) -> list[Problem]:
    required = [column for column in columns if column not in optional]
    expected = f"expected exactly the columns {', '.join(required)}"
    if optional:
        expected += f" (and, optionally, {', '.join(optional)})"
    problems = [
        Problem(file, 1, name or "(blank)", name, f"unexpected column; {expected}")
        for name in header
        if name not in columns
    ]
    problems += [
        Problem(file, 1, name, "", f"missing column; {expected}") for name in required if name not in header
    ]
    problems += [
        Problem(file, 1, name, name, f"column repeated; {expected}")
        for n, name in enumerate(header)
        if name in columns and name in header[:n]
    ]
    return problems


Tables = tuple[Settings, dict[str, pd.DataFrame], dict[str, str], list[str]]


def read_tables(data_dir: Path, snapshot: Snapshot | None = None) -> Tables:
    """The settings, the three CSVs as text frames, their file names and the notices on how they were
    read (a CSV saved by Excel as Windows-1252); ``DataError`` for unreadable files.

    ``snapshot``: the folder's bytes, already read (``folder.read_files``); else they are read here,
    all at once under the folder's shared lock, so every file comes from one state of the folder."""
    if not data_dir.is_dir():
        what = "is a file" if data_dir.exists() else "folder not found"
        message = (
            f"{what}; expected the data folder holding settings.yaml, catalogue.csv and "
            "values.csv (run from the project folder, or pass --data FOLDER)"
        )
        raise DataError([Problem(str(data_dir), "-", "--data", str(data_dir), message)])
    if snapshot is None:
        snapshot = read_files(data_dir)
    problems: list[Problem] = []
    settings: Settings | None = None
    try:
        settings = load_settings(data_dir / "settings.yaml", snapshot.files.get("settings.yaml"))
    except DataError as error:
        problems += error.problems
    tables, names, notices = {}, {}, []
    for key, name in FILES.items():
        path = data_dir / name
        names[key] = str(path)
        tables[key] = pd.DataFrame(columns=list(COLUMNS[key]), dtype=str)
        if key in OPTIONAL_FILES and path.name not in snapshot.files:
            continue
        content, reading = _content(snapshot, path, _EXPECTED[key])
        if not reading:
            text, reading, notice = decode(content, str(path))
            if notice:
                notices.append(f"{path}: {notice} (the next import writes it back as UTF-8)")
        if not reading:
            tables[key], reading = parse_csv(text, str(path), COLUMNS[key], OPTIONAL.get(key, ()))
        problems += reading
    if problems or settings is None:
        raise DataError(problems)
    return settings, tables, names, notices


def _content(snapshot: Snapshot, path: Path, expected: str) -> tuple[bytes, list[Problem]]:
    """A file's bytes from the snapshot, or a problem saying why it is not there."""
    if path.name in snapshot.files:
        return snapshot.files[path.name], []
    what = "is a folder, not a file" if path.is_dir() else "file not found"
    return b"", [Problem(str(path), 1, "-", path.name, f"{what}; expected {expected}")]


_EXPECTED = {
    "catalogue": "the indicator catalogue (create it with: python -m scorecard import FILE)",
    "values": "the monthly values (create it with: python -m scorecard import FILE)",
    "directions": "the published arrows",
    "revisions": "the revisions log the import writes",
    "ratings": "the published RAG ratings",
    "benchmarks": "the benchmarks (python -m scorecard benchmarks FILE... computes them)",
    "rebases": "the SPC rebases",
    "commentary": "the commentary imported from a council's file",
    "actions": "the action log",
}


def check_data(
    data_dir: Path, snapshot: Snapshot | None = None
) -> tuple[Settings, dict[str, pd.DataFrame], list[str]]:
    """The settings, the all-text tables and the read notices, once every check passes (``DataError``)."""
    settings, tables, names, notices = read_tables(data_dir, snapshot)
    problems = check_tables(settings, tables, names)
    if "id" in tables["catalogue"].columns:
        problems += revision_problems(tables["revisions"], tables["catalogue"]["id"], names["revisions"])
        problems += _benchmark_problems(settings, tables, names["benchmarks"])
        problems += account_problems(tables, names)
    if problems:
        raise DataError(problems)
    return settings, tables, notices


def _benchmark_problems(settings: Settings, tables: dict[str, pd.DataFrame], file: str) -> list[Problem]:
    """benchmarks.csv's problems, and a settings year it does not hold (none without the file)."""
    frame = tables["benchmarks"]
    if not len(frame):
        return []
    problems = benchmark_problems(frame, file, tables["catalogue"]["id"], settings.la_code)
    years = sorted(set(frame["time_period"]))
    if settings.benchmark_year and settings.benchmark_year not in years:
        message = (
            f"not a year {file} holds ({', '.join(years)}); expected one of them, or run "
            "python -m scorecard benchmarks with the DfE files of that year"
        )
        problems.append(Problem("settings.yaml", "-", "benchmarks.year", settings.benchmark_year, message))
    return problems


def account_problems(tables: dict[str, pd.DataFrame], names: dict[str, str]) -> list[Problem]:
    """The problems of the commentary kept from files and of the action log, against the catalogue."""
    ids = tables["catalogue"]["id"]
    return [
        *accounts.commentary_problems(tables["commentary"], ids, names["commentary"]),
        *accounts.action_problems(tables["actions"], ids, names["actions"]),
    ]


def typed_catalogue(frame: pd.DataFrame) -> pd.DataFrame:
    """The checked all-text catalogue with the contract's columns, ``decimals`` as int."""
    catalogue = frame.loc[:, list(CATALOGUE_COLUMNS)].reset_index(drop=True).astype(object)
    catalogue["decimals"] = catalogue["decimals"].astype(int)
    return catalogue


def typed_values(frame: pd.DataFrame, catalogue: pd.DataFrame) -> pd.DataFrame:
    """The checked all-text values as numbers, in catalogue order, then by period."""
    values = frame.loc[:, list(VALUE_COLUMNS)].astype(object)
    for column in ("value", "numerator", "denominator"):
        values[column] = pd.to_numeric(values[column].replace("", None), errors="raise").astype(float)
    values["count"] = pd.to_numeric(values["count"].replace("", None)).astype("Int64")
    order = {indicator: n for n, indicator in enumerate(catalogue["id"])}
    values = values.assign(_order=values["id"].map(order)).sort_values(["_order", "period"], kind="stable")
    return values.drop(columns="_order").reset_index(drop=True)


def load_data(data_dir: Path, snapshot: Snapshot | None = None) -> ScorecardData:
    """Read and validate everything in ``data_dir`` (or in ``snapshot``, its bytes read once); raise
    ``DataError`` listing every problem."""
    settings, tables, notices = check_data(data_dir, snapshot)
    catalogue = typed_catalogue(tables["catalogue"])
    values = typed_values(tables["values"], catalogue)
    return ScorecardData(
        settings,
        catalogue,
        values,
        published_direction=_directions(tables["directions"]),
        notices=tuple(notices),
        revisions=tables["revisions"].loc[:, list(REVISION_COLUMNS)].reset_index(drop=True),
        published_rating=tables["ratings"].loc[:, list(RATING_COLUMNS)].reset_index(drop=True).astype(object),
        benchmarks=typed_benchmarks(tables["benchmarks"]) if len(tables["benchmarks"]) else None,
        rebases=tables["rebases"].loc[:, list(REBASE_COLUMNS)].reset_index(drop=True).astype(object),
        commentary=tables["commentary"].loc[:, list(accounts.COMMENTARY_COLUMNS)],
        actions=tables["actions"].loc[:, list(accounts.ACTION_COLUMNS)],
    )


def _directions(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.loc[:, list(DIRECTION_COLUMNS)].reset_index(drop=True).astype(object)
