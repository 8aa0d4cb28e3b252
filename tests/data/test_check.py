"""``check`` and ``load_data`` on the shipped data, and the policies the corpus does not cover."""

from __future__ import annotations

import codecs
import subprocess
from pathlib import Path

import pandas as pd
import pytest
from _cli import run_scorecard

from scorecard.data.load import load_data
from scorecard.fields import CATALOGUE_COLUMNS, VALUE_COLUMNS
from scorecard.model import Basis, Polarity, Status, Unit
from scorecard.problems import DataError


def test_shipped_data_is_clean(tmp_data_dir: Path) -> None:
    result = run_scorecard("--data", str(tmp_data_dir), "check")
    assert result.returncode == 0, result.stderr
    assert "96 indicators" in result.stdout and "2024-04..2025-03" in result.stdout


def test_load_data_types_follow_the_contract(tmp_data_dir: Path) -> None:
    data = load_data(tmp_data_dir)
    catalogue, values = data.catalogue, data.values
    assert tuple(catalogue.columns) == CATALOGUE_COLUMNS and tuple(values.columns) == VALUE_COLUMNS
    assert catalogue["decimals"].dtype.kind == "i"
    for column in set(CATALOGUE_COLUMNS) - {"decimals"}:
        assert catalogue[column].map(type).eq(str).all(), column
    assert values["value"].dtype == float and values["count"].dtype == "Int64"
    assert values.loc[values["status"] != "", "value"].isna().all()
    assert values.loc[values["status"] == "", "value"].notna().all()
    assert set(catalogue["unit"]) <= set(Unit) and set(catalogue["basis"]) <= set(Basis)
    assert set(values["status"]) <= set(Status)
    assert values["period"].str.fullmatch(r"\d{4}-\d{2}").all()
    assert list(dict.fromkeys(values["id"])) == [i for i in catalogue["id"] if i in set(values["id"])]
    assert data.latest_period == "2025-03"
    published = load_data(tmp_data_dir).published_direction
    assert tuple(published.columns) == ("id", "period", "arrow", "direction")
    assert set(published["direction"]) == {"up", "down", "same"}


def test_curated_judgements_are_in_the_catalogue(tmp_data_dir: Path) -> None:
    catalogue = load_data(tmp_data_dir).catalogue.set_index("id")
    assert set(catalogue["polarity"]) <= set(Polarity)
    lower = [
        "3",
        "6",
        "8b",
        "10",
        "22",
        "24",
        "27",
        "29",
        "30",
        "32",
        "36",
        "57",
        "58",
        "69",
        "73",
        "74",
        "82",
        "83",
        "84",
    ]
    assert (catalogue.loc[lower, "polarity"] == Polarity.LOWER).all()
    assert (catalogue.loc[["16", "17", "18"], "polarity"] == Polarity.BAND).all()
    assert (catalogue.loc[["1", "5", "8a", "28"], "polarity"] == Polarity.NONE).all()
    assert (catalogue.loc[["49", "50"], "polarity"] == Polarity.HIGHER).all()
    assert catalogue.loc["84", "series_break"] == "2024-10"
    assert "earlier months not comparable" in catalogue.loc["84", "notes"]
    assert "Polarity judged" in catalogue.loc["36", "notes"]
    assert (catalogue.loc[[str(i) for i in range(59, 68)], "basis"] == Basis.QUARTERLY).all()


def test_all_problems_come_in_one_run(tmp_data_dir: Path) -> None:
    values = tmp_data_dir / "values.csv"
    lines = values.read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].replace("2024-04", "2024-13")
    lines[2] = lines[2].replace(",683,", ",6..83,", 1)
    lines[3] = "999" + lines[3][lines[3].index(",") :]
    values.write_text("\n".join(lines) + "\n", encoding="utf-8")
    catalogue = tmp_data_dir / "catalogue.csv"
    catalogue.write_text(
        catalogue.read_text(encoding="utf-8").replace(",Monitor,", ",Monitr,", 1), encoding="utf-8"
    )
    with pytest.raises(DataError) as error:
        load_data(tmp_data_dir)
    found = sorted((Path(p.file).name, p.row, p.column) for p in error.value.problems)
    assert found == [
        ("catalogue.csv", 2, "target"),
        ("values.csv", 2, "period"),
        ("values.csv", 3, "value"),
        ("values.csv", 4, "id"),
    ]


def test_a_utf8_bom_from_excel_is_accepted(tmp_data_dir: Path) -> None:
    before = load_data(tmp_data_dir)
    for name in ("catalogue.csv", "values.csv"):
        path = tmp_data_dir / name
        path.write_bytes(codecs.BOM_UTF8 + path.read_bytes())
    after = load_data(tmp_data_dir)
    pd.testing.assert_frame_equal(before.catalogue, after.catalogue)
    pd.testing.assert_frame_equal(before.values, after.values)


def test_missing_files_are_problems_not_tracebacks(tmp_path: Path) -> None:
    result = run_scorecard("--data", str(tmp_path), "check")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "settings.yaml:1:-: value 'settings.yaml' - file not found" in result.stderr
    assert "catalogue.csv:1:-: value 'catalogue.csv' - file not found" in result.stderr


def _check(data_dir: Path) -> subprocess.CompletedProcess[str]:
    return run_scorecard("--data", str(data_dir), "check")


def test_a_missing_data_folder_is_one_problem(tmp_path: Path) -> None:
    result = _check(tmp_path / "nowhere")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"{tmp_path / 'nowhere'}:-:--data: value") and "folder not found" in lines[0]
    assert lines[1:] == ["1 problem(s); nothing was written."]


@pytest.mark.parametrize("name", ["settings.yaml", "catalogue.csv", "values.csv"])
def test_a_folder_where_a_file_belongs_is_a_problem(tmp_data_dir: Path, name: str) -> None:
    (tmp_data_dir / name).unlink()
    (tmp_data_dir / name).mkdir()
    result = _check(tmp_data_dir)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert f"{name}:1:-: value '{name}' - is a folder, not a file" in result.stderr


def test_a_wrong_header_is_reported_once_not_per_row(tmp_data_dir: Path) -> None:
    values = tmp_data_dir / "values.csv"
    lines = values.read_text(encoding="utf-8").splitlines()
    values.write_text("\n".join([lines[0].replace("count", "counts"), *lines[1:]]) + "\n", encoding="utf-8")
    with pytest.raises(DataError) as error:
        load_data(tmp_data_dir)
    assert [(p.row, p.column, p.message.split(";")[0]) for p in error.value.problems] == [
        (1, "counts", "unexpected column"),
        (1, "count", "missing column"),
    ]


@pytest.mark.parametrize(
    ("setting", "text"),
    [
        ("rag_tolerance", "true"),
        ("rag_tolerance", "'0.15'"),
        ("rag_tolerance", ".nan"),
        ("children_0_17", "yes"),
    ],
)
def test_yaml_booleans_and_text_are_not_numbers(tmp_data_dir: Path, setting: str, text: str) -> None:
    settings = tmp_data_dir / "settings.yaml"
    lines = [
        line.split(":")[0] + f": {text}" if line.strip().startswith(f"{setting}:") else line
        for line in settings.read_text(encoding="utf-8").splitlines()
    ]
    settings.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(DataError) as error:
        load_data(tmp_data_dir)
    assert len(error.value.problems) == 1 and error.value.problems[0].column.endswith(setting)
