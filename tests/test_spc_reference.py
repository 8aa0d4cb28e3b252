"""scorecard.rules.spc against a line-by-line port of NHSRplotthedots' own R code, on many random series.

The port follows R/ptd_spc_standard.R (limits, screening, outside/close to limits, relative to mean)
and R/ptd_calculate_point_type.R (ptd_seven_point_one_side_mean, ptd_part_of_seven_trend,
ptd_seven_point_trend, ptd_two_in_three, ptd_part_of_two_in_three, ptd_special_cause_type,
ptd_point_type) of the package's main branch. It is deliberately naive (loops, R's 1-based windows
turned 0-based) so that it shares no code or shortcuts with the implementation under test.

Two known, documented differences are kept out of the comparison:
- an all-equal series (every moving range 0): the package's limits are NaN, ours collapse on the mean;
- a point that ends one 7-point trend while its neighbour starts another (after a dip, or an equal
  value): the package orients it by the step to its neighbour ("Decreasing" at the top of a rise);
  ours keeps the direction of the trend it belongs to.
"""

from __future__ import annotations

import numpy as np
import pytest

from scorecard.model import Polarity
from scorecard.rules.spc import analyse

LIMIT = 2.66


def r_limits(y: np.ndarray) -> tuple[float, float, float, float, float]:
    mean = y.mean()
    mr = np.abs(np.diff(y))
    amr = mr.mean()
    mr = mr[mr < 3.267 * amr]  # case_when(mr < 3.267 * amr ~ mr, TRUE ~ NA)
    amr = mr.mean()
    near = 2 * (LIMIT / 3)  # limitclose
    return mean, mean - LIMIT * amr, mean + LIMIT * amr, mean - near * amr, mean + near * amr


def r_seven_point_one_side_mean(v: np.ndarray) -> np.ndarray:
    vp = np.r_[np.zeros(6), v]
    return np.array(
        [float(all(vp[i] == vp[i - k] for k in range(1, 7)) and vp[i] != 0) for i in range(6, len(vp))]
    )


def r_part_of_seven_trend(v: np.ndarray) -> np.ndarray:
    vp = np.r_[v, np.zeros(6)]
    return np.array([float(any(abs(vp[i + k]) == 1 for k in range(7))) for i in range(len(v))])


def r_seven_point_trend(y: np.ndarray) -> np.ndarray:
    if len(y) < 7:
        return np.zeros(len(y))
    out = [0.0] * 6
    for i in range(6, len(y)):
        d = -np.sign(np.diff(y[[i - k for k in range(7)]]))
        out.append(1.0 if (d == 1).all() else -1.0 if (d == -1).all() else 0.0)
    return np.array(out)


def r_two_in_three(v: np.ndarray, rtm: np.ndarray) -> np.ndarray:
    vp, rtmp = np.r_[0, 0, v, 0, 0], np.r_[0, 0, rtm, 0, 0]
    return np.array(
        [
            float(
                any(
                    vp[i + a : i + a + 3].sum() >= 2 and abs(rtmp[i + a : i + a + 3].sum()) == 3
                    for a in range(3)
                )
            )
            for i in range(len(v))
        ]
    )


def r_point_types(y: np.ndarray, improvement_direction: int) -> tuple[list[str], list[str]]:
    """(our special-cause names, our point-type names) for each point, by the package's logic."""
    mean, lpl, upl, nlpl, nupl = r_limits(y)
    outside = (y > upl) | (y < lpl)
    rtm = np.sign(y - mean)
    close = ~outside & ((y < nlpl) | (y > nupl))
    trend = r_part_of_seven_trend(r_seven_point_trend(y))
    two = r_two_in_three(close.astype(float), rtm)
    two = ((two == 1) & (np.abs(close.astype(float)) == 1)).astype(float)  # ptd_part_of_two_in_three
    run = r_part_of_seven_trend(r_seven_point_one_side_mean(rtm))
    sdy = np.sign(np.diff(y))
    sdy = np.where(np.r_[trend[1:], 0].astype(bool) & trend.astype(bool), np.r_[sdy, sdy[-1:]], np.r_[0, sdy])
    causes, types = [], []
    for i in range(len(y)):
        if outside[i]:
            cause, way = "outside_limits", 1 if rtm[i] == 1 else -1
        elif trend[i]:
            cause, way = "trend", 1 if sdy[i] == 1 else -1
        elif two[i]:
            cause, way = "two_of_three", 1 if rtm[i] > 0 else -1
        elif run[i]:
            cause, way = "run", 1 if rtm[i] > 0 else -1
        else:
            cause, way = "", 0
        causes.append(cause)
        if way == 0:
            types.append("common_cause")
        elif improvement_direction == 0:
            types.append("neutral_high" if way > 0 else "neutral_low")
        else:
            types.append("improvement" if way * improvement_direction > 0 else "concern")
    return causes, types


def _trend_quirk(y: np.ndarray) -> bool:
    """Two neighbouring trend points that share no 7-point trend: the package orients the first by the
    step between them, which is not the direction of the trend it belongs to (e.g. the top of one rise
    followed by a dip and a second rise is called "Decreasing")."""
    ends = r_seven_point_trend(y)  # non-zero at the last point of each 7-point trend
    part = r_part_of_seven_trend(ends).astype(bool)
    return any(part[i] and part[i + 1] and not ends[i + 1 : i + 7].any() for i in range(len(y) - 1))


def _series(seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    n = int(rng.integers(8, 40))
    kind = seed % 4
    if kind == 0:  # small integers: ties, points on the mean, runs
        return rng.integers(0, 4, n).astype(float)
    if kind == 1:  # a shift half way: runs and two-of-three
        return np.r_[rng.normal(0, 1, n // 2), rng.normal(2.5, 1, n - n // 2)]
    if kind == 2:  # a drift: trends
        return np.cumsum(rng.normal(0.3, 1, n))
    return np.round(rng.normal(50, 10, n), 1)  # published-looking values with an outlier
    # (kind 3 also gets an outlier below)


SEEDS = range(400)


@pytest.mark.parametrize(
    ("polarity", "direction"), [(Polarity.HIGHER, 1), (Polarity.LOWER, -1), (Polarity.NONE, 0)]
)
def test_special_causes_and_point_types_match_the_package_logic(polarity: Polarity, direction: int) -> None:
    compared = flagged = 0
    for seed in SEEDS:
        y = _series(seed)
        if seed % 4 == 3:
            y[len(y) // 3] += 60
        if np.abs(np.diff(y)).max() == 0 or _trend_quirk(y):
            continue
        causes, types = r_point_types(y, direction)
        points = analyse(y, np.zeros(y.size, dtype=int), polarity)
        mean, lpl, upl, _, _ = r_limits(y)
        assert points.mean[0] == pytest.approx(mean) and points.lower_limit[0] == pytest.approx(lpl)
        assert points.upper_limit[0] == pytest.approx(upl)
        assert list(points.special_cause) == causes, (seed, y.tolist())
        assert list(points.point_type) == types, (seed, y.tolist())
        compared += 1
        flagged += sum(1 for c in causes if c)
    assert compared > 300 and flagged > 1000  # the comparison really exercised the rules
