"""The one palette of the board pack, shared by tables, charts and the summary.

RAG fills are chosen to stay apart under the common colour-vision deficiencies (the "green" is a
blue-green so it does not collapse onto red for protan/deutan readers) and every fill has a text
colour with WCAG contrast of at least 4.5:1 (``tests/pack/test_palette.py`` computes both). Colour is
never the only carrier: every RAG and arrow also has a word and a glyph defined here.

Keyed by the values of ``scorecard.model``'s enums: a StrEnum member finds the same entry as its text.
"""

from __future__ import annotations

from dataclasses import dataclass

WHITE = "#FFFFFF"
BLACK = "#000000"
INK = "#1A1A1A"  # body text
MUTED = "#555555"  # secondary text on white (7.5:1)
GRID = "#BDBDBD"  # hairlines in charts; never carries meaning


@dataclass(frozen=True)
class Swatch:
    """A RAG fill with its readable text colour, its word and its glyph."""

    fill: str
    text: str
    word: str
    mark: str  # shape cue so the rating survives greyscale printing and CVD


RAG: dict[str, Swatch] = {
    "green": Swatch("#007A87", WHITE, "on target", "✓"),
    "amber": Swatch("#F5C242", BLACK, "within tolerance", "◆"),
    "red": Swatch("#B2182B", WHITE, "off target", "✗"),
    "none": Swatch(WHITE, INK, "no rating", ""),
}
RAG_ORDER = ("green", "amber", "red", "none")  # every list of RAG ratings: the summary's, its chart's
# A figure revised since the previous pack: a glyph and words in the key, not a colour, and not the
# "r" the published scorecard writes after rates.
REVISED = "†"
STATUS_FILL = "#E6E6E6"  # months with a status (NYC, not reported) or nothing published
NONE_CHART_FILL = "#9E9E9E"  # "no rating" bars in charts need to be visible on white

# Text colours on white for meaning (direction of travel, SPC), each >= 4.5:1 on white.
IMPROVING = "#007A87"
DECLINING = "#B2182B"
NEUTRAL = MUTED
SPC_IMPROVEMENT = "#1F5F99"  # Making Data Count uses blue for improvement ...
SPC_CONCERN = "#A84C00"  # ... and orange for concern
SPC_NEUTRAL = "#6A3D9A"  # purple for special cause where neither direction is better

# Making Data Count's icon colours (scorecard.pack.output.icons), each as close to MDC's own as keeps at
# least 3:1 on white, WCAG's floor for the parts of a graphic that carry meaning: MDC's orange
# #FF6600 (2.9:1) is deepened a little and its light grey ring (#BFBFBF, 1.8:1) darkened.
MDC_IMPROVEMENT = "#0072C6"  # blue, as MDC
MDC_CONCERN = "#F26100"  # orange
MDC_NEITHER = "#8000C0"  # purple: special cause where neither direction is better
MDC_COMMON = "#909090"  # grey: common cause, hit and miss
MDC_DOTS = "#7F7F7F"  # the grey points before a special cause, and the process line

DIRECTION_GLYPHS: dict[str, str] = {
    "up": "▲",
    "down": "▼",
    "same": "▶",
    "none": "–",
}
TREND_WORDS: dict[str, str] = {
    "improving": "improving",
    "declining": "declining",
    "no_change": "no change",
    "not_applicable": "",
}
TREND_COLOURS: dict[str, str] = {
    "improving": IMPROVING,
    "declining": DECLINING,
    "no_change": NEUTRAL,
    "not_applicable": NEUTRAL,
}

# SPC states as glyph + short words; glyphs only from the set verified to render in the Typst PDF
# ("?" is Making Data Count's own mark for hit-and-miss assurance).
VARIATION_LABELS: dict[str, tuple[str, str]] = {
    "improvement": ("★ improvement", SPC_IMPROVEMENT),
    "concern": ("⚠ concern", SPC_CONCERN),
    "common_cause": ("● common cause", NEUTRAL),
    "neutral_high": ("↑ unusually high", SPC_NEUTRAL),
    "neutral_low": ("↓ unusually low", SPC_NEUTRAL),
    "too_few_points": ("○ too few points", NEUTRAL),
    "none": ("– no data", NEUTRAL),
}
ASSURANCE_LABELS: dict[str, tuple[str, str]] = {
    "pass": ("✓ consistently passes", IMPROVING),
    "fail": ("✗ consistently fails", DECLINING),
    "inconsistent": ("? inconsistent", SPC_CONCERN),
    "none": ("– no target", NEUTRAL),
}

# Chart marker shapes per special-cause point type: shape, not only colour, tells them apart.
POINT_STYLES: dict[str, tuple[str, str]] = {
    "improvement": ("o", SPC_IMPROVEMENT),
    "concern": ("D", SPC_CONCERN),
    "neutral_high": ("^", SPC_NEUTRAL),
    "neutral_low": ("v", SPC_NEUTRAL),
}
SERIES = "#1A1A1A"
TARGET = "#007A87"
SN_AVERAGE = "#8C510A"
ENGLAND = (
    "#5E3C99"  # the DfE's England figure on the trend charts, dash-dot-dot beside the SN average's dashes
)
SPC_LINES = "#7A7A7A"


def rag_swatch(rag: str) -> Swatch:
    return RAG[rag]


def rag_label(rag: str) -> str:
    """Glyph and word of a RAG rating, e.g. ``✓ on target`` (column heads of the summary)."""
    swatch = rag_swatch(rag)
    return f"{swatch.mark} {swatch.word}".strip()


def arrow_label(direction: str, trend: str) -> tuple[str, str]:
    """Arrow with its word (``▲ improving``) and the text colour for it."""
    arrow = DIRECTION_GLYPHS[direction]
    if direction == "none":
        return "– no previous value", NEUTRAL
    word = TREND_WORDS[trend] or {"up": "up", "down": "down", "same": "no change"}[direction]
    return f"{arrow} {word}", TREND_COLOURS[trend]


def _linear(channel: float) -> float:
    return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: str) -> float:
    """WCAG 2.x relative luminance of a ``#RRGGBB`` colour."""
    r, g, b = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return 0.2126 * _linear(r) + 0.7152 * _linear(g) + 0.0722 * _linear(b)


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG contrast ratio, 1.0 (none) to 21.0 (black on white)."""
    high, low = sorted((relative_luminance(foreground), relative_luminance(background)), reverse=True)
    return (high + 0.05) / (low + 0.05)
