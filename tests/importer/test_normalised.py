"""importer/normalised.py: the one form every layout reader gives and the merge takes."""

from __future__ import annotations

import dataclasses

import pytest

from scorecard.data.importer.normalised import Field, PeriodCell, Row, Sheet, Where


def _row(**fields: Field) -> Row:
    where = Where("book.xlsx", 7, "ID")
    cell = PeriodCell("2025-03", "Mar-25", "12", Where("book.xlsx", 7, "Mar-25"))
    return Row("5", "Contacts", "Early Help", where, 3, (cell,), dict(fields))


def test_a_row_and_its_cells_are_values_that_know_where_they_came_from() -> None:
    row = _row(target=Field("90%", Where("book.xlsx", 7, "Target"), "2024/25"))
    assert row.cells[0].where == Where("book.xlsx", 7, "Mar-25")
    assert row.fields["target"].year == "2024/25"
    assert (row.note, row.scope, row.cells[0].numerator, row.cells[0].status) == ("", "", "", "")
    with pytest.raises(dataclasses.FrozenInstanceError):
        row.id = "6"  # type: ignore[misc]
    assert hash(row.where) == hash(Where("book.xlsx", 7, "ID"))  # a place is a key (one problem a header)


def test_a_file_without_a_column_has_no_field_for_it() -> None:
    # so a file without an England column never blanks the catalogue's England figure
    assert "england" not in _row().fields
    assert _row().fields is not _row().fields


def test_each_sheet_starts_empty_and_keeps_its_own_lists() -> None:
    first, second = Sheet("a.txt"), Sheet("b.txt")
    first.rows.append(_row())
    first.periods.append("2025-03")
    assert (second.rows, second.periods, second.problems) == ([], [], [])
    assert (first.frequency, first.layout, first.blank_cells, first.headings) == ("", "", 0, 0)
