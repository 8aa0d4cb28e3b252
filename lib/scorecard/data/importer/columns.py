"""What a column header means: the header words councils use, and the period headers.

A header is compared with case, spacing, underscores and a trailing ``:`` or ``.`` ignored, and a year
may follow it (``Target 2024/25``, ``England 2023/24``) or, for last year's outturn, come first
(``2023/24 outturn``). A mapping from the settings or ``--column "HEADER=field"`` comes before the
words. Period headers are months (``Apr-24``, ``Apr 24``, ``April 2024``, ``2024-04``), financial
quarters (``Q1 2024/25``, ``Q1 2024-25``, ``2024/25 Q1``, ``Q1 24/25``) or financial years (``2023/24``,
``2023-24``); each is filed under its last month (``Q1 2024/25`` -> 2024-06, ``2023/24`` -> 2024-03).
The long layout's period cells may also be dates in the period (``2025-03-31``, ``31/03/2025``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass

from scorecard.model import Frequency

# field (the name --column and settings.yaml's columns use) -> header words
FIELDS: dict[str, tuple[str, ...]] = {
    "id": ("id", "ref", "reference", "pi ref", "indicator id", "no", "kpi ref", "measure id", "code"),
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
    "lead": ("lead", "owner", "lead officer", "responsible officer"),
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
        "year",
        "period ending",
        "reporting period",
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


# --- periods ---------------------------------------------------------------------------------------

_MONTHS = {
    name: n
    for n, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1
    )
}
_MONTH = re.compile(r"(?P<month>[A-Za-z]{3})[a-z]*\.?[-\s']*(?P<year>[0-9]{2}|[0-9]{4})")
_ISO = re.compile(r"(?P<year>[0-9]{4})-(?P<month>0[1-9]|1[0-2])")
_FY = r"(?P<first>[0-9]{4}|[0-9]{2})\s*[/-]\s*(?P<second>[0-9]{4}|[0-9]{2})"
_QUARTER = [
    re.compile(rf"(?:q|quarter\s*)(?P<q>[1-4])\s*(?:fy\s*)?{_FY}", re.IGNORECASE),
    re.compile(rf"(?:fy\s*)?{_FY}\s*(?:q|quarter\s*)(?P<q>[1-4])", re.IGNORECASE),
]
_YEAR_ONLY = re.compile(rf"(?:fy\s*)?{_FY}", re.IGNORECASE)
_DATES = (
    re.compile(r"(?P<year>[0-9]{4})-(?P<month>[0-9]{2})-(?P<day>[0-9]{2})(?:[ T][0-9:.]+)?"),
    re.compile(r"(?P<day>[0-9]{1,2})/(?P<month>[0-9]{1,2})/(?P<year>[0-9]{4})"),
    re.compile(r"(?P<day>[0-9]{1,2})[-\s](?P<name>[A-Za-z]{3,9})[-\s](?P<year>[0-9]{4}|[0-9]{2})"),
)


def _financial_year(first: str, second: str) -> int | None:
    """The year a financial year starts in, if ``first``/``second`` name consecutive years."""
    start = int(first) + (2000 if len(first) == 2 else 0)
    end = int(second)
    if len(second) == 2:  # 2024/25: the century of the first year
        end += start // 100 * 100 + (100 if end < start % 100 else 0)
    return start if end == start + 1 else None


MONTH_HEADER = "%b-%y"  # the published month headers' form, Apr-24


def month_label(period: str) -> str:
    """``2024-04`` -> ``Apr-24``, as the published headers show it."""
    return dt.date(int(period[:4]), int(period[5:]), 1).strftime(MONTH_HEADER)


def quarter_label(period: str, short: bool = False) -> str:
    """The financial quarter that ends in ``period``: ``2025-03`` -> ``Q4 2024/25`` (``short``:
    ``Q4 24/25``), as quarterly headers are written."""
    year, month = int(period[:4]), int(period[5:])
    start = year if month >= 4 else year - 1
    first = f"{start % 100:02d}" if short else str(start)
    return f"Q{(month - 4) % 12 // 3 + 1} {first}/{(start + 1) % 100:02d}"


def month_period(label: str) -> str | None:
    """``Apr-24`` (or ``April 2024``, ``Apr 24``, ``2024-04``) -> ``2024-04``; None if not a month."""
    label = label.strip()
    if match := _ISO.fullmatch(label):
        return f"{match['year']}-{match['month']}"
    match = _MONTH.fullmatch(label)
    if match is None or match["month"].lower() not in _MONTHS:
        return None
    year = int(match["year"])
    year = year + 2000 if year < 100 else year
    return f"{year:04d}-{_MONTHS[match['month'].lower()]:02d}"


def period_header(label: str) -> tuple[str, str] | None:
    """(``YYYY-MM``, frequency) of a period header, filed under its last month; None if not one."""
    label = " ".join(str(label).split())
    if month := month_period(label):
        return month, Frequency.MONTHLY.value
    for pattern in _QUARTER:
        if (match := pattern.fullmatch(label)) and (
            start := _financial_year(match["first"], match["second"])
        ):
            end = (start, 6), (start, 9), (start, 12), (start + 1, 3)
            year, month_number = end[int(match["q"]) - 1]
            return f"{year}-{month_number:02d}", Frequency.QUARTERLY.value
    if (match := _YEAR_ONLY.fullmatch(label)) and (start := _financial_year(match["first"], match["second"])):
        return f"{start + 1}-03", Frequency.ANNUAL.value
    return None


def period_cell(text: str) -> tuple[str, str] | None:
    """A long layout's period cell: a period header's form, or a date in the period
    (``2025-03-31``, ``31/03/2025``, ``31-Mar-2025``), which gives its month."""
    text = " ".join(str(text).split())
    if header := period_header(text):
        return header
    for pattern in _DATES:
        match = pattern.fullmatch(text)
        if match is None:
            continue
        groups = match.groupdict()
        month = _MONTHS.get(groups["name"][:3].lower()) if groups.get("name") else int(groups["month"])
        year = int(groups["year"]) + (2000 if len(groups["year"]) == 2 else 0)
        try:
            dt.date(year, month or 0, int(groups["day"]))
        except (TypeError, ValueError):
            return None
        return f"{year:04d}-{month:02d}", Frequency.MONTHLY.value
    return None


PERIOD_EXPECTED = (
    "expected a month (Apr-24, April 2024, 2024-04), a quarter (Q1 2024/25, Q1 2024-25, 2024/25 Q1, "
    "Q1 24/25) or a financial year (2023/24, 2023-24)"
)
