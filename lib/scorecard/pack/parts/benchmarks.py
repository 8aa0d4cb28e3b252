"""The DfE benchmarks as the board reads them: a section table's benchmark cell, the summary's
benchmark grid, the data notes' sources and the typed figures that differ, the charts' reference lines.

Everything comes from the period's chosen rows (``Scorecard.benchmarks``: ``rules.benchmarking``).
Each figure carries its year; the rank and quartile band are words (``25 of 149 · A``), never colour.
An indicator with no DfE measure keeps the benchmarks typed in the catalogue, marked "entered".
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from scorecard.fields import BENCHMARKS
from scorecard.model import Variation
from scorecard.pack.display import format_number

if TYPE_CHECKING:  # only for annotations
    from scorecard.rules import Scorecard

HEADING = "DfE"  # the section tables' benchmark column: "DfE 2023/24"
ENTERED = "entered"  # a benchmark typed into the catalogue, not computed from the DfE's files
REGIONS = {  # the DfE's region names, as a cell names them (the key says them in full)
    "North East": "NE",
    "North West": "NW",
    "Yorkshire and The Humber": "Y&H",
    "East Midlands": "EM",
    "West Midlands": "WM",
    "East of England": "EoE",
    "London": "Lon",
    "Inner London": "Inner Lon",
    "Outer London": "Outer Lon",
    "South East": "SE",
    "South West": "SW",
}
SYMBOL_WORDS = {"c": "suppressed", "x": "not available", "z": "not applicable", "u": "low reliability"}
_TYPED_SHORT = {"sn_average": "SN", "england": "Eng", "region": "Region", "top_quartile": "Top Q"}


def has_benchmarks(sc: Scorecard) -> bool:
    """Whether the pack has DfE benchmarks (``benchmarks.csv``) at all."""
    return sc.data.benchmarks is not None and len(sc.data.benchmarks) > 0


def _figure(value: float, text: str, unit: str, decimals: int) -> str:
    if pd.isna(value):
        return f"{text} ({SYMBOL_WORDS[text]})" if text in SYMBOL_WORDS else text or "none"
    return format_number(float(value), unit, decimals)


def rank_text(row: pd.Series, unit: str) -> str:
    """``25 of 149 · A``; or why there is no rank."""
    if not pd.isna(row["rank"]):
        return f"{int(row['rank'])} of {int(row['councils_ranked'])} · {row['band']}"
    if not row["own"]:
        return "no figure of ours"
    if pd.isna(row["own_value"]):
        return f"ours {_figure(row['own_value'], row['own'], unit, int(row['decimals']))}"
    return "not ranked"


def unranked(row: pd.Series, polarity: str) -> str:
    """Why an indicator with DfE figures has no rank or band, in words."""
    said = rank_text(row, "")
    if said != "not ranked":
        return said  # no figure of its own, or a suppressed one
    return "not ranked: a band, no better direction" if polarity == "within_band" else "not ranked: monitored"


def computed_lines(row: pd.Series, unit: str, heading_year: str = "") -> list[str]:
    """The cell's lines for a computed benchmark: England, region, neighbours' average, rank."""
    decimals = int(row["decimals"])
    average = f"SN {_figure(row['neighbour_average_value'], '', unit, decimals)}"
    if row["neighbours_with_figure"] < row["neighbours"]:
        average += f" ({row['neighbours_with_figure']} of {row['neighbours']})"
    lines = [
        f"Eng {_figure(row['england_value'], row['england'], unit, decimals)}",
        f"{REGIONS.get(row['region_name'], row['region_name'] or 'Region')} "
        f"{_figure(row['region_value'], row['region'], unit, decimals)}",
        average,
        rank_text(row, unit),
    ]
    if row["year"] != heading_year:
        lines.append(f"({row['year']})")
    return lines


def entered_lines(indicator: pd.Series) -> list[str]:
    """The cell's lines for benchmarks typed into the catalogue (no DfE measure computed)."""
    lines = []
    for column in BENCHMARKS:
        text = str(indicator.get(column, "") or "")
        if text and text.strip().lower() not in ("n/a", "na"):
            year = str(indicator.get(f"{column}_year", "") or "")
            lines.append(f"{_TYPED_SHORT[column]} {text} ({ENTERED}{', ' + year if year else ''})")
    return lines


def chosen_row(chosen: pd.DataFrame, ident: str) -> pd.Series:
    """One indicator's chosen row (ids are unique there)."""
    return chosen.loc[ident]  # type: ignore[return-value]


def figures_said(sc: Scorecard, ident: str, unit: str) -> dict[str, tuple[str, str]]:
    """The DfE benchmarks of one indicator as the narrative's helpers give them: name -> (figure,
    year) for ``sn_average``, ``england``, ``region``, ``rank`` (``25 of 149``) and ``band``; empty
    where the pack has none for it."""
    if ident not in sc.benchmarks.index:
        return {}
    row = chosen_row(sc.benchmarks, ident)
    decimals, year = int(row["decimals"]), str(row["year"])
    said = {
        name: (_figure(row[f"{column}_value"], str(row[column]), unit, decimals), year)
        for name, column in (
            ("sn_average", "neighbour_average"),
            ("england", "england"),
            ("region", "region"),
        )
    }
    if not pd.isna(row["rank"]):
        said["rank"] = (f"{int(row['rank'])} of {int(row['councils_ranked'])}", year)
        said["band"] = (str(row["band"]), year)
    return said


def heading_year(sc: Scorecard, ids: list[str]) -> str:
    """The year most of these indicators' benchmarks are for ("" when none has one)."""
    years = sc.benchmarks.loc[[i for i in ids if i in sc.benchmarks.index], "year"]
    return str(years.mode().iloc[0]) if len(years) else ""


def cells(sc: Scorecard, indicators: pd.DataFrame) -> tuple[str, list[str], list[str]]:
    """The benchmark column of a section table: its heading, each row's text (lines joined by
    newlines) and each row's HTML (lines joined by ``<br>``)."""
    ids = list(indicators["id"])
    year = heading_year(sc, ids)
    texts, markups = [], []
    for _, indicator in indicators.iterrows():
        if indicator["id"] in sc.benchmarks.index:
            lines = computed_lines(
                chosen_row(sc.benchmarks, str(indicator["id"])), str(indicator["unit"]), year
            )
        else:
            lines = entered_lines(indicator) or ["—"]
        texts.append("\n".join(lines))
        markups.append("<br>".join(html.escape(line) for line in lines))
    return (f"{HEADING} {year}" if year else HEADING), texts, markups


# --- the executive summary's benchmark grid -------------------------------------------------------

GRID_ROWS = {  # SPC variation -> the grid's row (after NHS England South West's performance grid)
    Variation.IMPROVEMENT: "Improving (special cause)",
    Variation.COMMON_CAUSE: "Common cause",
    Variation.CONCERN: "Concern (special cause)",
}
NO_READING = "No SPC reading"
BANDS = ("A", "B", "C", "D")


@dataclass(frozen=True)
class Grid:
    """The grid as text: one row per variation (IDs in each band's cell), and the counts per band."""

    frame: pd.DataFrame
    not_banded: list[str]  # "16 (not ranked)", ...
    years: list[str]  # the DfE years the grid's bands are for
    model: str


def benchmark_grid(sc: Scorecard) -> Grid | None:
    """SPC variation across quartile band: each cell lists the IDs there; a last row counts them.
    None where the pack has no DfE benchmarks."""
    if not has_benchmarks(sc):
        return None
    chosen = sc.benchmarks
    bands = dict(zip(chosen["id"], chosen["band"], strict=True))
    rows: dict[str, dict[str, list[str]]] = {
        row: {b: [] for b in BANDS} for row in [*GRID_ROWS.values(), NO_READING]
    }
    not_banded = []
    for _, indicator in sc.indicators.iterrows():
        ident = str(indicator["id"])
        if ident not in bands:
            continue
        if not bands[ident]:
            not_banded.append(f"{ident} ({unranked(chosen_row(chosen, ident), str(indicator['polarity']))})")
            continue
        row = GRID_ROWS.get(Variation(indicator["variation"]), NO_READING)
        rows[row][str(bands[ident])].append(ident)
    columns = {b: f"Band {b}" + {"A": " (best quarter)", "D": " (worst quarter)"}.get(b, "") for b in BANDS}
    frame = pd.DataFrame(
        [
            {"SPC variation": name, **{columns[b]: ", ".join(ids[b]) or "—" for b in BANDS}}
            for name, ids in rows.items()
        ]
    )
    counts = {columns[b]: str(sum(len(ids[b]) for ids in rows.values())) for b in BANDS}
    total = pd.DataFrame([{"SPC variation": "Indicators in the band", **counts}])
    frame = pd.concat([frame, total], ignore_index=True)
    years = sorted(set(chosen["year"]), key=lambda year: year.split()[-1])  # 2023/24 before Sep 2024
    return Grid(frame, not_banded, years, sc.benchmark_choice.model)


def grid_note(grid: Grid) -> str:
    """The sentence under the grid: the year and neighbour model, and who has no band."""
    years = " and ".join(grid.years)
    said = f"\n*The DfE's figures of {years}; the statistical neighbours of its {grid.model} model."
    if grid.not_banded:
        said += f" Without a band: {', '.join(grid.not_banded)}."
    return said + "*\n"
