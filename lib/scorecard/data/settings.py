"""``data/settings.yaml`` -> ``model.Settings``, with one problem per bad or missing key."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeGuard

import yaml

from scorecard.data.benchmark_data import benchmark_settings
from scorecard.data.bounds import UNSHOWABLE_FIX, unshowable, yaml_problems
from scorecard.data.textfiles import decode, read_bytes
from scorecard.fields import EVERY_FIELD
from scorecard.model import (
    CHART_MONTHS,
    DEFAULT_EXCEPTIONS,
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


@dataclass(frozen=True)
class Key:
    """One setting: where it sits, whether a settings file must have it, what its value must be (a
    problem saying ``expected`` when ``check`` fails), its default, and whether the pack shows it as
    text (then it may hold no character the pack cannot show). Sections and columns, lists and
    mappings, have readers of their own."""

    path: tuple[str, ...]
    required: bool = True
    check: Callable[[Any], bool] | None = None
    expected: str = ""
    default: Any = None
    shown: bool = False


def _whole(value: Any) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)  # YAML's yes/true is not a number


def _number(value: Any) -> TypeGuard[float]:
    return isinstance(value, int | float) and not isinstance(value, bool)


# Every setting. The optional ones have a default, so a settings file without them stays valid:
# population (the pack then states no base for its rates), frequency (monthly), small_base (20),
# columns (none), spc_rules (mdc-2023), la_code and benchmarks (none), spc_baseline (limits from every
# point of a segment), chart_months (36), exceptions (model.DEFAULT_EXCEPTIONS) and commentary
# (optional).
MIN_CHART_MONTHS = 12  # a chart shows at least the table's year
KEYS = (
    Key(("organisation",), shown=True),
    Key(("report_title",), shown=True),
    Key(
        ("rag_tolerance",),
        check=lambda value: _number(value) and 0 <= value < 1,
        expected="expected a fraction from 0 to below 1, e.g. 0.15 for 15%",
    ),
    Key(("sections",)),
    Key(("population",), required=False, default={}),
    Key(
        ("population", "children_0_17"),
        check=lambda value: _whole(value) and 0 < value < 10**MAX_DIGITS,
        expected=f"expected a whole number of children above 0, at most {MAX_DIGITS} digits",
    ),
    Key(("population", "source"), shown=True),
    Key(
        ("population", "year"),
        check=lambda value: _whole(value) and 1900 <= value <= 2100,
        expected="expected a year such as 2023",
    ),
    Key(
        ("frequency",),
        required=False,
        check=lambda value: value in (Frequency.MONTHLY, Frequency.QUARTERLY),
        expected="expected monthly or quarterly: how often the pack reports",
        default=Frequency.MONTHLY.value,
    ),
    Key(
        ("small_base",),
        required=False,
        check=lambda value: _whole(value) and value >= 1,
        expected="expected a whole number of 1 or more, e.g. 20",
        default=SMALL_BASE,
    ),
    Key(("columns",), required=False, default={}),
    Key(
        ("spc_rules",),
        required=False,
        check=lambda value: str(value) in set(SpcRules),
        expected=(
            f"unknown SPC rule set; expected {' or '.join(rules.value for rules in SpcRules)} "
            "(the default is mdc-2023)"
        ),
        default=SpcRules.MDC_2023.value,
    ),
    Key(
        ("la_code",),
        required=False,
        check=lambda value: not str(value or "") or re.fullmatch(r"[0-9]{3}", str(value)) is not None,
        expected="expected the DfE's three-digit LA number, such as 895 for Cheshire East",
        default="",
    ),
    Key(("benchmarks",), required=False),  # read by benchmark_data.benchmark_settings
    Key(
        ("spc_baseline",),
        required=False,
        check=lambda value: value is None or (_whole(value) and value >= MIN_BASELINE),
        expected=(
            f"expected a whole number of points, {MIN_BASELINE} or more (Making Data Count's tools take "
            "12 to 20): the limits of each segment come from its first so many points"
        ),
    ),
    Key(
        ("chart_months",),
        required=False,
        check=lambda value: value == "all" or (_whole(value) and value >= MIN_CHART_MONTHS),
        expected=f"expected all (the whole history) or a whole number of months, {MIN_CHART_MONTHS} or more",
        default=CHART_MONTHS,
    ),
    Key(("exceptions",), required=False),  # read by _exceptions
    Key(
        ("commentary",),
        required=False,
        check=lambda value: value in ("optional", "required"),
        expected=(
            "expected required (an exception without commentary or an open action stops check) or optional"
        ),
        default="optional",
    ),
)
_TOP = {key.path[0] for key in KEYS if len(key.path) == 1}
_OPTIONAL = frozenset(key.path[0] for key in KEYS if len(key.path) == 1 and not key.required)
_POPULATION = {key.path[1] for key in KEYS if key.path[0] == "population" and len(key.path) == 2}
_DEFAULTS = {key.path: key.default for key in KEYS}
_SECTION = {"key", "title", "scope"}
_KEY = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

Report = Callable[[tuple[Any, ...], Any, str], None]  # (key path, value, message): one problem


def load_settings(path: Path, content: bytes | None = None) -> Settings:
    """Read (or take ``content``, the file's bytes already read) and validate the settings;
    ``DataError`` lists every problem."""
    file = str(path)
    raw, lines = _mapping(path, content)
    problems: list[Problem] = []

    def problem(keys: tuple[Any, ...], value: Any, message: str) -> None:
        problems.append(
            Problem(file, lines.get(keys, 1), ".".join(map(str, keys)) or "-", str(value), message)
        )

    _keys(raw, _TOP, (), problem, optional=_OPTIONAL)
    tree = {**raw, "population": _population(raw, problem)}
    for key in KEYS:
        found, value = _find(tree, key.path)
        if key.check is not None and found and not key.check(value):
            problem(key.path, str(value)[:40], key.expected)
    columns = _columns(raw.get("columns", {}), problem)
    sections = _sections(raw.get("sections"), "sections" in raw, problem)
    benchmark_year, neighbour_model, measures = benchmark_settings(raw.get("benchmarks"), problem)
    exceptions = _exceptions(raw.get("exceptions", list(DEFAULT_EXCEPTIONS)), problem)
    _unshowable(tree, problem)
    if problems:
        raise DataError(problems)
    children, year = _value(tree, ("population", "children_0_17")), _value(tree, ("population", "year"))
    return Settings(
        organisation=str(raw["organisation"]),
        report_title=str(raw["report_title"]),
        population=int(children) if children is not None else None,
        population_source=str(_value(tree, ("population", "source")) or ""),
        population_year=int(year) if year is not None else None,
        rag_tolerance=float(raw["rag_tolerance"]),  # required, so present once there are no problems
        sections=sections,
        frequency=Frequency(_value(tree, ("frequency",))),
        small_base=int(_value(tree, ("small_base",))),
        columns=columns,
        spc_rules=SpcRules(str(_value(tree, ("spc_rules",)))),
        la_code=str(_value(tree, ("la_code",)) or ""),
        benchmark_year=benchmark_year,
        neighbour_model=neighbour_model,
        benchmark_measures=measures,
        spc_baseline=_value(tree, ("spc_baseline",)),
        chart_months=None if (months := _value(tree, ("chart_months",))) == "all" else months,
        exceptions=exceptions,
        commentary_required=_value(tree, ("commentary",)) == "required",
    )


def _exceptions(raw: Any, problem: Report) -> tuple[ExceptionRule, ...]:
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


def _mapping(path: Path, content: bytes | None) -> tuple[dict, dict[tuple[Any, ...], int]]:
    """The settings file as a YAML mapping, and the line of each key path; ``DataError`` for a file
    that cannot be read, is empty, holds what plain YAML may not (``bounds.yaml_problems``), or is not
    a mapping."""
    file = str(path)
    if content is None:
        content, problems = read_bytes(path, "the report settings (organisation, population, sections)")
        if problems:
            raise DataError(problems)
    text, problems, _ = decode(content, file)  # Windows-1252 settings lose nothing: no arrows here
    if not problems and not text.strip():
        message = (
            "empty file; expected the report settings as 'key: value' lines (organisation, "
            "report_title, population, ...)"
        )
        problems = [Problem(file, 1, "-", "", message)]
    problems = problems or yaml_problems(text, file)  # on the event stream: nothing is built yet
    if problems:
        raise DataError(problems)
    try:
        root = yaml.compose(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        message = f"not valid YAML ({error}); expected key: value lines"
        raise DataError([Problem(file, line, "-", "", message)]) from None
    raw: Any = yaml.safe_load(text)
    if not isinstance(raw, dict):
        raise DataError([Problem(file, 1, "-", str(raw)[:40], "expected a YAML mapping of settings")])
    return raw, _line_numbers(root)


def _population(raw: dict, problem: Report) -> dict:
    """``population:``, checked for its keys; empty where it is absent or not a mapping."""
    population = raw.get("population")
    if isinstance(population, dict):
        _keys(population, _POPULATION, ("population",), problem)
        return population
    if "population" in raw:
        problem(("population",), population, "expected children_0_17, source and year under population")
    return {}


def _find(tree: dict, path: tuple[str, ...]) -> tuple[bool, Any]:
    """Whether the settings have the key at ``path``, and its value there."""
    node: Any = tree
    for name in path:
        if not isinstance(node, dict) or name not in node:
            return False, None
        node = node[name]
    return True, node


def _value(tree: dict, path: tuple[str, ...]) -> Any:
    """The setting at ``path``, or its default."""
    found, value = _find(tree, path)
    return value if found else _DEFAULTS[path]


def _unshowable(tree: dict, problem: Report) -> None:
    """Every text the pack shows, free of characters it cannot show."""
    texts: list[tuple[tuple[Any, ...], Any]] = [
        (key.path, _find(tree, key.path)[1]) for key in KEYS if key.shown
    ]
    texts += [
        (("sections", n, name), item.get(name))
        for n, item in enumerate(tree.get("sections") or [])
        if isinstance(item, dict)
        for name in ("title", "scope")
    ]
    for keys, value in texts:
        if isinstance(value, str) and (bad := unshowable(value)):
            problem(keys, value[:60], f"character {bad}; {UNSHOWABLE_FIX}")


def _columns(raw: Any, problem: Report) -> dict[str, str]:
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


def _keys(
    mapping: dict,
    allowed: set[str],
    at: tuple[Any, ...],
    problem: Report,
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


def _sections(raw: Any, present: bool, problem: Report) -> tuple[Section, ...]:
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
