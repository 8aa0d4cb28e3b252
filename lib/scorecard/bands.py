"""A council's own green, amber and red bands, checked together at an indicator's published decimals.

Each band is a target-form expression (``targets.band_intervals`` reads one). Together they must hold
every value the measure can take (0 and up; a percent to 100) at the published decimals, each in one
band only, with amber (if given) next to green. At one decimal ``80% - 89.9%`` beside ``>= 90%``
leaves no gap, at two it leaves 89.91..89.99.
"""

from __future__ import annotations

import math

from scorecard.targets import band_intervals

BAND_COLOURS = ("green", "amber", "red")
Step = tuple[int | float, int | float, str]  # (first, last) value on the published grid, and its band


def _shown(step: int | float, decimals: int, unit: str) -> str:
    return f"{step / 10**decimals:,.{decimals}f}{'%' if unit == 'percent' else ''}"


def band_problems(bands: dict[str, str], decimals: int, unit: str) -> list[str]:
    """What is wrong with one indicator's green, amber and red bands at its published decimals.

    ``bands``: colour -> published text (blank for none). Either all are blank, or green and red are
    given (amber optional). Every value a measure can take (0 and up; a percent to 100) must fall in
    exactly one band, and amber must lie next to green. Unreadable bands raise ``TargetError``.
    """
    given = {colour: band_intervals(bands.get(colour, "")) for colour in BAND_COLOURS}
    if not any(given.values()):
        return []
    missing = [colour for colour in ("green", "red") if not given[colour]]
    if missing:
        return [f"bands need green and red (amber may be left out); {' and '.join(missing)} is blank"]
    steps = sorted(
        (*interval.on_grid(decimals), colour) for colour, intervals in given.items() for interval in intervals
    )
    problems = [
        f"{colour} band '{bands[colour]}' holds no value at {decimals} decimal(s)"
        for first, last, colour in steps
        if first > last
    ]
    steps = [step for step in steps if step[0] <= step[1]]
    problems += _coverage(steps, bands, decimals, unit)
    return problems or _order(steps, bool(given["amber"]))


def _coverage(steps: list[Step], bands: dict[str, str], decimals: int, unit: str) -> list[str]:
    """Values two bands hold, and values no band holds, from 0 up to what the measure can reach."""
    problems = []
    top = 100 * 10**decimals if unit == "percent" else math.inf
    reach: int | float = 0  # the lowest value a measure can take that no band holds yet
    last_seen: tuple[int | float, str] | None = None  # the highest value held so far, and by which band
    for first, last, colour in steps:
        if last_seen is not None and first <= last_seen[0]:
            other = last_seen[1]
            problems.append(
                f"bands overlap: {other} '{bands[other]}' and {colour} '{bands[colour]}' both hold "
                f"{_shown(first, decimals, unit)}; expected each value in one band only"
            )
        elif first > reach and reach <= top:
            end = min(first - 1, top)
            span = _shown(reach, decimals, unit)
            span = span if end == reach else f"{span} to {_shown(end, decimals, unit)}"
            problems.append(
                f"bands leave {span} in no band at the indicator's {decimals} decimal(s); "
                "expected every value in one band"
            )
        reach = max(reach, last + 1)
        if last_seen is None or last > last_seen[0]:
            last_seen = (last, colour)
    if (not math.isinf(reach)) and reach <= top:
        problems.append(
            f"bands leave values from {_shown(reach, decimals, unit)} up in no band; "
            "expected every value in a band"
        )
    return problems


def _order(steps: list[Step], amber: bool) -> list[str]:
    """Green is one band, and ``amber`` (if the indicator has one) lies next to it."""
    order = [colour for _, _, colour in steps]
    green = [n for n, colour in enumerate(order) if colour == "green"]
    neighbours = {order[n + step] for n in green for step in (-1, 1) if 0 <= n + step < len(order)}
    if len(green) > 1:
        return ["green is two bands; expected green as one band (amber and red may be two)"]
    if amber and "amber" not in neighbours:
        return ["amber does not lie next to green; expected green, then amber, then red"]
    return []


def band_direction(bands: dict[str, str], decimals: int) -> str:
    """Where green lies among valid bands: "higher" (at the top), "lower" (at the bottom) or "band"."""
    steps = sorted(
        (*interval.on_grid(decimals), colour)
        for colour in BAND_COLOURS
        for interval in band_intervals(bands.get(colour, ""))
    )
    order = [colour for _, _, colour in steps]
    if order[-1] == "green":
        return "higher"
    if order[0] == "green":
        return "lower"
    return "band"
