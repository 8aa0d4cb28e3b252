"""How the pack writes values, statuses and periods: one place, so tables, charts and narrative agree.

Deliberately free of pandas/matplotlib imports: the narrative helpers use it on every inline expression.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from scorecard.data.importer import month_label, quarter_label
from scorecard.targets import TargetError, parse_target

# Plain strings equal to model.Status / model.Unit values: importing model would import pandas, and the
# narrative helpers must stay light for a cached re-render.
STATUS_TEXT: dict[str, str] = {
    "not_yet_complete": "NYC",
    "not_reported": "not reported",
    "not_applicable": "NA",
    "not_started": "not started",
}
PERCENT, RATE = "percent", "rate_per_10000"
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
    return f"{text}%" if unit == PERCENT else text


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
    if unit == PERCENT:
        return f"{size} percentage points"
    if unit == RATE:
        return f"{size} per 10,000 children"
    return size


def leading_number(text: str) -> float | None:
    """The first number in a published text such as ``19%`` or ``38r``; None for ``N/A``."""
    match = _NUMBER.search(text or "")
    return float(match.group().replace(",", "")) if match else None


def _month(period: str) -> date:
    year, month = period.split("-")
    return date(int(year), int(month), 1)


QUARTERLY = "quarterly"  # model.Frequency.QUARTERLY: a pack of quarters


def period_label(period: str, frequency: str = "monthly", short: bool = False) -> str:
    """``2025-03`` -> ``Mar-25``, the scorecard's column heading; in a quarterly pack the quarter
    that ends in the month: ``Q4 2024/25`` (``short``: ``Q4 24/25``, for a chart's axis)."""
    if frequency != QUARTERLY:
        return month_label(period)
    return quarter_label(period, short)


def quarter_months(period: str) -> str:
    """The three months of the quarter that ends in ``period``: ``January to March 2025``."""
    end = _month(period)
    first = date(end.year - (1 if end.month <= 2 else 0), (end.month - 3) % 12 + 1, 1)
    if first.year == end.year:
        return f"{first:%B} to {end:%B %Y}"
    return f"{first:%B %Y} to {end:%B %Y}"


def month_name(period: str, frequency: str = "monthly") -> str:
    """``2025-03`` -> ``March 2025``; in a quarterly pack ``Q4 2024/25 (January to March 2025)``."""
    if frequency == QUARTERLY:
        return f"{period_label(period, frequency)} ({quarter_months(period)})"
    return _month(period).strftime("%B %Y")


def financial_year(period: str) -> str:
    """The April-March year a period falls in: ``2025-03`` -> ``2024-25``."""
    month = _month(period)
    start = month.year if month.month >= 4 else month.year - 1
    return f"{start}-{(start + 1) % 100:02d}"
