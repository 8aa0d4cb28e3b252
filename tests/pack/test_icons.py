"""Making Data Count's icons: drawn in their standard look, each with its words, never colour alone."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from scorecard.model import Assurance, Polarity, Variation
from scorecard.pack import palette
from scorecard.pack.output import icons

SVG = "{http://www.w3.org/2000/svg}"


def _colours(svg: str) -> set[str]:
    return {c.upper() for c in re.findall(r'(?:stroke|fill)="(#[0-9A-Fa-f]{6})"', svg)}


@pytest.mark.parametrize("name", list(icons.ICONS))
def test_each_icon_is_a_small_svg_with_no_text_and_no_outside_reference(name: str) -> None:
    for trial in (False, True):
        svg = icons.svg(name, trial)
        root = ET.fromstring(svg)
        assert root.tag == f"{SVG}svg" and root.get("viewBox") == "0 0 40 40"
        assert not root.findall(f".//{SVG}text")  # letters are strokes: no font needed anywhere
        assert "href" not in svg and "<script" not in svg and "url(" not in svg
        assert len(svg) < 1200
        ring = root.find(f"{SVG}circle")
        assert ring is not None and (ring.get("stroke-dasharray") is not None) == trial  # trial: dashed


@pytest.mark.parametrize(
    ("name", "ring"),
    [
        ("common_cause", palette.MDC_COMMON),
        ("improvement_high", palette.MDC_IMPROVEMENT),
        ("improvement_low", palette.MDC_IMPROVEMENT),
        ("concern_high", palette.MDC_CONCERN),
        ("concern_low", palette.MDC_CONCERN),
        ("neither_high", palette.MDC_NEITHER),
        ("neither_low", palette.MDC_NEITHER),
        ("pass", palette.MDC_IMPROVEMENT),
        ("fail", palette.MDC_CONCERN),
        ("hit_and_miss", palette.MDC_COMMON),
    ],
)
def test_the_ring_has_mdcs_colour(name: str, ring: str) -> None:
    circle = ET.fromstring(icons.svg(name)).find(f"{SVG}circle")
    assert circle is not None and circle.get("stroke") == ring
    if name.startswith(("improvement", "concern")):  # grey points before the special-cause ones
        assert palette.MDC_DOTS.upper() in _colours(icons.svg(name))


def test_improvement_and_concern_differ_in_colour_only_so_their_words_differ() -> None:
    # As in MDC's own set; this is why every icon is shown with its words beside it.
    high = icons.svg("improvement_high").replace(palette.MDC_IMPROVEMENT, "X")
    assert high == icons.svg("concern_high").replace(palette.MDC_CONCERN, "X")
    assert len({icon.words for icon in icons.ICONS.values()}) == len(icons.ICONS)
    assert len({icon.label for icon in icons.ICONS.values()}) == len(icons.ICONS)


@pytest.mark.parametrize(
    ("variation", "polarity", "name"),
    [
        (Variation.IMPROVEMENT, Polarity.HIGHER, "improvement_high"),
        (Variation.IMPROVEMENT, Polarity.LOWER, "improvement_low"),
        (Variation.CONCERN, Polarity.HIGHER, "concern_low"),
        (Variation.CONCERN, Polarity.LOWER, "concern_high"),
        (Variation.NEUTRAL_HIGH, Polarity.BAND, "neither_high"),
        (Variation.NEUTRAL_LOW, Polarity.NONE, "neither_low"),
        (Variation.COMMON_CAUSE, Polarity.HIGHER, "common_cause"),
        (Variation.TOO_FEW_POINTS, Polarity.HIGHER, None),
        (Variation.NONE, Polarity.HIGHER, None),
    ],
)
def test_each_variation_has_its_icon(variation: str, polarity: str, name: str | None) -> None:
    icon = icons.variation_icon(variation, polarity)
    assert (icon.name if icon else None) == name


def test_each_assurance_has_its_icon() -> None:
    assert {a: getattr(icons.assurance_icon(a), "name", None) for a in Assurance} == {
        "pass": "pass",
        "fail": "fail",
        "inconsistent": "hit_and_miss",
        "none": None,
    }


def test_the_html_image_carries_its_words_and_a_trial_reading_says_so() -> None:
    image = icons.image("concern_low", trial=True)
    assert 'role="img" aria-label="special cause concern, low, on trial limits"' in image
    assert image.startswith('<svg class="mdc-icon" data-icon="concern_low" data-trial="1" ')
    assert image.endswith('<use href="#mdc-concern-low-trial"></use></svg>')
    assert icons.IMAGE.fullmatch(image)
    assert icons.markup("concern_low", True).endswith(
        '<span class="mdc-label" aria-hidden="true"> concern, low (trial)</span>'
    )
    assert icons.words_beside("a < b") == '<span class="mdc-label" aria-hidden="true"> a &lt; b</span>'


def test_the_key_shows_every_icon_with_its_meaning_and_names_the_rule_set() -> None:
    from scorecard.model import SpcRules
    from scorecard.pack.parts.key.notes import key_table

    html = key_table(0.15).as_raw_html()
    for icon in icons.ICONS.values():
        assert f'data-icon="{icon.name}" data-trial="0"' in html, icon.name
        assert f'aria-label="{icon.words}"' in html
    assert 'data-icon="common_cause" data-trial="1"' in html and "Trial limits (dashed ring" in html
    assert "two of three points beyond two sigma" in html and "improvement is shown" in html
    package = key_table(0.15, SpcRules.PLOTTHEDOTS_02).as_raw_html()
    assert "between two and three sigma" in package and "improvement is shown" not in package


def test_the_page_carries_every_drawing_once_and_each_icon_draws_one_of_them() -> None:
    shipped = icons.SPRITE_FILE.read_text(encoding="utf-8")
    assert shipped == icons.sprite(), (
        f"{icons.SPRITE_FILE} is out of date with pack/output/icons.py; write it again with\n"
        "  .venv/bin/python -m scorecard.pack.output.icons"
    )
    symbols = re.findall(r'<symbol id="([a-z-]+)" viewBox="0 0 40 40">(.*?)</symbol>', shipped)
    assert len(symbols) == len({s for s, _ in symbols}) == 2 * len(icons.ICONS)
    drawn = dict(symbols)
    for name in icons.ICONS:
        for trial in (False, True):
            used = re.search(r'<use href="#([a-z-]+)">', icons.image(name, trial))[1]
            # the symbol holds exactly the drawing of the standalone SVG the PDF shows
            assert drawn[used] in icons.svg(name, trial), (name, trial)
