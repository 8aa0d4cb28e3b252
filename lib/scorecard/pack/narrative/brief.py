"""``python -m scorecard brief``: the month's story for the analyst, before they write it.

What changed since the last pack (``since_last_pack``), the indicators whose latest run on one side
of the mean is long enough to ask whether the process has changed (``rules.signals.long_shifts``,
each with the line to add to ``data/rebases.csv``), then the period's notable facts ranked by
``rules.notable``. Each fact is worded by the very narrative helper that states it in the narrative,
and comes with that helper's inline expression, ready to paste into a section file: the words the
brief shows are the words the pack will show.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import cast

from scorecard.cells import CellError, parse_cell
from scorecard.model import ScorecardData
from scorecard.pack.narrative import helpers as n
from scorecard.pack.narrative.facts import facts_from, use
from scorecard.pack.parts.since_last_pack import RevisedFigure, SinceLastPack, since_last_pack
from scorecard.periods import month_name, period_label
from scorecard.rules import Notable, Scorecard, Shift, build_scorecard, long_shifts, notable_facts

BASIS_WORDS = {"year_to_date": "a year-to-date figure", "rolling_12_months": "a rolling 12-month figure"}


@dataclass(frozen=True)
class Fact:
    id: str
    section: str
    title: str
    kind: str
    text: str
    expression: str
    score: float


@dataclass(frozen=True)
class Brief:
    period: str
    since: SinceLastPack
    facts: list[Fact]
    indicators: int
    sections: dict[str, str]  # key -> title, in the pack's order
    shifts: list[Shift] = field(default_factory=list)  # long runs on one side of the mean: a prompt


# kind -> (the helper that states the fact, how the brief words it around the helper's words)
WORDING: dict[str, tuple[Callable[[str], n.Inline], Callable[[str, str], str]]] = {
    "target_crossing": (
        n.rating_change,
        lambda i, said: f"ID {i} is {said} ({n.against_target(i)})",
    ),
    "special_cause": (n.variation_phrase, lambda i, said: f"ID {i} shows {said} ({n.fmt_value(i)})"),
    "record": (n.record_phrase, lambda i, said: f"ID {i}: {n.fmt_value(i)} is {said}"),
    "run": (n.run_phrase, lambda i, said: f"ID {i} has {said}, to {n.fmt_value(i)}"),
    "largest_move": (n.move_phrase, lambda i, said: f"ID {i} moved {said}"),
    "revision": (n.revision_phrase, lambda i, said: f"ID {i}: {said}"),
    "on_course_to_miss": (
        n.against_target,
        lambda i, said: (
            f"ID {i}, {BASIS_WORDS.get(n.indicator_facts(i).basis, 'a cumulative figure')}, is {said}: "
            f"{n.RAG[n.indicator_facts(i).rag].word}"
        ),
    ),
}


def month_brief(data: ScorecardData, period: str | None = None) -> Brief:
    """The brief of ``period``'s pack (default: the pack's month)."""
    sc = build_scorecard(data, period)
    since = since_last_pack(sc)
    use(facts_from(sc, since))
    sizes: dict[str, list[float | None]] = {}
    for figure in since.revised:
        sizes.setdefault(figure.id, []).append(_size(figure))
    found = notable_facts(sc, since.ratings, sizes)
    return Brief(
        sc.period,
        since,
        [_worded(fact, sc) for fact in found],
        len(sc.indicators),
        {s.key: s.title for s in sc.settings.sections},
        long_shifts(sc),
    )


def _size(figure: RevisedFigure) -> float | None:
    try:
        old, new = parse_cell(figure.old), parse_cell(figure.new)
    except CellError:
        return None
    if old is None or new is None or old.value is None or new.value is None:
        return None
    return abs(new.value - old.value)


def _worded(fact: Notable, sc: Scorecard) -> Fact:
    helper, words = WORDING[fact.kind]
    row = sc.indicator(fact.id)
    return Fact(
        fact.id,
        str(row["section"]),
        str(row["title"]),
        fact.kind,
        words(fact.id, str(helper(fact.id))),
        f'`{{python}} {helper.__name__}("{fact.id}")`',
        round(fact.score, 2),
    )


def _top(facts: list[Fact], top: int) -> list[Fact]:
    return facts if top <= 0 else facts[:top]


def brief_json(brief: Brief, top: int = 0) -> dict[str, object]:
    """One object: ``period``, ``changes`` (lists of IDs, and the revised figures), ``facts`` in rank
    order (each ``{id, section, kind, text, expression}``, with its title and score)."""
    return {
        "period": brief.period,
        "previous_period": brief.since.previous_period,
        "changes": brief.since.changes(),
        "shifts": [
            {"id": f.id, "side": f.side, "points": f.points, "from": f.start, "line": f.line()}
            for f in brief.shifts
        ],
        "facts": [
            {
                "id": f.id,
                "section": f.section,
                "kind": f.kind,
                "text": f.text,
                "expression": f.expression,
                "title": f.title,
                "score": f.score,
            }
            for f in _top(brief.facts, top)
        ],
    }


def brief_text(brief: Brief, top: int = 25) -> str:
    """The brief for a person: what changed since the last pack, then the facts by section."""
    since = brief.since
    shown = _top(brief.facts, top)
    against = (
        f"against the {month_name(since.previous_period, since.frequency)} pack"
        if since.previous_period
        else "first pack"
    )
    lines = [
        f"Brief for {month_name(brief.period, since.frequency)} ({against}): {brief.indicators} indicators, "
        f"the {len(shown)} most notable of {len(brief.facts)} facts (--top N for more or fewer)",
        "",
        "Since the last pack",
    ]
    changes = since.changes()
    for key in ("newly_off_target", "back_on_target", "amber_to_red", "red_to_amber", "newly_special_cause"):
        ids = cast(list[str], changes[key])  # these five are lists of IDs
        lines.append(f"  {key.replace('_', ' ')}: {', '.join(ids) or 'none'}")
    revised = [
        f"ID {f.id} {period_label(f.period, since.frequency)} {f.old_shown} -> {f.new_shown} "
        f"({f.file}, {f.when})"
        for f in since.revised
    ]
    lines.append(f"  revised: {'; '.join(revised) or 'none'}")
    older = [f"{i} ({period_label(p, since.frequency)})" for i, p in since.latest_older]
    lines.append(
        f"  latest figure older than {period_label(brief.period, since.frequency)}: "
        f"{', '.join(older) or 'none'}"
    )
    lines.append(f"  no figure yet: {', '.join(since.no_figure) or 'none'}")
    lines += _shift_lines(brief)
    rank = {id(f): n for n, f in enumerate(shown, 1)}
    for key, title in brief.sections.items():
        mine = [f for f in shown if f.section == key]
        if not mine:
            continue
        lines += ["", title]
        for fact in mine:
            lines += [
                f"  {rank[id(fact)]:>3}. {fact.kind.replace('_', ' ')} (score {fact.score:.2f}): {fact.text}",
                f"       {fact.expression}",
            ]
    return "\n".join(lines)


def _shift_lines(brief: Brief) -> list[str]:
    """The prompt for each long shift: has the process changed? The pack never rebases by itself."""
    if not brief.shifts:
        return []
    frequency = brief.since.frequency
    word = "quarters" if frequency == "quarterly" else "months"
    lines = [
        "",
        "Has the process changed? (Making Data Count recalculates limits only for a known reason; the "
        "pack never does it by itself)",
    ]
    for shift in brief.shifts:
        where = "above" if shift.side > 0 else "below"
        lines += [
            f"  ID {shift.id} has sat {where} its mean for {shift.points} {word}, since "
            f"{period_label(shift.start, frequency)}. If you know why, add to data/rebases.csv:",
            f"       {shift.line()}",
        ]
    return lines
