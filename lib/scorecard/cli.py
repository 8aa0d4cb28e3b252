"""``python -m scorecard``: init, import, check, brief, benchmarks, sections, actions, export-wide, export.

Every failure the analyst can cause ends in one clear message per problem and exit code 2,
never a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from scorecard.problems import DataError, Problem, printable, problem_lines
from scorecard.project import Project

if TYPE_CHECKING:
    from scorecard.data import Action, Snapshot
    from scorecard.data.importer import NewPack
    from scorecard.model import ScorecardData

EXIT_BAD_INPUT = 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m scorecard", description=__doc__)
    parser.add_argument(
        "--data",
        type=Path,
        help="the data folder, of the project that holds it (default: data/ here, or $SCORECARD_DATA)",
    )
    commands = parser.add_subparsers(dest="command", required=True)

    init = commands.add_parser(
        "init", help="make this checkout a council's pack from its own files: data/, settings, sections/"
    )
    init.add_argument("files", type=Path, nargs="+", metavar="FILE", help=".txt/.tsv/.csv/.xlsx, any layout")
    init.add_argument("--organisation", required=True, help="the council's name, as the pack shows it")
    _reading_options(init)
    init.add_argument(
        "--force",
        action="store_true",
        help="replace section files that have narrative, and data/ already holding this council's pack",
    )

    imp = commands.add_parser("import", help="import a council's scorecard files into data/")
    imp.add_argument("files", type=Path, nargs="+", metavar="FILE", help=".txt/.tsv/.csv/.xlsx, any layout")
    _reading_options(imp)

    check = commands.add_parser(
        "check", help="validate data/, and the narrative beside it (report.qmd, sections/*.qmd)"
    )
    check.add_argument("--period", help="YYYY-MM the pack reports (default: the pack's month)")

    brief = commands.add_parser("brief", help="the month's notable facts, with the inline expressions")
    brief.add_argument("--period", help="YYYY-MM (default: the pack's month, the latest with monthly data)")
    brief.add_argument("--json", action="store_true", help="one JSON object: period, changes, facts")
    brief.add_argument("--top", type=int, default=25, help="how many facts, best first (0: all; default 25)")
    commands.add_parser("sections", help="write _sections.qmd, the sections report.qmd shows, from settings")

    bench = commands.add_parser(
        "benchmarks", help="compute data/benchmarks.csv from the DfE's files (EES CSVs and a neighbour model)"
    )
    bench.add_argument("files", type=Path, nargs="+", metavar="FILE", help="as downloaded from the DfE")

    wide = commands.add_parser("export-wide", help="write data/ back in the published wide layout")
    wide.add_argument("--out", type=Path, required=True, help=".txt/.tsv/.csv/.xlsx")

    _actions_parser(commands)

    exp = commands.add_parser("export", help="export the computed scorecard for a period")
    exp.add_argument("--period", help="YYYY-MM (default: the pack's month, the latest with monthly data)")
    exp.add_argument("--detail", action="store_true", help="one row per indicator per period (SPC)")
    exp.add_argument("--out", type=Path, required=True, help=".csv or .xlsx")
    return parser


def _actions_parser(commands: argparse._SubParsersAction) -> None:
    actions = commands.add_parser(
        "actions", help="the action log (data/actions.csv): list the open actions, add one, close one"
    )
    actions.add_argument("--period", help="YYYY-MM the pack reports (default: the pack's month)")
    verbs = actions.add_subparsers(dest="verb")
    add = verbs.add_parser("add", help="add an open action for one or more indicators")
    add.add_argument("ids", nargs="+", metavar="ID", help="the indicator(s) it is for")
    add.add_argument("--action", required=True, help="what will be done")
    add.add_argument("--owner", required=True, help="who is accountable for it")
    add.add_argument("--due", default="", help="YYYY-MM it is due (default: none agreed)")
    add.add_argument("--raised", default="", help="YYYY-MM it was raised (default: the pack's month)")
    close = verbs.add_parser("close", help="mark an action done (or dropped), by its line in actions.csv")
    close.add_argument("line", type=int, help="its line in data/actions.csv, as `actions` lists it")
    close.add_argument("--status", choices=("done", "dropped"), default="done")
    close.add_argument("--update", default="", help="what happened, in a few words")
    close.add_argument("--month", default="", help="YYYY-MM it was closed (default: the pack's month)")


def _reading_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("--sheet", help="the workbook's sheet to read (default: the first visible one)")
    command.add_argument(
        "--column",
        action="append",
        default=[],
        metavar="HEADER=FIELD",
        help='read a column as a field, e.g. --column "Perf ref=id" (repeatable; init saves them)',
    )
    command.add_argument("--section", default="", help="the section of files that name none")


def _columns(pairs: list[str]) -> dict[str, str]:
    """``--column "HEADER=field"`` options as a mapping; a field must be one the importer knows."""
    from scorecard.fields import EVERY_FIELD

    columns, problems = {}, []
    for pair in pairs:
        header, _, name = pair.rpartition("=")
        if not header.strip() or name.strip() not in EVERY_FIELD:
            message = f'expected "HEADER=FIELD" with a FIELD from: {", ".join(EVERY_FIELD)}'
            problems.append(Problem("--column", "-", "--column", pair, message))
        else:
            columns[header.strip()] = name.strip()
    if problems:
        raise DataError(problems)
    return columns


def _init(args: argparse.Namespace, project: Project) -> Iterator[str]:
    # Sheet, file and section names are the files' text: shown as a problem line shows it.
    return map(printable, _made(args, project))


def _made(args: argparse.Namespace, project: Project) -> Iterator[str]:
    """Make the pack; what was found and written, line by line."""
    from scorecard.data import changing
    from scorecard.data.importer import make_pack, summary, write_pack
    from scorecard.quarto import plan, planned_files

    columns = _columns(args.column)
    made = not project.data.is_dir() and project.root.is_dir()
    if made:
        project.data.mkdir()  # a new project: init makes its data folder
    try:
        with changing(project.data) as transaction:  # what is there, then the new pack: nothing between
            pack = make_pack(
                args.files, transaction, args.organisation, args.sheet, columns, args.section, args.force
            )
            examples = {section.key: _example(pack, section.key) for section in pack.settings.sections}
            sections = plan(project, pack.settings.sections, examples, args.force)
            if sections.problems:
                raise DataError(sections.problems)
            files = planned_files(project, sections)
            write_pack(transaction, pack, files)  # data, sections and _sections.qmd: one commit
    except DataError:
        if made:
            with contextlib.suppress(OSError):
                project.data.rmdir()  # nothing was written: not even the new data folder is left
        raise
    yield from summary(pack)
    yield from pack.report
    if pack.replaced:
        yield f"replaced the data of {pack.replaced} (git keeps it)"
    yield from (f"wrote {path.relative_to(project.root)}" for path in sections.writes)
    yield from (f"kept {kept}" for kept in sections.kept)
    if sections.others:
        yield (
            "left as they are, not in this pack (delete them when you no longer need them): "
            + ", ".join(sections.others)
        )
    names = ", ".join(str(project.data / name) for name in ("settings.yaml", *_written(pack)))
    include = "wrote" if project.include.relative_to(project.root).as_posix() in files else "unchanged:"
    yield from (f"wrote {names}", f"{include} {project.include}", "next: make report")


def _written(pack: NewPack) -> list[str]:
    from scorecard.data import FILES

    return [FILES[key] for key in pack.texts]


def _example(pack: NewPack, key: str) -> str | None:
    """The indicator a placeholder shows its helpers on: the section's first with a number in the
    latest period and one before it, else its first with any number."""
    numbers: dict[str, list[str]] = {}
    for record in pack.values:
        if record["value"]:
            numbers.setdefault(record["id"], []).append(record["period"])
    latest = max((period for periods in numbers.values() for period in periods), default="")
    ids = [record["id"] for record in pack.catalogue if record["section"] == key]
    best = [ident for ident in ids if latest in numbers.get(ident, []) and len(numbers[ident]) > 1]
    return next(iter(best), next((ident for ident in ids if ident in numbers), None))


def _outside_data(out: Path, data_dir: Path) -> None:
    """An export never lands in the data folder: it would replace the data, or sit among it."""
    target, data = out.resolve(), data_dir.resolve()
    if target == data or data in target.parents:
        message = f"is inside the data folder {data_dir}; expected a file outside it (an export is not data)"
        raise DataError([Problem(str(out), "-", "--out", str(out), message)])


def _import(args: argparse.Namespace, project: Project) -> Iterator[str]:
    from scorecard.data.importer import import_files

    lines = import_files(args.files, project.data, args.sheet, _columns(args.column), args.section)
    yield from map(printable, lines)  # the files' text: shown as a problem line shows it


def _benchmarks(args: argparse.Namespace, project: Project) -> Iterator[str]:
    from scorecard.data.benchmarks import run_benchmarks

    yield from run_benchmarks(args.files, project.data)


def _sections(args: argparse.Namespace, project: Project) -> Iterator[str]:
    from scorecard.data import load_settings
    from scorecard.quarto import write_include

    settings = load_settings(project.settings)
    changed = write_include(project, settings)
    yield f"{'wrote' if changed else 'unchanged:'} {project.include}: {len(settings.sections)} sections"


def _check(args: argparse.Namespace, project: Project) -> Iterator[str]:
    check(project, args.period or None)  # make report passes "" for none
    yield from ()


def check(project: Project, period: str | None, say: Callable[[str], object] = print) -> Snapshot:
    """Validate the project's data folder, and its narrative for ``period`` (None: the pack's own),
    saying what was checked line by line: ``python -m scorecard check``, and ``make report`` before
    Quarto starts. ``DataError`` names every problem. Returns the data it checked, read once."""
    from scorecard.data import gap_notes, load_data, read_files
    from scorecard.data.benchmarks import measure_problems
    from scorecard.periods import period_word

    snapshot = read_files(project.data)
    data = load_data(project.data, snapshot)
    if problems := measure_problems(data, str(project.data / "catalogue.csv")):
        raise DataError(problems)
    for notice in [*data.notices, *gap_notes(data.catalogue, data.values, str(project.data / "values.csv"))]:
        say(notice)
    word = period_word(data.settings.frequency)
    say(
        f"{project.data}: OK - {len(data.catalogue)} indicators, "
        f"{len(data.values)} values, periods {data.periods[0]}..{data.periods[-1]}; "
        f"the pack's {word} is {data.latest_period} (the latest {word} with "
        f"{data.settings.frequency} data)"
    )
    _check_narrative(project, data, period, say)
    return snapshot


def _check_narrative(
    project: Project, data: ScorecardData, period: str | None, say: Callable[[str], object]
) -> None:
    """The project's narrative (report.qmd, sections/) against the data, for the period."""
    from scorecard.pack import check_narrative, facts_from, narrative_files, report, since_last_pack
    from scorecard.rules import build_scorecard

    sc = build_scorecard(data, period)  # also checks the period
    keys = [section.key for section in data.settings.sections]
    files = narrative_files(project, keys)
    if not narrative_files(project):
        say(f"narrative: none beside {project.data} (no report.qmd or sections/*.qmd); not checked")
        return
    # With the previous pack, as the render has it: "newly off target" makes an exception.
    checked = check_narrative(project, facts_from(sc, since_last_pack(sc)), report.__all__)
    if checked.problems:
        raise DataError(list(checked.problems))
    for warning in checked.warnings:
        say(str(warning))
    if checked.others:
        say(f"not in this pack (no section in data/settings.yaml), not checked: {', '.join(checked.others)}")
    months = sorted({m or "not said" for m in checked.months.values()})
    say(
        f"narrative: {checked.expressions} inline expressions checked in {len(files)} "
        f"files, {len(checked.warnings)} warning(s); written for {', '.join(months) or 'no month'}, "
        f"the pack reports {sc.period}"
    )


def _brief(args: argparse.Namespace, project: Project) -> Iterator[str]:
    from scorecard.data import load_data
    from scorecard.pack import brief_json, brief_text, month_brief

    found = month_brief(load_data(project.data), args.period)
    if args.json:
        yield json.dumps(brief_json(found, args.top), ensure_ascii=False, indent=1)
    else:
        yield brief_text(found, args.top)


def _actions(args: argparse.Namespace, project: Project) -> Iterator[str]:
    """``actions``: the open actions, overdue first; ``actions add`` and ``actions close`` change the
    log through the folder's one all-or-nothing commit, under its lock."""
    from scorecard.data import actions_of, add_action, changing, close_action, load_data, open_actions
    from scorecard.rules import check_period

    log = project.data / "actions.csv"
    with changing(project.data) as transaction:  # read and write the log with nothing in between
        data = load_data(project.data, transaction.read())
        period = check_period(data, args.period or None)
        if args.verb == "add":
            raised = args.raised or period
            added = add_action(transaction, data, args.ids, args.action, args.owner, args.due, raised)
            yield f"added to {log}: {_action_line(added, period)}"
            return
        if args.verb == "close":
            month = args.month or period
            closed = close_action(transaction, data, args.line, args.status, args.update, month)
            yield f"closed in {log}: {_action_line(closed, period)}"
            return
    waiting = open_actions(actions_of(data.actions), period)
    late = sum(action.overdue(period) for action in waiting)
    yield f"open actions in {log} for the {period} pack: {len(waiting)}, {late} overdue (overdue first)"
    yield from (f"  {_action_line(action, period)}" for action in waiting)


def _action_line(action: Action, period: str) -> str:
    """One action as the command lists it: its line, the mark of an overdue one, its IDs and words."""
    due = f"due {action.due}" if action.due else "no due month"
    mark = "OVERDUE " if action.overdue(period) else ""
    state = "" if action.status == "open" else f", {action.status} {action.closed}".rstrip()
    return (
        f"line {action.row}: {mark}ID {' '.join(action.ids)}: {action.action} ({action.owner}, {due}{state})"
    )


def _export_wide(args: argparse.Namespace, project: Project) -> Iterator[str]:
    from scorecard.data import load_data
    from scorecard.data.importer import export_wide

    _outside_data(args.out, project.data)
    export_wide(load_data(project.data), args.out)
    yield f"wrote {args.out}"


def _export(args: argparse.Namespace, project: Project) -> Iterator[str]:
    from scorecard.data import load_data
    from scorecard.export import export

    _outside_data(args.out, project.data)
    export(load_data(project.data), args.out, args.period, args.detail, project)
    yield f"wrote {args.out}"


# Each command's lines, printed as they come. The rooms are imported inside each, so `--help` stays
# fast and a broken optional path cannot break the others.
COMMANDS: dict[str, Callable[[argparse.Namespace, Project], Iterator[str]]] = {
    "init": _init,
    "import": _import,
    "check": _check,
    "brief": _brief,
    "benchmarks": _benchmarks,
    "sections": _sections,
    "actions": _actions,
    "export-wide": _export_wide,
    "export": _export,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run one ``python -m scorecard`` command; the exit code is 0, or says what kind of failure."""
    args = _parser().parse_args(argv)
    project = Project.find() if args.data is None else Project.of_data(args.data)
    try:
        for line in COMMANDS[args.command](args, project):
            print(line)
        return 0
    except DataError as error:
        for line in problem_lines(error.problems):
            print(line, file=sys.stderr)
        print(f"{len(error.problems):,} problem(s); nothing was written.", file=sys.stderr)
        return EXIT_BAD_INPUT
    except BrokenPipeError:  # the output was piped to a reader that stopped early (| head): not a fault
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error at exit
        return 0
    except OSError as error:  # unreadable or unwritable file: the analyst's to fix, not a bug
        problem = Problem(
            str(error.filename or project.data),
            "-",
            "-",
            str(error.filename or ""),
            f"{error.strerror or error}; expected a readable input and a writable output",
        )
        print(problem, file=sys.stderr)
        return EXIT_BAD_INPUT
