"""What a column header means: the header words councils use, and the period headers.

A header is compared with case, spacing, underscores and a trailing ``:`` or ``.`` ignored, and a year
may follow it (``Target 2024/25``, ``England 2023/24``) or, for last year's outturn, come first
(``2023/24 outturn``). A mapping from the settings or ``--column "HEADER=field"`` comes before the
words. A period header (a month, a financial quarter or year: ``Apr-24``, ``Q1 2024/25``, ``2023/24``)
is read by ``scorecard.periods``, which files it under its last month.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from scorecard.periods import period_header

# field (the name --column and settings.yaml's columns use) -> header words
FIELDS: dict[str, tuple[str, ...]] = {
    "id": (
        "id",
        "ref",
        "reference",
        "pi ref",
        "indicator id",
        "no",
        "kpi ref",
        "measure id",
        "code",
        "indicator code",
        "kpi code",
        "measure code",
        "pi",
        "pi code",
        "kpi id",
        "indicator ref",
    ),
    "title": (
        "indicator",
        "measure",
        "performance indicator",
        "key performance indicator",
        "key performance indicators",
        "description",
        "indicator name",
        "measure name",
        "title",
        "kpi name",
        "kpi title",
        "kpi description",
        "pi name",
        "indicator title",
        "indicator description",
        "measure description",
    ),
    "section": ("section", "theme", "area", "service area", "priority", "domain"),
    "polarity": (
        "good is",
        "good performance is",
        "polarity",
        "higher or lower is better",
        "direction of good",
        "better is",
    ),
    "target": ("target", "annual target", "threshold"),
    "tolerance": ("tolerance", "rag tolerance"),
    "green": ("green", "green band"),
    "amber": ("amber", "amber band"),
    "red": ("red", "red band"),
    "sn_average": (
        "sn av",
        "sn average",
        "stat neighbour",
        "stat neighbours",
        "statistical neighbour average",
        "statistical neighbours average",
        "statistical neighbours",
        "sn",
    ),
    "england": ("england", "national", "england average", "national average"),
    "region": ("region", "regional average", "regional"),
    "top_quartile": ("top quartile",),
    "previous_year": ("outturn", "last year", "previous year", "last year outturn", "prior year"),
    "published_direction": ("direction of travel", "dot", "trend"),
    "published_rating": ("rag", "rag rating", "rag status"),
    "frequency": ("frequency", "reporting frequency", "periodicity"),
    "unit": ("unit", "units", "measure type"),
    "decimals": ("decimals", "decimal places", "dp"),
    "lead": ("lead", "owner", "lead officer", "indicator owner", "indicator lead"),
    # The month's account of an indicator: what happened, what is being done, by whom, by when.
    "commentary": ("comments", "comment", "commentary", "narrative", "exception commentary"),
    "action": (
        "action",
        "actions",
        "mitigating action",
        "mitigating actions",
        "actions to improve",
        "improvement actions",
    ),
    "action_owner": ("action owner", "action lead", "responsible officer"),
    "action_due": ("due", "due date", "timescale", "expected recovery date", "target date"),
    # A benchmark's year in a column of its own (a catalogue file), rather than in its header.
    "sn_average_year": ("sn year", "sn average year", "stat neighbour year", "statistical neighbour year"),
    "england_year": ("england year", "national year", "england average year"),
    "region_year": ("region year", "regional year"),
    "top_quartile_year": ("top quartile year",),
    "previous_year_period": ("outturn year", "last year period", "previous year period"),
    "ignore": (),
}
# The long layout's values file: one row per indicator per period.
LONG_FIELDS: dict[str, tuple[str, ...]] = {
    "period": (
        "period",
        "month",
        "month ending",
        "month end",
        "date",
        "quarter",
        "period ending",
        "period end",
        "period end date",
        "month end date",
        "end date",
        "reporting period",
        "time identifier",
    ),
    # The year of a period split over two columns (Financial Year 2024-25 beside Month April), or a
    # financial year on its own (2023/24).
    "year": (
        "year",
        "financial year",
        "fy",
        "calendar year",
        "reporting year",
        "time period",
        "fin year",
        "academic year",
    ),
    "value": ("value", "result", "actual", "figure"),
    "numerator": ("numerator", "num"),
    "denominator": ("denominator", "denom", "cohort"),
    "status": ("status",),
}
WITH_YEAR = {"target", "sn_average", "england", "region", "top_quartile", "previous_year"}


def normal(header: str) -> str:
    """A header as it is compared: lower case, single spaces, no trailing ``:`` or ``.``."""
    return re.sub(r"[\s_]+", " ", str(header)).strip(" :.").casefold()


_WORDS = {normal(word): field for field, words in {**FIELDS, **LONG_FIELDS}.items() for word in words}
_YEAR = r"(?P<year>(?:fy\s*)?[0-9]{4}\s*[/-]\s*(?:[0-9]{4}|[0-9]{2})|[0-9]{2}/[0-9]{2}|[0-9]{4})"
_TRAILING_YEAR = re.compile(rf"(?P<word>.+?)\s*\(?{_YEAR}\)?")
_LEADING_YEAR = re.compile(rf"{_YEAR}\s+(?P<word>.+)")


@dataclass(frozen=True)
class Header:
    """What one column holds: a field (with the year its header names, if any) or a period."""

    field: str = ""  # a key of FIELDS or LONG_FIELDS; "" for a period column
    year: str = ""  # "2023/24", "2024" or ""
    period: str = ""  # YYYY-MM, for a period column
    kind: str = ""  # a period column's Frequency value


def year_label(text: str) -> str:
    """``2023-24``, ``2023/2024``, ``23/24`` or ``FY 2023/24`` -> ``2023/24``; ``2024`` stays."""
    clean = re.sub(r"(?i)^fy\s*", "", text.strip()).replace(" ", "")
    if re.fullmatch(r"[0-9]{4}", clean):
        return clean
    match = re.fullmatch(r"([0-9]{2}|[0-9]{4})[/-]([0-9]{2}|[0-9]{4})", clean)
    if match is None:
        return ""
    first = int(match[1]) + (2000 if len(match[1]) == 2 else 0)
    return f"{first}/{(first + 1) % 100:02d}"


def classify(header: str, mapping: Mapping[str, str] = {}) -> Header | None:
    """What a header means (``mapping``: normal header -> field, from --column or the settings);
    None when nothing recognises it."""
    key = normal(header)
    if key in mapping:
        return Header(mapping[key])
    if period := period_header(header):
        return Header(period=period[0], kind=period[1])
    if key in _WORDS:
        return Header(_WORDS[key])
    for pattern in (_TRAILING_YEAR, _LEADING_YEAR):
        match = pattern.fullmatch(key)
        if match and normal(match["word"]) in _WORDS and (year := year_label(match["year"])):
            field = _WORDS[normal(match["word"])]
            if field in WITH_YEAR:
                return Header(field, year=year)
    return None


def recognised() -> str:
    """Every header word, for the problem line of a header nothing recognises."""
    return "; ".join(f"{field}: {', '.join(words)}" for field, words in FIELDS.items() if words)
