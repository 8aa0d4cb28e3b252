"""``make report``: render report.qmd to HTML and PDF with whatever Quarto this machine can have
(``EDITION=exceptions``: the exceptions-only edition, to report-exceptions.html and .pdf).

Order: the ``quarto`` on PATH (or in this venv), else install the ``quarto-cli`` package (it downloads
Quarto while it builds, so it needs internet access), else stop with a message saying what to do.
Never a raw pip traceback: pip's output goes to a log file named in the message.

``PERIOD`` is checked to be a month before anything else sees it. Then the data and the narrative
are checked once, in this process, by the function ``python -m scorecard check`` runs
(``scorecard.cli.check``), and those very bytes are frozen for Quarto's two runs of the cells: the
render shows the data that was checked, whatever lands in the folder meanwhile. One ``make report``
renders at a time (a second waits, or stops naming the first); and after a failed render the message
says which output is missing: the previous render's outputs are removed first
(``quarto/freeze_data.py``), so a new web page never sits beside an old PDF.

The project is the working directory, its data folder ``data/`` or ``SCORECARD_DATA``
(``scorecard.project``): the check, Quarto's steps and the kernels all resolve the same one.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from scorecard.periods import is_period
from scorecard.problems import DataError, problem_lines
from scorecard.project import EDITIONS, FULL, PLACEHOLDER, Project

EXIT_NO_QUARTO = 2  # also a bad PERIOD, bad data or narrative: the analyst's to fix
HOW_TO_INSTALL = (
    "Quarto is needed to render the report, and none could be found or installed here.\n"
    "Install it once, then run `make report` again:\n"
    "  - the installer from https://quarto.org/docs/get-started/ (puts `quarto` on your PATH), or\n"
    "  - `.venv/bin/pip install quarto-cli` on a machine with internet access.\n"
    "Everything up to Quarto (data checks and all report code) is verified by `make test`."
)


def find_quarto() -> str | None:
    """The quarto on PATH, or the one the quarto-cli package put beside this Python."""
    beside_python = Path(sys.executable).parent / "quarto"
    if beside_python.exists():
        return str(beside_python)
    return shutil.which("quarto")


def install_quarto_cli(log: Path) -> str | None:
    """Try ``pip install quarto-cli``; its output goes to ``log``, not the analyst's screen."""
    print("No quarto found; trying `pip install quarto-cli` (needs internet access)...")
    with log.open("w") as out:
        result = subprocess.run(
            [sys.executable, "-m", "pip", "install", "--disable-pip-version-check", "quarto-cli"],
            stdout=out,
            stderr=subprocess.STDOUT,
            check=False,
        )
    if result.returncode != 0:
        print(f"Installing quarto-cli failed (details in {log}).", file=sys.stderr)
        return None
    return find_quarto()


def render_command(quarto: str, period: str | None, project: Project, edition: str = FULL) -> list[str]:
    """The ``quarto render`` command line, with ``period`` as the report's parameter when given, and
    the exceptions edition's Quarto profile for that edition."""
    command = [quarto, "render", str(project.report)]
    if period:
        command += ["-P", f"period:{period}"]
    if edition != FULL:
        command += ["--profile", edition]
    return command


def main(argv: Sequence[str] | None = None) -> int:
    """``make report``: check the data and the narrative, find (or install) Quarto, and render the pack
    from the very data checked."""
    parser = argparse.ArgumentParser(prog="python -m scorecard.render")
    parser.add_argument("--period", help="YYYY-MM to rebuild an earlier month's pack")
    parser.add_argument("--no-install", action="store_true", help="do not try pip install quarto-cli")
    parser.add_argument(
        "--edition", default="", help="full (the default) or exceptions: summary, exceptions, actions, key"
    )
    args = parser.parse_args(argv)
    edition = args.edition or FULL  # make report passes "" for none
    if edition not in EDITIONS:
        shown = edition.encode("unicode_escape").decode()[:60]
        print(f"EDITION: value '{shown}' - not an edition; expected full or exceptions", file=sys.stderr)
        return EXIT_NO_QUARTO
    period = args.period or None  # make report passes "" for none
    if period and not is_period(period):
        shown = period.encode("unicode_escape").decode()[:60]
        print(f"PERIOD: value '{shown}' - not a month; expected YYYY-MM, such as 2025-02", file=sys.stderr)
        return EXIT_NO_QUARTO
    from scorecard.cli import check
    from scorecard.quarto import busy_line, freeze_checked, holder, restore_full_pdf, write_sections

    project = Project.find()
    try:
        checked = check(project, period)  # the data and the narrative, once, before Quarto starts
        quarto = find_quarto()
        if quarto is None and not args.no_install:
            quarto = install_quarto_cli(Path(sys.prefix) / "quarto-install.log")
        if quarto is None:
            print(HOW_TO_INSTALL, file=sys.stderr)
            return EXIT_NO_QUARTO
        with _one_render_at_a_time(project):
            running = holder()  # a `quarto render` started by hand
            if running is not None:
                print(busy_line(running), file=sys.stderr)
                return EXIT_NO_QUARTO
            # Quarto's jupyter engine must run the cells with this venv's Python, where scorecard
            # lives; both formats read the data checked above (Quarto's pre-render step keeps it).
            env = {**os.environ, "QUARTO_PYTHON": sys.executable, **freeze_checked(checked, project)}
            # Quarto reads _sections.qmd before its pre-render step can rewrite it: have it right already.
            if write_sections() != 0:
                return EXIT_NO_QUARTO
            command = render_command(quarto, period, project, edition)
            print("$", " ".join(command))
            try:
                code = subprocess.run(command, env=env, check=False).returncode
            finally:
                restore_full_pdf(project)  # put aside while the exceptions edition rendered
    except DataError as error:
        for line in problem_lines(error.problems):
            print(line, file=sys.stderr)
        return EXIT_NO_QUARTO
    outputs = project.edition_outputs(edition)
    _remove_unfinished_page(outputs[0])
    missing = [path.name for path in outputs if not path.is_file()]
    if code != 0 or missing:
        made = [path.name for path in outputs if path.name not in missing]
        print(
            f"The render failed: {', '.join(missing) or 'an output'} was not made"
            + (f"; {', '.join(made)} is from this render" if made else "")
            + " (no output from an earlier render is left beside it).",
            file=sys.stderr,
        )
        return code or 1
    return 0


def _remove_unfinished_page(html: Path) -> None:
    """A web page still waiting for its tables (Quarto stopped before its post-render step) is not
    an output: it goes, and the render says it was not made."""
    try:
        page = html.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return
    if PLACEHOLDER.search(page) is not None:
        html.unlink(missing_ok=True)


def _one_render_at_a_time(project: Project) -> contextlib.AbstractContextManager[None]:
    """The project's render lock: two renders at once would overwrite each other's files."""
    from scorecard.data import exclusive

    project.build.mkdir(exist_ok=True)
    return exclusive(project.build, "render the report")


if __name__ == "__main__":
    raise SystemExit(main())
