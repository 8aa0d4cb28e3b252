"""XmR SPC by Making Data Count's rules and NHSRplotthedots 0.2.2's: limits, each rule on its own,
precedence, orientation, minimum points, assurance."""

from __future__ import annotations

import math

import numpy as np
import pytest

from scorecard.model import Assurance, PointType, Polarity, SpcLimits, SpcRules, SpecialCause, Variation
from scorecard.rules.spc.limits import Limits, mean_moving_range, xmr_limits
from scorecard.rules.spc.patterns import (
    outside_limits,
    point_types,
    run,
    special_causes,
    trend,
    two_of_three,
    two_of_three_between,
)
from scorecard.rules.spc.xmr import analyse, assurance, limits_status, segments, variation
from scorecard.targets import parse_target

# R: set.seed(123); rnorm(20) - the package's own fixture (tests/testthat/test-ptd_spc_standard.R)
RNORM20 = np.array(
    [
        -0.56047565,
        -0.23017749,
        1.55870831,
        0.07050839,
        0.12928774,
        1.71506499,
        0.46091621,
        -1.26506123,
        -0.68685285,
        -0.44566197,
        1.22408180,
        0.35981383,
        0.40077145,
        0.11068272,
        -0.55584113,
        1.78691314,
        0.49785048,
        -1.96661716,
        0.70135590,
        -0.47279141,
    ]
)
# The package vignette's outlier example: screened limits 4.6 / 1.94 / -0.72, unscreened 6.95 / -3.06
OUTLIER = np.array([1, 2, 1, 2, 10, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1], dtype=float)
UNIT = Limits(mean=0.0, lower=-3.0, upper=3.0, near_lower=-2.0, near_upper=2.0, mean_moving_range=3 / 2.66)
H, L, B, N = Polarity.HIGHER, Polarity.LOWER, Polarity.BAND, Polarity.NONE


def sig6(x: float) -> str:
    return f"{x:.6g}"


def test_package_fixture_to_six_significant_figures():
    limits = xmr_limits(RNORM20)
    assert sig6(limits.mean) == sig6(0.1416238)
    assert sig6(limits.lower) == sig6(-3.01138)
    assert sig6(limits.upper) == sig6(3.294627)
    assert math.isclose(limits.near_upper - limits.mean, (limits.upper - limits.mean) * 2 / 3)
    points = analyse(RNORM20, np.zeros(20, dtype=int), H)
    assert set(points.special_cause) == {""}
    assert set(points.point_type) == {"common_cause"}


def test_screening_changes_limits_as_in_the_package():
    data = RNORM20.copy()
    data[14] = 10  # R: data$y[15] <- 10
    base, screened, unscreened = xmr_limits(RNORM20), xmr_limits(data), xmr_limits(data, screen=False)
    assert len({base.lower, screened.lower, unscreened.lower}) == 3
    assert unscreened.upper - unscreened.lower > screened.upper - screened.lower
    # exactly the two moving ranges into and out of the outlier are screened out
    ranges = np.abs(np.diff(data))
    kept = np.delete(ranges, [13, 14])
    assert (ranges[[13, 14]] >= 3.267 * ranges.mean()).all() and (kept < 3.267 * ranges.mean()).all()
    assert screened.mean_moving_range == pytest.approx(kept.mean())
    assert screened.upper == pytest.approx(data.mean() + 2.66 * kept.mean())
    assert unscreened.upper == pytest.approx(data.mean() + 2.66 * ranges.mean())


def test_vignette_outlier_example():
    screened, unscreened = xmr_limits(OUTLIER), xmr_limits(OUTLIER, screen=False)
    assert (round(screened.upper, 2), round(screened.mean, 2), round(screened.lower, 2)) == (4.6, 1.94, -0.72)
    assert (round(unscreened.upper, 2), round(unscreened.lower, 2)) == (6.95, -3.06)
    points = analyse(OUTLIER, np.zeros(OUTLIER.size, dtype=int), H)
    assert list(points.special_cause).count("outside_limits") == 1
    assert points.special_cause[4] == "outside_limits" and points.point_type[4] == "improvement"


def test_a_moving_range_exactly_3_267_times_the_mean_is_screened():
    # ranges 3267, 733 and eight of 750: mean exactly 1000, so 3267 sits exactly on 3.267 x mean
    steps = [3267.0, 733.0] + [750.0] * 8
    values = np.cumsum([0.0] + [step * (-1) ** n for n, step in enumerate(steps)])
    assert np.abs(np.diff(values)).mean() == 1000.0 and 3.267 * 1000.0 == 3267.0
    assert mean_moving_range(values) == pytest.approx((733 + 8 * 750) / 9)  # the package: mr < 3.267 amr
    values[1] -= 0.001  # just under the screen: kept
    assert mean_moving_range(values) == pytest.approx(np.abs(np.diff(values)).mean())


def test_moving_range_screen_is_at_3_267_or_more():
    # ranges 1, 1, 1, 1, x: mean (4 + x) / 5; x = 3.267 * mean -> x ~ 9.74 is screened at equality
    assert mean_moving_range(np.array([0, 1, 0, 1, 0, 10.0])) == 1.0  # 10 >= 3.267 * 2.8
    assert mean_moving_range(np.array([0, 1, 0, 1, 0, 2.0])) == pytest.approx(6 / 5)
    assert math.isnan(mean_moving_range(np.array([5.0])))


def test_outside_limits():
    values = np.array([0.0, 3.0, 3.1, -3.0, -3.1])
    assert list(outside_limits(values, UNIT)) == [False, False, True, False, True]


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([1, 2, 3, 4, 5, 6], [0] * 6),
        ([1, 2, 3, 3, 4, 5, 6], [0] * 7),  # equal neighbours break a trend
        ([1, 2, 3, 4, 5, 6, 7], [1] * 7),
        ([2, 1, 2, 3, 4, 5, 6, 7, 3], [0, 1, 1, 1, 1, 1, 1, 1, 0]),
        ([7, 6, 5, 4, 3, 2, 1], [-1] * 7),
        ([2, 7, 6, 5, 4, 3, 2, 1, 3], [0, -1, -1, -1, -1, -1, -1, -1, 0]),
        # a turning point in two trends goes with the later one
        ([1, 2, 3, 4, 5, 6, 7, 6, 5, 4, 3, 2, 1], [1] * 6 + [-1] * 7),
    ],
)
def test_trend_of_seven(values, expected):
    assert list(trend(np.array(values, dtype=float))) == expected


TWO_OF_THREE_BOTH = [
    ([2.5, 0.5, 2.5], [1, 0, 1]),  # two of three beyond the upper near limit, all above the mean
    ([0.5, 2.5, 2.5], [0, 1, 1]),
    ([2.5, 2.5, -0.5], [0, 0, 0]),  # the third point is below the mean
    ([2.5, 0.5, 0.5, 2.5], [0, 0, 0, 0]),  # beyond near limit only once in each three
    ([-2.5, -0.5, -2.5, -1], [1, 0, 1, 0]),
    ([2.5, -2.5, 1], [0, 0, 0]),  # opposite sides
    ([2.5, 2.5], [0, 0]),
]


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        *TWO_OF_THREE_BOTH,
        ([3.5, 2.5, 1], [0, 0, 0]),  # a point outside the limits is not "beyond the near limit"
        ([2.5, 3.5, 1], [0, 0, 0]),
        ([3.5, 3.5, 1], [0, 0, 0]),
    ],
)
def test_two_of_three_between_two_and_three_sigma_as_in_plotthedots(values, expected):
    assert list(two_of_three_between(np.array(values, dtype=float), UNIT).astype(int)) == expected


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        *TWO_OF_THREE_BOTH,
        # MDC 2023: every point beyond two sigma counts, a point beyond three sigma too
        ([2.5, 3.5, 1], [1, 1, 0]),  # one between two and three sigma, then one beyond three
        ([3.5, 2.5, 1], [1, 1, 0]),
        ([3.5, 3.5, 1], [1, 1, 0]),
        ([0.5, 2.5, 3.5], [0, 1, 1]),
        ([-2.5, -3.5, -0.5], [1, 1, 0]),  # below the mean the same
        # points on opposite sides of the mean never make the pattern
        ([2.5, -3.5, 1], [0, 0, 0]),
        ([-2.5, 3.5, 2.5], [0, 0, 0]),  # the last two would, with a third point above the mean
        ([-2.5, 3.5, 2.5, 0.5], [0, 1, 1, 0]),  # ... which comes
        # a third point not beyond two sigma takes part (same side) but is never flagged
        ([2.5, 3.5, 1.9], [1, 1, 0]),
        ([2.5, 1.9, 3.5], [1, 0, 1]),
        ([2.5, 2.0, 3.5], [1, 0, 1]),  # on the near limit is not beyond it
        ([2.5, 0.0, 3.5], [0, 0, 0]),  # on the mean is on neither side
        ([3.5, 1.0, 1.0, 3.5], [0, 0, 0, 0]),  # beyond two sigma once in each three
    ],
)
def test_two_of_three_beyond_two_sigma_as_mdc_since_2023(values, expected):
    assert list(two_of_three(np.array(values, dtype=float), UNIT).astype(int)) == expected


@pytest.mark.parametrize(
    ("values", "mdc", "plotthedots"),
    [
        # the 2023 rule names the point between two and three sigma; the one beyond stays outside_limits
        ([0.0, 2.5, 3.5, 1.0], ["", "two_of_three", "outside_limits", ""], ["", "", "outside_limits", ""]),
        ([0.0, 3.5, 2.5, 1.0], ["", "outside_limits", "two_of_three", ""], ["", "outside_limits", "", ""]),
        ([0.0, 2.5, -3.5, 1.0], ["", "", "outside_limits", ""], ["", "", "outside_limits", ""]),
    ],
)
def test_the_2023_rule_adds_what_no_earlier_rule_names(values, mdc, plotthedots):
    values = np.array(values)
    assert list(special_causes(values, UNIT, SpcRules.MDC_2023)[0]) == mdc
    assert list(special_causes(values, UNIT, SpcRules.PLOTTHEDOTS_02)[0]) == plotthedots


def test_two_of_three_opposite_sides_package_case():
    data = np.tile([1.0, -1.0], 8)
    data[14], data[15] = 5.5, -5.5
    points = analyse(data, np.zeros(16, dtype=int), H)
    assert list(points.point_type[-2:]) == ["common_cause", "common_cause"]


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([1] * 6, [0] * 6),
        ([1] * 6 + [-1], [0] * 7),
        ([-1] + [1] * 8 + [-1], [0] + [1] * 8 + [0]),
        ([1, 1, 1, 0, 1, 1, 1, 1], [0] * 8),  # a point on the mean breaks the run
        ([-1] * 7, [1] * 7),
    ],
)
def test_run_of_seven_one_side(values, expected):
    assert list(run(np.array(values, dtype=float), UNIT).astype(int)) == expected


def test_precedence_outside_over_trend_over_two_of_three_over_run():
    values = np.array([0.1, 0.2, 0.3, 0.4, 0.5, 2.5, 3.5, 0.4, 0.3, 2.4, 0.2, 2.2])
    cause, pointing = special_causes(values, UNIT)
    assert list(cause) == ["trend"] * 6 + ["outside_limits"] + ["run"] * 2 + [
        "two_of_three",
        "run",
        "two_of_three",
    ]
    assert set(pointing) == {1}


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        # a 7-point trend whose last two points are also two of three beyond the near limit: trend wins
        ([-0.5, -0.4, -0.3, -0.2, -0.1, 2.1, 2.2, 0.0], ["trend"] * 7 + [""]),
        # outside the limits beats two of three: only the near points are two_of_three
        ([0.0, 2.5, 3.5, 2.5, 0.0], ["", "two_of_three", "outside_limits", "two_of_three", ""]),
        # two of three beats a run of 7 on one side
        (
            [0.5, 0.5, 2.5, 0.5, 2.5, 0.5, 0.5],
            ["run", "run", "two_of_three", "run", "two_of_three", "run", "run"],
        ),
        # outside the limits beats a run
        ([0.5, 0.5, 0.5, 3.5, 0.5, 0.5, 0.4], ["run", "run", "run", "outside_limits", "run", "run", "run"]),
    ],
)
def test_each_rule_beats_the_ones_below_it(values, expected):
    cause, _ = special_causes(np.array(values), UNIT)
    assert list(cause) == expected


def test_a_point_on_the_computed_mean_breaks_a_run_despite_float_noise():
    # mean of these is 0.1 + noise; the 0.1 points sit on it and break the runs of 0.2 above
    values = np.array([0.2, 0.2, 0.2, 0.1, 0.2, 0.2, 0.2, 0.1, 0.0, 0.0, 0.0, 0.1, 0.0, 0.0, 0.0, 0.1])
    limits = xmr_limits(values)
    assert limits.mean == pytest.approx(0.1)
    assert not run(values, limits).any()
    values[3] = 0.2000001  # no longer on the mean: 7 in a row above it
    assert run(values, xmr_limits(values))[:7].all()


def test_trend_points_the_way_of_the_trend_not_the_side_of_the_mean():
    values = np.array([-0.6, -0.5, -0.4, -0.3, -0.2, -0.1, 0.05, -0.1])
    cause, pointing = special_causes(values, UNIT)
    assert list(cause[:7]) == ["trend"] * 7 and list(pointing[:7]) == [1] * 7


@pytest.mark.parametrize(
    ("polarity", "up", "down"),
    [
        (H, "improvement", "concern"),
        (L, "concern", "improvement"),
        (B, "neutral_high", "neutral_low"),
        (N, "neutral_high", "neutral_low"),
    ],
)
def test_point_type_orientation(polarity, up, down):
    assert list(point_types(np.array([1, -1, 0]), polarity)) == [up, down, "common_cause"]


def test_segments_rebase_at_series_breaks():
    periods = ["2024-08", "2024-09", "2024-10", "2024-11"]
    assert list(segments(periods, ["2024-10"])) == [0, 0, 1, 1]
    assert list(segments(periods, [""])) == [0, 0, 0, 0]
    values = np.array([1.0, 3.0, 100.0, 104.0])
    points = analyse(values, segments(periods, ["2024-10"]), H)
    assert list(points.mean) == [2.0, 2.0, 102.0, 102.0]
    assert list(points.segment_size) == [2, 2, 2, 2]
    assert points.last_limits.mean == 102.0


def test_single_point():
    points = analyse(np.array([5.0]), np.array([0]), H)
    assert points.mean[0] == 5.0 and math.isnan(points.upper_limit[0]) and math.isnan(points.lower_limit[0])
    assert points.special_cause[0] == "" and points.point_type[0] == "common_cause"
    assert variation(points.point_type[-1], int(points.segment_size[-1])) is Variation.TOO_FEW_POINTS
    assert assurance(parse_target("4"), H, points.last_limits, 1) is Assurance.NONE


@pytest.mark.parametrize("level", [0.0, 0.1, 87.4])
def test_all_equal_series_has_zero_moving_ranges_and_no_signal(level):
    values = np.full(24, level)
    limits = xmr_limits(values)
    assert limits.mean_moving_range == 0.0
    assert limits.lower == limits.upper == pytest.approx(level)
    points = analyse(values, np.zeros(24, dtype=int), H)
    assert set(points.special_cause) == {""}
    assert variation(points.point_type[-1], 24) is Variation.COMMON_CAUSE


def test_empty_series():
    points = analyse(np.array([]), np.array([], dtype=int), H)
    assert points.mean.size == 0 and math.isnan(points.last_limits.mean)


@pytest.mark.parametrize(
    ("point_type", "size", "expected"),
    [
        (None, 20, Variation.NONE),
        ("concern", 0, Variation.NONE),
        ("concern", 11, Variation.TOO_FEW_POINTS),
        ("concern", 12, Variation.CONCERN),
        ("common_cause", 12, Variation.COMMON_CAUSE),
        ("improvement", 30, Variation.IMPROVEMENT),
        ("neutral_low", 12, Variation.NEUTRAL_LOW),
        ("neutral_high", 12, Variation.NEUTRAL_HIGH),
    ],
)
def test_variation_of_latest_point(point_type, size, expected):
    assert variation(point_type, size) is expected


LIMITS = Limits(mean=50.0, lower=40.0, upper=60.0, near_lower=43.3, near_upper=56.7, mean_moving_range=3.76)


@pytest.mark.parametrize(
    ("target", "polarity", "expected"),
    [
        ("90.0%", H, Assurance.FAIL),
        ("30%", H, Assurance.PASS),
        ("45%", H, Assurance.INCONSISTENT),
        ("90.0%", L, Assurance.PASS),
        ("30%", L, Assurance.FAIL),
        ("45%", L, Assurance.INCONSISTENT),
        ("60", H, Assurance.INCONSISTENT),  # on a limit: not consistently anything
        ("0", L, Assurance.FAIL),  # zero target below the lower limit
        ("Below 8%", L, Assurance.FAIL),
        ("below 70", L, Assurance.PASS),
        ("80%+", H, Assurance.FAIL),
        ("35%", B, Assurance.NONE),
        ("35%", N, Assurance.NONE),
        ("105-135", H, Assurance.NONE),
        ("Monitor", H, Assurance.NONE),
        ("N/A", L, Assurance.NONE),
    ],
)
def test_assurance_against_single_threshold(target, polarity, expected):
    assert assurance(parse_target(target), polarity, LIMITS, 12) is expected


def test_no_assurance_with_too_few_points():
    assert assurance(parse_target("90.0%"), H, LIMITS, 11) is Assurance.NONE


def test_special_cause_values_are_the_model_vocabulary():
    cause, _ = special_causes(np.array([0.1, 0.2, 0.3, 0.4, 0.5, 2.5, 3.5]), UNIT)
    assert set(cause) <= {c.value for c in SpecialCause}
    assert set(point_types(np.array([1, -1, 0]), H)) <= {p.value for p in PointType}


# A point below the mean in a 7-point rising trend that is also beyond the lower limit: concern by
# precedence (outside the limits first), improvement by Making Data Count's tool (higher is better).
RISING_FROM_LOW = np.array([-3.5, -3.4, -3.3, -3.2, -3.1, -0.5, -0.4, 0.4])


def test_mdc_shows_improvement_where_improvement_and_concern_both_fire():
    cause, pointing = special_causes(RISING_FROM_LOW, UNIT, SpcRules.MDC_2023, better=1)
    assert list(cause[:5]) == ["trend"] * 5 and list(pointing[:7]) == [1] * 7
    cause, pointing = special_causes(RISING_FROM_LOW, UNIT, SpcRules.PLOTTHEDOTS_02, better=1)
    assert list(cause[:5]) == ["outside_limits"] * 5 and list(pointing[:5]) == [-1] * 5
    # lower is better: falling would be improvement; the rise is concern either way
    for rules in SpcRules:
        cause, pointing = special_causes(RISING_FROM_LOW, UNIT, rules, better=-1)
        assert list(cause[:5]) == ["outside_limits"] * 5 and list(pointing[:5]) == [-1] * 5
    # no better direction: precedence decides
    cause, _ = special_causes(RISING_FROM_LOW, UNIT, SpcRules.MDC_2023, better=0)
    assert list(cause[:5]) == ["outside_limits"] * 5


def test_mdc_shows_improvement_at_a_turning_point_between_two_trends():
    values = np.array([1, 2, 3, 4, 5, 6, 7, 6, 5, 4, 3, 2, 1], dtype=float) / 10
    _, pointing = special_causes(values, UNIT, SpcRules.PLOTTHEDOTS_02, better=1)
    assert pointing[6] == -1  # the later trend: falling
    _, pointing = special_causes(values, UNIT, SpcRules.MDC_2023, better=1)
    assert pointing[6] == 1  # the rising trend it ends is improvement
    _, pointing = special_causes(values, UNIT, SpcRules.MDC_2023, better=-1)
    assert pointing[6] == -1


def test_a_repeated_value_breaks_a_trend_in_both_rule_sets():
    values = np.array([-0.35, -0.25, -0.15, 0.05, 0.05, 0.15, 0.25, 0.35])  # 8 rising but for one tie
    for rules in SpcRules:
        assert set(special_causes(values, UNIT, rules, better=1)[0]) == {""}
        assert set(special_causes(np.delete(values, 4), UNIT, rules, better=1)[0]) == {"trend"}


@pytest.mark.parametrize(
    ("size", "expected"),
    [
        (0, SpcLimits.NONE),
        (11, SpcLimits.NONE),
        (12, SpcLimits.TRIAL),
        (13, SpcLimits.FULL),
        (40, SpcLimits.FULL),
    ],
)
def test_limits_are_trial_at_12_points_and_full_from_13(size, expected):
    assert limits_status(size) is expected


def test_each_point_carries_its_segments_limits_status():
    values = np.r_[np.arange(12.0), np.arange(13.0)]
    points = analyse(values, np.r_[np.zeros(12, int), np.ones(13, int)], H)
    assert list(points.limits) == ["trial"] * 12 + ["full"] * 13
    points = analyse(values[:5], np.zeros(5, int), H)
    assert list(points.limits) == ["none"] * 5


def test_a_trial_reading_has_its_variation_and_assurance():
    assert variation("concern", 12) is Variation.CONCERN
    assert assurance(parse_target("90.0%"), H, LIMITS, 12) is Assurance.FAIL
