"""The benchmarks as the board reads them: a section table's cell, the grid, the notes, the export."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest

from scorecard.data import load_data
from scorecard.model import ScorecardData
from scorecard.pack.parts.benchmarks import benchmark_grid, cells, computed_lines
from scorecard.pack.parts.key.benchmark_notes import notes
from scorecard.rules import Scorecard, build_scorecard, export_frame

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def shipped() -> ScorecardData:
    return load_data(ROOT / "data")


def _with(data: ScorecardData, ident: str, **changes: object) -> Scorecard:
    """The March 2025 pack with one indicator's DfE rows changed."""
    assert data.benchmarks is not None
    frame = data.benchmarks.copy()
    for column, value in changes.items():
        frame.loc[frame["id"] == ident, column] = value
    return build_scorecard(replace(data, benchmarks=frame))


def test_a_cell_says_england_region_neighbours_and_rank_one_a_line(shipped: ScorecardData) -> None:
    sc = build_scorecard(shipped)
    heading, texts, markups = cells(sc, sc.section("early-help"))
    row = list(sc.section("early-help")["id"]).index("10")
    assert heading == "DfE 2023/24"
    assert texts[row].split("\n") == ["Eng 22.4%", "NW 21.2%", "SN 19.6% (9 of 10)", "25 of 149 · A"]
    assert markups[row] == "Eng 22.4%<br>NW 21.2%<br>SN 19.6% (9 of 10)<br>25 of 149 · A"
    assert texts[list(sc.section("early-help")["id"]).index("1")] == "—"


def test_a_suppressed_own_figure_is_shown_as_suppressed_with_no_rank(shipped: ScorecardData) -> None:
    sc = _with(shipped, "39", own="c", own_value=float("nan"), rank=pd.NA, band="")
    lines = computed_lines(sc.benchmarks.loc["39"], "percent", "2023/24")
    assert lines[-1] == "ours c (suppressed)"
    grid = benchmark_grid(sc)
    assert grid is not None and "39 (ours c (suppressed))" in grid.not_banded


def test_a_figure_for_another_year_than_the_heading_names_it(shipped: ScorecardData) -> None:
    sc = build_scorecard(shipped)
    heading, texts, _ = cells(sc, sc.section("workforce"))
    assert heading == "DfE Sep 2024" and texts[-3].startswith("Eng 13.9%\nNW 15.5%")  # 82
    lines = computed_lines(sc.benchmarks.loc["82"], "percent", "2023/24")
    assert lines[-1] == "(Sep 2024)"


def test_typed_benchmarks_without_a_measure_are_marked_entered(shipped: ScorecardData) -> None:
    sc = build_scorecard(shipped)
    _, texts, _ = cells(sc, sc.section("social-work-practice"))
    assert texts[list(sc.section("social-work-practice")["id"]).index("19a")] == "SN 87% (entered)"


def test_the_grid_counts_each_banded_indicator_once(shipped: ScorecardData) -> None:
    sc = build_scorecard(shipped)
    grid = benchmark_grid(sc)
    assert grid is not None
    counts = grid.frame.iloc[-1, 1:].astype(int)
    banded = sc.benchmarks[sc.benchmarks["band"] != ""]
    assert counts.sum() == len(banded) == 15
    assert list(counts) == [int((banded["band"] == b).sum()) for b in "ABCD"]
    cells_text = ", ".join(grid.frame.iloc[:-1, 1:].to_numpy().ravel())
    assert sorted(i for i in cells_text.replace("—", "").replace(" ", "").split(",") if i) == sorted(
        banded["id"]
    )
    assert grid.years == ["2023/24", "Sep 2024"] and grid.model == "2021"


def test_the_notes_list_each_typed_benchmark_that_differs_with_both_figures(shipped: ScorecardData) -> None:
    said = "\n".join(notes(build_scorecard(shipped)))
    assert "7 of 9 typed in the catalogue are reproduced" in said
    assert (
        "ID 10 SN av: typed 19%, computed 19.6%" in said and "ID 17 SN av: typed 38r, computed 37.4" in said
    )
    assert "Open Government Licence v3.0" in said and "2021 statistical neighbour model" in said


def test_the_export_carries_every_benchmark_column(shipped: ScorecardData) -> None:
    frame = export_frame(build_scorecard(shipped)).set_index("id")
    assert frame.loc["10", "dfe_year"] == "2023/24" and frame.loc["10", "dfe_band"] == "A"
    assert frame.loc["10", "dfe_rank"] == 25 and frame.loc["10", "dfe_councils_ranked"] == 149
    assert frame.loc["10", "dfe_source"].endswith(
        "c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv, rereferral_percent"
    )
    assert frame.loc["1", "dfe_measure"] == "" and pd.isna(frame.loc["1", "dfe_rank"])
