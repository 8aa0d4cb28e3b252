"""Trend charts: matplotlib small multiples, one panel per indicator, as SVG with computed alt text.

Speed (issue 5, <= 20 ms a panel): no pyplot, no tight/constrained layout, and no Axes per panel.
Profiling showed Axes creation, tick machinery and title placement were most of the cost, so each
figure is one axes in inch coordinates with fixed panel geometry, and every panel's lines and markers
are batched into a few collections (``_Canvas``); only the few text labels remain per panel.

Quarto reads ``fig-alt`` only from static cell options (``!expr`` is knitr-only), so a figure is
emitted as a Markdown image with a data URI and its own ``fig-alt`` attribute: Quarto puts that on the
HTML ``<img alt>`` and on Typst's ``image(alt: ...)``, and turns data URIs into files for Typst.
"""

from __future__ import annotations

import base64
import io
import textwrap
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

import matplotlib
import numpy as np
import pandas as pd
from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.collections import LineCollection, PolyCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from scorecard import palette
from scorecard.display import format_cell, format_number, leading_number, period_label
from scorecard.targets import TargetError, TargetKind, parse_target

if TYPE_CHECKING:  # only for annotations: the frame module is the logic engineer's
    from scorecard.frame import Scorecard

EMPTY_SPC = pd.DataFrame(columns=["period", "value", "mean", "lower_limit", "upper_limit", "special_cause",
                                  "point_type"])
TITLE_CHARS = 37  # per line of a panel title; two lines at most
COLUMNS, ROWS_PER_FIGURE = 5, 3  # 15 panels fill one landscape A4 page
PANEL_HEIGHT, FIGURE_WIDTH, LEGEND_HEIGHT = 1.75, 10.4, 0.45  # inches
matplotlib.rcParams.update({"svg.hashsalt": "scorecard", "font.size": 7})  # stable SVG ids


@dataclass(frozen=True)
class Chart:
    """One figure: its SVG, a visible caption and the alt text that describes it."""

    svg: str
    caption: str
    alt: str
    panels: int

    def markdown(self) -> str:
        data = base64.b64encode(self.svg.encode()).decode()
        image = f"data:image/svg+xml;base64,{data}"
        return f'![{_md_escape(self.caption)}]({image}){{fig-alt="{_attr(self.alt)}"}}'


@dataclass(frozen=True)
class ChartSet:
    """All the figures of a section; displays as Markdown images (see module docstring)."""

    charts: tuple[Chart, ...]

    def _repr_markdown_(self) -> str:
        return "\n\n".join(chart.markdown() for chart in self.charts) or "*No values to chart.*"

    def __repr__(self) -> str:  # the plain-text fallback, kept short (the SVG is in the Markdown)
        return f"<{len(self.charts)} figure(s), {sum(c.panels for c in self.charts)} panels>"


def _md_escape(text: str) -> str:
    return "".join(f"\\{c}" if c in "\\`*_[]<>#|" else c for c in text)


def _attr(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")


class _Canvas:
    """All panels of one figure drawn on ONE axes in inch coordinates, batched into collections.

    Why: a matplotlib Axes costs ~6 ms to create and its ticks/title placement ~10 ms more to draw;
    one canvas axes with a handful of collections keeps a panel to a few ms (issue 5's budget).
    """

    def __init__(self, fig: Figure, width: float, height: float) -> None:
        self.ax = fig.add_axes((0, 0, 1, 1))
        self.ax.set_axis_off()
        self.ax.set_xlim(0, width)
        self.ax.set_ylim(0, height)
        self.segments: dict[str, list] = defaultdict(list)  # line style -> segments
        self.points: dict[tuple[str, str], tuple[list, list]] = defaultdict(lambda: ([], []))
        self.bands: list = []

    def line(self, kind: str, xs: list[float], ys: list[float]) -> None:
        self.segments[kind].append(list(zip(xs, ys, strict=True)))

    def marks(self, marker: str, colour: str, xs: list[float], ys: list[float]) -> None:
        store = self.points[(marker, colour)]
        store[0].extend(xs)
        store[1].extend(ys)

    def text(self, x: float, y: float, text: str, **style: object) -> None:
        self.ax.text(x, y, text, **style)

    def draw(self) -> None:
        if self.bands:
            self.ax.add_collection(PolyCollection(self.bands, facecolors=palette.TARGET, alpha=0.12, lw=0))
        for kind, segments in self.segments.items():
            colour, width, dash = LINE_STYLES[kind]
            self.ax.add_collection(LineCollection(segments, colors=colour, linewidths=width, linestyles=dash,
                                                  zorder=3 if kind == "series" else 2))
        for (marker, colour), (xs, ys) in self.points.items():
            series = colour == palette.SERIES
            self.ax.plot(xs, ys, ls="none", marker=marker, ms=2.4 if series else 5, color=colour,
                         mec="white" if not series else colour, mew=0.4, zorder=5 if not series else 4)


LINE_STYLES: dict[str, tuple[str, float, object]] = {  # colour, width, dash
    "series": (palette.SERIES, 1.1, "solid"),
    "target": (palette.TARGET, 1.1, "solid"),
    "sn": (palette.SN_AVERAGE, 0.9, (0, (4, 2))),
    "mean": (palette.SPC_LINES, 0.8, "solid"),
    "limit": (palette.SPC_LINES, 0.7, (0, (1, 1.5))),
    "break": (palette.MUTED, 0.8, (0, (2, 2))),
    "axis": (palette.GRID, 0.6, "solid"),
}


def _target_levels(target_text: str) -> tuple[list[float], tuple[float, float] | None]:
    """Target lines to draw and the band to shade, if any."""
    try:
        target = parse_target(target_text)
    except TargetError:  # validation reports it; the chart simply shows no target
        return [], None
    if target.kind is TargetKind.RANGE:
        return [target.lower, target.upper], (target.lower, target.upper)  # type: ignore[list-item]
    return ([target.value], None) if target.value is not None else ([], None)


def _panel(canvas: _Canvas, box: tuple[float, float, float, float], ind: pd.Series, months: pd.DataFrame,
           spc: pd.DataFrame, periods: list[str], series_break: str, bottom_row: bool) -> None:
    x0, y0, x1, y1 = box
    values = months["value"].to_numpy(dtype=float)
    levels, band = _target_levels(ind["target"])
    sn = leading_number(ind["sn_average"])
    spc_levels = spc[["mean", "lower_limit", "upper_limit"]].to_numpy(dtype=float).ravel() if len(spc) else []
    everything = np.concatenate([values, levels, [] if sn is None else [sn], spc_levels])
    everything = everything[np.isfinite(everything)]
    lowest, highest = float(everything.min()), float(everything.max())
    pad = (highest - lowest) * 0.06 or max(abs(highest) * 0.1, 1.0)
    low, high = lowest - pad, highest + pad
    step = (x1 - x0) / len(periods)

    def at(i: float) -> float:
        return x0 + (i + 0.5) * step

    def y(v: float) -> float:
        return y0 + (v - low) / (high - low) * (y1 - y0)

    if band:
        canvas.bands.append([(x0, y(band[0])), (x1, y(band[0])), (x1, y(band[1])), (x0, y(band[1]))])
    for level in levels:
        canvas.line("target", [x0, x1], [y(level)] * 2)
    if sn is not None:
        canvas.line("sn", [x0, x1], [y(sn)] * 2)
    index = {p: i for i, p in enumerate(periods)}
    steps: dict[str, tuple[list[float], list[float]]] = {k: ([], []) for k in ("mean", "lower", "upper")}
    for period, mean, lower, upper, cause, kind, value in zip(
            spc["period"], spc["mean"], spc["lower_limit"], spc["upper_limit"], spc["special_cause"],
            spc["point_type"], spc["value"], strict=True):
        i = index[period]
        for name, level in (("mean", mean), ("lower", lower), ("upper", upper)):
            if np.isfinite(level):  # one stepped polyline per level: limits change at series breaks
                steps[name][0].extend((at(i - 0.5), at(i + 0.5)))
                steps[name][1].extend((y(level), y(level)))
        if cause:
            marker, colour = palette.POINT_STYLES.get(str(kind), ("s", palette.SPC_NEUTRAL))
            canvas.marks(marker, colour, [at(i)], [y(value)])
    for name, (xs, ys) in steps.items():
        if xs:
            canvas.line("mean" if name == "mean" else "limit", xs, ys)
    if series_break in periods[1:]:  # earlier months are not comparable: show where the new series starts
        canvas.line("break", [at(index[series_break] - 0.5)] * 2, [y0, y1])
    run_x: list[float] = []
    run_y: list[float] = []
    for i, value in enumerate([*values, np.nan]):  # NaN ends a run: gaps stay gaps
        if np.isfinite(value):
            run_x.append(at(i))
            run_y.append(y(value))
        elif run_x:
            canvas.line("series", run_x, run_y)
            canvas.marks("o", palette.SERIES, run_x, run_y)
            run_x, run_y = [], []
    canvas.line("axis", [x0, x1], [y0, y0])
    lines = textwrap.wrap(f"{ind['id']}: {ind['title']}", TITLE_CHARS, max_lines=2, placeholder=" …")
    canvas.text(x0 - 0.37, y1 + 0.06, "\n".join(lines), fontsize=6.5, fontweight="bold", color=palette.INK,
                va="bottom", linespacing=1.1)
    unit, decimals = ind["unit"], int(ind["decimals"])
    for value, va in ((lowest, "center"), (highest, "center")):  # the range the panel shows
        canvas.text(x0 - 0.05, y(value), format_number(value + 0.0, unit, decimals), ha="right", va=va,
                    fontsize=5.8, color=palette.MUTED)
    # Every panel shares the months, so only the bottom row labels them (text is the costly part).
    for i, ha in ((0, "left"), (len(periods) - 1, "right")) if bottom_row else ():
        canvas.text(at(i), y0 - 0.06, period_label(periods[i]), ha=ha, va="top", fontsize=5.8,
                    color=palette.MUTED)


def _legend(fig: Figure) -> None:
    handles = [
        Line2D([], [], color=palette.SERIES, marker="o", ms=3, label="monthly value"),
        Line2D([], [], color=palette.TARGET, lw=1.2, label="target (band shaded)"),
        Line2D([], [], color=palette.SN_AVERAGE, ls=(0, (4, 2)), label="SN average"),
        Line2D([], [], color=palette.SPC_LINES, label="SPC mean"),
        Line2D([], [], color=palette.SPC_LINES, ls=(0, (1, 1.5)), label="SPC process limits"),
    ]
    for point_type, (marker, colour) in palette.POINT_STYLES.items():
        handles.append(Line2D([], [], color=colour, marker=marker, ls="", ms=4,
                              label="special cause: " + point_type.replace("_", " ")))
    fig.legend(handles=handles, loc="upper left", ncol=5, frameon=False, fontsize=6.2,
               bbox_to_anchor=(0.01, 1.0), handlelength=2.2, columnspacing=1.2)


def _svg(fig: Figure) -> str:
    buffer = io.StringIO()
    FigureCanvasSVG(fig).print_svg(buffer, metadata={"Date": None})
    return buffer.getvalue()


def describe(ind: pd.Series, periods: list[str]) -> str:
    """One indicator's sentence of alt text: its latest value and its signals."""
    latest = format_cell(ind["value"], ind["status"], ind["unit"], int(ind["decimals"]), ind["count"])
    parts = [f"ID {ind['id']} {ind['title']}: latest {latest} ({period_label(periods[-1])})"]
    if ind["target"] and ind["target"].lower() not in ("monitor", "n/a", "na"):
        parts.append(f"target {ind['target']}, {palette.rag_swatch(ind['rag']).word}")
    variation = palette.VARIATION_LABELS[ind["variation"]][0].split(" ", 1)[1]
    parts.append(f"SPC {variation}")
    return ", ".join(parts) + "."


def section_charts(sc: Scorecard, key: str) -> ChartSet:
    """The section's trend panels, 15 to a figure; indicators with no values in the window are listed."""
    indicators: pd.DataFrame = sc.section(key)
    periods: list[str] = list(sc.periods)
    title = sc.settings.section(key).title
    history = sc.history[sc.history["id"].isin(indicators["id"])]
    window = sc.spc[sc.spc["period"].isin(periods) & sc.spc["id"].isin(indicators["id"])]
    months_of = {i: g.set_index("period").reindex(periods) for i, g in history.groupby("id", sort=False)}
    spc_of = {i: g.reset_index(drop=True) for i, g in window.groupby("id", sort=False)}
    catalogue = sc.data.catalogue
    breaks = dict(zip(catalogue["id"], catalogue["series_break"], strict=True))
    charted = [row for _, row in indicators.iterrows() if months_of[row["id"]]["value"].notna().any()]
    missing = [str(i) for i in indicators["id"] if i not in {row["id"] for row in charted}]
    charts = []
    per_figure = COLUMNS * ROWS_PER_FIGURE
    for start in range(0, len(charted), per_figure):
        batch = charted[start : start + per_figure]
        rows = -(-len(batch) // COLUMNS)
        height = rows * PANEL_HEIGHT + LEGEND_HEIGHT
        fig = Figure(figsize=(FIGURE_WIDTH, height))
        canvas = _Canvas(fig, FIGURE_WIDTH, height)
        cell = FIGURE_WIDTH / COLUMNS
        for n, ind in enumerate(batch):
            row, column = divmod(n, COLUMNS)
            top = height - LEGEND_HEIGHT - row * PANEL_HEIGHT - 0.3
            box = (column * cell + 0.45, top - PANEL_HEIGHT + 0.5, (column + 1) * cell - 0.12, top)
            _panel(canvas, box, ind, months_of[ind["id"]], spc_of.get(ind["id"], EMPTY_SPC), periods,
                   breaks.get(ind["id"], ""), n + COLUMNS >= len(batch))
        canvas.draw()
        _legend(fig)
        ids = f"{batch[0]['id']}–{batch[-1]['id']}" if len(batch) > 1 else str(batch[0]["id"])
        caption = f"{title}: trends {period_label(periods[0])} to {period_label(periods[-1])} (IDs {ids})"
        alt = (f"{len(batch)} small line charts, one per indicator, of the monthly values from "
               f"{period_label(periods[0])} to {period_label(periods[-1])}, each with its target line "
               f"or band, SN average, SPC mean and process limits; special-cause points are marked "
               f"with shapes. " + " ".join(describe(ind, periods) for ind in batch))
        if missing and start + per_figure >= len(charted):
            alt += f" Not charted, no values in these months: ID {', '.join(missing)}."
            caption += f". Not charted (no values): ID {', '.join(missing)}"
        charts.append(Chart(_svg(fig), caption, alt, len(batch)))
    return ChartSet(tuple(charts))
