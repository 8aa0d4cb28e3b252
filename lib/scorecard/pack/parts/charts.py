"""Trend charts: small multiples, one panel per indicator, 15 to a figure, each with its alt text.

Each panel shows the values of the charted months (the settings' ``chart_months``, or the whole
history), broken where a month has no figure, the target line or band, the SN average, the SPC mean
and process limits of each segment (held within what the measure can reach), special-cause points
by shape, each rebase as a dashed line with its reason, and where a baseline ends. Drawn from
``scorecard.pack.parts.chart_data``'s plain numbers on ``scorecard.pack.output.figures``' canvas.
"""

from __future__ import annotations

import math
import textwrap
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from matplotlib.figure import Figure

from scorecard.pack import palette
from scorecard.pack.display import format_number
from scorecard.pack.layout import (
    EXCEPTION_CHART,
    FIGURE_WIDTH,
    MONTH_LABEL_DY,
    PANEL_BOTTOM,
    PANEL_COLUMNS,
    PANEL_HEIGHT,
    PANEL_LEFT,
    PANEL_RIGHT,
    PANEL_TOP,
    TITLE_CHARS,
    TITLE_DX,
    TITLE_DY,
    VALUE_LABEL_DX,
)
from scorecard.pack.output.figures import TEXT_PT, Canvas, Chart, ChartSet, drawn, svg
from scorecard.pack.parts.chart_data import (
    PANELS_PER_FIGURE,
    Panel,
    SectionPanels,
    figure_anchor,
    indicator_panels,
    section_panels,
    table_anchor,
)
from scorecard.pack.parts.chart_legend import draw_legend, legend_entries, legend_height
from scorecard.periods import period_label, period_word
from scorecard.rules import MIN_POINTS

if TYPE_CHECKING:  # only for annotations
    from scorecard.rules import Scorecard

REBASE_CHARS = 15  # a line of a rebase's reason, written up the plot beside its line (two lines at most)
REBASE_LABEL_DX = 0.02  # inches between the line and its reason
REBASE_LABEL_ROOM = 0.3  # inches the reason needs right of its line; else it is written left of it
BASELINE_TICK = 0.25  # the baseline's end mark: this share of the plot's height, from its foot
# A dot on every figure up to two years of months; a longer chart draws its line alone (special
# causes keep their marks), which keeps the page light as the years add up.
DOTS_UP_TO = 24
REBASE_LABEL_BOX = {"boxstyle": "square,pad=0.05", "facecolor": "white", "edgecolor": "none", "alpha": 0.8}


def _steps(index: np.ndarray, level: np.ndarray) -> list[tuple[list[int], float]]:
    """Runs of consecutive months at one constant level (limits change only at rebases); a month
    without a figure ends a run."""
    runs: list[tuple[list[int], float]] = []
    for i, value in zip(index.tolist(), level.tolist(), strict=True):
        if not math.isfinite(value):
            continue
        if runs and runs[-1][0][-1] == i - 1 and runs[-1][1] == value:
            runs[-1][0].append(i)
        else:
            runs.append(([i], value))
    return runs


@dataclass(frozen=True)
class _Scale:
    """Where a panel draws: x by the period's place, y by value; ``lowest`` and ``highest`` are the
    range of what it shows."""

    x0: float
    step: float
    y0: float
    low: float
    per_unit: float
    lowest: float
    highest: float

    def at(self, i: float) -> float:
        return self.x0 + (i + 0.5) * self.step

    def y(self, value: float) -> float:
        return self.y0 + (value - self.low) * self.per_unit


def _panel(
    canvas: Canvas,
    box: tuple[float, float, float, float],
    panel: Panel,
    periods: list[str],
    bottom_row: bool,
    frequency: str = "monthly",
    titled: bool = True,
) -> None:
    scale = _scale(box, panel, len(periods))
    _draw_limits(canvas, box, panel, scale)
    _draw_rebases(canvas, box, panel, periods, scale)
    _draw_series(canvas, panel.values, scale, dots=len(periods) <= DOTS_UP_TO)
    _labels(canvas, box, panel, periods, scale, bottom_row, frequency, titled)


def _scale(box: tuple[float, float, float, float], panel: Panel, months: int) -> _Scale:
    x0, y0, x1, y1 = box
    limits = panel.spc.levels  # held within what the measure can reach: no axis at -23% or 117%
    references = [line for line in (panel.sn_average, panel.england) if line is not None]
    everything = np.concatenate([panel.values, panel.targets, references, limits.ravel()])
    everything = everything[np.isfinite(everything)]
    lowest, highest = float(everything.min()), float(everything.max())
    pad = (highest - lowest) * 0.06 or max(abs(highest) * 0.1, 1.0)
    low, high = lowest - pad, highest + pad
    return _Scale(x0, (x1 - x0) / months, y0, low, (y1 - y0) / (high - low), lowest, highest)


def _draw_limits(canvas: Canvas, box: tuple[float, float, float, float], panel: Panel, scale: _Scale) -> None:
    """The target line or band, the SN average and England's figure, the SPC mean and limits, and
    the special causes."""
    x0, _, x1, _ = box
    at, y, band, spc = scale.at, scale.y, panel.band, panel.spc
    if band:
        canvas.bands.append([(x0, y(band[0])), (x1, y(band[0])), (x1, y(band[1])), (x0, y(band[1]))])
    for level in panel.targets:
        canvas.line("target", [x0, x1], [y(level)] * 2)
    if panel.sn_average is not None:
        canvas.line("sn", [x0, x1], [y(panel.sn_average)] * 2)
    if panel.england is not None:
        canvas.line("england", [x0, x1], [y(panel.england)] * 2)
    for column, kind in enumerate(("mean", "limit", "limit")):
        for trial in (False, True):  # trial limits dash-dot, so the chart says what the table says
            mask = spc.trial == trial
            style = "trial_limit" if trial and kind == "limit" else kind
            for months, level in _steps(spc.index[mask], spc.levels[mask, column]):
                canvas.line(style, [at(months[0] - 0.5), at(months[-1] + 0.5)], [y(level)] * 2)
    for i, value, kind in zip(
        spc.index[spc.special].tolist(),
        spc.value[spc.special].tolist(),
        spc.point_type[spc.special].tolist(),
        strict=True,
    ):
        marker, colour = palette.POINT_STYLES.get(str(kind), ("s", palette.SPC_NEUTRAL))
        canvas.marks(marker, colour, [at(i)], [y(value)])


def _draw_rebases(
    canvas: Canvas, box: tuple[float, float, float, float], panel: Panel, periods: list[str], scale: _Scale
) -> None:
    """Each rebase as a dashed line with its reason beside it, and a tick where a baseline ends."""
    _, y0, x1, y1 = box
    for start, reason in panel.rebases:  # new limits from here: a dashed line, its reason beside it
        x = scale.at(periods.index(start) - 0.5)
        canvas.line("break", [x, x], [y0, y1])
        right = x < x1 - REBASE_LABEL_ROOM  # the reason reads inside the new segment where it fits
        canvas.text(
            x + (REBASE_LABEL_DX if right else -REBASE_LABEL_DX),
            y1,
            "\n".join(textwrap.wrap(reason, REBASE_CHARS, max_lines=2, placeholder=" …")),
            rotation=90,
            ha="left" if right else "right",
            va="top",
            fontsize=TEXT_PT,
            color=palette.MUTED,
            linespacing=1.0,
            bbox=REBASE_LABEL_BOX,  # legible over the series it crosses
            zorder=3.5,  # above the lines, below the special-cause marks
        )
    for i in panel.baseline_ends:  # the limits are held from here on: a tick at the foot of the plot
        canvas.line("baseline", [scale.at(i + 0.5)] * 2, [y0, y0 + (y1 - y0) * BASELINE_TICK])


def _draw_series(canvas: Canvas, values: np.ndarray, scale: _Scale, dots: bool) -> None:
    """The values as a line, broken where a month has none (gaps stay gaps), a dot on each figure
    where ``dots`` (a lone figure is always a dot)."""
    run_x: list[float] = []
    run_y: list[float] = []
    for i, value in enumerate([*values.tolist(), math.nan]):  # NaN ends a run
        if math.isfinite(value):
            run_x.append(scale.at(i))
            run_y.append(scale.y(value))
        elif run_x:
            canvas.line("series", run_x, run_y)
            if dots or len(run_x) == 1:
                canvas.marks("o", palette.SERIES, run_x, run_y)
            run_x, run_y = [], []


def _labels(
    canvas: Canvas,
    box: tuple[float, float, float, float],
    panel: Panel,
    periods: list[str],
    scale: _Scale,
    bottom_row: bool,
    frequency: str,
    titled: bool,
) -> None:
    """The axis, the title (unless ``titled`` is false), the range of values shown and, on the bottom
    row, the first and last month."""
    x0, y0, x1, y1 = box
    canvas.line("axis", [x0, x1], [y0, y0])
    lines = textwrap.wrap(f"{panel.id}: {panel.title}", TITLE_CHARS, max_lines=2, placeholder=" …")
    if titled:  # an exception's chart sits under its own heading
        canvas.text(
            x0 - TITLE_DX,
            y1 + TITLE_DY,
            "\n".join(lines),
            fontsize=TEXT_PT,
            fontweight="bold",
            color=palette.INK,
            va="bottom",
            linespacing=1.1,
        )
    unit, decimals = panel.unit, panel.decimals
    for value in (scale.lowest, scale.highest):  # the range the panel shows
        canvas.text(
            x0 - VALUE_LABEL_DX,
            scale.y(value),
            format_number(value + 0.0, unit, decimals),
            ha="right",
            va="center",
            fontsize=TEXT_PT,
            color=palette.MUTED,
        )
    # Every panel shares the months, so only the bottom row labels them (text is the costly part).
    for i, ha in ((0, "left"), (len(periods) - 1, "right")) if bottom_row else ():
        canvas.text(
            scale.at(i),
            y0 - MONTH_LABEL_DY,
            period_label(periods[i], frequency, short=True),
            ha=ha,
            va="top",
            fontsize=TEXT_PT,
            color=palette.MUTED,
        )


REBASE_ALT = "; a dashed vertical line where new limits start, its reason beside it"
BASELINE_ALT = "; a tick at the foot where a baseline ends and its limits are held"


def section_charts(sc: Scorecard, key: str) -> ChartSet:
    """The section's trend panels, 15 to a figure; indicators with no values in the window are listed."""
    return draw_section(section_panels(sc, key))


@drawn
def draw_section(section: SectionPanels) -> ChartSet:
    """Draw a section's panels, 15 to a figure, each figure with its caption and alt text."""
    periods, missing, frequency = section.periods, section.missing, section.frequency
    span = f"{period_label(periods[0], frequency)} to {period_label(periods[-1], frequency)}"
    charts = []
    per_figure = PANELS_PER_FIGURE
    for start in range(0, len(section.panels), per_figure):
        batch = section.panels[start : start + per_figure]
        rows = -(-len(batch) // PANEL_COLUMNS)
        trial = [panel.spc.trial for panel in batch]
        full, on_trial = any((~t).any() for t in trial), any(t.any() for t in trial)
        england = any(panel.england is not None for panel in batch)
        marks = (any(p.rebases for p in batch), any(p.baseline_ends for p in batch))
        entries = legend_entries(full, on_trial, england, marks, len(periods) <= DOTS_UP_TO)
        legend = legend_height(entries)
        height = rows * PANEL_HEIGHT + legend
        fig = Figure(figsize=(FIGURE_WIDTH, height))
        canvas = Canvas(fig)
        cell = FIGURE_WIDTH / PANEL_COLUMNS
        for n, panel in enumerate(batch):
            row, column = divmod(n, PANEL_COLUMNS)
            top = height - legend - row * PANEL_HEIGHT - PANEL_TOP
            box = (
                column * cell + PANEL_LEFT,
                top - PANEL_HEIGHT + PANEL_BOTTOM,
                (column + 1) * cell - PANEL_RIGHT,
                top,
            )
            _panel(canvas, box, panel, periods, n + PANEL_COLUMNS >= len(batch), frequency)
        draw_legend(canvas, height, entries, frequency)
        canvas.draw()
        ids_shown = f"{batch[0].id}–{batch[-1].id}" if len(batch) > 1 else batch[0].id
        caption = f"{section.title}: trends {span} (IDs {ids_shown})"
        alt = (
            f"{len(batch)} small line charts, one per indicator, of the {frequency} values from {span}, "
            "each with its target line or band, SN average"
            + (" and England's figure" if england else "")
            + ", SPC mean and process limits "
            f"(dash-dot where they are trial limits, from fewer than {MIN_POINTS} points); "
            "special-cause points are marked with shapes"
            + (REBASE_ALT if marks[0] else "")
            + (BASELINE_ALT if marks[1] else "")
            + ". "
            + " ".join(panel.description for panel in batch)
        )
        if missing and start + per_figure >= len(section.panels):
            ids = ", ".join(f"ID {ident}" for ident in missing)  # each ID named: a table's link lands here
            alt += f" Not charted, no values in these {period_word(frequency, plural=True)}: {ids}."
            caption += f". Not charted (no values): {ids}"
        anchor = figure_anchor(section.key, start // per_figure)
        charts.append(
            Chart(
                svg(fig), caption, alt, len(batch), anchor, ("Back to the table", table_anchor(section.key))
            )
        )
    return ChartSet(tuple(charts))


@drawn
def draw_exception(panel: Panel, periods: list[str], frequency: str = "monthly") -> Chart:
    """One indicator's trend chart for its exception page: the panel of its section's figure, larger,
    without the title (the page's heading says it) or a legend (the key explains the marks)."""
    width, height = EXCEPTION_CHART
    fig = Figure(figsize=(width, height))
    canvas = Canvas(fig)
    box = (PANEL_LEFT, PANEL_BOTTOM - 0.2, width - PANEL_RIGHT, height - 0.12)
    _panel(canvas, box, panel, periods, True, frequency, titled=False)
    canvas.draw()
    span = f"{period_label(periods[0], frequency)} to {period_label(periods[-1], frequency)}"
    alt = (
        f"A line chart of the {frequency} values from {span}, with the target, the SPC mean and process "
        f"limits; special-cause points are marked with shapes. {panel.description}"
    )
    return Chart(svg(fig), "", alt, 1, wide=False)  # no caption: the heading above names it


def exception_charts(sc: Scorecard, ids: list[str]) -> dict[str, Chart]:
    """The exceptions' charts, by ID (an indicator with nothing to chart has none)."""
    panels = indicator_panels(sc, ids)
    return {
        ident: draw_exception(panels[ident], list(sc.periods), sc.frequency)
        for ident in ids
        if ident in panels
    }
