"""``python -m scorecard init``: a council's files make the checkout its pack, and nothing is lost.

Re-creating the shipped pack from the seed gives the shipped data (with the catalogue's reviewed
judgements); narrative is never replaced without --force; the sections are the settings'; a data
folder from before the new columns still loads, and the next import writes them.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from _cli import run_scorecard

from scorecard.data.load import load_data
from scorecard.data.settings import load_settings
from scorecard.quarto.section_files import is_placeholder, placeholder

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "data" / "raw" / "scorecard-2024-25.txt"
COUNCILS = Path(__file__).parents[1] / "councils"
NORTHSHIRE = COUNCILS / "northshire" / "quarterly-performance-2024-25.csv"
JUDGEMENTS = ("unit", "polarity", "basis", "decimals", "notes", "series_break", "frequency")


def _init(project: Path, *args: str):
    return run_scorecard("--data", str(project / "data"), "init", *args, cwd=project)


def _records(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_init_of_the_seed_gives_the_shipped_data(tmp_path: Path) -> None:
    project = tmp_path / "cheshire-east"
    (project / "data").mkdir(parents=True)
    shutil.copy(ROOT / "data" / "settings.yaml", project / "data" / "settings.yaml")  # a clone's settings
    done = _init(project, str(SEED), "--organisation", "Cheshire East Council")
    assert done.returncode == 0, done.stderr
    # The sections keep their keys (their titles are the file's), and the organisation's settings stay.
    assert load_settings(project / "data" / "settings.yaml") == load_settings(ROOT / "data" / "settings.yaml")
    shipped = {row["id"]: row for row in _records(ROOT / "data" / "catalogue.csv")}
    made = _records(project / "data" / "catalogue.csv")
    for row in made:  # the analyst's review, March 2025: data/README.md's polarity judgements
        row.update({column: shipped[row["id"]][column] for column in JUDGEMENTS})
    assert made == list(shipped.values())
    for name in ("values.csv", "published_direction.csv"):
        assert (project / "data" / name).read_bytes() == (ROOT / "data" / name).read_bytes(), name
    assert [p.name for p in sorted((project / "sections").iterdir())] == [
        p.name for p in sorted((ROOT / "sections").glob("[0-9]*.qmd"))
    ]


def test_narrative_is_never_replaced_without_force(tmp_path: Path) -> None:
    project = tmp_path / "p"
    (project / "data").mkdir(parents=True)
    assert _init(project, str(NORTHSHIRE), "--organisation", "Northshire County Council").returncode == 0
    section = project / "sections" / "04-workforce.qmd"
    assert is_placeholder(section.read_text(), "workforce")
    written = section.read_text().replace("*Narrative to come.*", "Vacancies fell again this quarter.")
    section.write_text(written)
    before = _snapshot(project)
    again = _init(project, str(NORTHSHIRE), "--organisation", "Northshire County Council")
    problems = again.stderr.splitlines()
    assert again.returncode == 2
    # This council's data is there: starting again needs --force too; so does the narrative.
    assert any("already holds Northshire County Council's pack" in line for line in problems)
    assert _snapshot(project) == before
    (project / "data" / "values.csv").unlink()  # as if the data were not there yet
    before = _snapshot(project)
    refused = _init(project, str(NORTHSHIRE), "--organisation", "Northshire County Council")
    assert refused.returncode == 2
    (line, summary) = refused.stderr.splitlines()
    assert line.startswith("sections/04-workforce.qmd:1:-: value '04-workforce.qmd' - has narrative")
    assert "run init again with --force" in line and summary == "1 problem(s); nothing was written."
    assert _snapshot(project) == before
    forced = _init(project, str(NORTHSHIRE), "--organisation", "Northshire County Council", "--force")
    assert forced.returncode == 0, forced.stderr
    assert is_placeholder(section.read_text(), "workforce")


def test_an_untouched_placeholder_is_rewritten_and_other_sections_are_left(tmp_path: Path) -> None:
    project = tmp_path / "p"
    shutil.copytree(ROOT / "sections", project / "sections")
    (project / "data").mkdir()
    # the example's sections (not the new council's) hold narrative: they are left, and named
    done = _init(project, str(NORTHSHIRE), "--organisation", "Northshire County Council")
    assert done.returncode == 2 and "06-workforce.qmd" in done.stderr  # the key workforce is taken
    (project / "sections" / "06-workforce.qmd").unlink()
    done = _init(project, str(NORTHSHIRE), "--organisation", "Northshire County Council")
    assert done.returncode == 0, done.stderr
    assert "left as they are, not in this pack" in done.stdout and "01-early-help.qmd" in done.stdout
    assert (project / "sections" / "01-early-help.qmd").read_bytes() == (
        ROOT / "sections" / "01-early-help.qmd"
    ).read_bytes()
    include = (project / "_sections.qmd").read_text()
    assert "/01-early-help.qmd" not in include and "/01-front-door-early-help.qmd" in include
    (
        project / "data" / "values.csv"
    ).unlink()  # init again (the data not there): placeholders are no narrative
    again = _init(project, str(NORTHSHIRE), "--organisation", "Northshire County Council")
    assert again.returncode == 0, again.stderr
    assert "kept sections/04-workforce.qmd (unchanged)" in again.stdout


def test_a_placeholder_someone_edited_has_narrative() -> None:
    text = placeholder("front-door", "EH1")
    assert text.splitlines()[0].startswith("<!-- narrative-for: none | ")
    assert is_placeholder(text, "front-door")
    assert not is_placeholder(text.replace("Narrative to come.", "Contacts rose."), "front-door")
    assert not is_placeholder(text.replace("narrative-for: none", "narrative-for: 2025-03"), "front-door")
    assert '`{python} fmt_value("EH1")`' in text and '`{python} from_to("EH1")`' in text


def test_the_sections_come_from_the_settings(tmp_path: Path) -> None:
    project = tmp_path / "p"
    shutil.copytree(ROOT / "data", project / "data", ignore=shutil.ignore_patterns("raw"))
    shutil.copytree(ROOT / "sections", project / "sections")
    settings = (project / "data" / "settings.yaml").read_text()
    moved = settings.replace("  - key: workforce\n", "  - key: staff\n")
    (project / "data" / "settings.yaml").write_text(moved)
    (project / "data" / "catalogue.csv").write_text(
        (project / "data" / "catalogue.csv").read_text().replace(",workforce,", ",staff,")
    )
    missing = run_scorecard("--data", str(project / "data"), "sections", cwd=project)
    assert missing.returncode == 2
    assert "no section file sections/NN-staff.qmd" in missing.stderr
    assert not (project / "_sections.qmd").exists()
    (project / "sections" / "06-workforce.qmd").rename(project / "sections" / "06-staff.qmd")
    done = run_scorecard("--data", str(project / "data"), "sections", cwd=project)
    assert done.returncode == 0, done.stderr
    assert "{{< include /sections/06-staff.qmd >}}" in (project / "_sections.qmd").read_text()


def test_the_shipped_include_is_the_shipped_settings() -> None:
    from scorecard.quarto.section_files import include_text

    settings = load_settings(ROOT / "data" / "settings.yaml")
    paths = [f"sections/{n:02d}-{s.key}.qmd" for n, s in enumerate(settings.sections, start=1)]
    assert (ROOT / "_sections.qmd").read_text() == include_text(paths)
    assert "{{< include _sections.qmd >}}" in (ROOT / "report.qmd").read_text()


def test_a_file_with_no_section_needs_one_named(tmp_path: Path) -> None:
    source = tmp_path / "kpis.csv"
    source.write_text(
        "Ref,Indicator,Good is,Target,Apr-24,May-24\nK1,Contacts seen on time,High,90%,88%,91%\n"
    )
    project = tmp_path / "p"
    (project / "data").mkdir(parents=True)
    refused = _init(project, str(source), "--organisation", "Upshire Council")
    assert refused.returncode == 2
    assert "expected --section NAME" in refused.stderr.splitlines()[0]
    done = _init(project, str(source), "--organisation", "Upshire Council", "--section", "Key indicators")
    assert done.returncode == 0, done.stderr
    data = load_data(project / "data")
    assert [(s.key, s.title) for s in data.settings.sections] == [("key-indicators", "Key indicators")]
    assert data.values.set_index("period")["value"].to_dict() == {"2024-04": 88.0, "2024-05": 91.0}


def test_a_column_mapping_is_saved_for_later_imports(tmp_path: Path) -> None:
    source = tmp_path / "kpis.csv"
    source.write_text(
        "KPI,Indicator,Good is,Target,Apr-24,May-24\nK1,Contacts seen on time,High,90%,88%,91%\n"
    )
    project = tmp_path / "p"
    (project / "data").mkdir(parents=True)
    unknown = _init(project, str(source), "--organisation", "Upshire Council", "--section", "All")
    (problem, _) = unknown.stderr.splitlines()
    assert problem.startswith(f"{source}:1:KPI: value 'KPI' - unknown column; to read it, pass --column")
    assert '"KPI=FIELD"' in problem and "settings.yaml" in problem and "good is" in problem
    done = _init(
        project, str(source), "--organisation", "Upshire Council", "--section", "All", "--column", "KPI=id"
    )
    assert done.returncode == 0, done.stderr
    assert load_settings(project / "data" / "settings.yaml").columns == {"KPI": "id"}
    later = tmp_path / "june.csv"
    later.write_text("KPI,Indicator,Good is,Target,Jun-24\nK1,Contacts seen on time,High,90%,93%\n")
    imported = run_scorecard("--data", str(project / "data"), "import", str(later), cwd=project)
    assert imported.returncode == 0, imported.stderr
    assert "added periods: 2024-06" in imported.stdout


def test_a_data_folder_from_before_the_new_columns_loads_and_is_written_with_them(tmp_path: Path) -> None:
    old = tmp_path / "old"
    shutil.copytree(Path(__file__).parents[1] / "bad_input" / "_base", old)
    header = (old / "catalogue.csv").read_text().splitlines()[0]
    assert "frequency" not in header  # the folder as it was written before
    data = load_data(old)
    assert data.catalogue.set_index("id").loc["59", "frequency"] == "quarterly"  # from its basis
    later = tmp_path / "later.txt"
    later.write_text(
        "ID\tEarly Help and Front Door Responses - x\tMar-25\tTarget\tSN av\tDirection of travel\n"
        "1\tNumber of Early Help / Front Door Referrals (in month)\t700\tMonitor\tN/A\t\n"
    )
    done = run_scorecard("--data", str(old), "import", str(later))
    assert done.returncode == 0, done.stderr
    header = (old / "catalogue.csv").read_text().splitlines()[0]
    assert header.endswith(",previous_year_period,lead,benchmark,baseline")
    assert (old / "values.csv").read_text().splitlines()[0] == (
        "id,period,value,status,count,raw,numerator,denominator"
    )


@pytest.mark.parametrize("name", ["", "   "])
def test_an_organisation_is_needed(tmp_path: Path, name: str) -> None:
    project = tmp_path / "p"
    (project / "data").mkdir(parents=True)
    done = _init(project, str(NORTHSHIRE), "--organisation", name)
    assert done.returncode == 2 and "expected the council's name" in done.stderr


def test_init_through_a_linked_data_folder_writes_in_the_project(tmp_path: Path) -> None:
    # data/ a link to a shared drive: the sections belong to the project the link sits in, as every
    # other command (check, the render) reads them there; nothing is written beside the link's target.
    shared = tmp_path / "shared-drive" / "data"
    shared.mkdir(parents=True)
    project = tmp_path / "p"
    project.mkdir()
    (project / "data").symlink_to(shared, target_is_directory=True)
    done = run_scorecard(
        "--data", "data", "init", str(NORTHSHIRE), "--organisation", "Northshire County Council", cwd=project
    )
    assert done.returncode == 0, done.stderr
    assert (project / "_sections.qmd").is_file() and list((project / "sections").glob("*.qmd"))
    assert sorted(p.name for p in (tmp_path / "shared-drive").iterdir()) == ["data"]
    assert (shared / "catalogue.csv").is_file()
    checked = run_scorecard("--data", "data", "check", cwd=project)
    assert checked.returncode == 0, checked.stderr


def _sections_file(folder: Path, titles: list[str]) -> Path:
    """A wide file with a Section column: one indicator (K1, K2, ...) in each section of ``titles``."""
    rows = ["Ref,Indicator,Section,Good is,Target,Apr-24,May-24"]
    rows += [f'K{n},Measure {n},"{title}",High,90%,88%,91%' for n, title in enumerate(titles, start=1)]
    path = folder / "kpis.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_two_titles_with_one_slug_are_two_sections(tmp_path: Path) -> None:
    # "Front door" and "Front-door" slug alike: each keeps its own key and its own indicator, at init
    # and at every import after it (a file names a section by its title first).
    source = _sections_file(tmp_path, ["Front door", "Front-door"])
    project = tmp_path / "p"
    (project / "data").mkdir(parents=True)
    assert _init(project, str(source), "--organisation", "Upshire Council").returncode == 0
    data = load_data(project / "data")
    assert [(s.key, s.title) for s in data.settings.sections] == [
        ("front-door", "Front door"),
        ("front-door-2", "Front-door"),
    ]
    assert data.catalogue.set_index("id")["section"].to_dict() == {"K1": "front-door", "K2": "front-door-2"}
    imported = run_scorecard("--data", str(project / "data"), "import", str(source), cwd=project)
    assert imported.returncode == 0, imported.stderr
    again = load_data(project / "data").catalogue.set_index("id")["section"].to_dict()
    assert again == {"K1": "front-door", "K2": "front-door-2"}


def test_a_kept_title_keeps_its_key_whatever_comes_first(tmp_path: Path) -> None:
    # A section the settings have keeps its key (and so its narrative file), even when a new title
    # with the same slug comes before it in the files.
    project = tmp_path / "p"
    (project / "data").mkdir(parents=True)
    first = _sections_file(tmp_path, ["Front door"])
    assert _init(project, str(first), "--organisation", "Upshire Council").returncode == 0
    section = project / "sections" / "01-front-door.qmd"
    section.write_text(section.read_text().replace("*Narrative to come.*", "Contacts rose."))
    source = _sections_file(tmp_path, ["Front-door", "Front door"])
    done = _init(project, str(source), "--organisation", "Upshire Council", "--force")
    assert done.returncode == 0, done.stderr
    settings = load_settings(project / "data" / "settings.yaml")
    assert [(s.key, s.title) for s in settings.sections] == [
        ("front-door-2", "Front-door"),
        ("front-door", "Front door"),
    ]
    assert "Contacts rose." not in (project / "sections" / "01-front-door.qmd").read_text()  # --force


def test_a_hundred_sections_each_have_their_file(tmp_path: Path) -> None:
    # The 100th section's file is 100-section-100.qmd: found as any other, at init and after.
    source = _sections_file(tmp_path, [f"Section {n}" for n in range(1, 101)])
    project = tmp_path / "p"
    (project / "data").mkdir(parents=True)
    done = _init(project, str(source), "--organisation", "Upshire Council")
    assert done.returncode == 0, done.stderr
    assert "nothing was written" not in done.stderr
    assert (project / "sections" / "100-section-100.qmd").is_file()
    include = (project / "_sections.qmd").read_text()
    assert include.count("{{< include /sections/") == 100
    assert include.index("/sections/99-section-99.qmd") < include.index("/sections/100-section-100.qmd")
    again = run_scorecard("--data", str(project / "data"), "sections", cwd=project)
    assert again.returncode == 0 and again.stdout.endswith("_sections.qmd: 100 sections\n")
    assert again.stdout.startswith("unchanged: ")
    checked = run_scorecard("check", cwd=project)
    assert checked.returncode == 0, checked.stderr


def test_the_summary_shows_text_from_the_files_escaped(tmp_path: Path) -> None:
    # A sheet's name is the workbook's text, printed in the summary: a terminal's control sequence in
    # it is shown as a problem line shows it, never sent to the terminal.
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "KPIs\x9b2J\u202e"
    for row in (
        ["Ref", "Indicator", "Good is", "Target", "Apr-24"],
        ["K1", "Contacts seen", "High", "90%", 0.88],
    ):
        sheet.append(row)
    source = tmp_path / "kpis.xlsx"
    book.save(source)
    project = tmp_path / "p"
    (project / "data").mkdir(parents=True)
    done = _init(project, str(source), "--organisation", "Upshire Council", "--section", "All")
    assert done.returncode == 0, done.stderr
    assert "read sheet 'KPIs\\x9b2J\\u202e'" in done.stdout
    assert all(c.isprintable() for c in done.stdout.replace("\n", ""))


def test_a_full_disk_at_any_write_leaves_the_project_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Section files, data and _sections.qmd are one commit: a write that fails (a full disk, a folder
    # that cannot be written) before the journal leaves every file as it was, and says so in one line.
    import errno
    import os

    from scorecard.cli import main
    from scorecard.data.files import folder, journal

    project = tmp_path / "p"
    shutil.copytree(ROOT / "data", project / "data", ignore=shutil.ignore_patterns("raw"))
    before = _snapshot(project)
    real = journal.write_synced
    writes = 0

    def full(path: Path, content: bytes) -> None:
        nonlocal writes
        writes += 1
        if writes == failing:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
        real(path, content)

    monkeypatch.setattr(journal, "write_synced", full)  # each temporary
    monkeypatch.setattr(folder, "write_synced", full)  # and the journal, written last
    failing = 0
    args = ["--data", str(project / "data"), "init", str(NORTHSHIRE), "--organisation", "Northshire"]
    assert main(args) == 0  # counts the writes: the data files, the section files, _sections.qmd
    total = writes
    assert total > 8
    for failing in range(1, total + 1):
        shutil.rmtree(project)
        shutil.copytree(ROOT / "data", project / "data", ignore=shutil.ignore_patterns("raw"))
        writes = 0
        capsys.readouterr()
        assert main(args) == 2, failing
        err = capsys.readouterr().err.splitlines()
        assert len(err) == 2 and "cannot write in it (No space left on device); expected" in err[0]
        assert _snapshot(project) == before, f"write {failing}"
        assert sorted(p.name for p in project.iterdir()) == ["data"]
