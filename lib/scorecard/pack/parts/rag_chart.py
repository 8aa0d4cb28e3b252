"""The executive summary's chart: each section's indicators by latest RAG, as stacked bars."""

from __future__ import annotations

import textwrap

from matplotlib.collections import PolyCollection
from matplotlib.figure import Figure

from scorecard.pack import palette
from scorecard.pack.layout import (
    RAG_AXIS,
    RAG_BAR,
    RAG_FIGURE_WIDTH,
    RAG_FIXED,
    RAG_LEGEND_LABEL_DX,
    RAG_LEGEND_LABEL_DY,
    RAG_LEGEND_LEFT,
    RAG_LEGEND_STEP,
    RAG_PT,
    RAG_RIGHT,
    RAG_ROW,
    RAG_SWATCH_BOTTOM,
    RAG_SWATCH_TOP,
    RAG_SWATCH_WIDTH,
    RAG_TICK,
    RAG_TICK_LABEL_GAP,
    RAG_TITLE_CHARS,
    RAG_TITLE_GAP,
    RAG_TITLES,
    RAG_TOP,
)
from scorecard.pack.output.figures import Canvas, Chart, ChartSet, drawn, svg
from scorecard.pack.parts.chart_data import RagBars
from scorecard.periods import period_label


@drawn
def draw_rag_bars(bars: RagBars) -> ChartSet:
    """Stacked bars of the RAG counts per section; counts are written on the bars, not only coloured.

    Drawn like the panels, straight on the figure in inches (``scorecard.pack.layout``): an Axes with
    its ticks and Legend would cost more than the bars."""
    from matplotlib.ticker import MaxNLocator

    rows = len(bars.sections)
    height = RAG_ROW * rows + RAG_FIXED  # inches: bars plus fixed room for the legend and the axis
    fig = Figure(figsize=(RAG_FIGURE_WIDTH, height))
    canvas = Canvas(fig)
    x0, x1 = RAG_TITLES, RAG_FIGURE_WIDTH - RAG_RIGHT
    y0, y1 = RAG_AXIS, height - RAG_TOP
    totals = [sum(bars.counts[rag][n] for rag in palette.RAG_ORDER) for n in range(rows)]
    ticks = [t for t in MaxNLocator(integer=True).tick_values(0, max([*totals, 1])) if t >= 0]
    top = max(max(totals, default=0) * 1.05, 1)
    ticks = [t for t in ticks if t <= top]
    row_height = (y1 - y0) / max(rows, 1)

    def x(count: float) -> float:
        return x0 + count / top * (x1 - x0)

    def y(row: int) -> float:  # the middle of a row, first section at the top
        return y1 - (row + 0.5) * row_height

    left = [0] * rows
    for rag in palette.RAG_ORDER:
        swatch = palette.RAG[rag]
        fill = palette.NONE_CHART_FILL if rag == "none" else swatch.fill
        text = palette.BLACK if rag == "none" else swatch.text
        boxes = []
        for n, count in enumerate(bars.counts[rag]):
            if count:
                half = RAG_BAR * row_height
                a, b = x(left[n]), x(left[n] + count)
                boxes.append([(a, y(n) - half), (b, y(n) - half), (b, y(n) + half), (a, y(n) + half)])
                canvas.text(
                    (a + b) / 2,
                    y(n),
                    str(count),
                    ha="center",
                    va="center",
                    color=text,
                    fontsize=RAG_PT,
                    fontweight="bold",
                )
                left[n] += count
        fig.add_artist(
            PolyCollection(boxes, facecolors=fill, edgecolors="white", linewidths=1, transform=canvas.inches)
        )
    for n, title in enumerate(bars.sections):  # long titles wrap onto two lines to fit the margin
        canvas.text(
            x0 - RAG_TITLE_GAP,
            y(n),
            "\n".join(textwrap.wrap(title, RAG_TITLE_CHARS)),
            ha="right",
            va="center",
            fontsize=RAG_PT,
            color=palette.INK,
        )
        canvas.line("frame", [x0 - RAG_TICK, x0], [y(n)] * 2)
    canvas.line("frame", [x0, x0, x1], [y1, y0, y0])
    for tick in ticks:
        canvas.line("frame", [x(tick)] * 2, [y0, y0 - RAG_TICK])
        canvas.text(
            x(tick),
            y0 - RAG_TICK_LABEL_GAP,
            f"{tick:g}",
            ha="center",
            va="top",
            fontsize=RAG_PT,
            color=palette.INK,
        )
    for n, rag in enumerate(palette.RAG_ORDER):  # the legend, above the bars
        lx = RAG_LEGEND_LEFT + n * RAG_LEGEND_STEP
        fill = palette.NONE_CHART_FILL if rag == "none" else palette.RAG[rag].fill
        low, high, right = y1 + RAG_SWATCH_BOTTOM, y1 + RAG_SWATCH_TOP, lx + RAG_SWATCH_WIDTH
        canvas.bands.append([(lx, low), (right, low), (right, high), (lx, high)])
        canvas.band_colours.append(fill)
        canvas.text(
            lx + RAG_LEGEND_LABEL_DX,
            y1 + RAG_LEGEND_LABEL_DY,
            palette.rag_label(rag),
            va="center",
            fontsize=RAG_PT,
            color=palette.INK,
        )
    canvas.draw()
    parts = [
        f"{title}: " + ", ".join(f"{bars.counts[r][n]} {palette.RAG[r].word}" for r in palette.RAG_ORDER)
        for n, title in enumerate(bars.sections)
    ]
    alt = (
        "Horizontal stacked bar chart of the latest RAG rating of each section's indicators. "
        + "; ".join(parts)
        + "."
    )
    return ChartSet(
        (
            Chart(
                svg(fig),
                f"Latest RAG rating by section, {period_label(bars.period, bars.frequency)}",
                alt,
                rows,
                wide=False,
            ),
        )
    )
