"""``python -m scorecard``: import, check, brief, export-wide, export, render.

Every failure the analyst can cause ends in one clear message per problem and exit code 2,
never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from scorecard.problems import DataError, Problem

if TYPE_CHECKING:
    from scorecard.model import ScorecardData

EXIT_BAD_INPUT = 2
DEFAULT_DATA = Path("data")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m scorecard", description=__doc__)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="data folder (default: data)")
    commands = parser.add_subparsers(dest="command", required=True)

    imp = commands.add_parser("import", help="import an analysts' wide scorecard into data/")
    imp.add_argument("file", type=Path, help=".txt/.tsv/.csv/.xlsx in the published wide layout")
    imp.add_argument("--sheet", help="the workbook's sheet to read (default: the first)")

    check = commands.add_parser(
        "check", help="validate data/, and the narrative beside it (report.qmd, sections/*.qmd)"
    )
    check.add_argument("--period", help="YYYY-MM the pack reports (default: the pack's month)")

    brief = commands.add_parser("brief", help="the month's notable facts, with the inline expressions")
    brief.add_argument("--period", help="YYYY-MM (default: the pack's month, the latest with monthly data)")
    brief.add_argument("--json", action="store_true", help="one JSON object: period, changes, facts")
    brief.add_argument("--top", type=int, default=25, help="how many facts, best first (0: all; default 25)")

    wide = commands.add_parser("export-wide", help="write data/ back in the published wide layout")
    wide.add_argument("--out", type=Path, required=True, help=".txt/.tsv/.csv/.xlsx")

    exp = commands.add_parser("export", help="export the computed scorecard for a period")
    exp.add_argument("--period", help="YYYY-MM (default: the pack's month, the latest with monthly data)")
    exp.add_argument("--detail", action="store_true", help="one row per indicator per period (SPC)")
    exp.add_argument("--out", type=Path, required=True, help=".csv or .xlsx")
    return parser


def _outside_data(out: Path, data_dir: Path) -> None:
    """An export never lands in the data folder: it would replace the data, or sit among it."""
    target, data = out.resolve(), data_dir.resolve()
    if target == data or data in target.parents:
        message = f"is inside the data folder {data_dir}; expected a file outside it (an export is not data)"
        raise DataError([Problem(str(out), "-", "--out", str(out), message)])


def _run(args: argparse.Namespace) -> int:
    # Imported here so `--help` stays fast and a broken optional path cannot break the others.
    if args.command in ("export", "export-wide"):
        _outside_data(args.out, args.data)
    if args.command == "import":
        from scorecard.data.wide_import import import_file

        for line in import_file(args.file, args.data, sheet=args.sheet):
            print(line)
    elif args.command == "check":
        from scorecard.data.load import load_data

        data = load_data(args.data)
        for notice in data.notices:
            print(notice)
        print(
            f"{args.data}: OK - {len(data.catalogue)} indicators, "
            f"{len(data.values)} values, periods {data.periods[0]}..{data.periods[-1]}; "
            f"the pack's month is {data.latest_period} (the latest month with monthly data)"
        )
        _check_narrative(args.data, data, args.period or None)  # make report passes "" for none
    elif args.command == "brief":
        from scorecard.data.load import load_data
        from scorecard.pack.brief import brief_json, brief_text, month_brief

        found = month_brief(load_data(args.data), args.period)
        if args.json:
            print(json.dumps(brief_json(found, args.top), ensure_ascii=False, indent=1))
        else:
            print(brief_text(found, args.top))
    elif args.command == "export-wide":
        from scorecard.data.load import load_data
        from scorecard.data.wide_export import export_wide

        export_wide(load_data(args.data), args.out)
        print(f"wrote {args.out}")
    elif args.command == "export":
        from scorecard.data.load import load_data
        from scorecard.export import export

        export(load_data(args.data), args.out, period=args.period, detail=args.detail)
        print(f"wrote {args.out}")
    return 0


def _check_narrative(data_dir: Path, data: ScorecardData, period: str | None) -> None:
    """The narrative beside the data folder (its project: report.qmd, sections/), for the period."""
    from scorecard.pack import report
    from scorecard.pack.narrative import facts_from
    from scorecard.pack.narrative_check import check_narrative, narrative_files
    from scorecard.rules.frame import build_scorecard

    project = data_dir.parent
    sc = build_scorecard(data, period)  # also checks the period
    if not narrative_files(project):
        print(f"narrative: none beside {data_dir} (no report.qmd or sections/*.qmd); not checked")
        return
    checked = check_narrative(project, facts_from(sc), report.__all__)
    if checked.problems:
        raise DataError(list(checked.problems))
    for warning in checked.warnings:
        print(warning)
    months = sorted({m or "not said" for m in checked.months.values()})
    print(
        f"narrative: {checked.expressions} inline expressions checked in {len(narrative_files(project))} "
        f"files, {len(checked.warnings)} warning(s); written for {', '.join(months) or 'no month'}, "
        f"the pack reports {sc.period}"
    )


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return _run(args)
    except DataError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        print(f"{len(error.problems)} problem(s); nothing was written.", file=sys.stderr)
        return EXIT_BAD_INPUT
    except OSError as error:  # unreadable or unwritable file: the analyst's to fix, not a bug
        problem = Problem(
            str(error.filename or args.data),
            "-",
            "-",
            str(error.filename or ""),
            f"{error.strerror or error}; expected a readable input and a writable output",
        )
        print(problem, file=sys.stderr)
        return EXIT_BAD_INPUT
