"""The narrative's helpers for one indicator's figures: its value and the one before, the change,
its target and benchmarks, its base, its RAG rule (``fmt_value("5")``, ``from_to("3")``).
"""

from __future__ import annotations

from collections.abc import Iterable

from scorecard.pack.display import (
    format_cell,
    format_change,
    format_number,
    format_of,
    has_rated_target,
)
from scorecard.pack.narrative.facts import (
    Inline,
    checked,
    current_facts,
    indicator_facts,
    small_base_figures,
)


@checked(ident="id", period="period")
def fmt_value(ident: str, period: str | None = None) -> Inline:
    """The indicator's value for ``period`` (default: its latest, the report's period, or for an
    annual indicator the year it belongs to) as published; a percentage on a small base with its
    base, as the tables show it: ``38.5% (5 of 13)``.

    Examples
    --------
    >>> fmt_value("5")
    '1,083'
    >>> fmt_value("5", "2025-02")
    '912'
    """
    ind = indicator_facts(ident)
    period = period or ind.value_period or current_facts().period
    return Inline(
        format_cell(
            ind.values.get(period),
            ind.statuses.get(period, ""),
            ind.unit,
            ind.decimals,
            ind.counts.get(period),
            small_base_figures(ind, period),
        )
    )


@checked(ident="id")
def fmt_previous(ident: str) -> Inline:
    """The value of the previous period with data (what the direction of travel compares with).

    Examples
    --------
    >>> fmt_previous("24")
    '44'
    """
    ind = indicator_facts(ident)
    return fmt_value(ident, ind.previous_period) if ind.previous_period else Inline("no earlier value")


@checked(ident="id")
def from_to(ident: str) -> Inline:
    """``from 60.8% to 57.8%``: previous value to this period's.

    Examples
    --------
    >>> from_to("3")
    'from 7.5% to 8.8%'
    """
    return Inline(f"from {fmt_previous(ident)} to {fmt_value(ident)}")


@checked(ident="id")
def fmt_change(ident: str) -> Inline:
    """Size of the change since the previous value, in the indicator's units.

    Examples
    --------
    >>> fmt_change("24")  # 44 last month, 57 this month
    '13'
    """
    ind = indicator_facts(ident)
    period = ind.value_period or current_facts().period
    if period not in ind.values or ind.previous_period not in ind.values:
        return Inline("no comparable change")
    return Inline(format_change(ind.values[period] - ind.values[ind.previous_period], ind.unit, ind.decimals))


@checked(ident="id", up="text", down="text", same="text")
def change_word(
    ident: str, up: str = "an increase", down: str = "a decrease", same: str = "no change"
) -> Inline:
    """The word for the computed direction of travel, so the prose cannot contradict the arrow.

    Examples
    --------
    >>> change_word("24", "a rise", "a fall")  # ID 24 went up
    'a rise'
    """
    return Inline({"up": up, "down": down}.get(indicator_facts(ident).direction, same))


@checked(ident="id")
def fmt_target(ident: str) -> Inline:
    """The target as published, or ``no target``.

    Examples
    --------
    >>> fmt_target("19b")
    '90.0%'
    """
    return Inline(indicator_facts(ident).target or "no target")


@checked(ident="id")
def fmt_sn(ident: str) -> Inline:
    """The statistical neighbours' average the pack shows: computed from the DfE's files where the
    indicator has a DfE measure, else as typed in the catalogue; or ``N/A``.

    Examples
    --------
    >>> fmt_sn("19b")  # typed: the catalogue names no DfE measure for it
    '87%'
    >>> fmt_sn("10")  # the DfE's 2023/24 figures, 9 of the 10 neighbours
    '19.6%'
    """
    return Inline(indicator_facts(ident).sn_average or "N/A")


@checked(idents="ids")
def fmt_sum(idents: Iterable[str]) -> Inline:
    """Sum of this period's values of several indicators, in the first one's format.

    Examples
    --------
    >>> fmt_sum(["29", "30"])
    '5'
    """
    inds = [indicator_facts(i) for i in idents]
    period = current_facts().period
    total = sum(ind.values.get(period, 0.0) for ind in inds)
    return Inline(format_number(total, inds[0].unit, inds[0].decimals))


@checked(ident="id")
def fmt_base(ident: str) -> Inline:
    """How many the published percentage is of: its denominator, or count / percent (14 is 74% of 19).

    Examples
    --------
    >>> fmt_base("55")
    '19'
    """
    ind, period = indicator_facts(ident), current_facts().period
    if period in ind.bases:
        return Inline(f"{ind.bases[period][1]:,.10g}")
    value, count = ind.values.get(period), ind.counts.get(period)
    if not value or count is None:
        return Inline("an unknown number")
    return Inline(f"{round(count * 100 / value):,}")


@checked(ident="id")
def fmt_of(ident: str) -> Inline:
    """How many of how many the latest percentage is, from its numerator and denominator.

    Examples
    --------
    >>> fmt_of("EM-02")  # tests/councils/eastmoor: 84.6% of 13 children
    '11 of 13'

    ``an unknown number`` where the data gives no numerator and denominator.
    """
    ind = indicator_facts(ident)
    base = ind.bases.get(ind.value_period or current_facts().period)
    return Inline(format_of(*base) if base else "an unknown number")


@checked(ident="id", benchmark="benchmark")
def fmt_benchmark(ident: str, benchmark: str = "england") -> Inline:
    """A benchmark's figure, with its year: ``sn_average``, ``england``, ``region`` or ``top_quartile``;
    and, where the pack has DfE benchmarks, ``rank`` (of the councils with a figure) and ``band``.

    Examples
    --------
    >>> fmt_benchmark("NS04", "england")  # tests/councils/northshire
    '332.9 (2023/24)'
    >>> fmt_benchmark("10", "rank")  # the DfE's figures, computed
    '25 of 149 (2023/24)'

    ``not published`` where the data has no figure for it.
    """
    figure, year = indicator_facts(ident).benchmarks.get(benchmark, ("", ""))
    if not figure or figure.lower() in ("n/a", "na"):
        return Inline("not published")
    return Inline(f"{figure} ({year})" if year else figure)


@checked(ident="id")
def fmt_last_year(ident: str) -> Inline:
    """Last year's outturn, with its year.

    Examples
    --------
    >>> fmt_last_year("NS01")  # tests/councils/northshire
    '84.0% in 2023/24'

    ``not published`` where the data has no outturn.
    """
    figure, year = indicator_facts(ident).previous_year
    if not figure:
        return Inline("not published")
    return Inline(f"{figure} in {year}" if year else figure)


@checked(ident="id")
def fmt_rule(ident: str) -> Inline:
    """Which values are green, amber and red for the indicator, at its published decimals.

    Examples
    --------
    >>> fmt_rule("2")
    'green ≥ 90.0%; amber 76.5% to 89.9%; red ≤ 76.4%'

    ``not rated`` for a monitor-only indicator.
    """
    return Inline(indicator_facts(ident).rating_rule or "not rated")


@checked(ident="id")
def against_target(ident: str) -> Inline:
    """This month's figure with its target.

    Examples
    --------
    >>> against_target("19b")
    '72.7% against a target of 90.0%'
    """
    ind = indicator_facts(ident)
    if not has_rated_target(ind.target):
        return Inline(f"{fmt_value(ident)} (no target)")
    return Inline(f"{fmt_value(ident)} against a target of {ind.target}")


@checked(idents="ids")
def range_latest(idents: Iterable[str]) -> Inline:
    """Lowest to highest of several indicators' values this period, e.g. ``12.0% to 68.0%``.

    Examples
    --------
    >>> range_latest(["75", "76", "77"])
    '12.0% to 68.0%'
    """
    period = current_facts().period
    inds = [ind for ind in (indicator_facts(i) for i in idents) if period in ind.values]
    if not inds:
        return Inline("no values this month")
    low = min(inds, key=lambda ind: ind.values[period])
    high = max(inds, key=lambda ind: ind.values[period])
    return Inline(f"{fmt_value(low.id)} to {fmt_value(high.id)}")
