"""``export``: exact columns, allowed values, safe Excel, atomic writes, clear problems."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pytest
from _cli import run_scorecard
from _small_data import INDICATORS, PERIODS, make_data
from openpyxl import load_workbook

from scorecard.data import textfiles
from scorecard.data.load import load_data
from scorecard.export import export
from scorecard.problems import DataError
from scorecard.project import Project
from scorecard.rules.export_table import DETAIL_COLUMNS
from scorecard.rules.export_table import EXPORT_COLUMNS as COLUMNS

ALLOWED = {
    "rag": {"green", "amber", "red", "none"},
    "direction": {"up", "down", "same", "none"},
    "trend": {"improving", "declining", "no_change", "not_applicable"},
    "variation": {
        "common_cause",
        "improvement",
        "concern",
        "neutral_high",
        "neutral_low",
        "too_few_points",
        "none",
    },
    "assurance": {"pass", "fail", "inconsistent", "none"},
    "spc_limits": {"full", "trial", "none"},
    "spc_rules": {"mdc-2023"},
    "exception": {"True", "False"},
}
DETAIL_ALLOWED = {
    "special_cause": {"", "outside_limits", "trend", "two_of_three", "run"},
    "point_type": {"common_cause", "improvement", "concern", "neutral_high", "neutral_low"},
    "limits": {"full", "trial", "none"},
    "spc_rules": {"mdc-2023"},
    "in_baseline": {"True", "False"},
}


ROOT = Path(__file__).resolve().parent.parent


def read_csv(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def assert_allowed(frame: pd.DataFrame, allowed: dict[str, set[str]]) -> None:
    for column, values in allowed.items():
        assert set(frame[column]) <= values, column


def test_csv_default(tmp_path):
    out = tmp_path / "scorecard.csv"
    export(make_data(), out)
    frame = read_csv(out)
    assert (
        list(frame.columns)
        == COLUMNS
        == [
            "id",
            "section",
            "title",
            "period",
            "value",
            "status",
            "target",
            "sn_average",
            "rag",
            "direction",
            "trend",
            "variation",
            "assurance",
            "spc_limits",
            "spc_rules",
            "frequency",
            "value_period",
            "numerator",
            "denominator",
            "small_base",
            "sn_average_year",
            "england",
            "england_year",
            "region",
            "region_year",
            "top_quartile",
            "top_quartile_year",
            "previous_year",
            "previous_year_period",
            "rating_rule",
            "lead",
            "dfe_measure",
            "dfe_year",
            "dfe_own",
            "dfe_england",
            "dfe_region",
            "dfe_region_name",
            "dfe_neighbour_average",
            "dfe_neighbours_with_figure",
            "dfe_neighbours",
            "dfe_rank",
            "dfe_councils_ranked",
            "dfe_band",
            "dfe_neighbour_model",
            "dfe_source",
            "exception",
            "exception_reasons",
            "commentary",
            "open_actions",
        ]
    )
    assert list(frame["id"]) == [row[0] for row in INDICATORS]
    assert set(frame["period"]) == {"2025-03"}
    assert_allowed(frame, ALLOWED)
    row = frame.set_index("id").loc["2"]
    assert (row["value"], row["rag"], row["direction"], row["trend"]) == ("99.0", "green", "up", "improving")
    nyc = frame.set_index("id").loc["3"]
    assert (nyc["value"], nyc["status"], nyc["rag"]) == ("", "not_yet_complete", "none")


def test_csv_detail(tmp_path):
    out = tmp_path / "detail.csv"
    export(make_data(), out, period="2025-02", detail=True)
    frame = read_csv(out)
    assert (
        list(frame.columns)
        == DETAIL_COLUMNS
        == [
            "id",
            "period",
            "value",
            "mean",
            "lower_limit",
            "upper_limit",
            "special_cause",
            "point_type",
            "limits",
            "spc_rules",
            "lower_limit_unbounded",
            "upper_limit_unbounded",
            "segment",
            "in_baseline",
        ]
    )
    assert frame["period"].max() == "2025-02"
    assert len(frame) == len(frame[["id", "period"]].drop_duplicates())  # one row per indicator per period
    assert_allowed(frame, DETAIL_ALLOWED)
    assert (frame["value"] != "").all()


def test_xlsx_round_trip_and_no_formulas(tmp_path):
    rows = [
        (ident, section, unit, polarity, target, decimals, brk, cells)
        for ident, section, unit, polarity, target, decimals, brk, cells in INDICATORS
    ]
    data = make_data(rows)
    titles = ["=SUM(A1:A9)", "+44 1234", "-1 day", "@cmd", "Plain title", "=1+1", "ok"]
    data.catalogue["title"] = titles
    out = tmp_path / "scorecard.xlsx"
    export(data, out)
    sheet = load_workbook(out).active
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    header = [c.value for c in next(sheet.iter_rows(max_row=1))]
    assert header == COLUMNS
    written = [row[2] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert written == titles
    dangerous = [c for c in cells if isinstance(c.value, str) and c.value.startswith(("=", "+", "-", "@"))]
    assert len(dangerous) == 5 and all(c.quotePrefix for c in dangerous)
    numbers = {row[0]: row[4] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert numbers["2"] == 99.0 and numbers["3"] is None  # numbers stay numbers, NYC stays empty


def test_csv_guards_formula_text_and_leaves_numbers_alone(tmp_path):
    """A CSV opened in Excel runs '=...' too: text cells get the apostrophe guard, numbers never."""
    data = make_data()
    titles = ["=SUM(A1:A9)", "+44 1234", "-1 day", "@cmd", "Plain title", "=1+1", "-5"]
    data.catalogue["title"] = titles
    out = tmp_path / "scorecard.csv"
    export(data, out)
    frame = read_csv(out)
    assert list(frame["title"]) == [
        "'=SUM(A1:A9)",
        "'+44 1234",
        "'-1 day",
        "'@cmd",
        "Plain title",
        "'=1+1",
        "-5",
    ]  # -5 is a number even as text: no formula to guard
    assert frame.set_index("id").loc["2", "value"] == "99.0"


def test_csv_detail_writes_negative_limits_as_numbers(tmp_path):
    swinging = (
        "9",
        "workforce",
        "count",
        "no_preference",
        "Monitor",
        0,
        "",
        {period: float(10 * (n % 2)) for n, period in enumerate(PERIODS)},
    )
    out = tmp_path / "detail.csv"
    export(make_data([*INDICATORS, swinging]), out, detail=True)
    rows = read_csv(out).query("id == '9'")
    # a count's lower limit is held at 0; the limit as computed is kept beside it, a plain number
    assert (rows["lower_limit"].astype(float) == 0).all()
    limits = rows["lower_limit_unbounded"]
    assert limits.str.startswith("-").all() and (limits.astype(float) < 0).all()


def test_xlsx_detail(tmp_path):
    out = tmp_path / "detail.xlsx"
    export(make_data(), out, detail=True)
    frame = pd.read_excel(out, dtype={"id": str, "period": str}, keep_default_na=False)
    assert list(frame.columns) == DETAIL_COLUMNS
    assert_allowed(frame, DETAIL_ALLOWED | {"in_baseline": {True, False}})  # Excel's own booleans


@pytest.mark.parametrize("name", ["scorecard.txt", "scorecard", "scorecard.xls"])
def test_unknown_format_is_a_problem(tmp_path, name):
    out = tmp_path / name
    with pytest.raises(DataError, match=r"expected a file name ending \.csv or \.xlsx"):
        export(make_data(), out)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("period", "message"), [("2025-3", "YYYY-MM"), ("2031-01", "no data for this period")]
)
def test_bad_period_is_a_problem_and_nothing_changes(tmp_path, period, message):
    out = tmp_path / "scorecard.csv"
    out.write_text("previous export\n")
    with pytest.raises(DataError, match=message):
        export(make_data(), out, period=period)
    assert out.read_text() == "previous export\n"
    assert [p.name for p in tmp_path.iterdir()] == ["scorecard.csv"]


def test_missing_folder_is_a_problem(tmp_path):
    with pytest.raises(DataError, match="folder does not exist"):
        export(make_data(), tmp_path / "nowhere" / "scorecard.csv")


def test_failed_write_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    out = tmp_path / "scorecard.xlsx"
    out.write_bytes(b"old")

    def disk_full(source, target):
        raise OSError(28, "No space left on device", str(target))

    monkeypatch.setattr(textfiles.os, "replace", disk_full)
    with pytest.raises(DataError, match=r"cannot write \(No space left on device\)") as error:
        export(make_data(), out)
    assert str(error.value).startswith(f"{out}:-:")
    assert out.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["scorecard.xlsx"]


def test_output_that_is_a_folder_is_a_problem(tmp_path):
    (tmp_path / "scorecard.csv").mkdir()
    with pytest.raises(DataError, match="is a folder; expected a file name"):
        export(make_data(), tmp_path / "scorecard.csv")
    assert [p.name for p in tmp_path.iterdir()] == ["scorecard.csv"]


def test_csv_export_recomputes_from_the_frame(tmp_path):
    """The file holds what build_scorecard computes, not a copy made elsewhere."""
    from scorecard.rules.frame import build_scorecard

    data = make_data()
    export(data, tmp_path / "s.csv", period="2025-02")
    frame = read_csv(tmp_path / "s.csv").set_index("id")
    computed = build_scorecard(data, "2025-02").indicators.set_index("id")
    for column in ("rag", "direction", "trend", "variation", "assurance", "status", "target"):
        assert list(frame[column]) == list(computed[column]), column
    numbers = pd.to_numeric(frame["value"].replace("", None))
    pd.testing.assert_series_equal(numbers, computed["value"].astype(float), check_names=False)


# --- the shipped data, through the CLI as an analyst runs it ------------------------------------------
ROOT = Path(__file__).resolve().parents[1]
shipped = pytest.mark.skipif(not (ROOT / "data" / "catalogue.csv").exists(), reason="data/ not imported yet")


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return run_scorecard("--data", str(ROOT / "data"), *args, cwd=ROOT)


@shipped
@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_cli_export_on_shipped_data(tmp_path, suffix):
    out = tmp_path / f"scorecard{suffix}"
    result = run_cli("export", "--out", str(out))
    assert result.returncode == 0, result.stderr
    frame = read_csv(out) if suffix == ".csv" else pd.read_excel(out, dtype=str, keep_default_na=False)
    catalogue = pd.read_csv(ROOT / "data" / "catalogue.csv", dtype=str, keep_default_na=False)
    assert list(frame.columns) == COLUMNS
    assert list(frame["id"]) == list(catalogue["id"])
    assert_allowed(frame, ALLOWED)


@shipped
def test_cli_detail_on_shipped_data(tmp_path):
    out = tmp_path / "detail.csv"
    result = run_cli("export", "--detail", "--period", "2025-02", "--out", str(out))
    assert result.returncode == 0, result.stderr
    frame = read_csv(out)
    assert list(frame.columns) == DETAIL_COLUMNS and frame["period"].max() == "2025-02"
    assert_allowed(frame, DETAIL_ALLOWED)


@shipped
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--period", "2025-13"], "expected a month as YYYY-MM"),
        (["--period", "2019-01"], "no data for this period"),
    ],
)
def test_cli_bad_period_exit_2_without_traceback(tmp_path, args, message):
    out = tmp_path / "scorecard.csv"
    result = run_cli("export", *args, "--out", str(out))
    assert result.returncode == 2
    assert message in result.stderr and "Traceback" not in result.stderr
    assert not out.exists()


@shipped
def test_cli_unknown_format_exit_2(tmp_path):
    result = run_cli("export", "--out", str(tmp_path / "scorecard.json"))
    assert result.returncode == 2 and ".csv or .xlsx" in result.stderr and "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_the_export_names_the_rule_set_from_the_settings(tmp_path):
    from dataclasses import replace

    from scorecard.model import ScorecardData, SpcRules

    data = make_data()
    package = ScorecardData(
        replace(data.settings, spc_rules=SpcRules.PLOTTHEDOTS_02), data.catalogue, data.values
    )
    for detail in (False, True):
        out = tmp_path / f"{detail}.csv"
        export(package, out, detail=detail)
        assert set(read_csv(out)["spc_rules"]) == {"plotthedots-0.2"}
        export(data, out, detail=detail)
        assert set(read_csv(out)["spc_rules"]) == {"mdc-2023"}


def test_the_export_carries_the_exceptions_their_commentary_and_actions(tmp_path: Path) -> None:
    # On the shipped project: the 16 exceptions, the commentary the section files hold (answered),
    # and an open action added to a copy of the data.
    project = tmp_path / "project"
    shutil.copytree(ROOT / "data", project / "data")
    shutil.copytree(ROOT / "sections", project / "sections")
    (project / "data" / "actions.csv").write_text(
        "id,action,owner,raised,due,status,update,closed\n"
        "19b 19c,Weekly timeliness huddles,Head of Assessment,2024-12,2025-01,open,,\n"
    )
    out = tmp_path / "scorecard.csv"
    export(load_data(project / "data"), out, project=Project.of_data(project / "data"))
    frame = read_csv(out).set_index("id")
    exceptions = frame[frame["exception"] == "True"]
    assert list(exceptions.index) == [
        "3", "9a", "19b", "19c", "23", "24", "27", "31", "35c", "37", "39", "47a", "55", "69", "73", "74",
    ]  # fmt: skip
    assert (
        frame.loc["23", "exception_reasons"] == "special cause concern: 7 months above the mean since Sep-24"
    )
    assert frame.loc["3", "commentary"].startswith("ID 3: There has been an increase in the % of cases")
    assert "from 7.5% to 8.8% in March 2025" in frame.loc["3", "commentary"]  # the helpers' answers
    assert frame.loc["9a", "commentary"] == ""  # no commentary written for it
    assert frame.loc["19c", "open_actions"] == (
        "Weekly timeliness huddles (Head of Assessment, due January 2025, overdue)"
    )
    assert frame.loc["3", "open_actions"] == ""
