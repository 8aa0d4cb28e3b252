"""A row's period cells on their way into values.csv: read, checked, and filed under their month.

``read_cells`` reads each cell's published text; ``period_values`` checks each figure (not negative,
a percent at most 100, numerator and denominator agreeing with the value) and files it under its
month (``landing_period``: a quarterly figure on its quarter's end). ``same_figure`` and ``meaning``
decide whether a file changes a figure already held, so a value written again (``1036`` for
``1036.0``, or without its numerator and denominator) is no change.
"""

from __future__ import annotations

import math
import re

from scorecard.cells import Cell, CellError, parse_cell, unit_clash
from scorecard.data import ratio, ratio_problem
from scorecard.data.importer.normalised import PeriodCell, ProblemAt, Row, Where
from scorecard.model import Frequency, Status
from scorecard.periods import quarter_end

Record = dict[str, str]
Parsed = dict[int, tuple[Cell | None, PeriodCell]]  # cell number -> (its published text read, the cell)
NUMERIC = re.compile(r"-?[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|-?[0-9]+(?:\.[0-9]+)?")


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

    def record(self, indicator: str, period: str) -> Record:
        """The value as values.csv's row for ``indicator`` in ``period``."""
        return {
            "id": indicator,
            "period": period,
            "value": "" if self.value is None else number_text(self.value),
            "status": str(self.status),
            "count": "" if self.count is None else str(self.count),
            "raw": self.raw,
            "numerator": self.numerator,
            "denominator": self.denominator,
        }


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
    return quarter_end(cell.period) if frequency == Frequency.QUARTERLY else cell.period


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


def read_cells(row: Row, problem: ProblemAt) -> Parsed:
    """Each period cell read (None where only a numerator and denominator give the value)."""
    parsed: Parsed = {}
    for n, cell in enumerate(row.cells):
        if cell.text.strip() and cell.status.strip():
            problem(cell.where, cell.text, f"a value and a status ('{cell.status}'); expected one of the two")
            continue
        try:
            published = parse_cell(cell.text or cell.status)
        except CellError as error:
            problem(cell.where, cell.text or cell.status, str(error))
            continue
        bad = [
            (name, text)
            for name, text in (("numerator", cell.numerator), ("denominator", cell.denominator))
            if text and not NUMERIC.fullmatch(text.strip())
        ]
        if bad:
            name, text = bad[0]
            problem(
                Where(cell.where.file, cell.where.line, name),
                text,
                "not a number; expected a whole number such as 13, or blank",
            )
            continue
        if published is None and not (cell.numerator or cell.denominator):
            continue
        parsed[n] = (published, cell)
    return parsed


def period_values(
    row: Row, parsed: Parsed, frequency: str, unit: str, known: bool, problem: ProblemAt
) -> tuple[dict[str, PeriodValue], list[str], list[str]]:
    """The row's figures by the month each is filed under, with the report's lines for the values
    computed from a numerator and denominator and for those moved to their quarter end. ``known``:
    the indicator is in the catalogue already, so its unit is checked against each cell's."""
    cells: dict[str, PeriodValue] = {}
    computed: list[str] = []
    moved: list[str] = []
    for published, cell in parsed.values():
        text = cell.text or cell.status
        value = None if published is None else published.value
        if published is not None:
            if value is not None and value < 0:
                problem(cell.where, text, "negative; expected 0 or more")
            if published.mark == "%" and value is not None and value > 100:
                problem(cell.where, text, "percent above 100; expected 0% to 100%")
            if published.count is not None and published.count < 0:
                problem(cell.where, text, "negative count in brackets; expected 0 or more")
            if known and (clash := unit_clash(published.mark, unit)):
                problem(cell.where, text, f"ID {row.id}: {clash}")
        numerator, denominator = cell.numerator.strip(), cell.denominator.strip()
        if numerator or denominator:
            top = numerator.replace(",", "")
            bottom = denominator.replace(",", "")
            wrong = ratio_problem(
                top, bottom, math.nan if value is None else value, unit, published_decimals(published)
            )
            if wrong:
                column = {"value": cell.where.column}.get(wrong[0], wrong[0])
                shown = (
                    text
                    if wrong[0] == "value"
                    else {"numerator": numerator, "denominator": denominator}[wrong[0]]
                )
                problem(Where(cell.where.file, cell.where.line, column), shown, wrong[1])
                continue
            if published is None:
                value = ratio(float(top), float(bottom), unit)
                computed.append(f"ID {row.id} {cell.period}: {numerator} of {denominator}")
        status = Status.NONE if published is None else published.status
        landing = landing_period(cell, frequency) if status is Status.NONE else cell.period
        if landing in cells:
            problem(
                cell.where,
                text,
                f"collides with '{cells[landing].raw or cells[landing].value}' on {landing}: a quarterly "
                "indicator's numbers land on the quarter-end month; expected one value per quarter",
            )
            continue
        if landing != cell.period:
            moved.append(f"ID {row.id}: {cell.label} -> {landing}")
        cells[landing] = PeriodValue(
            value,
            status,
            None if published is None else published.count,
            text if published is not None else "",
            plain_number(numerator),
            plain_number(denominator),
            0 if published is None else published.decimals,
        )
    return cells, computed, moved
