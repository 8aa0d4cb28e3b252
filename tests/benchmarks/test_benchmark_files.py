"""The DfE files in the project (data/dfe/) read and turned into one council's benchmarks."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pandas as pd
import pytest

from scorecard.data.benchmarks.compute import Computed, Indicator, compute
from scorecard.data.benchmarks.ees import NOT_EES
from scorecard.data.benchmarks.measures import LIBRARY
from scorecard.data.benchmarks.reading import Statistics, read_statistics

DFE = Path(__file__).resolve().parents[2] / "data" / "dfe"
HIGH, LOW, BAND = "higher_is_better", "lower_is_better", "within_band"


@pytest.fixture(scope="module")
def statistics() -> Statistics:
    return read_statistics(sorted(DFE.glob("*.csv")))


def _rows(computed: Computed, ident: str, period: str, model: str) -> dict[str, str]:
    (row,) = [
        r
        for r in computed.rows
        if r["id"] == ident and r["time_period"] == period and r["neighbour_model"] == model
    ]
    return row


def test_every_shipped_file_is_read_as_what_its_columns_say(statistics: Statistics) -> None:
    assert statistics.problems == []
    assert sorted(m.model for m in statistics.models) == ["2021", "2025"]
    assert len(statistics.files) == len(list(DFE.glob("*.csv"))) - 2


def test_a_csv_that_is_not_ees_tidy_data_is_one_problem(tmp_path: Path) -> None:
    other = tmp_path / "scorecard.csv"
    other.write_text("ID,Indicator,Apr-24\n1,Referrals,628\n")
    found = read_statistics([other])
    assert [(p.file, p.message) for p in found.problems] == [(str(other), NOT_EES)]


# The seed's typed SN averages (catalogue.csv, sn_average) and the neighbours' average of 2023/24
# (the year published by March 2025) in the model in force then (2021), worked out by hand from the
# published figures.
SEED = [
    ("39", "health_assessments", HIGH, "85%", 85.3, 10),
    ("40", "dental_checks", HIGH, "75%", 74.8, 10),
    ("47a", "care_leavers_eet_17_18", HIGH, "66%", 65.8, 10),
    ("47b", "care_leavers_suitable_17_18", HIGH, "87%", 86.625, 8),
    ("48a", "care_leavers_eet_19_21", HIGH, "56%", 55.7, 10),
    ("48b", "care_leavers_suitable_19_21", HIGH, "87%", 87.3, 10),
    ("18", "cla_rate", BAND, "64r", 63.9, 10),
    ("10", "rereferrals_percent", LOW, "19%", 19.5667, 9),
    ("17", "cp_rate", BAND, "38r", 37.4333, 9),
]


def test_the_seed_s_neighbour_averages_are_reproduced_or_differ_as_listed(statistics: Statistics) -> None:
    indicators = [Indicator(i, m, p, n) for n, (i, m, p, *_) in enumerate(SEED, start=2)]
    computed = compute(statistics.files, statistics.models, "895", indicators, LIBRARY)
    assert computed.problems == []
    reproduced = []
    for ident, _, _, typed, average, with_figure in SEED:
        row = _rows(computed, ident, "2024", "2021")
        assert float(row["neighbour_average"]) == pytest.approx(average, abs=1e-4)
        assert int(row["neighbours_with_figure"]) == with_figure
        decimals = len(typed.rstrip("%r").partition(".")[2])
        if f"{float(row['neighbour_average']):.{decimals}f}" == typed.rstrip("%r"):
            reproduced.append(ident)
    assert reproduced == ["39", "40", "47a", "47b", "48a", "48b", "18"]  # 10 and 17 differ


def test_rank_and_band_match_an_independent_ranking_of_every_council(statistics: Statistics) -> None:
    computed = compute(
        statistics.files, statistics.models, "895", [Indicator("82", "sw_turnover", LOW, 2)], LIBRARY
    )
    row = _rows(computed, "82", "2024", "2021")
    text = (DFE / "csww_indicators_2017_to_2025.csv").read_text()
    frame = pd.read_csv(io.StringIO(text), dtype=str)
    councils = frame[(frame["time_period"] == "2024") & (frame["geographic_level"] == "Local authority")]
    figures = pd.to_numeric(councils["turnover_rate_fte"], errors="coerce").dropna()
    own = float(councils.loc[councils["old_la_code"] == "895", "turnover_rate_fte"].iloc[0])
    assert row["own"] == "22.6" and float(row["own"]) == own
    assert int(row["rank"]) == int((figures < own).sum()) + 1
    assert int(row["councils_ranked"]) == len(figures)
    upper = figures.quantile(0.75)  # pandas' default quantile is R's type 7 too
    assert row["band"] == ("D" if own > upper else "not D")
    national = frame[(frame["time_period"] == "2024") & (frame["geographic_level"] == "National")]
    assert row["england"] == national["turnover_rate_fte"].iloc[0]
    assert (row["region_name"], row["year"], row["known_from"]) == ("North West", "Sep 2024", "2025-02")


def test_a_rate_is_the_count_over_the_mid_year_before(statistics: Statistics) -> None:
    computed = compute(
        statistics.files, statistics.models, "895", [Indicator("17", "cp_rate", BAND, 2)], LIBRARY
    )
    row = _rows(computed, "17", "2024", "2021")
    # CPP_At31 276 (d5, 2024) over 81,832 children aged 0-17 (ONS mid-2023) x 10,000 = 33.73
    assert row["own"] == "33.7"
    assert (row["rank"], row["band"]) == ("", "")  # within a band: no better direction, not ranked
    assert "mid-2023" in row["source"]


def test_a_council_reporting_jointly_takes_the_joint_figure(statistics: Statistics) -> None:
    computed = compute(
        statistics.files, statistics.models, "940", [Indicator("82", "sw_turnover", LOW, 2)], LIBRARY
    )
    row = _rows(computed, "82", "2024", "2025")
    text = (DFE / "csww_indicators_2017_to_2025.csv").read_text()
    joint = [
        r
        for r in csv.DictReader(io.StringIO(text))
        if r["time_period"] == "2024" and r["old_la_code"] == "940 / 941"
    ]
    assert row["own"] == joint[0]["turnover_rate_fte"] and row["region_name"] == "East Midlands"


def test_an_la_code_in_no_file_or_no_model_is_a_problem(statistics: Statistics) -> None:
    one = [Indicator("10", "rereferrals_percent", LOW, 2)]
    nowhere = compute(statistics.files, statistics.models, "999", one, LIBRARY)
    assert [p.column for p in nowhere.problems] == ["la_code", "la_code", "la_code"]
    # Cumberland was formed in 2023: the 2021 model has no place for it
    cumberland = compute(statistics.files, statistics.models, "942", one, LIBRARY)
    assert [(Path(p.file).name, p.value) for p in cumberland.problems] == [
        ("New_Statistical_Neighbour_Groupings_April_2021.csv", "942")
    ]


def test_a_measure_the_library_lacks_is_a_problem(statistics: Statistics) -> None:
    computed = compute(
        statistics.files, statistics.models, "895", [Indicator("5", "contacts", HIGH, 7)], LIBRARY
    )
    (problem,) = computed.problems
    assert (problem.row, problem.column, problem.value) == (7, "benchmark", "contacts")


def test_two_files_with_different_figures_for_one_year_are_a_problem(
    tmp_path: Path, statistics: Statistics
) -> None:
    source = DFE / "c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv"
    same, other = tmp_path / "same.csv", tmp_path / "other.csv"
    shutil.copy(source, same)
    lines = source.read_text().splitlines(keepends=True)
    changed = [
        line.replace(",16.5,", ",17.5,") if line.startswith("2024,") and ",895," in line else line
        for line in lines
    ]
    assert changed != lines
    other.write_text("".join(changed))
    one = [Indicator("10", "rereferrals_percent", LOW, 2)]
    agreeing = read_statistics([source, same, *[DFE / m.file for m in statistics.models]])
    assert compute(agreeing.files, agreeing.models, "895", one, LIBRARY).problems == []
    clashing = read_statistics([source, other, *[DFE / m.file for m in statistics.models]])
    (problem,) = compute(clashing.files, clashing.models, "895", one, LIBRARY).problems
    assert (
        problem.file == str(other)
        and "rereferrals_percent 2024 for Cheshire East is '16.5'" in problem.message
    )
