"""The whole ``quarto render`` (HTML + PDF) against Quarto's own floor, on this machine, in one run.

The floor is a one-cell document that imports pandas, matplotlib and great_tables, rendered with the
project's own ``_quarto.yml`` (the same two formats). Runs are interleaved (floor, cold, warm, ...),
so a change in the machine's load moves both sides of a ratio alike; medians are reported.
- cold: a fresh copy of the project, no render cache;
- warm: the same copy again after a narrative-only edit (the cache from the cold run is there);
- "without the cache" (SCORECARD_CACHE=0): what the render cache earns, cold and warm;
- "five years": the same project with 60 months of data (``synthetic.extend_history``): the charts
  show 36 of them, the tables 12.
Usage: python bench/render.py [REPEATS]   (prints JSON; ``bench/run.py`` prints the table)
"""

from __future__ import annotations

import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from synthetic import extend_history

ROOT = Path(__file__).resolve().parent.parent
# What a render reads; never build/ (the report cache) or other outputs, so "cold" reuses nothing.
PROJECT_FILES = (
    "report.qmd",
    "_quarto.yml",
    "_sections.qmd",
    "sections",
    "data",
    "lib/scorecard/quarto/freeze_data.py",  # the project's pre- and post-render steps (_quarto.yml)
    "lib/scorecard/quarto/section_files.py",
    "lib/scorecard/quarto/include_html.py",
)
# The CSS and the Typst header _quarto.yml includes, and its filter (commentary's ids): the floor too.
ASSETS = "lib/scorecard/pack/output/assets"
FILTER = "lib/scorecard/quarto/blocks.lua"
STEPS = re.compile(r"  (?:pre|post)-render:\n(?:    - .*\n)+")  # the project's own steps: the floor has none
FLOOR_QMD = "---\ntitle: Floor\n---\n\n```{python}\nimport pandas, matplotlib, great_tables\n```\n"
# Each variant: (environment changes, months of history: the shipped year, or five years of months
# with the benchmark generator's history before it).
VARIANTS: dict[str, tuple[dict[str, str], int]] = {
    "with the cache": ({}, 12),
    "without the cache": ({"SCORECARD_CACHE": "0"}, 12),
    "with the cache, five years": ({}, 60),
}
CLEAN_ENV = {k: v for k, v in os.environ.items() if not k.startswith("SCORECARD_")}


def copy_project(into: Path) -> Path:
    into.mkdir(parents=True)
    for name in PROJECT_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, into / name, ignore=shutil.ignore_patterns("__pycache__", ".*"))
        else:
            (into / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(source, into / name)
    _copy_assets(into)
    return into


def _copy_assets(into: Path) -> None:
    shutil.copytree(ROOT / ASSETS, into / ASSETS, dirs_exist_ok=True)
    (into / FILTER).parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / FILTER, into / FILTER)


def floor_project(into: Path) -> Path:
    into.mkdir(parents=True)
    config = (ROOT / "_quarto.yml").read_text()
    config = STEPS.sub("", config.replace("- report.qmd", "- floor.qmd"))
    (into / "_quarto.yml").write_text(config)
    (into / "floor.qmd").write_text(FLOOR_QMD)
    _copy_assets(into)
    return into


def render(project: Path, document: str, env: dict[str, str]) -> float:
    """Seconds of one ``quarto render`` of ``document``; a failed render stops the benchmark."""
    start = time.perf_counter()
    done = subprocess.run(
        ["quarto", "render", document],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
        env={**CLEAN_ENV, "QUARTO_PYTHON": sys.executable, **env},
    )
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"quarto render {project / document} failed:\n{done.stderr[-3000:]}")
    return seconds


def edit_narrative(project: Path) -> None:
    """A narrative-only edit: one more sentence in the first section's prose."""
    section = sorted((project / "sections").glob("*.qmd"))[0]
    section.write_text(section.read_text() + "\nThe analyst added this sentence while writing.\n")


def measure(repeats: int) -> dict[str, float]:
    """Median seconds of the floor and of each variant's cold and warm render."""
    runs: dict[str, list[float]] = {"floor": []}
    with tempfile.TemporaryDirectory() as tmp:
        floor = floor_project(Path(tmp) / "floor")
        render(floor, "floor.qmd", {})  # Quarto's own first-run work (caches, kernelspec) is not ours
        for n in range(repeats):
            for v, (name, (env, months)) in enumerate(VARIANTS.items()):
                runs["floor"].append(render(floor, "floor.qmd", {}))
                project = copy_project(Path(tmp) / f"run{n}-variant{v}")
                if months > 12:
                    extend_history(project / "data", months)
                env = {**env, "SCORECARD_CACHE_DIR": str(project / "build" / "report-cache")}
                runs.setdefault(f"cold {name}", []).append(render(project, "report.qmd", env))
                edit_narrative(project)
                runs.setdefault(f"warm {name}", []).append(render(project, "report.qmd", env))
    return {name: statistics.median(times) for name, times in runs.items()}


def main() -> None:
    repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    if shutil.which("quarto") is None:
        print(json.dumps({"skipped": "no quarto"}))
        return
    print(json.dumps(measure(repeats)))


if __name__ == "__main__":
    main()
