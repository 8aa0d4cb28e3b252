"""``make bench``: measure the pack's speed and scale on this machine. A measurement, not a test.

Prints one table of measurements, the whole ``quarto render`` against Quarto's own floor when a
``quarto`` is on PATH (``bench/render.py``; else ``render: skipped (no quarto)``), then the ratios
against their budgets (bench/README.md); the last line is ``report_vs_import_floor: X.XX`` (the cold
report divided by the import floor).
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from render import copy_project
from synthetic import extend_history, write_scorecard

ROOT = Path(__file__).resolve().parent.parent
BENCH = Path(__file__).resolve().parent
SCALES = [(100, 12), (100, 60), (1000, 12), (1000, 60)]
REPEATS = 5  # report runs of each kind; the median is reported (other work on the machine adds noise)
RENDER_REPEATS = 3  # whole quarto renders of each kind (about 10-15 s each)
# The report runs with the defaults an analyst has: cache on, in the project's build/.
ENV = {
    name: value
    for name, value in os.environ.items()
    if name not in ("SCORECARD_CACHE", "SCORECARD_CACHE_DIR", "SCORECARD_DATA")
}


def _run_json(args: list[str], cwd: Path = ROOT) -> dict:
    done = subprocess.run(
        [sys.executable, *args], cwd=cwd, capture_output=True, text=True, check=False, env=ENV
    )
    if done.returncode != 0:
        raise SystemExit(f"benchmark step failed: {' '.join(args)}\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def import_floor(runs: int = 2) -> tuple[list[float], float]:
    """Seconds of each run (and peak MB) of a fresh Python importing pandas, matplotlib and great_tables."""
    times, peaks = [], []
    for _ in range(runs):
        start = time.perf_counter()
        process = subprocess.Popen([sys.executable, "-c", "import pandas, matplotlib, great_tables"])
        _, status, usage = os.wait4(process.pid, 0)
        times.append(time.perf_counter() - start)
        peaks.append(usage.ru_maxrss / 1024)
        if status != 0:
            raise SystemExit("the import floor failed: are pandas, matplotlib and great_tables installed?")
    return times, max(peaks)


def kernel_floor(tmp: Path) -> float:
    """Seconds from a Jupyter kernel's start to the end of one cell importing pandas, matplotlib and
    great_tables, run as the report is (``report_once.py``): what any report in a kernel costs."""
    project = tmp / "kernel-floor"
    project.mkdir(exist_ok=True)
    (project / "report.qmd").write_text("```{python}\nimport pandas, matplotlib, great_tables\n```\n")
    return _run_json([str(BENCH / "report_once.py"), str(project)], cwd=project)["seconds"]


def machine_busy() -> float:
    """Share of the CPUs other processes used over half a second (other sessions share this machine)."""

    def sample() -> tuple[int, int]:
        fields = [int(f) for f in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
        return sum(fields), fields[3] + fields[4]

    try:
        total, idle = sample()
        time.sleep(0.5)
        total2, idle2 = sample()
    except OSError:
        return 0.0
    return 1 - (idle2 - idle) / max(total2 - total, 1)


def report_runs(tmp: Path) -> tuple[dict, dict, float, float, float]:
    """Median cold run (fresh copy, no cache, fresh kernel), median warm run (narrative edited), the
    median import floor and its peak MB, and the median kernel floor. The floors' runs are interleaved
    with the report's, so a change in the machine's load (other sessions share it) moves both sides of
    a ratio alike."""
    colds, warms, floors, kernels, floor_mb = [], [], [], [], 0.0
    for n in range(REPEATS):
        times, peak = import_floor()
        floors += times
        floor_mb = max(floor_mb, peak)
        kernels.append(kernel_floor(tmp))
        project = copy_project(tmp / f"project{n}")
        assert not (project / "build").exists()
        colds.append(_run_json([str(BENCH / "report_once.py"), str(project)], cwd=project))
        if not any((project / "build" / "report-cache").glob("*/*.pkl")):
            raise SystemExit("the cold run left no report cache: the warm run would not measure a cache hit")
        edit_narrative(project)
        warms.append(_run_json([str(BENCH / "report_once.py"), str(project)], cwd=project))
        if warms[-1]["digest"] != colds[-1]["digest"]:
            raise SystemExit("the warm run showed something other than the cold run: the cache is wrong")

    def median(runs: list[dict]) -> dict:
        return sorted(runs, key=lambda run: run["seconds"])[len(runs) // 2]

    return median(colds), median(warms), statistics.median(floors), floor_mb, statistics.median(kernels)


def edit_narrative(project: Path) -> None:
    """A narrative-only edit: one more sentence in the first section's prose."""
    section = sorted((project / "sections").glob("*.qmd"))[0]
    section.write_text(section.read_text() + "\nThe analyst added this sentence while writing.\n")


def main() -> None:
    rows: list[tuple[str, str, str]] = []
    busy = machine_busy()
    with tempfile.TemporaryDirectory() as tmp:
        cold, warm, floor, floor_mb, kernel = report_runs(Path(tmp))
    rows.append(("import floor (pandas+matplotlib+great_tables)", f"{floor:.2f} s", f"{floor_mb:.0f} MB"))
    rows.append(("  kernel floor (kernel start + those imports)", f"{kernel:.2f} s", ""))
    rows.append(
        ("report, cold (kernel start to last cell)", f"{cold['seconds']:.2f} s", f"{cold['peak_mb']:.0f} MB")
    )
    rows.append(
        (
            "report, warm (after a narrative-only edit)",
            f"{warm['seconds']:.2f} s",
            f"{warm['peak_mb']:.0f} MB",
        )
    )
    rows.append(("  cold, whole run incl. kernel shutdown", f"{cold['whole_run']:.2f} s", ""))
    rows.append(("  warm, whole run incl. kernel shutdown", f"{warm['whole_run']:.2f} s", ""))

    stages: dict[str, dict] = {"shipped data": _run_json([str(BENCH / "stages.py"), str(ROOT / "data")])}
    with tempfile.TemporaryDirectory() as tmp:
        years = Path(tmp) / "five-years"
        shutil.copytree(ROOT / "data", years, ignore=shutil.ignore_patterns("raw"))
        stages["shipped, 5 years"] = _run_json([str(BENCH / "stages.py"), str(extend_history(years, 60))])
        for indicators, months in SCALES:
            folder = write_scorecard(
                Path(tmp) / f"{indicators}x{months}", indicators, months, ROOT / "data" / "settings.yaml"
            )
            stages[f"{indicators} x {months}"] = _run_json([str(BENCH / "stages.py"), str(folder)])

    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
        f"report runs: median of {REPEATS}, import floor: median of {2 * REPEATS}"
    )
    busy = max(busy, machine_busy())
    if busy > 0.1:
        print(f"note: other processes were using {busy:.0%} of the CPUs; timings are noisier than usual")
    print(f"{'measure':<48} {'time':>10} {'peak':>8}")
    for name, seconds, peak in rows:
        print(f"{name:<48} {seconds:>10} {peak:>8}")
    print("(peak: resident memory of the largest process of the run)")
    print()
    header = ("scorecard", "imports", "load", "compute", "tables", "charts", "panels", "ms/panel", "peak")
    print(f"{header[0]:<16}" + "".join(f"{h:>10}" for h in header[1:]))
    for name, s in stages.items():
        per_panel = 1000 * s["charts"] / max(s["panels"], 1)
        print(
            f"{name:<16}"
            + "".join(
                f"{v:>10}"
                for v in (
                    f"{s['import']:.3f}s",
                    f"{s['load']:.3f}s",
                    f"{s['scorecard']:.3f}s",
                    f"{s['tables']:.3f}s",
                    f"{s['charts']:.3f}s",
                    str(s["panels"]),
                    f"{per_panel:.1f}",
                    f"{s['peak_mb']:.0f}MB",
                )
            )
        )

    render = _run_json([str(BENCH / "render.py"), str(RENDER_REPEATS)])
    if "skipped" in render:
        print("render: skipped (no quarto)")
    else:
        print()
        print(f"whole `quarto render` (HTML + PDF), median of {RENDER_REPEATS}      time")
        for name in (
            "floor",
            "cold with the cache",
            "warm with the cache",
            "cold without the cache",
            "warm without the cache",
            "cold with the cache, five years",
            "warm with the cache, five years",
        ):
            print(f"{'  ' + name:<48} {render[name]:>8.2f} s")
        for kind in ("cold", "warm"):
            saved = 1 - render[f"{kind} with the cache"] / render[f"{kind} without the cache"]
            print(f"{'  the render cache saves, ' + kind:<48} {saved:>8.0%}")
    print()

    def work(s: dict) -> float:
        return s["load"] + s["scorecard"] + s["tables"] + s["charts"]

    ratios = [
        ("cold report / floor", cold["seconds"] / floor, 4.0),
        ("warm report / floor", warm["seconds"] / floor, 1.5),
        (
            "chart ms per panel (shipped data)",
            1000 * stages["shipped data"]["charts"] / max(stages["shipped data"]["panels"], 1),
            20.0,
        ),
        ("1000 / 100 indicators (12 months)", work(stages["1000 x 12"]) / work(stages["100 x 12"]), 10.0),
        ("1000 / 100 indicators (60 months)", work(stages["1000 x 60"]) / work(stages["100 x 60"]), 10.0),
        ("60 / 12 months (100 indicators)", work(stages["100 x 60"]) / work(stages["100 x 12"]), 5.0),
        ("60 / 12 months (1000 indicators)", work(stages["1000 x 60"]) / work(stages["1000 x 12"]), 5.0),
        (
            "per month, 5 years / 1 (shipped data)",
            (work(stages["shipped, 5 years"]) / 60) / (work(stages["shipped data"]) / 12),
            1.2,
        ),
    ]
    if "skipped" not in render:
        ratios += [
            ("render cold / quarto floor", render["cold with the cache"] / render["floor"], 2.0),
            ("render warm / quarto floor", render["warm with the cache"] / render["floor"], 1.5),
            (
                "render cold, 5 years / quarto floor",
                render["cold with the cache, five years"] / render["floor"],
                2.0,
            ),
            (
                "render warm, 5 years / quarto floor",
                render["warm with the cache, five years"] / render["floor"],
                1.5,
            ),
        ]
    print()
    print(f"{'ratio':<40} {'measured':>10} {'budget':>8}  within")
    for name, value, budget in ratios:
        print(f"{name:<40} {value:>10.2f} {budget:>8.1f}  {'yes' if value <= budget else 'NO'}")
    print(f"report_vs_import_floor: {cold['seconds'] / floor:.2f}")


if __name__ == "__main__":
    main()
