"""importer/layouts/sectioned.py: the seed's sectioned wide layout (section headers, indicator rows aligned to
their months, narrative) read into the normalised rows."""

from __future__ import annotations

import pytest

from scorecard.data import cross_file_checks
from scorecard.data.importer.layouts.sectioned import parse_sheet

HEADER = ["ID", "Early Help - All of CYPFS", "Apr-24", "May-24", "Target", "SN av", "Direction of travel"]


def _sheet(*rows: list[str]):
    return parse_sheet("seed.txt", list(enumerate(rows, start=1)))


def test_a_section_its_rows_and_the_lines_around_them() -> None:
    sheet = _sheet(
        ["Key: green is on target"],
        HEADER,
        ["5", "Contacts", "1,000", "1,083", "Monitor", "N/A", "▲"],
        ["8a", "Assessments on time", "71%", "74%", "90%", "85%", "▲"],
        [""],
        ["Narrative:"],
        ["Contacts rose in May."],
    )
    assert sheet.problems == []
    assert (sheet.layout, sheet.frequency, sheet.periods) == ("sectioned", "monthly", ["2024-04", "2024-05"])
    assert (sheet.preamble_lines, sheet.narrative_lines) == (1, 1)
    five, eight = sheet.rows
    assert (five.id, five.title, five.section, five.scope, five.header_line) == (
        "5",
        "Contacts",
        "Early Help",
        "All of CYPFS",
        2,
    )
    assert [(c.period, c.label, c.text) for c in five.cells] == [
        ("2024-04", "Apr-24", "1,000"),
        ("2024-05", "May-24", "1,083"),
    ]
    assert {name: field.text for name, field in eight.fields.items()} == {
        "target": "90%",
        "sn_average": "85%",
        "published_direction": "▲",
    }
    assert eight.cells[1].where.line == 4 and eight.cells[1].where.column == "May-24"


def test_a_leading_note_shifts_a_row_and_is_kept_as_its_note() -> None:
    note = "Process commenced in quarter 2"
    sheet = _sheet(HEADER, ["35e", "Visits", note, "3", "4", "Monitor", "N/A", ""])
    (row,) = sheet.rows
    assert row.note == "Process commenced in quarter 2"
    assert [c.text for c in row.cells] == ["3", "4"] and row.fields["target"].text == "Monitor"


def test_trailing_empty_cells_are_dropped_and_a_stray_cell_before_the_months_is_a_problem() -> None:
    padded = _sheet(HEADER, ["5", "Contacts", "1", "2", "Monitor", "N/A", "▲", "", ""])
    assert padded.problems == [] and [c.text for c in padded.rows[0].cells] == ["1", "2"]
    extra = _sheet(HEADER, ["5", "Contacts", "9", "1", "2", "Monitor", "N/A", "▲"])
    (problem,) = extra.problems
    assert (problem.column, problem.value) == ("(before the first month)", "9")


@pytest.mark.parametrize(
    ("rows", "line", "message"),
    [
        ([["5", "Contacts", "1", "2"]], 1, "indicator row before any section header"),
        ([HEADER, ["Narrative:"], ["5", "Contacts", "1", "2"]], 3, "indicator row inside a narrative"),
        ([HEADER, ["Total", "x"]], 2, "not an indicator row"),
        ([HEADER, ["5", ""]], 2, "indicator has no title"),
        ([["just a note"]], 1, "no section header found"),
    ],
)
def test_a_line_out_of_place_is_one_problem(rows: list[list[str]], line: int, message: str) -> None:
    (problem,) = _sheet(*rows).problems
    assert problem.row == line and problem.message.startswith(message)


def test_a_broken_header_is_one_problem_and_its_rows_are_not_read() -> None:
    header = ["ID", "Early Help", "Apr-24", "May-24"]
    sheet = _sheet(header, ["5", "Contacts", "1", "2"], ["6", "Visits", "3", "4"])
    (problem,) = sheet.problems
    assert problem.message.startswith("header has no Target column")
    assert sheet.rows == []


@pytest.mark.parametrize(
    ("months", "message"),
    [
        (["Apr-24", "Apr-24"], "month repeated or out of order"),
        (["May-24", "Apr-24"], "month repeated or out of order"),
        (["Apr-24", "Spring"], "not a month; expected a month header like Apr-24"),
        (["1999-04"], "impossible month"),
    ],
)
def test_a_header_s_months_are_checked(months: list[str], message: str) -> None:
    sheet = _sheet(["ID", "Early Help", *months, "Target", "SN av", "Direction of travel"])
    assert [p.message.split(";")[0] for p in sheet.problems] == [message.split(";")[0]]


def test_a_month_still_to_come_must_be_blank(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cross_file_checks, "this_month", lambda: "2024-04")
    blank = _sheet(HEADER, ["5", "Contacts", "1", "", "Monitor", "N/A", ""])
    assert blank.problems == []
    filled = _sheet(HEADER, ["5", "Contacts", "1", "2", "Monitor", "N/A", ""])
    (problem,) = filled.problems
    assert (problem.row, problem.column) == (1, "May-24")
    assert problem.message.startswith("impossible month;") and "holds 1 cell(s)" in problem.message


def test_a_quarterly_export_s_quarter_columns_make_a_quarterly_sheet() -> None:
    sheet = _sheet(["ID", "Early Help", "Q1 2024/25", "Q2 2024/25", "Target", "SN av", "Direction of travel"])
    assert sheet.frequency == "quarterly" and sheet.periods == ["2024-06", "2024-09"]
