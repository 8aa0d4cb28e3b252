"""data/validate.py: the data files' pandera schemas, each failure one FILE:ROW:COLUMN problem, then
the checks across files (check_tables)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pandera.pandas as pa
import pytest

from scorecard.data.load import read_tables
from scorecard.data.validate import VALUES_SCHEMA, check_tables, element_check, schema_problems, text_problems
from scorecard.problems import Problem

BASE = Path(__file__).resolve().parents[1] / "bad_input" / "_base"  # the corpus's valid mini data folder


@pytest.fixture
def tables():
    settings, frames, names, _ = read_tables(BASE)
    return settings, frames, names


def _found(problems: list[Problem]) -> list[tuple[object, str, str, str]]:
    return [(p.row, p.column, p.value, p.message.split(";")[0]) for p in problems]


def test_the_mini_data_folder_passes_every_check(tables) -> None:
    settings, frames, names = tables
    assert check_tables(settings, frames, names) == []


def test_a_bad_cell_is_named_by_its_file_row_and_column(tables) -> None:
    settings, frames, names = tables
    catalogue = frames["catalogue"]
    first, second = catalogue.index[:2]
    catalogue.loc[first, "decimals"] = "seven"
    catalogue.loc[second, "section"] = "finance"
    found = _found(check_tables(settings, frames, names))
    assert (first, "decimals", "seven", "not a number of decimals") in found
    assert (second, "section", "finance", "unknown section") in found
    assert all(p.file == names["catalogue"] for p in check_tables(settings, frames, names))


def test_a_duplicate_id_is_reported_on_its_later_row_only(tables) -> None:
    settings, frames, names = tables
    catalogue = frames["catalogue"]
    copy = catalogue.iloc[[0]].set_axis([catalogue.index.max() + 1])
    frames["catalogue"] = pd.concat([catalogue, copy])
    found = _found(check_tables(settings, frames, names))
    assert (copy.index[0], "id", copy["id"].iloc[0], "duplicate id (an earlier row has it too)") in found
    assert not any(row == catalogue.index[0] and column == "id" for row, column, _, _ in found)


def test_a_value_that_is_no_plain_number_is_one_problem() -> None:
    row = {"id": "5", "period": "2025-03", "value": "1,036", "status": "", "count": "", "raw": "1,036"}
    values = pd.DataFrame([row | {"numerator": "", "denominator": ""}], index=[2])
    (problem,) = schema_problems(VALUES_SCHEMA, values, "values.csv")
    assert (problem.file, problem.row, problem.column, problem.value) == ("values.csv", 2, "value", "1,036")
    assert problem.message.startswith("not a number; expected a plain number such as 87.4 or 1036")


def test_a_missing_column_is_one_problem_on_the_header() -> None:
    values = pd.DataFrame({"id": ["5"]}, index=[2])
    found = schema_problems(VALUES_SCHEMA, values, "values.csv")
    assert {(p.row, p.message.split(";")[0]) for p in found} == {(1, "missing column")}
    assert "period" in {p.column for p in found}


def test_a_character_the_pack_cannot_show_is_one_problem_and_said_once(tables) -> None:
    settings, frames, names = tables
    row = frames["catalogue"].index[0]
    frames["catalogue"].loc[row, "title"] = "Contacts\x07"
    assert _found(text_problems(frames["catalogue"], names["catalogue"])) == [
        (row, "title", "Contacts\x07", "character U+0007 (control character)")
    ]
    problems = check_tables(settings, frames, names)
    assert [(p.row, p.column) for p in problems] == [(row, "title")]


def test_no_values_at_all_is_a_problem(tables) -> None:
    settings, frames, names = tables
    frames["values"] = frames["values"].iloc[0:0]
    found = _found(check_tables(settings, frames, names))
    assert (2, "-", "", "no values at all") in found


def test_an_element_check_parses_each_distinct_text_once() -> None:
    seen: list[str] = []

    def parse(text: str) -> None:
        seen.append(text)
        if text == "bad":
            raise ValueError(text)

    schema = pa.DataFrameSchema({"x": pa.Column(str, [element_check(parse, ValueError, "unreadable x")])})
    frame = pd.DataFrame({"x": ["ok", "bad", "ok", "ok", "bad"]}, index=[2, 3, 4, 5, 6])
    found = schema_problems(schema, frame, "x.csv")
    assert [(p.row, p.value) for p in found] == [(3, "bad"), (6, "bad")]
    assert {p.message for p in found} == {"unreadable x"}
    assert sorted(seen) == ["bad", "ok"]
