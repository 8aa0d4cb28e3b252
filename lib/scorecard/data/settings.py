"""``data/settings.yaml`` -> ``model.Settings``, with one problem per bad or missing key."""

from __future__ import annotations

import difflib
import re
from pathlib import Path
from typing import Any, TypeGuard

import yaml

from scorecard.data.benchmark_data import benchmark_settings
from scorecard.data.bounds import UNSHOWABLE_FIX, unshowable, yaml_problems
from scorecard.data.textfiles import decode, read_bytes
from scorecard.model import (
    CHART_MONTHS,
    DEFAULT_EXCEPTIONS,
    EVERY_FIELD,
    MIN_BASELINE,
    SMALL_BASE,
    ExceptionRule,
    Frequency,
    Section,
    Settings,
    SpcRules,
)
from scorecard.problems import DataError, Problem
from scorecard.targets import MAX_DIGITS

_TOP = {"organisation", "report_title", "rag_tolerance", "sections"}
# Optional, each with a default, so a settings file without them stays valid: population (the pack
# then states no base for its rates), frequency (monthly), small_base (20), columns (none), spc_rules,
# la_code and benchmarks (none), spc_baseline (limits from every point of a segment), chart_months (36),
# exceptions (model.DEFAULT_EXCEPTIONS) and commentary (optional).
_OPTIONAL = {
    "population",
    "frequency",
    "small_base",
    "columns",
    "spc_rules",
    "la_code",
    "benchmarks",
    "spc_baseline",
    "chart_months",
    "exceptions",
    "commentary",
}
_COMMENTARY = ("optional", "required")
_POPULATION = {"children_0_17", "source", "year"}
_SECTION = {"key", "title", "scope"}
MIN_CHART_MONTHS = 12  # a chart shows at least the table's year
_KEY = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def load_settings(path: Path, content: bytes | None = None) -> Settings:
    """Read (or take ``content``, the file's bytes already read) and validate the settings;
    ``DataError`` lists every problem."""
    file = str(path)
    if content is None:
        content, problems = read_bytes(path, "the report settings (organisation, population, sections)")
        if problems:
            raise DataError(problems)
    text, problems, _ = decode(content, file)  # Windows-1252 settings lose nothing: no arrows here
    if problems:
        raise DataError(problems)
    if not text.strip():
        raise DataError(
            [
                Problem(
                    file,
                    1,
                    "-",
                    "",
                    "empty file; expected the report settings as "
                    "'key: value' lines (organisation, report_title, population, ...)",
                )
            ]
        )
    unsafe = yaml_problems(text, file)  # on the event stream: nothing is built or expanded yet
    if unsafe:
        raise DataError(unsafe)
    try:
        root = yaml.compose(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        message = f"not valid YAML ({error}); expected key: value lines"
        raise DataError([Problem(file, line, "-", "", message)]) from None
    problems = []
    lines = _line_numbers(root)
    raw: Any = yaml.safe_load(text)

    def problem(keys: tuple[Any, ...], value: Any, message: str) -> None:
        problems.append(
            Problem(file, lines.get(keys, 1), ".".join(map(str, keys)) or "-", str(value), message)
        )

    if not isinstance(raw, dict):
        raise DataError([Problem(file, 1, "-", str(raw)[:40], "expected a YAML mapping of settings")])
    _keys(raw, _TOP | _OPTIONAL, (), problem, optional=frozenset(_OPTIONAL))
    population = raw.get("population")
    if isinstance(population, dict):
        _keys(population, _POPULATION, ("population",), problem)
    elif "population" in raw:
        problem(("population",), population, "expected children_0_17, source and year under population")
        population = {}
    population = population or {}
    children = population.get("children_0_17")
    if "children_0_17" in population and (not _whole(children) or not 0 < children < 10**MAX_DIGITS):
        problem(
            ("population", "children_0_17"),
            str(children)[:40],
            f"expected a whole number of children above 0, at most {MAX_DIGITS} digits",
        )
    year = population.get("year")
    if "year" in population and (not _whole(year) or not 1900 <= year <= 2100):
        problem(("population", "year"), year, "expected a year such as 2023")
    tolerance = raw.get("rag_tolerance")
    if "rag_tolerance" in raw and (not _number(tolerance) or not 0 <= tolerance < 1):
        problem(("rag_tolerance",), tolerance, "expected a fraction from 0 to below 1, e.g. 0.15 for 15%")
    frequency = raw.get("frequency", Frequency.MONTHLY.value)
    if frequency not in (Frequency.MONTHLY, Frequency.QUARTERLY):
        problem(("frequency",), frequency, "expected monthly or quarterly: how often the pack reports")
    small_base = raw.get("small_base", SMALL_BASE)
    if not _whole(small_base) or small_base < 1:
        problem(("small_base",), small_base, "expected a whole number of 1 or more, e.g. 20")
    columns = _columns(raw.get("columns", {}), problem)
    sections = _sections(raw.get("sections"), "sections" in raw, problem)
    rules = raw.get("spc_rules", SpcRules.MDC_2023.value)
    if str(rules) not in set(SpcRules):
        expected = " or ".join(r.value for r in SpcRules)
        problem(("spc_rules",), rules, f"unknown SPC rule set; expected {expected} (the default is mdc-2023)")
    la_code = str(raw.get("la_code", "") or "")
    if la_code and not re.fullmatch(r"[0-9]{3}", la_code):
        problem(
            ("la_code",), la_code, "expected the DfE's three-digit LA number, such as 895 for Cheshire East"
        )
    benchmark_year, neighbour_model, measures = benchmark_settings(raw.get("benchmarks"), problem)
    baseline = raw.get("spc_baseline")
    if baseline is not None and (not _whole(baseline) or baseline < MIN_BASELINE):
        problem(
            ("spc_baseline",),
            baseline,
            f"expected a whole number of points, {MIN_BASELINE} or more (Making Data Count's tools take "
            "12 to 20): the limits of each segment come from its first so many points",
        )
    months = raw.get("chart_months", CHART_MONTHS)
    if months != "all" and (not _whole(months) or months < MIN_CHART_MONTHS):
        problem(
            ("chart_months",),
            months,
            f"expected all (the whole history) or a whole number of months, {MIN_CHART_MONTHS} or more",
        )
    exceptions, required = _accountability(raw, problem)
    texts: list[tuple[tuple[Any, ...], Any]] = [
        (("organisation",), raw.get("organisation")),
        (("report_title",), raw.get("report_title")),
    ]
    texts.append((("population", "source"), population.get("source")))
    texts += [
        (("sections", n, key), item.get(key))
        for n, item in enumerate(raw.get("sections") or [])
        if isinstance(item, dict)
        for key in ("title", "scope")
    ]
    for keys, value in texts:
        if isinstance(value, str) and (bad := unshowable(value)):
            problem(keys, value[:60], f"character {bad}; {UNSHOWABLE_FIX}")
    if problems:
        raise DataError(problems)
    return Settings(
        organisation=str(raw["organisation"]),
        report_title=str(raw["report_title"]),
        population=int(children) if children is not None else None,
        population_source=str(population.get("source", "") or ""),
        population_year=int(year) if year is not None else None,
        rag_tolerance=float(raw["rag_tolerance"]),  # required, so present once there are no problems
        sections=sections,
        frequency=Frequency(frequency),
        small_base=int(small_base),
        columns=columns,
        spc_rules=SpcRules(str(rules)),
        la_code=la_code,
        benchmark_year=benchmark_year,
        neighbour_model=neighbour_model,
        benchmark_measures=measures,
        spc_baseline=baseline,
        chart_months=None if months == "all" else months,
        exceptions=exceptions,
        commentary_required=required,
    )


def _accountability(raw: dict, problem: Any) -> tuple[tuple[ExceptionRule, ...], bool]:
    """``exceptions:`` (which rules make an exception) and ``commentary:`` (whether every exception
    must have commentary and an open action)."""
    exceptions = _exceptions(raw.get("exceptions", list(DEFAULT_EXCEPTIONS)), problem)
    commentary = raw.get("commentary", "optional")
    if commentary not in _COMMENTARY:
        expected = "required (an exception without commentary or an open action stops check) or optional"
        problem(("commentary",), commentary, f"expected {expected}")
    return exceptions, commentary == "required"


def _exceptions(raw: Any, problem: Any) -> tuple[ExceptionRule, ...]:
    """``exceptions:``: which rules make an indicator an exception, as a list of their names."""
    known = ", ".join(rule.value for rule in ExceptionRule)
    if not isinstance(raw, list):
        problem(("exceptions",), raw, f"expected a list in square brackets, of: {known}")
        return DEFAULT_EXCEPTIONS
    rules = []
    for n, name in enumerate(raw):
        if str(name) not in set(ExceptionRule):
            close = difflib.get_close_matches(str(name), list(ExceptionRule), n=1)
            hint = f"did you mean {close[0]}? " if close else ""
            problem(("exceptions", n), name, f"unknown exception rule; {hint}expected one of: {known}")
        elif ExceptionRule(str(name)) not in rules:
            rules.append(ExceptionRule(str(name)))
    return tuple(rules)


def _columns(raw: Any, problem: Any) -> dict[str, str]:
    """``columns:``: file header -> field, the mapping ``--column "HEADER=field"`` gives once."""
    if raw in (None, ""):
        return {}
    if not isinstance(raw, dict):
        problem(("columns",), raw, "expected header: field lines, such as 'Perf ref: id'")
        return {}
    columns = {}
    for header, name in raw.items():
        if str(name) not in EVERY_FIELD:
            problem(("columns", header), name, f"not a field; expected one of: {', '.join(EVERY_FIELD)}")
        else:
            columns[str(header)] = str(name)
    return columns


def _whole(value: Any) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)  # YAML's yes/true is not a number


def _number(value: Any) -> TypeGuard[float]:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _keys(
    mapping: dict,
    allowed: set[str],
    at: tuple[Any, ...],
    problem: Any,
    optional: frozenset[str] = frozenset(),
) -> None:
    missing = sorted(allowed - set(mapping) - optional)
    for key in mapping:
        if key not in allowed:
            close = difflib.get_close_matches(str(key), missing + sorted(optional - set(mapping)), n=1)
            if close:  # a misspelt key: one problem, not "unknown" plus "missing"
                if close[0] in missing:
                    missing.remove(close[0])
                problem((*at, key), key, f"unknown setting; expected '{close[0]}'")
            else:
                problem((*at, key), key, f"unknown setting; expected one of {', '.join(sorted(allowed))}")
    for key in missing:
        problem(at, key, f"missing setting '{key}'")
    for key in (allowed - optional) & set(mapping):
        if mapping[key] is None or mapping[key] == "":
            problem((*at, key), "", f"setting '{key}' is empty; expected a value")


def _sections(raw: Any, present: bool, problem: Any) -> tuple[Section, ...]:
    if not present:
        return ()
    if not isinstance(raw, list) or not raw:
        problem(("sections",), raw, "expected a list of sections, each with key, title and scope")
        return ()
    seen: set[str] = set()
    sections = []
    for index, item in enumerate(raw):
        if not isinstance(item, dict):
            problem(("sections", index), item, "expected key:, title: and scope: for each section")
            continue
        _keys(item, _SECTION, ("sections", index), problem, optional=frozenset({"scope"}))
        key = str(item.get("key", ""))
        if key and not _KEY.fullmatch(key):
            problem(("sections", index, "key"), key, "expected a lower-case key such as early-help")
        if key in seen:
            problem(("sections", index, "key"), key, "duplicate section key; expected each key once")
        seen.add(key)
        sections.append(Section(key, str(item.get("title", "")), str(item.get("scope", "") or "")))
    return tuple(sections)


def _line_numbers(node: Any, at: tuple[Any, ...] = ()) -> dict[tuple[Any, ...], int]:
    """Map each key path (``("population", "year")``, ``("sections", 0, "key")``) to its line."""
    lines: dict[tuple[Any, ...], int] = {}
    if node is None:
        return lines
    lines[at] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            path = (*at, key.value)
            lines.update(_line_numbers(value, path))
            lines[path] = key.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for index, value in enumerate(node.value):
            lines.update(_line_numbers(value, (*at, index)))
    return lines
