"""Quarto's pre-render step (``_quarto.yml``): one data state for both formats of a render.

Quarto runs the report's cells twice, for the web page and for the PDF, in two kernels one after the
other. An import that lands between the two runs would give a page and a PDF built from different
data. So before either run this script reads the data folder once, under its shared lock, into
``build/data-snapshot.json``, and both runs read that (``scorecard.pack.report.open_pack``). It also
removes the previous render's ``report.html`` and ``report.pdf``: if one format then fails, no output
from an earlier data state is left beside the other.

Quarto runs it with the Python it finds (``QUARTO_PYTHON``, else ``python3``), which may not have the
project installed, so it falls back to the ``lib/`` folder it sits in; it needs the standard library
only.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

try:
    from scorecard.data import folder
    from scorecard.problems import DataError
except ImportError:  # a Python without the project installed: use this checkout's lib/
    sys.path.append(str(Path(__file__).resolve().parents[2]))
    from scorecard.data import folder
    from scorecard.problems import DataError

OUTPUTS = ("report.html", "report.pdf")


def main() -> int:
    for name in OUTPUTS:
        Path(name).unlink(missing_ok=True)
    data = Path(os.environ.get("SCORECARD_DATA", "data"))
    try:
        folder.freeze(data, folder.FROZEN)
    except DataError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
