"""The exceptions: the indicators that need the board's attention this month, and why, in words.

Which rules make an indicator an exception is a setting (``exceptions`` in settings.yaml, the
``model.ExceptionRule`` names). The default, ``special_cause_concern``, ``consistently_failing`` and
``newly_off_target``, follows NHS England's Making Data Count advice to boards: read SPC before RAG,
so an indicator is an exception for what its process does (a special cause of concern at the latest
point, or limits that say the target will be missed month after month), or for a fall off target the
board has not seen yet; a red rating alone is not. ``red``, ``amber_to_red`` and
``worse_than_target_and_declining`` are there to add.

Each special cause of concern is said in the words of ``signals.fired_in_words`` ("8 months above the
mean since Aug-24"): the board reads the rule, not only the icon. Period labels come from the caller
(``label``: ``2024-10`` -> ``Oct-24``), so this stays pure.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from scorecard.model import Assurance, ExceptionRule, Polarity, Rag, Trend, Variation
from scorecard.rules.frame import Scorecard
from scorecard.rules.signals import fired_in_words
from scorecard.rules.since import RatingChanges
from scorecard.targets import TargetError, parse_target

Label = Callable[[str], str]
WORDS = {"monthly": "month", "quarterly": "quarter", "annual": "year"}
RAG_WORDS = {
    Rag.GREEN: "on target",
    Rag.AMBER: "within tolerance",
    Rag.RED: "off target",
    Rag.NONE: "not rated",
}


@dataclass(frozen=True)
class Reason:
    """One rule an exception meets, and what it says in words."""

    rule: ExceptionRule
    words: str


@dataclass(frozen=True)
class ExceptionEntry:
    """An indicator that needs the board's attention, with every reason, in the settings' order."""

    id: str
    section: str
    reasons: tuple[Reason, ...]

    def words(self) -> str:
        return "; ".join(reason.words for reason in self.reasons)


def _target_above(target: str, polarity: str) -> bool:
    """Whether meeting the target means a higher value (its own words first, else the polarity)."""
    try:
        own = parse_target(target).higher_is_better
    except TargetError:
        own = None
    return own if own is not None else polarity == Polarity.HIGHER


def _words(rule: ExceptionRule, row: dict, fired: str, previous: str, label: Label) -> str:
    rag = RAG_WORDS.get(row["rag"], row["rag"])
    if rule is ExceptionRule.SPECIAL_CAUSE_CONCERN:
        return f"special cause concern: {fired}" if fired else "special cause concern"
    if rule is ExceptionRule.CONSISTENTLY_FAILING:
        side = "above the upper" if _target_above(row["target"], row["polarity"]) else "below the lower"
        return f"consistently failing: the target is {side} process limit"
    if rule is ExceptionRule.NEWLY_OFF_TARGET:
        return f"newly off target: on target in {previous}, {rag} now"
    if rule is ExceptionRule.RED:
        return f"red: {rag}, beyond the tolerance"
    if rule is ExceptionRule.AMBER_TO_RED:
        return f"amber to red: within tolerance in {previous}, off target now"
    then = label(row["previous_period"]) if row["previous_period"] else "before"
    return f"worse than target and declining: {rag}, and worse than {then}"


def _meets(rule: ExceptionRule, row: dict, changes: RatingChanges) -> bool:
    if rule is ExceptionRule.SPECIAL_CAUSE_CONCERN:
        return bool(row["variation"] == Variation.CONCERN)
    if rule is ExceptionRule.CONSISTENTLY_FAILING:
        return bool(row["assurance"] == Assurance.FAIL)
    if rule is ExceptionRule.NEWLY_OFF_TARGET:
        return row["id"] in changes.newly_off_target
    if rule is ExceptionRule.RED:
        return bool(row["rag"] == Rag.RED)
    if rule is ExceptionRule.AMBER_TO_RED:
        return row["id"] in changes.amber_to_red
    return row["rag"] in (Rag.AMBER, Rag.RED) and row["trend"] == Trend.DECLINING


def find_exceptions(
    sc: Scorecard,
    changes: RatingChanges,
    rules: Sequence[ExceptionRule],
    label: Label,
    previous: str | None = None,
) -> list[ExceptionEntry]:
    """Every indicator that meets one of ``rules`` at ``sc.period``, in catalogue order, with each
    rule it meets in words. ``changes``: this pack against the previous one (``previous``, its
    period), for the rules that compare them."""
    before = label(previous) if previous else "the last pack"
    found = []
    for row in sc.indicators.to_dict("records"):
        met = [rule for rule in rules if _meets(rule, row, changes)]
        if not met:
            continue
        fired = fired_in_words(sc, row["id"], label) if ExceptionRule.SPECIAL_CAUSE_CONCERN in met else ""
        reasons = tuple(Reason(rule, _words(rule, row, fired, before, label)) for rule in met)
        found.append(ExceptionEntry(row["id"], row["section"], reasons))
    return found
