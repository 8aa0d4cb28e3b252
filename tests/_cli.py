"""Run the analyst's command line, ``python -m scorecard ...``, in a fresh process as they would."""

from __future__ import annotations

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
