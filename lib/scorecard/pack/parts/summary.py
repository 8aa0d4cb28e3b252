"""The executive summary, all computed from the scorecard frame.

RAG counts per section (table and chart), how many improved and declined, what is off target and
getting worse, the SPC special causes, the Making Data Count variation x assurance matrix with the
IDs in its cells, and the summary icon table (one row per indicator). Every indicator lands in
exactly one row of each count (tests check the sums).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from scorecard.model import Assurance, Rag, SpcLimits, Trend, Variation
from scorecard.pack import palette
from scorecard.pack.display import format_cell, target_text
from scorecard.pack.parts.chart_data import RagBars
from scorecard.pack.parts.table.tables import reading_cells
from scorecard.rules import MIN_POINTS, TRIAL_POINTS

if TYPE_CHECKING:  # only for annotations
    from scorecard.rules import Scorecard

SECTION, TOTAL = "Section", "Total"

# Making Data Count rows (variation) and columns (assurance), as NHS board reports lay them out; each
# row and column is headed by its MDC icons (``*_ICONS``, names in ``scorecard.pack.output.icons``).
MDC_ROWS: dict[str, tuple[str, ...]] = {
    "special cause improvement": (Variation.IMPROVEMENT,),
    "common cause": (Variation.COMMON_CAUSE,),
    "special cause concern": (Variation.CONCERN,),
    "special cause, neither improvement nor concern": (Variation.NEUTRAL_HIGH, Variation.NEUTRAL_LOW),
    "not assessed (too few points or no data)": (Variation.TOO_FEW_POINTS, Variation.NONE),
}
MDC_ROW_ICONS: dict[str, tuple[str, ...]] = {
    "special cause improvement": ("improvement_high", "improvement_low"),
    "common cause": ("common_cause",),
    "special cause concern": ("concern_high", "concern_low"),
    "special cause, neither improvement nor concern": ("neither_high", "neither_low"),
}
MDC_COLUMNS: dict[str, Assurance] = {
    "consistently passing": Assurance.PASS,
    "hit and miss": Assurance.INCONSISTENT,
    "consistently failing": Assurance.FAIL,
    "no single target": Assurance.NONE,
}
MDC_COLUMN_ICONS: dict[str, str] = {
    "consistently passing": "pass",
    "hit and miss": "hit_and_miss",
    "consistently failing": "fail",
}


rag_label = palette.rag_label


def rag_counts(sc: Scorecard) -> pd.DataFrame:
    """Indicators per section by latest RAG, with a total row and column."""
    indicators: pd.DataFrame = sc.indicators
    rows = []
    for section in sc.settings.sections:
        rags = indicators.loc[indicators["section"] == section.key, "rag"]
        row = {SECTION: section.title} | {rag_label(r): int((rags == r).sum()) for r in palette.RAG_ORDER}
        rows.append(row | {TOTAL: len(rags)})
    frame = pd.DataFrame(rows)
    totals = frame.drop(columns=SECTION).sum()
    return pd.concat([frame, pd.DataFrame([{SECTION: TOTAL, **totals.to_dict()}])], ignore_index=True)


def rag_bars(sc: Scorecard) -> RagBars:
    """The RAG counts per section as plain numbers, for the stacked bar chart."""
    counts = rag_counts(sc).iloc[:-1]
    return RagBars(
        list(counts[SECTION]),
        {str(r): [int(n) for n in counts[rag_label(r)]] for r in palette.RAG_ORDER},
        sc.period,
        sc.frequency,
    )


def travel_counts(sc: Scorecard) -> dict[str, int]:
    """How many indicators improved, declined, did not change, or have no direction to judge."""
    trends = sc.indicators["trend"]
    return {trend.value: int((trends == trend).sum()) for trend in Trend}


def _latest(rows: pd.DataFrame) -> dict[str, object]:
    """The columns every summary listing starts with: ID, title, latest value as published, target."""
    return {
        "ID": rows["id"],
        "Indicator": rows["title"],
        "Latest": [
            format_cell(r["value"], r["status"], r["unit"], int(r["decimals"]), r["count"])
            for _, r in rows.iterrows()
        ],
        "Target": [target_text(t, g) for t, g in zip(rows["target"], rows["green"], strict=True)],
    }


def _listing(sc: Scorecard, mask: pd.Series) -> pd.DataFrame:
    """The indicators in ``mask``, furthest off target first: red, then amber, then the rest, each by
    how far the latest value misses its target (``target_miss``); ties keep catalogue order."""
    rows = sc.indicators[mask]
    order = rows["rag"].map({Rag.RED: 0, Rag.AMBER: 1}).fillna(2)
    rows = rows.assign(_order=order, _miss=-rows["target_miss"].fillna(0.0))
    rows = rows.sort_values(["_order", "_miss"], kind="stable")
    return pd.DataFrame(
        {
            **_latest(rows),
            "Latest RAG": [palette.rag_label(r) for r in rows["rag"]],
            "Direction of travel": [
                palette.arrow_label(d, t)[0] for d, t in zip(rows["direction"], rows["trend"], strict=True)
            ],
            "SPC variation": reading_cells(rows)[0],  # words; the report adds the icons
        }
    ).reset_index(drop=True)


def off_target_and_worse(sc: Scorecard) -> pd.DataFrame:
    """Amber or red and declining: where the board's attention goes first, furthest off target first."""
    ind = sc.indicators
    return _listing(sc, ind["rag"].isin([Rag.AMBER, Rag.RED]) & (ind["trend"] == Trend.DECLINING))


def special_causes(sc: Scorecard, variation: str) -> pd.DataFrame:
    """Indicators whose latest point is a special cause of the given kind, furthest off target first."""
    return _listing(sc, sc.indicators["variation"] == variation)


def mdc_matrix(sc: Scorecard) -> pd.DataFrame:
    """Variation (rows) x assurance (columns); each cell lists the IDs that fall in it.

    Where some readings rest on trial limits and some do not, each trial one says so ("5 (trial)");
    where all do, ``trial_note`` says it once.
    """
    ind = sc.indicators
    mixed = 0 < (ind["spc_limits"] == SpcLimits.TRIAL).sum() < (ind["spc_limits"] != SpcLimits.NONE).sum()
    shown = ind["id"] + ((ind["spc_limits"] == SpcLimits.TRIAL) & mixed).map({True: " (trial)", False: ""})
    cells = {}
    for column, assurance in MDC_COLUMNS.items():
        cells[column] = [
            ", ".join(shown[ind["variation"].isin(kinds) & (ind["assurance"] == assurance)]) or "–"
            for kinds in MDC_ROWS.values()
        ]
    return pd.DataFrame({"Variation": list(MDC_ROWS), **cells})


def trial_note(sc: Scorecard) -> str:
    """One sentence on the readings that rest on trial limits, or "" where none does.

    >>> trial_note(sc)  # doctest: +SKIP
    'All 59 SPC readings rest on trial limits (dashed rings, marked trial): their series have 12
    points since they began or last had new limits, and Making Data Count shows full limits from 13.
    Trial limits are revised with each new month.'
    """
    limits = sc.indicators["spc_limits"]
    trial, read = int((limits == SpcLimits.TRIAL).sum()), int((limits != SpcLimits.NONE).sum())
    if not trial:
        return ""
    which = f"All {read} SPC readings rest" if trial == read else f"{trial} of {read} SPC readings rest"
    return (
        f"{which} on trial limits (dashed rings, marked trial): their series have {TRIAL_POINTS} points "
        "since they began or last had new limits, and Making Data Count shows full limits from "
        f"{MIN_POINTS}. "
        "Trial limits are revised with each new month."
    )


def icon_table(sc: Scorecard) -> pd.DataFrame:
    """One row per indicator, by section in the settings' order: latest value, target, and the words
    of its variation and assurance readings (``scorecard.pack.parts.table.tables.icon_table`` adds
    the icons)."""
    order = {section.key: n for n, section in enumerate(sc.settings.sections)}
    rows = sc.indicators.assign(_order=sc.indicators["section"].map(order))
    rows = rows.sort_values("_order", kind="stable")
    variation, _, assurance, _ = reading_cells(rows)
    return pd.DataFrame(
        {
            "Section": rows["section"],
            **_latest(rows),
            "Variation": variation,
            "Assurance": assurance,
        }
    ).reset_index(drop=True)
