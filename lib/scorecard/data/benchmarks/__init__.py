"""Benchmarks from the DfE's published statistics: EES tidy files and statistical-neighbour models in,
``data/benchmarks.csv`` out (England, region, neighbours' average, rank and quartile band, as the
DfE's LAIT computes them), with the measure library and that file's checks.
Imports the vocabulary and the data room only. Other rooms import the names below, never its modules.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from scorecard import lazy_face

if TYPE_CHECKING:  # the names as mypy sees them; at run time __getattr__ imports each on first use
    from scorecard.data.benchmarks.command import measure_problems
    from scorecard.data.benchmarks.command import run as run_benchmarks
    from scorecard.data.benchmarks.council import council_code
    from scorecard.data.benchmarks.measures import (
        LIBRARY,
        Measure,
        custom_measures,
        propose_measures,
        proposed,
    )

__all__ = [
    "LIBRARY",
    "Measure",
    "council_code",
    "custom_measures",
    "measure_problems",
    "propose_measures",
    "proposed",
    "run_benchmarks",
]

# Each name of the face: its module in this room, and its name there.
_FACE: dict[str, tuple[str, str]] = {
    "LIBRARY": ("measures", "LIBRARY"),
    "Measure": ("measures", "Measure"),
    "custom_measures": ("measures", "custom_measures"),
    "proposed": ("measures", "proposed"),
    "propose_measures": ("measures", "propose_measures"),
    "measure_problems": ("command", "measure_problems"),
    "council_code": ("council", "council_code"),
    "run_benchmarks": ("command", "run"),
}


__getattr__, __dir__ = lazy_face(__name__, _FACE, __all__)
