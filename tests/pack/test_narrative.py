"""Narrative helpers: every number the prose shows, computed from the scorecard."""

from __future__ import annotations

import pytest
from _synthetic import build

from scorecard.pack.narrative import helpers as n
from scorecard.pack.narrative.facts import NarrativeError, facts_from, use


@pytest.fixture(autouse=True, scope="module")
def facts():
    use(facts_from(build()))


def test_values_are_formatted_as_published() -> None:
    assert n.fmt_value("1") == "1,435"
    assert n.fmt_value("2", "2024-11") == "87.4%"
    assert n.fmt_value("3") == "NYC"
    assert n.fmt_value("84", "2024-06") == "not reported"


def test_previous_value_and_change() -> None:
    assert n.from_to("2") == "from 96.0% to 99.0%"
    assert n.fmt_change("2") == "3.0 percentage points"
    assert n.fmt_change("16") == "1.0 per 10,000 children"
    assert n.change_word("84") == "an increase" and n.change_word("16", down="a fall") == "a fall"


def test_rank_and_runs() -> None:
    assert n.rank_phrase("1") == "the largest"
    assert n.rank_phrase("2") == "the largest"  # 99.0 ties with Jan-25: nothing is above it
    assert n.rank_phrase("16") == "the 2nd largest"
    assert n.months_rising("84") == "2"
    assert n.months_rising("16") == "0"


def test_sums_ranges_and_bases() -> None:
    assert n.fmt_sum(["1", "34"]) == "1,435"
    assert n.range_latest(["2", "16"]) == "99.0% to 134.9"
    assert n.fmt_base("2") == "an unknown number"  # no published count


def test_periods_and_settings() -> None:
    assert n.month() == "March 2025" and n.short_month() == "Mar-25"
    assert n.year_label() == "2024-25" and n.months_shown() == "12"
    assert n.series_break_month("84") == "October 2024"
    assert n.tolerance() == "15%" and n.population() == "81,634"


def test_counts() -> None:
    assert n.count_indicators() == "6" and n.count_indicators("workforce") == "2"
    assert n.count_rag("red") == "1" and n.count_trend("improving") == "2"


def test_inline_text_is_markdown_escaped_without_quotes() -> None:
    text = n.Inline("a_b *c*")
    assert text._repr_markdown_() == "a\\_b \\*c\\*"


def test_unknown_id_is_a_clear_error() -> None:
    with pytest.raises(NarrativeError, match=r"^fmt_value\('99'\) - no indicator '99'; expected one from"):
        n.fmt_value("99")
