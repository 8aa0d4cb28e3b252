"""The narrative's helpers for the pack's period: its name and heading, month or quarter, the
previous pack, the months shown, the financial year, an indicator's series break.
"""

from __future__ import annotations

from scorecard import periods
from scorecard.pack.narrative.facts import (
    Inline,
    checked,
    current_facts,
    indicator_facts,
)
from scorecard.periods import financial_year, month_name, period_label


@checked()
def period_word() -> Inline:
    """What the pack reports: ``month``, or ``quarter`` in a quarterly pack.

    Examples
    --------
    >>> period_word()
    'month'
    """
    return Inline(periods.period_word(current_facts().frequency))


def period_name(period: str) -> str:
    """A period as the pack names it: ``March 2025``, or a quarterly pack's ``Q4 2024/25 (...)``."""
    return month_name(period, current_facts().frequency)


def period_noun(plural: bool = False) -> str:
    """What the pack reports: month or quarter (months or quarters)."""
    return periods.period_word(current_facts().frequency, plural)


@checked(period="month")
def month(period: str | None = None) -> Inline:
    """``March 2025``: the report's month unless another is given; in a quarterly pack the quarter,
    ``Q4 2024/25 (January to March 2025)``.

    Examples
    --------
    >>> month()
    'March 2025'
    >>> month("2025-02")
    'February 2025'
    """
    facts = current_facts()
    return Inline(month_name(period or facts.period, facts.frequency))


@checked(period="month")
def short_month(period: str | None = None) -> Inline:
    """``Mar-25``, the tables' heading for the report's period; ``Q4 2024/25`` in a quarterly pack.

    Examples
    --------
    >>> short_month()
    'Mar-25'
    """
    facts = current_facts()
    return Inline(period_label(period or facts.period, facts.frequency))


@checked()
def previous_pack() -> Inline:
    """The month of the previous pack, which "Since the last pack" compares with.

    Examples
    --------
    >>> previous_pack()
    'February 2025'
    """
    period = current_facts().previous_pack
    return Inline(period_name(period) if period else "no earlier pack")


@checked()
def months_shown() -> Inline:
    """How many months (or quarters) the tables and charts show.

    Examples
    --------
    >>> months_shown()
    '12'
    """
    return Inline(str(len(current_facts().periods)))


@checked()
def year_label() -> Inline:
    """The financial year of the report's period, e.g. ``2024-25``.

    Examples
    --------
    >>> year_label()
    '2024-25'
    """
    return Inline(financial_year(current_facts().period))


@checked(ident="id")
def series_break_month(ident: str) -> Inline:
    """The month the indicator's new series starts, or ``no series break``.

    Examples
    --------
    >>> series_break_month("84")
    'October 2024'
    """
    brk = indicator_facts(ident).series_break
    return Inline(month_name(brk) if brk else "no series break")
