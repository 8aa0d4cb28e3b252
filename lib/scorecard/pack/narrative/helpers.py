"""Inline helpers for the narrative: ``March saw `{python} fmt_value("5")` contacts``.

They read a ``Facts`` snapshot (plain Python, no pandas) of the current scorecard, set once by the
report's validation cell through ``scorecard.pack.report``; the facts and the argument checks are
``scorecard.pack.narrative.facts``. Keeping them pandas-free means a cached pack can answer every
inline expression without importing the heavy libraries (a narrative edit re-renders fast).
Each returns ``Inline``: text that Quarto inserts as Markdown (its ``_repr_markdown_``), escaped so a
title with ``*`` or ``_`` cannot turn into formatting.
"""

from __future__ import annotations

from collections.abc import Iterable

from scorecard import periods
from scorecard.pack.display import (
    NOTHING_PUBLISHED,
    format_cell,
    format_change,
    format_number,
    format_of,
    has_rated_target,
)
from scorecard.pack.narrative import accounts
from scorecard.pack.narrative.accounts import *  # noqa: F403  (the accountability helpers, one family)
from scorecard.pack.narrative.facts import (
    IndicatorFacts,
    Inline,
    checked,
    current_facts,
    indicator_facts,
    small_base_figures,
)
from scorecard.pack.palette import RAG
from scorecard.periods import financial_year, month_name, period_label

__all__ = [
    "against_target",
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
    "move_phrase",
    "organisation",
    "period_word",
    "population",
    "population_source",
    "previous_pack",
    "range_latest",
    "rank_phrase",
    "rating_change",
    "record_phrase",
    "revision_phrase",
    "run_phrase",
    "section_title",
    "series_break_month",
    "short_month",
    "tolerance",
    "variation_phrase",
    "year_label",
    *accounts.__all__,
]


# --- the helpers ----------------------------------------------------------------------------------


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


@checked()
def period_word() -> Inline:
    """What the pack reports: ``month``, or ``quarter`` in a quarterly pack.

    Examples
    --------
    >>> period_word()
    'month'
    """
    return Inline(periods.period_word(current_facts().frequency))


def _ordinal(n: int) -> str:
    suffix = "th" if 11 <= n % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


@checked(ident="id", high="text", low="text")
def rank_phrase(ident: str, high: str = "largest", low: str = "smallest") -> Inline:
    """Where this period's value ranks in the displayed months: ``the largest``, ``the 3rd smallest``.

    Examples
    --------
    >>> rank_phrase("5")  # the highest of the 12 months shown
    'the largest'
    """
    ind, facts = indicator_facts(ident), current_facts()
    window = [ind.values[p] for p in facts.periods if p in ind.values]
    value = ind.values.get(facts.period)
    if value is None:
        return Inline("not ranked (no value this month)")
    above = sum(v > value for v in window) + 1
    below = sum(v < value for v in window) + 1
    if above <= below:
        return Inline(f"the {high}" if above == 1 else f"the {_ordinal(above)} {high}")
    return Inline(f"the {low}" if below == 1 else f"the {_ordinal(below)} {low}")


def _series(ind: IndicatorFacts) -> list[tuple[str, float]]:
    """(period, value rounded as published) of the comparable series up to the pack's period: from
    the series break on, where there is one."""
    period = current_facts().period
    return [
        (p, round(v, ind.decimals))
        for p, v in sorted(ind.values.items())
        if p <= period and p >= (ind.series_break or "")
    ]


def _name(period: str) -> str:
    """A period as the pack names it: ``March 2025``, or a quarterly pack's ``Q4 2024/25 (...)``."""
    return month_name(period, current_facts().frequency)


def _word(plural: bool = False) -> str:
    """What the pack reports: month or quarter (months or quarters)."""
    return periods.period_word(current_facts().frequency, plural)


@checked(ident="id")
def record_phrase(ident: str) -> Inline:
    """Where this month's value stands among the months shown, or in the whole series when it is the
    highest or lowest since the series began (from its series break, where it has one).

    Examples
    --------
    >>> record_phrase("5")
    'the highest of the 12 months shown'
    """
    ind, facts = indicator_facts(ident), current_facts()
    series = _series(ind)
    if not series or series[-1][0] != facts.period:
        return Inline(f"not ranked (no figure this {_word()})")
    value, whole = series[-1][1], [v for _, v in series]
    shown = [v for p, v in series if p in facts.periods]
    above, below = sum(v > value for v in shown), sum(v < value for v in shown)
    word, rank = ("highest", above) if above <= below else ("lowest", below)
    extreme = max(whole) if word == "highest" else min(whole)
    if len(whole) > len(shown) and whole.count(value) == 1 and value == extreme:
        new = "new " if ind.series_break else ""
        return Inline(f"the {word} since the {new}series began in {_name(series[0][0])}")
    if ind.series_break and ind.series_break > facts.periods[0]:
        window = f"of the {len(shown)} {_word(True)} since the new series began in {_name(ind.series_break)}"
    elif len(shown) < len(facts.periods):
        window = f"of the {len(shown)} {_word(True)} with a figure"
    else:
        window = f"of the {len(shown)} {_word(True)} shown"
    place = ("joint " if shown.count(value) > 1 else "") + (
        word if rank == 0 else f"{_ordinal(rank + 1)} {word}"
    )
    return Inline(f"the {place} {window}")


@checked(ident="id")
def months_rising(ident: str) -> Inline:
    """How many consecutive month-on-month rises end at this period.

    Examples
    --------
    >>> months_rising("84")
    '2'
    """
    ind, facts = indicator_facts(ident), current_facts()
    periods = [p for p in facts.periods if p in ind.values]
    rises = 0
    for earlier, later in zip(reversed(periods[:-1]), reversed(periods[1:]), strict=True):
        if ind.values[later] <= ind.values[earlier]:
            break
        rises += 1
    return Inline(str(rises))


def run_length(ind: IndicatorFacts) -> int:
    """The run ending at the pack's period: consecutive rises (> 0) or falls (< 0) between the
    figures of the comparable series, at the published decimals; 0 when the last one did not move."""
    values = [v for _, v in _series(ind)]
    if len(values) < 2 or _series(ind)[-1][0] != current_facts().period:
        return 0
    sign = (values[-1] > values[-2]) - (values[-1] < values[-2])
    run = 0
    for earlier, later in zip(reversed(values[:-1]), reversed(values[1:]), strict=True):
        if sign == 0 or (later - earlier) * sign <= 0:
            break
        run += 1
    return run * sign


@checked(ident="id")
def run_phrase(ident: str) -> Inline:
    """The run of rises or falls that ends this month, in words.

    Examples
    --------
    >>> run_phrase("13")
    'fallen in each of the last 3 months'
    """
    run = run_length(indicator_facts(ident))
    word = "risen" if run > 0 else "fallen"
    if abs(run) >= 2:
        return Inline(f"{word} in each of the last {abs(run)} {_word(True)}")
    if run:
        return Inline(f"{word} this {_word()}")
    return Inline(f"not moved this {_word()}" if _series(indicator_facts(ident)) else "no figure to compare")


@checked(ident="id")
def move_phrase(ident: str) -> Inline:
    """This month's move in the indicator's own units, with the two figures.

    Examples
    --------
    >>> move_phrase("21")
    'up 20.0 percentage points, from 71.4% to 91.4%'
    """
    ind = indicator_facts(ident)
    if ind.direction == "none":
        return Inline(f"{fmt_value(ident)}, with no earlier figure to compare")
    if ind.direction == "same":
        return Inline(f"unchanged at {fmt_value(ident)}")
    word = "up" if ind.direction == "up" else "down"
    return Inline(f"{word} {fmt_change(ident)}, {from_to(ident)}")


_VARIATION_WORDS = {
    "improvement": "special cause improvement",
    "concern": "special cause concern",
    "common_cause": "common cause variation",
    "neutral_high": "special cause variation, unusually high",
    "neutral_low": "special cause variation, unusually low",
    "too_few_points": "too few points to judge its variation",
    "none": "no SPC reading (no figure this month)",
}


@checked(ident="id")
def variation_phrase(ident: str) -> Inline:
    """The SPC reading of this month's point, in words.

    Examples
    --------
    >>> variation_phrase("3")
    'special cause concern'
    """
    return Inline(
        _VARIATION_WORDS.get(
            indicator_facts(ident).variation, indicator_facts(ident).variation.replace("_", " ")
        )
    )


@checked(ident="id")
def rating_change(ident: str) -> Inline:
    """This month's rating against the one the previous pack showed, in words.

    Examples
    --------
    >>> rating_change("3")
    'within tolerance, from on target in February 2025'
    """
    ind, facts = indicator_facts(ident), current_facts()
    now = RAG[ind.rag].word
    if not facts.previous_pack:
        return Inline(f"{now} (no earlier pack to compare)")
    before = _name(facts.previous_pack)
    if ind.previous_pack_rag == ind.rag:
        return Inline(f"{now}, as in {before}")
    return Inline(f"{now}, from {RAG[ind.previous_pack_rag].word} in {before}")


@checked(ident="id")
def revision_phrase(ident: str) -> Inline:
    """The indicator's figures revised since the last pack: the month, and the figure before and after.

    Examples
    --------
    >>> revision_phrase("5")
    "February 2025's figure revised from 912 to 915"
    """
    revisions = indicator_facts(ident).revisions
    if not revisions:
        return Inline("no figures revised since the last pack")
    return Inline(
        "; ".join(
            f"{_name(period)}'s figure, {new}, published since the last pack"
            if old == NOTHING_PUBLISHED
            else f"{_name(period)}'s figure revised from {old} to {new}"
            for period, old, new in revisions
        )
    )


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
    return Inline(_name(period) if period else "no earlier pack")


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


@checked(key="section")
def section_title(key: str) -> Inline:
    """A section's title, from settings.yaml (``key``: the section's key).

    Examples
    --------
    >>> section_title("workforce")
    'A Stable and able workforce'
    """
    return Inline(current_facts().sections[key])


@checked(section="section")
def count_indicators(section: str | None = None) -> Inline:
    """How many indicators the pack has, or one section has (``section``: its key from settings.yaml).

    Examples
    --------
    >>> count_indicators()
    '96'
    >>> count_indicators("workforce")
    '17'
    """
    return Inline(str(len(_select(section))))


@checked(rag="rag", section="section")
def count_rag(rag: str, section: str | None = None) -> Inline:
    """How many indicators have this latest RAG rating (green, amber, red or none), in all or one section.

    Examples
    --------
    >>> count_rag("amber")
    '15'
    >>> count_rag("red", "workforce")
    '12'
    """
    return Inline(str(sum(ind.rag == rag for ind in _select(section))))


@checked(trend="trend")
def count_trend(trend: str) -> Inline:
    """How many indicators have this direction of travel (improving, declining, no_change, not_applicable).

    Examples
    --------
    >>> count_trend("improving")
    '28'
    """
    return Inline(str(sum(ind.trend == trend for ind in _select(None))))


@checked(variation="variation")
def count_variation(variation: str) -> Inline:
    """How many indicators show this SPC variation (improvement, concern, neither, common_cause, ...).

    Examples
    --------
    >>> count_variation("concern")
    '7'
    """
    return Inline(str(sum(ind.variation == variation for ind in _select(None))))


def _select(section: str | None) -> list[IndicatorFacts]:
    facts = current_facts()
    return [ind for ind in facts.indicators.values() if section is None or ind.section == section]


@checked()
def population() -> Inline:
    """The child population the rates are per 10,000 of, from settings.yaml, or ``not stated``.

    Examples
    --------
    >>> population()
    '81,634'
    """
    population = current_facts().population
    return Inline("not stated" if population is None else f"{population:,}")


@checked()
def population_source() -> Inline:
    """Where the child population figure comes from, and its year.

    Examples
    --------
    >>> population_source()
    'ONS mid-year population estimate, 2023'
    """
    facts = current_facts()
    if facts.population is None:
        return Inline("not stated (settings.yaml has no population)")
    return Inline(f"{facts.population_source}, {facts.population_year}")


@checked()
def tolerance() -> Inline:
    """How far from its target an amber indicator may be, from settings.yaml (rag_tolerance).

    Examples
    --------
    >>> tolerance()
    '15%'
    """
    return Inline(f"{current_facts().tolerance * 100:g}%")


@checked()
def amber_words() -> Inline:
    """What amber means in this pack, for the summary's sentence.

    Examples
    --------
    >>> amber_words()
    'within 15% of their target'

    With indicators rated by their own bands or tolerance:
    ``amber (within 15% of their target, or their own tolerance or amber band)``.
    """
    facts = current_facts()
    words = f"within {tolerance()} of their target"
    return Inline(f"amber ({words}, or their own tolerance or amber band)" if facts.own_rules else words)


@checked()
def organisation() -> Inline:
    """The council's name, from settings.yaml.

    Examples
    --------
    >>> organisation()
    'Cheshire East Council'
    """
    return Inline(current_facts().organisation)
