"""The special-cause patterns of an XmR chart, each one small function, in order of precedence.

Outside the process limits (``outside_limits``); a trend of 7 points each strictly above (below) the
one before (``trend``); two of three consecutive points beyond two sigma (``two_of_three``); a run of
7 on one side of the mean, a point on the mean breaking it (``run``). Every point taking part is
flagged. A pattern needs consecutive periods: where a period has no figure, the series is read as
stretches, and no trend, run or two of three spans a gap (``special_causes`` with ``follows``).
``scorecard.rules.spc.xmr`` says which rule set and which decisions these follow.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from scorecard.model import PointType, Polarity, SpcRules, SpecialCause
from scorecard.rules.spc.limits import Limits, neighbours

RUN = 7  # points on one side of the mean
TREND = 7  # points each strictly higher (lower) than the one before


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


def stretches(follows: np.ndarray | None, size: int) -> list[slice]:
    """The runs of consecutive periods among ``size`` points: a new stretch starts at every point that
    does not follow its predecessor (``follows`` False; None: one stretch)."""
    if not size:
        return []
    starts = np.flatnonzero(~neighbours(follows, size)).tolist()
    return [slice(a, b) for a, b in zip(starts, [*starts[1:], size], strict=True)]


def special_causes(
    values: np.ndarray,
    limits: Limits,
    rules: SpcRules | str = SpcRules.MDC_2023,
    better: int = 0,
    follows: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """The special cause of each point (``SpecialCause`` values, "" for common cause) and which way
    it points (+1 up, -1 down, 0 common cause).

    The first rule by precedence decides; at a turning point between two trends the later trend.
    With ``mdc-2023`` and a better direction (``better`` +1 or -1, from the polarity), a point that
    some rule calls improvement is improvement, named by the first such rule (decision 2). Where
    ``follows`` marks a point that does not follow its predecessor (a period without a figure lies
    between them), each stretch of consecutive periods is read on its own, against the same limits.
    """
    values = np.asarray(values, dtype=float)
    parts = stretches(follows, values.size)
    if len(parts) > 1:
        cause = np.full(values.size, SpecialCause.NONE.value, dtype=object)
        pointing = np.zeros(values.size, dtype=int)
        for part in parts:
            cause[part], pointing[part] = special_causes(values[part], limits, rules, better)
        return cause, pointing
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
