"""Statistical process control: XmR charts by NHS England's "Making Data Count" (MDC) rules.

Limits are NHSRplotthedots' (R/ptd_spc_standard.R): the mean of the values; moving ranges
|y[i] - y[i-1]|, those of 3.267 x their mean or more screened out and the mean recomputed; process
limits at mean +/- 2.66 x mean moving range (three sigma); near limits at 2/3 of that (two sigma).
Limits are computed afresh in each segment after a series break (the package's rebase).

Special-cause rules, each one small function below, in order of precedence: outside the process
limits (``outside_limits``); a trend of 7 points each strictly above (below) the one before
(``trend``); two of three consecutive points beyond two sigma (``two_of_three``); a run of 7 on one
side of the mean, a point on the mean breaking it (``run``). Every point taking part is flagged. A
special-cause point points up or down (the side of the mean; for a trend, its direction) and the
polarity says whether up is improvement or concern; band and no-preference indicators are neutral
high or low. Assurance compares a single threshold target with the latest segment's limits: beyond
them, consistently pass or fail by polarity; inside or on them, hit and miss ("inconsistent").

Two rule sets (``spc_rules`` in settings.yaml; ``model.SpcRules``):

- ``mdc-2023`` (the default): Making Data Count as it applies its rules since November 2023.
- ``plotthedots-0.2``: NHSRplotthedots 0.2.2, point for point (R/ptd_calculate_point_type.R;
  ``tests/rules/test_spc_reference.py`` compares the two on hundreds of series).

Decisions where MDC's guidance and the package differ, each with its source (docs/spc.md has the
same list for analysts; the pack's key says the ones a reader needs):

1. Two of three beyond two sigma. ``mdc-2023``: every point beyond two sigma counts, including one
   beyond the process limit; all three points are on one side of the mean; only the points beyond
   two sigma are flagged (MDC's change of November 2023, NHSRplotthedots issue #194).
   ``plotthedots-0.2``: only points between two and three sigma count (``two_of_three_between``).
2. Improvement and concern at one point (a point below the mean in a rising trend, say).
   ``mdc-2023``: improvement is shown, as in MDC's single-chart tool (MDC, issue #194, 21 Dec 2023);
   the rule named is the first, by precedence, that points the better way. ``plotthedots-0.2``:
   the rule first by precedence decides, and at a turning point between two trends the later one.
   Neutral (band, no-preference) indicators have no better way: precedence decides in both.
3. Minimum points, in both rule sets. 13 or more points in the segment: limits, variation and
   assurance in full; MDC's single-chart tool shows limits and icons from 13 points (issue #194),
   and the package's code warns below 13 (R/ptd_add_short_group_warnings.R, although its message
   says 12). Exactly 12: trial limits, shown and marked as trial everywhere; 12 is the shortest
   baseline MDC's Excel tool accepts (MDC, PowerBI-SPC issue #253) and the package's
   ``fix_after_n_points``, and this pack showed readings from 12 before. Fewer than 12: no
   variation or assurance reading (``too_few_points``); points are still drawn and flagged.
4. Repeated values inside a trend, in both rule sets: an equal neighbour breaks a trend (a step of
   zero is neither up nor down), as in the package (R/ptd_calculate_point_type.R) and the Power BI
   SPC visual (src/Outlier Flagging/trend.ts). MDC's tools publish no rule for ties; the run-chart
   habit of skipping repeated values (NHS Institute, "A guide to creating and interpreting run and
   control charts") is for run charts about the median, not the XmR rules.
5. Screening moving ranges, in both rule sets: screened, as the package does by default (Nelson
   1982). MDC's Excel tools do not screen, so their limits are wider where a series has a jump
   (the package's vignette "Deviations from Excel defaults"). Kept: changing it would change the
   limits of every series with an outlier; the key says so.
6. An all-equal series (every moving range zero): the package screens every range out and its
   limits become NaN; here nothing is screened, the limits collapse onto the mean and every point
   is common cause.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from scorecard.model import Assurance, PointType, Polarity, SpcLimits, SpcRules, SpecialCause, Variation
from scorecard.targets import Target

LIMIT = 2.66  # 3 / d2, d2 = 1.128 for moving ranges of two points
NEAR_LIMIT = LIMIT * 2 / 3
SCREEN = 3.267  # D4 for n = 2: the upper limit of the moving range chart
RUN = 7  # points on one side of the mean
TREND = 7  # points each strictly higher (lower) than the one before
MIN_POINTS = 13  # full limits, variation and assurance from this many points (decision 3)
TRIAL_POINTS = 12  # from this many, below MIN_POINTS: trial limits; fewer: no reading


@dataclass(frozen=True)
class Limits:
    """One segment's mean, process limits (three sigma) and near limits (two sigma)."""

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


def limits_status(segment_size: int) -> SpcLimits:
    """Full limits from 13 points, trial limits at 12, none below (decision 3)."""
    if segment_size >= MIN_POINTS:
        return SpcLimits.FULL
    return SpcLimits.TRIAL if segment_size >= TRIAL_POINTS else SpcLimits.NONE


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
    """Beyond a process limit (three sigma)."""
    slack = _slack(limits)
    return (values > limits.upper + slack) | (values < limits.lower - slack)


def beyond_two_sigma(values: np.ndarray, limits: Limits) -> np.ndarray:
    """Beyond a near limit (two sigma), whether or not also beyond the process limit."""
    slack = _slack(limits)
    return (values > limits.near_upper + slack) | (values < limits.near_lower - slack)


def beyond_near_limits(values: np.ndarray, limits: Limits) -> np.ndarray:
    """Beyond a near limit but not beyond the limit (the package's ``close_to_limits``)."""
    return beyond_two_sigma(values, limits) & ~outside_limits(values, limits)


def _windows(flags: np.ndarray, length: int) -> np.ndarray:
    """Mark every point of each window (start index where ``flags`` is True) of ``length`` points."""
    marked = np.zeros(flags.size + length - 1, dtype=bool)
    for offset in range(length):
        marked[offset : offset + flags.size] |= flags
    return marked


def trend_directions(values: np.ndarray, length: int = TREND) -> tuple[np.ndarray, np.ndarray]:
    """Points in a rising, and points in a falling, run of ``length`` points each strictly higher
    (lower) than the one before; an equal neighbour breaks the run (decision 4). A turning point
    belongs to both."""
    values = np.asarray(values, dtype=float)
    if values.size < length:
        return np.zeros(values.size, dtype=bool), np.zeros(values.size, dtype=bool)
    windows = sliding_window_view(np.sign(np.diff(values)), length - 1)
    return _windows((windows == 1).all(axis=1), length), _windows((windows == -1).all(axis=1), length)


def trend(values: np.ndarray, length: int = TREND) -> np.ndarray:
    """+1/-1 for points in a rising/falling trend of ``length``, else 0.

    A turning point belongs to two trends; the later (right-hand) one wins, as in the package: at a
    peak the falling trend that starts there, at a trough the rising one.
    """
    values = np.asarray(values, dtype=float)
    rising, falling = trend_directions(values, length)
    out = rising.astype(int) - falling.astype(int)
    both = np.flatnonzero(rising & falling)
    out[both] = np.sign(values[both + 1] - values[both]).astype(int)  # the step into the later trend
    return out


def _two_of_three(counted: np.ndarray, side: np.ndarray) -> np.ndarray:
    """Counted points that are two (or three) of three consecutive points all on one side of the mean."""
    if counted.size < 3:
        return np.zeros(counted.size, dtype=bool)
    enough = sliding_window_view(counted, 3).sum(axis=1) >= 2
    same_side = np.abs(sliding_window_view(side, 3).sum(axis=1)) == 3
    return _windows(enough & same_side, 3) & counted


def two_of_three(values: np.ndarray, limits: Limits) -> np.ndarray:
    """Making Data Count's rule since November 2023: points beyond two sigma (beyond the process
    limit too) that are two or three of three consecutive points all on one side of the mean."""
    values = np.asarray(values, dtype=float)
    return _two_of_three(beyond_two_sigma(values, limits), side_of_mean(values, limits))


def two_of_three_between(values: np.ndarray, limits: Limits) -> np.ndarray:
    """NHSRplotthedots 0.2.2's rule: as ``two_of_three``, but only points between two and three sigma
    count (a point beyond the process limit neither counts nor is flagged)."""
    values = np.asarray(values, dtype=float)
    return _two_of_three(beyond_near_limits(values, limits), side_of_mean(values, limits))


def run(values: np.ndarray, limits: Limits, length: int = RUN) -> np.ndarray:
    """Points in a run of ``length`` on one side of the mean; a point on the mean breaks it."""
    side = side_of_mean(values, limits)
    if side.size < length:
        return np.zeros(side.size, dtype=bool)
    windows = sliding_window_view(side, length)
    starts = (windows == windows[:, :1]).all(axis=1) & (windows[:, 0] != 0)
    return _windows(starts, length)


def _fired(
    values: np.ndarray, limits: Limits, rules: SpcRules
) -> list[tuple[SpecialCause, np.ndarray, np.ndarray]]:
    """Each rule that can flag a point, in precedence order: (rule, flagged, which way it points).

    A trend appears twice (rising, then falling) so that a turning point carries both directions.
    """
    side = side_of_mean(values, limits)
    rising, falling = trend_directions(values)
    two = two_of_three(values, limits) if rules is SpcRules.MDC_2023 else two_of_three_between(values, limits)
    up, down = np.ones(values.size, dtype=int), -np.ones(values.size, dtype=int)
    return [
        (SpecialCause.OUTSIDE_LIMITS, outside_limits(values, limits), side),
        (SpecialCause.TREND, rising, up),
        (SpecialCause.TREND, falling, down),
        (SpecialCause.TWO_OF_THREE, two, side),
        (SpecialCause.RUN, run(values, limits), side),
    ]


def special_causes(
    values: np.ndarray, limits: Limits, rules: SpcRules | str = SpcRules.MDC_2023, better: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """The special cause of each point (``SpecialCause`` values, "" for common cause) and which way
    it points (+1 up, -1 down, 0 common cause).

    The first rule by precedence decides; at a turning point between two trends the later trend.
    With ``mdc-2023`` and a better direction (``better`` +1 or -1, from the polarity), a point that
    some rule calls improvement is improvement, named by the first such rule (decision 2).
    """
    values = np.asarray(values, dtype=float)
    rules = SpcRules(rules)
    fired = _fired(values, limits, rules)
    later = trend(values)
    cause = np.full(values.size, SpecialCause.NONE.value, dtype=object)
    pointing = np.zeros(values.size, dtype=int)
    for rule, flagged, way in reversed(fired):  # higher precedence written last, so it wins
        way = later if rule is SpecialCause.TREND else way
        cause[flagged] = rule.value
        pointing[flagged] = way[flagged]
    if rules is SpcRules.MDC_2023 and better:
        for rule, flagged, way in reversed(fired):  # the first rule pointing the better way wins
            improving = flagged & (way == better)
            cause[improving] = rule.value
            pointing[improving] = better
    return cause, pointing


def point_types(pointing: np.ndarray, polarity: Polarity | str) -> np.ndarray:
    """Orient each special-cause point by polarity: improvement/concern, or neutral high/low."""
    polarity = Polarity(polarity)
    out = np.full(pointing.shape, PointType.COMMON_CAUSE.value, dtype=object)
    if polarity in (Polarity.HIGHER, Polarity.LOWER):
        good = better_direction(polarity)
        out[pointing == good] = PointType.IMPROVEMENT.value
        out[pointing == -good] = PointType.CONCERN.value
    else:
        out[pointing > 0] = PointType.NEUTRAL_HIGH.value
        out[pointing < 0] = PointType.NEUTRAL_LOW.value
    return out


def better_direction(polarity: Polarity | str) -> int:
    """+1 where higher is better, -1 where lower is, 0 where neither (band, no preference)."""
    return {Polarity.HIGHER: 1, Polarity.LOWER: -1}.get(Polarity(polarity), 0)


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
    limits: np.ndarray  # SpcLimits value of this point's segment: full, trial or none
    last_limits: Limits  # of the latest segment: what assurance is judged against


def analyse(
    values: np.ndarray,
    segment: np.ndarray,
    polarity: Polarity | str,
    rules: SpcRules | str = SpcRules.MDC_2023,
) -> SpcPoints:
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
    status = np.full(n, SpcLimits.NONE.value, dtype=object)
    better = better_direction(polarity)
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
            cause[where], pointing[where] = special_causes(values[where], limits, rules, better)
        size[where] = where.size
        status[where] = limits_status(where.size).value
    return SpcPoints(
        **columns,
        special_cause=cause,
        point_type=point_types(pointing, polarity),
        segment_size=size,
        limits=status,
        last_limits=limits,
    )


def variation(point_type: str | None, segment_size: int) -> Variation:
    """Variation of the latest point: none without a value, too_few_points under 12 points (from 12,
    a reading; ``limits_status`` says whether it rests on trial limits)."""
    if point_type is None or segment_size == 0:
        return Variation.NONE
    if segment_size < TRIAL_POINTS:
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
        or segment_size < TRIAL_POINTS
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
