"""Statistical process control: XmR charts as NHS England's "Making Data Count" defines them.

The reference is the NHS-R community's R package NHSRplotthedots (R/ptd_spc_standard.R,
R/ptd_calculate_point_type.R, R/ptd_calculate_assurance_type.R, R/ptd_add_short_group_warnings.R):

- mean of the values; moving ranges |y[i] - y[i-1]|; moving ranges of 3.267 x their mean or more are
  screened out and the mean moving range recomputed (package default ``screen_outliers = TRUE``);
- process limits mean +/- 2.66 x mean moving range; near limits at 2/3 of that distance;
- special-cause rules, each flagging every point that takes part, in this order of precedence:
  outside the limits > a trend of 7 points each strictly above (below) the one before > two of three
  consecutive points beyond a near limit (not beyond the limit) all on one side of the mean (only the
  points beyond the near limit are flagged) > a run of 7 on one side of the mean (a point on the mean
  breaks it);
- a special-cause point points up or down (above/below the mean; for a trend, the direction of the
  trend, the later trend winning where two meet at a turning point) and the polarity says whether up
  is improvement or concern; band and no-preference indicators are neutral high or low;
- assurance compares a single threshold target with the limits of the latest segment: outside the
  limits means consistently pass or fail, by polarity; inside (or on) them, inconsistent;
- limits are computed separately for each segment after a series break (the package's rebase), and a
  segment with fewer than 12 points carries the package's short-group warning: here the latest
  variation is ``too_few_points`` and no assurance is claimed.

One deliberate difference: when every moving range is zero (an all-equal series) the package screens
all of them out (0 < 3.267 x 0 is false) and its limits become NaN; here nothing is screened, the
limits collapse onto the mean and every point is common cause.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from scorecard.model import Assurance, PointType, Polarity, SpecialCause, Variation
from scorecard.targets import Target

LIMIT = 2.66  # 3 / d2, d2 = 1.128 for moving ranges of two points
NEAR_LIMIT = LIMIT * 2 / 3
SCREEN = 3.267  # D4 for n = 2: the upper limit of the moving range chart
RUN = 7  # points on one side of the mean
TREND = 7  # points each strictly higher (lower) than the one before
MIN_POINTS = 12  # fewer points: the package warns, we claim no variation or assurance


@dataclass(frozen=True)
class Limits:
    mean: float
    lower: float
    upper: float
    near_lower: float
    near_upper: float
    mean_moving_range: float


def mean_moving_range(values: np.ndarray, screen: bool = True) -> float:
    """Mean of |y[i] - y[i-1]| after screening out ranges >= 3.267 x that mean; NaN for < 2 points."""
    ranges = np.abs(np.diff(np.asarray(values, dtype=float)))
    if ranges.size == 0:
        return math.nan
    average = float(ranges.mean())
    if screen and average > 0:
        ranges = ranges[ranges < SCREEN * average]
        average = float(ranges.mean())
    return average


def xmr_limits(values: np.ndarray, screen: bool = True) -> Limits:
    """Mean, process limits and near limits of one segment."""
    values = np.asarray(values, dtype=float)
    mean = float(values.mean()) if values.size else math.nan
    amr = mean_moving_range(values, screen)
    return Limits(
        mean, mean - LIMIT * amr, mean + LIMIT * amr, mean - NEAR_LIMIT * amr, mean + NEAR_LIMIT * amr, amr
    )


def _slack(limits: Limits) -> float:
    # Floating-point noise must not put an all-equal series "above its mean".
    return 1e-9 * max(1.0, abs(limits.mean)) if not math.isnan(limits.mean) else 0.0


def side_of_mean(values: np.ndarray, limits: Limits) -> np.ndarray:
    """+1 above the mean, -1 below, 0 on it."""
    difference = np.asarray(values, dtype=float) - limits.mean
    side = np.sign(difference).astype(int)
    side[np.abs(difference) <= _slack(limits)] = 0
    return side


def outside_limits(values: np.ndarray, limits: Limits) -> np.ndarray:
    slack = _slack(limits)
    return (values > limits.upper + slack) | (values < limits.lower - slack)


def beyond_near_limits(values: np.ndarray, limits: Limits) -> np.ndarray:
    """Beyond a near limit but not beyond the limit (the package's ``close_to_limits``)."""
    slack = _slack(limits)
    near = (values > limits.near_upper + slack) | (values < limits.near_lower - slack)
    return near & ~outside_limits(values, limits)


def _windows(flags: np.ndarray, length: int) -> np.ndarray:
    """Mark every point of each window (start index where ``flags`` is True) of ``length`` points."""
    marked = np.zeros(flags.size + length - 1, dtype=bool)
    for offset in range(length):
        marked[offset : offset + flags.size] |= flags
    return marked


def trend(values: np.ndarray, length: int = TREND) -> np.ndarray:
    """+1/-1 for points in a run of ``length`` each strictly higher/lower than the one before, else 0.

    A turning point belongs to two trends; the later (right-hand) one wins, as in the package.
    """
    values = np.asarray(values, dtype=float)
    out = np.zeros(values.size, dtype=int)
    if values.size < length:
        return out
    windows = sliding_window_view(np.sign(np.diff(values)), length - 1)
    signs = np.where((windows == 1).all(axis=1), 1, np.where((windows == -1).all(axis=1), -1, 0))
    for start in np.flatnonzero(signs):  # ascending, so later trends overwrite earlier ones
        out[start : start + length] = signs[start]
    return out


def two_of_three(values: np.ndarray, limits: Limits) -> np.ndarray:
    """Points beyond a near limit that are two (or three) of three consecutive points on one side."""
    values = np.asarray(values, dtype=float)
    if values.size < 3:
        return np.zeros(values.size, dtype=bool)
    near = beyond_near_limits(values, limits)
    side = side_of_mean(values, limits)
    enough = sliding_window_view(near, 3).sum(axis=1) >= 2
    same_side = np.abs(sliding_window_view(side, 3).sum(axis=1)) == 3
    return _windows(enough & same_side, 3) & near


def run(values: np.ndarray, limits: Limits, length: int = RUN) -> np.ndarray:
    """Points in a run of ``length`` on one side of the mean; a point on the mean breaks it."""
    side = side_of_mean(values, limits)
    if side.size < length:
        return np.zeros(side.size, dtype=bool)
    windows = sliding_window_view(side, length)
    starts = (windows == windows[:, :1]).all(axis=1) & (windows[:, 0] != 0)
    return _windows(starts, length)


def special_causes(values: np.ndarray, limits: Limits) -> tuple[np.ndarray, np.ndarray]:
    """The special cause of each point (``SpecialCause`` values, "" for common cause), by precedence,
    and which way it points (+1 up, -1 down, 0 common cause)."""
    values = np.asarray(values, dtype=float)
    side = side_of_mean(values, limits)
    trending = trend(values)
    rules = [
        (SpecialCause.OUTSIDE_LIMITS, outside_limits(values, limits), side),
        (SpecialCause.TREND, trending != 0, trending),
        (SpecialCause.TWO_OF_THREE, two_of_three(values, limits), side),
        (SpecialCause.RUN, run(values, limits), side),
    ]
    cause = np.full(values.size, SpecialCause.NONE.value, dtype=object)
    pointing = np.zeros(values.size, dtype=int)
    for rule, flagged, way in reversed(rules):  # higher precedence written last, so it wins
        cause[flagged] = rule.value
        pointing[flagged] = way[flagged]
    return cause, pointing


def point_types(pointing: np.ndarray, polarity: Polarity | str) -> np.ndarray:
    """Orient each special-cause point by polarity: improvement/concern, or neutral high/low."""
    polarity = Polarity(polarity)
    out = np.full(pointing.shape, PointType.COMMON_CAUSE.value, dtype=object)
    if polarity in (Polarity.HIGHER, Polarity.LOWER):
        good = 1 if polarity is Polarity.HIGHER else -1
        out[pointing == good] = PointType.IMPROVEMENT.value
        out[pointing == -good] = PointType.CONCERN.value
    else:
        out[pointing > 0] = PointType.NEUTRAL_HIGH.value
        out[pointing < 0] = PointType.NEUTRAL_LOW.value
    return out


def segments(periods: Sequence[str], series_breaks: Sequence[str] = ()) -> np.ndarray:
    """Segment number of each period: a declared break starts a new, separately computed segment."""
    breaks = sorted(b for b in series_breaks if b)
    return (
        np.searchsorted(np.array(breaks, dtype=object), np.asarray(periods, dtype=object), side="right")
        if breaks
        else np.zeros(len(periods), dtype=int)
    )


@dataclass(frozen=True)
class SpcPoints:
    """One entry per point with a value, in period order."""

    mean: np.ndarray
    lower_limit: np.ndarray
    upper_limit: np.ndarray
    near_lower: np.ndarray
    near_upper: np.ndarray
    special_cause: np.ndarray
    point_type: np.ndarray
    segment_size: np.ndarray  # points in this point's segment
    last_limits: Limits  # of the latest segment: what assurance is judged against


def analyse(values: np.ndarray, segment: np.ndarray, polarity: Polarity | str) -> SpcPoints:
    """XmR limits, special causes and point types, computed separately within each segment."""
    values = np.asarray(values, dtype=float)
    segment = np.asarray(segment)
    n = values.size
    columns = {
        name: np.full(n, math.nan)
        for name in ("mean", "lower_limit", "upper_limit", "near_lower", "near_upper")
    }
    cause = np.full(n, SpecialCause.NONE.value, dtype=object)
    pointing = np.zeros(n, dtype=int)
    size = np.zeros(n, dtype=int)
    limits = xmr_limits(values[:0])
    for key in dict.fromkeys(segment.tolist()):  # segments in order of appearance
        where = np.flatnonzero(segment == key)
        limits = xmr_limits(values[where])
        for name, value in zip(
            columns,
            (limits.mean, limits.lower, limits.upper, limits.near_lower, limits.near_upper),
            strict=True,
        ):
            columns[name][where] = value
        if where.size >= 2:  # one point has no moving range, so no limits and no signal
            cause[where], pointing[where] = special_causes(values[where], limits)
        size[where] = where.size
    return SpcPoints(
        **columns,
        special_cause=cause,
        point_type=point_types(pointing, polarity),
        segment_size=size,
        last_limits=limits,
    )


def variation(point_type: str | None, segment_size: int) -> Variation:
    """Variation of the latest point: none without a value, too_few_points under 12 points."""
    if point_type is None or segment_size == 0:
        return Variation.NONE
    if segment_size < MIN_POINTS:
        return Variation.TOO_FEW_POINTS
    return Variation(point_type)


def assurance(target: Target, polarity: Polarity | str, limits: Limits, segment_size: int) -> Assurance:
    """Will the process consistently pass or fail a single threshold target, or is it inconsistent?

    None for ranges, monitor, no target, band or no-preference indicators, and under 12 points.
    ``below`` and ``at least`` targets carry their own direction; a plain threshold takes the polarity's.
    """
    polarity = Polarity(polarity)
    single = target.value is not None  # one number: a threshold, or a one-sided target
    if (
        not single
        or polarity not in (Polarity.HIGHER, Polarity.LOWER)
        or segment_size < MIN_POINTS
        or math.isnan(limits.lower)
        or math.isnan(limits.upper)
    ):
        return Assurance.NONE
    own = target.higher_is_better  # "below" and "at least" (and the like) carry their own direction
    higher_is_better = polarity is Polarity.HIGHER if own is None else own
    value = target.value
    assert value is not None
    if value > limits.upper:
        return Assurance.FAIL if higher_is_better else Assurance.PASS
    if value < limits.lower:
        return Assurance.PASS if higher_is_better else Assurance.FAIL
    return Assurance.INCONSISTENT
