"""The exception report, the action log and inline commentary: what the pack's cells give on the
shipped project, and on a copy with an action log that has an overdue action."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from _scenarios import MARCH_EXCEPTIONS

from scorecard.pack import report
from scorecard.pack.narrative import helpers as narrative
from scorecard.pack.narrative.commentary import Commentary, _blocks, answered, plain
from scorecard.project import PLACEHOLDER

ROOT = Path(__file__).resolve().parents[2]
LOG = (
    "id,action,owner,raised,due,status,update,closed\n"
    "19b 19c,Weekly timeliness huddles,Head of Assessment,2024-12,2025-01,open,,\n"
    "3,Review early help closures,Early Help Manager,2025-03,2025-06,open,,\n"
    "24,Return interviews for every missing episode,Missing Lead,2025-01,2025-02,done,all offered,2025-03\n"
)


def _markdown(shown: report.Bundle) -> str:
    return str(shown.data["text/markdown"])


def _parts(markdown: str) -> str:
    """The HTML of every part the Markdown's placeholders stand for, in order (the cells ran in the
    project's folder and wrote the files there)."""
    return "\n".join(Path(name).read_text() for name in PLACEHOLDER.findall(markdown))


@pytest.fixture
def shipped(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(ROOT)  # the cells run in the project's folder, as Quarto runs them
    monkeypatch.setenv("SCORECARD_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("QUARTO_PROFILE", raising=False)
    report.open_pack(None)


@pytest.fixture
def logged(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A copy of the project with an action log: one action overdue, one not, one closed in March."""
    project = tmp_path / "project"
    project.mkdir()
    for name in ("report.qmd", "sections"):
        (shutil.copytree if (ROOT / name).is_dir() else shutil.copy)(ROOT / name, project / name)
    shutil.copytree(ROOT / "data", project / "data", ignore=shutil.ignore_patterns("raw"))
    (project / "data" / "actions.csv").write_text(LOG)
    monkeypatch.chdir(project)
    monkeypatch.setenv("SCORECARD_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("QUARTO_PROFILE", raising=False)
    report.open_pack(None)


def test_the_exception_report_has_the_16_exceptions_by_section(shipped: None) -> None:
    shown = _markdown(report.exception_report())
    headings = re.findall(r'<h3 id="exception-[\w-]+"[^>]*>ID (\S+): ', shown)
    assert headings == MARCH_EXCEPTIONS  # catalogue order is section order in the shipped data
    sections = [title.replace("\\", "") for title in re.findall(r"^## (.+)$", shown, re.MULTILINE)]
    assert sections == [
        "Early Help and Front Door Responses",
        "Robust and effective social work practice",
        "At risk of Care, Cared for and Care Experienced Children and Young People",
        "Quality Assurance and Audit (auditing)",
        "A Stable and able workforce",
    ]  # qa-safeguarding has none
    assert shown.count("*No commentary provided.*") == 8
    parts = _parts(shown)
    assert parts.count("<strong>Actions:</strong> <em>No open action.</em>") == 16
    assert (
        "<strong>Why it is here:</strong> special cause concern: 7 months above the mean since Sep-24."
        in parts
    )
    assert shown.count("#block(breakable: false") == 16  # each on one page of the PDF


def test_an_exceptions_commentary_is_the_section_words_answered(shipped: None) -> None:
    shown = _markdown(report.exception_report())
    block = shown[shown.index('id="exception-3"') : shown.index('id="exception-9a"')]
    assert (
        "**Commentary:** **ID 3:** There has been an increase in the % of cases recently closed to early "
        "help that have been\nreferred back into social care, from 7.5% to 8.8% in March 2025."
    ) in block
    assert "{python}" not in shown


def test_section_titles_link_to_their_commentary_and_exception_page(shipped: None) -> None:
    shown = _markdown(report.section_table("early-help"))
    page = (ROOT / re.search(r"pack-include (\S+\.html)", shown)[1]).read_text()  # type: ignore[index]
    assert '<a href="#commentary-3">commentary</a> · <a href="#exception-3">exception</a>' in page
    assert '<a href="#commentary-5">commentary</a>' in page and '<a href="#exception-5">' not in page
    assert page.count('<a href="#commentary-5">commentary</a>') == 2  # "ID 5:" speaks of 8a too
    assert '<a href="#exception-9a">exception</a>' in page and '<a href="#commentary-9a">' not in page


def test_the_summary_counts(shipped: None) -> None:
    assert (report.exceptions_count(), report.uncommented_count(), report.unactioned_count()) == (
        "16",
        "8",
        "16",
    )
    assert report.exceptions_count("cared-for") == "6"
    assert report.overdue_count() == "0"
    assert report.reason("5") == "not an exception"


def test_an_overdue_action_says_so_in_words_and_with_its_mark(logged: None) -> None:
    shown = _markdown(report.exception_report())
    block = shown[shown.index('id="exception-19b"') : shown.index('id="exception-19c"')]
    assert "<strong>Open actions:</strong>" in _parts(block)
    typst = next(
        Path(name).read_text()
        for name in re.findall(r'#include "(\S+\.typ)"', block)
        if "Weekly" in Path(name).read_text()
    )
    assert '"⚠ overdue (due Jan-25)"' in typst and 'weight: "bold"' in typst
    assert report.overdue_count() == "1"
    assert report.unactioned_count() == "13"  # 3, 19b and 19c have an open action
    assert (
        report.open_actions("19c")
        == "Weekly timeliness huddles (Head of Assessment, due January 2025, overdue)"
    )


def test_the_action_log_lists_the_open_overdue_first_and_the_closed_since_the_last_pack(logged: None) -> None:
    shown = _markdown(report.action_log())
    assert shown.startswith("2 open actions, 1 overdue (⚠ overdue: open, and due before March 2025)")
    assert "**Closed since February 2025:**" in shown
    tables = [Path(name).read_text() for name in re.findall(r'#include "(\S+\.typ)"', shown)]
    assert tables[0].index("Weekly timeliness huddles") < tables[0].index("Review early help closures")
    assert "done (Mar-25)" in tables[1] and "all offered" in tables[1]


def test_the_exceptions_edition_leaves_out_what_it_has_not(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("SCORECARD_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("QUARTO_PROFILE", "exceptions")
    report.open_pack(None)
    assert _markdown(report.section_table("early-help")) == ""
    assert _markdown(report.mdc_matrix()) == ""
    assert _markdown(report.data_notes()) == ""
    since = _markdown(report.since_last_pack())
    linked = set(
        re.findall(
            r'href="#([\w-]+)"',
            " ".join(Path(n).read_text() for n in re.findall(r"pack-include (\S+\.html)", since)),
        )
    )
    assert linked and all(anchor.startswith("exception-") for anchor in linked)  # no trend charts here


def test_commentary_blocks_are_read_as_written() -> None:
    text = "\n".join(
        [
            "<!-- narrative-for: 2025-03 -->",
            "```{python}",
            '::: {.commentary indicator="5"}',  # in a code cell: not commentary
            "```",
            '::: {.commentary indicator="19a 19b 19c"}',
            'Words `{python} fmt_value("19b")`.',
            "::: {.aside}",
            "inner",
            ":::",
            ":::",
            "::: {.commentary}",
            "no indicator",
            ":::",
            "::: {.commentary indicator='3'}",
            "never closed",
        ]
    )
    blocks, slips = _blocks("sections/x.qmd", text, "2025-03")
    assert [(b.line, b.ids) for b in blocks] == [(5, ("19a", "19b", "19c"))]
    assert blocks[0].text == 'Words `{python} fmt_value("19b")`.\n::: {.aside}\ninner\n:::'
    assert [(s.line, s.message.split(";")[0]) for s in slips] == [
        (11, "commentary block names no indicator"),
        (14, "commentary block never closed"),
    ]


def test_commentary_is_answered_by_the_helpers_and_read_plain(shipped: None) -> None:
    block = Commentary("sections/x.qmd", 1, ("3",), '**ID 3:** `{python} from_to("3")`, [19]{.typed} [a](#b)')
    helpers = {name: getattr(narrative, name) for name in narrative.__all__}
    said = answered(block, helpers)
    assert said == "**ID 3:** from 7.5% to 8.8%, [19]{.typed} [a](#b)"
    assert plain(said) == "ID 3: from 7.5% to 8.8%, 19 a"
