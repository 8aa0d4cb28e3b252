"""How the pack writes values and statuses: one place, so tables, charts and narrative agree (the
names of a period are in ``scorecard.periods``).

Free of pandas and matplotlib: the narrative helpers use it on every inline expression.
"""

from __future__ import annotations

import re
from typing import Any

from scorecard.model import Status, Unit
from scorecard.targets import TargetError, parse_target

STATUS_TEXT: dict[str, str] = {
    Status.NOT_YET_COMPLETE: "NYC",
    Status.NOT_REPORTED: "not reported",
    Status.NOT_APPLICABLE: "NA",
    Status.NOT_STARTED: "not started",
}
NOTHING_PUBLISHED = "—"  # a month with no published cell: shown, never blank or 0

_NUMBER = re.compile(r"[-+]?\d[\d,]*(?:\.\d+)?")


def has_rated_target(target_text: str) -> bool:
    """Whether the target is one values are rated against (not "monitor", "n/a" or blank).

    A target that cannot be read counts as one: validation reports it, and the text is shown as given.
    """
    try:
        return parse_target(target_text).rated
    except TargetError:
        return bool(target_text)


def target_text(target: str, green: str) -> str:
    """The target as the pack shows it: the catalogue's words, else the council's own green band,
    else a dash.

    Examples
    --------
    >>> target_text("90%", "")
    '90%'
    >>> target_text("", "40 - 45")
    'green 40 - 45'
    >>> target_text("", "")
    '—'
    """
    return target or (f"green {green}" if green else NOTHING_PUBLISHED)


def is_missing(value: object) -> bool:
    """None, NaN or pandas' NA (whose truth value raises: that is how it is told apart)."""
    if value is None:
        return True
    try:
        return bool(value != value)  # only NaN is unequal to itself
    except TypeError:
        return True


def format_number(value: float, unit: str, decimals: int) -> str:
    """``1,036``, ``87.4%``, ``100.8``: the value as the scorecard publishes it."""
    text = f"{value:,.{int(decimals)}f}"
    return f"{text}%" if unit == Unit.PERCENT else text


def format_cell(
    value: Any,  # a data frame's cell: a number, or NaN / None / pandas' NA
    status: str,
    unit: str,
    decimals: int,
    count: Any = None,
    base: tuple[float, float] | None = None,
) -> str:
    """A month's cell: the number (with its published count, or ``base``, the numerator and
    denominator of a percentage on a small base: ``38.5% (5 of 13)``), else its status, else a dash."""
    if not is_missing(value):
        text = format_number(float(value), unit, decimals)
        if base is not None:
            return f"{text} ({format_of(*base)})"
        return text if is_missing(count) else f"{text} ({int(count)})"
    if status:
        return STATUS_TEXT.get(status, status.replace("_", " "))
    return NOTHING_PUBLISHED


NBSP = "\u00a0"


def format_of(numerator: float, denominator: float) -> str:
    """``5 of 13``: how many of how many a percentage is (kept on one line: no-break spaces)."""
    return f"{numerator:,.10g}{NBSP}of{NBSP}{denominator:,.10g}"


def format_change(change: float, unit: str, decimals: int) -> str:
    """Size of a change in the indicator's own units, e.g. ``2.9 percentage points``."""
    size = f"{abs(change):,.{int(decimals)}f}"
    if unit == Unit.PERCENT:
        return f"{size} percentage points"
    if unit == Unit.RATE:
        return f"{size} per 10,000 children"
    return size


def leading_number(text: str) -> float | None:
    """The first number in a published text such as ``19%`` or ``38r``; None for ``N/A``."""
    match = _NUMBER.search(text or "")
    return float(match.group().replace(",", "")) if match else None
