"""The report itself: report.qmd and every section file, executed in a real Jupyter kernel.

``_qmd_runner`` runs the document the way Quarto's jupyter engine does (includes pasted in, parameters
injected, inline expressions as user_expressions), without Quarto's own conversion: these tests read the
cells' outputs, which is quicker and more precise than reading a rendered page. The real renders are
tests/test_render*.py (CI runs them with Quarto installed: SCORECARD_REQUIRE_QUARTO=1 in .ci/run).
The kernel runs once per period (session fixture); the tests then check what the board would read.
"""

from __future__ import annotations

import contextlib
import html
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from _qmd_runner import ExecutedReport, execute
from _synthetic import background, table_cells

from scorecard.data.load import load_data
from scorecard.pack import cache, palette
from scorecard.periods import period_label
from scorecard.project import PLACEHOLDER
from scorecard.rules.frame import build_scorecard

ROOT = Path(__file__).resolve().parents[2]
FIGURE = re.compile(
    r'<img src="(?P<path>[^"]+\.svg)" alt="(?P<alt>[^"]*)"[^>]*>'
    r"<figcaption>(?P<caption>.*?)</figcaption>"
)


@contextlib.contextmanager
def _environment(**values: str) -> Iterator[None]:
    """Set variables for the kernel (it inherits this process's environment when it starts)."""
    saved = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


@pytest.fixture(scope="session", params=[None, "2025-02"], ids=["latest", "2025-02"])
def run(request: pytest.FixtureRequest) -> tuple[ExecutedReport, object]:
    parameters = {"period": request.param} if request.param else None
    with _environment(SCORECARD_CACHE="0"):  # the real computation, never a cached answer
        report = execute(ROOT / "report.qmd", parameters)
    sc = build_scorecard(load_data(ROOT / "data"), request.param)
    return report, sc


def _html_tables(report: ExecutedReport) -> list[list[dict[str, tuple[str, str]]]]:
    """Every table of the web page's copy: the HTML files the Markdown outputs' placeholders name
    (the kernel wrote them beside the document; include_html.py puts them in the page)."""
    paths = [
        path
        for _, out in report.outputs()
        for path in PLACEHOLDER.findall(out.get("data", {}).get("text/markdown", ""))
    ]
    return [table_cells((ROOT / path).read_text()) for path in paths]


def _section_tables(report: ExecutedReport, sc) -> list[list[dict[str, tuple[str, str]]]]:
    month = period_label(sc.periods[0])
    return [rows for rows in _html_tables(report) if rows and month in rows[0] and "ID" in rows[0]]


def test_no_cell_raised_and_nothing_went_to_stderr(run) -> None:
    report, _ = run
    for cell in report.notebook.cells:
        for output in cell.get("outputs", []):
            assert output["output_type"] != "error"
            assert not (output["output_type"] == "stream" and output["name"] == "stderr"), output["text"]


def test_parameter_sets_the_period(run) -> None:
    report, sc = run
    first = next(out for _, out in report.outputs() if "text/markdown" in out["data"])
    assert f"**{sc.settings.organisation} · " in first["data"]["text/markdown"]
    assert period_label(sc.period) in first["data"]["text/markdown"]


def test_every_indicator_appears_in_exactly_one_section_table(run) -> None:
    report, sc = run
    tables = _section_tables(report, sc)
    assert len(tables) == len(sc.settings.sections)
    shown = [row["ID"][0] for rows in tables for row in rows]
    assert sorted(shown) == sorted(sc.indicators["id"])


def test_table_fills_match_the_rag_of_every_month(run) -> None:
    report, sc = run
    history = sc.history.set_index(["id", "period"])
    checked = 0
    for rows in _section_tables(report, sc):
        for row in rows:
            for period in sc.periods:
                cell = history.loc[(row["ID"][0], period)]
                has_value = cell["value"] == cell["value"]  # not NaN
                want = palette.RAG[cell["rag"]].fill if has_value else palette.STATUS_FILL
                text, css = row[period_label(period)]
                assert background(css) == want.upper(), (row["ID"][0], period, text)
                assert text, (row["ID"][0], period)
                checked += 1
    assert checked == len(sc.indicators) * len(sc.periods)


def test_figures_are_produced_with_alt_text_naming_every_charted_indicator(run) -> None:
    report, sc = run
    images = [m for _, out in report.outputs() for m in FIGURE.finditer(out["data"].get("text/markdown", ""))]
    assert len(images) >= len(sc.settings.sections) + 1  # at least one per section, plus the summary
    alt_text = " ".join(html.unescape(m["alt"]) for m in images)
    for image in images:
        assert len(image["alt"]) > 80 and image["caption"]
        assert (ROOT / image["path"]).read_bytes().startswith(b"<?xml")  # written beside the document
    charted = sc.history[sc.history["value"].notna()]["id"].unique()
    for ident in charted:
        assert f"ID {ident} " in alt_text, ident


def test_summary_counts_add_up(run) -> None:
    report, sc = run
    results = {r.expression: r.text for r in report.inline}
    total = int(results["count_indicators()"])
    assert total == len(sc.indicators)
    assert sum(int(results[f'count_rag("{r}")']) for r in ("green", "amber", "red", "none")) == total
    trends = ("improving", "declining", "no_change", "not_applicable")
    assert sum(int(results[f'count_trend("{t}")']) for t in trends) == total
    rag_table = next(rows for rows in _html_tables(report) if rows and "Section" in rows[0])
    assert int(rag_table[-1]["Total"][0]) == total
    assert sum(int(row["Total"][0]) for row in rag_table[:-1]) == total
    mdc = next(rows for rows in _html_tables(report) if rows and "Variation" in rows[0])
    ids = [
        i
        for row in mdc
        for key, (text, _) in row.items()
        if key != "Variation" and text != "–"
        for i in text.split(", ")
    ]
    assert sorted(ids) == sorted(sc.indicators["id"])


def test_the_summary_says_what_changed_since_the_last_pack(run) -> None:
    report, sc = run
    table = next(rows for rows in _html_tables(report) if rows and next(iter(rows[0])).startswith("Since-"))
    previous = "January-2025" if sc.period == "2025-02" else "February-2025"  # the header's id
    assert next(iter(table[0])) == f"Since-{previous}"
    rows = {row[f"Since-{previous}"][0]: row["Indicators"][0] for row in table}
    assert rows["Revised figures †"] == "none"  # the shipped data was imported once
    assert "34, 41, 68" in rows[f"No figure yet up to {period_label(sc.period)}"]


def test_an_earlier_period_says_the_narrative_is_marchs(run) -> None:
    report, sc = run
    notes = [out["data"].get("text/markdown", "") for _, out in report.outputs()]
    said = [text for text in notes if "Narrative written for another month" in text]
    if sc.period == "2025-03":
        assert said == []  # the shipped narrative is March's
    else:
        (text,) = said
        assert "was written for March 2025, not for February 2025" in text


def test_every_inline_expression_produced_text(run) -> None:
    report, _ = run
    assert len(report.inline) > 50
    for result in report.inline:
        assert result.text.strip(), result
        assert not result.text.startswith(("'", '"')), result  # a repr would show quotes to the board


def test_narrative_numbers_are_all_computed() -> None:
    # Outside inline expressions the narrative may name indicator IDs, but no other number.
    id_ref = re.compile(r"\bIDs? ?\d+[a-z]?(\s*(-|–|&|,|and)\s*(ID ?)?\d*[a-z]?)*")
    for path in sorted((ROOT / "sections").glob("*.qmd")):
        narrative = path.read_text(encoding="utf-8").split("## Narrative", 1)[1]
        text = re.sub(r"`\{python\}[^`]+`", "", narrative)
        text = re.sub(r"^:::.*$", "", text, flags=re.MULTILINE)  # a commentary block's fences name IDs
        text = id_ref.sub("", text)
        assert not re.search(r"\d", text), (path.name, re.findall(r".{20}\d.{20}", text))


@pytest.mark.parametrize("run", [None], indirect=True, ids=["latest"])
def test_cached_rerender_matches_the_uncached_render(run, tmp_path: Path) -> None:
    report, _ = run
    with _environment(SCORECARD_CACHE_DIR=str(tmp_path)):
        filling = execute(ROOT / "report.qmd")
        warm = execute(ROOT / "report.qmd")
    assert any(tmp_path.iterdir())
    uncached = _comparable(report)
    assert _comparable(filling) == uncached
    assert _comparable(warm) == uncached


def _comparable(report: ExecutedReport) -> list[object]:
    # great_tables gives every table a random id; everything else must be identical.
    outputs = [re.sub(r'id="[a-z]{10}"|#[a-z]{10} ', "", str(out["data"])) for _, out in report.outputs()]
    return [outputs, [(r.expression, r.text) for r in report.inline]]


def test_cache_key_follows_data_and_code_not_narrative(tmp_path: Path, monkeypatch) -> None:
    from scorecard.data.files.folder import read_files

    data = shutil.copytree(ROOT / "data", tmp_path / "data")
    code = shutil.copytree(cache.PACKAGE, tmp_path / "code", ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(cache, "PACKAGE", code)
    original = cache.content_key(read_files(data), None)
    assert cache.content_key(read_files(data), None) == original
    assert cache.content_key(read_files(data), "2025-02") != original
    values = data / "values.csv"
    values.write_text(values.read_text().replace("1083", "1084", 1))
    changed_data = cache.content_key(read_files(data), None)
    assert changed_data != original
    rule = code / "rules" / "rag.py"  # code in any room is part of the key
    rule.write_text(rule.read_text() + "\n# edited\n")
    assert cache.content_key(read_files(data), None) != changed_data


def test_notebook_follows_quarto_includes_parameters_and_origins(tmp_path: Path) -> None:
    from _qmd_runner import to_notebook

    (tmp_path / "part.qmd").write_text("## Part\n\nValue `{python} x + 1` here.\n")
    (tmp_path / "doc.qmd").write_text(
        "---\ntitle: t\n---\n\n```{python}\n#| tags: [parameters]\nx = 1\n```\n\n"
        "{{< include part.qmd >}}\n\n```{python}\ny = x\n```\n"
    )
    notebook, origins = to_notebook(tmp_path / "doc.qmd", {"x": 5})
    kinds = [(cell.cell_type, cell.metadata.get("tags", [])) for cell in notebook.cells]
    assert kinds == [
        ("code", ["parameters"]),
        ("code", ["injected-parameters"]),
        ("markdown", []),
        ("code", []),
    ]
    assert notebook.cells[1].source.endswith("x = 5\n")
    assert origins[0].line == 6 and origins[2].file.name == "part.qmd" and origins[3].line == 13


def test_missing_include_names_file_and_line(tmp_path: Path) -> None:
    from _qmd_runner import ReportError, to_notebook

    (tmp_path / "doc.qmd").write_text("Intro\n\n{{< include nope.qmd >}}\n")
    with pytest.raises(ReportError, match=r"doc.qmd:3: included file nope.qmd not found"):
        to_notebook(tmp_path / "doc.qmd")


def test_a_failing_inline_expression_names_its_file_and_line(tmp_path: Path) -> None:
    from _qmd_runner import ReportError

    (tmp_path / "doc.qmd").write_text("```{python}\nx = 1\n```\n\nFine `{python} x`.\n\nBad `{python} y`.\n")
    with pytest.raises(ReportError, match=r"doc.qmd:7: inline `\{python\} y` failed: NameError"):
        execute(tmp_path / "doc.qmd")


def test_a_failing_cell_names_its_file_and_line(tmp_path: Path) -> None:
    from _qmd_runner import ReportError

    (tmp_path / "doc.qmd").write_text("Text.\n\n```{python}\n#| label: broken\n1 / 0\n```\n")
    with pytest.raises(ReportError, match=r"doc.qmd:4: cell failed:(.|\n)*ZeroDivisionError"):
        execute(tmp_path / "doc.qmd")


def test_a_cache_hit_imports_no_heavy_library(tmp_path: Path) -> None:
    # Issue 5: a re-render after a narrative-only edit must not pay for pandas, matplotlib or
    # great_tables. The first run fills the cache; the second, with only narrative changed, must
    # answer every cell from it.
    project = tmp_path / "project"
    project.mkdir()
    for name in ("report.qmd", "_sections.qmd", "sections", "data"):
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, project / name)
    report = project / "report.qmd"
    report.write_text(
        report.read_text() + "\n```{python}\nimport sys\n"
        "print(sorted(m for m in ('pandas', 'matplotlib', 'great_tables') if m in sys.modules))"
        "\n```\n"
    )
    with _environment(SCORECARD_CACHE_DIR=str(tmp_path / "cache")):
        cold = execute(report)
        section = project / "sections" / "01-early-help.qmd"
        section.write_text(section.read_text() + "\nOne more sentence of narrative.\n")
        warm = execute(report)

    def heavy(run: ExecutedReport) -> str:
        return run.notebook.cells[-1]["outputs"][0]["text"].strip()

    assert heavy(cold) == "['great_tables', 'matplotlib', 'pandas']"
    assert heavy(warm) == "[]"
    assert _comparable(warm) == _comparable(cold)
