"""One council's benchmarks from the DfE files: each indicator's measure, every year the files hold,
each neighbour model given; with a report of what matched, what did not, and every figure found
suppressed that the council's own, regional, national or neighbours' benchmarks would have used.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from scorecard.data import GSS_SYMBOLS, average_text
from scorecard.data.benchmarks.ees import JOINT, LOCAL, EesFile
from scorecard.data.benchmarks.figures import Cell, Found, Year, figures
from scorecard.data.benchmarks.measures import Measure
from scorecard.data.benchmarks.method import neighbour_average, quartile_band, rank
from scorecard.data.benchmarks.neighbours import NeighbourModel
from scorecard.problems import Problem

LONDON = "E12000007"  # the DfE's London region, for a London borough whose inner/outer figure is missing
_LONDON_PARTS = ("E13000001", "E13000002")


@dataclass(frozen=True)
class Indicator:
    """What the computation needs of a catalogue row."""

    id: str
    measure: str
    polarity: str
    row: int  # its line in catalogue.csv, for problems


@dataclass
class Computed:
    rows: list[dict[str, str]] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def compute(
    files: Sequence[EesFile],
    models: Sequence[NeighbourModel],
    la_code: str,
    indicators: Sequence[Indicator],
    library: Mapping[str, Measure],
    catalogue: str = "catalogue.csv",
) -> Computed:
    """Every row of ``benchmarks.csv`` for the council, or the problems that stop it."""
    out = Computed()
    for item in indicators:
        if item.measure not in library:
            names = ", ".join(sorted(library))
            message = f"not a measure in the library (id {item.id}); expected one of: {names}"
            out.problems.append(Problem(catalogue, item.row, "benchmark", item.measure, message))
    found = {
        name: figures(list(files), library[name])
        for name in {i.measure for i in indicators}
        if name in library
    }
    for result in found.values():
        out.problems += result.problems
    out.problems += _council_problems(files, models, la_code)
    if out.problems:
        return out
    out.lines += _council_lines(found, models, la_code)
    for item in indicators:
        measure, result = library[item.measure], found[item.measure]
        if not result.years:
            columns = ", ".join(sorted(measure.columns() - {"time_period", "time_identifier"})[:4])
            out.lines.append(
                f"not matched: {item.id} {measure.name} - no file given holds it "
                f"({measure.publication}; a file with the columns {measure.value}, {columns} ...)"
            )
            continue
        years = sorted(result.years)
        out.lines.append(
            f"matched: {item.id} {measure.name} - {', '.join(result.files)} {measure.value}; "
            f"{measure.year_label(years[0])}..{measure.year_label(years[-1])}"
        )
        if line := _suppressed(item, measure, result, models, la_code):
            out.lines.append(line)
        for year in years:
            for model in models:
                out.rows.append(_row(item, measure, year, result.years[year], model, la_code))
    return out


def _council_problems(
    files: Sequence[EesFile], models: Sequence[NeighbourModel], la_code: str
) -> list[Problem]:
    problems = []
    councils = {
        part for file in files for row in file.rows if row.level == LOCAL for part in row.code.split(JOINT)
    }
    if la_code not in councils:
        message = (
            "not a council in the DfE files given; expected the DfE's three-digit LA number of a council "
            "in them (895 is Cheshire East)"
        )
        problems.append(Problem("settings.yaml", "-", "la_code", la_code, message))
    for model in models:
        if la_code not in model.neighbours:
            message = (
                f"not a council of the {model.model} neighbour model; expected a council it lists "
                "(a council formed after the model has neighbours only in a later one: give that file)"
            )
            problems.append(Problem(model.file, "-", "la_code", la_code, message))
    return problems


def _council_lines(found: Mapping[str, Found], models: Sequence[NeighbourModel], la_code: str) -> list[str]:
    names: dict[str, str] = {}
    for result in found.values():
        for year in result.years.values():
            names.update(year.council_names)
    for model in models:
        names = {**model.names, **names}
    lines = [f"council: {la_code} {names.get(la_code, '')}".rstrip()]
    for model in models:
        neighbours = ", ".join(names.get(code, code) for code in model.neighbours[la_code])
        lines.append(f"neighbours ({model.title}): {neighbours}")
    return lines


def _region(year: Year, la_code: str) -> tuple[str, Cell | None]:
    """The council's region and its figure; a London borough whose inner or outer London figure is
    missing takes London's, as LAIT does (``clean_ldn_region``)."""
    code = year.region_code(la_code)
    cell = year.regions.get(code)
    if code in _LONDON_PARTS and (cell is None or cell.number is None) and LONDON in year.regions:
        code, cell = LONDON, year.regions[LONDON]
    return year.region_names.get(code, ""), cell


def _row(
    item: Indicator, measure: Measure, period: str, year: Year, model: NeighbourModel, la_code: str
) -> dict[str, str]:
    own = year.council(la_code)
    numbers = [cell.number for cell in year.councils.values() if cell.number is not None]
    average = neighbour_average(
        [cell.number if (cell := year.council(code)) else None for code in model.neighbours[la_code]]
    )
    place = rank(own.number, numbers, item.polarity) if own and own.number is not None else None
    band = quartile_band(own.number, numbers, item.polarity) if own and own.number is not None else None
    region_name, region = _region(year, la_code)
    source = f"{measure.publication}: {', '.join(year.files)}, {measure.value}"
    if measure.rate:
        source += f" per 10,000 children aged 0-17 (mid-{int(period) - 1})"
    return {
        "id": item.id,
        "measure": measure.name,
        "year": measure.year_label(period),
        "time_period": period,
        "known_from": measure.known_from(period),
        "la_code": la_code,
        "own": own.text if own else "",
        "england": year.england.text if year.england else "",
        "region": region.text if region else "",
        "region_name": region_name,
        "neighbour_model": model.model,
        "model_from": model.published,
        "neighbour_average": average_text(average.value),
        "neighbours_with_figure": str(average.with_figure),
        "neighbours": str(average.of),
        "rank": str(place) if place is not None else "",
        "councils_ranked": str(len(numbers)),
        "band": band or "",
        "decimals": str(measure.decimals if measure.rate else year.decimals()),
        "source": source,
    }


def _suppressed(
    item: Indicator, measure: Measure, found: Found, models: Sequence[NeighbourModel], la_code: str
) -> str:
    """One line naming, year by year, every figure the council's benchmarks would have used and could
    not (its own, England, its region, each neighbour), and how many other councils had none."""
    said = []
    for period, year in sorted(found.years.items()):
        places = {la_code: "own figure"}
        for model in models:
            for code in model.neighbours[la_code]:
                places.setdefault(
                    code, f"neighbour {year.council_names.get(code) or model.names.get(code, code)}"
                )
        missing = []
        if year.england is not None and year.england.number is None:
            missing.append(f"England '{year.england.text}'")
        name, region = _region(year, la_code)
        if region is not None and region.number is None:
            missing.append(f"{name} '{region.text}'")
        for code, what in places.items():
            cell = year.council(code)
            if cell is None:
                missing.append(f"{what} not in the file")
            elif cell.number is None:
                missing.append(f"{what} '{cell.text}' ({GSS_SYMBOLS.get(cell.text, 'not a number')})")
        shown = {year.joint.get(code, code) for code in places}
        others = [
            f"{year.council_names.get(code, code)} '{cell.text}'"
            for code, cell in year.councils.items()
            if cell.number is None and code not in shown
        ]
        if others:
            missing.append("other councils " + ", ".join(others))
        if missing:
            said.append(f"{measure.year_label(period)}: " + ", ".join(missing))
    return f"without a figure: {item.id} {measure.name} - " + "; ".join(said) if said else ""
