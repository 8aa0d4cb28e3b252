"""The analyst's year, month by month: each month-end file imported in turn gives that month's pack.

From the seed (the year-end file, Apr-24..Mar-25) the test builds the twelve files the analyst had at
each month end: the same layout with the financial year's twelve month columns, the months after the
file's month blank, quarterly figures in the column where the seed publishes them (the August file
has the Q2 audit figures under Aug-24), and no arrows before March (the seed publishes only March's).
Each is imported in turn into an empty data folder, on the date the analyst would run it (early the
next month), and the pack it gives is compared with the year-end data's pack for that month.

Then the year turns: an April 2025 file whose columns run Apr-25..Mar-26, with only April filled.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from _scenarios import april_2025_file
from test_roundtrip import SHIFTED

from scorecard.cells import parse_cell
from scorecard.data import cross_file_checks
from scorecard.data.importer.importing import import_file
from scorecard.data.load import load_data
from scorecard.model import ScorecardData
from scorecard.pack.parts.key.notes import data_notes
from scorecard.rules.frame import build_scorecard

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "data"
MONTHS = [
    f"{year}-{month:02d}"
    for year, month in [(2024, m) for m in range(4, 13)] + [(2025, 1), (2025, 2), (2025, 3)]
]
JUDGEMENTS = ("unit", "polarity", "basis", "decimals", "notes", "series_break")
ID = re.compile(r"\d+[a-z]?")


def next_month(period: str) -> str:
    return str(pd.Period(period, freq="M") + 1)


def seed_rows(seed: Path) -> list[list[str]]:
    return [line.split("\t") for line in seed.read_text(encoding="utf-8").split("\n")]


def month_cells(row: list[str]) -> tuple[int, int]:
    """Where a seed row's twelve month cells start, and where its arrow is (read off the seed)."""
    start = 3 if row[0] in SHIFTED else 2
    return start, start + 12 + 2


def is_indicator(row: list[str]) -> bool:
    return bool(ID.fullmatch(row[0])) and len(row) > 10


def month_end_file(seed: Path, month: str, folder: Path) -> Path:
    """The file the analyst had at the end of ``month``: later months blank, that month's arrows only."""
    if month == MONTHS[-1]:
        return seed  # the year-end file is the seed itself
    shown = MONTHS.index(month) + 1
    rows = []
    for row in seed_rows(seed):
        if is_indicator(row):
            row = list(row)
            start, arrow = month_cells(row)
            row[start + shown : start + 12] = [""] * (12 - shown)
            row[arrow] = ""  # the seed has March's arrows only
        rows.append(row)
    path = folder / f"scorecard-{month}.txt"
    path.write_text("\n".join("\t".join(row) for row in rows), encoding="utf-8")
    return path


def apply_judgements(data_dir: Path) -> None:
    """What the analyst reviews after the first import: the shipped catalogue's judgements."""
    with (SHIPPED / "catalogue.csv").open(encoding="utf-8", newline="") as stream:
        shipped = {row["id"]: row for row in csv.DictReader(stream)}
    path = data_dir / "catalogue.csv"
    with path.open(encoding="utf-8", newline="") as stream:
        reader = csv.DictReader(stream)
        columns, rows = reader.fieldnames, list(reader)
    for row in rows:
        row.update({column: shipped[row["id"]][column] for column in JUDGEMENTS})
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def without_numbers(seed: Path, month: str) -> set[str]:
    """IDs with no number in the seed's columns up to ``month``, read off the seed independently of the
    importer (quarterly numbers count from their quarter end, where the importer files them)."""
    shown = MONTHS.index(month) + 1
    found = set()
    for row in seed_rows(seed):
        if not is_indicator(row):
            continue
        start, _ = month_cells(row)
        numbers = [
            n for n, text in enumerate(row[start : start + 12]) if text and parse_cell(text).value is not None
        ]
        if row[0] in {str(i) for i in range(59, 68)}:
            numbers = [n // 3 * 3 + 2 for n in numbers]  # Apr-Jun -> Jun, Jul-Sep -> Sep, ...
        if not any(n < shown for n in numbers):
            found.add(row[0])
    return found


def assert_same_pack(replayed: ScorecardData, shipped: ScorecardData, month: str) -> None:
    mine, year_end = build_scorecard(replayed), build_scorecard(shipped, month)
    assert (mine.period, mine.periods) == (year_end.period, year_end.periods)
    pd.testing.assert_frame_equal(mine.indicators, year_end.indicators)
    pd.testing.assert_frame_equal(mine.history, year_end.history)
    pd.testing.assert_frame_equal(mine.spc.reset_index(drop=True), year_end.spc.reset_index(drop=True))


@pytest.fixture(scope="module")
def shipped() -> ScorecardData:
    return load_data(SHIPPED)


def test_the_year_month_by_month(
    seed_path: Path,
    empty_data_dir: Path,
    tmp_path: Path,
    shipped: ScorecardData,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for month in MONTHS:
        # The analyst imports in the first days of the next month: later columns are still to come.
        monkeypatch.setattr(cross_file_checks, "this_month", lambda month=month: next_month(month))
        report = import_file(month_end_file(seed_path, month, tmp_path), empty_data_dir)
        if month == MONTHS[0]:
            apply_judgements(empty_data_dir)
        replayed = load_data(empty_data_dir)  # passes every check, indicators with no values yet included
        assert replayed.latest_period == month, f"the {month} file makes a {replayed.latest_period} pack"
        assert (
            f"pack month: {month} (the latest month with monthly figures; make report builds this "
            "month's pack)" in report
        )
        assert_same_pack(replayed, shipped, month)
        notes = data_notes(build_scorecard(replayed))
        listed = set(re.findall(r"\*\*ID (\w+)\*\*: no values yet", notes))
        assert listed == without_numbers(seed_path, month), month
    for name in ("catalogue.csv", "values.csv", "published_direction.csv"):  # the year ends as shipped
        assert (empty_data_dir / name).read_bytes() == (SHIPPED / name).read_bytes(), name


def test_august_files_the_q2_audits_on_september_but_reports_august(
    seed_path: Path, tmp_data_dir: Path, tmp_path: Path
) -> None:
    """The issue's own case, on the shipped data cut back to the end of August."""
    august = month_end_file(seed_path, "2024-08", tmp_path)
    for name in ("values.csv", "published_direction.csv"):
        kept = pd.read_csv(tmp_data_dir / name, dtype=str, keep_default_na=False)
        kept[kept["period"] <= "2024-08"].to_csv(tmp_data_dir / name, index=False, lineterminator="\n")
    import_file(august, tmp_data_dir)
    data = load_data(tmp_data_dir)
    assert data.periods[-1] == "2024-09"  # ID 59-62's Q2 figures, published under Aug-24
    assert set(data.values.loc[data.values["period"] == "2024-09", "id"]) == {
        "59",
        "60",
        "61",
        "62",
        "63",
        "64",
        "65",
        "66",
        "67",
    }
    sc = build_scorecard(data)
    assert sc.period == "2024-08" and sc.periods[-1] == "2024-08"
    assert sc.indicators["value"].notna().sum() > 60  # the monthly indicators are not blank
    assert build_scorecard(data, "2024-09").period == "2024-09"  # still there when asked for


# --- the year turns ---------------------------------------------------------------------------------


def test_the_year_turns(
    tmp_data_dir: Path, tmp_path: Path, shipped: ScorecardData, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cross_file_checks, "this_month", lambda: "2025-05")
    report = import_file(april_2025_file(tmp_data_dir, tmp_path), tmp_data_dir)
    assert "added periods: 2025-04" in report
    assert "  ID 2 target: '90.0%' -> '92.0%'" in report  # a new year's target is reported
    data = load_data(tmp_data_dir)
    assert data.periods == [*MONTHS, "2025-04"] and data.latest_period == "2025-04"  # the history grows
    sc = build_scorecard(data)
    assert sc.period == "2025-04"
    assert sc.periods == [*MONTHS[1:], "2025-04"]  # the 12 months May-24..Apr-25

    # Direction of travel: April against the latest earlier month with a number (March, mostly).
    numbers = data.values.dropna(subset=["value"])
    april = numbers[numbers["period"] == "2025-04"].set_index("id")["value"]
    ind = sc.indicators.set_index("id")
    for ident, value in april.items():
        earlier = numbers[(numbers["id"] == ident) & (numbers["period"] < "2025-04")]
        if ident == "84" or earlier.empty:
            continue  # 84: the series break of Oct-24 has earlier numbers; checked below
        previous = earlier.iloc[-1]
        decimals = int(data.catalogue.set_index("id").loc[ident, "decimals"])
        move = np.sign(round(value, decimals) - round(previous["value"], decimals))
        assert ind.loc[ident, "previous_period"] == previous["period"], ident
        assert ind.loc[ident, "direction"] == {1: "up", -1: "down", 0: "same"}[move], ident
    assert (ind.loc[april.index, "previous_period"] == "2025-03").sum() >= 60
    assert ind.loc["38a", ["previous_period", "direction"]].tolist() == ["2025-02", "up"]  # March NYC
    assert ind.loc["1", ["previous_period", "direction", "published_direction"]].tolist() == [
        "2025-03",
        "up",
        "up",
    ]
    published = pd.read_csv(tmp_data_dir / "published_direction.csv", dtype=str)
    assert published[published["id"] == "1"]["period"].tolist() == ["2025-03", "2025-04"]

    # SPC on the whole history, by the package's rules: 13 points, limits from all of them.
    spc = sc.spc[sc.spc["id"] == "5"]
    history = numbers[numbers["id"] == "5"]["value"].to_numpy()
    assert spc["period"].tolist() == [*MONTHS, "2025-04"] and len(history) == 13
    assert spc["mean"].iloc[-1] == pytest.approx(history.mean())
    ranges = np.abs(np.diff(history))
    ranges = ranges[ranges < 3.267 * ranges.mean()]
    assert spc["upper_limit"].iloc[-1] == pytest.approx(history.mean() + 2.66 * ranges.mean())
    assert ind.loc["5", "variation"] != "too_few_points"
    # ...and from its series break on for 84: Oct-24..Apr-25 is 7 points, too few to judge.
    sickness = sc.spc[sc.spc["id"] == "84"]
    after_break = numbers[(numbers["id"] == "84") & (numbers["period"] >= "2024-10")]["value"]
    assert sickness["mean"].iloc[-1] == pytest.approx(after_break.mean())
    assert ind.loc["84", "variation"] == "too_few_points"

    # Last year's packs are rebuilt as they were, the new target aside (one target per indicator).
    march = build_scorecard(data, "2025-03").indicators.set_index("id")
    before = build_scorecard(shipped, "2025-03").indicators.set_index("id")
    same = march.index != "2"
    pd.testing.assert_frame_equal(march[same], before[same])
    assert march.loc["2", "target"] == "92.0%"
