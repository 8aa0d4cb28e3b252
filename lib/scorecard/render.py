"""``make report``: render report.qmd to HTML and PDF with whatever Quarto this machine can have.

Order: the ``quarto`` on PATH (or in this venv), else install the ``quarto-cli`` package (it downloads
Quarto while it builds, so it needs internet access), else stop with a message saying what to do.
Never a raw pip traceback: pip's output goes to a log file named in the message.

``PERIOD`` is checked to be a month before anything else sees it; one ``make report`` renders at a time
(a second waits, or stops naming the first); and after a failed render the message says which output
is missing: the previous render's outputs are removed first (``quarto/freeze_data.py``), so a new web
page never sits beside an old PDF.
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
from scorecard.problems import DataError

EXIT_NO_QUARTO = 2  # also a bad PERIOD: the analyst's to fix
OUTPUTS = ("report.html", "report.pdf")
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


def render_command(quarto: str, period: str | None) -> list[str]:
    """The ``quarto render`` command line, with ``period`` as the report's parameter when given."""
    command = [quarto, "render", "report.qmd"]
    if period:
        command += ["-P", f"period:{period}"]
    return command


def check_period(period: str, data_dir: Path) -> int:
    """A wrong PERIOD fails here, in one line, not deep inside Quarto's output."""
    from scorecard.data import load_data
    from scorecard.problems import DataError
    from scorecard.rules import check_period as check

    try:
        check(load_data(data_dir), period)
    except DataError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        return EXIT_NO_QUARTO
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """``make report``: check the period, find (or install) Quarto, and render the pack."""
    parser = argparse.ArgumentParser(prog="python -m scorecard.render")
    parser.add_argument("--period", help="YYYY-MM to rebuild an earlier month's pack")
    parser.add_argument("--no-install", action="store_true", help="do not try pip install quarto-cli")
    args = parser.parse_args(argv)
    if args.period and not is_period(args.period):
        shown = args.period.encode("unicode_escape").decode()[:60]
        print(f"PERIOD: value '{shown}' - not a month; expected YYYY-MM, such as 2025-02", file=sys.stderr)
        return EXIT_NO_QUARTO
    if args.period and check_period(args.period, Path("data")) != 0:
        return EXIT_NO_QUARTO
    quarto = find_quarto()
    if quarto is None and not args.no_install:
        quarto = install_quarto_cli(Path(sys.prefix) / "quarto-install.log")
    if quarto is None:
        print(HOW_TO_INSTALL, file=sys.stderr)
        return EXIT_NO_QUARTO
    # Quarto's jupyter engine must run the cells with this venv's Python, where scorecard lives.
    env = {**os.environ, "QUARTO_PYTHON": sys.executable}
    command = render_command(quarto, args.period)
    from scorecard.quarto import busy_line, holder, write_sections

    try:
        with _one_render_at_a_time():
            running = holder()  # a `quarto render` started by hand
            if running is not None:
                print(busy_line(running), file=sys.stderr)
                return EXIT_NO_QUARTO
            # Quarto reads _sections.qmd before its pre-render step can rewrite it: have it right already.
            if write_sections() != 0:
                return EXIT_NO_QUARTO
            print("$", " ".join(command))
            code = subprocess.run(command, env=env, check=False).returncode
    except DataError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        return EXIT_NO_QUARTO
    _remove_unfinished_page()
    missing = [name for name in OUTPUTS if not Path(name).is_file()]
    if code != 0 or missing:
        made = [name for name in OUTPUTS if name not in missing]
        print(
            f"The render failed: {', '.join(missing) or 'an output'} was not made"
            + (f"; {', '.join(made)} is from this render" if made else "")
            + " (no output from an earlier render is left beside it).",
            file=sys.stderr,
        )
        return code or 1
    return 0


def _remove_unfinished_page() -> None:
    """A web page still waiting for its tables (Quarto stopped before its post-render step) is not
    an output: it goes, and the render says it was not made."""
    from scorecard.quarto import PLACEHOLDER

    page = Path("report.html")
    try:
        unfinished = PLACEHOLDER.search(page.read_text(encoding="utf-8", errors="replace")) is not None
    except OSError:
        return
    if unfinished:
        page.unlink(missing_ok=True)


def _one_render_at_a_time() -> contextlib.AbstractContextManager[None]:
    """The project's render lock: two renders at once would overwrite each other's files."""
    from scorecard.data import exclusive

    Path("build").mkdir(exist_ok=True)
    return exclusive(Path("build"), "render the report")


if __name__ == "__main__":
    raise SystemExit(main())
