"""data/rebases.csv, the baseline settings and the gaps inside a series, as check and the frame read them."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from _cli import run_scorecard

from scorecard.data.load import load_data
from scorecard.data.series_checks import gap_notes
from scorecard.data.settings import load_settings
from scorecard.rules.frame import build_scorecard
from scorecard.rules.spc.xmr import SERIES_BREAK, Rebase

REBASES = "id,from,reason\n17,2024-08,new recording system\n17,2024-12,threshold guidance changed\n"


def _without(data_dir: Path, ident: str, period: str) -> None:
    values = pd.read_csv(data_dir / "values.csv", dtype=str, keep_default_na=False)
    kept = values[~((values["id"] == ident) & (values["period"] == period))]
    kept.to_csv(data_dir / "values.csv", index=False, lineterminator="\n")


def test_rebases_are_read_and_each_starts_new_limits(tmp_data_dir: Path) -> None:
    (tmp_data_dir / "rebases.csv").write_text(REBASES + "84,2024-10,sickness reports rebuilt\n")
    data = load_data(tmp_data_dir)
    assert data.rebases is not None and list(data.rebases["id"]) == ["17", "17", "84"]
    sc = build_scorecard(data)
    assert sc.rebases["17"] == [
        Rebase("17", "2024-08", "new recording system"),
        Rebase("17", "2024-12", "threshold guidance changed"),
    ]
    assert sc.rebases["84"] == [Rebase("84", "2024-10", "sickness reports rebuilt")]  # its series break
    spc = sc.spc[sc.spc["id"] == "17"]
    assert list(spc["segment"]) == [1] * 4 + [2] * 4 + [3] * 4
    assert spc.groupby("segment")["mean"].nunique().eq(1).all() and spc["mean"].nunique() == 3
    # an earlier pack knows only the rebases up to its month
    assert build_scorecard(data, "2024-09").rebases["17"] == [Rebase("17", "2024-08", "new recording system")]


def test_without_rebases_csv_a_series_break_is_a_rebase(tmp_data_dir: Path) -> None:
    sc = build_scorecard(load_data(tmp_data_dir))
    assert load_data(tmp_data_dir).rebases is not None  # an empty frame: no file
    assert sc.rebases["84"] == [Rebase("84", "2024-10", SERIES_BREAK)]
    assert set(sc.spc.loc[sc.spc["id"] == "84", "segment"]) == {1, 2}


def test_baseline_from_the_catalogue_or_the_settings(tmp_data_dir: Path) -> None:
    settings = tmp_data_dir / "settings.yaml"
    settings.write_text(settings.read_text() + "spc_baseline: 12\nchart_months: all\n")
    loaded = load_settings(settings)
    assert (loaded.spc_baseline, loaded.chart_months) == (12, None)
    assert load_settings(Path("data/settings.yaml")).chart_months == 36


def test_check_notes_a_gap_and_passes(tmp_data_dir: Path) -> None:
    _without(tmp_data_dir, "5", "2024-09")
    result = run_scorecard("--data", str(tmp_data_dir), "check")
    assert result.returncode == 0, result.stderr
    notes = [line for line in result.stdout.splitlines() if line.startswith("note:")]
    assert notes == [
        f"note: {tmp_data_dir / 'values.csv'}: ID 5 has no row for 2024-09 (between 2024-08 and 2024-10); "
        "the SPC reads the series either side of the gap apart (no moving range, run or trend across it)"
    ]


def test_no_moving_range_or_run_crosses_a_removed_september(tmp_data_dir: Path) -> None:
    _without(tmp_data_dir, "5", "2024-09")
    spc = build_scorecard(load_data(tmp_data_dir)).spc
    five = spc[spc["id"] == "5"].reset_index(drop=True)
    values = five["value"].to_numpy()
    periods = list(five["period"])
    ranges = abs(pd.Series(values).diff()).to_numpy()[1:]
    kept = [r for r, p in zip(ranges, periods[1:], strict=True) if p != "2024-10"]  # Aug -> Oct is none
    kept = [r for r in kept if r < 3.267 * (sum(kept) / len(kept))]
    assert five["upper_limit"].iloc[0] == pytest.approx(values.mean() + 2.66 * sum(kept) / len(kept))


def test_gap_notes_by_frequency_and_status_rows_are_not_gaps() -> None:
    catalogue = pd.DataFrame({"id": ["1", "2", "3"], "frequency": ["monthly", "quarterly", "monthly"]})
    values = pd.DataFrame(
        {
            "id": ["1", "1", "1", "2", "2", "2", "3", "3", "3"],
            "period": [
                *("2024-01", "2024-02", "2024-05"),
                *("2024-03", "2024-06", "2024-12"),
                *("2024-01", "2024-02", "2024-03"),
            ],
            "value": [1.0, 2.0, 3.0, 1.0, 2.0, 3.0, 1.0, float("nan"), 3.0],  # ID 3's February: NYC
        }
    )
    notes = gap_notes(catalogue, values)
    assert [note.split(" (")[0] for note in notes] == [
        "note: values.csv: ID 1 has no row for 2024-03, 2024-04",
        "note: values.csv: ID 2 has no row for 2024-09",
    ]
