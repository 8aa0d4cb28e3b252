"""Direction of travel: the latest period against the previous period that has data.

- Direction is up, down or same; same means equal at the published number of decimals. It is none
  when the latest period has no number (NYC, not reported, blank) or no earlier period has one, or
  when the only earlier numbers lie before a declared series break (not comparable).
- Trend is what the direction means for the indicator's polarity: improving, declining or no_change;
  not_applicable for no_preference indicators and wherever direction is none.
- Within a band, travel is judged by the distance from the band (0 inside it): a smaller distance is
  improving, a larger one declining. So moving towards the band improves, and moving from within the
  band to within the band is no_change (still on target), even though the arrow shows up or down.
  A band indicator whose target is not a range has no band to move towards: not_applicable.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from scorecard.model import Direction, Polarity, Trend
from scorecard.targets import Target, TargetKind


@dataclass(frozen=True)
class Travel:
    """One indicator's direction of travel at a period, and the figure it is compared with."""

    direction: Direction
    trend: Trend
    previous_period: str  # "" when there is none
    previous_value: float  # NaN when there is none


NO_TRAVEL = Travel(Direction.NONE, Trend.NOT_APPLICABLE, "", math.nan)


def direction(latest: float, previous: float, decimals: int) -> Direction:
    """Up, down or same at the published decimals; none if either number is missing."""
    if math.isnan(latest) or math.isnan(previous):
        return Direction.NONE
    latest, previous = round(latest, decimals), round(previous, decimals)
    if latest > previous:
        return Direction.UP
    if latest < previous:
        return Direction.DOWN
    return Direction.SAME


def _distance_from_band(value: float, target: Target) -> float:
    assert target.lower is not None and target.upper is not None
    return max(target.lower - value, 0.0, value - target.upper)


def trend(latest: float, previous: float, decimals: int, polarity: Polarity | str, target: Target) -> Trend:
    """What the move from ``previous`` to ``latest`` means for this polarity."""
    polarity = Polarity(polarity)
    moved = direction(latest, previous, decimals)
    if moved is Direction.NONE or polarity is Polarity.NONE:
        return Trend.NOT_APPLICABLE
    if polarity is Polarity.BAND:
        if target.kind is not TargetKind.RANGE:
            return Trend.NOT_APPLICABLE
        now = round(_distance_from_band(round(latest, decimals), target), decimals)
        before = round(_distance_from_band(round(previous, decimals), target), decimals)
        if now == before:
            return Trend.NO_CHANGE
        return Trend.IMPROVING if now < before else Trend.DECLINING
    if moved is Direction.SAME:
        return Trend.NO_CHANGE
    better = Direction.UP if polarity is Polarity.HIGHER else Direction.DOWN
    return Trend.IMPROVING if moved is better else Trend.DECLINING


def travel(
    periods: Iterable[str],
    values: Iterable[float],
    period: str,
    polarity: Polarity | str,
    target: Target,
    decimals: int,
    series_break: str = "",
) -> Travel:
    """Direction of travel at ``period`` for one indicator.

    ``periods`` ascending "YYYY-MM" with ``values`` aligned (NaN where there is no number); periods
    after ``period`` are ignored.
    """
    latest = math.nan
    previous_period, previous = "", math.nan
    for when, value in zip(periods, values, strict=True):
        if when > period:
            break
        if when == period:
            latest = float(value)
        elif not math.isnan(value):
            previous_period, previous = when, float(value)
    if math.isnan(latest) or not previous_period:
        return Travel(Direction.NONE, Trend.NOT_APPLICABLE, previous_period, previous)
    if series_break and previous_period < series_break <= period:
        return Travel(Direction.NONE, Trend.NOT_APPLICABLE, previous_period, previous)
    return Travel(
        direction(latest, previous, decimals),
        trend(latest, previous, decimals, polarity, target),
        previous_period,
        previous,
    )
