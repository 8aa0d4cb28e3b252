"""Since the last pack: what changed between the previous pack and this one, as the board reads them.

The previous pack is rebuilt as it was issued: from the data before this pack's imports revised any
figure (``data.revisions.as_issued``), for the period ``rules.since.previous_pack_period`` names. So
"newly off target" means off target now and on target in the pack the board was given, and a revised
figure is listed once, with what the board was shown and what it is now. The executive summary's
table, the narrative helpers (``rating_change``, ``revision_phrase``), the section tables' revision
mark and ``python -m scorecard brief`` all read the one ``SinceLastPack``.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from great_tables import GT

from scorecard.cells import parse_cell
from scorecard.data import as_issued, for_pack
from scorecard.pack import palette
from scorecard.pack.display import NOTHING_PUBLISHED, format_cell
from scorecard.pack.output.escape import html_text
from scorecard.pack.palette import REVISED
from scorecard.pack.parts.table.tables import plain_table
from scorecard.periods import month_name, period_label
from scorecard.rules import (
    RatingChanges,
    Scorecard,
    build_scorecard,
    missing_figures,
    previous_pack_period,
    rating_changes,
)


@dataclass(frozen=True)
class RevisedFigure:
    """One figure revised since the last pack: as published (the log's ``old``, ``new``: "" where
    nothing was published) and as the pack shows it."""

    id: str
    period: str
    old: str
    new: str
    old_shown: str
    new_shown: str
    file: str  # the file that revised it, and when it was imported
    when: str


@dataclass(frozen=True)
class SinceLastPack:
    period: str
    previous_period: str | None  # None for the first pack
    ratings: RatingChanges
    revised: list[RevisedFigure]
    latest_older: list[tuple[str, str]]  # (id, period of its latest figure): none this period
    no_figure: list[str]  # no figure up to this period
    frequency: str = "monthly"  # the pack's, for naming its periods

    def changes(self) -> dict[str, object]:
        """The lists as ``brief --json`` gives them."""
        r = self.ratings
        return {
            "newly_off_target": r.newly_off_target,
            "back_on_target": r.back_on_target,
            "amber_to_red": r.amber_to_red,
            "red_to_amber": r.red_to_amber,
            "newly_special_cause": r.newly_special_cause,
            "revised": [{"id": f.id, "period": f.period, "old": f.old, "new": f.new} for f in self.revised],
            "latest_older": [{"id": i, "latest": p} for i, p in self.latest_older],
            "no_figure_yet": self.no_figure,
        }

    def revised_cells(self) -> set[tuple[str, str]]:
        return {(f.id, f.period) for f in self.revised}


def since_last_pack(sc: Scorecard) -> SinceLastPack:
    """This pack's scorecard against the previous pack's, as that pack was issued."""
    data = sc.data
    previous = previous_pack_period(data, sc.period)
    before = None
    if previous is not None:
        issued = as_issued(data, sc.period)
        before = build_scorecard(issued if previous in issued.periods else data, previous)
    about = sc.indicators.set_index("id")
    unit_of = dict(
        zip(about.index, zip(about["unit"], map(int, about["decimals"]), strict=True), strict=True)
    )
    revised = [
        RevisedFigure(
            r.id,
            r.period,
            r.old,
            r.new,
            _shown(r.old, *unit_of[r.id]),
            _shown(r.new, *unit_of[r.id]),
            r.file,
            r.when,
        )
        for r in for_pack(data, sc.period)
        if r.id in about.index
    ]
    older, none = missing_figures(sc)
    return SinceLastPack(sc.period, previous, rating_changes(sc, before), revised, older, none, sc.frequency)


def _shown(published: str, unit: str, decimals: int) -> str:
    cell = parse_cell(published)
    if cell is None:
        return NOTHING_PUBLISHED
    return format_cell(cell.value, str(cell.status), unit, decimals, cell.count)


Listed = list[tuple[str, str]]  # (id, a few words about it), one group of a row


def since_table(since: SinceLastPack, sc: Scorecard, links: dict[str, str] | None = None) -> GT:
    """One row per kind of change, with the IDs in it (each linked to its chart where it has one)."""
    rag = dict(zip(sc.indicators["id"], sc.indicators["rag"], strict=True))
    variation = dict(zip(sc.indicators["id"], sc.indicators["variation"], strict=True))
    r = since.ratings

    def marked(ids: list[str]) -> Listed:
        return [(i, palette.rag_swatch(rag[i]).mark) for i in ids]

    def special(word: str) -> Listed:
        return [(i, "") for i in r.newly_special_cause if variation[i] == word]

    month = period_label(since.period, since.frequency)
    rows: list[tuple[str, list[tuple[str, Listed]]]] = [
        ("Newly off target (on target in the last pack)", [("", marked(r.newly_off_target))]),
        ("Back on target", [("", marked(r.back_on_target))]),
        ("Amber to red", [("", marked(r.amber_to_red))]),
        ("Red to amber", [("", marked(r.red_to_amber))]),
        (
            "Newly special cause at the latest point",
            [("⚠ concern: ", special("concern")), ("★ improvement: ", special("improvement"))],
        ),
        (
            f"Revised figures {REVISED}",
            [
                (
                    "",
                    [
                        (f.id, f"{period_label(f.period, since.frequency)} {f.old_shown} → {f.new_shown}")
                        for f in since.revised
                    ],
                )
            ],
        ),
        (
            f"Latest figure older than {month}",
            [("", [(i, f"(latest {period_label(p, since.frequency)})") for i, p in since.latest_older])],
        ),
        (f"No figure yet up to {month}", [("", [(i, "") for i in since.no_figure])]),
    ]
    texts, markup = [], {}
    for _, groups in rows:
        shown = [(prefix, listed) for prefix, listed in groups if listed]
        text = "; ".join(
            prefix + ", ".join(f"{i} {note}".strip() for i, note in listed) for prefix, listed in shown
        )
        markup[text or "none"] = (
            "; ".join(
                html_text(prefix)
                + ", ".join(_linked(i, links) + (f" {html_text(note)}" if note else "") for i, note in listed)
                for prefix, listed in shown
            )
            or "none"
        )
        texts.append(text or "none")
    first = (
        f"Since {month_name(since.previous_period, since.frequency)}"
        if since.previous_period
        else "Since the last pack"
    )
    frame = pd.DataFrame({first: [name for name, _ in rows], "Indicators": texts})
    return plain_table(frame, {first: 28.0}).fmt(lambda text: markup[text], columns="Indicators")


def _linked(ident: str, links: dict[str, str] | None) -> str:
    anchor = (links or {}).get(ident)
    return f'<a href="#{anchor}">{html_text(ident)}</a>' if anchor else html_text(ident)
