"""The section tables' text: each indicator's row as words (``section_frame``), month cells with their
RAG glyph and small base, the target, the benchmarks and last year's outturn with their years, the
direction of travel and the SPC cell; and the columns' widths. ``tables`` styles it into a GT table.
"""

from __future__ import annotations

import html
from collections.abc import Collection, Iterable
from typing import TYPE_CHECKING, Any

import pandas as pd

from scorecard.fields import BENCHMARKS
from scorecard.model import Assurance, SpcLimits
from scorecard.pack import palette
from scorecard.pack.display import NBSP, NOTHING_PUBLISHED, format_cell, is_missing, target_text
from scorecard.pack.layout import (
    BENCHMARK_WIDTH,
    EXTRA_WIDTH,
    ID_WIDTH_MAX,
    ID_WIDTH_PAD,
    ID_WIDTH_PER_CHAR,
    MIN_PERIOD,
    MIN_TITLE,
    SECTION_WIDTHS,
)
from scorecard.pack.output import icons
from scorecard.pack.parts import benchmarks as benchmark_cells
from scorecard.periods import period_label
from scorecard.rules import SERIES_BREAK, rebase_label

if TYPE_CHECKING:  # only for annotations
    from scorecard.rules import Rebase, Scorecard

ID, INDICATOR, TARGET, SN, DIRECTION, SPC = "ID", "Indicator", "Target", "SN av", "Direction of travel", "SPC"
LAST_YEAR = "previous_year"


def _title(
    row: pd.Series, rebases: Iterable[Rebase], series_break: str, periods: Collection[str], frequency: str
) -> str:
    """The indicator's title, with each rebase in the months shown: new limits, and why, are part of
    what the board must know when reading the months either side ("new limits from Oct-24: new
    recording system"; a series break: "new series from Oct-24")."""

    def label(period: str) -> str:
        return period_label(period, frequency)

    said = [
        (f"new series from {label(r.start)}" + ("" if r.reason == SERIES_BREAK else f": {r.reason}"))
        if r.start == series_break
        else rebase_label(r, label)
        for r in rebases
        if r.start in periods
    ]
    return f"{row['title']} ({'; '.join(said)})" if said else str(row["title"])


def _month_text(
    value: object,
    status: str,
    count: object,
    rag: str,
    unit: str,
    decimals: int,
    base: tuple[float, float] | None = None,
    revised: bool = False,
) -> str:
    text = format_cell(value, status, unit, decimals, count, base) + (palette.REVISED if revised else "")
    mark = palette.rag_swatch(rag).mark if not is_missing(value) else ""
    if not mark:
        return text
    return f"{text}{NBSP if base else ' '}{mark}"  # a base and its mark stay on one line


def small_base(unit: str, numerator: Any, denominator: Any, small: int) -> tuple[float, float] | None:
    """The numerator and denominator of a percentage on fewer than ``small``, to show beside it.

    Both are a data frame's cells: a number, or NaN / None / pandas' NA where there is none.
    """
    if unit != "percent" or is_missing(denominator) or is_missing(numerator) or float(denominator) >= small:
        return None
    return float(numerator), float(denominator)


def _shown(text: str) -> bool:
    return bool(text) and text.strip().lower() not in ("n/a", "na")


def figure_columns(sc: Scorecard) -> dict[str, str]:
    """The benchmark and last-year columns the pack's tables show, with their headings: only those the
    data has (a figure, or N/A) for some indicator, each heading naming the year most of its figures
    are for."""
    indicators = sc.indicators
    columns = {}
    for column, name in ((LAST_YEAR, "Last year"), *BENCHMARKS.items()):
        if not any(indicators[column] != ""):
            continue
        figures = indicators[[_shown(str(text)) for text in indicators[column]]]
        years = figures[_year_column(column)].replace("", pd.NA).dropna()
        year = years.mode().iloc[0] if len(years) else ""
        if column == LAST_YEAR:
            columns[column] = f"Outturn {year}" if year else name
        else:
            columns[column] = f"{name} {year}" if year else name
    return columns


def _year_column(column: str) -> str:
    return "previous_year_period" if column == LAST_YEAR else f"{column}_year"


def _figure_cells(indicators: pd.DataFrame, column: str, heading: str) -> list[str]:
    """A benchmark's (or last year's) cells; a figure for another year than the heading's says so."""
    cells = []
    for text, year in zip(indicators[column], indicators[_year_column(column)], strict=True):
        if not text:
            cells.append("—")
        elif year and not heading.endswith(year) and _shown(text):
            cells.append(f"{text} ({year})")
        else:
            cells.append(str(text))
    return cells


def section_widths(columns: list[str], periods: int, id_length: int = 3) -> tuple[dict[str, float], float]:
    """Each column's % of the page, and each period column's: the shipped layout's, with room made
    for extra figure columns (the title gives way first, down to ``MIN_TITLE``)."""
    widths = {column: SECTION_WIDTHS[column] for column in (ID, INDICATOR, TARGET, DIRECTION, SPC)}
    widths[ID] = min(max(widths[ID], ID_WIDTH_PER_CHAR * id_length + ID_WIDTH_PAD), ID_WIDTH_MAX)
    widths[INDICATOR] -= widths[ID] - SECTION_WIDTHS[ID]
    for column in columns:
        if column not in widths:
            dfe = column.startswith(benchmark_cells.HEADING)
            widths[column] = SECTION_WIDTHS[SN] if column == SN else BENCHMARK_WIDTH if dfe else EXTRA_WIDTH
    room = 100 - sum(widths.values())
    need = MIN_PERIOD * periods - room
    if need > 0:
        give = min(need, widths[INDICATOR] - MIN_TITLE)
        widths[INDICATOR] -= give
        room += give
    return widths, room / periods


def readings(indicators: pd.DataFrame) -> list[tuple[tuple[str, str], tuple[str, str]]]:
    """Each indicator's variation and assurance readings, each as (words, icon image HTML): Making
    Data Count's icon (``icons.image``, "" where there is no reading) and the words shown beside it,
    or the words alone ("○ too few points", "– no target")."""
    shown = []
    for variation, assurance, polarity, limits in zip(
        indicators["variation"],
        indicators["assurance"],
        indicators["polarity"],
        indicators["spc_limits"],
        strict=True,
    ):
        trial = limits == SpcLimits.TRIAL
        pair = []
        for icon, words in (
            (icons.variation_icon(variation, polarity), palette.VARIATION_LABELS[variation][0]),
            (icons.assurance_icon(assurance), palette.ASSURANCE_LABELS[assurance][0]),
        ):
            pair.append((icons.label(icon, trial), icons.image(icon.name, trial)) if icon else (words, ""))
        shown.append((pair[0], pair[1]))
    return shown


def reading_cell(images: str, words: str) -> str:
    return images + icons.words_beside(words) if images else html.escape(words)


def spc_cells(indicators: pd.DataFrame) -> tuple[list[str], list[str]]:
    """Each indicator's one SPC cell as (words, HTML): the two icons first, then the words of both
    readings (the assurance only where there is one), so only the cell's first line is an icon line."""
    words, markups = [], []
    for ((v_words, v_image), (a_words, a_image)), level in zip(
        readings(indicators), indicators["assurance"], strict=True
    ):
        said = f"{v_words} · {a_words}" if level != Assurance.NONE else v_words
        words.append(said)
        markups.append(reading_cell(v_image + a_image, said))
    return words, markups


def section_frame(
    sc: Scorecard, key: str, revised: Collection[tuple[str, str]] = ()
) -> tuple[pd.DataFrame, dict[str, list[str]]]:
    """The section's table as text, and each month column's fill key per row (for styling and tests).

    A fill key is the month's RAG, or "status" where the month has no number (a status or nothing).
    ``revised``: (id, period) of the figures revised since the last pack, marked ``palette.REVISED``.
    """
    indicators = sc.section(key)
    frequency, small = sc.frequency, sc.settings.small_base
    ids = list(indicators["id"])
    labels = [period_label(p, frequency) for p in sc.periods]
    unit = dict(zip(indicators["id"], indicators["unit"], strict=True))
    decimals = dict(zip(indicators["id"], indicators["decimals"].astype(int), strict=True))
    history = sc.history[sc.history["id"].isin(ids) & sc.history["period"].isin(sc.periods)]
    cells = pd.DataFrame(
        {
            "id": history["id"],
            "label": history["period"].map(lambda p: period_label(p, frequency)),
            "text": [
                _month_text(
                    v,
                    s,
                    c,
                    r,
                    unit[i],
                    decimals[i],
                    small_base(unit[i], top, bottom, small),
                    (i, p) in revised,
                )
                for i, p, v, s, c, r, top, bottom in zip(
                    history["id"],
                    history["period"],
                    history["value"],
                    history["status"],
                    history["count"],
                    history["rag"],
                    history["numerator"],
                    history["denominator"],
                    strict=True,
                )
            ],
            "fill": [
                "status" if is_missing(v) else r
                for v, r in zip(history["value"], history["rag"], strict=True)
            ],
        }
    )
    # Every indicator x month gets a cell; one the frame lacks shows as nothing published.
    texts = cells.pivot(index="id", columns="label", values="text").reindex(index=ids, columns=labels)
    fills = cells.pivot(index="id", columns="label", values="fill").reindex(index=ids, columns=labels)
    breaks = dict(zip(sc.data.catalogue["id"], sc.data.catalogue["series_break"], strict=True))
    titles = [
        _title(row, sc.rebases.get(row["id"], ()), breaks.get(row["id"], ""), sc.periods, frequency)
        for _, row in indicators.iterrows()
    ]
    frame = pd.DataFrame({ID: ids, INDICATOR: titles})
    figures = figure_columns(sc)
    if LAST_YEAR in figures:  # beside the periods, before the first
        frame[figures[LAST_YEAR]] = _figure_cells(indicators, LAST_YEAR, figures[LAST_YEAR])
    for label in labels:
        frame[label] = texts[label].fillna(NOTHING_PUBLISHED).to_list()
    frame[TARGET] = [
        target_text(target, green)
        for target, green in zip(indicators["target"], indicators["green"], strict=True)
    ]
    if benchmark_cells.has_benchmarks(sc):  # computed from the DfE's files, typed ones marked
        heading, benchmark_texts, _ = benchmark_cells.cells(sc, indicators)
        frame[heading] = benchmark_texts
    else:
        for column, heading in figures.items():
            if column != LAST_YEAR:
                frame[heading] = _figure_cells(indicators, column, heading)
    frame[DIRECTION] = [
        palette.arrow_label(d, t)[0]
        for d, t in zip(indicators["direction"], indicators["trend"], strict=True)
    ]
    # The latest month's cell already carries the latest RAG (fill and glyph), so there is no RAG
    # column; variation and assurance share one SPC cell.
    frame[SPC] = spc_cells(indicators)[0]
    return frame, {label: fills[label].fillna("status").to_list() for label in labels}
