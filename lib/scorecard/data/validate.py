"""Every check on ``data/``: pandera schemas per file, then the checks that need two files at once.

Frames here are the CSVs as text (every cell a str, "" for blank) indexed by the row number the
analyst sees (header = 1), so pandera's failure cases become ``FILE:ROW:COLUMN`` problems directly.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import pandas as pd
import pandera.pandas as pa

from scorecard.cells import ARROWS, CellError, parse_cell
from scorecard.cells import EXPECTED as CELL_EXPECTED
from scorecard.data.bounds import UNSHOWABLE_FIX, unshowable
from scorecard.data.cross_file_checks import NUMBER, catalogue_rules, direction_rules, value_rules
from scorecard.data.series_checks import rebase_problems
from scorecard.fields import CATALOGUE_COLUMNS, REBASE_COLUMNS, VALUE_COLUMNS
from scorecard.model import Basis, Frequency, Polarity, Rag, Settings, Status, Unit
from scorecard.periods import PERIOD
from scorecard.problems import Problem
from scorecard.targets import BAND_EXPECTED, TargetError, band_intervals, parse_target, parse_tolerance
from scorecard.targets import EXPECTED as TARGET_EXPECTED

__all__ = ["ARROWS", "DIRECTION_COLUMNS", "ID", "RATING_COLUMNS", "YEAR", "check_tables", "schema_problems"]

DIRECTION_COLUMNS = ("id", "period", "arrow", "direction")
RATING_COLUMNS = ("id", "period", "published", "rating")
ID = r"[A-Za-z0-9]+(?:[._/-][A-Za-z0-9]+)*"  # as published: 5, 8a, 35e, CIN1, EH-03, PI.12
YEAR = r"[0-9]{4}(?:/[0-9]{2})?"  # a benchmark's year: 2024, or the financial year 2023/24
BASELINE = r"all|1[2-9]|[2-9][0-9]|[1-9][0-9]{2,3}"  # points: 12 or more (the package's minimum), or all


def _readable(parse: type[Exception], function: Callable[[str], object]) -> Callable[[str], bool]:
    """An element-wise check that a parser accepts the text."""

    def ok(text: str) -> bool:
        try:
            function(text)
        except parse:
            return False
        return True

    return ok


def _text(*checks: pa.Check, unique: bool = False) -> pa.Column:
    # exclude_first: a duplicate is reported on its later rows only, one line per extra copy
    return pa.Column(str, list(checks), unique=unique, nullable=False, report_duplicates="exclude_first")


def _matches(pattern: str, error: str, blank: bool = False) -> pa.Check:
    full = f"({pattern})?" if blank else pattern
    return pa.Check(lambda s: s.str.fullmatch(full), error=error)


def _one_of(values: Iterable[object], what: str) -> pa.Check:
    allowed = [str(v) for v in values]
    shown = ", ".join(a or "blank" for a in allowed)
    return pa.Check(lambda s: s.isin(allowed), error=f"not a known {what}; expected one of: {shown}")


def element_check(function: Callable[[str], object], parse: type[Exception], error: str) -> pa.Check:
    ok = _readable(parse, function)

    def check(texts: pd.Series) -> pd.Series:
        verdicts = {text: ok(text) for text in texts.unique()}  # published texts repeat: parse each once
        return texts.map(verdicts).astype(bool)

    return pa.Check(check, error=error)


ID_CHECK = _matches(
    ID,
    "not an indicator id; expected letters and digits as published, such as 5, 8a, 35e or CIN-01 "
    "(no spaces; . / - _ between them)",
)
YEAR_CHECK = _matches(YEAR, "not a year; expected a year such as 2024 or 2023/24, or blank", blank=True)


def _figure(what: str) -> pa.Column:
    return _text(element_check(parse_cell, CellError, f"unreadable {what}; {CELL_EXPECTED}, or blank"))


def _band(colour: str) -> pa.Column:
    return _text(element_check(band_intervals, TargetError, f"unreadable {colour} band; {BAND_EXPECTED}"))


PERIOD_CHECK = _matches(
    PERIOD, "not a period; expected YYYY-MM with month 01-12, such as 2025-03 (not Mar-25)"
)


def catalogue_schema(settings: Settings) -> pa.DataFrameSchema:
    """The catalogue's schema; its sections are the settings' keys."""
    keys = [section.key for section in settings.sections]
    return pa.DataFrameSchema(
        {
            "id": _text(ID_CHECK, unique=True),
            "section": _text(
                pa.Check(
                    lambda s: s.isin(keys),
                    error=f"unknown section; expected a section key from settings.yaml: {', '.join(keys)}",
                )
            ),
            "title": _text(
                pa.Check(lambda s: s.str.strip() != "", error="empty title; expected the indicator's title")
            ),
            "unit": _text(_one_of(Unit, "unit")),
            "polarity": _text(_one_of(Polarity, "polarity")),
            "target": _text(
                element_check(parse_target, TargetError, f"unreadable target; {TARGET_EXPECTED}")
            ),
            "sn_average": _text(
                element_check(parse_cell, CellError, f"unreadable SN average; {CELL_EXPECTED}, or blank")
            ),
            "basis": _text(_one_of(Basis, "basis")),
            "decimals": _text(_matches(r"[0-6]", "not a number of decimals; expected a whole number 0 to 6")),
            "series_break": _text(
                _matches(
                    PERIOD,
                    "not a period; expected blank or YYYY-MM, the first month of the new series",
                    blank=True,
                )
            ),
            "notes": _text(),
            "frequency": _text(_one_of(Frequency, "frequency")),
            "tolerance": _text(
                element_check(
                    parse_tolerance, TargetError, "unreadable tolerance; expected such as '10%', or blank"
                )
            ),
            "green": _band("green"),
            "amber": _band("amber"),
            "red": _band("red"),
            "sn_average_year": _text(YEAR_CHECK),
            "england": _figure("England figure"),
            "england_year": _text(YEAR_CHECK),
            "region": _figure("regional figure"),
            "region_year": _text(YEAR_CHECK),
            "top_quartile": _figure("top quartile figure"),
            "top_quartile_year": _text(YEAR_CHECK),
            "previous_year": _figure("previous year's figure"),
            "previous_year_period": _text(YEAR_CHECK),
            "lead": _text(),
            "benchmark": _text(
                _matches(
                    r"[a-z][a-z0-9_]*",
                    "not a measure name; expected a DfE measure from the library, such as cla_rate, or blank",
                    blank=True,
                )
            ),
            "baseline": _text(
                _matches(
                    BASELINE,
                    "not a baseline; expected blank (the settings' spc_baseline), all (limits from every "
                    "point), or a whole number of points, 12 or more",
                    blank=True,
                )
            ),
        },
        strict=True,
    )


VALUES_SCHEMA = pa.DataFrameSchema(
    {
        "id": _text(ID_CHECK),
        "period": _text(PERIOD_CHECK),
        "value": _text(
            _matches(
                NUMBER,
                "not a number; expected a plain number such as 87.4 or 1036 (percent in "
                "points, no % sign or commas, digits 0-9, at most 12 before the point), or blank "
                "when status is set",
                blank=True,
            )
        ),
        "status": _text(_one_of(Status, "status")),
        "count": _text(
            _matches(
                r"[0-9]{1,12}",
                "not a count; expected a whole number 0 or more with at most 12 digits "
                "(the 4 of '67% (4)'), or blank",
                blank=True,
            )
        ),
        "raw": _text(
            element_check(parse_cell, CellError, f"unreadable published text; {CELL_EXPECTED}, or blank")
        ),
        "numerator": _text(
            _matches(NUMBER, "not a number; expected a plain number such as 5, or blank", True)
        ),
        "denominator": _text(
            _matches(NUMBER, "not a number; expected a plain number such as 13, or blank", True)
        ),
    },
    strict=True,
)

RATING_SCHEMA = pa.DataFrameSchema(
    {
        "id": _text(ID_CHECK),
        "period": _text(PERIOD_CHECK),
        "published": _text(),
        "rating": _text(_one_of([Rag.GREEN, Rag.AMBER, Rag.RED], "rating")),
    },
    strict=True,
)

REBASE_SCHEMA = pa.DataFrameSchema(
    {
        "id": _text(ID_CHECK),
        "from": _text(
            _matches(
                PERIOD, "not a month; expected YYYY-MM, the first month of the new limits, such as 2024-10"
            )
        ),
        "reason": _text(),
    },
    strict=True,
)

DIRECTION_SCHEMA = pa.DataFrameSchema(
    {
        "id": _text(ID_CHECK),
        "period": _text(PERIOD_CHECK),
        "arrow": _text(_one_of(ARROWS, "arrow")),
        "direction": _text(_one_of(ARROWS.values(), "direction")),
    },
    strict=True,
)

_PANDERA = {
    "field_uniqueness": "duplicate id (an earlier row has it too); expected each id once",
    "column_in_schema": "unexpected column; expected exactly the columns {columns}",
    "column_in_dataframe": "missing column; expected exactly the columns {columns}",
}


def schema_problems(schema: pa.DataFrameSchema, frame: pd.DataFrame, file: str) -> list[Problem]:
    """Run a schema lazily and turn each failure case into a problem line."""
    try:
        schema.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as errors:
        columns = ", ".join(schema.columns)
        problems = []
        for case in errors.failure_cases.itertuples(index=False):
            message = _PANDERA.get(case.check, case.check).format(columns=columns)
            if case.check.startswith("column_in"):
                problems.append(Problem(file, 1, str(case.failure_case), "", message))
            elif case.column not in (None, "") and not pd.isna(case.index):
                problems.append(Problem(file, int(case.index), case.column, str(case.failure_case), message))
            else:  # a frame-level failure pandera could not pin to a row
                problems.append(Problem(file, "-", str(case.column or "-"), str(case.failure_case), message))
        return sorted(problems, key=lambda p: (str(p.row).zfill(9), p.column))
    return []


def text_problems(frame: pd.DataFrame, file: str) -> list[Problem]:
    """A cell holding a character the pack cannot show (a control character, NUL, a line break, or
    one the font lacks): what ``check`` accepts, the render can render."""
    problems = []
    for column in frame.columns:
        bad = {text: unshowable(text) for text in frame[column].unique() if isinstance(text, str)}
        bad = {text: what for text, what in bad.items() if what}
        for row in frame.index[frame[column].isin(list(bad))] if bad else ():
            text = frame[column].loc[row]
            problems.append(
                Problem(file, int(row), str(column), text[:60], f"character {bad[text]}; {UNSHOWABLE_FIX}")
            )
    return problems


def check_tables(settings: Settings, tables: dict[str, pd.DataFrame], names: dict[str, str]) -> list[Problem]:
    """All problems of all files (``tables``: catalogue, values, directions and, where there are
    published ratings, ratings): each schema, then the checks across files."""
    catalogue, values, directions = tables["catalogue"], tables["values"], tables["directions"]
    ratings, rebases = tables.get("ratings"), tables.get("rebases")
    texts = [
        *text_problems(catalogue, names["catalogue"]),
        *text_problems(values, names["values"]),
        *text_problems(directions, names["directions"]),
        *(text_problems(ratings, names["ratings"]) if ratings is not None else []),
        *(text_problems(rebases, names["rebases"]) if rebases is not None else []),
    ]
    shown = {(p.file, p.row, p.column) for p in texts}  # a cell with a bad character: said once
    problems = texts + [
        problem
        for problem in (
            *schema_problems(catalogue_schema(settings), catalogue, names["catalogue"]),
            *schema_problems(VALUES_SCHEMA, values, names["values"]),
            *schema_problems(DIRECTION_SCHEMA, directions, names["directions"]),
        )
        if (problem.file, problem.row, problem.column) not in shown
    ]
    if ratings is not None:
        problems += schema_problems(RATING_SCHEMA, ratings, names["ratings"])
    if rebases is not None:
        formats = schema_problems(REBASE_SCHEMA, rebases, names["rebases"])
        problems += formats
        if set(REBASE_COLUMNS) <= set(rebases.columns) and {"id", "period", "value"} <= set(values.columns):
            said = {(p.row, p.column) for p in formats}  # a malformed id is said once, as malformed
            found = rebase_problems(rebases, catalogue, values, names["rebases"])
            problems += [p for p in found if (p.row, p.column) not in said]
    if set(CATALOGUE_COLUMNS) <= set(catalogue.columns) and set(VALUE_COLUMNS) <= set(values.columns):
        problems += catalogue_rules(catalogue, names["catalogue"], settings)
        problems += value_rules(catalogue, values, names["values"], settings)
    if set(VALUE_COLUMNS) <= set(values.columns) and values.empty:  # a pack needs at least one month
        problems.append(
            Problem(
                names["values"],
                2,
                "-",
                "",
                "no values at all; expected at least one row "
                "(import a scorecard with: python -m scorecard import FILE)",
            )
        )
    if set(DIRECTION_COLUMNS) <= set(directions.columns) and "id" in catalogue.columns:
        problems += direction_rules(catalogue, directions, names["directions"])
    if ratings is not None and "id" in ratings.columns and "id" in catalogue.columns:
        problems += [
            Problem(names["ratings"], row, "id", ident, "id not in catalogue.csv; expected a catalogue id")
            for row, ident in zip(ratings.index, ratings["id"], strict=True)
            if ident not in set(catalogue["id"])
        ]
    return problems
