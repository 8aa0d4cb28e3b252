"""``python -m scorecard benchmarks FILE...``: the DfE files in, ``data/benchmarks.csv`` out.

All or nothing, like ``import``: every problem in the files, the settings or the catalogue is one
line, and then nothing is written. Otherwise it says what it read, which council and neighbours,
what each indicator's measure matched (or could not), and every figure it found without a number.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from scorecard.data import (
    BENCHMARKS_FILE,
    COLUMNS,
    Snapshot,
    benchmark_problems,
    benchmarks_text,
    changing,
    load_data,
    parse_csv,
)
from scorecard.data.benchmarks.compute import Indicator, compute
from scorecard.data.benchmarks.measures import LIBRARY, Measure, custom_measures
from scorecard.data.benchmarks.reading import read_statistics
from scorecard.model import ScorecardData
from scorecard.problems import DataError, Problem


def library_of(data: ScorecardData) -> dict[str, Measure]:
    """The shipped measures and the council's own (``benchmarks: measures:`` in the settings)."""
    return {**LIBRARY, **custom_measures(data.settings.benchmark_measures)}


def indicators_of(data: ScorecardData) -> list[Indicator]:
    """The catalogue's indicators that name a measure, with their lines in catalogue.csv."""
    catalogue = data.catalogue
    return [
        Indicator(str(row["id"]), str(row["benchmark"]), str(row["polarity"]), line)
        for line, (_, row) in enumerate(catalogue.iterrows(), start=2)
        if row["benchmark"]
    ]


def measure_problems(data: ScorecardData, catalogue_file: str) -> list[Problem]:
    """A measure the catalogue names that neither the library nor the settings have."""
    library = library_of(data)
    names = ", ".join(sorted(library))
    return [
        Problem(
            catalogue_file,
            item.row,
            "benchmark",
            item.measure,
            f"not a measure in the library; expected one of: {names}",
        )
        for item in indicators_of(data)
        if item.measure not in library
    ]


def run(paths: Sequence[Path], data_dir: Path) -> list[str]:
    """Compute the council's benchmarks from ``paths`` and write them, or raise ``DataError``."""
    with changing(data_dir) as transaction:
        # The file it replaces is not read: settings naming a year it lacks must not stop its remaking.
        folder = transaction.read()
        others = {name: content for name, content in folder.files.items() if name != BENCHMARKS_FILE}
        data = load_data(data_dir, Snapshot(folder.folder, others))
        settings = data.settings
        statistics = read_statistics(paths)
        problems = list(statistics.problems)
        settings_file, catalogue_file = str(data_dir / "settings.yaml"), str(data_dir / "catalogue.csv")
        if not settings.la_code:
            message = (
                "no la_code in the settings; expected the DfE's three-digit LA number (895 is Cheshire East)"
            )
            problems.append(Problem(settings_file, "-", "la_code", "", message))
        if not statistics.models and not problems:
            message = (
                "no statistical-neighbour model among the files; expected New_Statistical_Neighbour_Groupings"
                "_April_2021.csv or sn_model_2025_wide.csv as the DfE publishes them"
            )
            problems.append(Problem("FILE", "-", "-", ", ".join(p.name for p in paths)[:60], message))
        indicators = indicators_of(data)
        if not indicators:
            message = (
                "no indicator names a DfE measure; expected a measure in the benchmark column "
                "(docs/benchmarks.md)"
            )
            problems.append(Problem(catalogue_file, 1, "benchmark", "", message))
        if problems:
            raise DataError(problems)
        computed = compute(
            statistics.files,
            statistics.models,
            settings.la_code,
            indicators,
            library_of(data),
            catalogue_file,
        )
        if computed.problems:
            raise DataError([_in_folder(p, settings_file) for p in computed.problems])
        problems = []
        years = sorted({row["time_period"] for row in computed.rows})
        if settings.benchmark_year and settings.benchmark_year not in years:
            held = f"{years[0]}..{years[-1]}" if years else "no year"
            message = f"the DfE files hold {held}; expected one of those (the DfE's time_period)"
            problems.append(Problem(settings_file, "-", "benchmarks.year", settings.benchmark_year, message))
        text, written = benchmarks_text(computed.rows), str(data_dir / BENCHMARKS_FILE)
        frame, unread = parse_csv(text, written, COLUMNS["benchmarks"])  # never a file check refuses
        problems += unread + benchmark_problems(frame, written, data.catalogue["id"], settings.la_code)
        if problems:
            raise DataError(problems)
        transaction.commit({BENCHMARKS_FILE: text.encode()})
    models = sorted({row["neighbour_model"] for row in computed.rows})
    counted = len({row["id"] for row in computed.rows})
    summary = (
        f"wrote {data_dir / BENCHMARKS_FILE}: {len(computed.rows)} rows ({counted} indicators; time_period "
        f"{years[0] if years else '-'}..{years[-1] if years else '-'}; neighbour models {', '.join(models)})"
    )
    return [*statistics.lines, *computed.lines, summary]


def _in_folder(problem: Problem, settings_file: str) -> Problem:
    """A problem about the settings names the data folder's settings file."""
    if problem.file != "settings.yaml":
        return problem
    return Problem(settings_file, problem.row, problem.column, problem.value, problem.message)
