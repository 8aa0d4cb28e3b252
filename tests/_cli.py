"""Run the analyst's command line, ``python -m scorecard ...``: in this process through ``cli.main``
(``run_scorecard``), or in a fresh process as they would (``run_scorecard_process``, for what is about
the process itself: its exit code, its start-up); and ``make report``'s render step
(``python -m scorecard.render``) with a stand-in ``quarto``."""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import stat
import subprocess
import sys
import warnings
from pathlib import Path

# The warnings a fresh Python does not print (its default filters); any other is printed to stderr
# where the analyst would see it, so a test of stderr sees it too.
UNSHOWN = (DeprecationWarning, PendingDeprecationWarning, ImportWarning, ResourceWarning)


def run_scorecard(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """``python -m scorecard ARGS`` (in ``cwd``) as ``cli.main`` runs it, in this process: its exit
    code, stdout and stderr, without a Python's start-up (about a second each)."""
    from scorecard.cli import main

    out, err = io.StringIO(), io.StringIO()
    with (
        contextlib.chdir(cwd or Path.cwd()),
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(err),
        warnings.catch_warnings(record=True) as caught,
    ):
        warnings.simplefilter("default")  # each warning once per place, as a fresh Python shows it
        try:
            code = main(list(args))
        except SystemExit as exit:  # argparse's usage errors
            code = exit.code if isinstance(exit.code, int) else 1
    for shown in (warning for warning in caught if not issubclass(warning.category, UNSHOWN)):
        err.write(warnings.formatwarning(shown.message, shown.category, shown.filename, shown.lineno))
    return subprocess.CompletedProcess(["scorecard", *args], code, out.getvalue(), err.getvalue())


def run_scorecard_process(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """``python -m scorecard ARGS`` in a fresh process, as the analyst runs it."""
    return subprocess.run(
        [sys.executable, "-m", "scorecard", *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        cwd=cwd,
    )


ROOT = Path(__file__).resolve().parent.parent


def checked_project(folder: Path) -> Path:
    """``folder`` made a project that ``make report``'s check passes: the shipped data and sections
    (no report.qmd: a stand-in ``quarto`` renders nothing from it)."""
    shutil.copytree(ROOT / "data", folder / "data", ignore=shutil.ignore_patterns("raw"), dirs_exist_ok=True)
    shutil.copytree(ROOT / "sections", folder / "sections", dirs_exist_ok=True)
    return folder


def fake_quarto(folder: Path, script: str) -> Path:
    """A ``quarto`` in ``folder`` that runs the shell ``script`` in place of a render."""
    folder.mkdir(parents=True, exist_ok=True)
    fake = folder / "quarto"
    fake.write_text(f"#!/bin/sh\n{script}")
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    return fake


def run_render_step(cwd: Path, quarto: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """``python -m scorecard.render --no-install`` in ``cwd``, finding ``quarto`` (``fake_quarto``)."""
    return subprocess.run(
        [sys.executable, "-m", "scorecard.render", "--no-install"],
        cwd=cwd,
        env={**os.environ, "PATH": f"{quarto.parent}:/usr/bin:/bin", **env},
        capture_output=True,
        text=True,
        check=False,
    )
