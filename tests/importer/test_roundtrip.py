"""Nothing lost: seed -> import -> export-wide reproduces every published cell of the seed.

The expected cells come from the seed itself, read here with a plain tab split and a hand-checked
list of the rows a leading cell shifts right, independently of the importer's alignment logic.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from _cli import run_scorecard

from scorecard.cells import parse_cell
from scorecard.data.importer.importing import import_file
from scorecard.data.load import load_data

# Rows whose first month cell is an extra leading cell (free text or a stray blank), read off the seed.
SHIFTED = {"35e", "35f", "42", "43", "44", "45", "46", "55", *map(str, range(59, 68))}
QUARTERLY = set(map(str, range(59, 68)))
QUARTER_END = {
    "Apr": "Jun",
    "May": "Jun",
    "Jul": "Sep",
    "Aug": "Sep",
    "Oct": "Dec",
    "Nov": "Dec",
    "Jan": "Mar",
    "Feb": "Mar",
}
Cells = dict[tuple[str, str], tuple[float | None, str, int | None]]


def _parsed(text: str) -> tuple[float | None, str, int | None]:
    cell = parse_cell(text)
    assert cell is not None
    return (cell.value, str(cell.status), cell.count)


def seed_cells(seed: Path) -> tuple[Cells, dict[str, tuple[str, str, str]], dict[str, str]]:
    """(id, month label) -> (value, status, count); id -> (target, SN av, arrow); id -> leading cell."""
    cells: Cells = {}
    right: dict[str, tuple[str, str, str]] = {}
    leading: dict[str, str] = {}
    months: list[str] = []
    for line in seed.read_text(encoding="utf-8").split("\n"):
        row = [cell.strip() for cell in line.split("\t")]
        if row[0] == "ID":
            months = row[2 : row.index("Target")]
        elif row[0] and row[0][0].isdigit() and len(row) > 10:
            body = row[3:] if row[0] in SHIFTED else row[2:]
            if row[0] in SHIFTED:
                leading[row[0]] = row[2]
            right[row[0]] = tuple(body[len(months) : len(months) + 3])
            for label, text in zip(months, body[: len(months)], strict=True):
                if not text:
                    continue
                parsed = _parsed(text)
                if row[0] in QUARTERLY and parsed[0] is not None:
                    label = QUARTER_END.get(label[:3], label[:3]) + label[3:]
                cells[(row[0], label)] = parsed
    return cells, right, leading


def export_cells(exported: Path) -> tuple[Cells, dict[str, tuple[str, str, str]]]:
    cells: Cells = {}
    right: dict[str, tuple[str, str, str]] = {}
    months: list[str] = []
    for line in exported.read_text(encoding="utf-8").splitlines():
        row = line.split("\t")
        if row[0] == "ID":
            months = row[2:-3]
        elif row[0]:
            right[row[0]] = tuple(row[-3:])
            cells.update(
                {
                    (row[0], label): _parsed(text)
                    for label, text in zip(months, row[2:-3], strict=True)
                    if text
                }
            )
    return cells, right


def differences(expected: Cells, actual: Cells) -> list[str]:
    return [
        f"ID {key[0]} {key[1]}: seed {expected.get(key)} export {actual.get(key)}"
        for key in sorted(expected.keys() | actual.keys())
        if expected.get(key) != actual.get(key)
    ]


@pytest.fixture
def exported(seed_path: Path, empty_data_dir: Path) -> Path:
    import_file(seed_path, empty_data_dir)
    out = empty_data_dir.parent / "wide.txt"
    result = run_scorecard("--data", str(empty_data_dir), "export-wide", "--out", str(out))
    assert result.returncode == 0, result.stderr
    return out


def test_every_published_cell_survives(seed_path: Path, exported: Path) -> None:
    expected, expected_right, _ = seed_cells(seed_path)
    actual, actual_right = export_cells(exported)
    assert len(expected) == 952  # every non-empty month cell of the 96 indicator rows
    assert differences(expected, actual) == []
    assert actual_right == expected_right  # Target, SN av and the published arrow


def test_every_published_text_survives_character_for_character(seed_path: Path, exported: Path) -> None:
    """Not only the same numbers: the same text (87.40% stays 87.40%, 1,036 keeps its comma)."""

    def texts(path: Path, seed: bool) -> dict[tuple[str, str], str]:
        found, months = {}, []
        for line in path.read_text(encoding="utf-8").splitlines():
            row = [cell.strip() for cell in line.split("\t")]
            if row[0] == "ID":
                months = row[2 : row.index("Target")]
            elif row[0][:1].isdigit() and len(row) > 3:
                body = row[3:] if seed and row[0] in SHIFTED else row[2:]
                for label, text in zip(months, body, strict=False):
                    if text and seed and row[0] in QUARTERLY and parse_cell(text).value is not None:
                        label = QUARTER_END.get(label[:3], label[:3]) + label[3:]
                    if text:
                        found[(row[0], label)] = text
        return found

    expected, actual = texts(seed_path, seed=True), texts(exported, seed=False)
    assert len(expected) == 952 and actual == expected


def test_leading_cells_are_kept_as_notes(seed_path: Path, exported: Path, empty_data_dir: Path) -> None:
    _, _, leading = seed_cells(seed_path)
    notes = load_data(empty_data_dir).catalogue.set_index("id")["notes"]
    for indicator, text in leading.items():
        assert not text or f"Published note: {text}" in notes[indicator]


def test_the_comparison_catches_a_lost_or_moved_cell(seed_path: Path, exported: Path) -> None:
    expected, _, _ = seed_cells(seed_path)
    actual, _ = export_cells(exported)
    moved = dict(actual)
    moved[("35e", "Sep-24")] = moved.pop(("35e", "Oct-24"))  # as if the shift were misread
    del moved[("55", "Feb-25")]
    assert differences(expected, moved) == [
        "ID 35e Oct-24: seed (65.0, '', None) export None",
        "ID 35e Sep-24: seed None export (65.0, '', None)",
        "ID 55 Feb-25: seed (67.0, '', 4) export None",
    ]


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_other_export_formats_reimport_to_the_same_values(
    suffix: str, tmp_data_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / f"wide{suffix}"
    result = run_scorecard("--data", str(tmp_data_dir), "export-wide", "--out", str(out))
    assert result.returncode == 0, result.stderr
    before = (tmp_data_dir / "values.csv").read_bytes()
    report = import_file(out, tmp_data_dir)
    assert "changed values: 0" in report and "added values: 0" in report
    assert (tmp_data_dir / "values.csv").read_bytes() == before


@pytest.mark.parametrize("suffix", [".csv", ".txt"])
def test_text_exports_guard_formula_titles_and_read_back_exactly(
    suffix: str, tmp_data_dir: Path, tmp_path: Path
) -> None:
    catalogue = tmp_data_dir / "catalogue.csv"
    text = catalogue.read_text(encoding="utf-8")
    title = "Number of Early Help / Front Door Referrals (in month)"
    catalogue.write_text(text.replace(title, "=HYPERLINK(x) referrals", 1), encoding="utf-8")
    out = tmp_path / f"wide{suffix}"
    result = run_scorecard("--data", str(tmp_data_dir), "export-wide", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "'=HYPERLINK(" in out.read_text(encoding="utf-8")  # inert in a spreadsheet
    before = {name: (tmp_data_dir / name).read_bytes() for name in ("catalogue.csv", "values.csv")}
    report = import_file(out, tmp_data_dir)
    assert "catalogue changes: 0" in report and "changed values: 0" in report
    assert {name: (tmp_data_dir / name).read_bytes() for name in before} == before


def test_xlsx_export_never_writes_a_formula(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from scorecard.data.importer.wide_export import _xlsx_bytes

    out = tmp_path / "formula.xlsx"
    out.write_bytes(_xlsx_bytes([["ID", "=SUM(A1:A2)", "-5", "+1", "@x", "12"]]))
    cells = next(load_workbook(out).active.iter_rows())
    assert [cell.data_type for cell in cells] == ["s"] * 6
    assert [cell.quotePrefix for cell in cells] == [False, True, True, True, True, False]  # as export does
    assert cells[1].value == "=SUM(A1:A2)"
