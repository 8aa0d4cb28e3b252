"""Direction of travel and what it means for each polarity."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

from scorecard.model import Direction, Polarity, Trend
from scorecard.rules.travel import NO_TRAVEL, Travel, direction, travel, trend
from scorecard.targets import parse_target

NAN = math.nan
H, L, B, N = Polarity.HIGHER, Polarity.LOWER, Polarity.BAND, Polarity.NONE
UP, DOWN, SAME, NONE = Direction.UP, Direction.DOWN, Direction.SAME, Direction.NONE
IMP, DEC, NOC, NA = Trend.IMPROVING, Trend.DECLINING, Trend.NO_CHANGE, Trend.NOT_APPLICABLE


@pytest.mark.parametrize(
    ("latest", "previous", "decimals", "expected"),
    [
        (8.2, 7.2, 1, UP),
        (7.2, 8.2, 1, DOWN),
        (16.0, 16.0, 1, SAME),
        (16.04, 15.96, 1, SAME),
        (16.04, 15.96, 2, UP),
        (1083, 912, 0, UP),
        (NAN, 5.0, 0, NONE),
        (5.0, NAN, 0, NONE),
    ],
)
def test_direction_at_published_decimals(latest, previous, decimals, expected):
    assert direction(latest, previous, decimals) is expected


@pytest.mark.parametrize(
    ("latest", "previous", "polarity", "target", "expected"),
    [
        (99.0, 96.0, H, "90.0%", IMP),
        (96.0, 99.0, H, "90.0%", DEC),
        (96.0, 96.0, H, "90.0%", NOC),
        (8.2, 7.2, L, "below 15%", DEC),
        (7.2, 8.2, L, "below 15%", IMP),
        (5.0, 5.0, L, "0", NOC),
        (1083, 912, N, "Monitor", NA),
        (912, 1083, N, "Monitor", NA),
        (5, 5, N, "Monitor", NA),
        # a monitor-only indicator still has a meaning when its polarity is set
        (272, 255, H, "Monitor", IMP),
        # band: towards the band improves, away declines, within to within is no change
        (134.9, 135.9, B, "105-135", IMP),
        (130.0, 120.0, B, "105-135", NOC),
        (135.9, 126.4, B, "105-135", DEC),
        (126.4, 108.4, B, "105-135", NOC),
        (30.0, 28.9, B, "34-35", IMP),
        (28.9, 29.3, B, "34-35", DEC),
        (67.4, 67.3, B, "64-66", DEC),
        (67.3, 67.4, B, "64-66", IMP),
        (66.0, 67.4, B, "64-66", IMP),
        (34.5, 34.5, B, "34-35", NOC),
        (40.0, 30.0, B, "34-35", DEC),
        (37.0, 30.0, B, "34-35", IMP),
        (120.0, 100.0, B, "Monitor", NA),
        (120.0, 100.0, B, "15", NA),
    ],
)
def test_trend_from_polarity(latest, previous, polarity, target, expected):
    assert trend(latest, previous, 1, polarity, parse_target(target)) is expected


PERIODS = ["2024-10", "2024-11", "2024-12", "2025-01", "2025-02", "2025-03"]
TARGET = parse_target("90.0%")


def test_travel_uses_the_previous_period_with_data():
    values = [80.0, 81.0, 82.0, NAN, NAN, 85.0]  # Jan and Feb NYC / not reported
    result = travel(PERIODS, values, "2025-03", H, TARGET, 1)
    assert result == Travel(UP, IMP, "2024-12", 82.0)


def test_travel_quarterly_compares_with_previous_quarter():
    periods = ["2024-09", "2024-12", "2025-03"]
    result = travel(periods, [10.0, 12.0, 11.0], "2025-03", L, parse_target("15"), 0)
    assert result == Travel(DOWN, IMP, "2024-12", 12.0)


def test_travel_no_previous_month():
    result = travel(["2025-03"], [85.0], "2025-03", H, TARGET, 1)
    assert result.direction is NONE and result.trend is NA
    assert result.previous_period == "" and math.isnan(result.previous_value)


def test_travel_nyc_latest_value_has_no_direction():
    result = travel(PERIODS, [80, 81, 82, 83, 84, NAN], "2025-03", H, TARGET, 1)
    assert (result.direction, result.trend, result.previous_period) == (NONE, NA, "2025-02")


def test_travel_ignores_periods_after_the_chosen_period():
    result = travel(PERIODS, [80, 81, 82, 83, 70, 99], "2025-02", H, TARGET, 1)
    assert result == Travel(DOWN, DEC, "2025-01", 83.0)


def test_travel_period_without_any_row():
    assert travel(PERIODS[:3], [1.0, 2.0, 3.0], "2025-03", H, TARGET, 1).direction is NONE


def test_travel_does_not_compare_across_a_series_break():
    values = [80, 81, 82, 83, 84, 85]
    assert travel(PERIODS, values, "2024-11", H, TARGET, 1, series_break="2024-11").direction is NONE
    assert travel(PERIODS, values, "2024-12", H, TARGET, 1, series_break="2024-11").direction is UP
    assert travel(PERIODS, values, "2024-10", H, TARGET, 1, series_break="2024-11").direction is NONE


def test_travel_zero_target_lower_is_better():
    result = travel(PERIODS[-2:], [0.0, 1.0], "2025-03", L, parse_target("0"), 0)
    assert (result.direction, result.trend) == (UP, DEC)


def test_no_travel_constant():
    assert NO_TRAVEL.direction is NONE and NO_TRAVEL.trend is NA


# --- March 2025 of the seed: computed arrows against the published ones --------------------------------
ROOT = Path(__file__).resolve().parents[2]
ARROWS = ROOT / "tests" / "fixtures" / "arrows_2025-03.csv"


@pytest.mark.skipif(not (ROOT / "data" / "catalogue.csv").exists(), reason="data/ not imported yet")
def test_march_2025_arrows_match_the_fixture_and_every_difference_is_explained():
    from scorecard.data.load import load_data
    from scorecard.rules.frame import build_scorecard

    fixture = pd.read_csv(ARROWS, dtype=str, keep_default_na=False)
    data = load_data(ROOT / "data")
    computed = build_scorecard(data, "2025-03").indicators
    published = data.published_direction
    published = published[published["period"] == "2025-03"].set_index("id")

    assert list(fixture["id"]) == list(computed["id"])
    assert list(fixture["computed_direction"]) == list(computed["direction"])
    assert list(fixture["computed_trend"]) == list(computed["trend"])
    assert list(fixture["previous_period"]) == list(computed["previous_period"])
    assert list(fixture["status"]) == list(computed["status"])
    for column in ("value", "previous_value"):  # the numbers the notes talk about are the data's
        assert pd.to_numeric(fixture[column].replace("", None)).astype(float).tolist() == pytest.approx(
            computed[column].astype(float).tolist(), nan_ok=True
        ), column
    for row in fixture.itertuples():
        arrow = published["arrow"].get(row.id, "")
        direction_published = published["direction"].get(row.id, "")
        assert (row.published_arrow, row.published_direction) == (arrow, direction_published), row.id
        ours = "" if row.computed_direction == "none" else row.computed_direction
        assert row.agrees == ("yes" if ours == direction_published else "no"), row.id
        if row.agrees == "no":
            assert row.note.strip(), f"ID {row.id}: computed and published arrows differ without a note"
            # the note explains this difference, not another: it quotes the numbers or the status
            shown = "NYC" if row.status == "not_yet_complete" else f"{_g(row.value)}"
            assert _g(row.previous_value) in row.note and shown in row.note, row.id
    assert (fixture["agrees"] == "no").sum() == 6
    # the two the issue names
    by_id = fixture.set_index("id")
    assert (by_id.at["22", "published_direction"], by_id.at["22", "computed_direction"]) == ("down", "up")
    assert (by_id.at["46", "published_direction"], by_id.at["46", "computed_direction"]) == ("up", "same")


def _g(text: str) -> str:
    """A fixture number as a note would quote it: 7.2, 0, 22 (no trailing .0)."""
    return f"{float(text):g}"
