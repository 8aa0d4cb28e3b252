"""The files an analyst downloads from the DfE, each read as what its columns say it is: an EES tidy
data file, or a statistical-neighbour model. Anything else is one problem naming the file."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from scorecard.data import read_bytes
from scorecard.data.benchmarks.ees import NOT_EES, EesFile, decoded_rows, is_ees, problems_of, read_ees
from scorecard.data.benchmarks.neighbours import NeighbourModel, layout_of, read_model
from scorecard.problems import Problem

EXPECTED = "a DfE statistics file (EES tidy CSV) or a statistical-neighbour model"


@dataclass
class Statistics:
    """What the files held: EES files, neighbour models, a line for each file, and the problems."""

    files: list[EesFile] = field(default_factory=list)
    models: list[NeighbourModel] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def read_statistics(paths: Sequence[Path]) -> Statistics:
    """Read every file; a model given twice (two files of one model) is a problem."""
    found = Statistics()
    for path in paths:
        data, problems = read_bytes(path, EXPECTED)
        rows, more = ([], []) if problems else decoded_rows(path, data)
        problems += more
        if problems:
            found.problems += problems
            continue
        header = [cell.strip() for cell in rows[0][1]]
        layout = layout_of(header)
        if layout is not None:
            model, problems = read_model(layout, str(path), path.name, rows)
            found.problems += problems
            if any(m.model == model.model for m in found.models):
                message = f"a second file of the {model.model} neighbour model; expected each model once"
                found.problems.append(Problem(str(path), 1, "-", path.name, message))
            found.models.append(model)
            found.lines.append(f"read {path.name}: {model.title} ({len(model.neighbours)} councils)")
        elif is_ees(header):
            ees = read_ees(path, header, rows)
            found.problems += problems_of(ees, rows)
            years = sorted({row.year for row in ees.rows})
            span = f"{years[0]}..{years[-1]}" if years else "no rows"
            found.files.append(ees)
            found.lines.append(f"read {path.name}: EES tidy data, time_period {span}, {len(ees.rows)} rows")
        else:
            found.problems.append(Problem(str(path), 1, "-", ",".join(header)[:60], NOT_EES))
    return found
