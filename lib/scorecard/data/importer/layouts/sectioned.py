"""The wide layout's structure: section headers, indicator rows aligned to their months, narrative.

A section header is a row starting ``ID``: ``ID, <section title> - <scope>, Apr-24 .. Mar-25, Target,
SN av, Direction of travel`` (SN av may be a blank header). Indicator rows follow; ``Narrative:`` starts
free text that runs to the next header. Rows are aligned from the right: some published rows carry a
leading free-text cell ("Process commenced in quarter 2") or a stray empty cell that shifts every cell
right by one, and some carry trailing empty cells. A row with both an empty first cell and an empty
last cell is ambiguous: the trailing cell is taken as the extra one, unless only the other reading
gives a readable Target, SN av and arrow (35e with no arrow yet: ``'', months.., Monitor, N/A, ''``).

A header may name months still to come (a financial-year template, Apr-24..Mar-25, used in August):
their columns must be blank.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from scorecard import data
from scorecard.cells import ARROW_SPELLINGS, CellError, lost_arrow, parse_cell
from scorecard.data import FIRST_PERIOD, POSSIBLE
from scorecard.data.importer.normalised import Field, PeriodCell, Row, Sheet, Where
from scorecard.data.importer.rows import Rows
from scorecard.model import Frequency
from scorecard.periods import month_period, period_header
from scorecard.problems import Problem
from scorecard.targets import TargetError, parse_target

# ids as published: 5, 8a, 35e, NS01, EM-01 (a digit, and no space: never a line of narrative)
ID = re.compile(r"(?=[^ ]*[0-9])[A-Za-z0-9]+(?:[._/-][A-Za-z0-9]+)*")
_WORDS = re.compile(r"[^\W\d_]{2,}\W+\w+")  # free text: at least two words
HEADER_EXPECTED = "expected ID, section title, months (Apr-24 ..), Target, SN av, Direction of travel"


@dataclass(frozen=True)
class _Header:
    section: str
    scope: str
    line: int
    months: tuple[tuple[str, str], ...]  # (period, label)


@dataclass
class _Place:
    """Where the reader is: under which header (None before the first), whether that header was
    rejected (its rows are covered by its problem), and whether in a narrative block."""

    header: _Header | None = None
    broken: bool = False
    in_narrative: bool = False


def parse_sheet(file: str, rows: Rows) -> Sheet:
    """The sectioned wide layout, read into the normalised rows."""
    sheet = Sheet(file, Frequency.MONTHLY.value, "sectioned")
    place = _Place()
    for line, raw in rows:
        cells = [cell.strip() for cell in raw]
        if any(cells):
            _line(file, line, cells, sheet, place)
    if not sheet.rows and not sheet.problems:
        sheet.problems.append(Problem(file, 1, "ID", "", f"no section header found; {HEADER_EXPECTED}"))
    sheet.problems.extend(_future_cells(file, sheet.rows))
    return sheet


def _line(file: str, line: int, cells: list[str], sheet: Sheet, place: _Place) -> None:
    """One line that is not blank: a header, the legend above the first one, narrative, or a row."""
    first = cells[0]
    if first.upper() == "ID":
        place.header, place.in_narrative = _header(file, line, cells, sheet), False
        place.broken = place.header is None
    elif place.broken:
        return
    elif place.header is None:
        if ID.fullmatch(first):
            message = f"indicator row before any section header; {HEADER_EXPECTED}"
            sheet.problems.append(Problem(file, line, "ID", first, message))
        sheet.preamble_lines += 1  # the legend and notes above the first section
    elif first.lower().startswith("narrative"):
        place.in_narrative = True
    elif place.in_narrative:
        if ID.fullmatch(first) and len(cells) > 3:
            message = (
                "indicator row inside a narrative block; "
                "expected a section header row starting 'ID' before it"
            )
            sheet.problems.append(Problem(file, line, "ID", first, message))
        sheet.narrative_lines += 1
    elif ID.fullmatch(first):
        row = _row(file, line, cells, place.header, sheet.problems)
        if row is not None:
            sheet.rows.append(row)
    else:
        message = (
            "not an indicator row; expected an indicator ID like 8a, a header row starting 'ID', or "
            "'Narrative:'"
        )
        sheet.problems.append(Problem(file, line, "ID", first[:60], message))


def _future_cells(file: str, rows: list[Row]) -> list[Problem]:
    """One problem per month column that is still in the future and yet holds cells."""
    today = data.this_month()  # through the data room's face at each call, so a test can set the date
    filled: dict[tuple[int | str, str], int] = {}
    for row in rows:
        for cell in row.cells:
            if cell.period > today and cell.text:
                key = (row.header_line, cell.label)
                filled[key] = filled.get(key, 0) + 1
    return [
        Problem(
            file,
            line,
            label,
            label,
            f"impossible month; {POSSIBLE}; its column holds {count} "
            "cell(s): leave a month still to come blank",
        )
        for (line, label), count in sorted(filled.items())
    ]


def _header(file: str, line: int, cells: list[str], sheet: Sheet) -> _Header | None:
    lowered = [cell.lower() for cell in cells]
    if "target" not in lowered or len(cells) < 2:
        sheet.problems.append(
            Problem(
                file, line, "ID", " | ".join(cells)[:80], f"header has no Target column; {HEADER_EXPECTED}"
            )
        )
        return None
    at = lowered.index("target")
    tail = [*lowered[at + 1 : at + 3], "", ""][:2]
    problems = []
    if tail[0] not in ("sn av", "") or tail[1] not in ("direction of travel", ""):
        problems.append(
            Problem(
                file,
                line,
                "Target",
                " | ".join(cells[at : at + 3]),
                f"unexpected columns after Target; {HEADER_EXPECTED}",
            )
        )
    months: list[tuple[str, str]] = []
    for label in cells[2:at]:
        header = period_header(label)  # a quarterly pack's export-wide heads its columns Q1 2024/25
        quarter = header[0] if header and header[1] == Frequency.QUARTERLY else None
        period = month_period(label) or quarter
        if quarter:
            sheet.frequency = Frequency.QUARTERLY.value
        if period is None:
            problems.append(
                Problem(
                    file, line, label or "(blank)", label, "not a month; expected a month header like Apr-24"
                )
            )
        elif period < FIRST_PERIOD:  # a month still to come is fine while its column is blank
            problems.append(Problem(file, line, label, label, f"impossible month; {POSSIBLE}"))
        elif any(period <= seen for seen, _ in months):
            problems.append(
                Problem(
                    file,
                    line,
                    label,
                    label,
                    "month repeated or out of order; expected months in ascending order, each once",
                )
            )
        else:
            months.append((period, label))
    if not months and not problems:
        problems.append(Problem(file, line, "Target", "", f"header has no month columns; {HEADER_EXPECTED}"))
    sheet.problems.extend(problems)
    if problems:
        return None
    sheet.periods = sorted({*sheet.periods, *(period for period, _ in months)})
    title, _, scope = cells[1].partition(" - ")
    return _Header(title.strip(), scope.strip(), line, tuple(months))


def _row(
    file: str, line: int, cells: list[str], header: _Header | None, problems: list[Problem]
) -> Row | None:
    if header is None:
        return None  # the broken header above is already reported
    if len(cells) < 2 or not cells[1]:
        problems.append(
            Problem(file, line, "title", "", "indicator has no title; expected its title after the ID")
        )
        return None
    width = len(header.months) + 3  # months, Target, SN av, Direction of travel
    body = cells[2:]
    note = ""
    if body and _is_free_text(body[0]) and len(body) > width:  # the note shifted the row right
        note, body = body[0], body[1:]
    body = _aligned(body, width)
    for extra in body[: max(0, len(body) - width)]:
        if _is_free_text(extra) and not note:
            note = extra
        elif extra:
            problems.append(
                Problem(
                    file,
                    line,
                    "(before the first month)",
                    extra,
                    f"row has more cells than its "
                    f"header ({len(body)} after the title, expected {width}); the cell would be "
                    f"lost - remove it or move it under its month",
                )
            )
    body = body[-width:] if len(body) > width else body + [""] * (width - len(body))
    months = tuple(
        PeriodCell(period, label, body[i], Where(file, line, label))
        for i, (period, label) in enumerate(header.months)
    )
    target, sn_average, arrow = body[-3:]
    fields = {
        "target": Field(target, Where(file, line, "Target")),
        "sn_average": Field(sn_average, Where(file, line, "SN av")),
        "published_direction": Field(arrow, Where(file, line, "Direction of travel")),
    }
    return Row(
        cells[0],
        cells[1],
        header.section,
        Where(file, line, "ID"),
        header.line,
        months,
        fields,
        note,
        header.scope,
    )


def _aligned(body: list[str], width: int) -> list[str]:
    """Trailing empty cells trimmed, or, where only that reads, a stray leading empty cell dropped."""
    trimmed = _trim(body, width)
    if len(trimmed) == len(body) or body[0] or _right_reads(trimmed[-3:]):
        return trimmed
    alternative = _trim(body[1:], width)
    return alternative if _right_reads(alternative[-3:]) else trimmed


def _right_reads(cells: list[str]) -> bool:
    """Whether Target, SN av and Direction of travel hold what those columns can hold."""
    if len(cells) < 3:
        return False
    target, sn_average, arrow = cells
    try:
        parse_target(target)
        parse_cell(sn_average)
    except (TargetError, CellError):
        return False
    return not arrow or arrow in ARROW_SPELLINGS or lost_arrow(arrow)


def _trim(body: list[str], width: int) -> list[str]:
    """Drop trailing empty cells beyond the expected width (exports pad rows unevenly)."""
    end = len(body)
    while end > width and not body[end - 1]:
        end -= 1
    return body[:end]


def _is_free_text(text: str) -> bool:
    """A note such as 'previous academic year': words, and not a value or status a month could hold."""
    if not _WORDS.search(text):
        return False
    try:
        parse_cell(text)
    except CellError:
        return True
    return False
