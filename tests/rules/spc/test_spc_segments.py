"""SPC as the years accumulate: several rebases, a baseline, gaps in a series, limits held at bounds."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from scorecard.model import Polarity, SpcRules
from scorecard.rules.spc.limits import Limits, bounds, held_at_bounds, mean_moving_range, xmr_limits
from scorecard.rules.spc.patterns import special_causes, stretches
from scorecard.rules.spc.xmr import (
    SERIES_BREAK,
    Rebase,
    analyse,
    follows_before,
    indicator_spc,
    rebases_by_indicator,
    segments,
)

H = Polarity.HIGHER
UNIT = Limits(mean=0.0, lower=-3.0, upper=3.0, near_lower=-2.0, near_upper=2.0, mean_moving_range=3 / 2.66)


def months(first: str, count: int) -> list[str]:
    return [str(p) for p in pd.period_range(first, periods=count, freq="M")]


# -- gaps -------------------------------------------------------------------------------------------


def test_follows_before_by_frequency():
    assert list(follows_before(["2024-07", "2024-08", "2024-10", "2024-11"])) == [False, True, False, True]
    quarters = ["2024-06", "2024-09", "2025-03"]
    assert list(follows_before(quarters, "quarterly")) == [False, True, False]
    assert list(follows_before(quarters, "monthly")) == [False, False, False]
    assert list(follows_before(["2023-03", "2024-03", "2026-03"], "annual")) == [False, True, False]
    assert follows_before([]).size == 0


def test_no_moving_range_spans_a_gap():
    values = np.array([10.0, 11.0, 30.0, 31.0])  # Aug, Sep | Nov, Dec: the 19 across the gap is no range
    follows = np.array([False, True, False, True])
    assert mean_moving_range(values, follows=follows) == 1.0
    assert mean_moving_range(values) == 7.0  # joined: (1 + 19 + 1) / 3
    assert math.isnan(mean_moving_range(values[[0, 2]], follows=np.array([False, False])))


def test_stretches_split_at_gaps():
    assert stretches(None, 3) == [slice(0, 3)]
    assert stretches(np.array([False, True, False, True, True]), 5) == [slice(0, 2), slice(2, 5)]
    assert stretches(np.array([True, False]), 2) == [slice(0, 1), slice(1, 2)]
    assert stretches(None, 0) == []


@pytest.mark.parametrize("rules", list(SpcRules))
def test_no_trend_run_or_two_of_three_crosses_a_gap(rules):
    rising = np.array([-0.6, -0.5, -0.4, -0.3, -0.2, -0.1, 0.05])  # 7 rising: a trend when joined
    above = np.full(7, 0.5)  # 7 above the mean: a run when joined
    near = np.array([0.5, 2.5, 0.5, 2.5, 0.5])  # two of three beyond two sigma when joined
    for values, gap_at, rule in ((rising, 4, "trend"), (above, 3, "run"), (near, 3, "two_of_three")):
        joined, _ = special_causes(values, UNIT, rules)
        assert rule in set(joined), rule
        follows = np.ones(values.size, dtype=bool)
        follows[gap_at] = False  # a month without a figure before this point
        parted, _ = special_causes(values, UNIT, rules, follows=follows)
        assert set(parted) == {""}, rule


def test_a_removed_september_is_a_gap_in_the_indicators_spc():
    """A monthly series Apr-24..Mar-25 with September removed: the SPC reads two stretches."""
    periods = [p for p in months("2024-04", 12) if p != "2024-09"]
    values = np.array([50, 51, 52, 53, 54, 55, 56, 57, 50, 49, 51], dtype=float)  # rises across Sep
    points = indicator_spc(periods, values, H, SpcRules.MDC_2023, unit="count")
    old = indicator_spc(periods, values, H, SpcRules.MDC_2023, unit="count", frequency="annual")  # joined
    assert "trend" in set(old.special_cause)  # Apr..Oct would be seven rises if Aug and Oct met
    assert "trend" not in set(points.special_cause)
    ranges = np.abs(np.diff(values))
    ranges = np.delete(ranges, periods.index("2024-10") - 1)  # Aug -> Oct is no moving range
    kept = ranges[ranges < 3.267 * ranges.mean()]
    assert points.upper_limit[0] == pytest.approx(values.mean() + 2.66 * kept.mean())


# -- rebases -----------------------------------------------------------------------------------------


def test_segments_from_several_rebases():
    periods = months("2024-01", 8)
    assert list(segments(periods, ["2024-03", "2024-06"])) == [0, 0, 1, 1, 1, 2, 2, 2]
    assert list(segments(periods, ["2024-06", "2024-03", ""])) == [0, 0, 1, 1, 1, 2, 2, 2]
    # a rebase in a month without a figure starts the new limits at the next figure
    assert list(segments(["2024-01", "2024-02", "2024-04"], ["2024-03"])) == [0, 0, 1]


def test_a_series_break_is_a_rebase_and_a_row_gives_it_its_reason():
    found = rebases_by_indicator(
        {"84": "2024-10", "5": ""},
        [
            {"id": "5", "from": "2024-09", "reason": "new recording system"},
            {"id": "5", "from": "2024-05", "reason": "service redesigned"},
            {"id": "84", "from": "2024-10", "reason": "reports rebuilt"},
        ],
    )
    assert found["84"] == [Rebase("84", "2024-10", "reports rebuilt")]
    assert [r.start for r in found["5"]] == ["2024-05", "2024-09"]
    assert rebases_by_indicator({"84": "2024-10"})["84"] == [Rebase("84", "2024-10", SERIES_BREAK)]


def test_each_segment_has_its_own_limits_and_numbered_segments():
    periods = months("2024-01", 12)
    values = np.array([10.0, 11, 10, 11, 50, 52, 50, 52, 90, 93, 90, 93])
    points = indicator_spc(periods, values, H, rebases=["2024-05", "2024-09"])
    assert list(points.segment) == [1] * 4 + [2] * 4 + [3] * 4
    assert sorted(set(points.mean)) == [10.5, 51.0, 91.5]
    assert points.last_limits.mean == 91.5


# -- a baseline ----------------------------------------------------------------------------------------


def test_a_baseline_holds_the_limits_of_its_first_points():
    stable = np.tile([10.0, 12.0], 6)  # 12 points: mean 11, moving range 2
    values = np.r_[stable, [11.0, 30.0, 31.0, 32.0]]
    points = analyse(values, np.zeros(values.size, int), H, baseline=12)
    assert set(points.mean) == {11.0}
    assert points.upper_limit[0] == pytest.approx(11 + 2.66 * 2)
    assert list(points.in_baseline) == [True] * 12 + [False] * 4
    assert list(points.special_cause[-3:]) == ["outside_limits"] * 3  # judged by the held limits
    unfixed = analyse(values, np.zeros(values.size, int), H)
    assert unfixed.mean[0] != 11.0 and unfixed.upper_limit[0] > points.upper_limit[0]


def test_a_baseline_counts_from_each_rebase_and_a_short_segment_uses_all_its_points():
    periods = months("2023-01", 30)
    values = np.r_[np.tile([10.0, 12.0], 10), np.tile([40.0, 44.0], 5)]
    points = indicator_spc(periods, values, H, rebases=[periods[20]], baseline=12)
    assert points.mean[0] == 11.0 and points.mean[-1] == 42.0  # the second segment: its 10 points
    assert list(points.in_baseline) == [True] * 12 + [False] * 8 + [True] * 10
    assert xmr_limits(values[20:]).mean == 42.0


# -- bounds ----------------------------------------------------------------------------------------


def test_limits_are_held_at_what_the_measure_can_reach():
    assert bounds("percent") == (0.0, 100.0) and bounds("count") == (0.0, math.inf)
    wide = Limits(
        mean=95.0, lower=85.0, upper=105.0, near_lower=88.0, near_upper=101.0, mean_moving_range=3.8
    )
    held = held_at_bounds(wide, bounds("percent"))
    assert (held.lower, held.upper, held.near_lower, held.near_upper) == (85.0, 100.0, 88.0, 100.0)
    assert held.mean == 95.0 and held.mean_moving_range == 3.8
    low = held_at_bounds(Limits(2.0, -3.0, 7.0, -1.3, 5.3, 1.9), bounds("rate_per_10000"))
    assert (low.lower, low.near_lower, low.upper) == (0.0, 0.0, 7.0)
    assert math.isnan(held_at_bounds(Limits(*[math.nan] * 6), (0.0, 100.0)).upper)


def test_the_computed_limits_stay_beside_the_held_ones_and_no_reading_changes():
    periods = months("2024-01", 14)
    values = np.array([99.0, 96, 100, 95, 100, 97, 100, 94, 100, 98, 100, 96, 100, 100])
    held = indicator_spc(periods, values, H, unit="percent")
    free = indicator_spc(periods, values, H)
    assert held.upper_limit.max() == 100.0 and free.upper_limit.max() > 100.0
    assert list(held.upper_limit_unbounded) == list(free.upper_limit)
    assert list(held.special_cause) == list(free.special_cause)
    assert list(held.point_type) == list(free.point_type)
    assert held.last_limits.upper == 100.0
