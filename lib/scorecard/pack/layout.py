"""Where things sit on the page: the tables' column widths, the charts' geometry and the ids links
point at, in one place.

The colours are ``scorecard.pack.palette``'s; the web page's CSS is ``output/assets/pack.css``.
Table widths are % of the page's text width (landscape A4: 267 mm): the PDF's Typst tables take only
percentages (``scorecard.pack.output.typst``). A table's columns not named here share what is left.
Chart lengths are inches on the figure: the charts are drawn straight on it, without Axes
(``scorecard.pack.output.figures``), so every offset is one of these.
"""

from __future__ import annotations

import re

# --- Tables: % of the page -------------------------------------------------------------------------

# Section tables. The title gets about 60 mm, enough for most titles on two lines at the PDF's 7 pt;
# months get the rest ("month": all of them together, in the shipped layout).
SECTION_WIDTHS = {
    "ID": 2.4,
    "Indicator": 23.0,
    "month": 48.0,
    "Target": 5.0,
    "SN av": 3.2,
    "Direction of travel": 6.0,
    "SPC": 11.4,
}
EXTRA_WIDTH = 4.2  # a benchmark (other than a plain SN av) or last year's outturn
# The DfE benchmarks, one a line ("Eng 22.4%", "NW 21.2%", "SN 19.6% (9 of 10)", "25 of 149 · A"):
# wide enough for the longest line, so a row grows by those four lines and no more.
BENCHMARK_WIDTH = 7.8
MIN_PERIOD, MIN_TITLE = 3.8, 17.0  # the title gives way, down to this, before a period column is squeezed
# (3.8: "100.0% ✓" on one line in the PDF, and "Apr-24" in the web page's headers at 1366 px)
ID_WIDTH_PER_CHAR, ID_WIDTH_PAD, ID_WIDTH_MAX = 0.6, 0.4, 6.0  # longer ids (EM-01) take room from the title

# The summary's listings of indicators (off target and worse, special causes).
LISTING_WIDTHS = {"ID": 4.0, "Indicator": 40.0, "SPC variation": 15.0}
# The Making Data Count icon table.
ICON_TABLE_WIDTHS = {"ID": 4.0, "Indicator": 44.0, "Latest": 8.0, "Target": 8.0, "Variation": 20.0}
# The Making Data Count matrix: its row headings (the variation).
MDC_MATRIX_WIDTHS = {"Variation": 30.0}
# The appendix's computed against published arrows.
ARROW_DIFFERENCE_WIDTHS = {"ID": 4.0, "Indicator": 46.0}

# --- Trend charts (small multiples): inches -----------------------------------------------------------

# _quarto.yml's fig-width says the same 10.4 in: the web page's CSS scales the SVG to the page column.
FIGURE_WIDTH = 10.4
PANEL_COLUMNS = 5  # panels across a figure (and legend entries across a row)
PANEL_HEIGHT = 1.75  # one row of panels, title and month labels included
LEGEND_HEIGHT = 0.45  # the legend's band at the top of a figure
PANEL_TOP = 0.3  # from the top of a panel's row to its plot: room for the two-line title
PANEL_LEFT = 0.45  # from the left of a panel's cell to its plot: room for the value labels
PANEL_RIGHT = 0.12  # the gap after a plot, before the next panel's cell
PANEL_BOTTOM = 0.5  # from the bottom of a panel's row to its plot: room for the month labels
TITLE_CHARS = 31  # per line of a panel title at TEXT_PT bold; two lines at most
TITLE_DX, TITLE_DY = 0.37, 0.06  # the title's start: left of the plot, above it
VALUE_LABEL_DX = 0.05  # the lowest and highest values' labels end this far left of the plot
MONTH_LABEL_DY = 0.06  # the first and last month's labels hang this far below the axis
LEGEND_COLUMN, LEGEND_ROW, LEGEND_HANDLE = 2.0, 0.16, 0.28  # an entry's width, its row, its sample line
LEGEND_MARGIN = 0.12  # from the figure's left and top edges to the first entry
LEGEND_LABEL_GAP = 0.08  # between an entry's sample and its words
EXCEPTION_CHART = (3.6, 1.5)  # an exception's one chart: the left part of its page's row

# --- The summary's RAG bar chart: inches ------------------------------------------------------------

RAG_FIGURE_WIDTH, RAG_TITLES = 8.0, 3.0  # the chart, and the room for its section titles
RAG_PT = 8.5  # its text: the web page shows it across the text column, 800 px (11.8 px)
RAG_ROW = 0.32  # one section's bar
RAG_FIXED = 0.95  # the legend's and the axis's room, whatever the number of sections
RAG_RIGHT = 0.15  # right of the longest bar
RAG_AXIS = 0.35  # below the bars: the axis and its labels
RAG_TOP = 0.55  # above the bars: the legend
RAG_BAR = 0.35  # half a bar's height, as a share of its row
RAG_TITLE_CHARS = 44  # a section title wraps onto two lines beyond this
RAG_TITLE_GAP = 0.08  # between a section's title and the axis
RAG_TICK = 0.05  # the length of the ticks (on both axes)
RAG_TICK_LABEL_GAP = 0.08  # between the count axis and its labels
RAG_LEGEND_LEFT, RAG_LEGEND_STEP = 0.1, 1.45  # the first legend entry's left edge, and each one's width
RAG_SWATCH_WIDTH = 0.2  # a legend swatch, from the entry's left edge
RAG_SWATCH_BOTTOM, RAG_SWATCH_TOP = 0.12, 0.22  # a legend swatch, above the bars
RAG_LEGEND_LABEL_DX, RAG_LEGEND_LABEL_DY = 0.28, 0.17  # its words: right of the entry's edge, above the bars


# --- Anchors: the ids links point at --------------------------------------------------------------


def _slug(ident: str) -> str:
    return re.sub(r"[^0-9a-z]+", "-", ident.lower())


def exception_anchor(ident: str) -> str:
    """The id of an indicator's exception block: summaries and section tables link to it."""
    return f"exception-{_slug(ident)}"


def commentary_anchor(ident: str) -> str:
    """The id of the commentary whose first indicator is ``ident``: its row in the section table links
    to it. Quarto's filter (``quarto/blocks.lua``) gives inline commentary the same."""
    return f"commentary-{_slug(ident)}"
