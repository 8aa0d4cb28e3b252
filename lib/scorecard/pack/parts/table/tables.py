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
from typing import TYPE_CHECKING

import pandas as pd
from great_tables import GT, loc, style

from scorecard.model import Rag
from scorecard.pack import palette
from scorecard.pack.layout import MDC_MATRIX_WIDTHS
from scorecard.pack.output import icons
from scorecard.pack.output.escape import html_text
from scorecard.pack.parts import benchmarks as benchmark_cells
from scorecard.pack.parts.table.section_cells import (
    DIRECTION,
    ID,
    INDICATOR,
    SPC,
    reading_cell,
    readings,
    section_frame,
    section_widths,
    spc_cells,
)

if TYPE_CHECKING:  # only for annotations
    from scorecard.pack.output.gt_model import Label
    from scorecard.rules import Scorecard


def reading_cells(indicators: pd.DataFrame) -> tuple[list[str], list[str], list[str], list[str]]:
    """(variation words, variation HTML, assurance words, assurance HTML) of each indicator, for a
    table with a column for each."""
    cells: tuple[list[str], list[str], list[str], list[str]] = ([], [], [], [])
    for (v_words, v_image), (a_words, a_image) in readings(indicators):
        cells[0].append(v_words)
        cells[1].append(reading_cell(v_image, v_words))
        cells[2].append(a_words)
        cells[3].append(reading_cell(a_image, a_words))
    return cells


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
