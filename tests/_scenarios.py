"""Data folders the month's-story tests share: the shipped data as it stood in February, the March file
with a revised February figure, and April's data with March's narrative."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
from _render import RENDER_INPUTS

from scorecard.data.importer.importing import import_file
from scorecard.data.importer.wide_export import export_wide
from scorecard.data.load import load_data

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "data" / "raw" / "scorecard-2024-25.txt"
REVISED_ID, REVISED_PERIOD, OLD, NEW = "5", "2025-02", "912", "915"
# The shipped March 2025 pack's exceptions under the default rules, in catalogue order, worked from
# the export (tests/rules/test_exceptions.py shows the working).
MARCH_EXCEPTIONS = [
    "3",
    "9a",
    "19b",
    "19c",
    "23",
    "24",
    "27",
    "31",
    "35c",
    "37",
    "39",
    "47a",
    "55",
    "69",
    "73",
    "74",
]


def copy_data(target: Path) -> Path:
    shutil.copytree(ROOT / "data", target, ignore=shutil.ignore_patterns("raw", "dfe"))
    return target


def as_in_february(data_dir: Path) -> Path:
    """The shipped data with its March rows removed (values and the arrows, all March's)."""
    for name in ("values.csv", "published_direction.csv"):
        kept = pd.read_csv(data_dir / name, dtype=str, keep_default_na=False)
        kept[kept["period"] < "2025-03"].to_csv(data_dir / name, index=False, lineterminator="\n")
    return data_dir


def march_file_with_revision(folder: Path) -> Path:
    """The seed (the March 2025 file) with ID 5's February figure revised from 912 to 915."""
    rows = [line.split("\t") for line in SEED.read_text(encoding="utf-8").split("\n")]
    header = next(row for row in rows if row[0] == "ID")
    column = header.index("Feb-25")
    (row,) = [row for row in rows if row[0] == REVISED_ID]
    assert row[column] == OLD, row
    row[column] = NEW
    path = folder / "scorecard-2025-03.txt"
    path.write_text("\n".join("\t".join(r) for r in rows), encoding="utf-8")
    return path


def revision_scenario(folder: Path) -> tuple[Path, Path, list[str]]:
    """(the data as it stood in February, the data after the March import, the import's report)."""
    february = as_in_february(copy_data(folder / "february"))
    march = copy_data(folder / "march")
    as_in_february(march)
    report = import_file(march_file_with_revision(folder), march)
    return february, march, report


def project(folder: Path, data: Path) -> Path:
    """A project folder (what `quarto render` and `check` read) holding ``data`` as its data/."""
    for name in RENDER_INPUTS:
        source, target = (data if name == "data" else ROOT / name), folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, target)
    return folder


NEW_YEAR = [
    f"{year}-{month:02d}"
    for year, month in [(2025, m) for m in range(4, 13)] + [(2026, 1), (2026, 2), (2026, 3)]
]


def april_2025_file(data_dir: Path, folder: Path) -> Path:
    """The shipped data in the published layout, relabelled Apr-25..Mar-26, with only April filled:
    April 2025 repeats April 2024's published cells (a year on, the same month's real figures), ID 2
    carries a new year's target and ID 1 the arrow April's figure earns against March's."""
    wide = folder / "wide.txt"
    export_wide(load_data(data_dir), wide)
    labels = [pd.Period(p, freq="M").strftime("%b-%y") for p in NEW_YEAR]
    rows = []
    for row in (line.split("\t") for line in wide.read_text(encoding="utf-8").splitlines()):
        if row[0] == "ID":
            row = [*row[:2], *labels, *row[14:]]
        elif row[0]:
            row = [*row[:3], *[""] * 11, *row[14:16], ""]
            if row[0] == "2":
                row[14] = "92.0%"
            if row[0] == "1":
                row[16] = "▲"  # 628 in April against 435 in March
        rows.append(row)
    path = folder / "scorecard-2025-04.txt"
    path.write_text("\n".join("\t".join(row) for row in rows) + "\n", encoding="utf-8")
    return path
