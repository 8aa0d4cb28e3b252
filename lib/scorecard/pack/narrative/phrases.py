"""The narrative's helpers that put an indicator's movement into words: its rank and record among
the months shown, its run of rises or falls, its move, its SPC reading, its rating against the
previous pack's, its revised figures.
"""

from __future__ import annotations

from scorecard.pack.display import (
    NOTHING_PUBLISHED,
)
from scorecard.pack.narrative.calendar import period_name, period_noun
from scorecard.pack.narrative.facts import (
    IndicatorFacts,
    Inline,
    checked,
    current_facts,
    indicator_facts,
)
from scorecard.pack.narrative.values import fmt_change, fmt_value, from_to
from scorecard.pack.palette import RAG


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
        return Inline(f"not ranked (no figure this {period_noun()})")
    value, whole = series[-1][1], [v for _, v in series]
    shown = [v for p, v in series if p in facts.periods]
    above, below = sum(v > value for v in shown), sum(v < value for v in shown)
    word, rank = ("highest", above) if above <= below else ("lowest", below)
    extreme = max(whole) if word == "highest" else min(whole)
    if len(whole) > len(shown) and whole.count(value) == 1 and value == extreme:
        new = "new " if ind.series_break else ""
        return Inline(f"the {word} since the {new}series began in {period_name(series[0][0])}")
    if ind.series_break and ind.series_break > facts.periods[0]:
        began = period_name(ind.series_break)
        window = f"of the {len(shown)} {period_noun(True)} since the new series began in {began}"
    elif len(shown) < len(facts.periods):
        window = f"of the {len(shown)} {period_noun(True)} with a figure"
    else:
        window = f"of the {len(shown)} {period_noun(True)} shown"
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
        return Inline(f"{word} in each of the last {abs(run)} {period_noun(True)}")
    if run:
        return Inline(f"{word} this {period_noun()}")
    return Inline(
        f"not moved this {period_noun()}" if _series(indicator_facts(ident)) else "no figure to compare"
    )


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
    before = period_name(facts.previous_pack)
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
            f"{period_name(period)}'s figure, {new}, published since the last pack"
            if old == NOTHING_PUBLISHED
            else f"{period_name(period)}'s figure revised from {old} to {new}"
            for period, old, new in revisions
        )
    )
