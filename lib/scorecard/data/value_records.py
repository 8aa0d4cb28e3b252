"""One period's figure on its way into values.csv: the value read from a file, and the record kept.

``PeriodValue`` is a cell once read and checked; ``landing_period`` says which month it is filed under;
``same_figure`` and ``meaning`` decide whether a file changes a figure already held, so a value
written again (``1036`` for ``1036.0``, or without its numerator and denominator) is no change.
"""

from __future__ import annotations

from scorecard.data import new_indicator as infer
from scorecard.data.normalised import PeriodCell
from scorecard.data.published_cells import Cell
from scorecard.model import Frequency, Status

Record = dict[str, str]


class PeriodValue:
    """One period's value as it will be written to values.csv."""

    __slots__ = ("count", "decimals", "denominator", "numerator", "raw", "status", "value")

    def __init__(
        self,
        value: float | None,
        status: Status,
        count: int | None,
        raw: str,
        numerator: str,
        denominator: str,
        decimals: int,
    ) -> None:
        self.value, self.status, self.count, self.raw = value, status, count, raw
        self.numerator, self.denominator, self.decimals = numerator, denominator, decimals


def number_text(value: float) -> str:
    """A number as values.csv writes it: up to 12 significant digits, no trailing zeros."""
    return f"{value:.12g}"


def plain_number(text: str) -> str:
    """A numerator or denominator as values.csv keeps it (``1,036`` -> ``1036``)."""
    return number_text(float(text.replace(",", ""))) if text else ""


def published_decimals(published: Cell | None) -> int:
    """The decimals a cell was published to; 0 where only a numerator and denominator give it."""
    return 0 if published is None else published.decimals


def landing_period(cell: PeriodCell, frequency: str) -> str:
    """Where a figure is filed: a quarterly indicator's on its quarter's end month."""
    return infer.quarter_end(cell.period) if frequency == Frequency.QUARTERLY else cell.period


def same_figure(old: Record, cell: PeriodValue) -> bool:
    """Whether a cell published without a numerator and denominator (a layout with no columns for
    them) is the figure already held with them: its value at the cell's own decimals. The held
    record then stays as it is: nothing it knows is lost to a file that does not say it."""
    if cell.numerator or cell.denominator or not old.get("denominator") or cell.value is None:
        return False
    return bool(old["value"]) and round(float(old["value"]), cell.decimals) == cell.value


def meaning(record: Record) -> tuple[float | None, str, str, str, str]:
    """What a value says, so 1036 and 1036.0 (a hand-edited CSV) count as the same."""
    return (
        float(record["value"]) if record["value"] else None,
        record["status"],
        record["count"],
        record.get("numerator", ""),
        record.get("denominator", ""),
    )
