"""One published scorecard cell -> (value, status, count), and back to text.

The seed's cells: ``87.4%``, ``1,036``, ``1083``, ``100.8r`` (a rate per 10,000), ``67% (4)`` (a
percentage with its count), ``6.00``, and statuses ``NYC``, ``NA``, ``Not reported ...``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from scorecard.model import Status
from scorecard.targets import MAX_DIGITS

EXPECTED = "expected a number like 87.4%, 1,036, 100.8r, 67% (4), or NYC / NA / Not reported"

_NUMBER = re.compile(
    r"(?P<number>-?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.(?P<fraction>[0-9]+))?)"
    r"\s*(?P<mark>%|r)?"
    r"(?:\s*\(\s*(?P<count>-?[0-9]+)\s*\))?",
    re.IGNORECASE,
)
_STATUSES = {"nyc": Status.NOT_YET_COMPLETE, "na": Status.NOT_APPLICABLE, "n/a": Status.NOT_APPLICABLE}


class CellError(ValueError):
    """A cell none of the published forms can read."""


@dataclass(frozen=True)
class Cell:
    value: float | None  # None where a status stands in for the number
    status: Status
    count: int | None  # the bracketed count of ``67% (4)``
    decimals: int  # decimals as published: ``87.40%`` -> 2
    mark: str  # "%", "r" or "" - what the published text says about the unit


NOTHING = {"", "-", "–", "—"}  # an empty cell, or the dash many councils publish for "nothing"


def parse_cell(text: str) -> Cell | None:
    """Parse one published cell; None for an empty cell (or a dash); ``CellError`` saying what was
    expected."""
    clean = " ".join(str(text).split())
    if clean in NOTHING:
        return None
    lowered = clean.lower()
    if lowered in _STATUSES:
        return Cell(None, _STATUSES[lowered], None, 0, "")
    # "Not reported due to new moderation process": the reason is kept in the raw text.
    if lowered.startswith("not reported"):
        return Cell(None, Status.NOT_REPORTED, None, 0, "")
    if lowered.startswith("not started"):
        return Cell(None, Status.NOT_STARTED, None, 0, "")
    match = _NUMBER.fullmatch(clean)
    if match is None:
        if any(c.isdigit() and not c.isascii() for c in clean):
            raise CellError(f"digits of another script; expected the digits 0-9 ({EXPECTED})")
        raise CellError(f"not a scorecard cell; {EXPECTED}")
    for number in (match["number"], match["count"] or ""):
        if len(number.split(".")[0].replace(",", "").lstrip("-")) > MAX_DIGITS:
            raise CellError(
                f"more than {MAX_DIGITS} digits before the point; expected a number a scorecard holds"
            )
    count = int(match["count"]) if match["count"] is not None else None
    return Cell(
        value=float(match["number"].replace(",", "")),
        status=Status.NONE,
        count=count,
        decimals=len(match["fraction"] or ""),
        mark=(match["mark"] or "").lower(),
    )


_MARKS = {"%": ("percent", "a percent"), "r": ("rate_per_10000", "a rate per 10,000")}


def unit_clash(mark: str, unit: str) -> str:
    """What is wrong when a cell's mark (``87.4%``, ``100.8r``) contradicts the indicator's unit, else ""."""
    if mark not in _MARKS or _MARKS[mark][0] == unit:
        return ""
    return (
        f"{_MARKS[mark][1]}, but the indicator's unit in catalogue.csv is {unit}; expected a value "
        f"without '{mark}' (is the row shifted, or is the unit wrong?)"
    )


def published_text(value: float, unit: str, decimals: int, count: int | None = None) -> str:
    """Write a value the way the published wide layout does (``87.4%``, ``100.8r``, ``1,036``, ``67% (4)``).

    For export-wide only; the board pack shows values through ``pack.display.format_cell`` (no ``r``).
    """
    text = f"{value:,.{decimals}f}" if unit in ("count", "average") else f"{value:.{decimals}f}"
    if unit == "percent":
        text += "%"
    elif unit == "rate_per_10000":
        text += "r"
    if count is not None:
        text += f" ({count})"
    return text


PUBLISHED_STATUS = {
    Status.NOT_YET_COMPLETE: "NYC",
    Status.NOT_APPLICABLE: "NA",
    Status.NOT_REPORTED: "Not reported",
    Status.NOT_STARTED: "Not started",
}

# The Direction-of-travel column: each published arrow and the direction it means, then every
# spelling other tools write for an arrow and the arrow it is.
ARROWS = {"▲": "up", "▼": "down", "◀ ▶": "same"}
ARROW_SPELLINGS = {**{arrow: arrow for arrow in ARROWS}, "◀▶": "◀ ▶", "◄ ►": "◀ ▶", "◄►": "◀ ▶"}


def lost_arrow(text: str) -> bool:
    """An arrow a Windows-1252 export wrote as ``?`` (``◀ ▶`` -> ``? ?``): no published arrow."""
    return "?" in text and not text.replace("?", "").strip()
