"""Quarto's pre-render step (``_quarto.yml``): one data state for both formats of a render.

Quarto runs the report's cells twice, for the web page and for the PDF, in two kernels one after the
other. An import that lands between the two runs would give a page and a PDF built from different
data. So before either run this script reads the data folder once, under its shared lock, into
``build/data-snapshot.json``, and both runs read that (``scorecard.pack.report.open_pack``). Under
``make report`` the snapshot is already there: ``scorecard.render`` froze the very bytes it checked
(``freeze_checked``) and names them in the environment, and this step keeps them. It also removes the
previous render's ``report.html`` and ``report.pdf`` (the exceptions edition's ``report-exceptions.*``):
if one format then fails, no output from an earlier data state is left beside the other.

Before that it takes the project's render turn (``render_turn``): a second render started while one
runs stops here, having removed nothing.

Quarto runs it with the Python it finds (``QUARTO_PYTHON``, else ``python3``) and then runs the cells
with that Python too. A Python without the project's libraries (the project's ``.venv`` not
activated) stops the render here with one line, rather than in a traceback from the next step or the
kernel. This script itself needs the standard library only: it falls back to the ``lib/`` folder it
sits in.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

try:
    from scorecard.data import Snapshot, freeze, write_atomically
    from scorecard.problems import DataError, problem_lines
    from scorecard.project import EXCEPTIONS, Project, edition
    from scorecard.quarto import render_turn

    INSTALLED = True
except ImportError:  # a Python without the project installed: use this checkout's lib/
    sys.path.append(str(Path(__file__).resolve().parents[2]))
    from scorecard.data import Snapshot, freeze, write_atomically
    from scorecard.problems import DataError, problem_lines
    from scorecard.project import EXCEPTIONS, Project, edition
    from scorecard.quarto import render_turn

    INSTALLED = False

CHECKED = "SCORECARD_CHECKED"  # the digest of the snapshot make report checked and froze


def keep_full_pdf(project: Project) -> None:
    """Put the full pack's PDF aside (the exceptions edition's render is starting)."""
    if project.pdf.is_file():
        project.kept_pdf.parent.mkdir(parents=True, exist_ok=True)
        os.replace(project.pdf, project.kept_pdf)


def restore_full_pdf(project: Project) -> None:
    """Put the full pack's PDF back where the exceptions edition's render put it aside."""
    if project.kept_pdf.is_file():
        os.replace(project.kept_pdf, project.pdf)


# What the report's cells import. Quarto runs them with the Python it runs this step with.
NEEDED = ("pandas", "matplotlib", "great_tables", "pandera", "yaml", "ipykernel")


def missing_libraries(installed: bool = INSTALLED) -> list[str]:
    """The libraries the report needs that this Python cannot import (``scorecard`` first)."""
    missing = [] if installed else ["scorecard"]
    return missing + [name for name in NEEDED if importlib.util.find_spec(name) is None]


def wrong_python_line(missing: list[str], python: str = sys.executable) -> str:
    """One line for a ``quarto render`` run with a Python that cannot run the report: the project's
    own Python is in ``.venv``, which ``make report`` and ``make test`` create.

    Examples
    --------
    >>> line = wrong_python_line(["scorecard", "pandas"], "/usr/bin/python3")
    >>> line.split("; ")[0]
    'quarto render: Python /usr/bin/python3 has not got scorecard, pandas'
    """
    return (
        f"quarto render: Python {python} has not got {', '.join(missing)}; expected the project's .venv: "
        "run `make report`, or `. .venv/bin/activate` before `quarto render` (`make report` creates .venv)"
    )


def main() -> int:
    missing = missing_libraries()
    if missing:
        print(wrong_python_line(missing), file=sys.stderr)
        return 2
    refused = render_turn.claim(os.getppid())  # this step's parent is the render's Quarto
    if refused:
        print(refused, file=sys.stderr)
        return 2
    project = Project.find()
    restore_full_pdf(project)  # an exceptions render that stopped early left it aside
    for output in project.edition_outputs(edition()):
        output.unlink(missing_ok=True)
    if edition() == EXCEPTIONS:
        keep_full_pdf(project)
    if _frozen_by_make_report(project):
        return 0
    try:
        freeze(project.data, project.snapshot)
    except DataError as error:
        for line in problem_lines(error.problems):
            print(line, file=sys.stderr)
        return 2
    return 0


def freeze_checked(snapshot: Snapshot, project: Project) -> dict[str, str]:
    """Freeze ``snapshot`` (the data ``make report`` has just checked) for the render's two formats;
    the environment that tells this step, run by Quarto, to keep it rather than read the folder again."""
    project.build.mkdir(parents=True, exist_ok=True)
    write_atomically({project.snapshot: snapshot.to_json()})
    return {CHECKED: snapshot.digest()}


def _frozen_by_make_report(project: Project) -> bool:
    """Whether the snapshot in ``build/`` is the one ``make report`` checked for this render."""
    digest = os.environ.get(CHECKED)
    if not digest:
        return False
    try:
        frozen = Snapshot.from_json(project.snapshot.read_bytes())
    except (OSError, ValueError, KeyError):
        return False
    return frozen.digest() == digest and Path(frozen.folder) == project.data


if __name__ == "__main__":
    raise SystemExit(main())
