"""Inline helpers for the narrative: ``March saw `{python} fmt_value("5")` contacts``.

They read a ``Facts`` snapshot (plain Python, no pandas) of the current scorecard, set once by the
report's setup cell through ``scorecard.pack.report``. Keeping them pandas-free means a cached pack can
answer every inline expression without importing the heavy libraries (issue 5's warm re-render).
Each returns ``Inline``: text that Quarto inserts as Markdown (its ``_repr_markdown_``), escaped so a
title with ``*`` or ``_`` cannot turn into formatting.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from scorecard.model import complete_values
from scorecard.pack.escape import markdown_text
from scorecard.pack.formats import (
    QUARTERLY,
    financial_year,
    format_cell,
    format_change,
    format_number,
    format_of,
    is_missing,
    month_name,
    period_label,
)

if TYPE_CHECKING:  # only for annotations: the frame module is the logic engineer's
    from scorecard.rules.frame import Scorecard

__all__ = [
    "amber_words",
    "change_word",
    "count_indicators",
    "count_rag",
    "count_trend",
    "count_variation",
    "fmt_base",
    "fmt_benchmark",
    "fmt_change",
    "fmt_last_year",
    "fmt_of",
    "fmt_previous",
    "fmt_rule",
    "fmt_sn",
    "fmt_sum",
    "fmt_target",
    "fmt_value",
    "from_to",
    "month",
    "months_rising",
    "months_shown",
    "organisation",
    "period_word",
    "population",
    "population_source",
    "range_latest",
    "rank_phrase",
    "section_title",
    "series_break_month",
    "short_month",
    "tolerance",
    "year_label",
]


class Inline(str):
    """A narrative string; Jupyter shows it as escaped Markdown (``scorecard.pack.escape``), so no
    quotes appear in the text and nothing in it can become formatting, math, a link or a shortcode."""

    __slots__ = ()

    def _repr_markdown_(self) -> str:
        return markdown_text(self)


@dataclass(frozen=True)
class IndicatorFacts:
    id: str
    section: str
    title: str
    unit: str
    decimals: int
    target: str
    sn_average: str
    series_break: str
    values: dict[str, float]  # period -> value, every period up to the report period
    statuses: dict[str, str]  # period -> status where there is no number
    counts: dict[str, int]  # period -> published count, e.g. 4 of "67% (4)"
    rag: str
    direction: str
    trend: str
    previous_period: str
    variation: str
    assurance: str
    value_period: str = ""  # the period the latest figure is for (an annual one: up to a year back)
    bases: dict[str, tuple[float, float]] = field(default_factory=dict)  # period -> (numerator, denominator)
    benchmarks: dict[str, tuple[str, str]] = field(default_factory=dict)  # column -> (figure, year)
    previous_year: tuple[str, str] = ("", "")  # last year's outturn and its year
    rating_rule: str = ""


@dataclass(frozen=True)
class Facts:
    period: str
    periods: list[str]  # the displayed months, ascending
    organisation: str
    population: int | None
    population_source: str
    population_year: int | None
    tolerance: float
    sections: dict[str, str]  # key -> title
    indicators: dict[str, IndicatorFacts] = field(default_factory=dict)
    frequency: str = "monthly"  # the pack's: monthly, or quarterly
    small_base: int = 20
    own_rules: int = 0  # indicators rated by their own bands or tolerance


def facts_from(sc: Scorecard) -> Facts:
    """Snapshot of a ``scorecard.rules.frame.Scorecard`` for the narrative helpers."""
    settings = sc.settings
    catalogue = sc.data.catalogue
    breaks = dict(zip(catalogue["id"], catalogue["series_break"], strict=True))
    values = complete_values(sc.data.values)
    values = values[values["period"] <= sc.period]
    by_id: dict[str, tuple[dict, dict, dict, dict]] = {}
    columns = ("id", "period", "value", "status", "count", "numerator", "denominator")
    for ident, period, value, status, count, top, bottom in zip(*(values[c] for c in columns), strict=True):
        numbers, statuses, counts, bases = by_id.setdefault(ident, ({}, {}, {}, {}))
        if is_missing(value):
            statuses[period] = status
        else:
            numbers[period] = float(value)
        if not is_missing(count):
            counts[period] = int(count)
        if not is_missing(bottom) and not is_missing(top):
            bases[period] = (float(top), float(bottom))
    indicators = {}
    benchmark_columns = ("sn_average", "england", "region", "top_quartile")
    for row in sc.indicators.to_dict("records"):
        numbers, statuses, counts, bases = by_id.get(row["id"], ({}, {}, {}, {}))
        indicators[row["id"]] = IndicatorFacts(
            row["id"],
            row["section"],
            row["title"],
            row["unit"],
            int(row["decimals"]),
            row["target"],
            row["sn_average"],
            breaks.get(row["id"], ""),
            numbers,
            statuses,
            counts,
            row["rag"],
            row["direction"],
            row["trend"],
            row["previous_period"] or "",
            row["variation"],
            row["assurance"],
            row["value_period"] or "",
            bases,
            {column: (row[column], row[f"{column}_year"]) for column in benchmark_columns},
            (row["previous_year"], row["previous_year_period"]),
            row["rating_rule"],
        )
    return Facts(
        sc.period,
        list(sc.periods),
        settings.organisation,
        settings.population,
        settings.population_source,
        settings.population_year,
        settings.rag_tolerance,
        {s.key: s.title for s in settings.sections},
        indicators,
        str(settings.frequency),
        settings.small_base,
        int(((sc.indicators["green"] != "") | (sc.indicators["tolerance"] != "")).sum()),
    )


_current: Facts | None = None


def use(facts: Facts) -> None:
    """Make ``facts`` the scorecard the helpers describe (the report's setup cell calls this)."""
    global _current
    _current = facts


def _facts() -> Facts:
    if _current is None:
        raise RuntimeError("no scorecard is open: run the report's setup cell (open_pack) first")
    return _current


def _ind(ident: str) -> IndicatorFacts:
    facts = _facts()
    if ident not in facts.indicators:
        raise KeyError(f"indicator ID {ident!r} is not in the catalogue")
    return facts.indicators[ident]


def _small(ind: IndicatorFacts, period: str) -> tuple[float, float] | None:
    """The numerator and denominator of a percentage on a small base, to show beside it."""
    base = ind.bases.get(period)
    small = base is not None and ind.unit == "percent" and base[1] < _facts().small_base
    return base if small else None


def fmt_value(ident: str, period: str | None = None) -> Inline:
    """The indicator's value for ``period`` (default: its latest, the report's period, or for an
    annual indicator the year it belongs to) as published; a percentage on a small base with its
    base, as the tables show it: ``38.5% (5 of 13)``."""
    ind = _ind(ident)
    period = period or ind.value_period or _facts().period
    return Inline(
        format_cell(
            ind.values.get(period),
            ind.statuses.get(period, ""),
            ind.unit,
            ind.decimals,
            ind.counts.get(period),
            _small(ind, period),
        )
    )


def fmt_previous(ident: str) -> Inline:
    """The value of the previous period with data (what the direction of travel compares with)."""
    ind = _ind(ident)
    return fmt_value(ident, ind.previous_period) if ind.previous_period else Inline("no earlier value")


def from_to(ident: str) -> Inline:
    """``from 60.8% to 57.8%``: previous value to this period's."""
    return Inline(f"from {fmt_previous(ident)} to {fmt_value(ident)}")


def fmt_change(ident: str) -> Inline:
    """Size of the change since the previous value, in the indicator's units."""
    ind = _ind(ident)
    period = ind.value_period or _facts().period
    if period not in ind.values or ind.previous_period not in ind.values:
        return Inline("no comparable change")
    return Inline(format_change(ind.values[period] - ind.values[ind.previous_period], ind.unit, ind.decimals))


def change_word(
    ident: str, up: str = "an increase", down: str = "a decrease", same: str = "no change"
) -> Inline:
    """The word for the computed direction of travel, so the prose cannot contradict the arrow."""
    return Inline({"up": up, "down": down}.get(_ind(ident).direction, same))


def fmt_target(ident: str) -> Inline:
    return Inline(_ind(ident).target or "no target")


def fmt_sn(ident: str) -> Inline:
    return Inline(_ind(ident).sn_average or "N/A")


def fmt_sum(idents: Iterable[str]) -> Inline:
    """Sum of this period's values of several indicators, in the first one's format."""
    inds = [_ind(i) for i in idents]
    period = _facts().period
    total = sum(ind.values.get(period, 0.0) for ind in inds)
    return Inline(format_number(total, inds[0].unit, inds[0].decimals))


def fmt_base(ident: str) -> Inline:
    """How many the published percentage is of: its denominator, or count / percent (14 is 74% of 19)."""
    ind, period = _ind(ident), _facts().period
    if period in ind.bases:
        return Inline(f"{ind.bases[period][1]:,.10g}")
    value, count = ind.values.get(period), ind.counts.get(period)
    if not value or count is None:
        return Inline("an unknown number")
    return Inline(f"{round(count * 100 / value):,}")


def fmt_of(ident: str) -> Inline:
    """How many of how many the latest percentage is, from its numerator and denominator.

    Examples
    --------
    >>> fmt_of("EM-02")  # tests/councils/eastmoor: 84.6% of 13 children
    '11 of 13'

    ``an unknown number`` where the data gives no numerator and denominator.
    """
    ind = _ind(ident)
    base = ind.bases.get(ind.value_period or _facts().period)
    return Inline(format_of(*base) if base else "an unknown number")


BENCHMARK_NAMES = {
    "sn_average": "the statistical neighbour average",
    "england": "England",
    "region": "the region",
    "top_quartile": "the top quartile",
}


def fmt_benchmark(ident: str, benchmark: str = "england") -> Inline:
    """A benchmark's figure, with its year: ``sn_average``, ``england``, ``region`` or ``top_quartile``.

    Examples
    --------
    >>> fmt_benchmark("NS04", "england")  # tests/councils/northshire
    '332.9 (2023/24)'

    ``not published`` where the data has no figure for it.
    """
    if benchmark not in BENCHMARK_NAMES:
        raise KeyError(f"benchmark {benchmark!r}: expected one of {', '.join(BENCHMARK_NAMES)}")
    figure, year = _ind(ident).benchmarks.get(benchmark, ("", ""))
    if not figure or figure.lower() in ("n/a", "na"):
        return Inline("not published")
    return Inline(f"{figure} ({year})" if year else figure)


def fmt_last_year(ident: str) -> Inline:
    """Last year's outturn, with its year.

    Examples
    --------
    >>> fmt_last_year("NS01")  # tests/councils/northshire
    '84.0% in 2023/24'

    ``not published`` where the data has no outturn.
    """
    figure, year = _ind(ident).previous_year
    if not figure:
        return Inline("not published")
    return Inline(f"{figure} in {year}" if year else figure)


def fmt_rule(ident: str) -> Inline:
    """Which values are green, amber and red for the indicator, at its published decimals.

    Examples
    --------
    >>> fmt_rule("2")
    'green ≥ 90.0%; amber 76.5% to 89.9%; red ≤ 76.4%'

    ``not rated`` for a monitor-only indicator.
    """
    return Inline(_ind(ident).rating_rule or "not rated")


def period_word() -> Inline:
    """What the pack reports: ``month``, or ``quarter`` in a quarterly pack.

    Examples
    --------
    >>> period_word()
    'month'
    """
    return Inline("quarter" if _facts().frequency == QUARTERLY else "month")


def _ordinal(n: int) -> str:
    suffix = "th" if 11 <= n % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def rank_phrase(ident: str, high: str = "largest", low: str = "smallest") -> Inline:
    """Where this period's value ranks in the displayed months: ``the largest``, ``the 3rd smallest``."""
    ind, facts = _ind(ident), _facts()
    window = [ind.values[p] for p in facts.periods if p in ind.values]
    value = ind.values.get(facts.period)
    if value is None:
        return Inline("not ranked (no value this month)")
    above = sum(v > value for v in window) + 1
    below = sum(v < value for v in window) + 1
    if above <= below:
        return Inline(f"the {high}" if above == 1 else f"the {_ordinal(above)} {high}")
    return Inline(f"the {low}" if below == 1 else f"the {_ordinal(below)} {low}")


def months_rising(ident: str) -> Inline:
    """How many consecutive month-on-month rises end at this period."""
    ind, facts = _ind(ident), _facts()
    periods = [p for p in facts.periods if p in ind.values]
    rises = 0
    for earlier, later in zip(reversed(periods[:-1]), reversed(periods[1:]), strict=True):
        if ind.values[later] <= ind.values[earlier]:
            break
        rises += 1
    return Inline(str(rises))


def range_latest(idents: Iterable[str]) -> Inline:
    """Lowest to highest of several indicators' values this period, e.g. ``12.0% to 68.0%``."""
    period = _facts().period
    inds = [ind for ind in (_ind(i) for i in idents) if period in ind.values]
    if not inds:
        return Inline("no values this month")
    low = min(inds, key=lambda ind: ind.values[period])
    high = max(inds, key=lambda ind: ind.values[period])
    return Inline(f"{fmt_value(low.id)} to {fmt_value(high.id)}")


def month(period: str | None = None) -> Inline:
    """``March 2025``: the report's month unless another is given; in a quarterly pack the quarter,
    ``Q4 2024/25 (January to March 2025)``."""
    facts = _facts()
    return Inline(month_name(period or facts.period, facts.frequency))


def short_month(period: str | None = None) -> Inline:
    """``Mar-25``, the tables' heading for the report's period; ``Q4 2024/25`` in a quarterly pack."""
    facts = _facts()
    return Inline(period_label(period or facts.period, facts.frequency))


def months_shown() -> Inline:
    return Inline(str(len(_facts().periods)))


def year_label() -> Inline:
    """The financial year of the report's period, e.g. ``2024-25``."""
    return Inline(financial_year(_facts().period))


def series_break_month(ident: str) -> Inline:
    brk = _ind(ident).series_break
    return Inline(month_name(brk) if brk else "no series break")


def section_title(key: str) -> Inline:
    return Inline(_facts().sections[key])


def count_indicators(section: str | None = None) -> Inline:
    return Inline(str(len(_select(section))))


def count_rag(rag: str, section: str | None = None) -> Inline:
    return Inline(str(sum(ind.rag == rag for ind in _select(section))))


def count_trend(trend: str) -> Inline:
    return Inline(str(sum(ind.trend == trend for ind in _select(None))))


def count_variation(variation: str) -> Inline:
    return Inline(str(sum(ind.variation == variation for ind in _select(None))))


def _select(section: str | None) -> list[IndicatorFacts]:
    facts = _facts()
    return [ind for ind in facts.indicators.values() if section is None or ind.section == section]


def population() -> Inline:
    population = _facts().population
    return Inline("not stated" if population is None else f"{population:,}")


def population_source() -> Inline:
    facts = _facts()
    if facts.population is None:
        return Inline("not stated (settings.yaml has no population)")
    return Inline(f"{facts.population_source}, {facts.population_year}")


def tolerance() -> Inline:
    return Inline(f"{_facts().tolerance * 100:g}%")


def amber_words() -> Inline:
    """What amber means in this pack, for the summary's sentence.

    Examples
    --------
    >>> amber_words()
    'within 15% of their target'

    With indicators rated by their own bands or tolerance:
    ``amber (within 15% of their target, or their own tolerance or amber band)``.
    """
    facts = _facts()
    words = f"within {tolerance()} of their target"
    return Inline(f"amber ({words}, or their own tolerance or amber band)" if facts.own_rules else words)


def organisation() -> Inline:
    return Inline(_facts().organisation)
