"""The accountability helpers: which indicators are exceptions, why, what is said and done about them.

``reason("19b")`` says why an indicator is an exception this month, in words; the counts say how many
exceptions there are and how many lack commentary or an open action; ``open_actions`` and
``overdue_count`` read the action log. Like every helper they read the facts (cached, pandas-free),
and, for commentary written inline, the blocks the report read from the section files this run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from scorecard.pack.narrative.commentary import Commentary, answered, by_indicator, current_commentary, plain
from scorecard.pack.narrative.facts import (
    ActionFacts,
    Facts,
    Inline,
    checked,
    current_facts,
    indicator_facts,
)
from scorecard.periods import month_name

__all__ = [
    "exceptions_count",
    "open_actions",
    "overdue_count",
    "reason",
    "unactioned_count",
    "uncommented_count",
]


def exception_ids(facts: Facts, section: str | None = None) -> list[str]:
    """The exceptions' IDs (in a section), in catalogue order."""
    return [
        i
        for i, ind in facts.indicators.items()
        if ind.reasons and (section is None or ind.section == section)
    ]


def open_for(facts: Facts, ident: str) -> list[ActionFacts]:
    """The indicator's open actions, overdue first, then by due month."""
    found = [a for a in facts.actions if a.status == "open" and ident in a.ids]
    return sorted(found, key=lambda a: (not a.overdue(facts.period), a.due or "9999-99", a.row))


def gaps(facts: Facts, blocks: Iterable[Commentary], section: str | None = None) -> list[tuple[str, str]]:
    """(id, what it lacks) for each exception without commentary for the pack's period (inline, or
    kept from the council's file): ``commentary``; and without an open action: ``action``."""
    written = by_indicator(blocks, facts.period)
    found = []
    for ident in exception_ids(facts, section):
        if ident not in written and ident not in facts.file_commentary:
            found.append((ident, "commentary"))
        if not open_for(facts, ident):
            found.append((ident, "action"))
    return found


@checked(ident="id")
def reason(ident: str) -> Inline:
    """Why the indicator is an exception this month: each rule it meets, in words.

    Examples
    --------
    >>> reason("23")
    'special cause concern: 7 months above the mean since Sep-24'
    """
    ind = indicator_facts(ident)
    return Inline("; ".join(ind.reasons) if ind.reasons else "not an exception")


@checked(section="section")
def exceptions_count(section: str | None = None) -> Inline:
    """How many indicators (in a section) are exceptions this month, by the settings' rules.

    Examples
    --------
    >>> exceptions_count()
    '16'
    """
    return Inline(str(len(exception_ids(current_facts(), section))))


@checked(section="section")
def uncommented_count(section: str | None = None) -> Inline:
    """How many exceptions (in a section) have no commentary for this month.

    Examples
    --------
    >>> uncommented_count()
    '8'
    """
    lacking = gaps(current_facts(), current_commentary(), section)
    return Inline(str(sum(what == "commentary" for _, what in lacking)))


@checked(section="section")
def unactioned_count(section: str | None = None) -> Inline:
    """How many exceptions (in a section) have no open action in the action log.

    Examples
    --------
    >>> unactioned_count()
    '16'
    """
    return Inline(str(sum(what == "action" for _, what in gaps(current_facts(), [], section))))


def _action_words(action: ActionFacts, period: str) -> str:
    due = f"due {month_name(action.due)}" if action.due else "no due date"
    late = ", overdue" if action.overdue(period) else ""
    return f"{action.action} ({action.owner}, {due}{late})"


@checked(ident="id")
def open_actions(ident: str) -> Inline:
    """The indicator's open actions with owner and due month, overdue first.

    Examples
    --------
    >>> open_actions("19b")
    'no open action'
    """
    found = open_for(current_facts(), ident)
    if not found:
        return Inline("no open action")
    return Inline("; ".join(_action_words(a, current_facts().period) for a in found))


@checked()
def overdue_count() -> Inline:
    """How many open actions are overdue: due before the pack's month.

    Examples
    --------
    >>> overdue_count()
    '0'
    """
    facts = current_facts()
    return Inline(str(sum(a.overdue(facts.period) for a in facts.actions)))


def account_columns(
    facts: Facts, blocks: Iterable[Commentary], helpers: Mapping[str, Callable[..., object]]
) -> dict[str, dict[str, object]]:
    """Each indicator's accountability, as the export and the web page's downloads carry it:
    ``exception`` (True or False), ``exception_reasons`` (in words), ``commentary`` (the text the pack
    shows: inline commentary answered, else the council's file's) and ``open_actions`` (each with
    its owner and due month, overdue first). ``helpers`` answer inline expressions, on ``facts``
    (which must be the ones in use)."""
    written = by_indicator(blocks, facts.period)
    found = {}
    for ident, ind in facts.indicators.items():
        if ident in written:
            said = " ".join(plain(answered(block, helpers)) for block in written[ident])
        else:
            said = facts.file_commentary.get(ident, ("", ""))[0]
        doing = "; ".join(_action_words(a, facts.period) for a in open_for(facts, ident))
        found[ident] = {
            "exception": bool(ind.reasons),
            "exception_reasons": "; ".join(ind.reasons),
            "commentary": said,
            "open_actions": doing,
        }
    return found
