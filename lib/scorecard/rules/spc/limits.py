"""XmR process limits: the mean, the moving ranges between neighbours, three and two sigma.

As NHSRplotthedots computes them (R/ptd_spc_standard.R): moving ranges |y[i] - y[i-1]| between
neighbouring periods only (a gap in the series starts afresh: no range spans it), those of 3.267 x
their mean or more screened out and the mean taken again; process limits at the mean +/- 2.66 x the
mean moving range (three sigma); near limits at two thirds of that (two sigma). A baseline takes the
limits from a segment's first points and holds them for the rest of it (the package's
``fix_after_n_points``). Limits beyond what a measure can reach (a percentage below 0 or above 100,
anything else below 0) are held at that bound for what the pack shows (``held_at_bounds``); the
computed value is kept beside them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import numpy as np

from scorecard.model import Unit

LIMIT = 2.66  # 3 / d2, d2 = 1.128 for moving ranges of two points
NEAR_LIMIT = LIMIT * 2 / 3
SCREEN = 3.267  # D4 for n = 2: the upper limit of the moving range chart
PERCENT_BOUNDS = (0.0, 100.0)
NON_NEGATIVE = (0.0, math.inf)  # a count, a rate, an average, days: never below 0


@dataclass(frozen=True)
class Limits:
    """One segment's mean, process limits (three sigma) and near limits (two sigma)."""

    mean: float
    lower: float
    upper: float
    near_lower: float
    near_upper: float
    mean_moving_range: float


def neighbours(follows: np.ndarray | None, size: int) -> np.ndarray:
    """Whether each point follows the one before it with no period missing between them (the first
    point of all never does); every point does where ``follows`` is None."""
    out = np.ones(size, dtype=bool) if follows is None else np.asarray(follows, dtype=bool).copy()
    if size:
        out[0] = False
    return out


def mean_moving_range(values: np.ndarray, screen: bool = True, follows: np.ndarray | None = None) -> float:
    """Mean of |y[i] - y[i-1]| between neighbouring periods, after screening out ranges >= 3.267 x
    that mean; NaN without two neighbouring points."""
    values = np.asarray(values, dtype=float)
    ranges = np.abs(np.diff(values))[neighbours(follows, values.size)[1:]]
    if ranges.size == 0:
        return math.nan
    average = float(ranges.mean())
    if screen and average > 0:
        ranges = ranges[ranges < SCREEN * average]
        average = float(ranges.mean())
    return average


def xmr_limits(
    values: np.ndarray, screen: bool = True, follows: np.ndarray | None = None, baseline: int | None = None
) -> Limits:
    """Mean, process limits and near limits of one segment, from its first ``baseline`` points
    (all of them where ``baseline`` is None)."""
    values = np.asarray(values, dtype=float)[:baseline]
    if follows is not None:
        follows = np.asarray(follows, dtype=bool)[:baseline]
    mean = float(values.mean()) if values.size else math.nan
    amr = mean_moving_range(values, screen, follows)
    return Limits(
        mean, mean - LIMIT * amr, mean + LIMIT * amr, mean - NEAR_LIMIT * amr, mean + NEAR_LIMIT * amr, amr
    )


def bounds(unit: Unit | str) -> tuple[float, float]:
    """What a measure in ``unit`` can reach: 0 to 100 for a percentage, 0 and above for the rest."""
    return PERCENT_BOUNDS if unit == Unit.PERCENT else NON_NEGATIVE


def held_at_bounds(limits: Limits, reach: tuple[float, float]) -> Limits:
    """The limits with each line beyond what the measure can reach held at that bound; the mean and
    the mean moving range are unchanged (NaN stays NaN)."""
    low, high = reach

    def held(level: float) -> float:
        return level if math.isnan(level) else min(max(level, low), high)

    return replace(
        limits,
        lower=held(limits.lower),
        upper=held(limits.upper),
        near_lower=held(limits.near_lower),
        near_upper=held(limits.near_upper),
    )
