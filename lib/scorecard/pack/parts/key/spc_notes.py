"""What the key and the data notes say about SPC: the icons' meanings, the rule set in words, where
the pack departs from Making Data Count's tools, and each indicator's new limits and baseline."""

from __future__ import annotations

from typing import TYPE_CHECKING

from scorecard.model import Frequency, SpcRules, complete_catalogue
from scorecard.pack.output.escape import markdown_text as md
from scorecard.periods import month_name
from scorecard.rules import SERIES_BREAK, baseline_of

if TYPE_CHECKING:  # only for annotations
    from scorecard.rules import Scorecard

VARIATION_MEANINGS = {
    "common_cause": "common cause, within the variation the process always shows",
    "improvement_high": "special cause improvement, high: unusually high, where higher is better",
    "improvement_low": "special cause improvement, low: unusually low, where lower is better",
    "concern_high": "special cause concern, high: unusually high, where lower is better",
    "concern_low": "special cause concern, low: unusually low, where higher is better",
    "neither_high": "special cause, high, where neither direction is better",
    "neither_low": "special cause, low, where neither direction is better",
}
ASSURANCE_MEANINGS = {
    "pass": "consistently passing: the target lies outside the process limits, on the good side",
    "fail": "consistently failing: the target lies outside the process limits, on the bad side",
    "hit_and_miss": "hit and miss: the target lies inside the process limits, so it will be met some "
    "months and missed in others",
}
SPC_RULES = {
    SpcRules.MDC_2023: (
        "Making Data Count's rules as they stand (since November 2023): a point beyond the process "
        "limits; 7 points each higher (or lower) than the one before; two of three points beyond two "
        "sigma, on one side of the mean; 7 points on one side of the mean. Where a point is both "
        "improvement and concern, improvement is shown, as in MDC's own tool. Unlike MDC's Excel tools, "
        "a moving range of 3.267 times the average or more is left out of the limits (as NHSRplotthedots "
        "does). docs/spc.md lists every choice"
    ),
    SpcRules.PLOTTHEDOTS_02: (
        "NHSRplotthedots 0.2.2's rules (spc_rules: plotthedots-0.2): a point beyond the process limits; "
        "7 points each higher (or lower) than the one before; two of three points between two and three "
        "sigma, on one side of the mean; 7 points on one side of the mean; the first rule in that order "
        "decides a point's reading. A moving range of 3.267 times the average or more is left out of the "
        "limits. docs/spc.md lists every choice"
    ),
}


def baselines(sc: Scorecard) -> dict[int, list[str]]:
    """The indicators of the pack with a baseline, by its number of points."""
    held: dict[int, list[str]] = {}
    catalogue = complete_catalogue(sc.data.catalogue)
    shown = set(sc.indicators["id"])
    for ident, own in zip(catalogue["id"], catalogue["baseline"], strict=True):
        baseline = baseline_of(own, sc.settings)
        if baseline is not None and ident in shown:
            held.setdefault(baseline, []).append(ident)
    return held


def rebase_notes(sc: Scorecard) -> list[str]:
    """The data notes' lines on new SPC limits: each series break, each rebase with its reason, and
    the baselines."""
    word = "quarter" if sc.frequency == Frequency.QUARTERLY else "month"
    titles = dict(zip(sc.indicators["id"], sc.indicators["title"], strict=True))
    breaks = dict(zip(sc.data.catalogue["id"], sc.data.catalogue["series_break"], strict=True))
    lines = []
    for ident, rebases in sc.rebases.items():
        if ident not in titles:
            continue
        said = []
        for rebase in rebases:
            when = month_name(rebase.start, sc.frequency)
            why = "" if rebase.reason == SERIES_BREAK else f" ({md(rebase.reason)})"
            if rebase.start == breaks.get(ident):
                lines.append(
                    f"- **Series break, ID {md(ident)}** ({md(titles[ident])}): a new series starts in "
                    f"{when}{why}; earlier {word}s are not comparable, and the SPC limits are calculated "
                    "afresh from the break."
                )
            else:
                said.append(f"from {when}: {md(rebase.reason)}")
        if said:
            lines.append(
                f"- **New SPC limits, ID {md(ident)}** ({md(titles[ident])}): " + "; ".join(said) + "."
            )
    for baseline, ids in sorted(baselines(sc).items()):
        lines.append(
            f"- **SPC baseline of {baseline} points** (ID {md(', '.join(ids))}): each segment's limits come "
            f"from its first {baseline} points and are held for the rest of it."
        )
    return lines


def key_rows(sc: Scorecard | None) -> list[tuple[str, str]]:
    """The key's rows on how the limits are drawn and held: always the bounds and the gaps; a rebase
    and a baseline where the pack has one."""
    word = "quarter" if sc is not None and sc.frequency == Frequency.QUARTERLY else "month"
    rows = [
        (
            "limits held at 0 and 100%",
            "SPC process limits are held at what the measure can reach: within 0% and 100% for a "
            "percentage, at 0 or above for a count, a rate, an average or days lost, in the charts, the "
            "readings and the downloads; the detailed export keeps the limits as computed, for anyone "
            "checking the arithmetic. Making Data Count's Excel tools clip only the chart",
        ),
        (
            "a gap in the line",
            f"A {word} without a figure breaks a chart's line, and the SPC reads the series either side "
            "of it apart: no moving range, run of 7 or trend spans it (Making Data Count sets no rule "
            "for gaps)",
        ),
    ]
    if sc is not None and any(sc.rebases.values()):
        rows.append(
            (
                "new limits (dashed line)",
                "The SPC limits start afresh from that month, for the reason written beside the line, in "
                "the table and in the data notes (a rebase). As Making Data Count advises, limits are "
                "recalculated only for a known reason, never by the pack itself",
            )
        )
    if sc is not None and baselines(sc):
        rows.append(
            (
                "baseline ends (tick)",
                "The limits come from the first points of the series (or since its last new limits) and "
                "are held from the tick on, so they do not widen as the years add up; the data notes "
                "give each baseline",
            )
        )
    return rows
