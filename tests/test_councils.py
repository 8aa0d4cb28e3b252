"""Other councils' files, tried as a new user would: init, then make report, with no code edited.

Five scorecards in layouts the seed does not have, written the way other councils publish them
(tests/councils/):
- Northshire: a quarterly CSV with "Good is" and targets in words, a title above its header row, last
  year's outturn, statistical neighbour and England figures, arrows in words;
- Westbury: a monthly .xlsx workbook (months as Excel dates, percentages as fractions) with a Section
  column, the council's own bands for some indicators and its own tolerance for others, benchmarks,
  the published RAG and each indicator's lead;
- Eastmoor: a warehouse's long values (one row per indicator per month, dated month ends, numerators
  and denominators, some values left for the numerators to give) beside a catalogue file;
- Southvale: a workbook of one sheet per section (a Cover, a title block above each table, months as
  Excel dates, percentages formatted 0.0%, a RAG and a Comments column, a Key and a hidden sheet),
  initialised with the example's section files left in place;
- Midford: a warehouse extract whose period is split into a Financial Year and a Month column beside
  the period's end date (numerators and denominators, comments), beside the KPI catalogue workbook
  (a Read me sheet, then the list, polarity as Bigger is better / Low is good).

Each is initialised in a fresh copy of the project (the example's section files removed, as
docs/own-council.md says, but for Southvale). The expected rating and direction of every
indicator were worked out by hand from the files (the comments show the arithmetic), never read back
from the code. Each pack is then rendered once for real, as ``make report`` does, and its PDF holds
every title.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from _cli import run_scorecard
from _render import Rendered, copy_inputs, render_folder, require_tool, tracebacks
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser
from test_render_html import VIEWPORT, WCAG_TAGS

from scorecard.data.importer.init import settings_text
from scorecard.data.load import load_data
from scorecard.rules import export_frame
from scorecard.rules.frame import build_scorecard

ROOT = Path(__file__).resolve().parent.parent
COUNCILS = Path(__file__).parent / "councils"

# id -> (rating, direction, trend) at the pack's period.
NORTHSHIRE = {
    "NS01": ("amber", "down", "declining"),  # 89.4 < 90 >= 76.5 (90 x 0.85); 91.2 -> 89.4
    "NS02": ("amber", "up", "declining"),  # fewer than 20: 22.5 <= 23.0; 20.6 -> 22.5, low is good
    "NS03": ("none", "none", "not_applicable"),  # Q4 is NYC; no target
    "NS04": ("green", "down", "no_change"),  # 339.0 in 300-350; 341.9 was in it too
    "NS05": ("red", "up", "declining"),  # no more than 3: 3.6 > 3.45; 3.0 -> 3.6
    "NS06": ("green", "down", "improving"),  # 69.5 in 60-70; 70.2 was 0.2 outside
    "NS07": ("green", "none", "not_applicable"),  # annual, Q2's 58.0 > SN 56.0; no earlier figure
    "NS08": ("green", "up", "declining"),  # below 15: 14.9; 14.6 -> 14.9, low is good
    "NS09": ("amber", "down", "declining"),  # at or above England 88.0: 87.6 >= 74.8; 89.1 -> 87.6
    "NS10": ("green", "down", "improving"),  # no more than 15: 14.8; 15.4 -> 14.8
    "NS11": ("amber", "up", "declining"),  # fewer than 18: 18.0 is not, <= 20.7; 17.6 -> 18.0
    "NS12": ("none", "up", "not_applicable"),  # monitor; 21 -> 22
}
WESTBURY = {
    "WB1": ("none", "up", "not_applicable"),  # no target; 1,090 -> 1,134
    "WB2": ("amber", "down", "declining"),  # bands: 93.2 in 85-94.9; 95.5 -> 93.2
    "WB3": ("amber", "down", "improving"),  # 20% with its own 10%: 21.4 <= 22.0; 22.3 -> 21.4
    "WB4": ("red", "down", "declining"),  # 90% with its own 5%: 84.9 < 85.5; 86.0 -> 84.9
    "WB5": ("green", "up", "improving"),  # bands: 100.0 >= 98; 96.3 -> 100.0
    "WB6": ("amber", "up", "declining"),  # bands: 46.3 in 45.1-50; 44.8 was in green 40-45
    "WB7": ("amber", "up", "declining"),  # 60-70 with its own 10%: 71.5 <= 77; 70.8 was nearer
    "WB8": ("amber", "down", "declining"),  # at least 90: 88.0 >= 76.5; 91.0 -> 88.0
    "WB9": ("red", "up", "declining"),  # bands: 16.4 > 16; 15.9 -> 16.4, low is good
    "WB10": ("none", "up", "not_applicable"),  # monitor; 24 -> 26
}
EASTMOOR = {
    "EM-01": ("green", "up", "improving"),  # 44 of 51 = 86.3 >= 85; 40 of 50 = 80.0
    "EM-02": ("amber", "down", "declining"),  # 11 of 13 = 84.6 >= 76.5; 12 of 12 = 100.0
    "EM-03": ("amber", "up", "improving"),  # value blank: 9 of 11 = 81.8; 10 of 14 = 71.4
    "EM-04": ("none", "none", "not_applicable"),  # March is NYC
    "EM-05": ("green", "up", "no_change"),  # 452 / 61,234 x 10,000 = 73.8 in 65-75; 448 -> 73.2
    "EM-06": ("green", "up", "improving"),  # quarterly: 45 of 50 = 90.0 >= 88; Q3 42 of 50 = 84.0
    "EM-07": ("amber", "up", "declining"),  # 412 / 22.5 = 18.3 > 18, <= 20.7; 398 / 22 = 18.1
}
SOUTHVALE = {
    "SV01": ("none", "up", "not_applicable"),  # monitor; 1,210 -> 1,254
    "SV02": ("amber", "down", "declining"),  # 95%: 93.2 >= 80.75 (95 x 0.85); 95.5 -> 93.2
    "SV03": ("green", "down", "improving"),  # below 22%: 21.4; 22.6 -> 21.4, low is good
    "SV04": ("red", "up", "declining"),  # no more than 3%: 3.6 > 3.45 (3 x 1.15); 3.0 -> 3.6
    "SV05": ("green", "up", "improving"),  # at least 90%: 91.0; 88.0 -> 91.0
    "SV06": ("amber", "up", "declining"),  # 35 - 45: 46.3 <= 51.75 (45 x 1.15); 44.8 was in the band
    "SV07": ("green", "down", "no_change"),  # 60-70: 68.4; 69.1 was in it too
    "SV08": ("amber", "down", "declining"),  # 90%: 88.0 >= 76.5; 91.0 -> 88.0
    "SV09": ("amber", "up", "declining"),  # fewer than 30: 31 is not, <= 34.5 (30 x 1.15); 28 -> 31
}
MIDFORD = {
    "MF-EH1": ("none", "down", "not_applicable"),  # monitor; 150 -> 142
    "MF-EH2": ("green", "up", "improving"),  # 88 of 100 = 88.0 >= 85; 80 of 96 = 83.3
    "MF-SG1": ("amber", "up", "declining"),  # below 20%: 45 of 200 = 22.5 <= 23.0; 40 of 205 = 19.5
    "MF-SG2": ("red", "down", "declining"),  # at least 90%: 19 of 25 = 76.0 < 76.5; 21 of 24 = 87.5
    "MF-CP1": ("green", "up", "no_change"),  # between 65 and 75: 73.8; 73.2 was in it too
    "MF-CP2": ("green", "down", "improving"),  # no more than 18: 17.5; 18.4 -> 17.5
    "MF-CP3": ("none", "none", "not_applicable"),  # March is NYC
}
CASES = {
    "northshire": (
        "Northshire County Council",
        ["northshire/quarterly-performance-2024-25.csv"],
        NORTHSHIRE,
        "2025-03",
    ),
    "westbury": ("Westbury Borough Council", ["westbury/scorecard-2024-25.xlsx"], WESTBURY, "2025-03"),
    "eastmoor": (
        "Eastmoor City Council",
        ["eastmoor/catalogue.csv", "eastmoor/warehouse-values.csv"],
        EASTMOOR,
        "2025-03",
    ),
    "southvale": ("Southvale Council", ["southvale/scorecard-2024-25.xlsx"], SOUTHVALE, "2025-03"),
    "midford": (
        "Midford Borough Council",
        ["midford/kpi-catalogue.xlsx", "midford/warehouse-extract.csv"],
        MIDFORD,
        "2025-03",
    ),
}


KEEPS_THE_EXAMPLE = {"southvale"}  # leaves the example's section files, as docs/own-council.md allows


def new_checkout(folder: Path, keep_example: bool = False) -> Path:
    """A fresh copy of the project, as a clone is: the example's data and narrative, then the
    example's section files removed (docs/own-council.md's first step) unless ``keep_example``."""
    copy_inputs(ROOT, folder)
    for section in (folder / "sections").glob("[0-9][0-9]-*.qmd"):
        if not keep_example:
            section.unlink()
    return folder


_PROJECTS: dict[str, Path] = {}


def initialised(name: str, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    """The council's checkout after ``init`` (made once per test session)."""
    if name in _PROJECTS:
        return name, _PROJECTS[name]
    organisation, files, _, _ = CASES[name]
    project = new_checkout(tmp_path_factory.mktemp(name), name in KEEPS_THE_EXAMPLE)
    done = run_scorecard(
        "--data",
        str(project / "data"),
        "init",
        *(str(COUNCILS / file) for file in files),
        "--organisation",
        organisation,
        cwd=project,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    (project / "init.txt").write_text(done.stdout)
    _PROJECTS[name] = project
    return name, project


@pytest.fixture(scope="module", params=list(CASES))
def council(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    return initialised(request.param, tmp_path_factory)


@pytest.fixture
def northshire(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    return initialised("northshire", tmp_path_factory)


@pytest.fixture
def eastmoor(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    return initialised("eastmoor", tmp_path_factory)


def test_init_says_what_it_found(council: tuple[str, Path]) -> None:
    name, project = council
    report = (project / "init.txt").read_text()
    organisation, _, expected, _ = CASES[name]
    assert report.startswith(f"organisation: {organisation}\n")
    assert f"new indicators: {len(expected)} " in report
    for line in ("sections (data/settings.yaml", "periods: ", "frequency: ", "targets: ", "bands: "):
        assert line in report
    assert "next: make report" in report
    checked = run_scorecard("--data", str(project / "data"), "check")
    assert checked.returncode == 0, checked.stderr
    if name in KEEPS_THE_EXAMPLE:  # the example's files are listed once, never checked as this pack's
        assert "not in this pack (no section in data/settings.yaml), not checked: " in checked.stdout
        assert "01-early-help.qmd" in checked.stdout and "problem" not in checked.stdout


def test_every_rating_and_direction_is_right(council: tuple[str, Path]) -> None:
    name, project = council
    _, _, expected, period = CASES[name]
    sc = build_scorecard(load_data(project / "data"))
    assert sc.period == period
    found = {
        row["id"]: (row["rag"], row["direction"], row["trend"]) for row in sc.indicators.to_dict("records")
    }
    assert found == expected


def test_the_settings_list_the_sections_and_each_has_its_file(council: tuple[str, Path]) -> None:
    _, project = council
    data = load_data(project / "data")
    include = (project / "_sections.qmd").read_text()
    for n, section in enumerate(data.settings.sections, start=1):
        path = project / "sections" / f"{n:02d}-{section.key}.qmd"
        assert path.read_text().startswith("<!-- narrative-for: none | ")
        assert f"{{{{< include /sections/{path.name} >}}}}" in include
    assert "include sections/" not in (project / "report.qmd").read_text()  # no section named there


def _scorecard(council: tuple[str, Path]):
    return build_scorecard(load_data(council[1] / "data"))


def test_the_export_carries_the_new_fields(council: tuple[str, Path]) -> None:
    name, project = council
    frame = export_frame(build_scorecard(load_data(project / "data")))
    for column in ("frequency", "numerator", "denominator", "small_base", "england", "rating_rule"):
        assert column in frame.columns
    rows = frame.set_index("id")
    if name == "eastmoor":
        assert rows.loc["EM-02", ["numerator", "denominator", "small_base"]].tolist() == [11.0, 13.0, True]
        assert not rows.loc["EM-01", "small_base"]  # 44 of 51
        assert rows.loc["EM-06", "frequency"] == "quarterly"
        assert rows.loc["EM-01", "england"] == "84.2%" and rows.loc["EM-01", "england_year"] == "2023/24"
    if name == "westbury":
        assert rows.loc["WB2", "rating_rule"] == "green ≥ 95.0%; amber 85.0% to 94.9%; red ≤ 84.9%"
        assert rows.loc["WB3", "rating_rule"] == "green ≤ 20.0%; amber 20.1% to 22.0%; red ≥ 22.1%"
        assert rows.loc["WB8", ["sn_average", "sn_average_year", "top_quartile"]].tolist() == [
            "87.5%",
            "2023/24",
            "94.0%",
        ]
        assert rows.loc["WB8", ["previous_year", "previous_year_period"]].tolist() == ["89.5%", "2023/24"]
        assert rows.loc["WB4", "lead"] == "Service Manager, Assessment"
    if name == "northshire":
        assert rows.loc["NS07", ["frequency", "value_period", "value"]].tolist() == [
            "annual",
            "2024-09",
            58.0,
        ]
        assert rows.loc["NS07", "rating_rule"] == "green ≥ 56.1%; amber 47.6% to 56.0%; red ≤ 47.5%"


def test_export_wide_reads_back_with_nothing_changed(council: tuple[str, Path], tmp_path: Path) -> None:
    """The pack's data, written back in the sectioned layout (quarters for a quarterly pack), imports
    into a copy of it with no value changed."""
    _, project = council
    data = tmp_path / "data"
    shutil.copytree(project / "data", data)
    out = tmp_path / "wide.txt"
    assert run_scorecard("--data", str(data), "export-wide", "--out", str(out)).returncode == 0
    before = (data / "values.csv").read_bytes()
    done = run_scorecard("--data", str(data), "import", str(out))
    assert done.returncode == 0, done.stderr
    assert "changed values: 0" in done.stdout and "added values: 0" in done.stdout
    assert (data / "values.csv").read_bytes() == before


def test_quarters_and_annual_figures(northshire: tuple[str, Path]) -> None:
    sc = _scorecard(northshire)
    assert sc.frequency == "quarterly"
    assert sc.periods == ["2024-03", "2024-06", "2024-09", "2024-12", "2025-03"]
    from scorecard.pack.narrative import facts
    from scorecard.pack.narrative import helpers as narrative

    facts.use(facts.facts_from(sc))
    assert narrative.month() == "Q4 2024/25 (January to March 2025)"
    assert narrative.fmt_value("NS07") == "58.0%"  # the annual figure, still the latest
    assert narrative.fmt_benchmark("NS04", "england") == "332.9 (2023/24)"
    assert narrative.fmt_last_year("NS01") == "84.0% in 2023/24"


def test_a_quarterly_pack_is_compared_with_the_quarter_before(northshire: tuple[str, Path]) -> None:
    from scorecard.pack.narrative import facts
    from scorecard.pack.narrative import helpers as narrative
    from scorecard.pack.parts.since_last_pack import since_last_pack

    sc = _scorecard(northshire)
    since = since_last_pack(sc)
    assert since.previous_period == "2024-12"
    facts.use(facts.facts_from(sc, since))
    assert narrative.previous_pack() == "Q3 2024/25 (October to December 2024)"
    assert narrative.run_phrase("NS01") in (
        "fallen this quarter",
        "risen this quarter",
        "not moved this quarter",
    )


def test_published_arrows_and_ratings_are_compared(council: tuple[str, Path]) -> None:
    name, _ = council
    sc = _scorecard(council)
    from scorecard.pack.parts.key.notes import arrow_differences, rating_differences

    published = dict(zip(sc.indicators["id"], sc.indicators["published_direction"], strict=True))
    differ = list(arrow_differences(sc, published)["ID"])
    ratings = rating_differences(sc)
    if name == "northshire":
        assert differ == ["NS12"]  # published → (no change); 21 -> 22 is up
        assert ratings == []
    if name == "westbury":
        assert differ == []  # no arrows published
        assert ratings == ["ID WB7 published G, computed ◆ within tolerance"]


def test_small_bases_are_shown_with_their_base(eastmoor: tuple[str, Path]) -> None:
    from scorecard.pack.parts.table.section_cells import section_frame

    sc = _scorecard(eastmoor)
    frame, _ = section_frame(sc, "front-door")
    cells = frame.set_index("ID")["Mar-25"]
    assert cells["EM-02"] == "84.6% (11\u00a0of\u00a013)\u00a0◆"  # 13 < small_base 20
    assert cells["EM-01"] == "86.3% ✓"  # 51 is not a small base


# --- the real render, once per council ---------------------------------------------------------------


@pytest.fixture(scope="module")
def pack(council: tuple[str, Path]) -> tuple[str, Rendered]:
    """Northshire, Southvale, Midford and Eastmoor as ``make report`` renders them; Eastmoor keeps
    its data outside the project (``SCORECARD_DATA=../shared-drive/data make report``), and the
    project's own ``data/`` is the shipped council's: a step that read it would render the wrong pack,
    or fail on Eastmoor's narrative. Westbury's analyst then moves the Workforce section first in
    settings.yaml by hand and runs ``quarto render report.qmd`` itself: Quarto's pre-render step must
    pick the new order up, with no edit of report.qmd."""
    name, project = council
    require_tool("pdftotext", "poppler-utils reads the PDF's text")
    if name not in _PACKS:  # once per council and process, however pytest orders the tests
        _PACKS[name] = _render_pack(name, project)
    return name, _PACKS[name]


_PACKS: dict[str, Rendered] = {}


def _render_pack(name: str, project: Path) -> Rendered:
    if name in ("northshire", "southvale", "midford"):
        return render_folder(project, make_report=True)
    if name == "eastmoor":
        elsewhere = project.parent / f"{project.name}-elsewhere"
        shutil.copytree(project, elsewhere / "project", ignore=shutil.ignore_patterns("data"))
        shutil.copytree(project / "data", elsewhere / "shared-drive" / "data")
        shutil.copytree(ROOT / "data", elsewhere / "project" / "data", ignore=shutil.ignore_patterns("raw"))
        return render_folder(elsewhere / "project", make_report=True, data="../shared-drive/data")
    edited = project.parent / f"{project.name}-edited"
    shutil.copytree(project, edited)
    settings = load_data(edited / "data").settings
    moved = (settings.sections[-1], *settings.sections[:-1])
    (edited / "data" / "settings.yaml").write_text(settings_text(replace(settings, sections=moved)))
    return render_folder(edited)


def _pdf_pages(pdf: Path) -> list[str]:
    done = subprocess.run(
        ["pdftotext", "-raw", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True
    )
    return [" ".join(page.replace("\u00a0", " ").split()) for page in done.stdout.split("\f")[:-1]]


def _pdf_text(pdf: Path) -> str:
    return " ".join(_pdf_pages(pdf))


@pytest.mark.render
def test_make_report_gives_the_council_its_pack(pack: tuple[str, Rendered]) -> None:
    name, rendered = pack
    organisation, _, expected, _ = CASES[name]
    text = _pdf_text(rendered.pdf)
    data = load_data(rendered.data)
    if name != "westbury":  # make report's check names the folder it checked: the one rendered
        checked = f"{rendered.data.relative_to(rendered.folder)}: OK - {len(data.catalogue)} indicators"
        assert checked in rendered.log
    assert organisation in text
    for title in data.catalogue["title"]:
        assert " ".join(title.split()) in text, title
    for section in data.settings.sections:
        assert section.title in text
    assert len(_pdf_pages(rendered.pdf)) <= 16  # a cover, a 2-page summary, 2 pages a section, the key
    html = rendered.html.read_text(encoding="utf-8")
    assert all(ident in html for ident in expected)
    assert tracebacks(rendered.log) == []


@pytest.mark.render
def test_the_pack_names_its_periods_and_rules(pack: tuple[str, Rendered]) -> None:
    name, rendered = pack
    text = _pdf_text(rendered.pdf)
    if name == "northshire":
        assert "Q4 2024/25 (January to March 2025)" in text
        assert "Since the previous quarter with data" in text
        assert "Outturn 2023/24" in text and "SN av 2023/24" in text
        assert "Rating of ID NS07" in text and "Stat Neighbour Average" in text
        # The last pack of a quarterly pack is the quarter before, named as a quarter.
        assert "Since Q3 2024/25 (October to December 2024)" in text
        assert "Against the Q3 2024/25 (October to December 2024) pack" in text
        assert "the narrative of every section is still a placeholder" in text
    if name == "westbury":
        assert "England 2023/24" in text and "Top quartile 2023/24" in text
        assert "Rating of ID WB6 (its own bands): green 40.0 to 45.0" in text
        pages = _pdf_pages(rendered.pdf)
        first = {
            title: next(n for n, page in enumerate(pages) if f"{title} ID Indicator" in page)
            for title in ("Workforce", "Front Door")
        }
        assert first["Workforce"] < first["Front Door"]  # the settings' new order, report.qmd untouched
    if name == "eastmoor":
        assert "84.6% (11 of 13)" in text
        assert "A percentage of fewer than 20" in text  # the key says what the base means


def test_frame_of_shipped_data_has_no_new_columns_shown() -> None:
    """The shipped pack: no benchmark but SN av, no outturn, no small bases, no own rules."""
    from scorecard.pack.parts.table.section_cells import figure_columns

    sc = build_scorecard(load_data(ROOT / "data"))
    assert figure_columns(sc) == {"sn_average": "SN av"}
    assert not sc.indicators["small_base"].any()
    assert set(sc.indicators["frequency"]) == {"monthly", "quarterly"}


def _script(path: Path):  # type: ignore[no-untyped-def]
    import importlib.util

    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _cells(path: Path) -> list[tuple[str, str, list[list[tuple[object, str]]]]]:
    from openpyxl import load_workbook

    book = load_workbook(path)
    return [
        (
            sheet.title,
            sheet.sheet_state,
            [[(c.value, c.number_format) for c in row] for row in sheet.iter_rows()],
        )
        for sheet in book.worksheets
    ]


@pytest.mark.parametrize("council", ["westbury", "southvale"])
def test_the_workbook_is_what_its_script_writes(council: str, tmp_path: Path) -> None:
    """The committed workbook and the script that writes it (to read or change it) agree, cell for cell."""
    rebuilt = _script(COUNCILS / council / "make_workbook.py").build(tmp_path / "rebuilt.xlsx")
    assert _cells(rebuilt) == _cells(COUNCILS / council / "scorecard-2024-25.xlsx")


def test_midfords_files_are_what_its_script_writes(tmp_path: Path) -> None:
    script = _script(COUNCILS / "midford" / "make_files.py")
    extract = script.extract(tmp_path / "extract.csv")
    assert extract.read_bytes() == (COUNCILS / "midford" / "warehouse-extract.csv").read_bytes()
    rebuilt = script.catalogue(tmp_path / "catalogue.xlsx")
    assert _cells(rebuilt) == _cells(COUNCILS / "midford" / "kpi-catalogue.xlsx")


@pytest.mark.render
def test_the_council_web_page_has_no_axe_violations(pack: tuple[str, Rendered], browser: Browser) -> None:
    # Other layouts bring other columns (benchmarks, outturn, bands) and quarters: the page each
    # council gets must pass axe-core's WCAG 2.2 AA rules as the shipped one does.
    name, rendered = pack
    page = browser.new_page(viewport=VIEWPORT)
    try:
        page.goto(rendered.html.as_uri(), wait_until="load")
        options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
        violations = Axe().run(page, options=options).response["violations"]
    finally:
        page.close()
    found = [f"{v['id']}: {len(v['nodes'])} node(s), e.g. {v['nodes'][0]['target']}" for v in violations]
    assert not found, f"{name}: " + "; ".join(found)
