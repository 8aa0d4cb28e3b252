"""``data/commentary.csv`` and ``data/actions.csv``: what the council says about each indicator, and
what it is doing about it, kept from month to month.

- ``commentary.csv`` (``id, period, text, source``): commentary that came with a council's own file
  (a Comments or Narrative column), kept for the period the file reports. ``source`` is the file's
  name. Commentary written inline in a section file (``::: {.commentary indicator="3"}``) is not kept
  here: it lives in the section file, and takes precedence for its month.
- ``actions.csv`` (``id, action, owner, raised, due, status, update, closed``): the action log. ``id`` is
  one or more indicator IDs separated by spaces (``19a 19b``); ``raised``, ``due`` and ``closed`` are
  months ``YYYY-MM`` (``due`` may be blank: no date agreed; ``closed`` is optional, the month an action
  was marked done or dropped); ``status`` is ``open``, ``done`` or ``dropped``. An action is overdue when
  it is open and its due month is before the pack's month.

Both files are optional (a pack has neither until commentary is imported or an action is added). They
are checked like every data file, one problem per bad cell, and written only through the folder's one
all-or-nothing commit (``python -m scorecard import``, ``actions add``, ``actions close``).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

import pandas as pd
import pandera.pandas as pa

from scorecard.data.validate import ID_CHECK, PERIOD_CHECK, schema_problems, text_problems
from scorecard.model import ScorecardData
from scorecard.periods import PERIOD
from scorecard.problems import DataError, Problem

if TYPE_CHECKING:  # only for annotations
    from scorecard.data.files import Transaction

COMMENTARY = "commentary.csv"
ACTIONS = "actions.csv"
COMMENTARY_COLUMNS = ("id", "period", "text", "source")
ACTION_COLUMNS = ("id", "action", "owner", "raised", "due", "status", "update", "closed")
OPTIONAL_ACTION_COLUMNS = ("closed",)  # a hand-kept log may leave it out
Record = dict[str, str]


class ActionStatus(StrEnum):
    OPEN = "open"
    DONE = "done"
    DROPPED = "dropped"


_STATUSES = ", ".join(status.value for status in ActionStatus)
_MONTH = "expected a month YYYY-MM such as 2025-06"
MONTH = re.compile(PERIOD)  # the one period grammar: ASCII digits


def _text(*checks: pa.Check) -> pa.Column:
    return pa.Column(str, list(checks), nullable=False)


def _filled(what: str, expected: str) -> pa.Check:
    return pa.Check(lambda s: s.str.strip() != "", error=f"empty {what}; expected {expected}")


def _month(blank: bool) -> pa.Check:
    pattern = f"({MONTH.pattern})?" if blank else MONTH.pattern
    return pa.Check(lambda s: s.str.fullmatch(pattern), error=f"not a month; {_MONTH}{', or blank' * blank}")


COMMENTARY_SCHEMA = pa.DataFrameSchema(
    {
        "id": _text(ID_CHECK),
        "period": _text(PERIOD_CHECK),
        "text": _text(_filled("commentary", "its text (or no row)")),
        "source": _text(),
    },
    strict=True,
)
ACTION_SCHEMA = pa.DataFrameSchema(
    {
        "id": _text(_filled("indicator ID", "one or more IDs, such as 19b or 19a 19b")),
        "action": _text(_filled("action", "what will be done")),
        "owner": _text(_filled("owner", "who is accountable for the action")),
        "raised": _text(_month(blank=False)),
        "due": _text(_month(blank=True)),
        "status": _text(
            pa.Check(
                lambda s: s.isin(list(ActionStatus)), error=f"unknown status; expected one of {_STATUSES}"
            )
        ),
        "update": _text(),
        "closed": _text(_month(blank=True)),
    },
    strict=True,
)


def commentary_problems(frame: pd.DataFrame, ids: Iterable[str], file: str) -> list[Problem]:
    """Every problem of ``commentary.csv`` read as an all-text frame (``load.parse_csv``)."""
    problems = _checked(COMMENTARY_SCHEMA, frame, file)
    if "id" in frame.columns:
        problems += _unknown(frame, set(ids), file, lambda cell: [cell])
    return problems


def action_problems(frame: pd.DataFrame, ids: Iterable[str], file: str) -> list[Problem]:
    """Every problem of ``actions.csv`` read as an all-text frame: the schema, each ID the catalogue
    has, and a due or closed month no earlier than the month the action was raised."""
    problems = _checked(ACTION_SCHEMA, frame, file)
    if "id" in frame.columns:
        problems += _unknown(frame, set(ids), file, str.split)
    if {"raised", "due", "closed", "status"} <= set(frame.columns):
        problems += _order_problems(frame, file)
    return problems


def _checked(schema: pa.DataFrameSchema, frame: pd.DataFrame, file: str) -> list[Problem]:
    texts = text_problems(frame, file)
    shown = {(p.row, p.column) for p in texts}  # a cell with a bad character: said once
    return texts + [p for p in schema_problems(schema, frame, file) if (p.row, p.column) not in shown]


def _unknown(frame: pd.DataFrame, known: set[str], file: str, split: object) -> list[Problem]:
    problems = []
    for row, cell in zip(frame.index, frame["id"], strict=True):
        for ident in split(cell):  # type: ignore[operator]
            if ident and ident not in known:
                message = "indicator not in catalogue.csv; expected an id the catalogue has"
                problems.append(Problem(file, row, "id", ident, message))
    return problems


def _order_problems(frame: pd.DataFrame, file: str) -> list[Problem]:
    """A due or closed month before the raised one; a closed month on an open action."""
    problems = []
    columns = (frame[c] for c in ("raised", "due", "closed", "status"))
    for row, raised, due, closed, status in zip(frame.index, *columns, strict=True):
        for column, month in (("due", due), ("closed", closed)):
            if MONTH.fullmatch(raised) and MONTH.fullmatch(month) and month < raised:
                message = (
                    f"{column} month before the action was raised ({raised}); expected {raised} or later"
                )
                problems.append(Problem(file, row, column, month, message))
        if closed and status == ActionStatus.OPEN:
            message = "a closed month on an open action; expected status done or dropped, or no closed month"
            problems.append(Problem(file, row, "closed", closed, message))
    return problems


# --- the action log, read ------------------------------------------------------------------------


@dataclass(frozen=True)
class Action:
    """One action of the log: ``row`` is its line in actions.csv (``actions close ROW``)."""

    row: int
    ids: tuple[str, ...]
    action: str
    owner: str
    raised: str
    due: str
    status: str
    update: str = ""
    closed: str = ""

    def overdue(self, period: str) -> bool:
        """Open, with a due month before ``period`` (the pack's month)."""
        return self.status == ActionStatus.OPEN and bool(self.due) and self.due < period


def actions_of(frame: pd.DataFrame | None) -> list[Action]:
    """The checked log's actions, in file order."""
    if frame is None or len(frame) == 0:
        return []
    records = frame.reindex(columns=list(ACTION_COLUMNS), fill_value="").fillna("")
    return [
        Action(int(row), tuple(r["id"].split()), *(r[c] for c in ACTION_COLUMNS[1:]))
        for row, r in zip(frame.index, records.to_dict("records"), strict=True)
    ]


def open_actions(actions: Iterable[Action], period: str) -> list[Action]:
    """The open actions, overdue first, then by due month (none last), then as logged."""
    found = [a for a in actions if a.status == ActionStatus.OPEN]
    return sorted(found, key=lambda a: (not a.overdue(period), a.due or "9999-99", a.row))


# --- the action log, written ---------------------------------------------------------------------


def log_text(records: Iterable[Mapping[str, str]], columns: tuple[str, ...] = ACTION_COLUMNS) -> str:
    """Records as CSV text with exactly ``columns``, as the data files are written."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    writer.writerows({column: record.get(column, "") for column in columns} for record in records)
    return out.getvalue()


def _records(frame: pd.DataFrame | None, columns: tuple[str, ...]) -> list[Record]:
    if frame is None or len(frame) == 0:
        return []
    return frame.reindex(columns=list(columns), fill_value="").fillna("").to_dict("records")  # type: ignore[return-value]


def with_action(frame: pd.DataFrame | None, action: Record) -> str:
    """The log's text with ``action`` (its columns as ACTION_COLUMNS names them) added at the end."""
    return log_text([*_records(frame, ACTION_COLUMNS), action])


def closing(frame: pd.DataFrame, row: int, status: str, update: str, month: str) -> tuple[str, Record]:
    """The log's text with the action on line ``row`` marked ``status`` (done or dropped) in ``month``,
    its update replaced where one is given; and that action's record."""
    records = _records(frame, ACTION_COLUMNS)
    record = records[list(frame.index).index(row)]
    record.update(status=status, closed=month, **({"update": update} if update else {}))
    return log_text(records), record


def _checked_row(record: Record, ids: Iterable[str], row: int) -> list[Problem]:
    """The problems of one action given on the command line, each named by its option."""
    frame = pd.DataFrame([record], index=[row], columns=list(ACTION_COLUMNS), dtype=str)
    found = action_problems(frame, ids, ACTIONS)
    return [Problem(f"--{p.column}", "-", f"--{p.column}", p.value, p.message) for p in found]


def add_action(
    transaction: Transaction,
    data: ScorecardData,
    ids: Iterable[str],
    action: str,
    owner: str,
    due: str,
    raised: str,
) -> Action:
    """Add an open action to the log: checked as the file is, written in the folder's one commit
    (``transaction``'s). ``DataError`` names each bad option; nothing is written then."""
    cells = (" ".join(ids), action.strip(), owner.strip(), raised, due, ActionStatus.OPEN.value, "", "")
    record = dict(zip(ACTION_COLUMNS, cells, strict=True))
    row = len(_records(data.actions, ACTION_COLUMNS)) + 2  # its line once written: after the others
    problems = _checked_row(record, data.catalogue["id"], row)
    if problems:
        raise DataError(problems)
    transaction.commit({ACTIONS: with_action(data.actions, record).encode("utf-8")})
    return actions_of(pd.DataFrame([record], index=[row]))[0]


def close_action(
    transaction: Transaction, data: ScorecardData, row: int, status: str, update: str, month: str
) -> Action:
    """Mark the action on line ``row`` done or dropped in ``month``, in the folder's one commit
    (``transaction``'s)."""
    log = data.actions if data.actions is not None else pd.DataFrame(columns=list(ACTION_COLUMNS))
    if row not in log.index:
        lines = f"lines {int(log.index.min())}-{int(log.index.max())}" if len(log) else "none yet"
        message = f"no action on this line of actions.csv ({lines}); expected a line `actions` lists"
        raise DataError([Problem("line", "-", "line", str(row), message)])
    if (status_now := str(log.at[row, "status"])) != ActionStatus.OPEN:
        message = f"the action is already {status_now}; expected an open action's line"
        raise DataError([Problem("line", "-", "line", str(row), message)])
    text, record = closing(log, row, status, update, month)
    problems = _checked_row(record, data.catalogue["id"], row)
    if problems:
        raise DataError(problems)
    transaction.commit({ACTIONS: text.encode("utf-8")})
    return actions_of(pd.DataFrame([record], index=[row]))[0]


# --- filing what a council's file says -----------------------------------------------------------


@dataclass(frozen=True)
class FiledAction:
    """An action a council's file gives for an indicator this period."""

    id: str
    action: str
    owner: str
    due: str  # YYYY-MM or ""


def filed_commentary(
    existing: list[Record], found: Mapping[str, str], period: str, source: str
) -> tuple[list[Record], list[str]]:
    """The commentary log with a file's commentary (id -> text) kept for ``period``: a row for the
    same indicator and period is replaced (the file imported again, or corrected). Report lines say
    what was kept."""
    kept = [r for r in existing if not (r["period"] == period and r["id"] in found)]
    replaced = len(existing) - len(kept)
    added = [{"id": i, "period": period, "text": text, "source": source} for i, text in found.items()]
    lines = [f"commentary kept for {period}: {len(added)}" + (f" (ID {', '.join(found)})" if found else "")]
    if replaced:
        lines.append(f"  replacing {replaced} kept from an earlier import of {period}")
    return kept + added, lines


def _same(left: str, right: str) -> bool:
    return " ".join(left.split()).casefold() == " ".join(right.split()).casefold()


def filed_actions(
    existing: list[Record], found: list[FiledAction], period: str, rows: Iterable[str] = ()
) -> tuple[list[Record], list[str]]:
    """The action log with a file's actions: an action the log already has for the indicator (the
    same words) keeps its line, and takes the file's owner and due month where they changed; any
    other is a new open action raised in ``period`` (or in its due month, if that is earlier). An
    open action of an indicator the file has a row for (``rows``), but that it no longer lists,
    stays open (the file cannot say it was done): the report names it, to close with ``actions
    close``."""
    records = [dict(r) for r in existing]
    added, changed = [], []
    for item in found:
        match = next(
            (r for r in records if item.id in r["id"].split() and _same(r["action"], item.action)), None
        )
        if match is None:
            # First seen in ``period``; one already due before it was raised no later than its due month.
            raised = min(period, item.due) if item.due else period
            cells = (item.id, item.action, item.owner, raised, item.due, ActionStatus.OPEN.value, "", "")
            records.append(dict(zip(ACTION_COLUMNS, cells, strict=True)))
            added.append(item.id)
            if raised != period:
                changed.append(f"ID {item.id} action raised {raised}: already due when the file gave it")
            continue
        for column, new in (("owner", item.owner), ("due", item.due)):
            if new and match[column] != new:
                changed.append(f"ID {item.id} action {column}: '{match[column]}' -> '{new}'")
                match[column] = new
    listed = {(item.id, " ".join(item.action.split()).casefold()) for item in found}
    read = set(rows) | {item.id for item in found}
    stale = [
        r
        for r in records
        if r["status"] == ActionStatus.OPEN
        and any(i in read for i in r["id"].split())
        and not any((i, " ".join(r["action"].split()).casefold()) in listed for i in r["id"].split())
    ]
    lines = [f"actions added: {len(added)}" + (f" (ID {', '.join(added)})" if added else "")]
    lines += [f"  {line}" for line in changed]
    if stale:
        lines.append(
            "open actions the file no longer lists (still open; close each with python -m scorecard "
            "actions close LINE): " + ", ".join(f"ID {r['id']} ({r['action'][:40]})" for r in stale)
        )
    return records, lines
