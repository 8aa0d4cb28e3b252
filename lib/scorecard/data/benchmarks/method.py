"""The benchmarks as the DfE's Local Authority Interactive Tool (LAIT) computes them.

Its R code is public (dfe-analytical-services/local-authority-interactive-tool: ``R/fn_analysis.R``,
``R/lait_modules/mod_la_lvl_table.R``), and this follows it:

- **neighbours' average**: the mean of the neighbours' published figures, leaving out those with no
  figure (``mean(values_num, na.rm = TRUE)``; none with a figure, no average). How many had one is
  kept, so the pack says "9 of 10".
- **rank**: among the councils with a figure that year, 1 for the best given the polarity, ties
  sharing the best rank (``rank(-values_num, ties.method = "min")`` where higher is better,
  ``rank(values_num, ...)`` where lower is). A council without a figure has no rank; an indicator
  with no better direction (within a band, no preference) is not ranked (LAIT's "-").
- **quartile band**: the quartiles of all councils' figures that year (R's default ``quantile``,
  type 7, which is numpy's default ``linear``); where lower is better, A from the lowest figure to
  the lower quartile inclusive, B above it to the median, C to the upper quartile, D above; where
  higher is better, the other way round (``calculate_quartile_band``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from scorecard.model import Polarity

BANDS = ("A", "B", "C", "D")  # A is the best quarter


@dataclass(frozen=True)
class Average:
    """The neighbours' average and how many of them it is of."""

    value: float | None
    with_figure: int
    of: int


def neighbour_average(figures: Sequence[float | None]) -> Average:
    """The mean of the neighbours' figures that are numbers."""
    numbers = [f for f in figures if f is not None]
    value = float(np.mean(numbers)) if numbers else None
    return Average(value, len(numbers), len(figures))


def ranked(polarity: str) -> bool:
    """Whether an indicator of this polarity is ranked and banded (it has a better direction)."""
    return polarity in (Polarity.HIGHER, Polarity.LOWER)


def rank(own: float, figures: Sequence[float], polarity: str) -> int | None:
    """The council's rank among ``figures`` (every council's figure, its own included), 1 the best,
    ties sharing the best rank; None where the polarity has no better direction."""
    values = np.asarray(figures, dtype=float)
    if polarity == Polarity.HIGHER:
        return int(np.count_nonzero(values > own)) + 1
    if polarity == Polarity.LOWER:
        return int(np.count_nonzero(values < own)) + 1
    return None


def quartiles(figures: Sequence[float]) -> tuple[float, float, float, float, float]:
    """The 0%, 25%, 50%, 75% and 100% quantiles (R type 7: numpy's default)."""
    q = np.quantile(np.asarray(figures, dtype=float), [0.0, 0.25, 0.5, 0.75, 1.0])
    return (float(q[0]), float(q[1]), float(q[2]), float(q[3]), float(q[4]))


def band_in(own: float, bands: Sequence[float], polarity: str) -> str | None:
    """LAIT's ``calculate_quartile_band``: the band of ``own`` given the 0-100% quantiles ``bands``;
    None where the polarity has no better direction."""
    if not ranked(polarity):
        return None
    _, lower, median, upper, _ = bands
    quarter = 0 if own <= lower else 1 if own <= median else 2 if own <= upper else 3  # lowest first
    return BANDS[quarter] if polarity == Polarity.LOWER else BANDS[3 - quarter]


def quartile_band(own: float, figures: Sequence[float], polarity: str) -> str | None:
    """The council's quartile band, A (best) to D, among ``figures`` (every council's, its own
    included); None where the polarity has no better direction."""
    if not ranked(polarity) or not len(figures):
        return None
    return band_in(own, quartiles(figures), polarity)
