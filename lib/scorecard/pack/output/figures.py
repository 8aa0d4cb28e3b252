"""Figures as the pack draws them: straight on a matplotlib figure, in inches, written as SVG.

Fast to draw: no pyplot, no automatic layout, no Axes and no Legend. Axes creation, ticks, title
placement and legend layout would be most of the cost, so a figure is drawn straight on the figure
in inches with fixed geometry (``scorecard.pack.layout``), and its lines and markers are batched
into a few collections (``Canvas``). Text stays text in the SVG (fonttype "none", DejaVu Sans): Typst
renders it with the same font and embeds it, and the SVG is a fifth of the size it has with every
glyph written as a path. Each figure carries an alt text computed from the data; Quarto reads
``fig-alt`` only from static cell options, so figures are written as raw blocks with their own alt
(``scorecard.pack.output.outputs.figure_output``).
"""

from __future__ import annotations

import functools
import io
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

import matplotlib
from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.collections import LineCollection, PolyCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from scorecard.pack import palette
from scorecard.pack.output.outputs import Formats, Markdown, figure_formats, figure_output

if TYPE_CHECKING:
    from matplotlib.typing import RcKeyType

# The smallest chart text. The web page shows a 10.4 in figure across Quarto's page column, 1135 px
# at a 1366 px window: 7.5 pt is then 11.4 px (WCAG reading: at least 11 px); on the PDF it is 7.5 pt.
TEXT_PT = 7.5
# Stable SVG ids; text as text, in the one font the PDF (Typst) and the web page's fallback agree on.
# Set around each drawing (``drawn``), never for the process: an analyst's own chart in the same
# kernel keeps matplotlib's defaults.
STYLE: dict[RcKeyType, Any] = {
    "svg.hashsalt": "scorecard",
    "font.size": 7,
    "svg.fonttype": "none",
    "font.family": "DejaVu Sans",
}
P = ParamSpec("P")
R = TypeVar("R")


def drawn(draw: Callable[P, R]) -> Callable[P, R]:
    """``draw`` run with the pack's matplotlib settings (``STYLE``), restored when it returns."""

    @functools.wraps(draw)
    def with_style(*args: P.args, **kwargs: P.kwargs) -> R:
        with matplotlib.rc_context(STYLE):
            return draw(*args, **kwargs)

    return with_style


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

    def formats(self) -> Formats:
        return figure_formats(self.svg, self.caption, self.alt, self.anchor, self.back)


@dataclass(frozen=True)
class ChartSet:
    """All the figures of a section; displays as Markdown (see ``scorecard.pack.output.outputs``)."""

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


class Canvas:
    """All panels of one figure, drawn straight on the figure in inches and batched into collections.

    Why: an Axes costs more to create and draw than a panel's lines, even with its axis off, and a
    Legend lays itself out by measuring every label; here there is no Axes and no Legend, every
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

    def text(self, x: float, y: float, text: str, **style: Any) -> None:
        # parse_math off: a title with "$...$" in it is text, never mathtext.
        self.fig.text(x, y, text, transform=self.inches, parse_math=False, **style)

    def draw(self) -> None:
        if self.band_colours:  # solid swatches (the RAG chart's legend)
            self.fig.add_artist(
                PolyCollection(self.bands, facecolors=self.band_colours, lw=0, transform=self.inches)
            )
        elif self.bands:
            self.fig.add_artist(
                PolyCollection(self.bands, facecolors=palette.TARGET, alpha=0.12, lw=0, transform=self.inches)
            )
        for kind, segments in self.segments.items():
            colour, width, dash = LINE_STYLES[kind]
            self.fig.add_artist(
                LineCollection(
                    segments,
                    colors=colour,
                    linewidths=width,
                    linestyles=dash,
                    zorder=3 if kind == "series" else 2,
                    transform=self.inches,
                )
            )
        for (marker, colour), (xs, ys) in self.points.items():
            series = colour == palette.SERIES
            self.fig.add_artist(
                Line2D(
                    xs,
                    ys,
                    ls="none",
                    marker=marker,
                    ms=2.4 if series else 5,
                    color=colour,
                    mec="white" if not series else colour,
                    mew=0.4,
                    zorder=5 if not series else 4,
                    transform=self.inches,
                )
            )


LINE_STYLES: dict[str, tuple[str, float, object]] = {  # colour, width, dash
    "series": (palette.SERIES, 1.1, "solid"),
    "target": (palette.TARGET, 1.1, "solid"),
    "sn": (palette.SN_AVERAGE, 0.9, (0, (4, 2))),
    "england": (palette.ENGLAND, 0.9, (0, (5, 1.5, 1, 1.5, 1, 1.5))),  # dash-dot-dot
    "mean": (palette.SPC_LINES, 0.8, "solid"),
    "limit": (palette.SPC_LINES, 0.7, (0, (1, 1.5))),
    "trial_limit": (palette.SPC_LINES, 0.8, (0, (3, 1.5, 1, 1.5))),  # dash-dot: limits still on trial
    "break": (palette.MUTED, 0.8, (0, (2, 2))),
    "baseline": (palette.SPC_LINES, 1.4, "solid"),
    "axis": (palette.GRID, 0.6, "solid"),
    "frame": (palette.INK, 0.8, "solid"),
}


def svg(fig: Figure) -> str:
    """The figure as SVG text (no date in it: the same figure gives the same bytes)."""
    buffer = io.StringIO()
    FigureCanvasSVG(fig).print_svg(buffer, metadata={"Date": None})
    return buffer.getvalue()
