"""The narrative's checks: typed figures, unknown IDs, helper arguments and the month it was written for.

``check`` runs them on the text (the bad-input corpus has one case per problem: tests/bad_input/
narrative-*); the report's validation cell runs them again, so the render stops at the same line.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from _cli import run_scorecard
from _qmd_runner import ReportError, execute
from _scenarios import april_2025_file, copy_data, project

from scorecard.data.importer.importing import import_file
from scorecard.data.load import load_data
from scorecard.pack import report
from scorecard.pack.narrative import facts
from scorecard.pack.narrative import helpers as narrative
from scorecard.pack.narrative.check import check_narrative
from scorecard.pack.narrative.marker import marker_line, narrative_for
from scorecard.project import Project
from scorecard.rules.frame import build_scorecard

ROOT = Path(__file__).resolve().parents[2]
SECTIONS = sorted(p.name for p in (ROOT / "sections").glob("*.qmd"))
FACTS = facts.facts_from(build_scorecard(load_data(ROOT / "data")))


def _edited(folder: Path, file: str, old: str, new: str) -> int:
    """Make one edit in ``folder``'s copy of ``file``; the line it is on."""
    path = folder / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def test_the_shipped_narrative_passes_with_no_warning_but_the_exceptions_coverage() -> None:
    done = run_scorecard("check", cwd=ROOT)
    assert done.returncode == 0, done.stderr
    warnings = [line for line in done.stdout.splitlines() if ": warning: " in line]
    # 8 exceptions have no commentary, and none of the 16 has an open action (no action log ships)
    assert len(warnings) == 8 + 16
    assert all(" is an exception " in line for line in warnings), warnings
    assert (
        "narrative: 86 inline expressions checked in 7 files, 24 warning(s); written for 2025-03"
        in done.stdout
    )


def test_check_names_every_exception_without_commentary_with_its_section_file() -> None:
    done = run_scorecard("check", cwd=ROOT)
    named = {
        (line.split(":")[0], line.split("warning: ID ")[1].split(" ")[0])
        for line in done.stdout.splitlines()
        if "with no commentary for March 2025" in line
    }
    assert named == {
        ("sections/01-early-help.qmd", "9a"),
        ("sections/02-social-work-practice.qmd", "23"),
        ("sections/03-cared-for.qmd", "27"),
        ("sections/03-cared-for.qmd", "31"),
        ("sections/03-cared-for.qmd", "35c"),
        ("sections/03-cared-for.qmd", "39"),
        ("sections/05-qa-auditing.qmd", "55"),
        ("sections/06-workforce.qmd", "73"),
    }


def test_with_commentary_required_each_gap_is_a_problem_and_check_stops(tmp_path: Path) -> None:
    folder = project(tmp_path / "project", ROOT / "data")
    settings = folder / "data" / "settings.yaml"
    settings.write_text(settings.read_text() + "commentary: required\n")
    (folder / "data" / "actions.csv").write_text(
        "id,action,owner,raised,due,status,update,closed\n"
        "19b 19c,Weekly timeliness huddles,Head of Assessment,2024-12,2025-04,open,,\n"
    )
    done = run_scorecard("check", cwd=folder)
    assert done.returncode == 2
    problems = done.stderr.splitlines()[:-1]
    assert len(problems) == 8 + 14  # two exceptions have an open action now
    assert (
        "sections/03-cared-for.qmd:8: ID 27 - an exception (newly off target: on target in Feb-25, off "
        "target now) with no commentary for March 2025; expected it in this file as "
        '::: {.commentary indicator="27"} ... :::'
    ) in problems
    assert not any("ID 19b" in line for line in problems)
    assert done.stderr.splitlines()[-1] == "22 problem(s); nothing was written."


def test_commentary_counts_only_for_the_month_its_file_was_written_for(tmp_path: Path) -> None:
    folder = project(tmp_path / "project", ROOT / "data")
    done = run_scorecard("check", "--period", "2025-02", cwd=folder)  # March's words, February's pack
    assert done.returncode == 0, done.stderr
    said = [line for line in done.stdout.splitlines() if "with no commentary for February 2025" in line]
    assert len(said) == len([line for line in done.stdout.splitlines() if "no open action" in line])


def test_every_section_file_says_the_month_its_narrative_was_written_for() -> None:
    for name in SECTIONS:
        first = (ROOT / "sections" / name).read_text(encoding="utf-8").split("\n", 1)[0]
        assert first == marker_line("2025-03"), name
    assert narrative_for(marker_line("none")) == "none"
    assert narrative_for("# A heading\n<!-- narrative-for: 2025-03 -->") is None  # the first line only
    assert narrative_for("<!--narrative-for:2024-12-->") == "2024-12"


def test_a_typed_figure_is_a_warning_naming_file_line_and_figure(tmp_path: Path) -> None:
    folder = project(tmp_path / "project", ROOT / "data")
    line = _edited(folder, "sections/01-early-help.qmd", '(`{python} fmt_value("5")`)', "(1,083)")
    done = run_scorecard("check", cwd=folder)
    assert done.returncode == 0, done.stderr  # a warning: the render goes ahead
    assert (
        f"sections/01-early-help.qmd:{line}: warning: typed figure '1,083' - it equals ID 5's figure for "
        'March 2025: write `{python} fmt_value("5")`, or mark it as meant: [1,083]{.typed}'
    ) in done.stdout.splitlines()


def _typed(folder: Path, prose: str) -> list[str]:
    """The typed-figure warnings of a section file holding ``prose`` (and a code cell)."""
    (folder / "sections").mkdir(exist_ok=True)
    text = f"{marker_line('2025-03')}\n# Title\n\n```{{python}}\nx = 57.8\n```\n\n{prose}\n"
    (folder / "sections" / "01-early-help.qmd").write_text(text, encoding="utf-8")
    warnings = check_narrative(Project(folder), FACTS, report.__all__).warnings
    return [w.message.split(" - ")[0] for w in warnings if w.message.startswith("typed figure")]


@pytest.mark.parametrize(
    "prose",
    [
        "Section 47 enquiries within 48 hours, over 45 working days.",  # digits of titles
        "ID 19a - c, ID 29 & 30, ID 69-72, IDs 56 and 57, ID40 and 8a.",  # IDs
        "In March 2025, 31 March, Mar-25, 2024-25, 24/25, Q2, quarter 3 and 2025-03-31.",  # dates
        "The national figure was [87.3%]{.typed} and [1,083]{.typed} calls.",  # marked as meant
        "Inline `1,083` code, `{python} x` and <!-- 57.8% in a comment -->.",  # not prose
        "One, two or three visits.",
    ],
)
def test_what_the_typed_figure_check_leaves_alone(prose: str, tmp_path: Path) -> None:
    assert _typed(tmp_path, prose) == []


@pytest.mark.parametrize(
    ("prose", "figure"),
    [
        ("There were 1,083 contacts.", "1,083"),
        ("Timeliness fell to 57.8% this month.", "57.8%"),
        ("Timeliness fell to 57.8 this month.", "57.8"),  # ID 13's figure for March
        ("Last month it was 60.8.", "60.8"),  # ID 13's figure for February
        ("A rate of 33 per cent.", "33 per cent"),
        ("Up from 912 in February.", "912"),
    ],
)
def test_what_the_typed_figure_check_warns_about(prose: str, figure: str, tmp_path: Path) -> None:
    assert _typed(tmp_path, prose) == [f"typed figure {figure!r}"]


def test_helpers_check_their_arguments_and_say_what_was_expected() -> None:
    facts.use(FACTS)
    with pytest.raises(facts.NarrativeError, match=r"^fmt_value\(5\) - 5 is not text; expected it in"):
        narrative.fmt_value(5)  # type: ignore[arg-type]
    with pytest.raises(facts.NarrativeError, match=r"'nonsense' is not a month; expected YYYY-MM"):
        narrative.fmt_value("5", "nonsense")
    with pytest.raises(facts.NarrativeError, match=r"no data for '2019-01'; expected a month of the data"):
        narrative.fmt_value("5", "2019-01")
    with pytest.raises(facts.NarrativeError, match=r"count_rag\('purple'\) - 'purple' is not a RAG rating"):
        narrative.count_rag("purple")
    with pytest.raises(facts.NarrativeError, match=r"is not a list of IDs; expected IDs in square brackets"):
        narrative.fmt_sum("29")  # type: ignore[arg-type]
    assert narrative.fmt_value("5", "2025-02") == "912"  # a period of the data is fine


@pytest.fixture(scope="module")
def april(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project with April 2025's data imported and the narrative still March's."""
    folder = tmp_path_factory.mktemp("april")
    data = copy_data(folder / "data-in")
    import_file(april_2025_file(data, folder), data)
    return project(folder / "project", data)


def test_april_data_with_march_narrative_names_every_section_file(april: Path) -> None:
    done = run_scorecard("check", cwd=april)
    assert done.returncode == 0, done.stderr
    warnings = [line for line in done.stdout.splitlines() if ": warning: narrative written for " in line]
    assert [w.split(":")[0] for w in warnings] == [f"sections/{name}" for name in SECTIONS]
    for warning in warnings:
        assert warning.split(":", 1)[1].startswith(
            "1: warning: narrative written for March 2025, but the pack"
        )
        assert (
            "reports April 2025; update its words for April 2025, then mark it done by making its " in warning
        )
        assert warning.endswith(marker_line("2025-04"))


def test_the_april_pack_says_its_narrative_is_marchs(april: Path) -> None:
    executed = execute(april / "report.qmd")
    shown = [out["data"].get("text/markdown", "") for _, out in executed.outputs()]
    said = "was written for March 2025, not for April 2025"
    (notes,) = [text for text in shown if "Narrative written for another month" in text]
    assert f"the narrative of every section {said}" in notes
    assert said in shown[0]  # and at the top of the pack, under the month it reports


def test_an_earlier_period_says_the_narrative_is_another_months() -> None:
    done = run_scorecard("check", "--period", "2025-02", cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("warning: narrative written for March 2025, but the pack reports February") == 6


def test_the_render_stops_at_an_unknown_id_naming_file_and_line(tmp_path: Path) -> None:
    folder = project(tmp_path / "project", ROOT / "data")
    line = _edited(folder, "sections/01-early-help.qmd", 'fmt_value("5")', 'fmt_value("5x")')
    with pytest.raises(ReportError) as failed:
        execute(folder / "report.qmd")
    assert (
        f"sections/01-early-help.qmd:{line}: fmt_value('5x') - no indicator '5x'; did you mean '5'?"
        in str(failed.value)
    )
    assert "Traceback" not in str(failed.value)  # the problem lines, as `quarto render` shows them


def test_only_the_sections_the_settings_list_are_the_packs_narrative(tmp_path: Path) -> None:
    # A council's new pack beside the example's section files, left in place as docs/own-council.md
    # allows: their narrative names IDs this pack does not have, and is no problem of this pack's.
    from dataclasses import replace

    folder = project(tmp_path / "project", ROOT / "data")
    (folder / "sections" / "07-old-layout.qmd").write_text('Old: `{python} fmt_value("NO-SUCH-ID")`.\n')
    kept = ("early-help", "workforce")
    pack_facts = replace(FACTS, sections={key: FACTS.sections[key] for key in kept})
    checked = check_narrative(Project(folder), pack_facts, report.__all__)
    assert checked.problems == []
    assert [Path(name).name for name in checked.others] == [
        "02-social-work-practice.qmd",
        "03-cared-for.qmd",
        "04-qa-safeguarding.qmd",
        "05-qa-auditing.qmd",
        "07-old-layout.qmd",
    ]
    assert sorted(Path(name).name for name in checked.months) == ["01-early-help.qmd", "06-workforce.qmd"]
    every = check_narrative(
        Project(folder), replace(FACTS, sections={**FACTS.sections, "old-layout": "Old"}), []
    )
    assert any("NO-SUCH-ID" in problem.value for problem in every.problems)  # listed: then it is checked
