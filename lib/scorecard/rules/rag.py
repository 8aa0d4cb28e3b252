"""RAG rating of a value against its target, given the indicator's polarity and the tolerance.

The tolerance is relative to the target value (0.15 = within 15% of it): the indicator's own
(catalogue ``tolerance``, ``10%``) where it has one, else ``rag_tolerance`` in the settings. Every
target reduces to a green interval and a wider amber interval (``RagBands``); a value inside the green
interval is green, inside the amber interval amber, otherwise red. A missing value (NaN) is not rated.
Values are rated as the pack shows them, at the indicator's published decimals (the frame rounds
them first).

How each target kind combines with each polarity (decided here, tested in tests/rules/test_rag.py):

================  ===================  ===================  ===================  ==============
target            higher_is_better     lower_is_better      within_band          no_preference
================  ===================  ===================  ===================  ==============
threshold T       green v >= T         green v <= T         none + conflict      none
below T           green v < T *        green v < T          green v < T          none
at most T         green v <= T *       green v <= T         green v <= T         none
above L           green v > L          green v > L *        green v > L          none
at least L        green v >= L         green v >= L *       green v >= L         none
range L-U         green v >= L         green v <= U         green L <= v <= U    none
relative          as above / at least / below / at most the benchmark's figure  none
monitor, none     none                 none                 none                 none
================  ===================  ===================  ===================  ==============

A relative target ("Above Stat Neighbour Average", "At or below England") is rated as the one-sided
target it becomes with the benchmark's figure (``targets.resolve``); with no figure it is not rated.

Amber extends each finite green bound outwards by tol x |bound| (for a band: within tol of the nearer
bound). With a zero target there is no amber band: ``0`` on a lower-is-better indicator makes every
positive value red. ``below``, ``at most``, ``above`` and ``at least`` carry their own direction, so
they rate the same whatever the polarity; the combinations marked * contradict the polarity, and so
does any target other than a range on a band indicator (a single number cannot say where the band
is): ``check`` rejects them all (``targets.polarity_conflict`` words each), so the shipped data
never reaches them. No preference means no rating, even with a target (the report shows "no
rating"). A contradiction is a problem for the analyst, never a silently changed rating.

**Published bands** replace the target and the tolerance: where the catalogue gives ``green``,
``amber`` and ``red`` (``>= 90%``, ``80% - 89.9%``, ``< 80%``) the rating is the band the value, at its
published decimals, is in (``published_bands``); ``check`` has made sure each such value is in exactly
one band. ``rule_text`` says in words which values are green, amber and red, for the key, the data
notes and the export.
"""

from __future__ import annotations

import math
from dataclasses import astuple, dataclass

import numpy as np

from scorecard.model import Polarity, Rag
from scorecard.targets import Interval, Target, TargetKind, band_intervals

# Published values are rounded; this keeps 76.5 amber against 90% x 0.85 despite binary floats.
_EPSILON = 1e-9


@dataclass(frozen=True)
class RagBands:
    """Green when green_low <= v <= green_high (v < green_high when strict_high, v > green_low when
    strict_low); amber when amber_low <= v <= amber_high."""

    green_low: float
    green_high: float
    amber_low: float
    amber_high: float
    strict_high: bool = False
    strict_low: bool = False


def _widen(bound: float, tolerance: float, outwards: int) -> float:
    if math.isinf(bound):
        return bound
    return bound + outwards * tolerance * abs(bound)


def rag_bands(target: Target, polarity: Polarity | str, tolerance: float) -> RagBands | None:
    """The green and amber intervals for a target, or None where no rating applies."""
    polarity = Polarity(polarity)
    if not target.rated or polarity is Polarity.NONE:
        return None
    low: float | None = -math.inf  # a Target's bounds are Optional; the assert below narrows them
    high: float | None = math.inf
    strict, strict_low = False, False
    kind = target.kind
    if kind is TargetKind.THRESHOLD:
        if polarity is Polarity.HIGHER:
            low = target.value
        elif polarity is Polarity.LOWER:
            high = target.value
        else:
            return None  # a single number cannot say where a band is: check rejects it
    elif kind in (TargetKind.BELOW, TargetKind.AT_MOST):
        high, strict = target.upper, target.strict
    elif kind in (TargetKind.ABOVE, TargetKind.AT_LEAST):
        low, strict_low = target.lower, target.strict
    elif kind is TargetKind.RELATIVE:
        return None  # no benchmark figure to rate against (``targets.resolve`` found none)
    elif kind is TargetKind.RANGE:
        # Timeliness with '90-95%' is higher-is-better: 100% is green, not over the band.
        if polarity in (Polarity.HIGHER, Polarity.BAND):
            low = target.lower
        if polarity in (Polarity.LOWER, Polarity.BAND):
            high = target.upper
    assert low is not None and high is not None  # a rated target always has its bound
    return RagBands(low, high, _widen(low, tolerance, -1), _widen(high, tolerance, +1), strict, strict_low)


def published_bands(bands: dict[str, str], decimals: int) -> RagBands | None:
    """A council's own green / amber / red bands as ``RagBands``, inclusive at the published decimals.

    None when no band is given. The bands are those ``check`` accepted (``targets.band_problems``):
    each published value in exactly one band, amber next to green; so green and amber together are
    one interval, and whatever lies outside it is red.
    """
    green = band_intervals(bands.get("green", ""))
    if not green:
        return None
    amber = band_intervals(bands.get("amber", ""))
    scale = 10**decimals

    def hull(intervals: tuple[Interval, ...]) -> tuple[float, float]:
        steps = [interval.on_grid(decimals) for interval in intervals]
        return min(first for first, _ in steps) / scale, max(last for _, last in steps) / scale

    green_low, green_high = hull(green)
    amber_low, amber_high = hull(green + amber)
    return RagBands(green_low, green_high, amber_low, amber_high)


def rag_values(values: np.ndarray, bands: RagBands | None) -> np.ndarray:
    """Vectorised RAG: an array of ``Rag`` strings, one per value (NaN -> none)."""
    values = np.asarray(values, dtype=float)
    if bands is None:
        return np.full(values.shape, Rag.NONE.value, dtype=object)
    return rag_array(values, *astuple(bands))  # RagBands' fields are rag_array's bounds, in order


def rag_array(
    values: np.ndarray,
    green_low: np.ndarray | float,
    green_high: np.ndarray | float,
    amber_low: np.ndarray | float,
    amber_high: np.ndarray | float,
    strict_high: np.ndarray | bool,
    strict_low: np.ndarray | bool = False,
) -> np.ndarray:
    """RAG of many values against per-value bands (arrays aligned with ``values``).

    A row is not rated (none) where its value or its ``green_low`` is NaN; callers mark indicators
    without a rating with NaN bands.
    """
    values = np.asarray(values, dtype=float)
    g_lo, g_hi, a_lo, a_hi = (
        np.broadcast_to(np.asarray(b, dtype=float), values.shape)
        for b in (green_low, green_high, amber_low, amber_high)
    )
    strict = np.broadcast_to(np.asarray(strict_high, dtype=bool), values.shape)
    strict_lo = np.broadcast_to(np.asarray(strict_low, dtype=bool), values.shape)
    with np.errstate(invalid="ignore"):
        green = np.where(strict_lo, values > g_lo + _slack(g_lo), values >= g_lo - _slack(g_lo)) & np.where(
            strict, values < g_hi - _slack(g_hi), values <= g_hi + _slack(g_hi)
        )
        amber = (values >= a_lo - _slack(a_lo)) & (values <= a_hi + _slack(a_hi))
    out = np.full(values.shape, Rag.NONE.value, dtype=object)
    rated = ~np.isnan(values) & ~np.isnan(g_lo)
    out[rated] = Rag.RED.value
    out[rated & amber] = Rag.AMBER.value
    out[rated & green] = Rag.GREEN.value
    return out


def target_miss(values: np.ndarray, green_low: np.ndarray, green_high: np.ndarray) -> np.ndarray:
    """How far each value is from its green interval, as a fraction of the bound it misses.

    0 inside the interval, NaN where the value or the rating is missing. It ranks "most off target"
    across indicators of different units: 45% against 90% misses by 0.5, 30 against below 8 by 2.75.
    A bound of 0 counts as 1, so a miss of a zero target still ranks by its size.
    """
    values = np.asarray(values, dtype=float)
    low, high = (np.broadcast_to(np.asarray(b, dtype=float), values.shape) for b in (green_low, green_high))
    with np.errstate(invalid="ignore"):
        short, over = low - values, values - high
        miss = np.where(
            short > 0,
            short / np.maximum(np.abs(low), 1.0),
            np.where(over > 0, over / np.maximum(np.abs(high), 1.0), 0.0),
        )
    return np.where(np.isnan(values) | np.isnan(low), np.nan, miss)


def _slack(bound: np.ndarray) -> np.ndarray:
    with np.errstate(invalid="ignore"):
        return np.where(np.isfinite(bound), _EPSILON * np.maximum(1.0, np.abs(bound)), 0.0)


def rag(value: float, target: Target, polarity: Polarity | str, tolerance: float) -> Rag:
    """RAG of one value: green on target, amber within tolerance, red beyond, none if not rated."""
    result = rag_values(np.array([value], dtype=float), rag_bands(target, polarity, tolerance))
    return Rag(result[0])


def round_published(values: np.ndarray, decimals: np.ndarray | int) -> np.ndarray:
    """Each value as the pack shows it, at its indicator's published decimals (Python's correctly
    rounded ``round``, the same digits ``format`` prints), so a rating never disagrees with the
    number beside it."""
    values = np.asarray(values, dtype=float)
    places = np.broadcast_to(np.asarray(decimals, dtype=int), values.shape)
    return np.array(
        [
            v if math.isnan(v) else round(v, int(d))
            for v, d in zip(values.tolist(), places.tolist(), strict=True)
        ],
        dtype=float,
    )


def _steps(bands: RagBands, decimals: int) -> tuple[float, float, float, float]:
    """The first and last values of amber and of green, at the published decimals (in steps)."""
    green = Interval(bands.green_low, bands.green_high, bands.strict_low, bands.strict_high).on_grid(decimals)
    amber = Interval(bands.amber_low, bands.amber_high).on_grid(decimals)
    return amber[0], green[0], green[1], amber[1]


def rule_text(bands: RagBands | None, unit: str, decimals: int) -> str:
    """Which values are green, amber and red, in words at the published decimals.

    ``green ≥ 90.0%; amber 76.5% to 89.9%; red ≤ 76.4%``; a band indicator has two amber and two red
    ranges (``amber 89.3 to 104.9 or 135.1 to 155.2``). "" when the indicator is not rated.
    """
    if bands is None:
        return ""
    scale = 10**decimals
    amber_first, green_first, green_last, amber_last = _steps(bands, decimals)

    def shown(step: float) -> str:
        return f"{step / scale:,.{decimals}f}{'%' if unit == 'percent' else ''}"

    def span(first: float, last: float) -> str | None:
        if last < first or last < 0 or (math.isinf(first) and first == last):
            return None  # empty, or below what a measure can be (every measure is 0 or more)
        if math.isinf(first):
            return f"≤ {shown(last)}"
        if math.isinf(last):
            return f"≥ {shown(first)}"
        return shown(first) if first == last else f"{shown(first)} to {shown(last)}"

    colours = {
        "green": [span(green_first, green_last)],
        "amber": [span(amber_first, green_first - 1), span(green_last + 1, amber_last)],
        "red": [span(-math.inf, amber_first - 1), span(amber_last + 1, math.inf)],
    }
    return "; ".join(
        f"{colour} {' or '.join(text for text in texts if text)}"
        for colour, texts in colours.items()
        if any(texts)
    )
