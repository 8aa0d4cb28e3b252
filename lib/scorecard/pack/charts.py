"""Trend charts: matplotlib small multiples, one panel per indicator, as SVG with computed alt text.

Speed (issue 5, <= 20 ms a panel): no pyplot, no automatic layout, no Axes and no Legend. Profiling
showed Axes creation, ticks, title placement and legend layout were most of the cost, so each figure
is drawn straight on the figure in inches with fixed panel geometry, and every panel's lines and
markers are batched into a few collections (``_Canvas``); only a few text labels remain per panel.
Text stays text in the SVG (fonttype "none", DejaVu Sans): Typst renders it with the same font and
embeds it, and the SVG is a fifth of the size it has with every glyph written as a path, which is
what Quarto, pandoc and Typst then spend their time reading (each figure is in the page twice over).
Charts are drawn from ``scorecard.pack.chart_data``'s plain numbers.

Each figure carries an alt text computed from the data (what every panel shows); Quarto reads
``fig-alt`` only from static cell options, so figures are written as raw blocks with their own alt
(``scorecard.pack.outputs.figure_output``).
"""

from __future__ import annotations

import io
import math
import textwrap
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

import matplotlib
import numpy as np
from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.collections import LineCollection, PolyCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from scorecard.pack import palette
from scorecard.pack.chart_data import (
    PANELS_PER_FIGURE,
    Panel,
    RagBars,
    SectionPanels,
    figure_anchor,
    section_panels,
    table_anchor,
)
from scorecard.pack.formats import format_number, period_label
from scorecard.pack.outputs import Markdown, figure_output

if TYPE_CHECKING:  # only for annotations: the frame module is the logic engineer's
    from scorecard.rules.frame import Scorecard

# The smallest chart text. The web page shows a 10.4 in figure across Quarto's page column, 1135 px
# at a 1366 px window: 7.5 pt is then 11.4 px (WCAG reading: at least 11 px); on the PDF it is 7.5 pt.
TEXT_PT = 7.5
TITLE_CHARS = 31  # per line of a panel title at TEXT_PT bold; two lines at most
COLUMNS = 5
ROWS_PER_FIGURE = PANELS_PER_FIGURE // COLUMNS  # 15 panels fill one landscape A4 page
PANEL_HEIGHT, FIGURE_WIDTH, LEGEND_HEIGHT = 1.75, 10.4, 0.45  # inches
RAG_FIGURE_WIDTH, RAG_TITLES = 8.0, 3.0  # inches: the summary's chart, and the room for its section titles
RAG_PT = 8.5  # its text: the web page shows it across the text column, 800 px (11.8 px)
# Stable SVG ids; text as text, in the one font the PDF (Typst) and the web page's fallback agree on.
matplotlib.rcParams.update({"svg.hashsalt": "scorecard", "font.size": 7, "svg.fonttype": "none",
                            "font.family": "DejaVu Sans"})


@dataclass(frozen=True)
class Chart:
    """One figure: its SVG, a visible caption and the alt text that describes it."""

    svg: str
    caption: str
    alt: str
    panels: int
    anchor: str = ""  # the figure's id, which section tables link to
    back: tuple[str, str] | None = None  # (words, anchor) of a link in the caption back to the table
    wide: bool = True  # page-wide on the web page (panels); else the text column (the RAG chart)

    def markdown(self) -> Markdown:
        return figure_output(self.svg, self.caption, self.alt, self.anchor, self.back, self.wide)


@dataclass(frozen=True)
class ChartSet:
    """All the figures of a section; displays as Markdown (see ``scorecard.pack.outputs``)."""

    charts: tuple[Chart, ...]

    def markdown(self) -> Markdown:
        parts = [chart.markdown() for chart in self.charts]
        if not parts:
            return Markdown("*No values to chart.*")
        files = {name: data for part in parts for name, data in part.files.items()}
        return Markdown("\n\n".join(parts), files)

    @property
    def files(self) -> dict[str, bytes]:
        return self.markdown().files

    def _repr_markdown_(self) -> str:
        return self.markdown()._repr_markdown_()

    def __repr__(self) -> str:  # the plain-text fallback, kept short
        return f"<{len(self.charts)} figure(s), {sum(c.panels for c in self.charts)} panels>"


class _Canvas:
    """All panels of one figure, drawn straight on the figure in inches and batched into collections.

    Why (issue 5, <= 20 ms a panel): an Axes costs ~9 ms to create and draw even with its axis off,
    and a Legend lays itself out by measuring every label; here there is no Axes and no Legend, every
    line of one style is one ``LineCollection`` and every marker of one kind one ``Line2D``, so what
    remains per panel is mostly its few text labels.
    """

    def __init__(self, fig: Figure) -> None:
        self.fig = fig
        self.inches = fig.dpi_scale_trans
        self.segments: dict[str, list] = defaultdict(list)  # line style -> segments
        self.points: dict[tuple[str, str], tuple[list, list]] = defaultdict(lambda: ([], []))
        self.bands: list = []
        self.band_colours: list[str] = []  # per band; bands without one are target bands

    def line(self, kind: str, xs: list[float], ys: list[float]) -> None:
        self.segments[kind].append(list(zip(xs, ys, strict=True)))

    def marks(self, marker: str, colour: str, xs: list[float], ys: list[float]) -> None:
        store = self.points[(marker, colour)]
        store[0].extend(xs)
        store[1].extend(ys)

    def text(self, x: float, y: float, text: str, **style: object) -> None:
        self.fig.text(x, y, text, transform=self.inches, **style)

    def draw(self) -> None:
        if self.band_colours:  # solid swatches (the RAG chart's legend)
            self.fig.add_artist(PolyCollection(self.bands, facecolors=self.band_colours, lw=0,
                                               transform=self.inches))
        elif self.bands:
            self.fig.add_artist(PolyCollection(self.bands, facecolors=palette.TARGET, alpha=0.12, lw=0,
                                               transform=self.inches))
        for kind, segments in self.segments.items():
            colour, width, dash = LINE_STYLES[kind]
            self.fig.add_artist(LineCollection(segments, colors=colour, linewidths=width, linestyles=dash,
                                               zorder=3 if kind == "series" else 2, transform=self.inches))
        for (marker, colour), (xs, ys) in self.points.items():
            series = colour == palette.SERIES
            self.fig.add_artist(Line2D(xs, ys, ls="none", marker=marker, ms=2.4 if series else 5,
                                       color=colour, mec="white" if not series else colour, mew=0.4,
                                       zorder=5 if not series else 4, transform=self.inches))


LINE_STYLES: dict[str, tuple[str, float, object]] = {  # colour, width, dash
    "series": (palette.SERIES, 1.1, "solid"),
    "target": (palette.TARGET, 1.1, "solid"),
    "sn": (palette.SN_AVERAGE, 0.9, (0, (4, 2))),
    "mean": (palette.SPC_LINES, 0.8, "solid"),
    "limit": (palette.SPC_LINES, 0.7, (0, (1, 1.5))),
    "break": (palette.MUTED, 0.8, (0, (2, 2))),
    "axis": (palette.GRID, 0.6, "solid"),
    "frame": (palette.INK, 0.8, "solid"),
}


def _steps(index: np.ndarray, level: np.ndarray) -> list[tuple[list[int], float]]:
    """Runs of consecutive months at one constant level (limits change only at series breaks)."""
    runs: list[tuple[list[int], float]] = []
    for i, value in zip(index.tolist(), level.tolist(), strict=True):
        if not math.isfinite(value):
            continue
        if runs and runs[-1][0][-1] == i - 1 and runs[-1][1] == value:
            runs[-1][0].append(i)
        else:
            runs.append(([i], value))
    return runs


def _panel(canvas: _Canvas, box: tuple[float, float, float, float], panel: Panel, periods: list[str],
           bottom_row: bool) -> None:
    x0, y0, x1, y1 = box
    values, levels, band, sn, spc = panel.values, panel.targets, panel.band, panel.sn_average, panel.spc
    # Every measure here is >= 0 and a percentage <= 100: a process limit beyond what the measure
    # can reach is drawn at that edge, so the board never reads an axis at -23% or 117%.
    ceiling = 100.0 if panel.unit == "percent" else math.inf
    limits = np.clip(spc.levels, 0.0, ceiling)
    everything = np.concatenate([values, levels, [] if sn is None else [sn], limits.ravel()])
    everything = everything[np.isfinite(everything)]
    lowest, highest = float(everything.min()), float(everything.max())
    pad = (highest - lowest) * 0.06 or max(abs(highest) * 0.1, 1.0)
    low, high = lowest - pad, highest + pad
    step = (x1 - x0) / len(periods)
    scale = (y1 - y0) / (high - low)

    def at(i: float) -> float:
        return x0 + (i + 0.5) * step

    def y(v: float) -> float:
        return y0 + (v - low) * scale

    if band:
        canvas.bands.append([(x0, y(band[0])), (x1, y(band[0])), (x1, y(band[1])), (x0, y(band[1]))])
    for level in levels:
        canvas.line("target", [x0, x1], [y(level)] * 2)
    if sn is not None:
        canvas.line("sn", [x0, x1], [y(sn)] * 2)
    for column, kind in enumerate(("mean", "limit", "limit")):
        for months, level in _steps(spc.index, limits[:, column]):
            canvas.line(kind, [at(months[0] - 0.5), at(months[-1] + 0.5)], [y(level)] * 2)
    for i, value, kind in zip(spc.index[spc.special].tolist(), spc.value[spc.special].tolist(),
                              spc.point_type[spc.special].tolist(), strict=True):
        marker, colour = palette.POINT_STYLES.get(str(kind), ("s", palette.SPC_NEUTRAL))
        canvas.marks(marker, colour, [at(i)], [y(value)])
    if panel.series_break in periods[1:]:  # earlier months are not comparable: mark the new start
        canvas.line("break", [at(periods.index(panel.series_break) - 0.5)] * 2, [y0, y1])
    run_x: list[float] = []
    run_y: list[float] = []
    for i, value in enumerate([*values.tolist(), math.nan]):  # NaN ends a run: gaps stay gaps
        if math.isfinite(value):
            run_x.append(at(i))
            run_y.append(y(value))
        elif run_x:
            canvas.line("series", run_x, run_y)
            canvas.marks("o", palette.SERIES, run_x, run_y)
            run_x, run_y = [], []
    canvas.line("axis", [x0, x1], [y0, y0])
    lines = textwrap.wrap(f"{panel.id}: {panel.title}", TITLE_CHARS, max_lines=2, placeholder=" …")
    canvas.text(x0 - 0.37, y1 + 0.06, "\n".join(lines), fontsize=TEXT_PT, fontweight="bold",
                color=palette.INK, va="bottom", linespacing=1.1)
    unit, decimals = panel.unit, panel.decimals
    for value in (lowest, highest):  # the range the panel shows
        canvas.text(x0 - 0.05, y(value), format_number(value + 0.0, unit, decimals), ha="right", va="center",
                    fontsize=TEXT_PT, color=palette.MUTED)
    # Every panel shares the months, so only the bottom row labels them (text is the costly part).
    for i, ha in ((0, "left"), (len(periods) - 1, "right")) if bottom_row else ():
        canvas.text(at(i), y0 - 0.06, period_label(periods[i]), ha=ha, va="top", fontsize=TEXT_PT,
                    color=palette.MUTED)


# The legend: (label, line style or None, marker or None, colour, dash). Drawn by hand at fixed places
# (five to a row, as the panels) because matplotlib's Legend measures every label to lay itself out.
LEGEND: list[tuple[str, str | None, str | None, str]] = [
    ("monthly value", "series", "o", palette.SERIES),
    ("target (band shaded)", "target", None, palette.TARGET),
    ("SN average", "sn", None, palette.SN_AVERAGE),
    ("SPC mean", "mean", None, palette.SPC_LINES),
    ("SPC process limits", "limit", None, palette.SPC_LINES),
    *[("special cause: " + point_type.replace("_", " "), None, marker, colour)
      for point_type, (marker, colour) in palette.POINT_STYLES.items()],
]
LEGEND_COLUMN, LEGEND_ROW, LEGEND_HANDLE = 2.0, 0.16, 0.28  # inches


def _legend(canvas: _Canvas, top: float) -> None:
    for n, (label, line, marker, colour) in enumerate(LEGEND):
        row, column = divmod(n, COLUMNS)
        x, y = 0.12 + column * LEGEND_COLUMN, top - 0.12 - row * LEGEND_ROW
        if line:
            canvas.line(line, [x, x + LEGEND_HANDLE], [y, y])
        if marker:
            canvas.marks(marker, colour, [x + LEGEND_HANDLE / 2], [y])
        canvas.text(x + LEGEND_HANDLE + 0.08, y, label, va="center", fontsize=TEXT_PT, color=palette.INK)


def _svg(fig: Figure) -> str:
    buffer = io.StringIO()
    FigureCanvasSVG(fig).print_svg(buffer, metadata={"Date": None})
    return buffer.getvalue()


def section_charts(sc: Scorecard, key: str) -> ChartSet:
    """The section's trend panels, 15 to a figure; indicators with no values in the window are listed."""
    return draw_section(section_panels(sc, key))


def draw(drawable: SectionPanels | RagBars) -> ChartSet:
    """The figures of a section's panels or of the summary's RAG bars."""
    return draw_section(drawable) if isinstance(drawable, SectionPanels) else draw_rag_bars(drawable)


def draw_section(section: SectionPanels) -> ChartSet:
    """Draw a section's panels, 15 to a figure, each figure with its caption and alt text."""
    periods, missing = section.periods, section.missing
    span = f"{period_label(periods[0])} to {period_label(periods[-1])}"
    charts = []
    per_figure = PANELS_PER_FIGURE
    for start in range(0, len(section.panels), per_figure):
        batch = section.panels[start : start + per_figure]
        rows = -(-len(batch) // COLUMNS)
        height = rows * PANEL_HEIGHT + LEGEND_HEIGHT
        fig = Figure(figsize=(FIGURE_WIDTH, height))
        canvas = _Canvas(fig)
        cell = FIGURE_WIDTH / COLUMNS
        for n, panel in enumerate(batch):
            row, column = divmod(n, COLUMNS)
            top = height - LEGEND_HEIGHT - row * PANEL_HEIGHT - 0.3
            box = (column * cell + 0.45, top - PANEL_HEIGHT + 0.5, (column + 1) * cell - 0.12, top)
            _panel(canvas, box, panel, periods, n + COLUMNS >= len(batch))
        _legend(canvas, height)
        canvas.draw()
        ids_shown = f"{batch[0].id}–{batch[-1].id}" if len(batch) > 1 else batch[0].id
        caption = f"{section.title}: trends {span} (IDs {ids_shown})"
        alt = (f"{len(batch)} small line charts, one per indicator, of the monthly values from {span}, "
               "each with its target line or band, SN average, SPC mean and process limits; "
               "special-cause points are marked with shapes. "
               + " ".join(panel.description for panel in batch))
        if missing and start + per_figure >= len(section.panels):
            ids = ", ".join(f"ID {ident}" for ident in missing)  # each ID named: a table's link lands here
            alt += f" Not charted, no values in these months: {ids}."
            caption += f". Not charted (no values): {ids}"
        anchor = figure_anchor(section.key, start // per_figure)
        charts.append(Chart(_svg(fig), caption, alt, len(batch), anchor,
                            ("Back to the table", table_anchor(section.key))))
    return ChartSet(tuple(charts))


RAG_ORDER = ("green", "amber", "red", "none")


def draw_rag_bars(bars: RagBars) -> ChartSet:
    """Stacked bars of the RAG counts per section; counts are written on the bars, not only coloured.

    Drawn like the panels, straight on the figure in inches (an Axes with its ticks and Legend cost
    ~70 ms)."""
    from matplotlib.ticker import MaxNLocator

    rows = len(bars.sections)
    height = 0.32 * rows + 0.95  # inches: bars plus fixed room for the legend and the axis
    fig = Figure(figsize=(RAG_FIGURE_WIDTH, height))
    canvas = _Canvas(fig)
    x0, x1 = RAG_TITLES, RAG_FIGURE_WIDTH - 0.15
    y0, y1 = 0.35, height - 0.55
    totals = [sum(bars.counts[rag][n] for rag in RAG_ORDER) for n in range(rows)]
    ticks = [t for t in MaxNLocator(integer=True).tick_values(0, max([*totals, 1])) if t >= 0]
    top = max(max(totals, default=0) * 1.05, 1)
    ticks = [t for t in ticks if t <= top]
    row_height = (y1 - y0) / max(rows, 1)

    def x(count: float) -> float:
        return x0 + count / top * (x1 - x0)

    def y(row: int) -> float:  # the middle of a row, first section at the top
        return y1 - (row + 0.5) * row_height

    left = [0] * rows
    for rag in RAG_ORDER:
        swatch = palette.RAG[rag]
        fill = palette.NONE_CHART_FILL if rag == "none" else swatch.fill
        text = palette.BLACK if rag == "none" else swatch.text
        boxes = []
        for n, count in enumerate(bars.counts[rag]):
            if count:
                half = 0.35 * row_height
                a, b = x(left[n]), x(left[n] + count)
                boxes.append([(a, y(n) - half), (b, y(n) - half), (b, y(n) + half), (a, y(n) + half)])
                canvas.text((a + b) / 2, y(n), str(count), ha="center", va="center", color=text,
                            fontsize=RAG_PT, fontweight="bold")
                left[n] += count
        fig.add_artist(PolyCollection(boxes, facecolors=fill, edgecolors="white", linewidths=1,
                                      transform=canvas.inches))
    for n, title in enumerate(bars.sections):  # long titles wrap onto two lines to fit the margin
        canvas.text(x0 - 0.08, y(n), "\n".join(textwrap.wrap(title, 44)), ha="right", va="center",
                    fontsize=RAG_PT, color=palette.INK)
        canvas.line("frame", [x0 - 0.05, x0], [y(n)] * 2)
    canvas.line("frame", [x0, x0, x1], [y1, y0, y0])
    for tick in ticks:
        canvas.line("frame", [x(tick)] * 2, [y0, y0 - 0.05])
        canvas.text(x(tick), y0 - 0.08, f"{tick:g}", ha="center", va="top", fontsize=RAG_PT,
                    color=palette.INK)
    for n, rag in enumerate(RAG_ORDER):  # the legend, above the bars
        lx = 0.1 + n * 1.45
        fill = palette.NONE_CHART_FILL if rag == "none" else palette.RAG[rag].fill
        canvas.bands.append([(lx, y1 + 0.12), (lx + 0.2, y1 + 0.12), (lx + 0.2, y1 + 0.22), (lx, y1 + 0.22)])
        canvas.band_colours.append(fill)
        canvas.text(lx + 0.28, y1 + 0.17, palette.rag_label(rag), va="center", fontsize=RAG_PT,
                    color=palette.INK)
    canvas.draw()
    parts = [f"{title}: " + ", ".join(f"{bars.counts[r][n]} {palette.RAG[r].word}" for r in RAG_ORDER)
             for n, title in enumerate(bars.sections)]
    alt = ("Horizontal stacked bar chart of the latest RAG rating of each section's indicators. "
           + "; ".join(parts) + ".")
    return ChartSet((Chart(_svg(fig), f"Latest RAG rating by section, {period_label(bars.period)}",
                           alt, rows, wide=False),))
