"""Checks on each indicator's run of periods: ``rebases.csv``'s rows, and the gaps inside a series.

``rebases.csv`` (``id, from, reason``) says from which month an indicator's SPC limits start afresh,
and why. Each row must name an indicator of the catalogue, a month inside its series (after its
first figure, up to its last), and a reason in words; one indicator has at most one rebase a month.
A gap (a period with no row inside a series: September missing between August and October) is not a
problem: the SPC reads the series in stretches around it. ``check`` lists each as a note.
"""

from __future__ import annotations

import itertools

import pandas as pd

from scorecard.model import Frequency
from scorecard.periods import PERIOD
from scorecard.problems import Problem

STEP = {Frequency.MONTHLY: 1, Frequency.QUARTERLY: 3, Frequency.ANNUAL: 12}  # months between periods


def _month_number(period: str) -> int:
    return int(period[:4]) * 12 + int(period[5:7])


def _period(number: int) -> str:
    year, month = divmod(number - 1, 12)
    return f"{year:04d}-{month + 1:02d}"


def series_spans(values: pd.DataFrame) -> dict[str, tuple[str, str]]:
    """Each indicator's first and last period with a number (``values`` as text: ``value`` "" where
    a status stands instead)."""
    numbers = values[(values["value"] != "") & values["period"].str.fullmatch(PERIOD)]
    spans = numbers.groupby("id")["period"].agg(["min", "max"])
    return {str(ident): (str(row["min"]), str(row["max"])) for ident, row in spans.iterrows()}


def rebase_problems(
    rebases: pd.DataFrame, catalogue: pd.DataFrame, values: pd.DataFrame, file: str
) -> list[Problem]:
    """One problem per bad row of ``rebases.csv`` (text, indexed by the row number the analyst sees):
    an unknown id, a month outside the indicator's series, an empty reason, a second rebase of one
    indicator in one month. The formats (id, month) are the schema's; a row with either wrong is
    judged on nothing else."""
    ids = set(catalogue["id"])
    spans = series_spans(values)
    problems: list[Problem] = []
    seen: dict[tuple[str, str], int] = {}
    for row, item in rebases.iterrows():
        ident, start, reason = item["id"], item["from"], item["reason"]
        number = int(str(row))
        if not reason.strip():
            message = "empty reason; expected why the limits start afresh, such as 'new recording system'"
            problems.append(Problem(file, number, "reason", reason, message))
        elif reason.strip().startswith("<") and reason.strip().endswith(">"):
            message = "a placeholder; expected the reason in words, such as 'new recording system'"
            problems.append(Problem(file, number, "reason", reason, message))
        if not pd.Series([start]).str.fullmatch(PERIOD).all():
            continue  # the schema reports the month
        if ident not in ids:
            message = "id not in catalogue.csv; expected an indicator listed there"
            problems.append(Problem(file, number, "id", ident, message))
            continue
        if (ident, start) in seen:
            message = (
                f"a second rebase of ID {ident} in {start} (row {seen[(ident, start)]} has it too); "
                "expected one a month, with one reason"
            )
            problems.append(Problem(file, number, "from", start, message))
            continue
        seen[(ident, start)] = number
        first, last = spans.get(ident, ("", ""))
        if not first:
            message = f"ID {ident} has no figures yet; expected a month inside its series"
            problems.append(Problem(file, number, "from", start, message))
        elif not first < start <= last:
            message = (
                f"outside ID {ident}'s series ({first} to {last}); expected a month after its first "
                "figure, up to its last"
            )
            problems.append(Problem(file, number, "from", start, message))
    return problems


def gap_notes(catalogue: pd.DataFrame, values: pd.DataFrame, file: str = "values.csv") -> list[str]:
    """One note per gap inside a series: the periods between two rows of an indicator that have no
    row of their own (by its frequency: months, quarter ends, years). A status row (NYC, not
    reported) is no gap here: it says why there is no figure."""
    frequency = dict(zip(catalogue["id"], catalogue["frequency"], strict=True))
    notes = []
    for ident, periods in values.groupby("id", sort=False)["period"]:
        step = STEP.get(frequency.get(ident, Frequency.MONTHLY), 1)
        numbers = sorted(_month_number(p) for p in periods)
        for before, after in itertools.pairwise(numbers):
            missing = [_period(n) for n in range(before + step, after, step)]
            if after - before > step and missing:
                what = ", ".join(missing)
                notes.append(
                    f"note: {file}: ID {ident} has no row for {what} (between {_period(before)} and "
                    f"{_period(after)}); the SPC reads the series either side of the gap apart "
                    "(no moving range, run or trend across it)"
                )
    return notes
