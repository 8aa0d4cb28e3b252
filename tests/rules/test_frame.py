"""The scorecard frame on a small in-memory scorecard, and on the shipped data when it exists."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from _small_data import INDICATORS, NYC, PERIODS, make_data

from scorecard.model import ScorecardData, SpcRules
from scorecard.problems import DataError
from scorecard.rules.frame import HISTORY_COLUMNS, INDICATOR_COLUMNS, build_scorecard
from scorecard.rules.rag import rag
from scorecard.rules.readings import SPC_COLUMNS
from scorecard.rules.spc.limits import xmr_limits
from scorecard.targets import parse_target


@pytest.fixture(scope="module")
def scorecard():
    return build_scorecard(make_data())


def test_shape_and_columns(scorecard):
    assert scorecard.period == "2025-03"
    assert scorecard.periods == PERIODS[-12:]
    assert list(scorecard.indicators.columns) == INDICATOR_COLUMNS
    assert list(scorecard.indicators["id"]) == [row[0] for row in INDICATORS]  # catalogue order
    assert list(scorecard.history.columns) == HISTORY_COLUMNS
    assert len(scorecard.history) == len(INDICATORS) * 12  # every combination, even empty
    assert list(scorecard.spc.columns) == SPC_COLUMNS
    numbers = sum(1 for row in INDICATORS for v in row[7].values() if not isinstance(v, str))
    assert len(scorecard.spc) == numbers


def test_every_history_rag_follows_the_rules(scorecard):
    catalogue = scorecard.data.catalogue.set_index("id")
    for row in scorecard.history.itertuples():
        target = parse_target(catalogue.at[row.id, "target"])
        expected = rag(row.value, target, catalogue.at[row.id, "polarity"], 0.15).value
        assert row.rag == expected, row


def test_latest_values_and_meanings(scorecard):
    sc = scorecard
    two = sc.indicator("2")
    assert (two["value"], two["rag"], two["direction"], two["trend"]) == (99.0, "green", "up", "improving")
    assert (two["previous_period"], two["previous_value"]) == ("2025-02", 96.0)
    # 15 points, mean 89.76: the last 7 (94.0 .. 99.0) are all above it, a run, so improvement;
    # 90% lies inside the limits (80.1 .. 99.4), so passing it is inconsistent
    assert (two["variation"], two["assurance"]) == ("improvement", "inconsistent")
    monitor = sc.indicator("1")
    assert (monitor["rag"], monitor["direction"], monitor["trend"]) == ("none", "up", "not_applicable")
    assert monitor["variation"] == "neutral_high"  # 1500 is far outside its limits
    assert monitor["assurance"] == "none"
    band = sc.indicator("8a")
    assert (band["rag"], band["direction"], band["trend"]) == ("green", "down", "improving")
    assert band["assurance"] == "none"


def test_nyc_latest_value(scorecard):
    three = scorecard.indicator("3")
    assert three["status"] == NYC and math.isnan(three["value"]) and three["raw"] == "NYC"
    assert (three["rag"], three["direction"], three["trend"], three["variation"]) == (
        "none",
        "none",
        "not_applicable",
        "none",
    )
    assert three["previous_period"] == "2025-02"
    march = scorecard.history[(scorecard.history["id"] == "3") & (scorecard.history["period"] == "2025-03")]
    assert march["status"].item() == NYC and march["rag"].item() == "none"


def test_quarterly_indicator_compares_with_the_previous_quarter(scorecard):
    five = scorecard.indicator("5")
    assert (five["direction"], five["trend"], five["previous_period"]) == ("down", "improving", "2024-12")
    assert five["variation"] == "too_few_points" and five["assurance"] == "none"
    months = scorecard.history[scorecard.history["id"] == "5"]
    assert months["value"].notna().sum() == 4  # Jun, Sep, Dec, Mar of the 12 months shown
    assert (months.loc[months["value"].isna(), "raw"] == "").all()


def test_series_break_rebases_spc(scorecard):
    spc = scorecard.spc[scorecard.spc["id"] == "6"]
    before, after = spc[spc["period"] < "2024-10"], spc[spc["period"] >= "2024-10"]
    assert before["mean"].nunique() == 1 and after["mean"].nunique() == 1
    assert after["mean"].iloc[0] == pytest.approx(xmr_limits(after["value"].to_numpy()).mean)
    assert scorecard.indicator("6")["variation"] == "too_few_points"  # 6 points since the break


def test_spc_limits_match_xmr_on_the_whole_series(scorecard):
    spc = scorecard.spc[scorecard.spc["id"] == "2"]
    limits = xmr_limits(spc["value"].to_numpy())
    assert spc["upper_limit"].iloc[-1] == pytest.approx(limits.upper)
    assert set(spc["special_cause"]) <= {"", "outside_limits", "trend", "two_of_three", "run"}


@pytest.mark.parametrize("rules", list(SpcRules))
def test_spc_points_match_the_package_logic_per_segment(rules):
    from dataclasses import replace

    from test_spc_reference import r_limits, r_point_types

    data = make_data()
    data = ScorecardData(replace(data.settings, spc_rules=rules), data.catalogue, data.values)
    scorecard = build_scorecard(data)
    directions = {"higher_is_better": 1, "lower_is_better": -1}
    for ident, _, _, polarity, _, _, series_break, _ in INDICATORS:
        if ident == "5":  # a monthly indicator with figures a quarter apart: gaps, tested below
            continue
        rows = scorecard.spc[scorecard.spc["id"] == ident]
        for after in (False, True) if series_break else (False,):
            part = rows[(rows["period"] >= series_break) == after] if series_break else rows
            if len(part) < 2:
                continue
            y = part["value"].to_numpy()
            causes, types = r_point_types(y, directions.get(polarity, 0), mdc=rules is SpcRules.MDC_2023)
            assert list(part["special_cause"]) == causes, ident
            assert list(part["point_type"]) == types, ident
            assert part["upper_limit"].tolist() == pytest.approx([r_limits(y)[2]] * len(y)), ident


def test_a_monthly_series_with_figures_a_quarter_apart_has_no_moving_range(scorecard):
    # ID 5 is monthly but has a figure only every third month: no two figures are neighbours, so no
    # moving range, no limits and no pattern (the package would join them as if they were)
    five = scorecard.spc[scorecard.spc["id"] == "5"]
    assert len(five) == 5 and five["upper_limit"].isna().all() and five["lower_limit"].isna().all()
    assert set(five["special_cause"]) == {""}


def test_rag_uses_the_tolerance_from_the_settings():
    from dataclasses import replace

    data = make_data()
    strict = ScorecardData(replace(data.settings, rag_tolerance=0.05), data.catalogue, data.values)
    # ID 2 in 2024-07 is 84.0 against 90.0%: amber at 15% (>= 76.5), red at 5% (< 85.5)
    at = {"id": "2", "period": "2024-07"}
    for data_, expected in ((data, "amber"), (strict, "red")):
        history = build_scorecard(data_).history
        row = history[(history["id"] == at["id"]) & (history["period"] == at["period"])]
        assert (row["value"].item(), row["rag"].item()) == (84.0, expected)


def test_indicator_without_values(scorecard):
    seven = scorecard.indicator("7")
    assert math.isnan(seven["value"]) and seven["status"] == "" and seven["raw"] == ""
    assert (seven["direction"], seven["variation"], seven["assurance"]) == ("none", "none", "none")
    assert (scorecard.history.loc[scorecard.history["id"] == "7", "rag"] == "none").all()


def test_section_helper(scorecard):
    assert list(scorecard.section("early-help")["id"]) == ["1", "2", "3"]
    assert scorecard.section("nowhere").empty


def test_earlier_period_uses_only_data_up_to_it():
    data = make_data()
    february = build_scorecard(data, "2025-02")
    assert february.period == "2025-02" and february.periods == PERIODS[-13:-1]
    without_march = build_scorecard(make_data(periods=set(PERIODS[:-1])), "2025-02")
    pd.testing.assert_frame_equal(february.indicators, without_march.indicators)
    pd.testing.assert_frame_equal(february.history, without_march.history)
    pd.testing.assert_frame_equal(february.spc, without_march.spc)
    assert february.indicator("3")["value"] == 7.0


def test_displayed_periods_never_start_before_the_data():
    sc = build_scorecard(make_data(), "2024-03")
    assert sc.periods == ["2024-01", "2024-02", "2024-03"]
    assert build_scorecard(make_data(), months=6).periods == PERIODS[-6:]


@pytest.mark.parametrize(
    ("period", "message"),
    [
        ("March", "expected a month as YYYY-MM"),
        ("2025-13", "expected a month as YYYY-MM"),
        ("2030-01", "no data for this period"),
    ],
)
def test_bad_period_is_a_problem(period, message):
    with pytest.raises(DataError) as error:
        build_scorecard(make_data(), period)
    assert message in str(error.value) and period in str(error.value)


def test_unreadable_target_is_a_problem_not_no_target():
    bad = [("1", "early-help", "count", "higher_is_better", "90%%", 0, "", {"2025-03": 1.0})]
    with pytest.raises(DataError, match="90%%"):
        build_scorecard(make_data(bad))


def test_scales_to_many_indicators_with_the_same_results():
    many = [(f"{row[0]}.{n}", *row[1:]) for n in range(40) for row in INDICATORS]
    sc = build_scorecard(make_data(many))
    assert len(sc.indicators) == 40 * len(INDICATORS)
    small = build_scorecard(make_data()).indicators.drop(columns=["id", "title"]).reset_index(drop=True)
    first = sc.indicators[sc.indicators["id"].str.endswith(".0")]
    first = first.drop(columns=["id", "title"]).reset_index(drop=True)
    pd.testing.assert_frame_equal(first, small)


# --- the shipped data -------------------------------------------------------------------------------
DATA = Path(__file__).resolve().parents[2] / "data"
shipped = pytest.mark.skipif(
    not (DATA / "catalogue.csv").exists() or not (DATA / "values.csv").exists(),
    reason="data/ not imported yet",
)


@shipped
def test_shipped_data_builds_for_every_period():
    from scorecard.data.load import load_data

    data = load_data(DATA)
    for period in data.periods[-3:]:
        sc = build_scorecard(data, period)
        assert list(sc.indicators["id"]) == list(data.catalogue["id"])
        assert len(sc.history) == len(data.catalogue) * len(sc.periods)
        catalogue = data.catalogue.set_index("id")
        for row in sc.history.itertuples():  # the vectorised monthly RAG is the scalar rule, every cell
            target, polarity = parse_target(catalogue.at[row.id, "target"]), catalogue.at[row.id, "polarity"]
            assert row.rag == rag(row.value, target, polarity, data.settings.rag_tolerance).value, row
        assert np.isin(
            sc.indicators["variation"],
            [
                "common_cause",
                "improvement",
                "concern",
                "neutral_high",
                "neutral_low",
                "too_few_points",
                "none",
            ],
        ).all()


def test_published_directions_are_carried_when_the_data_has_them():
    from dataclasses import dataclass

    @dataclass(frozen=True)
    class WithPublished(ScorecardData):
        published_direction: pd.DataFrame | None = None

    base = make_data()
    published = pd.DataFrame(
        {
            "id": ["2", "3", "2"],
            "period": ["2025-03", "2025-03", "2025-02"],
            "arrow": ["▼", "▲", "▲"],
            "direction": ["down", "up", "up"],
        }
    )
    data = WithPublished(base.settings, base.catalogue, base.values, published)
    march = build_scorecard(data).indicators.set_index("id")["published_direction"]
    assert (march["2"], march["3"], march["1"]) == ("down", "up", "")
    february = build_scorecard(data, "2025-02").indicators.set_index("id")["published_direction"]
    assert (february["2"], february["3"]) == ("up", "")
    assert set(build_scorecard(base).indicators["published_direction"]) == {""}


@shipped
def test_shipped_march_2025_ratings_follow_the_rules():
    from scorecard.data.load import load_data

    march = build_scorecard(load_data(DATA), "2025-03").indicators.set_index("id")
    expected = {  # value, target, polarity as published -> rating by the rules
        "2": "green",  # 99.0% against 90.0%, higher is better
        "3": "amber",  # 8.8% against Below 8%: within 15% of 8
        "7": "amber",  # 82.1% against 90.0%: within 15%
        "9a": "red",  # 55.2% against 90.0%
        "16": "green",  # 134.9 inside the band 105-135
        "49": "green",  # 100% against 90-95% on a higher-is-better indicator
        "1": "none",  # Monitor
    }
    assert {ident: march.at[ident, "rag"] for ident in expected} == expected
