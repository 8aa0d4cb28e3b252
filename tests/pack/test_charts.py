"""Trend charts: one panel per indicator with values, SVG output, alt text computed from the data."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from _synthetic import build

from scorecard.pack import palette
from scorecard.pack.parts import charts
from scorecard.pack.parts.chart_data import section_panels


@pytest.fixture(scope="module")
def sc():
    return build()


def test_one_panel_per_indicator_with_values(sc) -> None:
    early = charts.section_charts(sc, "early-help")
    assert sum(chart.panels for chart in early.charts) == 3  # ID 34 has no values to chart
    assert "Not charted" in early.charts[-1].alt and "ID 34" in early.charts[-1].alt


def test_figures_split_at_fifteen_panels() -> None:
    big = build(copies=6)  # 18 early-help indicators with values
    figures = charts.section_charts(big, "early-help").charts
    assert [chart.panels for chart in figures] == [15, 3]


def test_alt_text_gives_each_indicator_latest_value_and_signal(sc) -> None:
    alt = charts.section_charts(sc, "workforce").charts[0].alt
    assert "ID 16 Rate of CIN: latest 134.9 (Mar-25), target 105-135, on target, SPC common cause" in alt
    assert (
        "ID 84 Sickness days: latest 13.42 (Mar-25), target 10, off target, SPC special cause concern, high"
        in alt
    )
    assert "SPC mean and process limits" in alt


def test_svg_is_valid_and_self_contained(sc) -> None:
    for chart in charts.section_charts(sc, "workforce").charts:
        root = ET.fromstring(chart.svg.encode())
        assert root.tag.endswith("svg")
        assert "<image" not in chart.svg  # vector only, nothing external


def _marker_paths(svg: str, colour: str) -> list[str]:
    """The path data of the markers drawn in ``colour`` (matplotlib defines each marker once)."""
    ids = set(re.findall(r'<use xlink:href="#(m[0-9a-f]+)"[^>]*style="[^"]*fill: ' + colour, svg))
    return [re.search(rf'<path id="{i}" d="([^"]+)"', svg)[1] for i in ids]


def test_special_cause_points_are_drawn_with_their_own_shape(sc) -> None:
    # ID 84's latest point is a special-cause concern: drawn as a diamond (straight edges, no curves)
    # in the concern colour, unlike the round monthly markers.
    svg = charts.section_charts(sc, "workforce").charts[0].svg
    concern = _marker_paths(svg, palette.SPC_CONCERN.lower())
    assert concern and all("C" not in d and d.count("L") == 3 for d in concern)
    series = _marker_paths(svg, palette.SERIES.lower())
    assert series and all("C" in d for d in series)


def test_trial_limits_are_drawn_apart_and_the_legend_says_which_limits_it_shows(sc) -> None:
    workforce = charts.section_charts(sc, "workforce").charts[0]  # ID 16 on trial limits, 84 full
    assert "SPC trial limits (&lt; 13 points)" in workforce.svg and "SPC process limits" in workforce.svg
    assert "dash-dot where they are trial limits" in workforce.alt
    early_help = charts.section_charts(sc, "early-help").charts[0]  # full limits only
    assert "SPC trial limits" not in early_help.svg and "SPC process limits" in early_help.svg
    panel = next(p for p in section_panels(sc, "workforce").panels if p.id == "16")
    assert panel.spc.trial.all()


def test_drawing_leaves_matplotlibs_settings_as_they_were(sc) -> None:
    # An analyst's own chart in the same kernel must keep matplotlib's defaults (or their own).
    import matplotlib

    from scorecard.pack.output import figures

    keys = list(figures.STYLE)
    before = {key: matplotlib.rcParams[key] for key in keys}
    chart = charts.section_charts(sc, "early-help").charts[0]
    assert {key: matplotlib.rcParams[key] for key in keys} == before
    assert matplotlib.rcParams["font.size"] != figures.STYLE["font.size"]  # matplotlib's own 10
    assert "DejaVu Sans" in chart.svg and "<text" in chart.svg  # drawn with the pack's settings
