"""The reporting period: one grammar, ``YYYY-MM``, and every way a period is named.

A period is a calendar month written ``YYYY-MM`` with ASCII digits and month 01-12 (``\\d`` would also
take Arabic-Indic or fullwidth digits, which no file and no command means as a month). A quarterly
figure sits in its quarter's last month, an annual one in its financial year's March. Everything that
reads or names a period uses this module: the data's period column, ``--period``, the narrative's
arguments and markers; the labels the pack shows (``Mar-25``, ``Q4 2024/25``, ``March 2025``), the
period headers the importer reads in councils' files (``Apr-24``, ``Q1 2024/25``, ``2023/24``, a date
in the period), and the word for what the pack reports (``month`` or ``quarter``).

The standard library only: Quarto's steps and the narrative helpers use it.
"""

from __future__ import annotations

import datetime as dt
import re

from scorecard.model import Frequency

PERIOD = r"[0-9]{4}-(?:0[1-9]|1[0-2])"  # a regular expression: spliced into others, never retyped
_PERIOD = re.compile(PERIOD)


def is_period(text: object) -> bool:
    """Whether ``text`` is a period, ``YYYY-MM`` with ASCII digits and month 01-12.

    Examples
    --------
    >>> is_period("2025-03"), is_period("2025-13"), is_period("Mar-25"), is_period("٢٠٢٥-03")
    (True, False, False, False)
    """
    return isinstance(text, str) and _PERIOD.fullmatch(text) is not None


def _first_day(period: str) -> dt.date:
    return dt.date(int(period[:4]), int(period[5:7]), 1)


# --- names: what the pack and the published files call a period ---------------------------------

MONTH_HEADER = "%b-%y"  # the published month headers' form, Apr-24
_WORDS: dict[str, str] = {
    Frequency.MONTHLY: "month",
    Frequency.QUARTERLY: "quarter",
    Frequency.ANNUAL: "financial year",
}


def period_word(frequency: str, plural: bool = False) -> str:
    """What a period of ``frequency`` is called: ``month``, ``quarter`` or ``financial year``
    (``plural``: ``months`` ...); a pack's frequency gives the word for what it reports.

    Examples
    --------
    >>> period_word("quarterly"), period_word("monthly", plural=True)
    ('quarter', 'months')
    """
    word = _WORDS.get(frequency, "month")
    return f"{word}s" if plural else word


def month_label(period: str) -> str:
    """``2024-04`` -> ``Apr-24``, as the published headers show it."""
    return _first_day(period).strftime(MONTH_HEADER)


def quarter_label(period: str, short: bool = False) -> str:
    """The financial quarter that ends in ``period``: ``2025-03`` -> ``Q4 2024/25`` (``short``:
    ``Q4 24/25``), as quarterly headers are written."""
    year, month = int(period[:4]), int(period[5:])
    start = year if month >= 4 else year - 1
    first = f"{start % 100:02d}" if short else str(start)
    return f"Q{(month - 4) % 12 // 3 + 1} {first}/{(start + 1) % 100:02d}"


def period_label(period: str, frequency: str = Frequency.MONTHLY, short: bool = False) -> str:
    """``2025-03`` -> ``Mar-25``, the scorecard's column heading; in a quarterly pack the quarter
    that ends in the month: ``Q4 2024/25`` (``short``: ``Q4 24/25``, for a chart's axis)."""
    if frequency != Frequency.QUARTERLY:
        return month_label(period)
    return quarter_label(period, short)


def quarter_months(period: str) -> str:
    """The three months of the quarter that ends in ``period``: ``January to March 2025``."""
    end = _first_day(period)
    first = dt.date(end.year - (1 if end.month <= 2 else 0), (end.month - 3) % 12 + 1, 1)
    if first.year == end.year:
        return f"{first:%B} to {end:%B %Y}"
    return f"{first:%B %Y} to {end:%B %Y}"


def month_name(period: str, frequency: str = Frequency.MONTHLY) -> str:
    """``2025-03`` -> ``March 2025``; in a quarterly pack ``Q4 2024/25 (January to March 2025)``."""
    if frequency == Frequency.QUARTERLY:
        return f"{period_label(period, frequency)} ({quarter_months(period)})"
    return _first_day(period).strftime("%B %Y")


def financial_year(period: str) -> str:
    """The April-March year a period falls in: ``2025-03`` -> ``2024-25``."""
    month = _first_day(period)
    start = month.year if month.month >= 4 else month.year - 1
    return f"{start}-{(start + 1) % 100:02d}"


# Each month's financial quarter ends in (Apr-Jun: Jun, ..., Jan-Mar: Mar).
QUARTER_END = {1: 3, 2: 3, 3: 3, 4: 6, 5: 6, 6: 6, 7: 9, 8: 9, 9: 9, 10: 12, 11: 12, 12: 12}


def quarter_end(period: str) -> str:
    """The quarter-end month of the financial quarter holding ``period`` (Aug -> Sep, Feb -> Mar)."""
    return f"{period[:4]}-{QUARTER_END[int(period[5:])]:02d}"


# --- reading: the period headers and cells of councils' files ------------------------------------

_MONTHS = {
    name: n
    for n, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1
    )
}
_MONTH = re.compile(r"(?P<month>[A-Za-z]{3})[a-z]*\.?[-\s']*(?P<year>[0-9]{2}|[0-9]{4})")
_FY = r"(?P<first>[0-9]{4}|[0-9]{2})\s*[/-]\s*(?P<second>[0-9]{4}|[0-9]{2})"
_QUARTER = [
    re.compile(rf"(?:q|quarter\s*)(?P<q>[1-4])\s*(?:fy\s*)?{_FY}", re.IGNORECASE),
    re.compile(rf"(?:fy\s*)?{_FY}\s*(?:q|quarter\s*)(?P<q>[1-4])", re.IGNORECASE),
]
_YEAR_ONLY = re.compile(rf"(?:fy\s*)?{_FY}", re.IGNORECASE)
_DATES = (
    re.compile(rf"(?P<period>{PERIOD})-(?P<day>[0-9]{{2}})(?:[ T][0-9:.]+)?"),
    re.compile(r"(?P<day>[0-9]{1,2})/(?P<month>[0-9]{1,2})/(?P<year>[0-9]{4})"),
    re.compile(r"(?P<day>[0-9]{1,2})[-\s](?P<name>[A-Za-z]{3,9})[-\s](?P<year>[0-9]{4}|[0-9]{2})"),
)
PERIOD_EXPECTED = (
    "expected a month (Apr-24, April 2024, 2024-04), a quarter (Q1 2024/25, Q1 2024-25, 2024/25 Q1, "
    "Q1 24/25) or a financial year (2023/24, 2023-24)"
)


def _year_start(first: str, second: str) -> int | None:
    """The year a financial year starts in, if ``first``/``second`` name consecutive years."""
    start = int(first) + (2000 if len(first) == 2 else 0)
    end = int(second)
    if len(second) == 2:  # 2024/25: the century of the first year
        end += start // 100 * 100 + (100 if end < start % 100 else 0)
    return start if end == start + 1 else None


def month_period(label: str) -> str | None:
    """``Apr-24`` (or ``April 2024``, ``Apr 24``, ``2024-04``) -> ``2024-04``; None if not a month."""
    label = label.strip()
    if is_period(label):
        return label
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
        if (match := pattern.fullmatch(label)) and (start := _year_start(match["first"], match["second"])):
            end = (start, 6), (start, 9), (start, 12), (start + 1, 3)
            year, month_number = end[int(match["q"]) - 1]
            return f"{year}-{month_number:02d}", Frequency.QUARTERLY.value
    if (match := _YEAR_ONLY.fullmatch(label)) and (start := _year_start(match["first"], match["second"])):
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
        if groups.get("period"):  # 2025-03-31: the period, then the day
            groups["year"], groups["month"] = groups["period"].split("-")
        month = _MONTHS.get(groups["name"][:3].lower()) if groups.get("name") else int(groups["month"])
        year = int(groups["year"]) + (2000 if len(groups["year"]) == 2 else 0)
        try:
            dt.date(year, month or 0, int(groups["day"]))
        except (TypeError, ValueError):
            return None
        return f"{year:04d}-{month:02d}", Frequency.MONTHLY.value
    return None
