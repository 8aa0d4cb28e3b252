"""importer/period_values.py: a row's period cells read, checked and filed under their month."""

from __future__ import annotations

import pytest

from scorecard.data.importer.normalised import PeriodCell, Row, Where
from scorecard.data.importer.period_values import (
    PeriodValue,
    landing_period,
    meaning,
    number_text,
    period_values,
    plain_number,
    read_cells,
    same_figure,
)
from scorecard.model import Frequency, Status
from scorecard.problems import Problem


def _cell(period: str, text: str, numerator: str = "", denominator: str = "", status: str = "") -> PeriodCell:
    label = f"{period}-label"
    return PeriodCell(period, label, text, Where("file.txt", 4, label), numerator, denominator, status)


def _read(*cells: PeriodCell, frequency: str = Frequency.MONTHLY, unit: str = "count", known: bool = False):
    problems: list[Problem] = []

    def problem(where: Where, value: str, message: str) -> None:
        problems.append(Problem(where.file, where.line, where.column, value, message))

    row = Row("7", "Title", "", Where("file.txt", 4, "ID"), 1, cells)
    figures, computed, moved = period_values(row, read_cells(row, problem), frequency, unit, known, problem)
    return figures, computed, moved, problems


def test_each_figure_is_filed_under_its_month() -> None:
    figures, computed, moved, problems = _read(_cell("2025-02", "1,036"), _cell("2025-03", ""))
    assert problems == [] and computed == [] and moved == []
    assert list(figures) == ["2025-02"]  # a blank cell is no figure
    figure = figures["2025-02"]
    assert (figure.value, figure.status, figure.raw, figure.decimals) == (1036.0, Status.NONE, "1,036", 0)


def test_a_value_and_a_status_in_one_cell_is_a_problem() -> None:
    *_, problems = _read(_cell("2025-03", "12", status="no_return"))
    assert [(p.column, p.message) for p in problems] == [
        ("2025-03-label", "a value and a status ('no_return'); expected one of the two")
    ]


def test_an_unreadable_cell_and_a_numerator_that_is_no_number_are_problems() -> None:
    *_, problems = _read(_cell("2025-02", "twelve"), _cell("2025-03", "50%", "five", "10"))
    assert [p.column for p in problems] == ["2025-02-label", "numerator"]
    assert problems[1].message == "not a number; expected a whole number such as 13, or blank"


@pytest.mark.parametrize(
    ("text", "unit", "message"),
    [
        ("-3", "count", "negative; expected 0 or more"),
        ("104%", "percent", "percent above 100; expected 0% to 100%"),
    ],
)
def test_a_figure_no_measure_can_take_is_a_problem(text: str, unit: str, message: str) -> None:
    *_, problems = _read(_cell("2025-03", text), unit=unit)
    assert [p.message for p in problems] == [message]


def test_a_known_indicator_s_cell_in_another_unit_is_a_problem() -> None:
    *_, problems = _read(_cell("2025-03", "45%"), unit="count", known=True)
    assert len(problems) == 1 and problems[0].message.startswith("ID 7: ")
    assert _read(_cell("2025-03", "45%"), unit="count", known=False)[3] == []  # a new one has no unit yet


def test_a_value_from_its_numerator_and_denominator_alone_is_computed_and_reported() -> None:
    figures, computed, _, problems = _read(_cell("2025-03", "", "5", "8"), unit="percent")
    assert problems == []
    assert figures["2025-03"].value == pytest.approx(62.5)
    assert (figures["2025-03"].numerator, figures["2025-03"].denominator) == ("5", "8")
    assert computed == ["ID 7 2025-03: 5 of 8"]


def test_a_value_that_disagrees_with_its_numerator_and_denominator_is_a_problem() -> None:
    figures, _, _, problems = _read(_cell("2025-03", "70%", "5", "8"), unit="percent")
    assert figures == {}
    assert len(problems) == 1 and problems[0].value in ("70%", "5", "8")


def test_a_quarterly_figure_lands_on_its_quarter_end_and_two_in_one_quarter_collide() -> None:
    figures, _, moved, problems = _read(_cell("2024-08", "12"), frequency=Frequency.QUARTERLY)
    assert list(figures) == ["2024-09"] and moved == ["ID 7: 2024-08-label -> 2024-09"]
    assert problems == []
    _, _, _, problems = _read(_cell("2024-07", "12"), _cell("2024-08", "13"), frequency=Frequency.QUARTERLY)
    assert len(problems) == 1 and problems[0].message.startswith("collides with '12' on 2024-09")


def test_landing_period() -> None:
    assert landing_period(_cell("2024-08", "1"), Frequency.QUARTERLY) == "2024-09"
    assert landing_period(_cell("2024-08", "1"), Frequency.MONTHLY) == "2024-08"


def test_numbers_as_values_csv_writes_them() -> None:
    assert number_text(1036.0) == "1036"
    assert number_text(0.1 + 0.2) == "0.3"
    assert plain_number("1,036") == "1036" and plain_number("") == ""


def test_a_figure_as_its_values_csv_row() -> None:
    figure = PeriodValue(62.5, Status.NONE, 4, "62.5% (4)", "5", "8", 1)
    assert figure.record("7", "2025-03") == {
        "id": "7",
        "period": "2025-03",
        "value": "62.5",
        "status": "",
        "count": "4",
        "raw": "62.5% (4)",
        "numerator": "5",
        "denominator": "8",
    }


def test_the_same_figure_written_again_is_no_change() -> None:
    held = {"value": "62.5", "status": "", "count": "", "numerator": "5", "denominator": "8"}
    again = PeriodValue(62.5, Status.NONE, None, "62.5%", "", "", 1)  # a layout with no such columns
    assert same_figure(held, again)
    assert not same_figure(held, PeriodValue(62.6, Status.NONE, None, "62.6%", "", "", 1))
    assert meaning({**held, "value": "62.50"}) == meaning(held)
    assert meaning({**held, "value": "63"}) != meaning(held)
