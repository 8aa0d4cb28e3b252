"""The DfE benchmarks in the summary, the key and the data notes: the benchmark grid as shown; the
key's rows; how they are computed, the year and neighbour model shown, the source of each, the
licence, and every typed benchmark that the DfE's figures do not reproduce (both figures), as the
published arrows' differences are listed.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pandas as pd

from scorecard.fields import BENCHMARKS
from scorecard.model import complete_catalogue
from scorecard.pack import palette
from scorecard.pack.display import format_number
from scorecard.pack.output.escape import markdown_text as md
from scorecard.pack.output.outputs import Markdown, table_output
from scorecard.pack.parts.benchmarks import (
    ENTERED,
    REGIONS,
    benchmark_grid,
    chosen_row,
    grid_note,
    has_benchmarks,
    heading_year,
    unranked,
)
from scorecard.pack.parts.table.tables import plain_table
from scorecard.periods import month_name
from scorecard.targets import benchmark_figure

if TYPE_CHECKING:  # only for annotations
    from scorecard.rules import Scorecard

LICENCE = (
    "Contains public sector information licensed under the Open Government Licence v3.0 "
    "(Department for Education, Explore Education Statistics; Office for National Statistics)"
)
# The benchmark a typed catalogue column is, among the computed ones.
_COMPUTED = {"sn_average": "neighbour_average", "england": "england", "region": "region"}


def grid_output(sc: Scorecard) -> Markdown:
    """The grid as the pack shows it: the table, then its note."""
    found = benchmark_grid(sc)
    if found is None:
        return Markdown("*No DfE benchmarks: see Benchmarks from DfE statistics (docs/benchmarks.md).*\n")
    return table_output(plain_table(found.frame, {"SPC variation": 24.0}), wide=True) + grid_note(found)


def key_rows(sc: Scorecard) -> list[tuple[str, str, str, str]]:
    """The key's rows for the benchmark column (none without DfE benchmarks)."""
    if not has_benchmarks(sc):
        return []
    regions = sorted({str(r) for r in sc.benchmarks["region_name"] if r})
    named = "; ".join(f"{REGIONS.get(r, r)} {r}" for r in regions)
    return [
        (
            f"DfE {heading_year(sc, list(sc.benchmarks.index)) or '2023/24'}",
            "Benchmarks computed from the DfE's published statistics, for the year in the column's heading "
            "(a figure for another year names it): Eng, England; the council's region"
            + (f" ({named})" if named else "")
            + "; SN, the average of the statistical neighbours' figures, with how many had one where "
            "fewer than all did",
            palette.WHITE,
            palette.INK,
        ),
        (
            "25 of 149 · A",
            "Rank of the council's own DfE figure among the councils with a figure (1 is the best; ties "
            "share the best rank), and its quartile band: A the best quarter of councils, then B, C, "
            "D the worst. Not ranked: the indicator has no better direction (a band, or monitor only)",
            palette.WHITE,
            palette.INK,
        ),
        (
            f"SN 87% ({ENTERED})",
            "A benchmark typed into the catalogue, not computed from the DfE's files",
            palette.WHITE,
            palette.INK,
        ),
    ]


def notes(sc: Scorecard) -> list[str]:
    """The data notes' lines on the benchmarks (none without DfE benchmarks)."""
    if not has_benchmarks(sc):
        return []
    chosen, picked = sc.benchmarks, sc.benchmark_choice
    rows = sc.data.benchmarks
    assert rows is not None  # has_benchmarks
    code = str(rows["la_code"].iloc[0])
    when = month_name(sc.period, sc.frequency)
    year = (
        f"the DfE year named in the settings (time_period {picked.year})"
        if picked.year
        else f"each indicator's latest DfE year published by {when} (a year ending 31 March from the "
        "November after it; the social work workforce's count on 30 September from the February after)"
    )
    lines = [
        f"- **Benchmarks** are computed from the DfE's published statistics (`python -m scorecard "
        f"benchmarks`, for LA {md(code)}) as the DfE's Local Authority Interactive Tool computes them: the "
        "neighbours' average is the mean of the neighbours' published figures, leaving out those without "
        "one; the rank is among the councils with a figure, 1 the best, ties sharing the best rank; the "
        "quartile bands A (best) to D are cut at the quartiles of all councils' figures (R's default "
        f"quantile). The pack shows {year}, with the DfE's {md(picked.model)} statistical neighbour "
        f"model ({_model_why(picked.why, picked.model_from)}). Suppressed or missing figures (c, x, z, u) "
        "are never numbers."
    ]
    lines += _sources(chosen)
    lines += _differences(sc)
    lines += _unmatched(sc)
    lines.append(f"- **Licence of the DfE's figures**: {LICENCE}.")
    return lines


def _model_why(why: str, published: str) -> str:
    said = f"published {month_name(published)}"
    if why.startswith("in force"):
        return f"in force then; {said}"
    return f"{why}; {said}"


def _sources(chosen: pd.DataFrame) -> list[str]:
    """One line per source file set: the indicators, their DfE column and year."""
    grouped: dict[str, list[str]] = {}
    for _, row in chosen.iterrows():
        where, _, column = str(row["source"]).rpartition(", ")
        grouped.setdefault(where, []).append(f"ID {row['id']} {column} ({row['year']}, {row['measure']})")
    return [f"- **Source**, {md(where)}: {md('; '.join(items))}." for where, items in grouped.items()]


def _decimals(text: str) -> int:
    number = re.search(r"[0-9][0-9,]*(?:\.([0-9]+))?", text)
    return len(number.group(1) or "") if number else 0


def _differences(sc: Scorecard) -> list[str]:
    """Each typed benchmark against the computed one at the typed figure's decimals: the reproduced
    counted, the others listed with both figures."""
    same, differ = [], []
    for _, indicator in sc.indicators.iterrows():
        ident = str(indicator["id"])
        if ident not in sc.benchmarks.index:
            continue
        row = chosen_row(sc.benchmarks, ident)
        for column, computed in _COMPUTED.items():
            typed = str(indicator[column] or "")
            figure = benchmark_figure(typed)
            value = float(row[f"{computed}_value"])
            if figure is None or pd.isna(value):
                continue
            decimals = _decimals(typed)
            if round(value, decimals) == round(figure, decimals):
                same.append(ident)
                continue
            shown = format_number(value, str(indicator["unit"]), max(decimals, int(row["decimals"])))
            of = f", {row['neighbours_with_figure']} of {row['neighbours']} neighbours"
            differ.append(
                f"ID {md(ident)} {BENCHMARKS[column]}: typed {md(typed)}, computed {md(shown)} "
                f"({md(str(row['year']))}{of if computed == 'neighbour_average' else ''})"
            )
    if not same and not differ:
        return []
    line = (
        f"- **Typed benchmarks and the DfE's figures**: {len(same)} of {len(same) + len(differ)} typed in "
        "the catalogue are reproduced from the DfE's files at their own decimals"
        + (f" (ID {md(', '.join(same))})" if same else "")
    )
    if differ:
        line += f"; these differ, and the pack shows the computed figure: {'; '.join(differ)}"
    return [line + "."]


def _unmatched(sc: Scorecard) -> list[str]:
    """Indicators naming a measure with no DfE figure for the pack, and typed benchmarks shown as entered."""
    lines = []
    catalogue = complete_catalogue(sc.data.catalogue)
    named = catalogue[(catalogue["benchmark"] != "") & ~catalogue["id"].isin(sc.benchmarks.index)]
    if len(named):
        pairs = ", ".join(f"ID {i} ({m})" for i, m in zip(named["id"], named["benchmark"], strict=True))
        lines.append(
            f"- **Benchmarks without DfE figures**: {md(pairs)}: the catalogue names a measure, but "
            "benchmarks.csv holds no figure of it published by the pack's month; run `python -m scorecard "
            "benchmarks` with its DfE file."
        )
    entered = [
        f"ID {i}"
        for i, row in sc.indicators.set_index("id").iterrows()
        if i not in sc.benchmarks.index and _typed(row)
    ]
    if entered:
        lines.append(
            f"- **Benchmarks entered by hand** ({md(', '.join(entered))}): typed into the catalogue and "
            f"marked \u201c{ENTERED}\u201d; the catalogue's benchmark column names no DfE measure for them."
        )
    polarity = dict(zip(sc.indicators["id"], sc.indicators["polarity"], strict=True))
    not_ranked = [
        f"ID {i} ({unranked(chosen_row(sc.benchmarks, str(i)), polarity.get(i, ''))})"
        for i in sc.benchmarks.index
        if pd.isna(sc.benchmarks.loc[i, "rank"])
    ]
    if not_ranked:
        lines.append(f"- **Without a rank or band**: {md('; '.join(not_ranked))}.")
    return lines


def _typed(row: pd.Series) -> bool:
    return any(str(row[c] or "").strip().lower() not in ("", "n/a", "na") for c in BENCHMARKS)
