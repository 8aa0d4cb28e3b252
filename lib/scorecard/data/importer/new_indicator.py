"""First guesses for a NEW indicator's catalogue entry, from its title, cells and target, and the
words councils use for polarity, frequency and units.

These are only starting points: polarity in particular is a judgement the analyst reviews in
``data/catalogue.csv``; a re-import keeps whatever the catalogue already says (unless the file has a
column that says it, such as "Good is": ``stated`` reads those columns' words). ``judgements`` gives
a new indicator's frequency, unit, decimals, polarity and basis: as stated, else guessed.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Iterable, Mapping

from scorecard.bands import band_direction, band_problems
from scorecard.cells import Cell
from scorecard.data.importer.normalised import Field, ProblemAt, Row
from scorecard.model import Basis, Frequency, Polarity, Unit
from scorecard.targets import TargetError, TargetKind, parse_target

POLARITY_WORDS = {
    Polarity.HIGHER: (
        "high",
        "higher",
        "up",
        "increase",
        "higher is better",
        "more",
        "bigger is better",
        "high is good",
        "higher is good",
        "more is better",
        "↑",
        "⬆",
        "▲",
    ),
    Polarity.LOWER: (
        "low",
        "lower",
        "down",
        "decrease",
        "lower is better",
        "less",
        "smaller is better",
        "low is good",
        "lower is good",
        "less is better",
        "↓",
        "⬇",
        "▼",
    ),
    Polarity.BAND: ("within band", "range", "within range", "in range", "band", "within the band"),
    Polarity.NONE: (
        "neither",
        "monitor",
        "measure for information",
        "info",
        "information",
        "no preference",
        "n/a",
        "na",
        "none",
    ),
}
FREQUENCY_WORDS = {
    Frequency.MONTHLY: ("monthly", "month", "m"),
    Frequency.QUARTERLY: ("quarterly", "quarter", "q"),
    Frequency.ANNUAL: ("annual", "annually", "yearly", "year", "a"),
}
UNIT_WORDS = {
    Unit.PERCENT: ("%", "percent", "percentage", "per cent"),
    Unit.COUNT: ("number", "count", "no", "n", "#"),
    Unit.RATE: ("rate", "per 10,000", "per 10000", "rate per 10,000", "rate per 10000"),
    Unit.AVERAGE: ("average", "avg", "mean"),
    Unit.DAYS: ("days", "days per fte"),
}


def word(text: str, words: dict) -> str | None:
    """The value whose words include ``text`` (case and spacing ignored); None when none does."""
    clean = " ".join(text.lower().replace(".", "").split())
    for value, spellings in words.items():
        if clean in spellings or clean == str(value):
            return str(value)
    return None


def expected_words(words: dict) -> str:
    """The accepted spellings of each value, for a problem's "expected ..." part."""
    return "; ".join(f"{', '.join(spellings)} ({value})" for value, spellings in words.items())


def is_quarterly(title: str, note: str) -> bool:
    """Whether a new indicator's title or note says it is a quarterly figure."""
    return "quarterly" in title.lower() or "quarter" in note.lower()


def frequency(title: str, note: str, periods: list[str], kind: str) -> Frequency:
    """A new indicator's frequency: its title's word ("quarterly", "annual"), else what the file's
    period columns are (``kind``); in a monthly file, a row whose title says nothing stays monthly."""
    lowered = title.lower()
    if re.search(r"\b(annual|annually|yearly)\b", lowered):
        return Frequency.ANNUAL
    if is_quarterly(title, note):
        return Frequency.QUARTERLY
    return Frequency(kind) if kind else Frequency.MONTHLY


def from_periods(periods: list[str], kind: str) -> Frequency:
    """A long layout's indicator with no frequency column: from its periods. Quarter and year labels
    say it; dated rows three (twelve) months apart at quarter ends are quarterly (annual)."""
    if kind and kind != Frequency.MONTHLY:
        return Frequency(kind)
    months = sorted({int(p[:4]) * 12 + int(p[5:]) - 1 for p in periods})
    gaps = {later - earlier for earlier, later in itertools.pairwise(months)}
    if len(months) < 2 or any(m % 3 != 2 for m in months) or any(gap % 3 for gap in gaps):
        return Frequency.MONTHLY
    return Frequency.ANNUAL if all(gap % 12 == 0 for gap in gaps) else Frequency.QUARTERLY


def unit(title: str, cells: Iterable[Cell], target: str = "", ratio: bool = False) -> Unit:
    """From a ``%`` or ``r`` in the cells, the title's words, a ``%`` in the target, or a numerator and
    denominator (``ratio``: a percentage, unless the title says rate or average)."""
    marks = {cell.mark for cell in cells if cell.value is not None}
    lowered = title.lower()
    if "r" in marks or re.match(r"rate\b", lowered) or re.search(r"per 10,?000", lowered):
        return Unit.RATE
    if "%" in marks or lowered.startswith(("percentage", "% ", "the %", "overall %", "overall percentage")):
        return Unit.PERCENT
    if re.search(r"(^|\s)(%|percentage|proportion)(\s|$)", lowered) or target.strip().endswith("%"):
        return Unit.PERCENT
    if "average caseload" in lowered:
        return Unit.AVERAGE
    if "days lost per fte" in lowered:
        return Unit.DAYS
    return Unit.PERCENT if ratio else Unit.COUNT


def basis(title: str, note: str, frequency: str = Frequency.MONTHLY) -> Basis:
    """A new indicator's basis: what its title and note say, else its frequency's (in month)."""
    lowered = title.lower()
    if is_quarterly(title, note):
        return Basis.QUARTERLY
    if "year to date" in lowered:
        return Basis.YEAR_TO_DATE
    if "rolling 12 months" in lowered or "rolling year" in lowered:
        return Basis.ROLLING
    if "month end snapshot" in lowered or "in place" in lowered or "current" in lowered:
        return Basis.SNAPSHOT
    if frequency == Frequency.QUARTERLY:
        return Basis.QUARTERLY  # the quarter's own figure
    if frequency == Frequency.ANNUAL:
        return Basis.ANNUAL
    return Basis.IN_MONTH  # most of the scorecard counts events in the month


def polarity(target: str, bands: dict[str, str] | None = None, decimals: int = 1) -> Polarity:
    """From the bands (where green lies), else the target's form: below X -> lower, X%+ -> higher,
    above SN -> higher, range -> band, a plain value -> higher, Monitor/blank -> none."""
    if bands and any(bands.values()):
        try:
            if not band_problems(bands, decimals, ""):
                direction = band_direction(bands, decimals)
                return {"higher": Polarity.HIGHER, "lower": Polarity.LOWER}.get(direction, Polarity.BAND)
        except TargetError:
            pass  # an unreadable band is reported by validation
    try:
        target_ = parse_target(target)
    except TargetError:
        return Polarity.NONE  # the unreadable target itself is reported by validation
    if target_.higher_is_better is not None:
        return Polarity.HIGHER if target_.higher_is_better else Polarity.LOWER
    return {TargetKind.RANGE: Polarity.BAND, TargetKind.THRESHOLD: Polarity.HIGHER}.get(
        target_.kind, Polarity.NONE
    )


def decimals(cells: Iterable[Cell], target: str) -> int:
    """The most common number of decimals among the row's numbers (ties: the more precise)."""
    counts = Counter(cell.decimals for cell in cells if cell.value is not None)
    if counts:
        return max(counts, key=lambda places: (counts[places], places))
    fraction = re.search(r"[0-9]\.([0-9]+)", target)
    return len(fraction[1]) if fraction else 0


def stated(fields: Mapping[str, Field], problem: ProblemAt) -> dict[str, str]:
    """Polarity, frequency, unit and decimals as a file's own columns state them (in the words above);
    a word none of them knows is a problem."""
    found = {}
    for name, words in (("polarity", POLARITY_WORDS), ("frequency", FREQUENCY_WORDS), ("unit", UNIT_WORDS)):
        field = fields.get(name)
        if field is None or not field.text.strip():
            continue
        value = word(field.text, words)
        if value is None:
            problem(field.where, field.text, f"unknown {name}; expected {expected_words(words)}")
        else:
            found[name] = value
    field = fields.get("decimals")
    if field is not None and field.text.strip():
        if re.fullmatch(r"[0-6]", field.text.strip()):
            found["decimals"] = field.text.strip()
        else:
            problem(field.where, field.text, "not a number of decimals; expected a whole number 0 to 6")
    return found


def judgements(
    row: Row, numbers: list[Cell], computed: bool, kind: str, stated: Mapping[str, str]
) -> dict[str, str]:
    """A new indicator's frequency, unit, decimals, polarity and basis: as its file states them, else
    first guesses from its title, note, published ``numbers``, target and bands (``kind``: the file's
    period columns). A percentage with figures ``computed`` from numerators alone has one decimal."""
    texts = {name: field.text.strip() for name, field in row.fields.items()}
    target = texts.get("target", "")
    periods = [cell.period for cell in row.cells]
    guessed_frequency = stated.get("frequency") or frequency(row.title, row.note, periods, kind)
    ratio = any(cell.denominator for cell in row.cells)
    guessed_unit = stated.get("unit") or unit(row.title, numbers, target, ratio)
    if stated.get("decimals"):
        places = stated["decimals"]
    elif computed and guessed_unit == Unit.PERCENT and not any(cell.value is not None for cell in numbers):
        places = "1"
    else:
        places = str(decimals(numbers, target))
    bands = {colour: texts.get(colour, "") for colour in ("green", "amber", "red")}
    return {
        "frequency": guessed_frequency,
        "unit": guessed_unit,
        "decimals": places,
        "polarity": stated.get("polarity") or polarity(target, bands, int(places)),
        "basis": basis(row.title, row.note, guessed_frequency),
    }
