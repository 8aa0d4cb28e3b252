"""The narrative's helpers that count indicators (in all or one section, by RAG, trend or SPC
variation), and that give the pack's own names and figures from settings.yaml.
"""

from __future__ import annotations

from scorecard.pack.narrative.facts import (
    IndicatorFacts,
    Inline,
    checked,
    current_facts,
)


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


@checked(key="section")
def section_title(key: str) -> Inline:
    """A section's title, from settings.yaml (``key``: the section's key).

    Examples
    --------
    >>> section_title("workforce")
    'A Stable and able workforce'
    """
    return Inline(current_facts().sections[key])


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
