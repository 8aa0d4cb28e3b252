"""great_tables scorecard tables: one per section, plus the summary tables.

Every visual cue is a body-cell style set with ``tab_style`` (fill, text colour, weight, italic), the
part of a GT object ``scorecard.pack.output.typst`` carries into the PDF; column widths are percentages set
with ``cols_width``, so the web page and the PDF share them. Each cue also has words or a glyph
(``87.4% ✓``, ``▲ improving``) so nothing depends on colour alone.
"""

from __future__ import annotations

import html
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import pandas as pd
from great_tables import GT, loc, style

from scorecard.model import BENCHMARKS, Assurance, Rag, SpcLimits
from scorecard.pack import palette
from scorecard.pack.display import NBSP, NOTHING_PUBLISHED, format_cell, is_missing, target_text
from scorecard.pack.layout import (
    BENCHMARK_WIDTH,
    EXTRA_WIDTH,
    ID_WIDTH_MAX,
    ID_WIDTH_PAD,
    ID_WIDTH_PER_CHAR,
    MDC_MATRIX_WIDTHS,
    MIN_PERIOD,
    MIN_TITLE,
    SECTION_WIDTHS,
)
from scorecard.pack.output import icons
from scorecard.pack.output.escape import html_text
from scorecard.pack.parts import benchmarks as benchmark_cells
from scorecard.periods import period_label
from scorecard.rules import SERIES_BREAK, rebase_label

if TYPE_CHECKING:  # only for annotations
    from scorecard.pack.output.gt_model import Label
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


def _cell(images: str, words: str) -> str:
    return images + icons.words_beside(words) if images else html.escape(words)


def reading_cells(indicators: pd.DataFrame) -> tuple[list[str], list[str], list[str], list[str]]:
    """(variation words, variation HTML, assurance words, assurance HTML) of each indicator, for a
    table with a column for each."""
    cells: tuple[list[str], list[str], list[str], list[str]] = ([], [], [], [])
    for (v_words, v_image), (a_words, a_image) in readings(indicators):
        cells[0].append(v_words)
        cells[1].append(_cell(v_image, v_words))
        cells[2].append(a_words)
        cells[3].append(_cell(a_image, a_words))
    return cells


def spc_cells(indicators: pd.DataFrame) -> tuple[list[str], list[str]]:
    """Each indicator's one SPC cell as (words, HTML): the two icons first, then the words of both
    readings (the assurance only where there is one), so only the cell's first line is an icon line."""
    words, markups = [], []
    for ((v_words, v_image), (a_words, a_image)), level in zip(
        readings(indicators), indicators["assurance"], strict=True
    ):
        said = f"{v_words} · {a_words}" if level != Assurance.NONE else v_words
        words.append(said)
        markups.append(_cell(v_image + a_image, said))
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


def fill_of(key: str) -> tuple[str, str]:
    """(background, text colour) a month cell gets for its fill key."""
    if key == "status":
        return palette.STATUS_FILL, palette.INK
    swatch = palette.rag_swatch(key)
    return swatch.fill, swatch.text


def _groups(keys: Iterable[str]) -> dict[str, list[int]]:
    groups: dict[str, list[int]] = defaultdict(list)
    for row, key in enumerate(keys):
        groups[key].append(row)
    return groups


def scorecard_table(
    sc: Scorecard,
    key: str,
    links: dict[str, str] | None = None,
    revised: Collection[tuple[str, str]] = (),
    marks: Mapping[str, Sequence[tuple[str, str]]] | None = None,
) -> GT:
    """The section's scorecard table, every month cell filled with its RAG colour.

    ``links``: indicator id -> the anchor of its trend chart; the ID cell links there. ``revised``:
    the (id, period) cells to mark as revised since the last pack. ``marks``: indicator id -> (words,
    anchor) links after its title: its commentary, its exception page.
    """
    frame, rags = section_frame(sc, key, set(revised))
    indicators: pd.DataFrame = sc.section(key)
    longest = max((len(ident) for ident in sc.indicators["id"]), default=3)
    shares, period = section_widths([c for c in frame.columns if c not in rags], len(rags), longest)
    widths = {column: f"{shares.get(column, period):.2f}%" for column in frame.columns}
    table = (
        GT(frame)
        .opt_row_striping(row_striping=False)
        .cols_width(widths)
        .cols_align("right", columns=list(rags))
    )
    table = link_ids(table, links)
    for column, keys in rags.items():
        for fill_key, rows in _groups(keys).items():
            background, text = fill_of(fill_key)
            styles = [style.fill(color=background), style.text(color=text)]
            if fill_key == "status":
                styles.append(style.text(style="italic"))
            table = table.tab_style(styles, loc.body(columns=column, rows=rows))
    directions = [
        palette.arrow_label(d, t)[1]
        for d, t in zip(indicators["direction"], indicators["trend"], strict=True)
    ]
    table = _colour_text(table, DIRECTION, directions, bold=True)
    table = _colour_text(table, SPC, [palette.VARIATION_LABELS[v][1] for v in indicators["variation"]])
    table = with_markup(table, SPC, spc_cells(indicators)[1])
    if benchmark_cells.has_benchmarks(sc):
        heading, _, markups = benchmark_cells.cells(sc, indicators)
        table = with_markup(table, heading, markups)
    if marks:
        titles = [
            html_text(title)
            + "".join(f' · <a href="#{anchor}">{html_text(words)}</a>' for words, anchor in marks[i])
            for i, title in zip(frame[ID], frame[INDICATOR], strict=True)
            if i in marks
        ]
        rows = [n for n, i in enumerate(frame[ID]) if i in marks]
        for row, markup in zip(rows, titles, strict=True):
            table = table.fmt(showing(markup), columns=INDICATOR, rows=[row])
    return table.tab_style(style.text(weight="bold"), loc.body(columns=ID))


def showing(markup: str) -> Callable[[object], str]:
    """A great_tables formatter that shows ``markup`` whatever the cell holds."""
    return lambda _: markup


def with_markup(table: GT, column: str, markups: list[str]) -> GT:
    """Each row's cell in ``column`` shown as its markup (icons made by ``scorecard.pack.output.icons``,
    text already escaped): one formatter per distinct cell."""
    for markup, rows in _groups(markups).items():
        table = table.fmt(showing(markup), columns=column, rows=rows)
    return table


def _colour_text(table: GT, column: str, colours: list[str], bold: bool = False) -> GT:
    for colour, rows in _groups(colours).items():
        table = table.tab_style(
            style.text(color=colour, weight="bold" if bold else "normal"), loc.body(columns=column, rows=rows)
        )
    return table


def link_ids(table: GT, links: dict[str, str] | None) -> GT:
    """Each ID cell a link to ``links[id]`` (its trend chart's anchor) where there is one."""
    if not links:
        return table
    return table.fmt(
        lambda ident: f'<a href="#{links[ident]}">{html_text(ident)}</a>' if ident in links else ident,
        columns=ID,
    )


def plain_table(
    frame: pd.DataFrame, widths: dict[str, float] | None = None, links: dict[str, str] | None = None
) -> GT:
    """A summary table without colour cues (its cells already say everything in words).

    ``widths``: % of the page per column (the rest share what is left), for long text columns.
    ``links``: indicator id -> its trend chart's anchor, for a table with an ID column.
    """
    table = GT(frame).opt_row_striping(row_striping=False)
    if ID in frame.columns:  # "5", "8a": identifiers, read from the left like the titles beside them
        table = link_ids(table.cols_align("left", columns=ID), links)
    if widths:
        rest = (100 - sum(widths.values())) / max(len(frame.columns) - len(widths), 1)
        table = table.cols_width({c: f"{widths.get(c, rest):.2f}%" for c in frame.columns})
    return table


def rag_filled_counts(frame: pd.DataFrame) -> GT:
    """RAG counts per section, the count columns filled with their RAG colours."""
    table = plain_table(frame)
    for rag in (Rag.GREEN, Rag.AMBER, Rag.RED):
        swatch = palette.RAG[rag]
        column = palette.rag_label(rag)
        if column in frame.columns:
            table = table.tab_style(
                [style.fill(color=swatch.fill), style.text(color=swatch.text, weight="bold")],
                loc.body(columns=column),
            )
    return table


def icon_table(
    frame: pd.DataFrame, sc: Scorecard, widths: dict[str, float], links: dict[str, str] | None = None
) -> GT:
    """The summary icon table (``summary.icon_table``'s frame), grouped by section, with Making Data
    Count's icons in its Variation and Assurance columns; ``widths``: % of the page per column."""
    titles = {section.key: section.title for section in sc.settings.sections}
    shown = frame.columns.drop("Section")
    rest = (100 - sum(widths.values())) / max(len(shown) - len(widths), 1)
    table = (
        GT(frame, groupname_col="Section")
        .opt_row_striping(row_striping=False)
        .fmt(lambda key: html.escape(titles.get(str(key), str(key))), columns="Section")
        .cols_align("left", columns="ID")
        .cols_align("center", columns=["Latest", "Target"])
        .cols_width({c: f"{widths.get(c, rest):.2f}%" for c in shown})
        .tab_options(row_group_font_weight="bold")  # the PDF's group rows are bold too
    )
    table = link_ids(table, links)
    indicators = sc.indicators.set_index("id").loc[frame["ID"]].reset_index()
    _, variation, _, assurance = reading_cells(indicators)
    return with_markup(with_markup(table, "Variation", variation), "Assurance", assurance)


def mdc_matrix_table(
    frame: pd.DataFrame, row_icons: dict[str, tuple[str, ...]], column_icons: dict[str, str]
) -> GT:
    """The Making Data Count matrix (``summary.mdc_matrix``'s frame), its rows and columns headed by
    the MDC icons they stand for (``row_icons``: row words -> icon names; ``column_icons``: column ->
    icon name); a row or column without icons keeps its words."""
    from great_tables import html as html_label

    table = plain_table(frame, MDC_MATRIX_WIDTHS)
    labels: dict[str, Label] = {
        column: html_label(icons.markup(name)) for column, name in column_icons.items() if column in frame
    }
    table = table.cols_label(cases=labels) if labels else table
    rows = [
        " ".join(icons.markup(name) for name in row_icons[word]) if word in row_icons else html.escape(word)
        for word in frame["Variation"]
    ]
    return with_markup(table, "Variation", rows)
