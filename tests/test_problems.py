"""A problem is always one line: file, row, column, value and what was expected."""

from scorecard.cli import main
from scorecard.problems import DataError, Problem


def test_problem_reads_file_row_column_value_and_message() -> None:
    problem = Problem("data/values.csv", 7, "value", "12..5", "expected a number like 87.4")
    assert str(problem) == "data/values.csv:7:value: value '12..5' - expected a number like 87.4"


def test_a_value_with_line_breaks_stays_on_one_line() -> None:
    text = str(Problem("in.csv", 3, "Apr-24", "10\n90\r\t", "expected one number"))
    assert "\n" not in text and "\r" not in text and "\t" not in text
    assert "10\\n90\\r\\t" in text


def test_unreadable_output_folder_is_one_problem_line_and_exit_2(tmp_path, capsys) -> None:
    missing = tmp_path / "no-such-folder" / "out.csv"
    code = main(["export", "--out", str(missing)])
    err = capsys.readouterr().err
    assert code == 2
    assert "Traceback" not in err
    assert err.strip().splitlines()[0].count(":") >= 3


def test_in_a_notebook_cell_a_data_error_shows_its_lines_and_no_traceback(capsys) -> None:
    # What `quarto render` prints when the validation cell finds a problem: IPython's own display.
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    shell.user_ns["DataError"], shell.user_ns["Problem"] = DataError, Problem
    shell.run_cell('raise DataError([Problem("data/values.csv", 2, "value", "12x", "not a number")])')
    shown = capsys.readouterr().out.splitlines()
    assert shown == [
        "data/values.csv:2:value: value '12x' - not a number",
        "1 problem(s); nothing was rendered",
    ]
