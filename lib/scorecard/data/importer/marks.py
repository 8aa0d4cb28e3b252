"""The Direction-of-travel and RAG columns as an imported file writes them, read into the pack's own.

A file may give an arrow (``▲``, or a spelling other tools write, ``ARROW_SPELLINGS``), a direction
word (``up``, ``stable``) or a trend word (``improving``, which needs the indicator's polarity to
become an arrow); and a rating as a word or its letter (``Green``, ``G``), or one of the ways of
saying there is none (``NO_RATING``).
"""

from __future__ import annotations

from scorecard.cells import ARROW_SPELLINGS
from scorecard.model import Polarity, Rag

# Direction-of-travel words beyond the published arrows (ARROW_SPELLINGS); trend words need polarity.
DIRECTION_WORDS = {
    "▲": ("↑", "up", "increase", "increased", "higher", "rising", "⬆"),
    "▼": ("↓", "down", "decrease", "decreased", "lower", "falling", "⬇"),
    "◀ ▶": ("→", "↔", "same", "no change", "stable", "unchanged", "static", "="),
}
PUBLISHED_TREND_WORDS = {
    "improving": ("improving", "improved", "better", "improvement"),
    "declining": ("declining", "deteriorating", "worsening", "worse", "declined", "deteriorated"),
}
RATING_WORDS = {
    Rag.GREEN: ("green", "g", "on target"),
    Rag.AMBER: ("amber", "a", "near target"),
    Rag.RED: ("red", "r", "off target"),
}
NO_RATING = {"", "-", "–", "—", "n/a", "na", "none", "no rating", "monitor", "grey", "gray", "not rated"}


def published_arrow(text: str, polarity: str) -> tuple[str, str]:
    """(arrow, "") for a Direction-of-travel cell's stripped ``text``, or ("", what is wrong).

    Examples
    --------
    >>> published_arrow("rising", "lower_is_better")
    ('▲', '')
    >>> published_arrow("improving", "lower_is_better")
    ('▼', '')
    """
    arrow = ARROW_SPELLINGS.get(text) or next(
        (glyph for glyph, words in DIRECTION_WORDS.items() if text.lower() in words), None
    )
    trend = next((name for name, words in PUBLISHED_TREND_WORDS.items() if text.lower() in words), None)
    if arrow is None and trend is not None:
        if polarity not in (Polarity.HIGHER, Polarity.LOWER):
            return "", (
                f"'{text}' says better or worse, which needs a higher or lower is better indicator "
                f"(this one is {polarity}); expected an arrow or up, down, same"
            )
        up = (trend == "improving") == (polarity == Polarity.HIGHER)
        arrow = "▲" if up else "▼"
    if arrow is None:
        spellings = (*DIRECTION_WORDS.values(), *PUBLISHED_TREND_WORDS.values())
        words = ", ".join(word for group in spellings for word in group)
        return "", f"unknown arrow; expected ▲, ▼, ◀ ▶, {words} or blank"
    return arrow, ""


def published_rating(text: str) -> str | None:
    """The ``Rag`` value a RAG cell's stripped ``text`` names (``Green``, ``G``), None if none does.

    A text in ``NO_RATING`` says there is no rating; the caller checks that first.
    """
    return next((str(rag) for rag, words in RATING_WORDS.items() if text.lower() in words), None)
