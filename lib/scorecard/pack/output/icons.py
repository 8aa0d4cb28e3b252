"""Making Data Count's variation and assurance icons, drawn here as small SVGs, each with its words.

The look is MDC's own (nhsengland/making-data-count, Icons/): a white disc in a thick coloured ring;
for variation, five points joined by a line, the last two in the ring's colour, high or low, with an
H or an L; common cause all grey; "neither" (no better direction) a purple arrow; for assurance, a
P, an F or a ? over the process's line and the dashed target line, above it, below it or across it.
Letters are strokes, not text, so every renderer draws them alike and no font is needed. The
colours are ``palette``'s, MDC's darkened only as far as 3:1 on white needs.

A reading on trial limits (``SpcLimits.TRIAL``) gets a dashed ring, as the chart dashes trial limits.

Improvement and concern icons differ only in colour, as MDC's do, so an icon never stands alone:
``image`` (HTML, for great_tables cells) gives the icon with its full words as its accessible name,
and ``words_beside`` its short words beside it; ``scorecard.pack.output.typst`` carries exactly this markup
(an image must equal ``image`` itself; the words are plain text) into the PDF as an image with the
same alt text and the same words, and refuses any other markup.

On the web page each drawing is there once, as a ``<symbol>`` of ``sprite()`` (the file
``assets/mdc-icons.html``, which ``_quarto.yml`` puts at the top of the page), and every icon in a
table is a small ``<svg>`` that draws it with ``<use>``: a page shows a few hundred icons, and a copy
of the drawing in each would be a large part of the page to parse and embed.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from scorecard.pack import palette

SIZE_PX = 24  # on the web page, beside 12 px table text
SIZE_EM = 1.3  # in the PDF, in the table's text size (7 pt)


@dataclass(frozen=True)
class Icon:
    """One MDC icon: its name, the words a screen reader and the PDF's text say, and the few words
    a table cell shows beside it."""

    name: str
    words: str
    label: str


def _by_name(*found: Icon) -> dict[str, Icon]:
    return {icon.name: icon for icon in found}


VARIATION_ICONS = _by_name(
    Icon("common_cause", "common cause variation", "common cause"),
    Icon("improvement_high", "special cause improvement, high", "improvement, high"),
    Icon("improvement_low", "special cause improvement, low", "improvement, low"),
    Icon("concern_high", "special cause concern, high", "concern, high"),
    Icon("concern_low", "special cause concern, low", "concern, low"),
    Icon("neither_high", "special cause, high, neither improvement nor concern", "neither, high"),
    Icon("neither_low", "special cause, low, neither improvement nor concern", "neither, low"),
)
ASSURANCE_ICONS = _by_name(
    Icon("pass", "consistently passing the target", "passing"),
    Icon("fail", "consistently failing the target", "failing"),
    Icon("hit_and_miss", "hit and miss the target", "hit and miss"),
)
ICONS = VARIATION_ICONS | ASSURANCE_ICONS
TRIAL_WORDS = "on trial limits"


def variation_icon(variation: str, polarity: str) -> Icon | None:
    """The icon of a latest-point variation (``model.Variation``); None where there is no reading.

    High or low: improvement is high where higher is better, concern where lower is.
    """
    if variation == "common_cause":
        return VARIATION_ICONS["common_cause"]
    if variation in ("neutral_high", "neutral_low"):
        return VARIATION_ICONS[variation.replace("neutral", "neither")]
    if variation in ("improvement", "concern"):
        up = (variation == "improvement") == (polarity == "higher_is_better")
        return VARIATION_ICONS[f"{variation}_{'high' if up else 'low'}"]
    return None


def assurance_icon(assurance: str) -> Icon | None:
    """The icon of an assurance (``model.Assurance``); None where there is none."""
    return ASSURANCE_ICONS.get({"inconsistent": "hit_and_miss"}.get(assurance, assurance))


def alt(icon: Icon, trial: bool = False) -> str:
    """The icon's words, as screen readers and the PDF's alt text give them."""
    return f"{icon.words}, {TRIAL_WORDS}" if trial else icon.words


# Geometry on a 40 x 40 canvas. Points: the three grey ones, then the two special-cause ones.
_HIGH_POINTS = ((9.0, 28.5), (14.5, 30.5), (20.0, 28.0), (25.5, 23.0), (31.0, 24.0))
_LOW_POINTS = ((9.0, 13.5), (14.5, 11.5), (20.0, 14.0), (25.5, 19.0), (31.0, 18.0))
_COMMON_POINTS = ((9.0, 23.0), (14.5, 27.0), (20.0, 15.5), (25.5, 25.5), (31.0, 21.0))
_LETTERS = {  # stroked paths, 9 units tall
    "H": "M16.5 8v9.5M23.5 8v9.5M16.5 12.75h7",
    "L": "M17 22.5v9.5h6.5",
    "P": "M17 17.5V8h3.5a2.75 2.75 0 0 1 0 5.5H17",
    "F": "M23.5 8H17v9.5M17 12.6h5.2",
    "?": "M16.8 10.8a3.25 3.25 0 1 1 4.7 2.9c-1.1.55-1.5 1.2-1.5 2.4",
}
_WAVE = "c3-4.4 5.6-5.2 8-2.6s3.4 4.2 6 2.2 2.2-3.4 4.2-1.4 3.4 1.4 5.8.6"


def _ring(colour: str, trial: bool) -> str:
    dash = ' stroke-dasharray="7.04 3.52"' if trial else ""
    return f'<circle cx="20" cy="20" r="16.8" fill="#fff" stroke="{colour}" stroke-width="2.9"{dash}/>'


def _points(points: tuple[tuple[float, float], ...], colours: tuple[str, ...]) -> str:
    line = "M" + "L".join(f"{x:g} {y:g}" for x, y in points)
    pairs = zip(points, colours, strict=True)
    dots = "".join(f'<circle cx="{x:g}" cy="{y:g}" r="2.7" fill="{c}"/>' for (x, y), c in pairs)
    return f'<path d="{line}" fill="none" stroke="{palette.MDC_DOTS}" stroke-width="1.5"/>{dots}'


def _letter(letter: str, colour: str) -> str:
    d = _LETTERS[letter]
    dot = f'<circle cx="20" cy="19.6" r="1.3" fill="{colour}"/>' if letter == "?" else ""
    return (
        f'<path d="{d}" fill="none" stroke="{colour}" stroke-width="2.3" stroke-linecap="round" '
        f'stroke-linejoin="round"/>{dot}'
    )


def _arrow(high: bool) -> str:
    colour = palette.MDC_NEITHER
    if high:
        return (
            f'<path d="M12 28L24.5 15.5" stroke="{colour}" stroke-width="4.6" stroke-linecap="round"/>'
            f'<path d="M29.5 10.5V22L18 10.5Z" fill="{colour}"/>'
        )
    return (
        f'<path d="M12 12L24.5 24.5" stroke="{colour}" stroke-width="4.6" stroke-linecap="round"/>'
        f'<path d="M29.5 29.5V18L18 29.5Z" fill="{colour}"/>'
    )


def _assurance(letter: str, colour: str, target_y: float, wave_y: float) -> str:
    return (
        _letter(letter, colour)
        + f'<path d="M7.5 {target_y:g}h25" stroke="{colour}" stroke-width="1.9" stroke-dasharray="2.8 1.6"/>'
        + f'<path d="M8 {wave_y:g}{_WAVE}" fill="none" stroke="{palette.MDC_DOTS}" stroke-width="2"/>'
    )


def _drawing(name: str) -> tuple[str, str]:
    """(ring colour, what is drawn inside the ring) of an icon."""
    if name == "common_cause":
        return palette.MDC_COMMON, _points(_COMMON_POINTS, (palette.MDC_COMMON,) * 5)
    if name.startswith("neither_"):
        return palette.MDC_NEITHER, _arrow(name.endswith("high"))
    if name.startswith(("improvement_", "concern_")):
        colour = palette.MDC_IMPROVEMENT if name.startswith("improvement") else palette.MDC_CONCERN
        high = name.endswith("_high")
        points = _points(_HIGH_POINTS if high else _LOW_POINTS, (palette.MDC_DOTS,) * 3 + (colour,) * 2)
        return colour, points + _letter("H" if high else "L", colour)
    if name == "pass":  # the process runs above the target line: it will pass
        return palette.MDC_IMPROVEMENT, _assurance("P", palette.MDC_IMPROVEMENT, 29.5, 25.5)
    if name == "fail":  # the target line above the process: it will fail
        return palette.MDC_CONCERN, _assurance("F", palette.MDC_CONCERN, 21.5, 29.0)
    if name == "hit_and_miss":  # the target line across the process
        return palette.MDC_COMMON, _assurance("?", palette.MDC_DOTS, 25.0, 25.5)
    raise KeyError(name)


@cache
def svg(name: str, trial: bool = False) -> str:
    """The icon as a standalone SVG document (no title: the page or the PDF gives its words)."""
    ring, inside = _drawing(name)
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 40" width="40" height="40">'
        f"{_ring(ring, trial)}{inside}</svg>"
    )


def symbol_id(name: str, trial: bool = False) -> str:
    """The id of the icon's ``<symbol>`` in ``sprite()``: ``mdc-concern-low-trial`` for concern_low on
    trial limits."""
    return f"mdc-{name.replace('_', '-')}{'-trial' if trial else ''}"


def sprite() -> str:
    """Every icon, plain and on trial limits, once each as an SVG ``<symbol>``, in a hidden ``<svg>``
    for the top of the web page: what ``image``'s ``<use>`` draws."""
    symbols = []
    for name in ICONS:
        ring, inside = _drawing(name)
        for trial in (False, True):
            drawing = _ring(ring, trial) + inside
            symbols.append(f'<symbol id="{symbol_id(name, trial)}" viewBox="0 0 40 40">{drawing}</symbol>')
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" aria-hidden="true" focusable="false" '
        'style="position:absolute;width:0;height:0;overflow:hidden">\n' + "\n".join(symbols) + "\n</svg>\n"
    )


# The page's copy of sprite(), which _quarto.yml includes: `python -m scorecard.pack.output.icons` writes it
# again after a change here (tests/pack/test_icons.py says when it is out of date).
SPRITE_FILE = Path(__file__).resolve().parent / "assets" / "mdc-icons.html"


@cache
def image(name: str, trial: bool = False) -> str:
    """The icon as an ``<svg role="img">`` named by its words, drawing ``sprite()``'s symbol.

    Examples
    --------
    >>> image("fail")  # doctest: +ELLIPSIS
    '<svg class="mdc-icon" data-icon="fail" data-trial="0" role="img" aria-label="consistently fai...'
    """
    icon = ICONS[name]
    return (
        f'<svg class="mdc-icon" data-icon="{name}" data-trial="{int(trial)}" role="img" '
        f'aria-label="{html.escape(alt(icon, trial))}" width="{SIZE_PX}" height="{SIZE_PX}" '
        f'viewBox="0 0 40 40" style="vertical-align:middle">'
        f'<use href="#{symbol_id(name, trial)}"></use></svg>'
    )


def words_beside(words: str) -> str:
    """Words shown beside icons, hidden from screen readers, which have just read the icons' alt text."""
    return f'<span class="mdc-label" aria-hidden="true"> {html.escape(words)}</span>'


def markup(name: str, trial: bool = False) -> str:
    """The icon for a great_tables cell: its ``image``, then its short words (``words_beside``)."""
    return image(name, trial) + words_beside(label(ICONS[name], trial))


def label(icon: Icon, trial: bool = False) -> str:
    """The short words shown beside the icon; a trial variation reading says so."""
    return f"{icon.label} (trial)" if trial and icon.name in VARIATION_ICONS else icon.label


IMAGE = re.compile(
    r'<svg class="mdc-icon" data-icon="([a-z_]+)" data-trial="([01])" [^<>]*><use [^<>]*></use></svg>'
)
WORDS = re.compile(r'<span class="mdc-label" aria-hidden="true">([^<>]*)</span>')


if __name__ == "__main__":
    SPRITE_FILE.write_text(sprite(), encoding="utf-8")
