"""The data folder's benchmark parts: ``benchmarks.csv`` (its columns, checks and typed frame), the
figures it holds (numbers, or the Government Statistical Service's symbols), and the settings'
``benchmarks:`` block.

``benchmarks.csv`` has one row per indicator, DfE year and neighbour model, as ``python -m scorecard
benchmarks`` computes it (``scorecard.data.benchmarks``); ``check`` and every render check it here.

The pack chooses, per indicator, the row for its period (``scorecard.rules.benchmarking``): so the
file keeps every year the DfE files held and each neighbour model given, and says from when each was
known (``known_from``, ``model_from``).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

from scorecard.data.bounds import UNSHOWABLE_FIX, unshowable
from scorecard.periods import PERIOD
from scorecard.problems import Problem

if TYPE_CHECKING:  # the settings read this module before any render step needs pandas
    import pandas as pd

BENCHMARKS_FILE = "benchmarks.csv"
# The Government Statistical Service's symbols for a figure that is not there, and what each means.
GSS_SYMBOLS = {
    "c": "suppressed",
    "x": "not available",
    "z": "not applicable",
    "u": "low reliability",
    "low": "rounds to zero",
    "k": "rounds to zero",
    ":": "not available",
    "": "blank",
}
_NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")
MARCH, SEPTEMBER = "march", "september"
MEASURE_NAME = re.compile(r"[a-z][a-z0-9_]*")
MEASURE_KEYS = {"title", "publication", "value", "filters", "rate", "year_end", "decimals"}
MODELS = ("2021", "2025")
BENCHMARK_COLUMNS = (
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
_MONTH = PERIOD  # the one period grammar
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


def published_figure(text: str) -> float | None:
    """The number a cell publishes; None for a symbol (``c``, ``x``, ...) or a blank."""
    return float(text) if _NUMBER.fullmatch(text) else None


def average_text(value: float | None) -> str:
    """A computed average as the file keeps it: four decimals at most, no trailing zeros."""
    if value is None:
        return ""
    return f"{value:.4f}".rstrip("0").rstrip(".")


def benchmarks_text(rows: Iterable[Mapping[str, str]]) -> str:
    """The file's text: the header, then the rows as given."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(BENCHMARK_COLUMNS)
    for row in rows:
        writer.writerow([row[column] for column in BENCHMARK_COLUMNS])
    return out.getvalue()


def benchmark_problems(frame: pd.DataFrame, file: str, ids: Iterable[str], la_code: str) -> list[Problem]:
    """Every cell of the file (all text, indexed by its line) that is not what ``benchmarks`` writes,
    and rows for indicators the catalogue lacks or for another council than the settings'."""
    return [
        *_form_problems(frame, file),
        *_reference_problems(frame, file, set(ids), la_code),
        *_text_problems(frame, file),
        *_repeated_rows(frame, file),
    ]


def _form_problems(frame: pd.DataFrame, file: str) -> list[Problem]:
    """Cells not in the form ``benchmarks`` writes them: codes, years, figures."""
    found: list[Problem] = []
    for column, (pattern, expected) in _CHECKS.items():
        for line, text in _cells(frame, column):
            if not re.fullmatch(pattern, text):
                found.append(Problem(file, line, column, text, f"expected {expected}"))
    symbols = ", ".join(s for s in GSS_SYMBOLS if s)
    for column in _FIGURES:
        for line, text in _cells(frame, column):
            if published_figure(text) is None and text not in GSS_SYMBOLS:
                message = f"expected a number, a symbol ({symbols}) or blank"
                found.append(Problem(file, line, column, text, message))
    for line, text in _cells(frame, "neighbour_average"):
        if text and published_figure(text) is None:
            found.append(Problem(file, line, "neighbour_average", text, "expected a number, or blank"))
    return found


def _reference_problems(frame: pd.DataFrame, file: str, known: set[str], la_code: str) -> list[Problem]:
    """Rows for an indicator the catalogue lacks; the first row for another council."""
    found = [
        Problem(file, line, "id", ident, "not an indicator in catalogue.csv; expected one of its ids")
        for line, ident in _cells(frame, "id")
        if ident not in known
    ]
    for line, code in _cells(frame, "la_code"):
        if code != la_code:
            message = (
                f"computed for another council than settings.yaml's la_code ({la_code or 'none'}); "
                "expected its benchmarks: run python -m scorecard benchmarks FILE... again"
            )
            found.append(Problem(file, line, "la_code", code, message))
            break
    return found


def _text_problems(frame: pd.DataFrame, file: str) -> list[Problem]:
    """The only free text (the region's name, the source): what the pack shows it must draw."""
    return [
        Problem(file, line, column, text[:60], f"character {bad}; {UNSHOWABLE_FIX}")
        for column in ("region_name", "source")
        for line, text in _cells(frame, column)
        if (bad := unshowable(text))
    ]


def _repeated_rows(frame: pd.DataFrame, file: str) -> list[Problem]:
    repeated = frame.duplicated(list(_KEY), keep="first")
    return [
        Problem(
            file, line, "id", " ".join(key), "row repeated; expected one row per id, time_period and model"
        )
        for line, *key in zip(_lines(frame), *(frame[c] for c in _KEY), strict=True)
        if repeated.loc[line]
    ]


def _lines(frame: pd.DataFrame) -> list[int]:
    return [int(str(line)) for line in frame.index]


def _cells(frame: pd.DataFrame, column: str) -> list[tuple[int, str]]:
    """(line, text) of each cell of a column: the lines the file's problems name."""
    return list(zip(_lines(frame), frame[column], strict=True))


def typed_benchmarks(frame: pd.DataFrame) -> pd.DataFrame:
    """The checked all-text file with its numbers as numbers (NaN where blank or a symbol)."""
    import pandas as pd

    table = frame.loc[:, list(BENCHMARK_COLUMNS)].reset_index(drop=True).astype(object)
    for column in ("neighbour_average", *_FIGURES):
        table[f"{column}_value"] = [published_figure(text) if text else None for text in table[column]]
        table[f"{column}_value"] = table[f"{column}_value"].astype(float)
    for column in ("neighbours_with_figure", "neighbours", "councils_ranked", "decimals"):
        table[column] = table[column].astype(int)
    table["rank"] = pd.to_numeric(table["rank"].replace("", None)).astype("Int64")
    return table


Said = Callable[[tuple[Any, ...], Any, str], None]  # problem(keys, value, message)


def benchmark_settings(raw: Any, said: Said) -> tuple[str, str, dict[str, dict[str, Any]]]:
    """The settings' ``benchmarks:`` block checked: (year, neighbour model, the council's own measures).

    ``year`` is a DfE ``time_period`` (``2024``), ``neighbours`` a model (``2021``, ``2025``); both
    optional. ``said`` is called for each thing wrong."""
    if raw in (None, ""):
        return "", "", {}
    if not isinstance(raw, dict):
        said(
            ("benchmarks",), raw, "expected year:, neighbours: and measures: under benchmarks (each optional)"
        )
        return "", "", {}
    for key in sorted(set(raw) - {"year", "neighbours", "measures"}, key=str):
        said(("benchmarks", key), key, "unknown setting; expected year, neighbours or measures")
    year = str(raw.get("year", "") or "")
    if year and not re.fullmatch(r"[0-9]{4}", year):
        said(
            ("benchmarks", "year"),
            year,
            "expected a DfE time_period such as 2024 (the year ending 31 March 2024)",
        )
    model = str(raw.get("neighbours", "") or "")
    if model and model not in MODELS:
        said(("benchmarks", "neighbours"), model, f"expected a neighbour model: {' or '.join(MODELS)}")
    return year, model, measure_settings(raw.get("measures"), said)


def measure_settings(raw: Any, said: Said) -> dict[str, dict[str, Any]]:
    """A council's own measures (``benchmarks: measures: NAME: {value, filters, ...}``), each checked."""
    if raw in (None, ""):
        return {}
    at = ("benchmarks", "measures")
    if not isinstance(raw, dict):
        said(at, raw, "expected one entry per measure: NAME: {title, publication, value, filters}")
        return {}
    found = {}
    for name, entry in raw.items():
        if not MEASURE_NAME.fullmatch(str(name)):
            said((*at, name), name, "not a measure name; expected one word in lower case, such as cla_rate")
            continue
        if not isinstance(entry, dict) or not isinstance(entry.get("value"), str) or not entry["value"]:
            keys = ", ".join(sorted(MEASURE_KEYS - {"value"}))
            said(
                (*at, name), entry, f"expected value: (the column holding the figure) and, optionally, {keys}"
            )
            continue
        if problem := _measure_problem(entry):
            key, message = problem
            said((*at, name, key), entry.get(key, key), message)
            continue
        found[str(name)] = dict(entry)
    return found


def _measure_problem(entry: dict[str, Any]) -> tuple[str, str] | None:
    unknown = sorted(set(entry) - MEASURE_KEYS, key=str)
    if unknown:
        return unknown[0], f"unknown key; expected one of {', '.join(sorted(MEASURE_KEYS))}"
    filters = entry.get("filters") or {}
    if not isinstance(filters, dict) or not all(isinstance(v, str) for v in filters.values()):
        return "filters", "expected column: value lines, such as breakdown: Total"
    if str(entry.get("year_end", MARCH)).lower() not in (MARCH, SEPTEMBER):
        return "year_end", "expected march (the year ending 31 March) or september (a count on 30 September)"
    if not isinstance(entry.get("rate", False), bool):
        return "rate", "expected true (a rate per 10,000 children made from a count) or false"
    decimals = entry.get("decimals", 1)
    if not isinstance(decimals, int) or isinstance(decimals, bool) or not 0 <= decimals <= 4:
        return "decimals", "expected a whole number of decimals, 0 to 4"
    return None
