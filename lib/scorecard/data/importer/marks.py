"""What an imported file says beside its figures, read into the pack's own: the Direction-of-travel
and RAG columns, and an indicator's commentary and action.

A file may give an arrow (``▲``, or a spelling other tools write, ``ARROW_SPELLINGS``), a direction
word (``up``, ``stable``) or a trend word (``improving``, which needs the indicator's polarity to
become an arrow); and a rating as a word or its letter (``Green``, ``G``), or one of the ways of
saying there is none (``NO_RATING``). An action's owner is its Action owner cell, else the
indicator's lead; its due month is a month, a date in it or a quarter (its last month).
"""

from __future__ import annotations

from collections.abc import Callable

from scorecard.cells import ARROW_SPELLINGS
from scorecard.data import FiledAction
from scorecard.data.importer.normalised import Field, Row, Where
from scorecard.model import Polarity, Rag
from scorecard.periods import period_cell

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


# --- commentary and actions ------------------------------------------------------------------------

DUE_EXPECTED = (
    "not a due month; expected a month (Jun-25, June 2025, 2025-06), a date in it (30/06/2025) or a "
    "quarter (Q1 2025/26, its last month), or blank"
)
NO_ACTION_DUE = "a due date with no action; expected the action beside it (an Action column), or no due date"
NO_ACTION_OWNER = (
    "an action owner with no action; expected the action beside it (an Action column), or the officer "
    'as the indicator\'s lead (--column "HEADER=lead")'
)
ACCOUNT_WITHOUT_FIGURES = (
    "commentary or an action, but the file has no figures; expected the period's figures beside it"
)
NO_OWNER = "an action with no owner; expected its owner in an Action owner (or Lead) column"
_BLANK = Field("", Where("", "-", "-"))
Said = tuple[Field, str]  # the commentary cell, and its text on one line


def account(
    row: Row, lead: str, problem: Callable[[Where, str, str], None]
) -> tuple[Said | None, tuple[Field, FiledAction] | None]:
    """A row's commentary and action (each with its cell), or None for either it has not. A due
    month or an owner with no action is a problem: nothing the file holds is dropped."""
    fields = row.fields
    said = fields.get("commentary", _BLANK)
    commentary = (said, " ".join(said.text.split())) if said.text.strip() else None
    action, owner, due = (fields.get(n, _BLANK) for n in ("action", "action_owner", "action_due"))
    who, when = owner.text.strip(), due.text.strip()
    if not action.text.strip():
        if when:
            problem(due.where, when, NO_ACTION_DUE)
        elif who and who != lead:  # without a Lead column the officer is the lead (merge._row)
            problem(owner.where, who, NO_ACTION_OWNER)
        return commentary, None
    month = period_cell(when) if when else None
    if when and month is None:
        problem(due.where, when, DUE_EXPECTED)
        return commentary, None
    if not (who or lead):
        problem(action.where, action.text, NO_OWNER)
        return commentary, None
    filed = FiledAction(row.id, " ".join(action.text.split()), who or lead, month[0] if month else "")
    return commentary, (action, filed)
