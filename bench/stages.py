"""One fresh process: time each stage of the pack on one data folder; print JSON.

Stages are timed the way the report uses them, without any cache and in one process, so they
measure the work itself; "import" is importing the modules they need (pandas,
pandera, matplotlib, great_tables and the package).
Usage: python bench/stages.py DATA_DIR
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path


def main(data_dir: Path) -> dict:
    start = time.perf_counter()
    from scorecard.data.load import load_data
    from scorecard.pack.output.outputs import table_output
    from scorecard.pack.parts.charts import section_charts
    from scorecard.pack.parts.table.tables import scorecard_table
    from scorecard.rules.frame import build_scorecard

    imported = time.perf_counter()

    data = load_data(data_dir)
    loaded = time.perf_counter()
    sc = build_scorecard(data)
    computed = time.perf_counter()
    for section in data.settings.sections:
        table_output(scorecard_table(sc, section.key))  # GT is lazy: building it (HTML and Typst) is the cost
    tabled = time.perf_counter()
    panels = 0
    for section in data.settings.sections:
        charts = section_charts(sc, section.key)
        panels += sum(chart.panels for chart in charts.charts)
    charted = time.perf_counter()
    return {
        "indicators": len(data.catalogue),
        "months": len(data.periods),
        "import": imported - start,
        "load": loaded - imported,
        "scorecard": computed - loaded,
        "tables": tabled - computed,
        "charts": charted - tabled,
        "panels": panels,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


if __name__ == "__main__":
    print(json.dumps(main(Path(sys.argv[1]))))
