"""First guesses for a NEW indicator's catalogue entry, from its title, cells and target.

These are only starting points: polarity in particular is a judgement the analyst reviews in
``data/catalogue.csv``; a re-import keeps whatever the catalogue already says.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from scorecard.data.published_cells import Cell
from scorecard.model import Basis, Polarity, Unit
from scorecard.targets import TargetError, TargetKind, parse_target

QUARTER_END = {1: 3, 2: 3, 3: 3, 4: 6, 5: 6, 6: 6, 7: 9, 8: 9, 9: 9, 10: 12, 11: 12, 12: 12}


def is_quarterly(title: str, note: str) -> bool:
    return "quarterly" in title.lower() or "quarter" in note.lower()


def quarter_end(period: str) -> str:
    """The quarter-end month of the financial quarter holding ``period`` (Aug -> Sep, Feb -> Mar)."""
    return f"{period[:4]}-{QUARTER_END[int(period[5:])]:02d}"


def unit(title: str, cells: Iterable[Cell]) -> Unit:
    marks = {cell.mark for cell in cells if cell.value is not None}
    lowered = title.lower()
    if "%" in marks or lowered.startswith(("percentage", "% ", "the %", "overall %", "overall percentage")):
        return Unit.PERCENT
    if "r" in marks or re.match(r"rate\b", lowered):
        return Unit.RATE
    if "average caseload" in lowered:
        return Unit.AVERAGE
    if "days lost per fte" in lowered:
        return Unit.DAYS
    return Unit.COUNT


def basis(title: str, note: str) -> Basis:
    lowered = title.lower()
    if is_quarterly(title, note):
        return Basis.QUARTERLY
    if "year to date" in lowered:
        return Basis.YEAR_TO_DATE
    if "rolling 12 months" in lowered or "rolling year" in lowered:
        return Basis.ROLLING
    if "month end snapshot" in lowered or "in place" in lowered or "current" in lowered:
        return Basis.SNAPSHOT
    return Basis.IN_MONTH  # most of the scorecard counts events in the month


def polarity(target: str) -> Polarity:
    """From the target's form: below X -> lower, X%+ -> higher, range -> band, Monitor/blank -> none."""
    try:
        kind = parse_target(target).kind
    except TargetError:
        return Polarity.NONE  # the unreadable target itself is reported by validation
    return {
        TargetKind.BELOW: Polarity.LOWER,
        TargetKind.AT_LEAST: Polarity.HIGHER,
        TargetKind.RANGE: Polarity.BAND,
        TargetKind.THRESHOLD: Polarity.HIGHER,
    }.get(kind, Polarity.NONE)


def decimals(cells: Iterable[Cell], target: str) -> int:
    """The most common number of decimals among the row's numbers (ties: the more precise)."""
    counts = Counter(cell.decimals for cell in cells if cell.value is not None)
    if counts:
        return max(counts, key=lambda places: (counts[places], places))
    fraction = re.search(r"\d\.(\d+)", target)
    return len(fraction[1]) if fraction else 0
