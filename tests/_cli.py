"""Run the analyst's command line, ``python -m scorecard ...``, in a fresh process as they would;
and ``make report``'s render step (``python -m scorecard.render``) with a stand-in ``quarto``."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path


def run_scorecard(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
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
