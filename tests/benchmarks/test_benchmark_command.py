"""``python -m scorecard benchmarks``: the shipped pack's benchmarks are the DfE files', and another
council's are its own; the settings, check, init and the pack follow."""

from __future__ import annotations

import csv
import shutil
import statistics
from pathlib import Path

import pandas as pd
import pytest

from scorecard.cli import main
from scorecard.data import load_data
from scorecard.pack.parts.benchmarks import benchmark_grid, cells
from scorecard.problems import DataError
from scorecard.rules import build_scorecard

ROOT = Path(__file__).resolve().parents[2]
DFE = ROOT / "data" / "dfe"
FILES = sorted(str(p) for p in DFE.glob("*.csv"))
C1 = DFE / "c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv"
MODEL_2021 = DFE / "New_Statistical_Neighbour_Groupings_April_2021.csv"


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as stream:
        return list(csv.DictReader(stream))


def _set(data_dir: Path, old: str, new: str) -> None:
    settings = data_dir / "settings.yaml"
    text = settings.read_text()
    assert old in text
    settings.write_text(text.replace(old, new, 1))


def _benchmarks(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    assert main(["--data", str(data_dir), "benchmarks", *FILES]) == 0, capsys.readouterr().err
    return capsys.readouterr().out.splitlines()


def test_the_shipped_benchmarks_are_computed_from_the_shipped_dfe_files(
    tmp_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_data_dir / "benchmarks.csv").unlink()
    said = _benchmarks(tmp_data_dir, capsys)
    assert (tmp_data_dir / "benchmarks.csv").read_bytes() == (ROOT / "data" / "benchmarks.csv").read_bytes()
    assert said[-1].startswith(f"wrote {tmp_data_dir / 'benchmarks.csv'}: 180 rows (18 indicators")
    assert "council: 895 Cheshire East" in said
    assert any(line.startswith("matched: 10 rereferrals_percent - c1_children") for line in said)
    # every figure the council's benchmarks could not use is named: Hampshire's 2023/24 re-referrals
    (suppressed,) = [line for line in said if line.startswith("without a figure: 10 ")]
    assert "2023/24: neighbour Hampshire 'u' (low reliability)" in suppressed


def test_another_council_gets_its_own_figures_region_neighbours_rank_and_band(
    tmp_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _set(tmp_data_dir, "la_code: 895", "la_code: 873")  # Cambridgeshire, East of England
    _benchmarks(tmp_data_dir, capsys)
    sc = build_scorecard(load_data(tmp_data_dir))  # March 2025: 2023/24, the 2021 model
    row = sc.benchmarks.loc["10"]
    c1 = [r for r in _rows(C1) if r["time_period"] == "2024"]
    councils = {r["old_la_code"]: r for r in c1 if r["geographic_level"] == "Local authority"}
    region = next(r for r in c1 if r["geographic_level"] == "Regional" and r["region_code"] == "E12000006")
    assert (row["la_code"], row["own"]) == ("873", councils["873"]["rereferral_percent"])
    assert (row["region_name"], row["region"]) == ("East of England", region["rereferral_percent"])
    model = next(r for r in _rows(MODEL_2021) if r["LA num"] == "873")
    neighbours = [model[f"SN{n}"] for n in range(1, 11)]
    published = [councils[code]["rereferral_percent"] for code in neighbours if code in councils]
    figures = [float(text) for text in published if text.replace(".", "").isdigit()]  # not c, x, u
    assert len(figures) == row["neighbours_with_figure"] < 10
    assert row["neighbour_average_value"] == pytest.approx(statistics.mean(figures))
    every = pd.to_numeric(pd.Series([r["rereferral_percent"] for r in councils.values()]), errors="coerce")
    own = float(councils["873"]["rereferral_percent"])
    assert row["rank"] == int((every.dropna() < own).sum()) + 1  # lower is better
    assert row["band"] == "D"  # 30.2%, above the upper quartile of every council's re-referrals
    heading, texts, _ = cells(sc, sc.section("early-help"))
    assert heading == "DfE 2023/24"
    assert (
        f"EoE {float(region['rereferral_percent']):.1f}%"
        in texts[list(sc.section("early-help")["id"]).index("10")]
    )
    grid = benchmark_grid(sc)
    assert grid is not None and "10" in grid.frame.to_string()


def test_check_refuses_benchmarks_of_another_council(
    tmp_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _set(tmp_data_dir, "la_code: 895", "la_code: 873")
    assert main(["--data", str(tmp_data_dir), "check"]) == 2
    (problem, *_) = capsys.readouterr().err.splitlines()
    assert "benchmarks.csv:2:la_code: value '895' - computed for another council" in problem


def test_the_settings_may_name_the_year_and_the_model(tmp_data_dir: Path) -> None:
    _set(tmp_data_dir, "la_code: 895", "benchmarks:\n  year: 2023\n  neighbours: 2025\nla_code: 895")
    sc = build_scorecard(load_data(tmp_data_dir))
    assert set(sc.benchmarks["year"]) == {"2022/23", "Sep 2023"}
    assert (
        set(sc.benchmarks["neighbour_model"]) == {"2025"}
        and sc.benchmark_choice.why == "named in the settings"
    )


def test_a_year_the_benchmarks_lack_is_a_problem_for_check(tmp_data_dir: Path) -> None:
    _set(tmp_data_dir, "la_code: 895", "benchmarks: {year: 2019}\nla_code: 895")
    with pytest.raises(DataError, match=r"not a year .*benchmarks\.csv holds"):
        load_data(tmp_data_dir)


def test_init_finds_the_council_by_its_name_and_proposes_measures(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = tmp_path / "project"
    shutil.copytree(ROOT / "data", project / "data", ignore=shutil.ignore_patterns("raw"))
    northshire = ROOT / "tests" / "councils" / "northshire" / "quarterly-performance-2024-25.csv"
    args = [
        "--data",
        str(project / "data"),
        "init",
        str(northshire),
        "--organisation",
        "Cambridgeshire County Council",
    ]
    assert main(args) == 0, capsys.readouterr().err
    said = capsys.readouterr().out
    assert "la_code: 873 (Cambridgeshire in New_Statistical_Neighbour_Groupings_April_2021.csv)" in said
    assert "la_code: 873" in (project / "data" / "settings.yaml").read_text()
    assert (project / "data" / "benchmarks.csv").read_text().count("\n") == 1  # Cheshire East's are gone
    assert main(["--data", str(project / "data"), "check"]) == 0, capsys.readouterr().err
