"""importer/marks.py: a Direction-of-travel or RAG cell as a file writes it, read into the pack's own."""

from __future__ import annotations

import pytest

from scorecard.data.importer.marks import NO_RATING, published_arrow, published_rating
from scorecard.model import Polarity


@pytest.mark.parametrize(
    ("text", "arrow"),
    [("▲", "▲"), ("▼", "▼"), ("◀ ▶", "◀ ▶"), ("up", "▲"), ("Decreased", "▼"), ("no change", "◀ ▶")],
)
def test_an_arrow_or_a_direction_word_is_an_arrow_whatever_the_polarity(text: str, arrow: str) -> None:
    for polarity in Polarity:
        assert published_arrow(text, polarity) == (arrow, "")


@pytest.mark.parametrize(
    ("text", "polarity", "arrow"),
    [
        ("improving", Polarity.HIGHER, "▲"),
        ("improving", Polarity.LOWER, "▼"),
        ("Worsening", Polarity.HIGHER, "▼"),
        ("declined", Polarity.LOWER, "▲"),
    ],
)
def test_a_trend_word_becomes_an_arrow_by_the_polarity(text: str, polarity: Polarity, arrow: str) -> None:
    assert published_arrow(text, polarity) == (arrow, "")


@pytest.mark.parametrize("polarity", [Polarity.BAND, Polarity.NONE])
def test_a_trend_word_needs_a_higher_or_lower_is_better_indicator(polarity: Polarity) -> None:
    arrow, wrong = published_arrow("improving", polarity)
    assert arrow == ""
    assert wrong.startswith("'improving' says better or worse, which needs a higher or lower is better")
    assert f"(this one is {polarity})" in wrong


def test_an_unknown_arrow_says_what_is_expected() -> None:
    arrow, wrong = published_arrow("sideways", Polarity.HIGHER)
    assert arrow == ""
    assert wrong.startswith("unknown arrow; expected ▲, ▼, ◀ ▶, ")
    assert "rising" in wrong and "improving" in wrong


@pytest.mark.parametrize(
    ("text", "rating"),
    [("Green", "green"), ("G", "green"), ("amber", "amber"), ("near target", "amber"), ("R", "red")],
)
def test_a_rating_word_or_letter_is_its_rating(text: str, rating: str) -> None:
    assert published_rating(text) == rating


def test_a_rating_no_word_names_is_none_and_the_no_rating_words_are_apart() -> None:
    assert published_rating("purple") is None
    assert {"", "n/a", "not rated", "grey"} <= NO_RATING
    assert all(published_rating(text) is None for text in NO_RATING)
