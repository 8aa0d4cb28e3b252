"""The executive summary's chart: each section's indicators by latest RAG, as stacked bars."""

from __future__ import annotations

import textwrap

from matplotlib.collections import PolyCollection
from matplotlib.figure import Figure

from scorecard.pack import palette
from scorecard.pack.chart_data import RagBars
from scorecard.pack.figures import Canvas, Chart, ChartSet, drawn, svg
from scorecard.pack.formats import period_label

RAG_FIGURE_WIDTH, RAG_TITLES = 8.0, 3.0  # inches: the chart, and the room for its section titles
RAG_PT = 8.5  # its text: the web page shows it across the text column, 800 px (11.8 px)


@drawn
def draw_rag_bars(bars: RagBars) -> ChartSet:
    """Stacked bars of the RAG counts per section; counts are written on the bars, not only coloured.

    Drawn like the panels, straight on the figure in inches (an Axes with its ticks and Legend cost
    ~70 ms)."""
    from matplotlib.ticker import MaxNLocator

    rows = len(bars.sections)
    height = 0.32 * rows + 0.95  # inches: bars plus fixed room for the legend and the axis
    fig = Figure(figsize=(RAG_FIGURE_WIDTH, height))
    canvas = Canvas(fig)
    x0, x1 = RAG_TITLES, RAG_FIGURE_WIDTH - 0.15
    y0, y1 = 0.35, height - 0.55
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
                half = 0.35 * row_height
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
            x0 - 0.08,
            y(n),
            "\n".join(textwrap.wrap(title, 44)),
            ha="right",
            va="center",
            fontsize=RAG_PT,
            color=palette.INK,
        )
        canvas.line("frame", [x0 - 0.05, x0], [y(n)] * 2)
    canvas.line("frame", [x0, x0, x1], [y1, y0, y0])
    for tick in ticks:
        canvas.line("frame", [x(tick)] * 2, [y0, y0 - 0.05])
        canvas.text(
            x(tick), y0 - 0.08, f"{tick:g}", ha="center", va="top", fontsize=RAG_PT, color=palette.INK
        )
    for n, rag in enumerate(palette.RAG_ORDER):  # the legend, above the bars
        lx = 0.1 + n * 1.45
        fill = palette.NONE_CHART_FILL if rag == "none" else palette.RAG[rag].fill
        canvas.bands.append([(lx, y1 + 0.12), (lx + 0.2, y1 + 0.12), (lx + 0.2, y1 + 0.22), (lx, y1 + 0.22)])
        canvas.band_colours.append(fill)
        canvas.text(
            lx + 0.28, y1 + 0.17, palette.rag_label(rag), va="center", fontsize=RAG_PT, color=palette.INK
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
