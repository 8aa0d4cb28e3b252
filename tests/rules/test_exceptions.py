"""The exceptions: which indicators the settings' rules pick, and the SPC rule that fired, in words."""

from __future__ import annotations

from pathlib import Path

import pytest
from _scenarios import MARCH_EXCEPTIONS
from _small_data import PERIODS, make_data

from scorecard.data.load import load_data
from scorecard.model import ExceptionRule
from scorecard.pack.parts.since_last_pack import since_last_pack
from scorecard.periods import period_label
from scorecard.rules import build_scorecard, find_exceptions, fired_in_words, rating_changes

ROOT = Path(__file__).resolve().parents[2]
BASE = [10, 10.4, 9.6] * 4  # twelve quiet months, then the three that end the series


def _words(tail: list[float], polarity: str = "lower_is_better") -> str:
    cells = dict(zip(PERIODS, BASE + tail, strict=True))
    sc = build_scorecard(make_data([("t", "early-help", "count", polarity, "5", 1, "", cells)]))
    return fired_in_words(sc, "t", period_label)


@pytest.mark.parametrize(
    ("tail", "said"),
    [
        ([10.1, 9.9, 14.0], "above the upper process limit"),
        ([10.1, 9.9, 6.0], "below the lower process limit"),
        ([11.2, 11.5, 11.3], "two of the last three months beyond two sigma above the mean"),
        ([11.5, 11.8, 11.55], "each of the last three months beyond two sigma above the mean"),
        ([10.1, 9.9, 10.0], ""),  # common cause: no rule fired
    ],
)
def test_the_rule_that_fired_in_words(tail: list[float], said: str) -> None:
    assert _words(tail) == said


def test_a_run_and_a_trend_say_how_long_and_since_when() -> None:
    run = [10, 11, 9, 10, 11, 9, 10, 12, 12.5, 12, 12.5, 12, 12.5, 12, 12.5]
    trend = [10, 11, 9, 10, 11, 9, 10, 9, 9.5, 10, 10.5, 11, 11.5, 12, 12.5]
    indicators = [
        (name, "early-help", "count", "lower_is_better", "5", 1, "", dict(zip(PERIODS, cells, strict=True)))
        for name, cells in (("run", run), ("trend", trend))
    ]
    sc = build_scorecard(make_data(indicators))
    assert fired_in_words(sc, "run", period_label) == "8 months above the mean since Aug-24"
    assert fired_in_words(sc, "trend", period_label) == "rising for 8 months since Aug-24"


@pytest.fixture(scope="module")
def shipped() -> tuple:
    sc = build_scorecard(load_data(ROOT / "data"))
    return sc, since_last_pack(sc)


def test_the_default_rules_give_16_exceptions_in_march_2025(shipped: tuple) -> None:
    # Worked from the export: variation concern (3, 19b, 19c, 23, 31, 47a, 55), assurance fail (9a,
    # 19b, 19c, 35c, 37, 39, 69, 74) and newly off target against February's pack (3, 24, 27, 39, 73).
    sc, since = shipped
    found = find_exceptions(sc, since.ratings, sc.settings.exceptions, period_label, since.previous_period)
    ids = [entry.id for entry in found]
    assert ids == MARCH_EXCEPTIONS
    indicators = sc.indicators.set_index("id")
    concern = set(indicators.index[indicators["variation"] == "concern"])
    failing = set(indicators.index[indicators["assurance"] == "fail"])
    assert set(ids) == concern | failing | set(since.ratings.newly_off_target)
    assert (indicators["rag"] == "red").sum() == 37  # what a red rule alone would have given
    by_id = {entry.id: entry.words() for entry in found}
    assert by_id["23"] == "special cause concern: 7 months above the mean since Sep-24"
    assert by_id["39"] == (
        "consistently failing: the target is above the upper process limit; "
        "newly off target: on target in Feb-25, within tolerance now"
    )
    assert by_id["74"] == "consistently failing: the target is below the lower process limit"


def test_the_rules_to_add_pick_what_they_say(shipped: tuple) -> None:
    sc, since = shipped
    rules = (ExceptionRule.RED, ExceptionRule.AMBER_TO_RED, ExceptionRule.WORSE_THAN_TARGET_AND_DECLINING)
    found = {e.id: e for e in find_exceptions(sc, since.ratings, rules, period_label, since.previous_period)}
    indicators = sc.indicators.set_index("id")
    red = set(indicators.index[indicators["rag"] == "red"])
    worse = set(
        indicators.index[indicators["rag"].isin(["amber", "red"]) & (indicators["trend"] == "declining")]
    )
    assert set(found) == red | worse | set(since.ratings.amber_to_red)
    assert (
        found["47a"]
        .words()
        .startswith("red: off target, beyond the tolerance; amber to red: within tolerance in Feb-25")
    )


def test_without_a_previous_pack_nothing_is_newly_off_target(shipped: tuple) -> None:
    sc, _ = shipped
    found = find_exceptions(sc, rating_changes(sc, None), [ExceptionRule.NEWLY_OFF_TARGET], period_label)
    assert found == []
