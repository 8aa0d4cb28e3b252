"""Files as analysts really have them: workbooks with more sheets, Windows-1252 exports, a financial-year
template whose later months are still blank, arrows not yet published, indicators with no values yet."""

from __future__ import annotations

import codecs
import shutil
from pathlib import Path

import pandas as pd
import pytest
from _cli import run_scorecard

from scorecard.data import cross_file_checks
from scorecard.data.importer.importing import import_file
from scorecard.data.load import load_data
from scorecard.data.textfiles import (
    WINDOWS_1252_NOTICE,
    decode,
    guard_formula,
    is_windows_1252,
    unguard_formula,
)
from scorecard.model import pack_month
from scorecard.problems import DataError

BAD_INPUT = Path(__file__).parents[1] / "bad_input"
ARROWS = "▲▼◀▶"


def _seed_rows(seed_path: Path) -> list[list[str]]:
    return [line.split("\t") for line in seed_path.read_text(encoding="utf-8").split("\n")]


def _workbook(path: Path, sheets: dict[str, list[list[str]]]) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append([cell if cell else None for cell in row])
    book.save(path)
    return path


@pytest.fixture
def seeded(seed_path: Path, empty_data_dir: Path) -> Path:
    import_file(seed_path, empty_data_dir)
    return empty_data_dir


def _fresh(tmp_path: Path, seeded: Path, name: str) -> Path:
    target = tmp_path / name
    target.mkdir()
    shutil.copy(seeded / "settings.yaml", target / "settings.yaml")
    return target


# --- workbooks ----------------------------------------------------------------------------------------

NOTES = [["Notes"], ["Figures are provisional until the quarter is closed."]]
DEFINITIONS = [["Term", "Meaning"], ["NYC", "Not yet complete"]]


def test_the_table_sheet_is_read_and_the_others_are_named(
    seed_path: Path, seeded: Path, tmp_path: Path
) -> None:
    book = _workbook(
        tmp_path / "seed.xlsx",
        {"Scorecard": _seed_rows(seed_path), "Notes": NOTES, "Definitions": DEFINITIONS},
    )
    target = _fresh(tmp_path, seeded, "book")
    report = import_file(book, target)
    assert "seed.xlsx: read sheet 'Scorecard'; skipped, no scorecard table: 'Notes', 'Definitions'" in report
    assert (target / "values.csv").read_bytes() == (seeded / "values.csv").read_bytes()


def test_sheet_names_the_sheet_to_read(seed_path: Path, seeded: Path, tmp_path: Path) -> None:
    book = _workbook(tmp_path / "seed.xlsx", {"Notes": NOTES, "Scorecard": _seed_rows(seed_path)})
    target = _fresh(tmp_path, seeded, "book")
    result = run_scorecard("--data", str(target), "import", str(book), "--sheet", "scorecard")  # any case
    assert result.returncode == 0, result.stderr
    assert "seed.xlsx: read sheet 'Scorecard'; other sheets ignored: 'Notes'" in result.stdout
    assert (target / "values.csv").read_bytes() == (seeded / "values.csv").read_bytes()
    again = _fresh(tmp_path, seeded, "again")  # without --sheet: the sheet with a table, not the notes
    assert "skipped, no scorecard table: 'Notes'" in "\n".join(import_file(book, again))
    assert (again / "values.csv").read_bytes() == (seeded / "values.csv").read_bytes()
    only_notes = _workbook(tmp_path / "notes.xlsx", {"Notes": NOTES, "Definitions": DEFINITIONS})
    with pytest.raises(DataError) as error:  # no sheet holds a table: the first says why
        import_file(only_notes, target)
    assert "no section header found" in str(error.value)


@pytest.mark.parametrize("state", ["hidden", "veryHidden"])
def test_a_hidden_first_sheet_is_not_read_unless_named(
    seed_path: Path, seeded: Path, tmp_path: Path, state: str
) -> None:
    from openpyxl import load_workbook

    seed = _seed_rows(seed_path)
    planted = [[cell.replace("1083", "9999") for cell in row] for row in seed]
    assert planted != seed
    book = _workbook(tmp_path / "seed.xlsx", {"Old": planted, "Scorecard": seed})
    workbook = load_workbook(book)
    workbook["Old"].sheet_state = state  # Excel's Hide (or VBA's veryHidden: not in the Unhide dialog)
    workbook.active = 1
    workbook.save(book)
    target = _fresh(tmp_path, seeded, "book")
    report = import_file(book, target)
    assert "seed.xlsx: read sheet 'Scorecard'; other sheets ignored: 'Old' (hidden)" in report
    assert (target / "values.csv").read_bytes() == (seeded / "values.csv").read_bytes()
    named = run_scorecard("--data", str(target), "import", str(book), "--sheet", "Old")
    assert named.returncode == 0, named.stderr
    assert "read sheet 'Old' (a hidden sheet, read because --sheet names it)" in named.stdout
    assert "5,2025-03,9999," in (target / "values.csv").read_text()  # named, it is read


def test_a_sheet_that_is_not_there_lists_the_sheets(
    seed_path: Path, tmp_path: Path, tmp_data_dir: Path
) -> None:
    book = _workbook(tmp_path / "seed.xlsx", {"Scorecard": _seed_rows(seed_path), "Notes": NOTES})
    before = (tmp_data_dir / "values.csv").read_bytes()
    result = run_scorecard("--data", str(tmp_data_dir), "import", str(book), "--sheet", "April")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        f"{book}:-:--sheet: value 'April' - no such sheet in the workbook; expected one of: 'Scorecard', "
        "'Notes'",
        "1 problem(s); nothing was written.",
    ]
    assert (tmp_data_dir / "values.csv").read_bytes() == before


# --- Windows-1252 ---------------------------------------------------------------------------------------


def test_a_windows_1252_export_imports_with_a_notice(seed_path: Path, seeded: Path, tmp_path: Path) -> None:
    """What Excel on Windows writes for "Text": Windows-1252, the arrows it cannot hold written as '?'."""
    text = seed_path.read_text(encoding="utf-8")
    path = tmp_path / "seed.txt"
    path.write_bytes(text.encode("cp1252", errors="replace"))
    assert b"\x96" in path.read_bytes() and not path.read_bytes().isascii()  # the en dashes of 29, 30, 75-81
    target = _fresh(tmp_path, seeded, "windows")
    report = import_file(path, target)
    assert f"seed.txt: {WINDOWS_1252_NOTICE}" in report
    arrows = sum(
        1 for row in _seed_rows(seed_path) if row[0][:1].isdigit() and any(a in "".join(row) for a in ARROWS)
    )
    lost = next(line for line in report if line.startswith("arrows lost as '?'"))
    assert lost.split(": ")[1].startswith(f"{arrows} (ID 1, 2, 3,")
    assert (target / "values.csv").read_bytes() == (seeded / "values.csv").read_bytes()
    catalogue = load_data(target).catalogue.set_index("id")
    assert catalogue.loc["29", "title"] == load_data(seeded).catalogue.set_index("id").loc["29", "title"]
    assert load_data(target).published_direction.empty  # a lost arrow is no published arrow


@pytest.mark.parametrize(
    ("data", "windows"),
    [
        ("Early Help – Front Door £5 café".encode("cp1252"), True),
        ("Early Help – Front Door ▲".encode(), False),  # valid UTF-8: never reached, decoded as UTF-8
        ("Early Help – Front Door ▲ and ".encode() + b"\x96", False),  # broken UTF-8, not Windows-1252
        (b"Early Help \x81 Front Door", False),  # 0x81 is undefined in Windows-1252
        (b"plain ASCII", True),
    ],
)
def test_what_reads_as_windows_1252(data: bytes, windows: bool) -> None:
    assert is_windows_1252(data) is windows


def test_broken_utf8_is_still_rejected_line_by_line() -> None:
    data = "a,b\n1,▲\n2,".encode() + b"caf\xe9\n"
    text, problems, notice = decode(data, "x.csv")
    assert (text, notice) == ("", "")
    assert [(p.row, p.column) for p in problems] == [(3, "field 2")]


def test_a_windows_1252_catalogue_loads_with_a_notice(tmp_path: Path) -> None:
    """Excel on Windows saves an edited catalogue.csv as Windows-1252: the edit is kept, and said."""
    folder = tmp_path / "mini"
    shutil.copytree(BAD_INPUT / "_base", folder)
    catalogue = folder / "catalogue.csv"
    text = catalogue.read_text(encoding="utf-8").replace("Early Help / Front Door", "Early Help – Front Door")
    catalogue.write_bytes(text.encode("cp1252"))
    data = load_data(folder)
    assert data.catalogue.set_index("id").loc["1", "title"].startswith("Number of Early Help – Front Door")
    assert data.notices == (f"{catalogue}: {WINDOWS_1252_NOTICE} (the next import writes it back as UTF-8)",)
    result = run_scorecard("--data", str(folder), "check")
    assert result.returncode == 0 and data.notices[0] in result.stdout


def test_utf8_data_files_have_no_notice(tmp_data_dir: Path) -> None:
    path = tmp_data_dir / "values.csv"
    path.write_bytes(codecs.BOM_UTF8 + path.read_bytes())
    assert load_data(tmp_data_dir).notices == ()


# --- the financial-year template ----------------------------------------------------------------------

HEADER = [
    "ID",
    "Early Help and Front Door Responses - x",
    "Apr-24",
    "May-24",
    "Jun-24",
    "Jul-24",
    "Aug-24",
    "Sep-24",
    "Oct-24",
    "Nov-24",
    "Dec-24",
    "Jan-25",
    "Feb-25",
    "Mar-25",
    "Target",
    "SN av",
    "Direction of travel",
]


def _template(path: Path, august: str, arrow: str = "▲") -> Path:
    figures = ["628", "683", "690", "776", august, *[""] * 7]
    title = "Number of Early Help / Front Door Referrals (in month)"
    lines = [HEADER, ["1", title, *figures, "Monitor", "N/A", arrow]]
    path.write_text("\n".join("\t".join(line) for line in lines) + "\n", encoding="utf-8")
    return path


def test_months_still_to_come_may_stand_blank(
    tmp_path: Path, empty_data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cross_file_checks, "this_month", lambda: "2024-09")
    report = import_file(_template(tmp_path / "august.txt", "602"), empty_data_dir)
    assert report[0].endswith("months 2024-04..2025-03")
    assert load_data(empty_data_dir).latest_period == "2024-08"
    # the arrow is August's, not the header's last month's
    assert load_data(empty_data_dir).published_direction["period"].tolist() == ["2024-08"]


def test_a_month_still_to_come_with_a_figure_is_a_problem(
    tmp_path: Path, empty_data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cross_file_checks, "this_month", lambda: "2024-07")
    with pytest.raises(DataError) as error:
        import_file(_template(tmp_path / "august.txt", "602"), empty_data_dir)
    (problem,) = error.value.problems
    assert (problem.row, problem.column, problem.value) == (1, "Aug-24", "Aug-24")
    assert "impossible month" in problem.message and "its column holds 1 cell(s)" in problem.message
    assert not (empty_data_dir / "values.csv").exists()


def test_a_stray_leading_cell_and_no_arrow_yet_align_from_the_target(
    tmp_path: Path, tmp_data_dir: Path
) -> None:
    """35e as the seed has it (a stray empty cell before Apr-24), in a month before it had an arrow:
    the row's last cell is the empty arrow, not an extra trailing cell."""
    header = [
        "ID",
        "At risk of Care, Cared for and Care Experienced Children and Young People - x",
        *HEADER[2:],
    ]
    row = [
        "35e",
        "Total number of approved Kinship Households",
        "",
        *[""] * 6,
        "65",
        "56",
        "56",
        "52",
        "48",
        "",
        "Monitor",
        "N/A",
        "",
    ]
    path = tmp_path / "february.txt"
    path.write_text("\t".join(header) + "\n" + "\t".join(row) + "\n", encoding="utf-8")
    report = import_file(path, tmp_data_dir)
    assert "changed values: 0" in report and "catalogue changes: 0" in report
    values = load_data(tmp_data_dir).values.set_index(["id", "period"])
    assert values.loc[("35e", "2024-10"), "value"] == 65 and values.loc[("35e", "2025-02"), "value"] == 48


# --- indicators with no values yet ---------------------------------------------------------------------


def test_an_indicator_with_no_values_yet_is_not_a_problem(tmp_path: Path) -> None:
    """Formerly the corpus case check-no-values: an indicator is added when it is agreed, before its
    first figure."""
    folder = tmp_path / "mini"
    shutil.copytree(BAD_INPUT / "_base", folder)
    catalogue = folder / "catalogue.csv"
    row = (
        "60,qa-auditing,Overall percentage of family help audits graded as good or better,percent,"
        "higher_is_better,55%,N/A,quarterly,0,,Published note: Process commenced in quarter 2\n"
    )
    catalogue.write_text(catalogue.read_text(encoding="utf-8") + row, encoding="utf-8")
    result = run_scorecard("--data", str(folder), "check")
    assert result.returncode == 0, result.stderr
    assert "5 indicators" in result.stdout
    assert "60" not in set(load_data(folder).values["id"])


# --- the pack's month ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cells", "month"),
    [
        ([("1", "2024-08"), ("59", "2024-09")], "2024-08"),  # Q2 audits filed on September
        ([("1", "2024-09"), ("59", "2024-09")], "2024-09"),
        ([("59", "2024-09"), ("59", "2024-12")], "2024-12"),  # only quarterly indicators: they decide
        ([("1", "2024-07"), ("2", "2024-08"), ("59", "2024-12")], "2024-08"),
        ([], None),
    ],
)
def test_the_pack_month_is_the_latest_with_monthly_data(
    cells: list[tuple[str, str]], month: str | None
) -> None:
    assert pack_month(cells, {"59"}) == month


def test_check_names_the_pack_month(tmp_data_dir: Path) -> None:
    values = pd.read_csv(tmp_data_dir / "values.csv", dtype=str, keep_default_na=False)
    values = values[
        (values["period"] <= "2024-08") | values["id"].isin(["59", "60"]) & (values["period"] == "2024-09")
    ]
    values.to_csv(tmp_data_dir / "values.csv", index=False, lineterminator="\n")
    result = run_scorecard("--data", str(tmp_data_dir), "check")
    assert result.returncode == 0, result.stderr
    assert "periods 2024-04..2024-09; the pack's month is 2024-08" in result.stdout


# --- formula guard -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "guarded"),
    [
        ('=HYPERLINK("x")', '\'=HYPERLINK("x")'),
        ("+44 1625", "'+44 1625"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
        ("-5", "-5"),
        ("-0.5", "-0.5"),
        ("Monitor", "Monitor"),
        ("", ""),
    ],
)
def test_formula_guard(text: str, guarded: str) -> None:
    assert guard_formula(text) == guarded
    assert unguard_formula(guard_formula(text)) == text
