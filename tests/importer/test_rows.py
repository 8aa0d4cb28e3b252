"""importer/rows.py: a file (.txt/.tsv tab, .csv comma, .xlsx) read into numbered rows of text cells."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from scorecard.data.importer.rows import read_rows
from scorecard.problems import DataError

NO_SHEETS = ("-", "--sheet", "only a workbook has sheets; expected an .xlsx file, or no --sheet")


def _problem(error: pytest.ExceptionInfo[DataError]) -> tuple[object, str, str]:
    (problem,) = error.value.problems
    return problem.row, problem.column, problem.message


def test_a_text_file_s_rows_keep_their_line_numbers(tmp_path: Path) -> None:
    path = tmp_path / "book.txt"
    path.write_text("ID\tTitle\n\n5\tContacts\n", encoding="utf-8")
    rows, notices = read_rows(path)
    assert rows == [(1, ["ID", "Title"]), (2, []), (3, ["5", "Contacts"])] and notices == []


def test_a_csv_is_read_with_commas_and_a_guarded_formula_back_as_written(tmp_path: Path) -> None:
    path = tmp_path / "book.csv"
    path.write_text('ID,Note\n5,"\'=SUM(A1)"\n', encoding="utf-8")
    rows, _ = read_rows(path)
    assert rows[1] == (2, ["5", "=SUM(A1)"])


def test_a_windows_1252_file_is_read_and_said_so(tmp_path: Path) -> None:
    path = tmp_path / "book.txt"
    path.write_bytes("ID\tTitle\n5\tCare leavers – aged 19\n".encode("cp1252"))
    rows, notices = read_rows(path)
    assert rows[1][1][1] == "Care leavers – aged 19"
    assert len(notices) == 1 and notices[0].startswith("book.txt: ")


@pytest.mark.parametrize(
    ("name", "sheet", "expected"),
    [
        ("book.pdf", None, (1, "-", "unknown file type; expected .txt, .tsv, .csv, .xlsx")),
        ("book.csv", "April", NO_SHEETS),
    ],
)
def test_what_cannot_be_read_is_one_problem(tmp_path: Path, name: str, sheet: str | None, expected) -> None:
    path = tmp_path / name
    path.write_text("ID\n", encoding="utf-8")
    with pytest.raises(DataError) as error:
        read_rows(path, sheet)
    assert _problem(error) == expected


def _book(path: Path, hidden: bool = False) -> Path:
    book = openpyxl.Workbook()
    first = book.active
    first.title = "Notes"
    first["A1"] = "read me first"
    if hidden:
        first.sheet_state = "hidden"
    sheet = book.create_sheet("Scorecard")
    sheet.append(["ID", dt.datetime(2024, 4, 1), "Share", "Count", "Rate"])
    sheet.append(["5", 1083, 0.873, 1036.0, 12.34])
    sheet["C2"].number_format = "0.0%"
    sheet["E2"].number_format = "#,##0.0"
    book.save(path)
    return path


def test_a_workbook_s_first_visible_sheet_is_read_as_excel_shows_it(tmp_path: Path) -> None:
    rows, notices = read_rows(_book(tmp_path / "book.xlsx", hidden=True))
    assert rows == [
        (1, ["ID", "Apr-24", "Share", "Count", "Rate"]),  # a date header as its month
        (2, ["5", "1083", "87.3%", "1036", "12.3"]),  # numbers as their format shows them
    ]
    assert notices == ["book.xlsx: read sheet 'Scorecard'; other sheets ignored: 'Notes' (hidden)"]


def test_a_named_sheet_is_read_whatever_its_case_and_a_hidden_one_says_so(tmp_path: Path) -> None:
    path = _book(tmp_path / "book.xlsx", hidden=True)
    rows, notices = read_rows(path, "notes")
    assert rows == [(1, ["read me first"])]
    assert notices[0].startswith("book.xlsx: read sheet 'Notes' (a hidden sheet, read because --sheet")
    with pytest.raises(DataError) as error:
        read_rows(path, "April")
    expected = "no such sheet in the workbook; expected one of: 'Notes', 'Scorecard'"
    assert _problem(error) == ("-", "--sheet", expected)


def test_a_formula_with_no_saved_result_is_a_problem_not_a_blank(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.append(["ID", "Apr-24"])
    book.active.append(["5", "=1+1"])  # openpyxl saves the formula and no result, as some tools do
    book.save(tmp_path / "book.xlsx")
    with pytest.raises(DataError) as error:
        read_rows(tmp_path / "book.xlsx")
    row, column, message = _problem(error)
    assert (row, column) == (2, "B") and message.startswith("formula with no saved result")
