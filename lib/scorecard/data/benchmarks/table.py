"""``data/benchmarks.csv``: one row per indicator, DfE year and neighbour model, as ``python -m
scorecard benchmarks`` computes it; and its checks, for ``check`` and every render.

The pack chooses, per indicator, the row for its period (``scorecard.rules.benchmarking``): so the
file keeps every year the DfE files held and each neighbour model given, and says from when each was
known (``known_from``, ``model_from``).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping

import pandas as pd

from scorecard.data.benchmarks.ees import SYMBOLS, figure
from scorecard.problems import Problem

FILE = "benchmarks.csv"
COLUMNS = (
    "id",  # the indicator
    "measure",  # the library's name for the DfE measure
    "year",  # as the pack shows it: 2023/24, Sep 2024
    "time_period",  # the DfE's: 2024
    "known_from",  # YYYY-MM: the month from which the year's figures count as published
    "la_code",  # the council: the DfE's three-digit LA number
    "own",  # the council's published figure, or its symbol (c, x, ...); blank: not in the files
    "england",
    "region",
    "region_name",
    "neighbour_model",  # 2021, 2025
    "model_from",  # YYYY-MM: the model's publication month
    "neighbour_average",  # blank when no neighbour has a figure
    "neighbours_with_figure",
    "neighbours",
    "rank",  # blank: no figure of its own, or no better direction
    "councils_ranked",  # how many councils had a figure that year
    "band",  # A (best quarter) to D, or blank
    "decimals",  # the decimals the DfE publishes the measure to
    "source",  # publication: file(s), column
)
_MONTH = r"[0-9]{4}-(0[1-9]|1[0-2])"
_CHECKS: dict[str, tuple[str, str]] = {  # column -> (pattern, what was expected)
    "measure": (r"[a-z][a-z0-9_]*", "a measure name such as cla_rate"),
    "year": (r"[0-9]{4}/[0-9]{2}|Sep [0-9]{4}", "a year such as 2023/24 or Sep 2024"),
    "time_period": (r"[0-9]{4}", "the DfE's time_period, such as 2024"),
    "known_from": (_MONTH, "a month YYYY-MM"),
    "la_code": (r"[0-9]{3}", "the DfE's three-digit LA number"),
    "neighbour_model": (r"[0-9]{4}", "the neighbour model's year, such as 2021"),
    "model_from": (_MONTH, "a month YYYY-MM"),
    "neighbours_with_figure": (r"[0-9]+", "a whole number"),
    "neighbours": (r"[0-9]+", "a whole number"),
    "rank": (r"([1-9][0-9]*)?", "a rank such as 12, or blank"),
    "councils_ranked": (r"[0-9]+", "a whole number"),
    "band": (r"[ABCD]?", "a quartile band A, B, C or D, or blank"),
    "decimals": (r"[0-9]", "a number of decimals, 0 to 9"),
}
_FIGURES = ("own", "england", "region")
_KEY = ("id", "time_period", "neighbour_model")


def number_text(value: float | None) -> str:
    """A computed average as the file keeps it: four decimals at most, no trailing zeros."""
    if value is None:
        return ""
    return f"{value:.4f}".rstrip("0").rstrip(".")


def csv_text(rows: Iterable[Mapping[str, str]]) -> str:
    """The file's text: the header, then the rows as given."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow([row[column] for column in COLUMNS])
    return out.getvalue()


def problems(frame: pd.DataFrame, file: str, ids: Iterable[str], la_code: str) -> list[Problem]:
    """Every cell of the file (all text, indexed by its line) that is not what ``benchmarks`` writes,
    and rows for indicators the catalogue lacks or for another council than the settings'."""
    found: list[Problem] = []
    known = set(ids)
    for column, (pattern, expected) in _CHECKS.items():
        for line, text in _cells(frame, column):
            if not re.fullmatch(pattern, text):
                found.append(Problem(file, line, column, text, f"expected {expected}"))
    for column in _FIGURES:
        for line, text in _cells(frame, column):
            if figure(text) is None and text not in SYMBOLS:
                symbols = ", ".join(s for s in SYMBOLS if s)
                found.append(
                    Problem(file, line, column, text, f"expected a number, a symbol ({symbols}) or blank")
                )
    for line, text in _cells(frame, "neighbour_average"):
        if text and figure(text) is None:
            found.append(Problem(file, line, "neighbour_average", text, "expected a number, or blank"))
    for line, ident in _cells(frame, "id"):
        if ident not in known:
            found.append(
                Problem(file, line, "id", ident, "not an indicator in catalogue.csv; expected one of its ids")
            )
    for line, code in _cells(frame, "la_code"):
        if code != la_code:
            message = (
                f"computed for another council than settings.yaml's la_code ({la_code or 'none'}); "
                "expected its benchmarks: run python -m scorecard benchmarks FILE... again"
            )
            found.append(Problem(file, line, "la_code", code, message))
            break
    repeated = frame.duplicated(list(_KEY), keep="first")
    for line, key in zip(_lines(frame), frame[list(_KEY)].agg(" ".join, axis=1), strict=True):
        if not repeated.loc[line]:
            continue
        found.append(
            Problem(file, line, "id", key, "row repeated; expected one row per id, time_period and model")
        )
    return found


def _lines(frame: pd.DataFrame) -> list[int]:
    return [int(str(line)) for line in frame.index]


def _cells(frame: pd.DataFrame, column: str) -> list[tuple[int, str]]:
    """(line, text) of each cell of a column: the lines the file's problems name."""
    return list(zip(_lines(frame), frame[column], strict=True))


def typed(frame: pd.DataFrame) -> pd.DataFrame:
    """The checked all-text file with its numbers as numbers (NaN where blank or a symbol)."""
    table = frame.loc[:, list(COLUMNS)].reset_index(drop=True).astype(object)
    for column in ("neighbour_average", *_FIGURES):
        table[f"{column}_value"] = [figure(text) if text else None for text in table[column]]
        table[f"{column}_value"] = table[f"{column}_value"].astype(float)
    for column in ("neighbours_with_figure", "neighbours", "councils_ranked", "decimals"):
        table[column] = table[column].astype(int)
    table["rank"] = pd.to_numeric(table["rank"].replace("", None)).astype("Int64")
    return table
