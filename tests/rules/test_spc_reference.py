"""scorecard.rules.spc.xmr against a line-by-line port of NHSRplotthedots' own R code, on many random series.

With ``spc_rules: plotthedots-0.2`` the implementation must agree with the port on every point. With
the default, ``mdc-2023``, it must agree with the port changed in exactly the two ways Making Data
Count's rules differ (NHSRplotthedots issue #194): two of three counts every point beyond two sigma,
and improvement wins where improvement and concern both fire at a point.

The port follows R/ptd_spc_standard.R (limits, screening, outside/close to limits, relative to mean)
and R/ptd_calculate_point_type.R (ptd_seven_point_one_side_mean, ptd_part_of_seven_trend,
ptd_seven_point_trend, ptd_two_in_three, ptd_part_of_two_in_three, ptd_special_cause_type,
ptd_point_type) of the package's main branch. It is deliberately naive (loops, R's 1-based windows
turned 0-based) so that it shares no code or shortcuts with the implementation under test.

Two known, documented differences are kept out of the comparison:
- an all-equal series (every moving range 0): the package's limits are NaN, ours collapse on the mean;
- a point that ends one 7-point trend while its neighbour starts another (after a dip, or an equal
  value): the package orients it by the step to its neighbour ("Decreasing" at the top of a rise);
  ours keeps the direction of the trend it belongs to;
- a point on its mean but for floating-point noise (a baseline's mean of values such as -1.2): the
  package reads it above or below the mean by the noise's sign; ours reads it on the mean.

The port also has ``ptd_rebase`` (R/ptd_rebase.R, R/ptd_add_rebase_column.R: a rebase group per
rebase date) and ``fix_after_n_points`` (R/ptd_spc_standard.R: limits from each group's first n
points), compared with ``indicator_spc`` on random series with several rebases and baselines.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

from scorecard.model import Polarity, SpcRules
from scorecard.rules.spc.xmr import analyse, indicator_spc

LIMIT = 2.66


def r_limits(
    y: np.ndarray, fix_after_n_points: int | None = None
) -> tuple[float, float, float, float, float]:
    """ptd_spc_standard for one rebase group: fix_y is y for row_number() <= fix_after_n_points, NA
    after; mean_col = mean(fix_y, na.rm = TRUE); mr = c(NA, abs(diff(fix_y))); amr likewise."""
    n = len(y) if fix_after_n_points is None else fix_after_n_points
    fix_y = np.array([y[i] if i < n else np.nan for i in range(len(y))])
    with np.errstate(invalid="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # R's mean(numeric(0), na.rm = TRUE) is NaN
        mean = np.nanmean(fix_y)
        mr = np.r_[np.nan, np.abs(np.diff(fix_y))]
        amr = np.nanmean(mr)
        mr = np.where(mr < 3.267 * amr, mr, np.nan)  # case_when(mr < 3.267 * amr ~ mr, TRUE ~ NA)
        amr = np.nanmean(mr)
    near = 2 * (LIMIT / 3)  # limitclose
    return mean, mean - LIMIT * amr, mean + LIMIT * amr, mean - near * amr, mean + near * amr


def r_rebase_group(dates: list[str], rebase: list[str]) -> np.ndarray:
    """ptd_add_rebase_column (1 where the date is a rebase date, else 0), then
    rebase_group = cumsum(rebase) in ptd_spc_standard."""
    return np.cumsum([1 if date in rebase else 0 for date in dates])


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


def r_point_types(
    y: np.ndarray, improvement_direction: int, mdc: bool = False, fix_after_n_points: int | None = None
) -> tuple[list[str], list[str]]:
    """(our special-cause names, our point-type names) for each point of one rebase group, by the
    package's logic; with ``mdc`` the two changes of Making Data Count's rules: two of three counts
    every point beyond two sigma (``close`` without ``!outside``), and a rule pointing the better way
    wins at a point."""
    mean, lpl, upl, nlpl, nupl = r_limits(y, fix_after_n_points)
    outside = (y > upl) | (y < lpl)
    rtm = np.sign(y - mean)
    close = ((y < nlpl) | (y > nupl)) if mdc else ~outside & ((y < nlpl) | (y > nupl))
    trend = r_part_of_seven_trend(r_seven_point_trend(y))
    two = r_two_in_three(close.astype(float), rtm)
    two = ((two == 1) & (np.abs(close.astype(float)) == 1)).astype(float)  # ptd_part_of_two_in_three
    run = r_part_of_seven_trend(r_seven_point_one_side_mean(rtm))
    sdy = np.sign(np.diff(y))
    sdy = np.where(np.r_[trend[1:], 0].astype(bool) & trend.astype(bool), np.r_[sdy, sdy[-1:]], np.r_[0, sdy])
    rising, falling = r_trend_members(y)
    causes, types = [], []
    for i in range(len(y)):
        fired = []  # (rule, way) in precedence order
        if outside[i]:
            fired.append(("outside_limits", 1 if rtm[i] == 1 else -1))
        if trend[i]:
            fired.append(("trend", 1 if sdy[i] == 1 else -1))
        if two[i]:
            fired.append(("two_of_three", 1 if rtm[i] > 0 else -1))
        if run[i]:
            fired.append(("run", 1 if rtm[i] > 0 else -1))
        cause, way = fired[0] if fired else ("", 0)
        if mdc and improvement_direction:
            better = [("outside_limits", 1 if rtm[i] == 1 else -1)] if outside[i] else []
            better += [("trend", 1)] if rising[i] else []
            better += [("trend", -1)] if falling[i] else []
            better += [f for f in fired if f[0] in ("two_of_three", "run")]
            better = [f for f in better if f[1] == improvement_direction]
            cause, way = better[0] if better else (cause, way)
        causes.append(cause)
        if way == 0:
            types.append("common_cause")
        elif improvement_direction == 0:
            types.append("neutral_high" if way > 0 else "neutral_low")
        else:
            types.append("improvement" if way * improvement_direction > 0 else "concern")
    return causes, types


def r_trend_members(y: np.ndarray) -> tuple[list[bool], list[bool]]:
    """Whether each point is in some 7-point rising, and in some 7-point falling, run."""
    rising, falling = [False] * len(y), [False] * len(y)
    for start in range(len(y) - 6):
        steps = np.sign(np.diff(y[start : start + 7]))
        for members, way in ((rising, 1), (falling, -1)):
            if (steps == way).all():
                members[start : start + 7] = [True] * 7
    return rising, falling


def _trend_quirk(y: np.ndarray) -> bool:
    """Two neighbouring trend points that share no 7-point trend: the package orients the first by the
    step between them, which is not the direction of the trend it belongs to (e.g. the top of one rise
    followed by a dip and a second rise is called "Decreasing")."""
    ends = r_seven_point_trend(y)  # non-zero at the last point of each 7-point trend
    part = r_part_of_seven_trend(ends).astype(bool)
    return any(part[i] and part[i + 1] and not ends[i + 1 : i + 7].any() for i in range(len(y) - 1))


def _noise(y: np.ndarray, fix: int | None = None) -> bool:
    """A point that is on its mean but for floating-point noise: the package reads it above or below
    the mean by the noise's sign; ours is on the mean (``patterns.side_of_mean``)."""
    mean = r_limits(y, fix)[0]
    off = np.abs(y - mean)
    return bool(((off > 0) & (off <= 1e-9 * max(1.0, abs(mean)))).any())


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
DIRECTIONS = [(Polarity.HIGHER, 1), (Polarity.LOWER, -1), (Polarity.NONE, 0)]


def _compared_series():
    for seed in SEEDS:
        y = _series(seed)
        if seed % 4 == 3:
            y[len(y) // 3] += 60
        if np.abs(np.diff(y)).max() == 0 or _trend_quirk(y):
            continue
        yield seed, y


@pytest.mark.parametrize(("polarity", "direction"), DIRECTIONS)
def test_plotthedots_rules_match_the_package_on_every_point(polarity: Polarity, direction: int) -> None:
    compared = flagged = 0
    for seed, y in _compared_series():
        causes, types = r_point_types(y, direction)
        points = analyse(y, np.zeros(y.size, dtype=int), polarity, SpcRules.PLOTTHEDOTS_02)
        mean, lpl, upl, _, _ = r_limits(y)
        assert points.mean[0] == pytest.approx(mean) and points.lower_limit[0] == pytest.approx(lpl)
        assert points.upper_limit[0] == pytest.approx(upl)
        assert list(points.special_cause) == causes, (seed, y.tolist())
        assert list(points.point_type) == types, (seed, y.tolist())
        compared += 1
        flagged += sum(1 for c in causes if c)
    assert compared > 300 and flagged > 1000  # the comparison really exercised the rules


@pytest.mark.parametrize(("polarity", "direction"), DIRECTIONS)
def test_mdc_rules_match_the_package_changed_as_mdc_changed_it(polarity: Polarity, direction: int) -> None:
    compared = 0
    for seed, y in _compared_series():
        causes, types = r_point_types(y, direction, mdc=True)
        points = analyse(y, np.zeros(y.size, dtype=int), polarity, SpcRules.MDC_2023)
        assert list(points.special_cause) == causes, (seed, y.tolist())
        assert list(points.point_type) == types, (seed, y.tolist())
        compared += 1
    assert compared > 300


@pytest.mark.parametrize(("polarity", "direction"), DIRECTIONS)
def test_mdc_differs_from_the_package_only_where_mdc_changed_a_rule(
    polarity: Polarity, direction: int
) -> None:
    """Every point the default rules read differently from 0.2.2 is either one the 2023 two-of-three
    rule adds (no earlier rule names it) or one where a rule pointing the better way now wins."""
    added = relabelled = improvement_won = 0
    for seed, y in _compared_series():
        old = analyse(y, np.zeros(y.size, dtype=int), polarity, SpcRules.PLOTTHEDOTS_02)
        new = analyse(y, np.zeros(y.size, dtype=int), polarity, SpcRules.MDC_2023)
        for i in np.flatnonzero(
            (old.special_cause != new.special_cause) | (old.point_type != new.point_type)
        ):
            if new.special_cause[i] == "two_of_three" and old.point_type[i] in (
                "common_cause",
                new.point_type[i],
            ):
                added += old.special_cause[i] == ""
                relabelled += old.special_cause[i] == "run"
                assert old.special_cause[i] in ("", "run"), (seed, i)  # never one an earlier rule named
            else:
                assert direction and new.point_type[i] == "improvement", (seed, i, y.tolist())
                assert old.point_type[i] == "concern", (seed, i)
                improvement_won += 1
    assert added > 10 and relabelled > 50  # the comparison really met the new rule (17 and 86)
    assert improvement_won > 50 if direction else improvement_won == 0  # 96 and 76 of them


def r_spc(
    y: np.ndarray, dates: list[str], rebase: list[str], fix: int | None, direction: int, mdc: bool = False
) -> tuple[np.ndarray, list[str], list[str]]:
    """ptd_spc(rebase = ptd_rebase(rebase), fix_after_n_points = fix): each point's (mean, lpl, upl),
    special cause and point type, the rules applied per rebase group (ptd_calculate_point_type)."""
    group = r_rebase_group(dates, rebase)
    levels, causes, types = np.zeros((len(y), 3)), [], []
    for g in dict.fromkeys(group.tolist()):
        where = np.flatnonzero(group == g)
        mean, lpl, upl, _, _ = r_limits(y[where], fix)
        levels[where] = (mean, lpl, upl)
        cause, kind = r_point_types(y[where], direction, mdc, fix)
        causes += cause
        types += kind
    return levels, causes, types


def _rebased_series(seed: int) -> tuple[np.ndarray, list[str], list[str], int | None]:
    """A random monthly series of 20 to 80 points with one to three rebases (steps in level between
    them), and a baseline of 12 to 20 points or none."""
    rng = np.random.default_rng(10_000 + seed)
    n = int(rng.integers(20, 81))
    dates = [str(p) for p in pd.period_range("2019-04", periods=n, freq="M")]
    cuts = sorted(rng.choice(np.arange(2, n - 1), size=int(rng.integers(1, 4)), replace=False).tolist())
    y = _series(seed)  # one of the four shapes, repeated to length, shifted after each rebase
    y = np.resize(y, n) + np.repeat(rng.normal(0, 4, len(cuts) + 1), np.diff([0, *cuts, n]))
    y = np.round(y, 1)
    fix = [None, 12, 13, 15, 20][seed % 5]
    return y, dates, [dates[c] for c in cuts], fix


def _compared_rebased():
    for seed in range(300):
        y, dates, rebase, fix = _rebased_series(seed)
        group = r_rebase_group(dates, rebase)
        parts = [y[group == g] for g in dict.fromkeys(group.tolist())]
        known = any(
            (part.size > 1 and np.abs(np.diff(part[:fix])).max() == 0)
            or _trend_quirk(part)
            or _noise(part, fix)
            for part in parts
        )
        if not known:  # the two documented differences (see the module's docstring)
            yield seed, y, dates, rebase, fix


@pytest.mark.parametrize(("polarity", "direction"), DIRECTIONS)
@pytest.mark.parametrize("rules", list(SpcRules))
def test_rebases_and_baselines_match_the_package_point_by_point(
    polarity: Polarity, direction: int, rules: SpcRules
) -> None:
    """ptd_rebase with several dates and fix_after_n_points, against indicator_spc with the same
    rebases and baseline: limits, special cause and point type at every point. Under mdc-2023 the port
    carries MDC's two changes, as above."""
    compared = rebased = fixed = flagged = 0
    for seed, y, dates, rebase, fix in _compared_rebased():
        levels, causes, types = r_spc(y, dates, rebase, fix, direction, mdc=rules is SpcRules.MDC_2023)
        points = indicator_spc(dates, y, polarity, rules, rebase, fix)
        ours = np.c_[points.mean, points.lower_limit, points.upper_limit]
        assert ours == pytest.approx(levels, nan_ok=True), (seed, rebase, fix)
        assert list(points.special_cause) == causes, (seed, rebase, fix, y.tolist())
        assert list(points.point_type) == types, (seed, rebase, fix)
        compared += 1
        rebased += len(rebase) > 1
        fixed += fix is not None and (np.bincount(r_rebase_group(dates, rebase)) > fix).any()
        flagged += sum(1 for c in causes if c)
    # the comparison really met several rebases, baselines shorter than their segments, and signals
    assert compared > 200 and rebased > 100 and fixed > 100 and flagged > 3000
