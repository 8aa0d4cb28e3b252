"""The narrative's check finds inline expressions where Quarto runs them, and a render's helper error
names the file and line of the call.

``CASES`` is what Quarto 1.11 runs, as a real render showed (``test_quarto_runs_what_the_check_reads``
renders them again when Quarto is here): comments, fences, raw blocks and the front matter are run;
Python code cells are not, wherever their fences are.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from _qmd_runner import ReportError, execute
from _render import require_tool
from _scenarios import project

from scorecard.data.load import load_data
from scorecard.pack import report
from scorecard.pack.narrative import facts
from scorecard.pack.narrative.check import check_narrative
from scorecard.pack.narrative.inline import code_cells, expressions
from scorecard.pack.narrative.marker import marker_line
from scorecard.project import Project
from scorecard.rules.frame import build_scorecard

ROOT = Path(__file__).resolve().parents[2]
FACTS = facts.facts_from(build_scorecard(load_data(ROOT / "data")))
CALL = "`{python} CALL`"  # each case's expression; CALL is filled in per use

# (case, Markdown holding CALL, whether Quarto runs it)
CASES = [
    ("prose", f"A sentence {CALL} ends.", True),
    ("comment", f"<!-- a draft: {CALL} -->", True),
    ("comment-lines", f"<!--\nan older draft\n{CALL}\n-->", True),
    ("text-fence", f"```text\n{CALL}\n```", True),
    ("bare-fence", f"```\n{CALL}\n```", True),
    ("tilde-fence", f"~~~\n{CALL}\n~~~", True),
    ("raw-html", f"```{{=html}}\n{CALL}\n```", True),
    ("r-fence", f"```{{r}}\n{CALL}\n```", True),
    ("capital-python", f"```{{Python}}\nx = '{CALL}'\n```", True),
    ("indented", f"    {CALL}", True),
    ("escaped", f"\\{CALL}", True),
    ("math", f"$$\n{CALL}\n$$", True),
    ("quote-fence", f"> ```{{python}}\n> x = '{CALL}'\n> ```", True),
    ("double-backticks", f"``a {CALL} ``", True),
    ("line-break-after-python", CALL.replace("{python} ", "{python}\n"), False),
    ("code-cell", f"```{{python}}\nx = '{CALL}'\n```", False),
    ("code-cell-spaced", f"``` {{python}}\nx = '{CALL}'\n```", False),
    ("code-cell-options", f"```{{python echo=false}}\nx = '{CALL}'\n```", False),
    ("code-cell-in-text-fence", f"````text\n```{{python}}\nx = '{CALL}'\n```\n````", False),
    ("code-cell-in-comment", f"<!--\n```{{python}}\nx = '{CALL}'\n```\n-->", False),
    ("code-cell-four-ticks", f"````{{python}}\nx = '''\n```\n{CALL}\n'''\n````", False),
    ("code-cell-five-ticks-inside", f"```{{python}}\nx = '''\n`````\n{CALL}\n'''\n```", False),
    ("code-cell-indented-close-inside", f"```{{python}}\nx = '''\n  ```\n{CALL}\n'''\n```", False),
]


def _document(call: str) -> str:
    """Every case in one section file, each after a heading, the first line the month marker."""
    parts = [marker_line("2025-03"), "# Cases", ""]
    for case, markdown, _ in CASES:
        parts += [f"## {case}", "", markdown.replace("CALL", call.format(case=case)), ""]
    return "\n".join(parts)


def test_the_check_reads_an_expression_wherever_quarto_runs_one(tmp_path: Path) -> None:
    (tmp_path / "sections").mkdir()
    text = _document('fmt_value("no-such-id-{case}")')
    (tmp_path / "sections" / "01-early-help.qmd").write_text(text, encoding="utf-8")
    problems = check_narrative(Project(tmp_path), FACTS, report.__all__).problems
    found = {p.value.split("no-such-id-")[1].split("'")[0] for p in problems}
    assert found == {case for case, _, runs in CASES if runs}
    for problem in problems:  # each at its own line
        case = problem.value.split("no-such-id-")[1].split("'")[0]
        assert text.split("\n")[int(problem.row) - 1].count(f"no-such-id-{case}") == 1


def test_a_code_cell_that_never_closes_is_read_as_text() -> None:
    text = f"```{{python}}\nx = 1\n{CALL}\n"
    assert code_cells(text) == []
    assert [code for _, code in expressions(text)] == ["CALL"]


def test_a_close_may_have_spaces_after_it_but_not_before() -> None:
    assert code_cells("```{python}\nx = 1\n```   \nafter") == [(0, 24)]
    assert code_cells("```{python}\nx = 1\n  ```\nafter") == []


def test_the_front_matter_is_read_too() -> None:
    text = f'---\ntitle: "{CALL}"\n---\n\nText.'
    assert [code for _, code in expressions(text)] == ["CALL"]


@pytest.mark.render
def test_quarto_runs_what_the_check_reads(tmp_path: Path) -> None:
    quarto = require_tool("quarto", "the cases are checked against Quarto's own reading")
    ran = tmp_path / "ran"
    ran.mkdir()
    call = f'open("{ran}/{{case}}", "w").close()'  # double quotes only: the cells quote it in single
    body = _document(call).split("\n", 1)[1]
    text = f'---\ntitle: "cases"\njupyter: python3\n---\n\n{body}\n'
    document = tmp_path / "cases.qmd"
    document.write_text(text, encoding="utf-8")
    done = subprocess.run(
        [quarto, "render", str(document), "--to", "md"],
        cwd=tmp_path,
        env={**os.environ, "QUARTO_PYTHON": sys.executable},
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    by_quarto = {path.name for path in ran.iterdir()}
    by_check = {Path(code.split('"')[1]).name for _, code in expressions(text)}
    assert by_quarto == by_check == {case for case, _, runs in CASES if runs}


def test_a_helper_error_at_render_names_the_file_and_line(tmp_path: Path) -> None:
    # A computed argument is checked only when the helper runs: its message says where the call is.
    folder = project(tmp_path / "project", ROOT / "data")
    path = folder / "sections" / "01-early-help.qmd"
    text = path.read_text(encoding="utf-8").rstrip("\n")
    # Outside a commentary block, where a helper's arguments may be computed.
    path.write_text(text + '\n\nA draft: `{python} fmt_value("5" + "x")`.\n', encoding="utf-8")
    line = text.count("\n") + 3
    assert run_check(folder).returncode == 0  # nothing the check can see
    with pytest.raises(ReportError) as failed:
        execute(folder / "report.qmd")
    # As Quarto shows an inline expression's error: its name and message, nothing else.
    assert (
        f"NarrativeError: sections/01-early-help.qmd:{line}: fmt_value('5x') - no indicator '5x'; "
        "did you mean '5'?"
    ) in str(failed.value)


def run_check(folder: Path) -> subprocess.CompletedProcess[str]:
    from _cli import run_scorecard

    return run_scorecard("check", cwd=folder)
