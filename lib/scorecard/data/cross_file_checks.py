"""The checks that need two files at once: ids across files, units, quarter ends, published text."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Mapping
from typing import Any

import pandas as pd

from scorecard.bands import band_direction, band_problems
from scorecard.cells import ARROWS, Cell, CellError, parse_cell, unit_clash
from scorecard.fields import BENCHMARKS
from scorecard.model import Basis, Frequency, Polarity, Settings, Status, Unit
from scorecard.periods import PERIOD, quarter_end
from scorecard.problems import Problem
from scorecard.targets import TargetError, TargetKind, parse_target, polarity_conflict

NUMBER = r"-?[0-9]{1,12}(\.[0-9]+)?"  # at most 12 digits before the point (targets.MAX_DIGITS)
FIRST_PERIOD = "2000-01"
POSSIBLE = f"expected a month from {FIRST_PERIOD} up to this month (a month in the future has no data yet)"


def this_month() -> str:
    """The current month "YYYY-MM": data cannot be published for a later one."""
    return dt.date.today().strftime("%Y-%m")


def catalogue_rules(catalogue: pd.DataFrame, file: str, settings: Settings | None = None) -> list[Problem]:
    """The catalogue's own cross-column rules. An indicator with no rows in values.csv is not one of
    them: an indicator is added when it is agreed, before its first figure (the pack says "no values
    yet")."""
    problems = []
    quarterly_pack = settings is not None and settings.frequency == Frequency.QUARTERLY
    for row, item in zip(catalogue.index, catalogue.to_dict("records"), strict=True):  # row: the file's line
        problems += [Problem(file, row, column, value, message) for column, value, message in row_rules(item)]
        if item["basis"] == Basis.QUARTERLY and item["frequency"] not in ("", Frequency.QUARTERLY):
            message = "a quarterly basis is the quarter's own figure; expected frequency quarterly"
            problems.append(Problem(file, row, "frequency", item["frequency"], message))
        if quarterly_pack and item["frequency"] == Frequency.MONTHLY:
            message = (
                "a monthly indicator in a quarterly pack (settings.yaml frequency: quarterly); expected "
                "quarterly or annual, or frequency: monthly in settings.yaml"
            )
            problems.append(Problem(file, row, "frequency", item["frequency"], message))
    return problems


def row_rules(item: Mapping[Any, str]) -> list[tuple[str, str, str]]:
    """(column, value, message) for each rule one catalogue row breaks: polarity against target and
    bands, bands at the published decimals, a relative target's benchmark figure."""
    found: list[tuple[str, str, str]] = []
    try:
        target = parse_target(item["target"])
    except TargetError:
        return found  # reported by the schema
    conflict = polarity_conflict(target, item["polarity"])
    bands = {colour: item[colour] for colour in ("green", "amber", "red")}
    banded = any(bands.values())
    if conflict and not banded:
        found.append(("polarity", item["polarity"], conflict))
    if target.kind is TargetKind.RELATIVE and not parse_figure(item[target.benchmark]):
        name = BENCHMARKS[target.benchmark]
        message = (
            f"target '{item['target']}' is relative to the {name} figure, but {target.benchmark} is "
            f"blank; expected the {name} figure in {target.benchmark}"
        )
        found.append(("target", item["target"], message))
    if banded and item["decimals"].isdigit():
        try:
            wrong = band_problems(bands, int(item["decimals"]), item["unit"])
        except TargetError:
            return found  # an unreadable band: reported by the schema
        found += [("green", item["green"], message) for message in wrong]
        if not wrong:
            found += _band_polarity(item, band_direction(bands, int(item["decimals"])))
    return found


def _band_polarity(item: Mapping[Any, str], direction: str) -> list[tuple[str, str, str]]:
    """Bands must say the same as the polarity about which way is good."""
    expected = {"higher": Polarity.HIGHER, "lower": Polarity.LOWER, "band": Polarity.BAND}[direction]
    if item["polarity"] == expected:
        return []
    where = {"higher": "at the top", "lower": "at the bottom", "band": "in the middle"}[direction]
    message = f"the bands put green {where}, so {expected.value}; expected polarity {expected.value}"
    return [("polarity", item["polarity"], message)]


def parse_figure(text: str) -> bool:
    """Whether a published benchmark cell holds a number (``19%``, ``38r``), not N/A or blank."""
    try:
        cell = parse_cell(text)
    except CellError:
        return False
    return cell is not None and cell.value is not None


def value_rules(
    catalogue: pd.DataFrame, values: pd.DataFrame, file: str, settings: Settings | None = None
) -> list[Problem]:
    """Vectorised: a 1,000-indicator, 60-month file has 60,000 rows and is checked on every render."""
    ids, periods, text = values["id"], values["period"], values["value"]
    number = pd.to_numeric(text.where(text.str.fullmatch(NUMBER)), errors="coerce")
    unit = ids.map(dict(zip(catalogue["id"], catalogue["unit"], strict=False)))
    frequency = ids.map(dict(zip(catalogue["id"], catalogue["frequency"], strict=False)))
    quarterly_pack = settings is not None and settings.frequency == Frequency.QUARTERLY
    month = pd.to_numeric(periods.where(periods.str.fullmatch(PERIOD)).str[5:], errors="coerce")
    quarter_month = (month - 1) // 3 * 3 + 3
    valid_periods = periods.where(month.notna(), "")
    mark = _marks(values)
    row_numbers = pd.Series(values.index, index=values.index)
    first = row_numbers.groupby([ids, periods]).transform("first")
    rules: list[tuple[pd.Series, str, Callable[[int], str]]] = [
        (
            first != row_numbers,
            "period",
            lambda r: (
                f"duplicate: id {ids[r]} already has {periods[r]} on row "
                f"{first[r]}; expected one row per id and period"
            ),
        ),
        (
            ~ids.isin(set(catalogue["id"])),
            "id",
            lambda r: (
                "id not in catalogue.csv; expected an indicator "
                "listed there (add it to the catalogue or correct the id)"
            ),
        ),
        (
            (text != "") == (values["status"] != ""),
            "value",
            lambda r: "expected either a number in value or a status, exactly one of the two",
        ),
        (
            (valid_periods != "") & ((valid_periods < FIRST_PERIOD) | (valid_periods > this_month())),
            "period",
            lambda r: f"impossible period; {POSSIBLE}",
        ),
        (number < 0, "value", lambda r: "negative; expected 0 or more"),
        ((unit == Unit.PERCENT) & (number > 100), "value", lambda r: "percent above 100; expected 0 to 100"),
        (
            (frequency == Frequency.QUARTERLY) & number.notna() & (month != quarter_month),
            "period",
            lambda r: f"quarterly indicator off its quarter end; expected {quarter_end(periods[r])}",
        ),
        (
            (frequency != Frequency.QUARTERLY) & quarterly_pack & (month != quarter_month),
            "period",
            lambda r: (
                f"a quarterly pack files every figure under a quarter's end month; expected "
                f"{quarter_end(periods[r])}"
            ),
        ),
        (
            unit.notna() & (((mark == "%") & (unit != Unit.PERCENT)) | ((mark == "r") & (unit != Unit.RATE))),
            "raw",
            lambda r: unit_clash(mark[r], unit[r]),
        ),
        (
            _raw_disagrees(values, number),
            "raw",
            lambda r: (
                f"published text disagrees with value '{text[r]}', "
                f"status '{values['status'][r]}' and count '{values['count'][r]}'; expected them to match "
                "(clear raw after editing a value)"
            ),
        ),
    ]
    problems = [
        Problem(file, row, column, str(values.at[row, column]), message(row))
        for mask, column, message in rules
        for row in values.index[mask.fillna(False).to_numpy(bool)]
    ]
    given = (values["numerator"] != "") | (values["denominator"] != "")
    for row in values.index[given.to_numpy(bool)]:
        places = len(text[row].partition(".")[2])  # the value agrees at the decimals it is written to
        problem = ratio_problem(
            values["numerator"].loc[row], values["denominator"].loc[row], number[row], unit[row], places
        )
        if problem:
            problems.append(Problem(file, row, problem[0], str(values.at[row, problem[0]]), problem[1]))
    return sorted(problems, key=lambda problem: problem.row)


RATIO: dict[str, float] = {Unit.PERCENT: 100.0, Unit.RATE: 10_000.0, Unit.AVERAGE: 1.0, Unit.DAYS: 1.0}


def ratio(numerator: float, denominator: float, unit: str) -> float | None:
    """The value a numerator and denominator give in the indicator's unit (a percent in points, a rate
    per 10,000, an average); None for a count, which has neither."""
    factor = RATIO.get(unit)
    return None if factor is None or denominator == 0 else factor * numerator / denominator


def ratio_problem(
    numerator: str, denominator: str, value: float, unit: str | float, decimals: int
) -> tuple[str, str] | None:
    """(column, message) when a value's numerator and denominator are wrong, or disagree with it.

    Both or neither; a denominator above 0; for a percent a numerator no larger than its denominator;
    and the value, at its published decimals, equal to what they give (``38.5`` from 5 of 13).
    ``value`` NaN: the value is blank (a status instead), and only the first rules apply.
    """
    if not isinstance(unit, str):
        return None  # an unknown id: reported on its own
    if not numerator or not denominator:
        blank = "numerator" if not numerator else "denominator"
        return blank, "a numerator needs its denominator; expected both, or neither"
    try:
        top, bottom = float(numerator), float(denominator)
    except ValueError:
        return None  # not a number: reported by the schema
    if RATIO.get(unit) is None:
        return "numerator", f"a {unit} has no numerator and denominator; expected them blank"
    if bottom <= 0:
        return "denominator", "a denominator of 0 or less; expected the number the value is out of"
    if unit == Unit.PERCENT and top > bottom:
        return (
            "numerator",
            f"numerator {numerator} above its denominator {denominator}; a percentage is of its whole",
        )
    expected = ratio(top, bottom, unit)
    if (
        expected is not None
        and not math.isnan(value)
        and abs(round(expected, decimals) - value) > 0.5 * 10**-decimals + 1e-9
    ):
        shown = f"{expected:.{decimals}f}"
        return (
            "value",
            f"disagrees with {numerator} of {denominator}, which give {shown}; expected them to agree",
        )
    return None


def _raw_disagrees(values: pd.DataFrame, number: pd.Series) -> pd.Series:
    """The published text, where kept, must say what value/status/count say (else one was edited)."""
    parsed = {raw: _cell_or_none(raw) for raw in values["raw"].unique()}  # raw texts repeat a lot
    cells = values["raw"].map(parsed)
    count = pd.to_numeric(values["count"].where(values["count"].str.fullmatch(r"[0-9]+")), errors="coerce")
    checkable = (
        cells.notna()
        & (number.notna() | (values["value"] == ""))
        & values["status"].isin(set(Status))
        & values["count"].str.fullmatch(r"[0-9]*")
    )
    raw_value = cells.map(lambda c: c.value if c else None).astype(float)
    raw_count = cells.map(lambda c: c.count if c else None).astype(float)
    raw_status = cells.map(lambda c: str(c.status) if c else "")
    same_value = (raw_value == number) | (raw_value.isna() & number.isna())
    same_count = (raw_count == count) | (raw_count.isna() & count.isna())
    return checkable & ~(same_value & same_count & (raw_status == values["status"]))


def _marks(values: pd.DataFrame) -> pd.Series:
    """The unit mark of each published text: "%", "r" or ""."""
    parsed = {raw: _cell_or_none(raw) for raw in values["raw"].unique()}
    marks = {raw: cell.mark if cell else "" for raw, cell in parsed.items()}
    return values["raw"].map(marks)


def _cell_or_none(raw: str) -> Cell | None:
    try:
        return parse_cell(raw)
    except CellError:
        return None  # reported by the schema


def direction_rules(catalogue: pd.DataFrame, directions: pd.DataFrame, file: str) -> list[Problem]:
    """Each published arrow names a catalogue indicator and agrees with its direction word."""
    problems = []
    ids = set(catalogue["id"])
    for row, item in zip(directions.index, directions.to_dict("records"), strict=True):
        if item["id"] not in ids:
            problems.append(
                Problem(file, row, "id", item["id"], "id not in catalogue.csv; expected a catalogue id")
            )
        if item["arrow"] in ARROWS and item["direction"] != ARROWS[item["arrow"]]:
            problems.append(
                Problem(
                    file,
                    row,
                    "direction",
                    item["direction"],
                    f"arrow {item['arrow']} means '{ARROWS[item['arrow']]}'; expected that",
                )
            )
    return problems
