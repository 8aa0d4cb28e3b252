"""The checks that need two files at once: ids across files, units, quarter ends, published text."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pandas as pd

from scorecard.data.new_indicator import quarter_end
from scorecard.data.published_cells import Cell, CellError, parse_cell, unit_clash
from scorecard.model import Basis, Polarity, Status, Unit
from scorecard.problems import Problem
from scorecard.targets import TargetError, TargetKind, parse_target

ARROWS = {"▲": "up", "▼": "down", "◀ ▶": "same"}
PERIOD = r"[0-9]{4}-(0[1-9]|1[0-2])"  # ASCII digits: \d would take Arabic-Indic or fullwidth ones too
NUMBER = r"-?[0-9]{1,12}(\.[0-9]+)?"  # at most 12 digits before the point (bounds.MAX_DIGITS)
FIRST_PERIOD = "2000-01"
POSSIBLE = f"expected a month from {FIRST_PERIOD} up to this month (a month in the future has no data yet)"


def this_month() -> str:
    """The current month "YYYY-MM": data cannot be published for a later one."""
    return dt.date.today().strftime("%Y-%m")


def catalogue_rules(catalogue: pd.DataFrame, file: str) -> list[Problem]:
    """The catalogue's own cross-column rules. An indicator with no rows in values.csv is not one of
    them: an indicator is added when it is agreed, before its first figure (the pack says "no values
    yet")."""
    problems = []
    for row, item in catalogue.iterrows():
        try:
            kind = parse_target(item["target"]).kind
        except TargetError:
            continue  # reported by the schema
        conflict = _polarity_conflict(item["polarity"], kind, item["target"])
        if conflict:
            problems.append(Problem(file, row, "polarity", item["polarity"], conflict))
    return problems


def _polarity_conflict(polarity: str, kind: TargetKind, target: str) -> str:
    """What is wrong when the published target contradicts the judged polarity; "" when it agrees."""
    if polarity == Polarity.BAND and kind is not TargetKind.RANGE:
        return f"within_band needs a range target such as 105-135, but the target is '{target}'"
    if polarity == Polarity.HIGHER and kind is TargetKind.BELOW:
        return f"target '{target}' means lower is better; expected lower_is_better"
    if polarity == Polarity.LOWER and kind is TargetKind.AT_LEAST:
        return f"target '{target}' means higher is better; expected higher_is_better"
    return ""


def value_rules(catalogue: pd.DataFrame, values: pd.DataFrame, file: str) -> list[Problem]:
    """Vectorised: a 1,000-indicator, 60-month file has 60,000 rows and is checked on every render."""
    ids, periods, text = values["id"], values["period"], values["value"]
    number = pd.to_numeric(text.where(text.str.fullmatch(NUMBER)), errors="coerce")
    unit = ids.map(dict(zip(catalogue["id"], catalogue["unit"], strict=False)))
    basis = ids.map(dict(zip(catalogue["id"], catalogue["basis"], strict=False)))
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
            (basis == Basis.QUARTERLY) & number.notna() & (month != quarter_month),
            "period",
            lambda r: f"quarterly indicator off its quarter end; expected {quarter_end(periods[r])}",
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
    return sorted(problems, key=lambda problem: problem.row)


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
    problems = []
    ids = set(catalogue["id"])
    for row, item in directions.iterrows():
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
