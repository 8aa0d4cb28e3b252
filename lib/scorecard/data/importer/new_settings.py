"""The ``settings.yaml`` a new pack's init writes: its text (``settings_text``), and the check that
it reads back as ``check`` will read it (``valid``), each problem named at the cell or option its
text came from.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path

from scorecard.data import load_settings
from scorecard.data.importer.normalised import Where
from scorecard.model import Section, Settings
from scorecard.problems import DataError, Problem, printable


def _yaml(value: object) -> str:
    """A YAML scalar for any text: JSON's double-quoted strings are YAML's too. A character that is
    not printable (a control or format character, U+0085, a line separator) is written as an escape,
    as a problem line shows it: written raw, YAML would read it as a line break, or not read the file
    at all. The settings' check then names it (``load_settings``)."""
    return printable(json.dumps(value, ensure_ascii=False))


def valid(text: str, file: Path, sections: Sequence[Section], origins: Mapping[str, Where]) -> None:
    """The settings init would write, checked as ``check`` will read them; each problem is named at
    the cell or option its text came from (a section title at its heading in the file, the
    organisation at ``--organisation``), and nothing is written."""
    try:
        load_settings(file, text.encode("utf-8"))
    except DataError as error:
        raise DataError([_origin(problem, sections, origins) for problem in error.problems]) from None


def _origin(problem: Problem, sections: Sequence[Section], origins: Mapping[str, Where]) -> Problem:
    keys = problem.column.split(".")
    where = None
    if keys[0] == "organisation":
        where = Where("--organisation", "-", "--organisation")
    elif keys[0] == "columns":
        where = Where("--column", "-", "--column")
    elif keys[0] == "sections" and len(keys) > 1 and keys[1].isdigit() and int(keys[1]) < len(sections):
        where = origins.get(sections[int(keys[1])].key)
    if where is None:  # a choice kept from the settings already there
        return Problem(problem.file, "-", problem.column, problem.value, problem.message)
    return Problem(where.file, where.line, where.column, problem.value, problem.message)


def settings_text(settings: Settings) -> str:
    """``settings.yaml`` for the settings, with a comment on each choice."""
    lines = [
        "# Report settings: the analyst may edit these. Sections are listed in the order the pack shows",
        "# them; each has its file sections/NN-key.qmd.",
        f"organisation: {_yaml(settings.organisation)}",
        f"report_title: {_yaml(settings.report_title)}",
    ]
    if settings.population is not None:
        lines += [
            "population:",
            f"  children_0_17: {settings.population}   # denominator of every rate per 10,000",
            f"  source: {_yaml(settings.population_source)}",
            f"  year: {settings.population_year}",
        ]
    else:
        lines += [
            "# population: the children aged 0-17 behind rates per 10,000, for the data notes, e.g.",
            "#   children_0_17: 81634",
            "#   source: ONS mid-year population estimate",
            "#   year: 2023",
        ]
    lines += [
        "# amber within this fraction of the target, red beyond (an indicator's own tolerance or bands",
        "# in the catalogue come first)",
        f"rag_tolerance: {settings.rag_tolerance:g}",
        f"frequency: {settings.frequency}  # the pack reports a month, or a quarter",
        f"small_base: {settings.small_base}  # a percentage of fewer than this many is shown with its base",
    ]
    lines += _benchmark_settings(settings)
    if settings.columns:
        lines.append("columns:                 # file headers read as these fields by init and import")
        lines += [f"  {_yaml(header)}: {name}" for header, name in settings.columns.items()]
    lines.append("sections:")
    for section in settings.sections:
        lines += [f"  - key: {section.key}", f"    title: {_yaml(section.title)}"]
        if section.scope:
            lines.append(f"    scope: {_yaml(section.scope)}")
    return "\n".join(lines) + "\n"


def _benchmark_settings(settings: Settings) -> list[str]:
    if not settings.la_code:
        return ["# la_code: 895   # the DfE's three-digit LA number, for benchmarks (docs/benchmarks.md)"]
    lines = [f"la_code: {settings.la_code}  # the DfE's LA number: benchmarks from the DfE's statistics"]
    chosen = {"year": settings.benchmark_year, "neighbours": settings.neighbour_model}
    if any(chosen.values()) or settings.benchmark_measures:
        lines.append("benchmarks:")
        lines += [f"  {key}: {value}" for key, value in chosen.items() if value]
        if settings.benchmark_measures:
            lines.append("  measures:")
            for name, entry in settings.benchmark_measures.items():
                lines.append(f"    {name}:")
                for key, value in entry.items():
                    if isinstance(value, dict):
                        lines.append(f"      {key}:")
                        lines += [f"        {_yaml(k)}: {_yaml(v)}" for k, v in value.items()]
                    else:
                        lines.append(f"      {key}: {_yaml(value)}")
    return lines
