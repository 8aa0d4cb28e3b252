"""The importer on the seed and on later files: alignment, quarterly snapping, notes, merging, formats."""

from __future__ import annotations

import codecs
import csv
import io
import re
from pathlib import Path

import pandas as pd
import pytest

from scorecard.data.importer.importing import import_file
from scorecard.data.load import load_data
from scorecard.problems import DataError


def _values(data_dir: Path) -> pd.DataFrame:
    return pd.read_csv(data_dir / "values.csv", dtype=str, keep_default_na=False)


def _cell(values: pd.DataFrame, indicator: str, period: str) -> dict[str, str] | None:
    rows = values[(values["id"] == indicator) & (values["period"] == period)]
    assert len(rows) <= 1
    return None if rows.empty else rows.iloc[0].to_dict()


@pytest.fixture
def seeded(seed_path: Path, empty_data_dir: Path) -> tuple[Path, list[str]]:
    return empty_data_dir, import_file(seed_path, empty_data_dir)


def test_seed_report_accounts_for_everything(seeded: tuple[Path, list[str]]) -> None:
    data_dir, report = seeded
    assert report[0].endswith("96 indicators in 6 sections, months 2024-04..2025-03")
    assert "narrative lines skipped: 17" in report
    assert "preamble lines skipped (legend above the first section): 5" in report
    assert "notes captured: 10" in report
    assert "  ID 43: Published note: previous academic year" in report
    assert f"added values: {len(_values(data_dir))}" in report


def test_every_cell_form_lands_as_contracted(seeded: tuple[Path, list[str]]) -> None:
    values = _values(seeded[0])
    assert _cell(values, "5", "2024-04") == {
        "id": "5",
        "period": "2024-04",
        "value": "1036",
        "status": "",
        "count": "",
        "raw": "1,036",
        "numerator": "",
        "denominator": "",
    }
    assert _cell(values, "16", "2024-04")["value"] == "100.8"
    assert _cell(values, "16", "2024-04")["raw"] == "100.8r"
    assert _cell(values, "55", "2025-02") == {
        "id": "55",
        "period": "2025-02",
        "value": "67",
        "status": "",
        "count": "4",
        "raw": "67% (4)",
        "numerator": "",
        "denominator": "",
    }
    assert _cell(values, "38a", "2025-03")["status"] == "not_yet_complete"
    assert _cell(values, "54", "2024-04")["status"] == "not_reported"
    assert _cell(values, "54", "2024-04")["raw"] == "Not reported due to new moderation process"
    assert _cell(values, "84", "2024-04")["raw"] == "6.00"
    assert _cell(values, "29", "2024-04") is None  # empty published cells produce no row


def test_shifted_rows_align_from_the_right(seeded: tuple[Path, list[str]]) -> None:
    values = _values(seeded[0])
    # 35e carries a stray leading empty cell: its six values are Oct-24..Mar-25, like 35d.
    assert [_cell(values, "35e", p)["value"] for p in ("2024-10", "2025-03")] == ["65", "50"]
    assert _cell(values, "35e", "2024-09") is None
    # 43's leading free text goes to the notes; Aug-24 is 'Not reported', Sep-24 the first value.
    assert _cell(values, "43", "2024-08")["status"] == "not_reported"
    assert _cell(values, "43", "2024-09")["value"] == "87"
    assert _cell(values, "42", "2024-09")["raw"] == "57.0%"
    assert _cell(values, "44", "2025-03")["value"] == "8"
    catalogue = load_data(seeded[0]).catalogue.set_index("id")
    assert catalogue.loc["35e", "target"] == "Monitor"
    assert catalogue.loc["43", "target"] == "89.0%"
    assert "Published note: previous academic year" in catalogue.loc["43", "notes"]


def test_quarterly_rows_snap_numbers_to_quarter_end_and_keep_statuses(seeded: tuple[Path, list[str]]) -> None:
    data_dir, report = seeded
    values = _values(data_dir)
    assert _cell(values, "59", "2024-08") is None
    assert [_cell(values, "59", p)["value"] for p in ("2024-09", "2024-12", "2025-03")] == ["6", "7", "9"]
    assert _cell(values, "63", "2025-02")["status"] == "not_applicable"  # statuses stay where published
    assert _cell(values, "63", "2024-09")["value"] == "12"
    assert "  ID 59: Aug-24 -> 2024-09" in report
    assert load_data(data_dir).catalogue.set_index("id").loc["59", "basis"] == "quarterly"


def test_inferred_catalogue_for_new_ids(seeded: tuple[Path, list[str]]) -> None:
    catalogue = load_data(seeded[0]).catalogue.set_index("id")
    assert catalogue.loc["16", ["unit", "polarity", "basis"]].tolist() == [
        "rate_per_10000",
        "within_band",
        "month_end_snapshot",
    ]
    assert catalogue.loc["3", ["unit", "polarity"]].tolist() == ["percent", "lower_is_better"]
    assert catalogue.loc["56", "polarity"] == "higher_is_better"  # 80%+
    assert catalogue.loc["1", "polarity"] == "no_preference"  # Monitor
    assert catalogue.loc["84", ["unit", "basis", "decimals"]].tolist() == [
        "days_per_fte",
        "rolling_12_months",
        2,
    ]
    assert catalogue.loc["69", "unit"] == "average"
    assert catalogue.loc["19b", "basis"] == "year_to_date"
    assert catalogue.loc["35c", "decimals"] == 1  # 4 cells with 0 decimals, 8 with 1
    published = load_data(seeded[0]).published_direction.set_index("id")
    assert published.loc["8b", ["arrow", "direction", "period"]].tolist() == ["◀ ▶", "same", "2025-03"]
    assert "34" not in published.index  # no arrow published


def _later_file(tmp_path: Path) -> Path:
    rows = [
        [
            "ID",
            "Early Help and Front Door Responses - Early Help and Front Door information only",
            "Feb-25",
            "Mar-25",
            "Apr-25",
            "Target",
            "SN av",
            "Direction of travel",
        ],
        ["5", "Number of ChECS Contacts (in month)", "912", "1090", "950", "900", "N/A", "▼"],
        [
            "6",
            "Percentage of repeat contacts where previous contact was within previous 12 months (in month)",
            "45.4%",
            "43.1%",
            "NYC",
            "45%",
            "N/A",
            "◀ ▶",
        ],
    ]
    path = tmp_path / "scorecard-2025-04.csv"
    with path.open("w", newline="", encoding="utf-8") as stream:
        csv.writer(stream).writerows(rows)
    return path


def test_later_month_adds_changes_and_keeps_judgements(tmp_path: Path, tmp_data_dir: Path) -> None:
    before = load_data(tmp_data_dir)
    report = import_file(_later_file(tmp_path), tmp_data_dir)
    assert "added periods: 2025-04" in report
    assert "  ID 5 2025-03: 1083 -> 1090" in report
    assert "  ID 5 target: 'Monitor' -> '900'" in report
    after = load_data(tmp_data_dir)
    values = after.values.set_index(["id", "period"])
    assert values.loc[("5", "2025-03"), "value"] == 1090
    assert values.loc[("5", "2025-04"), "value"] == 950
    assert values.loc[("6", "2025-04"), "status"] == "not_yet_complete"
    assert len(after.values) == len(before.values) + 2
    catalogue = after.catalogue.set_index("id")
    assert catalogue.loc["6", "polarity"] == "lower_is_better"  # the curated judgement survives
    assert catalogue.loc["6", "notes"] == before.catalogue.set_index("id").loc["6", "notes"]
    assert catalogue.loc["5", "target"] == "900"
    published = load_data(tmp_data_dir).published_direction
    assert published[(published["id"] == "5")]["period"].tolist() == ["2025-03", "2025-04"]


def test_reimporting_the_seed_changes_nothing(seed_path: Path, tmp_data_dir: Path) -> None:
    before = {name: (tmp_data_dir / name).read_bytes() for name in ("catalogue.csv", "values.csv")}
    report = import_file(seed_path, tmp_data_dir)
    assert "changed values: 0" in report and "added values: 0" in report and "catalogue changes: 0" in report
    assert {name: (tmp_data_dir / name).read_bytes() for name in before} == before


def _seed_rows(seed_path: Path) -> list[list[str]]:
    return [line.split("\t") for line in seed_path.read_text(encoding="utf-8").split("\n")]


@pytest.mark.parametrize("form", ["bom", "utf16", "csv", "xlsx"])
def test_other_encodings_and_formats_import_identically(
    form: str, seed_path: Path, seeded: tuple[Path, list[str]], tmp_path: Path
) -> None:
    text = seed_path.read_text(encoding="utf-8")
    if form == "bom":
        path = tmp_path / "seed.txt"
        path.write_bytes(codecs.BOM_UTF8 + text.encode("utf-8"))
    elif form == "utf16":  # Excel's "Unicode Text"
        path = tmp_path / "seed.txt"
        path.write_bytes(text.encode("utf-16"))
    elif form == "csv":
        path = tmp_path / "seed.csv"
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\n").writerows(_seed_rows(seed_path))
        path.write_text(buffer.getvalue(), encoding="utf-8")
    else:
        from openpyxl import Workbook

        book = Workbook()
        for row in _seed_rows(seed_path):
            book.active.append([cell if cell else None for cell in row])
        path = tmp_path / "seed.xlsx"
        book.save(path)
    target = tmp_path / "other"
    target.mkdir()
    (target / "settings.yaml").write_bytes((seeded[0] / "settings.yaml").read_bytes())
    import_file(path, target)
    assert (target / "values.csv").read_bytes() == (seeded[0] / "values.csv").read_bytes()


def test_xlsx_numbers_read_as_excel_shows_them(tmp_path: Path, empty_data_dir: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(
        [
            "ID",
            "Early Help and Front Door Responses - x",
            "Feb-25",
            "Mar-25",
            "Target",
            "SN av",
            "Direction of travel",
        ]
    )
    sheet.append(["2", "Percentage of assessments (in month)", 0.874, 0.99, "90.0%", "N/A", "▲"])
    sheet.append(["5", "Number of contacts (in month)", 1036, 1083, "Monitor", "N/A", "▲"])
    sheet["C2"].number_format = sheet["D2"].number_format = "0.0%"
    sheet["C3"].number_format = "#,##0"
    book.save(tmp_path / "numbers.xlsx")
    import_file(tmp_path / "numbers.xlsx", empty_data_dir)
    values = _values(empty_data_dir)
    assert _cell(values, "2", "2025-02")["raw"] == "87.4%"
    assert _cell(values, "2", "2025-03")["value"] == "99"
    assert _cell(values, "5", "2025-02")["raw"] == "1,036"
    assert _cell(values, "5", "2025-03")["raw"] == "1083"


def test_a_failed_import_writes_nothing(tmp_path: Path, tmp_data_dir: Path) -> None:
    path = _later_file(tmp_path)
    path.write_text(path.read_text(encoding="utf-8").replace("1090", "#DIV/0!"), encoding="utf-8")
    before = {p.name: p.read_bytes() for p in tmp_data_dir.iterdir() if p.is_file()}
    with pytest.raises(DataError) as error:
        import_file(path, tmp_data_dir)
    assert [str(p).split(":")[1:3] for p in error.value.problems] == [["2", "Mar-25"]]
    assert {p.name: p.read_bytes() for p in tmp_data_dir.iterdir() if p.is_file()} == before


def test_a_blank_cell_never_deletes_a_value_silently(tmp_path: Path, tmp_data_dir: Path) -> None:
    path = _later_file(tmp_path)
    path.write_text(path.read_text(encoding="utf-8").replace("912,", ",", 1), encoding="utf-8")
    report = import_file(path, tmp_data_dir)
    assert "  ID 5 2025-02: kept '912' (Feb-25 blank in file)" in report
    assert load_data(tmp_data_dir).values.set_index(["id", "period"]).loc[("5", "2025-02"), "value"] == 912


def _workbook_with_formula(path: Path, saved_result: str | None) -> None:
    """A workbook whose D2 is the formula =C2; Excel saves the result in <v>, other programs may not."""
    import zipfile

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(
        [
            "ID",
            "Early Help and Front Door Responses - x",
            "Feb-25",
            "Mar-25",
            "Target",
            "SN av",
            "Direction of travel",
        ]
    )
    sheet.append(["5", "Number of contacts (in month)", 1036, "=C2", "Monitor", "N/A", "▲"])
    book.save(path)
    if saved_result is None:
        return
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    xml = parts["xl/worksheets/sheet1.xml"].decode("utf-8")
    # openpyxl writes the empty result as <v /> or <v></v>, depending on whether lxml is installed
    empty = re.compile(r'<c r="D2"><f>C2</f><v\s*(/>|></v>)</c>')
    assert empty.search(xml)
    xml = empty.sub(f'<c r="D2"><f>C2</f><v>{saved_result}</v></c>', xml)
    parts["xl/worksheets/sheet1.xml"] = xml.encode("utf-8")
    with zipfile.ZipFile(path, "w") as target:
        for name, content in parts.items():
            target.writestr(name, content)


def test_xlsx_formula_with_a_saved_result_reads_as_that_result(tmp_path: Path, empty_data_dir: Path) -> None:
    _workbook_with_formula(tmp_path / "saved.xlsx", "1083")
    import_file(tmp_path / "saved.xlsx", empty_data_dir)
    assert _cell(_values(empty_data_dir), "5", "2025-03")["value"] == "1083"


def test_xlsx_formula_without_a_saved_result_is_a_problem(tmp_path: Path, empty_data_dir: Path) -> None:
    _workbook_with_formula(tmp_path / "unsaved.xlsx", None)
    with pytest.raises(DataError) as error:
        import_file(tmp_path / "unsaved.xlsx", empty_data_dir)
    (problem,) = error.value.problems
    assert (problem.row, problem.column, problem.value) == (2, "D", "=C2")
    assert "formula with no saved result" in problem.message
    assert not (empty_data_dir / "values.csv").exists()


def test_a_percent_on_a_count_indicator_is_a_problem(tmp_path: Path, tmp_data_dir: Path) -> None:
    path = _later_file(tmp_path)
    path.write_text(path.read_text(encoding="utf-8").replace("1090", "10.9%"), encoding="utf-8")
    with pytest.raises(DataError) as error:
        import_file(path, tmp_data_dir)
    (problem,) = error.value.problems
    assert (problem.value, problem.column) == ("10.9%", "Mar-25")
    assert "unit in catalogue.csv is count" in problem.message


def test_first_import_without_settings_names_only_the_settings(seed_path: Path, tmp_path: Path) -> None:
    with pytest.raises(DataError) as error:
        import_file(seed_path, tmp_path)
    assert [(Path(p.file).name, p.message.split(";")[0]) for p in error.value.problems] == [
        ("settings.yaml", "file not found")
    ]
