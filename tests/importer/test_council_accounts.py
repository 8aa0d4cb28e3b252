"""A council's workbook with Comments, Action, Owner and Due columns: init and import keep every cell
of them (commentary.csv, actions.csv, the catalogue's lead), and the pack shows them.

The workbook is Kingsmere's (tests/_council_accounts.py), kept as a council keeps it, not as the seed
is: a title and a note above the header, months as Excel dates, service areas as heading rows, line
breaks inside the comments, due dates as Excel dates, a quarter or a month.
"""

from __future__ import annotations

import csv
import datetime as dt
import shutil
from pathlib import Path

import pytest
from _cli import run_scorecard
from _council_accounts import APRIL_ACCOUNTS, MARCH, ORGANISATION, workbook

from scorecard.data.load import load_data
from scorecard.pack.narrative import helpers as narrative
from scorecard.pack.narrative.commentary import use_commentary
from scorecard.pack.narrative.facts import facts_from, use
from scorecard.pack.parts.since_last_pack import since_last_pack
from scorecard.rules.frame import build_scorecard

ROOT = Path(__file__).resolve().parents[2]


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A checkout made Kingsmere's pack by init, from its March file."""
    folder = tmp_path / "kingsmere"
    folder.mkdir()
    for name in ("report.qmd", "_quarto.yml"):
        shutil.copy(ROOT / name, folder / name)
    (folder / "data").mkdir()
    march = workbook(tmp_path / "kingsmere-2025-03.xlsx", "2025-03")
    done = run_scorecard("init", str(march), "--organisation", ORGANISATION, cwd=folder)
    assert done.returncode == 0, done.stderr
    return folder


def _said(text: str) -> str:
    return " ".join(text.split())


def test_init_keeps_every_comment_action_owner_and_due_month(project: Path) -> None:
    data = project / "data"
    commentary = _rows(data / "commentary.csv")
    assert {(r["id"], r["period"], r["text"], r["source"]) for r in commentary} == {
        (ref, "2025-03", _said(comments), "kingsmere-2025-03.xlsx")
        for ref, (comments, _, _, _) in MARCH.items()
        if comments
    }
    actions = _rows(data / "actions.csv")
    assert [(r["id"], r["action"], r["owner"], r["raised"], r["due"], r["status"]) for r in actions] == [
        ("KM2", "Recruit two MASH social workers", "Head of Front Door", "2025-02", "2025-02", "open"),
        (
            "KM3",
            "Audit closures from Sep-Nov 2024",
            "Service Manager, Early Help",
            "2025-03",
            "2025-06",
            "open",
        ),
    ]
    leads = {r["id"]: r["lead"] for r in _rows(data / "catalogue.csv")}
    assert leads == {ref: owner for ref, (_, _, owner, _) in MARCH.items()}  # Owner: the indicator's lead


def test_the_import_files_the_next_months_commentary_and_actions(project: Path, tmp_path: Path) -> None:
    april = workbook(tmp_path / "kingsmere-2025-04.xlsx", "2025-04")
    done = run_scorecard("import", str(april), cwd=project)
    assert done.returncode == 0, done.stderr
    assert "kingsmere-2025-04.xlsx: commentary kept for 2025-04: 2 (ID KM2, KM3)" in done.stdout
    assert "ID KM2 action due: '2025-02' -> '2025-05'" in done.stdout  # the same action, a later date
    assert "actions added: 1 (ID KM3)" in done.stdout
    assert "open actions the file no longer lists" in done.stdout and "Audit closures" in done.stdout
    commentary = _rows(project / "data" / "commentary.csv")
    assert [(r["id"], r["period"]) for r in commentary] == [
        ("KM1", "2025-03"),
        ("KM2", "2025-03"),
        ("KM3", "2025-03"),
        ("KM4", "2025-03"),
        ("KM2", "2025-04"),
        ("KM3", "2025-04"),
    ]  # March's kept: the log of what was said, month by month
    actions = _rows(project / "data" / "actions.csv")
    assert [(r["id"], r["raised"], r["due"], r["status"]) for r in actions] == [
        ("KM2", "2025-02", "2025-05", "open"),  # its line kept: what `actions close` names
        ("KM3", "2025-03", "2025-06", "open"),  # no longer in the file, never closed by it
        ("KM3", "2025-04", "2025-07", "open"),
    ]
    assert APRIL_ACCOUNTS["KM3"][1] == actions[2]["action"]


def test_the_pack_shows_the_files_commentary_and_actions(project: Path) -> None:
    data = load_data(project / "data")
    sc = build_scorecard(data)
    use(facts_from(sc, since_last_pack(sc)))
    use_commentary([])  # nothing written inline: the file's commentary is shown
    from scorecard.pack.exceptions import accountability

    accounts = accountability(sc)
    assert accounts["KM2"]["exception"] is True  # 95% target above the upper process limit
    assert "consistently failing" in str(accounts["KM2"]["exception_reasons"])
    assert accounts["KM2"]["commentary"] == _said(MARCH["KM2"][0])
    assert accounts["KM2"]["open_actions"] == (
        "Recruit two MASH social workers (Head of Front Door, due February 2025, overdue)"
    )
    assert narrative.open_actions("KM3") == (
        "Audit closures from Sep-Nov 2024 (Service Manager, Early Help, due June 2025)"
    )
    assert narrative.overdue_count() == "1"


def test_the_rendered_cells_show_the_commentary_from_the_file_and_the_overdue_action(project: Path) -> None:
    # The report's cells, run as Quarto runs them (no Quarto needed): the exception page and the
    # section table's commentary from the file, the action log with the overdue action.
    from _qmd_runner import execute

    sections = project / "sections"
    for section in sections.glob("*.qmd"):  # init wrote placeholders; mark them this month's
        section.write_text(section.read_text().replace("narrative-for: none", "narrative-for: 2025-03", 1))
    shown = "\n".join(
        out["data"].get("text/markdown", "") for _, out in execute(project / "report.qmd").outputs()
    )
    assert "**Commentary** *(from the council's file, kingsmere-2025-03.xlsx)*: Decisions within" in shown
    assert "**Commentary from the council's file** (kingsmere-2025-03.xlsx):" in shown  # after the table
    assert "⚠ overdue" in shown


def test_a_due_date_that_is_no_month_is_one_problem_and_nothing_is_written(tmp_path: Path) -> None:
    folder = tmp_path / "project"
    (folder / "data").mkdir(parents=True)
    march = workbook(tmp_path / "kingsmere.xlsx", "2025-03")
    from openpyxl import load_workbook

    book = load_workbook(march)
    sheet = book["Scorecard"]
    due = next(cell for cell in sheet[5] if cell.value == "Due").column
    row = next(r for r in range(6, sheet.max_row + 1) if sheet.cell(r, 1).value == "KM3")
    sheet.cell(row, due).value = "Ongoing"
    book.save(march)
    done = run_scorecard("init", str(march), "--organisation", ORGANISATION, cwd=folder)
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        f"{march}:{row}:Due: value 'Ongoing' - not a due month; expected a month (Jun-25, June 2025, "
        "2025-06), a date in it (30/06/2025) or a quarter (Q1 2025/26, its last month), or blank",
        "1 problem(s); nothing was written.",
    ]
    assert sorted(p.name for p in (folder / "data").iterdir()) == []
    assert dt.date.today()  # the workbook's dates are data, not today's
