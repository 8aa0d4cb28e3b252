"""What an indicator's latest SPC points say, in words: the rule that fired, a rebase, a long shift.

- ``fired_in_words``: the rule behind the latest point's reading, as a board reads it ("8 months above
  the mean since Aug-24", "above the upper process limit", "rising for 7 months since Sep-24", "two of
  the last three months beyond two sigma below the mean", "each of the last three ..."); "" for
  common cause or no reading.
- ``rebases.rebase_label``: "new limits from Oct-24: new recording system".
- ``long_shifts``: each indicator whose latest point ends a shift (a run of 7 or more on one side of
  its mean, in consecutive periods). Making Data Count's guidance is to ask whether the process has
  changed, and to recalculate only for a known reason (its "getting started" guide, quoted in
  NHSRplotthedots issue #142): the brief prompts with the line to add to ``data/rebases.csv``, and
  the pack never rebases by itself.

Periods are written as the pack writes them (``scorecard.periods.period_label``: ``Oct-24``, or a
quarter in a quarterly pack), unless the caller gives its own ``label``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from scorecard.model import Frequency, SpecialCause, Variation
from scorecard.periods import period_label
from scorecard.rules.frame import Scorecard
from scorecard.rules.spc import RUN, Limits, follows_before, side_of_mean

Label = Callable[[str], str]
WORDS = {Frequency.MONTHLY: "month", Frequency.QUARTERLY: "quarter", Frequency.ANNUAL: "year"}
NO_READING = (Variation.NONE, Variation.TOO_FEW_POINTS)


@dataclass(frozen=True)
class Shift:
    """A run on one side of the mean that ends at an indicator's latest point."""

    id: str
    side: int  # +1 above the mean, -1 below
    points: int
    start: str  # its first period: where new limits would start

    def line(self) -> str:
        """The line to add to ``data/rebases.csv`` once the analyst knows why the process changed."""
        return f"{self.id},{self.start},<what changed>"


def _stretch_start(periods: np.ndarray, segment: np.ndarray, frequency: str) -> int:
    """Index of the first point of the latest stretch: consecutive periods in the latest segment."""
    follows = follows_before(list(periods), frequency) & np.r_[False, segment[1:] == segment[:-1]]
    breaks = np.flatnonzero(~follows)
    return int(breaks[-1]) if breaks.size else 0


def latest_run(values: np.ndarray, mean: float, first: int = 0) -> tuple[int, int]:
    """(points, side) of the run on one side of ``mean`` that ends at the latest value, counted back
    no further than ``first``; a point on the mean ends it (side 0)."""
    nan = float("nan")
    side = side_of_mean(values, Limits(mean, nan, nan, nan, nan, nan))
    if not side.size or side[-1] == 0:
        return 0, 0
    length = 0
    for s in side[first:][::-1]:
        if s != side[-1]:
            break
        length += 1
    return length, int(side[-1])


def latest_trend(values: np.ndarray, first: int = 0) -> tuple[int, int]:
    """(points, way) of the strict rise (+1) or fall (-1) that ends at the latest value."""
    steps = np.sign(np.diff(values[first:])).astype(int)
    if not steps.size or steps[-1] == 0:
        return 0, 0
    moves = 0
    for step in steps[::-1]:
        if step != steps[-1]:
            break
        moves += 1
    return moves + 1, int(steps[-1])


def _rows(sc: Scorecard, ident: str) -> dict[str, np.ndarray]:
    rows = sc.spc[sc.spc["id"] == ident]
    return {column: rows[column].to_numpy() for column in rows.columns}


def _frequency(sc: Scorecard, ident: str) -> str:
    return str(sc.data.frequencies.get(ident, Frequency.MONTHLY))


def fired_in_words(sc: Scorecard, ident: str, label: Label | None = None) -> str:
    """The rule behind the reading of ``ident``'s latest point, in words; "" where there is no
    reading (no number at ``sc.period``, too few points) or its latest point is common cause."""
    points, indicator = _rows(sc, ident), sc.indicator(ident)
    if indicator["variation"] in NO_READING or points["period"][-1] != indicator["value_period"]:
        return ""
    rule, way = str(points["special_cause"][-1]), int(points["pointing"][-1])
    if not rule:
        return ""
    label = label or functools.partial(period_label, frequency=sc.frequency)
    frequency = _frequency(sc, ident)
    unit = WORDS.get(Frequency(frequency), "month")
    first = _stretch_start(points["period"], points["segment"], frequency)
    values, periods = points["value"].astype(float), points["period"]
    where = "above" if way > 0 else "below"
    if rule == SpecialCause.OUTSIDE_LIMITS:
        return f"{where} the {'upper' if way > 0 else 'lower'} process limit"
    if rule == SpecialCause.TREND:
        length, _ = latest_trend(values, first)
        return f"{'rising' if way > 0 else 'falling'} for {length} {unit}s since {label(periods[-length])}"
    if rule == SpecialCause.RUN:
        length, _ = latest_run(values, float(points["mean"][-1]), first)
        return f"{length} {unit}s {where} the mean since {label(periods[-length])}"
    near = points["near_upper"] if way > 0 else points["near_lower"]
    last = slice(max(first, len(values) - 3), None)
    beyond = int(((values[last] - near[last].astype(float)) * way > 0).sum())
    count = "each" if beyond == 3 else "two"
    return f"{count} of the last three {unit}s beyond two sigma {where} the mean"


def long_shifts(sc: Scorecard, length: int = RUN) -> list[Shift]:
    """Every indicator whose point at ``sc.period`` ends a run of ``length`` or more on one side of
    its mean in consecutive periods, in catalogue order: where Making Data Count would ask whether
    the process has changed."""
    found = []
    frequencies = sc.data.frequencies
    for ident, rows in sc.spc.groupby("id", sort=False):
        periods = rows["period"].to_numpy()
        if periods[-1] != sc.period:
            continue
        first = _stretch_start(periods, rows["segment"].to_numpy(), frequencies.get(str(ident), "monthly"))
        points, side = latest_run(rows["value"].to_numpy(float), float(rows["mean"].iloc[-1]), first)
        if points >= length:
            found.append(Shift(str(ident), side, points, str(periods[-points])))
    order = {ident: n for n, ident in enumerate(sc.indicators["id"])}
    return sorted(found, key=lambda shift: order.get(shift.id, len(order)))
