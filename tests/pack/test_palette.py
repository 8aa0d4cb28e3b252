"""The palette: readable text on every fill, RAG fills apart under colour-vision deficiency."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from scorecard.model import Assurance, Direction, Rag, Trend, Variation
from scorecard.pack import palette

# Machado, Oliveira & Fernandes (2009) simulation matrices at severity 1.0, on linear RGB.
CVD = {
    "deuteranopia": [
        [0.367322, 0.860646, -0.227968],
        [0.280085, 0.672501, 0.047413],
        [-0.011820, 0.042940, 0.968881],
    ],
    "protanopia": [
        [0.152286, 1.052583, -0.204868],
        [0.114503, 0.786281, 0.099216],
        [-0.003882, -0.048116, 1.051998],
    ],
    "tritanopia": [
        [1.255528, -0.076749, -0.178779],
        [-0.078411, 0.930809, 0.147602],
        [0.004733, 0.691367, 0.303900],
    ],
    "typical": [[1, 0, 0], [0, 1, 0], [0, 0, 1]],
}


def _linear_rgb(colour: str) -> np.ndarray:
    srgb = np.array([int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)])
    return np.where(srgb <= 0.04045, srgb / 12.92, ((srgb + 0.055) / 1.055) ** 2.4)


def _lab(linear_rgb: np.ndarray) -> np.ndarray:
    xyz = (
        np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]])
        @ linear_rgb
        / np.array([0.95047, 1.0, 1.08883])
    )
    f = np.where(xyz > 0.008856, np.cbrt(xyz), 7.787 * xyz + 16 / 116)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def _delta_e(a: str, b: str, vision: str) -> float:
    matrix = np.array(CVD[vision])
    sim_a = np.clip(matrix @ _linear_rgb(a), 0, 1)
    sim_b = np.clip(matrix @ _linear_rgb(b), 0, 1)
    return float(np.linalg.norm(_lab(sim_a) - _lab(sim_b)))


def test_contrast_ratio_reference_values() -> None:
    assert palette.contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert palette.contrast_ratio("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)
    assert palette.contrast_ratio("#FFFFFF", "#FFFFFF") == pytest.approx(1.0)


@pytest.mark.parametrize("rag", list(Rag))
def test_every_rag_fill_has_readable_text(rag: Rag) -> None:
    swatch = palette.RAG[rag]
    assert palette.contrast_ratio(swatch.text, swatch.fill) >= 4.5


def test_status_fill_has_readable_text() -> None:
    assert palette.contrast_ratio(palette.INK, palette.STATUS_FILL) >= 4.5


@pytest.mark.parametrize("vision", list(CVD))
def test_rag_fills_stay_distinguishable(vision: str) -> None:
    # CIE76 delta E of 20 or more reads as clearly different colours, not shades of one.
    fills = {rag: palette.RAG[rag].fill for rag in (Rag.GREEN, Rag.AMBER, Rag.RED)}
    fills["status"] = palette.STATUS_FILL
    for (a, colour_a), (b, colour_b) in itertools.combinations(fills.items(), 2):
        assert _delta_e(colour_a, colour_b, vision) >= 20, (vision, a, b)


def test_meaning_colours_are_readable_on_white() -> None:
    colours = [
        palette.IMPROVING,
        palette.DECLINING,
        palette.NEUTRAL,
        palette.SPC_IMPROVEMENT,
        palette.SPC_CONCERN,
        palette.SPC_NEUTRAL,
        palette.TARGET,
        palette.SN_AVERAGE,
    ]
    colours += [colour for _, colour in palette.VARIATION_LABELS.values()]
    colours += [colour for _, colour in palette.ASSURANCE_LABELS.values()]
    for colour in colours:
        assert palette.contrast_ratio(colour, palette.WHITE) >= 4.5, colour


def test_icon_colours_have_the_contrast_graphics_need_on_white() -> None:
    for colour in (
        palette.MDC_IMPROVEMENT,
        palette.MDC_CONCERN,
        palette.MDC_NEITHER,
        palette.MDC_COMMON,
        palette.MDC_DOTS,
    ):
        assert palette.contrast_ratio(colour, palette.WHITE) >= 3.0, colour  # WCAG 1.4.11


def test_rag_carries_words_and_marks_not_only_colour() -> None:
    words = {palette.RAG[r].word for r in Rag}
    marks = [palette.RAG[r].mark for r in (Rag.GREEN, Rag.AMBER, Rag.RED)]
    assert len(words) == len(Rag) and all(marks) and len(set(marks)) == 3


def test_every_state_has_a_label() -> None:
    assert set(palette.VARIATION_LABELS) == set(Variation)
    assert set(palette.ASSURANCE_LABELS) == set(Assurance)
    assert set(palette.DIRECTION_GLYPHS) == set(Direction)


@pytest.mark.parametrize(
    ("direction", "trend", "label", "colour"),
    [
        ("up", "improving", "▲ improving", palette.IMPROVING),
        ("down", "declining", "▼ declining", palette.DECLINING),
        ("same", "no_change", "▶ no change", palette.NEUTRAL),
        ("up", "not_applicable", "▲ up", palette.NEUTRAL),
        ("none", "not_applicable", "– no previous value", palette.NEUTRAL),
    ],
)
def test_arrow_label(direction: str, trend: str, label: str, colour: str) -> None:
    assert palette.arrow_label(direction, trend) == (label, colour)


def test_trend_words_cover_every_trend() -> None:
    assert set(palette.TREND_WORDS) == set(Trend)


def test_glyphs_are_ones_the_pdf_is_known_to_render() -> None:
    # Verified in a real Quarto -> Typst render; typographic punctuation is in every text font.
    verified = set("▲▼◀▶●○◆✓✗↑↓→★⚠") | set("–—…·")
    from scorecard.pack.parts import summary

    texts = [s.mark + s.word for s in palette.RAG.values()] + list(palette.DIRECTION_GLYPHS.values())
    texts += [label for label, _ in palette.VARIATION_LABELS.values()]
    texts += [label for label, _ in palette.ASSURANCE_LABELS.values()]
    texts += list(summary.MDC_ROWS) + list(summary.MDC_COLUMNS)
    used = {c for text in texts for c in text if not c.isascii()}
    assert used <= verified, used - verified
