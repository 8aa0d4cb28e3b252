"""The trend charts' legend: its entries as a figure's panels need them (values with or without
dots, process or trial limits, England's line, rebase lines and baseline ends), the band it takes,
and its drawing, five entries to a row.
"""

from __future__ import annotations

from scorecard.pack import palette
from scorecard.pack.layout import (
    LEGEND_COLUMN,
    LEGEND_HANDLE,
    LEGEND_HEIGHT,
    LEGEND_LABEL_GAP,
    LEGEND_MARGIN,
    LEGEND_ROW,
    PANEL_COLUMNS,
)
from scorecard.pack.output.figures import TEXT_PT, Canvas
from scorecard.rules import MIN_POINTS

# The legend: (label, line style or None, marker or None, colour, dash). Drawn by hand at fixed places
# (five to a row, as the panels) because matplotlib's Legend measures every label to lay itself out.
LEGEND: list[tuple[str, str | None, str | None, str]] = [
    ("monthly value", "series", "o", palette.SERIES),
    ("target (band shaded)", "target", None, palette.TARGET),
    ("SN average", "sn", None, palette.SN_AVERAGE),
    ("England (DfE)", "england", None, palette.ENGLAND),
    ("SPC mean", "mean", None, palette.SPC_LINES),
    ("SPC process limits", "limit", None, palette.SPC_LINES),
    *[
        ("special cause: " + point_type.replace("_", " "), None, marker, colour)
        for point_type, (marker, colour) in palette.POINT_STYLES.items()
    ],
]
TRIAL_LEGEND = (f"SPC trial limits (< {MIN_POINTS} points)", "trial_limit", None, palette.SPC_LINES)
REBASE_LEGEND = ("new SPC limits from here", "break", None, palette.MUTED)
BASELINE_LEGEND = ("SPC baseline ends (tick)", "baseline", None, palette.SPC_LINES)


Entry = tuple[str, str | None, str | None, str]


def legend_entries(
    full: bool = True,
    trial: bool = False,
    england: bool = False,
    marks: tuple[bool, bool] = (False, False),
    dots: bool = True,
) -> list[Entry]:
    """The legend's entries: the values (with their dots where the chart has them), process limits,
    trial limits or both, and England's line, as the figure's panels have them, and the rebase line
    and the baseline's end where a panel has one (``marks``)."""
    rebased, baseline = marks
    label, line, _, colour = LEGEND[0]
    return [
        (label, line, "o" if dots else None, colour),
        *LEGEND[1:3],
        *LEGEND[3:4] * england,
        *LEGEND[4:5],
        *LEGEND[5:6] * full,
        *[TRIAL_LEGEND] * trial,
        *[REBASE_LEGEND] * rebased,
        *[BASELINE_LEGEND] * baseline,
        *LEGEND[6:],
    ]


def legend_height(entries: list[Entry]) -> float:
    """The legend's band: room for two rows of entries, and a row more for each further row."""
    return LEGEND_HEIGHT + max(0, -(-len(entries) // PANEL_COLUMNS) - 2) * LEGEND_ROW


def draw_legend(canvas: Canvas, top: float, entries: list[Entry], frequency: str = "monthly") -> None:
    """Draw the legend's entries, five to a row, from ``top`` down."""
    for n, (label, line, marker, colour) in enumerate(entries):
        label = label.replace("monthly", frequency)
        row, column = divmod(n, PANEL_COLUMNS)
        x, y = LEGEND_MARGIN + column * LEGEND_COLUMN, top - LEGEND_MARGIN - row * LEGEND_ROW
        if line:
            canvas.line(line, [x, x + LEGEND_HANDLE], [y, y])
        if marker:
            canvas.marks(marker, colour, [x + LEGEND_HANDLE / 2], [y])
        canvas.text(
            x + LEGEND_HANDLE + LEGEND_LABEL_GAP, y, label, va="center", fontsize=TEXT_PT, color=palette.INK
        )
