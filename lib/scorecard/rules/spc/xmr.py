"""Statistical process control: XmR charts by NHS England's "Making Data Count" (MDC) rules.

Limits are NHSRplotthedots' (R/ptd_spc_standard.R; ``scorecard.rules.spc.limits``), computed
afresh in each segment: a rebase (``Rebase``: a month of ``data/rebases.csv`` with its reason, or the
catalogue's series break, whose reason is "series break") starts a new one, as the package's
``ptd_rebase`` does. Making Data Count's guidance is to recalculate only for a known reason: nothing
here rebases by itself (``scorecard.rules.signals`` prompts the analyst instead). A baseline takes a
segment's limits from its first points and holds them for the rest of it (the package's
``fix_after_n_points``).

Special-cause rules (``scorecard.rules.spc.patterns``), in order of precedence: outside the process
limits; a trend of 7 points each strictly above (below) the one before; two of three consecutive
points beyond two sigma; a run of 7 on one side of the mean. Every point taking part is flagged. A
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
7. A period without a figure inside a series (a missing row, or a status such as NYC), in both rule
   sets: no moving range spans it, and no trend, run or two of three crosses it (each needs
   consecutive periods). The package joins the neighbours of a missing row and gives false signals
   around an NA (its issue #156); the Power BI visual drops a row without a value and joins its
   neighbours too. MDC publishes no rule for gaps.
8. Several rebases per indicator, each with its reason (``data/rebases.csv``), in both rule sets, as
   the package's ``ptd_rebase`` and the Power BI visual's rebaseline groupings; MDC's guidance is to
   recalculate only for a known reason, never automatically, so the pack prompts and never rebases
   by itself. A series break in the catalogue is a rebase whose reason is "series break".
9. A baseline (``baseline`` in the catalogue, ``spc_baseline`` in the settings; 12 or more points):
   each segment's limits come from its first N points and are held for the rest of it, as the
   package's ``fix_after_n_points`` (12 or more) and MDC's Excel tools (12 to 20 points) do. The Power
   BI visual's subset of points counts from the start of the whole chart, not of each segment.
   Full or trial limits still go by the segment's number of points (decision 3), as the package
   warns by the group's size.
10. Limits held at what the measure can reach, in both rule sets: a percentage's within 0 and 100,
   every other measure's at or above 0, in everything the pack shows and exports; the value as
   computed stays in ``export --detail`` (``lower_limit_unbounded``, ``upper_limit_unbounded``). The
   rules read the limits as computed, as the Power BI visual flags before it truncates; for a value
   the measure can reach (validation sees to that) no reading changes. The package does not
   truncate; MDC's Excel tools clip only the chart's axis.
11. When to ask whether the process has changed, in both rule sets: where the latest point ends a
   run of 7 or more on one side of the mean in consecutive periods (MDC's shift), the brief asks,
   with the line to add to ``data/rebases.csv`` (``scorecard.rules.signals.long_shifts``). A trend
   is not prompted: a process still changing has no new level to rebase to.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from scorecard.model import Assurance, Polarity, SpcLimits, SpcRules, SpecialCause, Unit, Variation
from scorecard.periods import period_label
from scorecard.rules.spc.limits import Limits, bounds, held_at_bounds, xmr_limits
from scorecard.rules.spc.patterns import better_direction, point_types, special_causes
from scorecard.targets import Target

MIN_POINTS = 13  # full limits, variation and assurance from this many points (decision 3)
TRIAL_POINTS = 12  # from this many, below MIN_POINTS: trial limits; fewer: no reading
UNBOUNDED = (-math.inf, math.inf)


# --- Rebases: where an indicator's limits start afresh, and why ------------------------------------

SERIES_BREAK = "series break"  # the reason of a catalogue series break with no row of its own


@dataclass(frozen=True)
class Rebase:
    """New limits for one indicator from one period, and why."""

    id: str
    start: str  # "YYYY-MM": the first period of the new limits
    reason: str


def rebases_by_indicator(
    series_breaks: Mapping[str, str], rows: Iterable[Mapping[str, str]] = ()
) -> dict[str, list[Rebase]]:
    """Each indicator's rebases in period order: its catalogue series break (``id -> "YYYY-MM"`` or
    "") and its ``rebases.csv`` rows (``id``, ``from``, ``reason``); a row at the series break's
    month gives that break its reason."""
    found: dict[tuple[str, str], str] = {
        (ident, start): SERIES_BREAK for ident, start in series_breaks.items() if start
    }
    for row in rows:
        found[(str(row["id"]), str(row["from"]))] = str(row["reason"])
    out: dict[str, list[Rebase]] = {}
    for (ident, start), reason in sorted(found.items()):
        out.setdefault(ident, []).append(Rebase(ident, start, reason))
    return out


def segments(periods: Sequence[str], starts: Iterable[str] = ()) -> np.ndarray:
    """Segment number of each period (ascending "YYYY-MM"): each rebase's month starts a new,
    separately computed segment; a rebase in a month without a figure starts it at the next one."""
    breaks = sorted(start for start in starts if start)
    if not breaks:
        return np.zeros(len(periods), dtype=int)
    return np.searchsorted(np.array(breaks, dtype=object), np.asarray(periods, dtype=object), side="right")


def rebase_label(rebase: Rebase, label: Callable[[str], str] = period_label) -> str:
    """``new limits from Oct-24: new recording system`` (``label`` writes a period; a quarterly pack
    passes its own)."""
    return f"new limits from {label(rebase.start)}: {rebase.reason}"


def limits_status(segment_size: int) -> SpcLimits:
    """Full limits from 13 points, trial limits at 12, none below (decision 3)."""
    if segment_size >= MIN_POINTS:
        return SpcLimits.FULL
    return SpcLimits.TRIAL if segment_size >= TRIAL_POINTS else SpcLimits.NONE


@dataclass(frozen=True)
class SpcPoints:
    """One entry per point with a value, in period order. The limits are held at what the measure
    can reach; ``*_unbounded`` are the process limits as computed."""

    mean: np.ndarray
    lower_limit: np.ndarray
    upper_limit: np.ndarray
    near_lower: np.ndarray
    near_upper: np.ndarray
    special_cause: np.ndarray
    point_type: np.ndarray
    segment_size: np.ndarray  # points in this point's segment
    limits: np.ndarray  # SpcLimits value of this point's segment: full, trial or none
    last_limits: Limits  # of the latest segment, held at the bounds: what assurance is judged against
    segment: np.ndarray  # 1 for the first segment, 2 after the first rebase, ...
    in_baseline: np.ndarray  # bool: the point is one its segment's limits are computed from
    pointing: np.ndarray  # +1 a special cause high (or rising), -1 low (or falling), 0 common cause
    lower_limit_unbounded: np.ndarray
    upper_limit_unbounded: np.ndarray


LEVELS = ("mean", "lower_limit", "upper_limit", "near_lower", "near_upper")


def analyse(
    values: np.ndarray,
    segment: np.ndarray,
    polarity: Polarity | str,
    rules: SpcRules | str = SpcRules.MDC_2023,
    baseline: int | None = None,
    follows: np.ndarray | None = None,
    reach: tuple[float, float] = UNBOUNDED,
) -> SpcPoints:
    """XmR limits, special causes and point types, computed separately within each segment.

    ``baseline``: the limits come from each segment's first so many points (None: all of them).
    ``follows``: whether each point follows the one before it with no period missing between them
    (None: every point does). ``reach``: what the measure can reach (``limits.bounds``); the limits
    shown are held within it.
    """
    values = np.asarray(values, dtype=float)
    segment = np.asarray(segment)
    n = values.size
    columns = {name: np.full(n, math.nan) for name in (*LEVELS, "lower_unbounded", "upper_unbounded")}
    cause = np.full(n, SpecialCause.NONE.value, dtype=object)
    pointing = np.zeros(n, dtype=int)
    size = np.zeros(n, dtype=int)
    status = np.full(n, SpcLimits.NONE.value, dtype=object)
    in_baseline = np.zeros(n, dtype=bool)
    numbers = np.zeros(n, dtype=int)
    better = better_direction(polarity)
    shown = xmr_limits(values[:0])
    for number, key in enumerate(dict.fromkeys(segment.tolist())):  # segments in order of appearance
        where = np.flatnonzero(segment == key)
        near = None if follows is None else np.asarray(follows, dtype=bool)[where]
        computed = xmr_limits(values[where], follows=near, baseline=baseline)
        shown = held_at_bounds(computed, reach)
        levels = (shown.mean, shown.lower, shown.upper, shown.near_lower, shown.near_upper)
        for name, value in zip(columns, (*levels, computed.lower, computed.upper), strict=True):
            columns[name][where] = value
        if where.size >= 2:  # one point has no moving range, so no limits and no signal
            # the rules read the limits as computed (decision 10)
            cause[where], pointing[where] = special_causes(values[where], computed, rules, better, near)
        size[where] = where.size
        status[where] = limits_status(where.size).value
        in_baseline[where[:baseline]] = True
        numbers[where] = number + 1
    return SpcPoints(
        **{name: columns[name] for name in LEVELS},
        special_cause=cause,
        point_type=point_types(pointing, polarity),
        segment_size=size,
        limits=status,
        last_limits=shown,
        segment=numbers,
        in_baseline=in_baseline,
        pointing=pointing,
        lower_limit_unbounded=columns["lower_unbounded"],
        upper_limit_unbounded=columns["upper_unbounded"],
    )


STEP = {"monthly": 1, "quarterly": 3, "annual": 12}  # months from one period of a frequency to the next


def follows_before(periods: Sequence[str], frequency: str = "monthly") -> np.ndarray:
    """Whether each period ("YYYY-MM", ascending) is the one right after the period before it, for an
    indicator published ``frequency`` (a month, a quarter, a year on); the first never is."""
    months = np.array([int(p[:4]) * 12 + int(p[5:7]) for p in periods], dtype=int)
    return np.r_[False, np.diff(months) <= STEP.get(frequency, 1)] if months.size else np.zeros(0, bool)


def indicator_spc(
    periods: Sequence[str],
    values: np.ndarray,
    polarity: Polarity | str,
    rules: SpcRules | str = SpcRules.MDC_2023,
    rebases: Iterable[str] = (),
    baseline: int | None = None,
    frequency: str = "monthly",
    unit: Unit | str | None = None,
) -> SpcPoints:
    """One indicator's SPC over its numbers (``periods`` ascending, one per value): a segment per
    rebase (``rebases``: their first months), limits from each segment's first ``baseline`` points,
    no pattern or moving range across a period without a figure, limits held within what ``unit``
    can reach (None: not held)."""
    return analyse(
        values,
        segments(periods, rebases),
        polarity,
        rules,
        baseline,
        follows_before(periods, frequency),
        UNBOUNDED if unit is None else bounds(unit),
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
