"""One fresh process: execute report.qmd in a Jupyter kernel, as the tests and Quarto do; print JSON.

Timed from the kernel's start to the end of the last cell; the whole run
(reading the document and shutting the kernel down too) is given as well. Peak memory is that of the
largest process (this one or the kernel), read after they have exited.
The digest of the outputs (great_tables' random table ids left out) lets the caller check that the
warm run showed exactly what the cold one did.
Usage: python bench/report_once.py PROJECT_DIR
"""

from __future__ import annotations

import hashlib
import json
import re
import resource
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))  # the tests' runner
from _qmd_runner import execute


def main(project: Path) -> dict:
    report = execute(project / "report.qmd")
    peak_kb = max(
        resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
    )
    shown = [re.sub(r'id="[a-z]{10}"|#[a-z]{10} ', "", str(out["data"])) for _, out in report.outputs()]
    shown += [f"{r.expression}={r.text}" for r in report.inline]
    return {
        "seconds": report.kernel_to_last_cell,
        "whole_run": report.seconds,
        "cells": len(report.notebook.cells),
        "peak_mb": peak_kb / 1024,
        "digest": hashlib.sha256("\n".join(shown).encode()).hexdigest(),
    }


if __name__ == "__main__":
    print(json.dumps(main(Path(sys.argv[1]))))
