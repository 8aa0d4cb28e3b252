"""A measure's figures, year by year, from the EES files that hold it: England, each region, each
council, as published (a symbol kept as the symbol), with where each came from.

Two files may hold the same measure (a download of two releases, or the same file twice): where they
agree they are one source; where they give the same year and place different figures, that is a
problem, never a silent choice.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from scorecard.data import published_figure
from scorecard.data.benchmarks.ees import JOINT, LOCAL, NATIONAL, REGIONAL, EesFile, Row, cell_problem
from scorecard.data.benchmarks.measures import POPULATION, Measure
from scorecard.problems import Problem

RATE_PER = 10_000


@dataclass(frozen=True)
class Cell:
    """One published figure: its text (a number, or a symbol such as ``c``) and where it is."""

    text: str
    file: str
    line: int

    @property
    def number(self) -> float | None:
        return published_figure(self.text)


@dataclass
class Year:
    """One year of a measure: every place's figure, the councils' regions and names, its sources."""

    england: Cell | None = None
    regions: dict[str, Cell] = field(default_factory=dict)
    region_names: dict[str, str] = field(default_factory=dict)
    councils: dict[str, Cell] = field(default_factory=dict)
    region_of: dict[str, str] = field(default_factory=dict)  # council -> its region_code
    council_names: dict[str, str] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)

    def council(self, code: str) -> Cell | None:
        """A council's figure: its own row's, or the joint row it reports in (``940 / 941``)."""
        return self.councils.get(code) or self.councils.get(self.joint.get(code, ""))

    @property
    def joint(self) -> dict[str, str]:
        """Each council reporting jointly -> the joint row's code."""
        return {part: code for code in self.councils if JOINT in code for part in code.split(JOINT)}

    def region_code(self, code: str) -> str:
        return self.region_of.get(code) or self.region_of.get(self.joint.get(code, ""), "")

    def decimals(self) -> int:
        """The decimals the figures are published to: the most any of them has."""
        cells = [*self.councils.values(), *self.regions.values(), *([self.england] if self.england else [])]
        return max((len(c.text.partition(".")[2]) for c in cells if c.number is not None), default=0)


@dataclass(frozen=True)
class Found:
    """A measure's figures by year, and what reading them found."""

    years: dict[str, Year]
    files: tuple[str, ...]  # the files it came from
    problems: tuple[Problem, ...] = ()


def holding(files: list[EesFile], measure: Measure) -> list[EesFile]:
    """The files with the measure's columns."""
    return [file for file in files if file.has(measure.columns())]


def _picked(file: EesFile, measure: Measure) -> list[Row]:
    return [row for row in file.rows if all(row.cells[c] == v for c, v in measure.filters.items())]


def published(files: list[EesFile], measure: Measure) -> Found:
    """The figures of the measure's value column, from every file holding it."""
    years: dict[str, Year] = {}
    problems: list[Problem] = []
    clashed: set[tuple[str, str]] = set()  # (file, year): one conflict each is enough to say what is wrong
    used = []
    for file in holding(files, measure):
        rows = _picked(file, measure)
        if rows:
            used.append(file.name)
        for row in rows:
            text = row.cells[measure.value]
            if why := cell_problem(text):
                problems.append(Problem(file.path, row.line, measure.value, text, why))
                continue
            year = years.setdefault(row.year, Year())
            if file.name not in year.files:
                year.files.append(file.name)
            cell = Cell(text if published_figure(text) is not None else text.lower(), file.path, row.line)
            held = _place(year, row, cell)
            if held is not None and (file.path, row.year) not in clashed:
                clashed.add((file.path, row.year))
                problems.append(_conflict(measure, row, held, text, file))
    return Found(years, tuple(used), tuple(problems))


def _place(year: Year, row: Row, cell: Cell) -> Cell | None:
    """Put a row's figure in its place; the figure already there if it differs (a conflict)."""
    if row.level == NATIONAL:
        held = year.england = year.england or cell
    elif row.level == REGIONAL:
        held = year.regions.setdefault(row.code, cell)
        year.region_names.setdefault(row.code, row.cells["region_name"])
    else:
        held = year.councils.setdefault(row.code, cell)
        year.region_of.setdefault(row.code, row.cells["region_code"])
        year.council_names.setdefault(row.code, row.cells["la_name"])
    return held if held is not cell and held.text != cell.text else None


def _conflict(measure: Measure, row: Row, held: Cell, text: str, file: EesFile) -> Problem:
    place = {NATIONAL: "England", REGIONAL: row.cells["region_name"]}.get(row.level, row.cells["la_name"])
    message = (
        f"{measure.name} {row.year} for {place} is '{held.text}' in {held.file} line {held.line}; "
        "expected the same figure wherever a year is given twice (two releases of one publication? "
        "give only the newer file)"
    )
    return Problem(file.path, row.line, measure.value, text, message)


def rates(files: list[EesFile], measure: Measure) -> Found:
    """A rate per 10,000 children aged 0-17: the count over the population of the mid-year before
    (the DfE's own practice: the year ending 31 March 2024 over mid-2023), rounded to the measure's
    decimals as the DfE publishes such rates. A count that is a symbol stays that symbol; a year with
    no population has no rate (the population file does not reach it)."""
    counts, people = published(files, measure), published(files, POPULATION)
    years: dict[str, Year] = {}
    for year, counted in counts.years.items():
        base = people.years.get(str(int(year) - 1))
        if base is None:
            continue
        made = Year(
            region_names=counted.region_names,
            region_of=counted.region_of,
            council_names=counted.council_names,
            files=[*counted.files, *base.files],
        )
        made.england = _rate(counted.england, base.england, measure.decimals)
        made.regions = {
            code: cell
            for code, count in counted.regions.items()
            if (cell := _rate(count, base.regions.get(code), measure.decimals))
        }
        made.councils = {
            code: cell
            for code, count in counted.councils.items()
            if (cell := _rate(count, base.councils.get(code), measure.decimals))
        }
        years[year] = made
    return Found(years, counts.files + people.files, counts.problems + people.problems)


def _rate(count: Cell | None, population: Cell | None, decimals: int) -> Cell | None:
    if count is None:
        return None
    if count.number is None:
        return count
    if population is None or not population.number:
        return Cell("x", count.file, count.line)
    value = Decimal(repr(count.number / population.number * RATE_PER))
    rounded = value.quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)  # as the DfE rounds: half up
    return Cell(f"{rounded:f}", count.file, count.line)


def figures(files: list[EesFile], measure: Measure) -> Found:
    """The measure's figures: published, or made as a rate."""
    return rates(files, measure) if measure.rate else published(files, measure)


__all__ = ["LOCAL", "Cell", "Found", "Year", "figures", "holding"]
