"""The narrative's checks, on the text of ``report.qmd`` and ``sections/*.qmd`` before any cell runs.

``python -m scorecard check`` runs them (so ``make report`` does, before Quarto), and the report's
validation cell runs them again, so ``quarto render`` on its own stops at the same line.

Problems (exit 2, and the render stops), one line each, ``FILE:LINE: CALL - what is wrong``, for
every inline expression Quarto would run: in the prose, and also in HTML comments, fences other than
Python code cells, raw blocks and the front matter (``inline``):
- an inline helper called with an ID the catalogue does not have (with the nearest one it has), an
  argument of the wrong kind (``fmt_value(5)``) or an option it does not know
  (``fmt_value("5", "nonsense")``): the helpers' own argument checks (``narrative.facts.argument_problem``);
- a call to no helper and no name the document defines (``fmt_vaule("5")``);
- a first line that tries to be the month marker and is not readable;
- a file that cannot be read: not a regular file (a FIFO, a device), too large, not UTF-8.

Warnings (the render goes ahead):
- **a typed figure** in the prose: a number with ``%`` or a thousands comma, or one equal to a figure
  of the pack's month or the month before. Left alone: inline code, IDs (``ID 19a - c``, ``8a``),
  dates and years (``March 2025``, ``2024-25``, ``Q2``), digits that a title puts beside the same word
  (``Section 47``, ``48 hours``), and whatever the analyst marks as meant: ``[19]{.typed}``;
- **narrative written for another month**: a section whose first line says another month than the
  pack's (``pack.narrative.marker``), or says none.
"""

from __future__ import annotations

import ast
import bisect
import builtins
import difflib
import itertools
import re
import textwrap
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import scorecard.pack.narrative.helpers  # noqa: F401  (declaring the helpers fills PARAMETERS)
from scorecard.pack.display import format_number
from scorecard.pack.narrative.accounts import gaps
from scorecard.pack.narrative.commentary import read_commentary
from scorecard.pack.narrative.commentary import slips as commentary_slips
from scorecard.pack.narrative.facts import PARAMETERS, Facts, argument_problem, call_text
from scorecard.pack.narrative.inline import (
    code_cells,
    expressions,
    narrative_files,
    other_section_files,
    read_narrative,
)
from scorecard.pack.narrative.marker import NO_NARRATIVE, marker_line, narrative_for
from scorecard.periods import PERIOD, month_name
from scorecard.problems import Problem
from scorecard.project import Project, section_key

MEANT_CLASS = "typed"  # [19]{.typed}: a number the analyst means to type
_FENCE = re.compile(r"^(`{3,}|~{3,})")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_CODE_SPAN = re.compile(r"(`+)(?!`).*?(?<!`)\1(?!`)", re.DOTALL)
_MEANT = re.compile(r"\[[^\]]*\]\{[^}]*\." + MEANT_CLASS + r"\b[^}]*\}")
_MARKUP = re.compile(r"\{\{<.*?>\}\}|\{[^}]*\}|\]\([^)]*\)|<[^>\n]*>")  # shortcodes, attributes, links
_ID_REF = re.compile(  # ID 3, ID40, IDs 56 and 57, ID 19a - c, ID 29 & 30, ID 69-72
    r"\bIDs?\s?\d+[a-z]?(?:\s*(?:-|–|&|,|/|and|or|to)\s*(?:IDs?\s?)?(?:\d+[a-z]?|[a-z])\b)*", re.IGNORECASE
)
_MONTHS = (
    "jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july|"
    "august|september|october|november|december"
)
_DATES = re.compile(
    rf"\b(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTHS})\b|(?:{_MONTHS})[\s-]+\d{{1,4}}\b"
    rf"|{PERIOD}(?:-\d{{2}})?|\d{{1,2}}/\d{{1,2}}/\d{{2,4}}|(?:19|20)?\d{{2}}\s?[/–-]\s?\d{{2}}\b"
    r"|\b(?:19|20)\d{2}\b|\bquarters?\s+\d\b|\bQ\d\b)",
    re.IGNORECASE,
)
_NUMBER = re.compile(
    r"(?<![\w.,])(?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?P<percent>\s?%|\s?per\s?cent\b)?"
    r"(?P<suffix>[a-z]*)",
    re.IGNORECASE,
)
_WORD = re.compile(r"[A-Za-z]+")


@dataclass(frozen=True)
class NarrativeProblem(Problem):
    """A problem in the narrative's text: ``FILE:LINE: CALL - what is wrong and what was expected``."""

    def __str__(self) -> str:
        return f"{self.file}:{self.row}: {self.value} - {self.message}"


@dataclass(frozen=True)
class NarrativeWarning:
    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: warning: {self.message}"


@dataclass
class NarrativeReport:
    problems: list[NarrativeProblem] = field(default_factory=list)
    warnings: list[NarrativeWarning] = field(default_factory=list)
    months: dict[str, str | None] = field(default_factory=dict)  # section file -> its marker's month
    expressions: int = 0
    others: list[str] = field(default_factory=list)  # section files of no section the settings list

    def other_months(self, period: str) -> dict[str, str | None]:
        """The section files whose narrative was not written for ``period`` (None: does not say)."""
        return {file: month for file, month in self.months.items() if month != period}


def check_narrative(project: Project, facts: Facts, helpers: Iterable[str]) -> NarrativeReport:
    """Every problem and warning of the narrative in ``project`` against the scorecard ``facts``: in
    ``report.qmd`` and the files of the sections the settings list (the pack's own narrative); other
    section files are listed in ``others``, never checked."""
    report = NarrativeReport(others=[str(path) for path in other_section_files(project, facts.sections)])
    files = _read(narrative_files(project, facts.sections), report)
    defined = set(helpers) | set(dir(builtins))
    for _, text in files:
        defined |= _defined_names(text)
    for path, text in files:
        shown = str(path)  # relative to where the command runs: sections/01-early-help.qmd
        if path.parent == project.sections:
            _month(shown, text, facts, report)
        prose, found = _prose(text), expressions(text)
        report.expressions += len(found)
        for offset, expression in found:
            problem = _expression_problem(expression, facts, defined)
            if problem:
                report.problems.append(NarrativeProblem(shown, _line(text, offset), "-", *problem))
        report.warnings += _typed_figures(shown, text, prose, facts)
    _commentary(project, files, facts, set(helpers), report)
    return report


def _read(paths: list[Path], report: NarrativeReport) -> list[tuple[Path, str]]:
    """Each narrative file's text; one that cannot be read (not a file, too large, not UTF-8) is a
    problem, and its text is not checked."""
    files = []
    for path in paths:
        try:
            files.append((path, read_narrative(path)))
        except (OSError, ValueError) as error:
            why = error.strerror if isinstance(error, OSError) else str(error)
            message = f"cannot be read ({why}); expected the narrative as a UTF-8 text file"
            report.problems.append(NarrativeProblem(str(path), 1, "-", path.name, message))
    return files


def _commentary(
    project: Project, files: list[tuple[Path, str]], facts: Facts, helpers: set[str], report: NarrativeReport
) -> None:
    """The commentary blocks' problems, and each exception without commentary or an open action: a
    warning naming its section file, or with ``commentary: required`` a problem."""
    blocks, slips = read_commentary(project, facts.sections)
    for slip in [*slips, *commentary_slips(blocks, facts.indicators, helpers)]:
        report.problems.append(NarrativeProblem(slip.file, slip.line, "-", slip.value, slip.message))
    where = {section_key(path): (path, text) for path, text in files if path.parent == project.sections}
    for ident, lacking in gaps(facts, blocks):
        key = facts.indicators[ident].section
        path, text = where.get(key, (project.sections / f"NN-{key}.qmd", ""))
        line = next((n for n, said in enumerate(text.split("\n"), 1) if said.startswith("## Narrative")), 1)
        said = "an exception"
        if lacking == "commentary":
            said += (
                f" ({'; '.join(facts.indicators[ident].reasons)}) with no commentary for "
                f"{month_name(facts.period, facts.frequency)}; expected it in this file as "
                f'::: {{.commentary indicator="{ident}"}} ... :::'
            )
        else:
            said += (
                f" with no open action; expected one in data/actions.csv: python -m scorecard actions add "
                f'{ident} --action "..." --owner "..." --due YYYY-MM'
            )
        if facts.commentary_required:
            report.problems.append(NarrativeProblem(str(path), line, "-", f"ID {ident}", said))
        else:
            report.warnings.append(NarrativeWarning(str(path), line, f"ID {ident} is {said}"))


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _month(shown: str, text: str, facts: Facts, report: NarrativeReport) -> None:
    first = text.split("\n", 1)[0]
    month = narrative_for(text)
    if "narrative-for" in first and month is None:
        report.problems.append(
            NarrativeProblem(
                shown,
                1,
                "-",
                first.strip()[:60],
                "unreadable narrative-for marker; expected the first line "
                f"{marker_line(facts.period)} (a month YYYY-MM, or none)",
            )
        )
        return
    report.months[shown] = month
    done = f"mark it done by making its first line {marker_line(facts.period)}"
    pack = month_name(facts.period, facts.frequency)
    if month is None:
        message = (
            f"the first line does not say which month the narrative describes; once it is {pack}'s, {done}"
        )
    elif month == NO_NARRATIVE:
        message = f"no narrative yet (narrative-for: none); write {pack}'s, then {done}"
    elif month != facts.period:
        message = (
            f"narrative written for {month_name(month, facts.frequency)}, but the pack reports {pack}; "
            f"update its words for {pack}, then {done}"
        )
    else:
        return
    report.warnings.append(NarrativeWarning(shown, 1, message))


def _prose(text: str) -> str:
    """The text with everything but prose blanked out (offsets kept): what the typed-figure check
    reads. (The expressions are read as Quarto reads them, ``inline.expressions``.)"""
    chars = list(text)

    def blank(start: int, end: int) -> None:
        for n in range(start, end):
            if chars[n] != "\n":
                chars[n] = " "

    for start, end in _blocks(text):
        blank(start, end)
    for match in _COMMENT.finditer("".join(chars)):
        blank(match.start(), match.end())
    for pattern in (_CODE_SPAN, _MEANT, _MARKUP):
        for match in pattern.finditer("".join(chars)):
            blank(match.start(), match.end())
    return "".join(chars)


def _blocks(text: str) -> list[tuple[int, int]]:
    """Where the YAML front matter and each fenced code block start and end (an unclosed fence runs
    to the end of the text)."""
    lines = text.split("\n")
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    spans = []
    if lines and lines[0].strip() == "---":  # YAML front matter
        end = next((n for n in range(1, len(lines)) if lines[n].strip() in ("---", "...")), 0)
        spans.append((0, starts[end] + len(lines[end])))
    fence, fence_start = "", 0
    for n, line in enumerate(lines):
        match = _FENCE.match(line.strip())
        if fence:
            if match and match[1][0] == fence[0] and len(match[1]) >= len(fence) and line.strip() == match[1]:
                spans.append((fence_start, starts[n] + len(line)))
                fence = ""
        elif match:
            fence, fence_start = match[1], starts[n]
    if fence:
        spans.append((fence_start, len(text)))
    return spans


def _defined_names(text: str) -> set[str]:
    """Names the document's own Python cells define (a variable an inline expression may use)."""
    names: set[str] = set()
    for start, end in code_cells(text):
        source = textwrap.dedent("\n".join(text[start:end].split("\n")[1:-1]))
        try:
            tree = ast.parse(source)
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                names.add(node.id)
            elif isinstance(node, ast.FunctionDef | ast.ClassDef):
                names.add(node.name)
            elif isinstance(node, ast.Import | ast.ImportFrom):
                names |= {(a.asname or a.name).split(".")[0] for a in node.names if a.name != "*"}
    return names


def _expression_problem(expression: str, facts: Facts, defined: set[str]) -> tuple[str, str] | None:
    """(the call as written, what is wrong) for an inline expression that cannot work, else None."""
    try:
        tree = ast.parse(expression, mode="eval").body
    except SyntaxError as error:
        return (
            expression,
            f'not a Python expression ({error.msg}); expected a helper call such as fmt_value("5")',
        )
    name = tree.func.id if isinstance(tree, ast.Call) and isinstance(tree.func, ast.Name) else None
    name = name or (tree.id if isinstance(tree, ast.Name) else None)
    if name is None:
        return None
    if name not in defined:
        close = difflib.get_close_matches(name, [n for n in defined if not n.startswith("_")], n=1)
        hint = f"did you mean {close[0]!r}?" if close else "expected a narrative helper such as fmt_value"
        return expression, f"no narrative helper {name!r}; {hint}"
    if not isinstance(tree, ast.Call) or name not in PARAMETERS:
        return None
    try:
        args = tuple(ast.literal_eval(a) for a in tree.args)
        kwargs = {k.arg: ast.literal_eval(k.value) for k in tree.keywords if k.arg is not None}
    except (ValueError, SyntaxError, TypeError):
        return None  # a computed argument: the helper checks it when it runs
    if any(isinstance(a, ast.Starred) for a in tree.args) or any(k.arg is None for k in tree.keywords):
        return None
    problem = argument_problem(name, args, kwargs, facts)
    if problem is None:
        return None
    call = call_text(name, args, kwargs)
    return call, problem.removeprefix(f"{call} - ")


def _title_pairs(facts: Facts) -> set[tuple[str, str]]:
    """(word, number) and (number, word) pairs of the titles: "Section 47", "48 hours"."""
    pairs = set()
    titles = [ind.title for ind in facts.indicators.values()] + list(facts.sections.values())
    for title in titles:
        tokens = re.findall(r"[A-Za-z]+|\d+(?:\.\d+)?", title)
        for before, after in itertools.pairwise(tokens):
            pairs.add((before.lower(), after.lower()))
    return pairs


def _figures(facts: Facts) -> dict[float, tuple[str, str]]:
    """Each figure of the pack's month and the month before -> (id, period) of the first one."""
    periods = [facts.period]
    if facts.period in facts.periods and facts.periods.index(facts.period) > 0:
        periods.append(facts.periods[facts.periods.index(facts.period) - 1])
    found: dict[float, tuple[str, str]] = {}
    for period in periods:
        for ident, ind in facts.indicators.items():
            for number in (ind.values.get(period), ind.counts.get(period)):
                if number is not None:
                    shown = float(format_number(number, "", ind.decimals).replace(",", ""))
                    for figure in (float(number), shown):
                        found.setdefault(figure, (ident, period))
    return found


def _typed_figures(shown: str, text: str, prose: str, facts: Facts) -> list[NarrativeWarning]:
    for pattern in (_ID_REF, _DATES):
        prose = pattern.sub(lambda m: re.sub(r"[^\n]", " ", m[0]), prose)
    figures, pairs = _figures(facts), _title_pairs(facts)
    starts = [m.start() for m in re.finditer(r"^", prose, re.MULTILINE)]
    warnings = []
    for match in _NUMBER.finditer(prose):
        number, suffix = match["number"], match["suffix"].lower()
        if number + suffix in facts.indicators and suffix:
            continue  # an ID written without "ID": 8a
        before = _WORD.findall(prose[max(0, match.start() - 40) : match.start()])
        after = _WORD.findall(prose[match.end() - len(suffix) : match.end() + 40])
        plain = number.replace(",", "")
        if (before and (before[-1].lower(), plain) in pairs) or (
            after and (plain, after[0].lower()) in pairs
        ):
            continue  # a title's digits: Section 47, 48 hours
        value = float(plain)
        equal = figures.get(value)
        if not (equal or match["percent"] or "," in number):
            continue
        line = bisect.bisect_right(starts, match.start())
        figure = text[match.start() : match.end()].strip()
        if equal:
            ident, period = equal
            arguments = f'"{ident}"' if period == facts.period else f'"{ident}", "{period}"'
            why = f"it equals ID {ident}'s figure for {month_name(period)}: write "
            why += f"`{{python}} fmt_value({arguments})`"
        else:
            why = 'a typed figure goes stale: write an inline expression such as `{python} fmt_value("5")`'
        meant = f"[{figure}]{{.{MEANT_CLASS}}}"
        warnings.append(
            NarrativeWarning(shown, line, f"typed figure {figure!r} - {why}, or mark it as meant: {meant}")
        )
    return warnings
