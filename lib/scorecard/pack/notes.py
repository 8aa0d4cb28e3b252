"""The key and the data notes at the end of the pack, computed from the settings and the frame."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd
from great_tables import GT, loc, style

from scorecard.model import Assurance, Basis, Direction, Rag, Trend, Variation
from scorecard.pack import palette
from scorecard.pack.escape import markdown_text as md
from scorecard.pack.formats import STATUS_TEXT, format_cell, month_name
from scorecard.pack.tables import plain_table

if TYPE_CHECKING:  # only for annotations: the frame module is the logic engineer's
    from scorecard.rules.frame import Scorecard


def key_table(tolerance: float) -> GT:
    """Every symbol of the pack with its meaning; swatches are filled cells so they survive the PDF."""
    tol = f"{tolerance * 100:g}%"
    rows: list[tuple[str, str, str, str]] = [  # symbol, meaning, fill, text colour
        (
            f"{palette.RAG[Rag.GREEN].mark} on target",
            "RAG green: the value meets the target",
            palette.RAG[Rag.GREEN].fill,
            palette.RAG[Rag.GREEN].text,
        ),
        (
            f"{palette.RAG[Rag.AMBER].mark} within tolerance",
            f"RAG amber: misses the target by no more than {tol} of the target value "
            "(outside a band: within that distance of the nearer bound)",
            palette.RAG[Rag.AMBER].fill,
            palette.RAG[Rag.AMBER].text,
        ),
        (
            f"{palette.RAG[Rag.RED].mark} off target",
            f"RAG red: more than {tol} of the target value away; "
            "with a target of 0 any value above it is red",
            palette.RAG[Rag.RED].fill,
            palette.RAG[Rag.RED].text,
        ),
        ("no rating", "Monitor only, no target, or no preferred direction", palette.WHITE, palette.INK),
        (
            "NYC / not reported / —",
            "No number for that month: not yet complete, not reported, or nothing published (grey, italic)",
            palette.STATUS_FILL,
            palette.INK,
        ),
    ]
    for direction, trend, meaning in (
        (Direction.UP, Trend.IMPROVING, "the value rose since the previous month with data, which is better"),
        (Direction.DOWN, Trend.DECLINING, "the value fell, which is worse for this indicator"),
        (Direction.SAME, Trend.NO_CHANGE, "no change at the published number of decimals"),
        (Direction.UP, Trend.NOT_APPLICABLE, "moved, but neither direction is better (monitor only)"),
    ):
        label, colour = palette.arrow_label(direction, trend)
        rows.append((label, f"Direction of travel: {meaning}", palette.WHITE, colour))
    spc = {
        Variation.IMPROVEMENT: "SPC: the latest point is special cause variation in the better direction",
        Variation.CONCERN: "SPC: the latest point is special cause variation in the worse direction",
        Variation.COMMON_CAUSE: "SPC: the latest point is within normal (common cause) variation",
        Variation.NEUTRAL_HIGH: "SPC: special cause, high, where neither direction is better",
        Variation.NEUTRAL_LOW: "SPC: special cause, low, where neither direction is better",
        Variation.TOO_FEW_POINTS: "SPC: fewer than 12 points since the start or the last series break",
    }
    for variation, meaning in spc.items():
        label, colour = palette.VARIATION_LABELS[variation]
        rows.append((label, meaning, palette.WHITE, colour))
    assurance = {
        Assurance.PASS: "SPC assurance: the target lies outside the process limits on the good side",
        Assurance.FAIL: "SPC assurance: the target lies outside the process limits on the bad side",
        Assurance.INCONSISTENT: "SPC assurance: the target lies inside the limits, so it will be hit "
        "and missed",
        Assurance.NONE: "SPC assurance: no single target to assure against",
    }
    for level, meaning in assurance.items():
        label, colour = palette.ASSURANCE_LABELS[level]
        rows.append((label, meaning, palette.WHITE, colour))
    frame = pd.DataFrame([(symbol, meaning) for symbol, meaning, _, _ in rows], columns=["Symbol", "Meaning"])
    table = plain_table(frame)
    for n, (_, _, fill, text) in enumerate(rows):
        table = table.tab_style(
            [style.fill(color=fill), style.text(color=text, weight="bold")],
            loc.body(columns="Symbol", rows=[n]),
        )
    return table


def data_notes(sc: Scorecard) -> str:
    """Markdown notes on statuses, series breaks, quarterly indicators, rates, indicators with no
    values yet (no number up to the pack's month: agreed, but not yet reported) and catalogue notes.

    Every text from the data goes through ``markdown_text``: a note is shown, never read as Markdown."""
    settings = sc.settings
    catalogue: pd.DataFrame = sc.data.catalogue
    lines = [
        f"- **{STATUS_TEXT['not_yet_complete']}** (not yet complete): the month's figure is not final; "
        "it is shown as NYC, never as 0, and is not rated or charted.",
        f"- **{STATUS_TEXT['not_reported']}** and **{STATUS_TEXT['not_applicable']}**: no figure for that "
        "month, shown in words; **—** means nothing was published.",
        f"- **Rates per 10,000** use the child population aged 0-17 of {settings.population:,} "
        f"({md(settings.population_source)}, {settings.population_year}).",
    ]
    breaks = catalogue[catalogue["series_break"] != ""]
    for _, row in breaks.iterrows():
        lines.append(
            f"- **Series break, ID {md(row['id'])}** ({md(row['title'])}): a new series starts in "
            f"{month_name(row['series_break'])}; earlier months are not comparable, and the SPC "
            "limits are calculated afresh from the break."
        )
    quarterly = catalogue.loc[catalogue["basis"] == Basis.QUARTERLY, "id"]
    if len(quarterly):
        lines.append(
            f"- **Quarterly indicators** (ID {md(', '.join(quarterly))}): values sit in the quarter-end "
            "months (Jun, Sep, Dec, Mar); other months show —."
        )
    values: pd.DataFrame = sc.data.values
    reported = set(values.loc[(values["period"] <= sc.period) & values["value"].notna(), "id"])
    for ident, notes in zip(catalogue["id"], catalogue["notes"], strict=True):
        said = "; ".join(filter(None, ("" if ident in reported else "no values yet", notes)))
        if said:
            lines.append(f"- **ID {md(ident)}**: {md(said)}")
    return "\n".join(lines)


def arrow_differences(sc: Scorecard, published: dict[str, str]) -> pd.DataFrame:
    """Where the computed direction of travel differs from the arrow published for the same month.

    ``published``: id -> published direction (up, down, same, or "" where no arrow was published).
    """
    ind: pd.DataFrame = sc.indicators
    shown = ind["id"].map(published).fillna("")
    differs = (shown != "") & (shown != ind["direction"])
    rows = ind[differs]
    return pd.DataFrame(
        {
            "ID": rows["id"],
            "Indicator": rows["title"],
            "Published arrow": [palette.ARROWS[Direction(p)] for p in shown[differs]],
            "Computed": [
                palette.arrow_label(d, t)[0] for d, t in zip(rows["direction"], rows["trend"], strict=True)
            ],
            "Previous → latest": [
                f"{format_cell(r['previous_value'], '', r['unit'], int(r['decimals']))} → "
                f"{format_cell(r['value'], r['status'], r['unit'], int(r['decimals']))}"
                for _, r in rows.iterrows()
            ],
        }
    ).reset_index(drop=True)
