"""Merging imported sheets (``normalised.Sheet``, from any layout) into the data already there,
recording every change for the report.

A new indicator's catalogue entry comes from the file's columns, and first guesses where the file has
none (``new_indicator``). An existing one keeps the analyst's judgements (unit, polarity, basis,
decimals, notes, series break, frequency) unless the file has a column that states them, and follows
the file in what it publishes (title, section, target, tolerance, bands, benchmarks, last year's
outturn, lead) where the file has that column; each change is reported.

How a published arrow or rating is read is ``marks``; how a row's period cells are read,
checked, filed under their month and compared with the figure held is ``period_values``. What the
merge made, changed and found wrong is its ``MergeResult``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import PurePath

from scorecard.cells import ARROWS, CellError, lost_arrow, parse_cell
from scorecard.cells import EXPECTED as CELL_EXPECTED
from scorecard.data import ID, FiledAction, Revision, cell_text, filed_actions, filed_commentary, row_rules
from scorecard.data.importer import new_indicator as infer
from scorecard.data.importer.columns import year_label
from scorecard.data.importer.marks import (
    ACCOUNT_WITHOUT_FIGURES,
    NO_RATING,
    account,
    published_arrow,
    published_rating,
)
from scorecard.data.importer.merged import MergeResult
from scorecard.data.importer.normalised import Field, Row, Sheet, Where
from scorecard.data.importer.period_values import (
    PeriodValue,
    Record,
    landing_period,
    meaning,
    period_values,
    read_cells,
    same_figure,
)
from scorecard.model import Settings
from scorecard.problems import Problem
from scorecard.targets import BAND_EXPECTED, TargetError, band_intervals, parse_target, parse_tolerance
from scorecard.targets import EXPECTED as TARGET_EXPECTED

BANDS = ("green", "amber", "red")
FIGURES = ("sn_average", "england", "region", "top_quartile", "previous_year")  # each with its year
# Fields an existing indicator takes from a file that has their column (its published facts).
FOLLOWED = ("title", "target", "tolerance", *BANDS, *FIGURES, "lead")
YEARS = {
    "sn_average": "sn_average_year",
    "england": "england_year",
    "region": "region_year",
    "top_quartile": "top_quartile_year",
    "previous_year": "previous_year_period",
}
# Each published field read as ``check`` reads it: (field, reader, what the problem expects; "" for
# the reader's own words).
READABLE: tuple[tuple[str, Callable[[str], object], str], ...] = (
    ("target", parse_target, TARGET_EXPECTED),
    ("tolerance", parse_tolerance, ""),
    *((colour, band_intervals, BAND_EXPECTED) for colour in BANDS),
    *((name, parse_cell, CELL_EXPECTED) for name in FIGURES),
)
ID_FORM = re.compile(ID)
# A published arrow or rating, until it is filed: its field, its value as a problem names it, and its
# columns in published_direction.csv (arrow, direction) or published_rating.csv (published, rating).
Mark = tuple[Field, str, Record]


class Merge:
    """Merges sheets, one at a time, into the data already there; ``result`` is the outcome so far."""

    def __init__(
        self,
        settings: Settings,
        catalogue: list[Record],
        values: list[Record],
        directions: list[Record],
        ratings: list[Record] | None = None,
        section: str = "",
        commentary: list[Record] | None = None,
        actions: list[Record] | None = None,
    ) -> None:
        self.settings = settings
        held = {(record["id"], record["period"]): dict(record) for record in values}
        self.result = MergeResult(
            settings,
            {record["id"]: dict(record) for record in catalogue},
            held,
            {(record["id"], record["period"]): dict(record) for record in directions},
            {(record["id"], record["period"]): dict(record) for record in ratings or []},
            {period for _, period in held},
            commentary=[dict(record) for record in commentary or []],
            actions=[dict(record) for record in actions or []],
        )
        # A file names a section by its title, or by its key: the title first, so that a section
        # titled "Front-door" is never taken for another one whose key is front-door.
        self.sections = {section.key: section.key for section in settings.sections}
        self.sections |= {section.title.lower(): section.key for section in settings.sections}
        self.default_section = self._default_section(section)
        self.titles = [section.title for section in settings.sections]
        self.unknown_sections: set[tuple[str, int | str]] = set()
        self.pack_before = self.result.pack_period()  # the month of the pack before this import
        # The sheet being merged: its arrows and ratings, filed once all its rows are read, the
        # (id, period) of every cell it publishes, its commentary (id -> cell and text), its actions
        # with their cells, and the ids of its rows under an action column.
        self.arrows: dict[str, Mark] = {}
        self.ratings: dict[str, Mark] = {}
        self.file_cells: list[tuple[str, str]] = []
        self.said: dict[str, tuple[Field, str]] = {}
        self.doing: list[tuple[Field, FiledAction]] = []
        self.action_rows: list[str] = []

    def _default_section(self, section: str) -> str:
        """The section of rows whose file names none: ``--section``, or the pack's only section."""
        if section:
            return section
        return self.settings.sections[0].key if len(self.settings.sections) == 1 else ""

    # --- one sheet ------------------------------------------------------------------------------

    def add(self, sheet: Sheet) -> None:
        """Merge one sheet; its problems join the result's."""
        self.result.sheets.append(sheet)
        self.arrows, self.ratings, self.file_cells = {}, {}, []
        self.said, self.doing, self.action_rows = {}, [], []
        self.result.blank_rows += sheet.blank_cells
        seen: dict[str, int | str] = {}
        for row in sheet.rows:
            if row.id in seen:
                self._problem(
                    row.where, row.id, f"duplicate id (also on line {seen[row.id]}); expected each id once"
                )
                continue
            seen[row.id] = row.where.line
            self._row(row, sheet)
        self._file_published(sheet)

    def _problem(self, where: Where, value: str, message: str) -> None:
        self.result.problems.append(Problem(where.file, where.line, where.column, value, message))

    def _section(self, row: Row) -> str | None:
        title = row.section or self.default_section
        key = self.sections.get(title.lower()) if title else None
        if key is not None:
            return key
        marker = (row.where.file, row.header_line if row.section else row.where.line)
        if marker in self.unknown_sections:  # one problem per header, not per row
            return None
        self.unknown_sections.add(marker)
        if not title:
            message = (
                "no section for this indicator: the file has no section column and no section header "
                "rows; expected --section NAME (a section title from settings.yaml: "
                f"{'; '.join(self.titles)})"
            )
            self._problem(row.where, row.id, message)
        else:
            where = Where(row.where.file, row.header_line, "section") if row.section else row.where
            known = "; ".join(self.titles)
            self._problem(where, title, f"unknown section; expected a title from settings.yaml: {known}")
        return None

    def _row(self, row: Row, sheet: Sheet) -> None:
        if not ID_FORM.fullmatch(row.id):
            message = "not an indicator id; expected letters and digits such as 5, 8a or CIN-01 (no spaces)"
            self._problem(row.where, row.id, message)
            return
        section = self._section(row)
        if section is None:
            return
        if "action_owner" in row.fields and "lead" not in row.fields:  # the responsible officer leads it
            row = replace(row, fields={**row.fields, "lead": row.fields["action_owner"]})
        stated = infer.stated(row.fields, self._problem)
        self._check_fields(row)
        existing = self.result.catalogue.get(row.id)
        parsed = read_cells(row, self._problem)
        numbers = [published for published, _ in parsed.values() if published is not None]
        if existing is None:
            computed = any(published is None for published, _ in parsed.values())
            judged = infer.judgements(row, numbers, computed, sheet.frequency, stated)
        else:
            judged = {name: stated.get(name) or existing[name] for name in ("frequency", "unit", "decimals")}
        frequency, unit = judged["frequency"], judged["unit"]
        cells, computed_from, moved = period_values(
            row, parsed, frequency, unit, existing is not None, self._problem
        )
        self.result.computed += computed_from
        self.result.moved += moved
        self.file_cells += [(row.id, period) for period in cells]
        record = self._catalogue(row, section, existing, stated, judged)
        for column, value, message in row_rules(record):  # at the cell the analyst can correct
            where = row.fields[column].where if column in row.fields else row.where
            self._problem(where, value, f"ID {row.id}: {message}")
        for period, figure in cells.items():
            self._value(row.id, period, figure)
        for cell in row.cells:
            old = self.result.values.get((row.id, cell.period))
            if (
                not cell.text
                and not cell.denominator
                and old is not None
                and landing_period(cell, frequency) not in cells
            ):
                self.result.kept.append(
                    f"ID {row.id} {cell.period}: kept '{old['raw'] or old['value']}' "
                    f"({cell.label} blank in file)"
                )
        self._arrow(row, record)
        self._rating(row)
        self._account(row, record)

    def _check_fields(self, row: Row) -> None:
        """Each published field readable: target, tolerance, bands and figures."""
        for name, read, expected in READABLE:
            if (field := row.fields.get(name)) is None:
                continue
            try:
                read(field.text)
            except (TargetError, CellError) as error:
                what = f"{name} band" if name in BANDS else field.where.column
                message = f"unreadable {what}; {expected}" if expected else str(error).split("; ", 1)[-1]
                self._problem(field.where, field.text, message)

    # --- cells ----------------------------------------------------------------------------------

    def _value(self, indicator: str, period: str, cell: PeriodValue) -> None:
        result, record = self.result, cell.record(indicator, period)
        old = result.values.get((indicator, period))
        if old is not None and same_figure(old, cell):
            return  # the figure held, published again without its numerator and denominator
        about = result.catalogue[indicator]
        unit, decimals = about["unit"], int(about["decimals"] or 0)
        new = cell_text(record, unit, decimals)
        file = PurePath(result.sheets[-1].file).name  # the file this figure came from, for the log
        if old is None:
            result.added.append(f"{indicator} {period}")
            if self.pack_before is not None and period < self.pack_before:  # a period a pack has shown
                result.revisions.append(Revision(indicator, period, "", new, file))
        elif meaning(old) != meaning(record):
            shown = cell.raw or record["value"] or record["status"]
            result.changed.append(
                f"ID {indicator} {period}: {old['raw'] or old['value'] or old['status']} -> {shown}"
            )
            result.revisions.append(Revision(indicator, period, cell_text(old, unit, decimals), new, file))
        result.values[(indicator, period)] = record

    # --- catalogue ------------------------------------------------------------------------------

    def _catalogue(
        self,
        row: Row,
        section: str,
        existing: Record | None,
        stated: dict[str, str],
        judged: dict[str, str],
    ) -> Record:
        fields = row.fields
        published = f"Published note: {row.note}" if row.note else ""
        texts = {name: field.text.strip() for name, field in fields.items() if name in FOLLOWED}
        years = {YEARS[name]: self._year(fields[name], name) for name in YEARS if name in fields}
        for column in YEARS.values():  # a year in a column of its own comes first
            if column in fields and (text := fields[column].text.strip()):
                years[column] = year_label(text) or text  # validation names a text that is no year
        if existing is None:
            record = {
                "id": row.id,
                "section": section,
                "title": row.title,
                **{name: texts.get(name, "") for name in FOLLOWED if name != "title"},
                **{column: "" for column in YEARS.values()},
                **years,
                **judged,
                "series_break": "",
                "notes": published,
            }
            self.result.catalogue[row.id] = record
            self.result.new_ids.append(row.id)
            if published:
                self.result.notes.append(f"ID {row.id}: {published}")
            return record
        changes = {"section": section, "title": row.title, **texts, **years, **stated}
        for column, new in changes.items():
            if existing.get(column, "") != new:
                self.result.catalogue_changes.append(
                    f"ID {row.id} {column}: '{existing.get(column, '')}' -> '{new}'"
                )
                existing[column] = new
        if published and published not in existing["notes"]:
            existing["notes"] = "; ".join(filter(None, (existing["notes"], published)))
            self.result.notes.append(f"ID {row.id}: {published}")
        return existing

    def _year(self, field: Field, name: str) -> str:
        """A figure's year: its header's, or for a "Last year" column the year before the file's latest."""
        if field.year:
            return year_label(field.year)
        sheet = self.result.sheets[-1]
        if name == "previous_year" and sheet.periods:
            latest = sheet.periods[-1]
            start = int(latest[:4]) - (0 if int(latest[5:]) >= 4 else 1)  # the financial year it is in
            return f"{start - 1}/{start % 100:02d}"
        return ""

    # --- commentary and actions ----------------------------------------------------------------

    def _account(self, row: Row, record: Record) -> None:
        """The row's commentary and action (``marks.account``), filed with the arrows under the file's
        own period."""
        said, action = account(row, record["lead"], self._problem)
        if said is not None:
            self.said[row.id] = said
        if "action" in row.fields:
            self.action_rows.append(row.id)
        if action is not None:
            self.doing.append(action)

    def _file_accounts(self, month: str | None, sheet: Sheet) -> None:
        """The file's commentary and actions, kept for its own period."""
        if not (self.said or self.action_rows):
            return
        if month is None:
            for cell, _ in [*self.said.values(), *self.doing]:
                self._problem(cell.where, cell.text, ACCOUNT_WITHOUT_FIGURES)
            return
        result, source = self.result, PurePath(sheet.file).name
        said = {ident: text for ident, (_, text) in self.said.items()}
        result.commentary, lines = filed_commentary(result.commentary, said, month, source)
        result.accounts += [f"{source}: {line}" if n == 0 else line for n, line in enumerate(lines)]
        if self.action_rows:
            result.actions, lines = filed_actions(
                result.actions, [a for _, a in self.doing], month, self.action_rows
            )
            result.accounts += lines

    # --- arrows and ratings ---------------------------------------------------------------------

    def _arrow(self, row: Row, record: Record) -> None:
        field = row.fields.get("published_direction")
        if field is None or not (text := field.text.strip()):
            return
        if lost_arrow(text):
            self.result.lost_arrows.append(row.id)
            return
        arrow, wrong = published_arrow(text, record["polarity"])
        if wrong:
            self._problem(field.where, text, wrong)
            return
        self.arrows[row.id] = (field, arrow, {"arrow": arrow, "direction": ARROWS[arrow]})

    def _rating(self, row: Row) -> None:
        field = row.fields.get("published_rating")
        if field is None or (text := field.text.strip()).lower() in NO_RATING:
            return
        rating = published_rating(text)
        if rating is None:
            message = "unknown RAG rating; expected Green, Amber, Red (or G, A, R), or blank"
            self._problem(field.where, text, message)
            return
        self.ratings[row.id] = (field, text, {"published": text, "rating": rating})

    def _file_published(self, sheet: Sheet) -> None:
        """The arrows and ratings are the file's own period's: the latest period of its figures of the
        pack's frequency (the file's pack period). A template's header may run to March while the
        figures end in August, and Q2 audit figures under Aug-24 are filed on September: neither
        moves the arrows."""
        month = self.result.pack_period(self.file_cells)
        self._file_accounts(month, sheet)
        for kind, found, table in (
            ("arrow", self.arrows, self.result.directions),
            ("rating", self.ratings, self.result.ratings),
        ):
            for ident, (cell, shown, record) in found.items():
                if month is None:
                    message = (
                        f"{kind} but the file has no figures for it to compare; expected the period's "
                        f"figures beside its {kind}s"
                    )
                    self._problem(cell.where, shown, message)
                else:
                    table[(ident, month)] = {"id": ident, "period": month, **record}
