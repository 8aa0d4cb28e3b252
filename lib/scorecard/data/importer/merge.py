"""Merging imported sheets (``normalised.Sheet``, from any layout) into the data already there,
recording every change for the report.

A new indicator's catalogue entry comes from the file's columns, and first guesses where the file has
none (``new_indicator``). An existing one keeps the analyst's judgements (unit, polarity, basis,
decimals, notes, series break, frequency) unless the file has a column that states them, and follows
the file in what it publishes (title, section, target, tolerance, bands, benchmarks, last year's
outturn, lead) where the file has that column; each change is reported.

How a published arrow or rating is read is ``marks``; how a row's period cells are read,
checked, filed under their month and compared with the figure held is ``period_values``. The names
callers import from here stay here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from pathlib import PurePath

from scorecard.cells import ARROWS, Cell, CellError, lost_arrow, parse_cell
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
from scorecard.data.importer.normalised import Field, Row, Sheet, Where
from scorecard.data.importer.period_values import (
    PeriodValue,
    Record,
    landing_period,
    meaning,
    number_text,
    period_values,
    read_cells,
    same_figure,
)
from scorecard.model import Settings, pack_month
from scorecard.periods import period_word
from scorecard.problems import Problem
from scorecard.targets import BAND_EXPECTED, TargetError, band_intervals, parse_target, parse_tolerance
from scorecard.targets import EXPECTED as TARGET_EXPECTED

# Fields an existing indicator takes from a file that has their column (its published facts).
FOLLOWED = (
    "title",
    "target",
    "tolerance",
    "green",
    "amber",
    "red",
    "sn_average",
    "england",
    "region",
    "top_quartile",
    "previous_year",
    "lead",
)
# Judgements the catalogue keeps unless the file has a column that states them.
STATED = ("polarity", "frequency", "unit", "decimals")
YEARS = {
    "sn_average": "sn_average_year",
    "england": "england_year",
    "region": "region_year",
    "top_quartile": "top_quartile_year",
    "previous_year": "previous_year_period",
}
FIGURES = ("sn_average", "england", "region", "top_quartile", "previous_year")
ID_FORM = re.compile(ID)


class Merge:
    """The merged catalogue, values, arrows and ratings, with what changed and what went wrong."""

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
        self.problems: list[Problem] = []
        self.sheets: list[Sheet] = []
        # A file names a section by its title, or by its key: the title first, so that a section
        # titled "Front-door" is never taken for another one whose key is front-door.
        self.sections = {section.key: section.key for section in settings.sections}
        self.sections |= {section.title.lower(): section.key for section in settings.sections}
        self.default_section = self._default_section(section)
        self.order = [section.key for section in settings.sections]
        self.titles = [section.title for section in settings.sections]
        self.unknown_sections: set[tuple[str, int | str]] = set()
        self.catalogue = {record["id"]: dict(record) for record in catalogue}
        self.values = {(record["id"], record["period"]): dict(record) for record in values}
        self.directions = {(record["id"], record["period"]): dict(record) for record in directions}
        self.ratings = {(record["id"], record["period"]): dict(record) for record in ratings or []}
        self.added: list[str] = []
        self.changed: list[str] = []
        self.kept: list[str] = []
        self.new_ids: list[str] = []
        self.notes: list[str] = []
        self.catalogue_changes: list[str] = []
        self.moved: list[str] = []
        self.computed: list[str] = []
        self.lost_arrows: list[str] = []
        self.blank_rows = 0
        self.periods_before = {period for _, period in self.values}
        self.pack_before = self._pack(self.values.keys())  # the month of the pack before this import
        self.revisions: list[Revision] = []  # every changed cell, and late figures for earlier packs
        self.commentary = [dict(record) for record in commentary or []]  # data/commentary.csv
        self.actions = [dict(record) for record in actions or []]  # data/actions.csv
        self.accounts: list[str] = []  # the report's lines on the commentary and actions filed

    def _default_section(self, section: str) -> str:
        """The section of rows whose file names none: ``--section``, or the pack's only section."""
        if section:
            return section
        return self.settings.sections[0].key if len(self.settings.sections) == 1 else ""

    # --- one sheet ------------------------------------------------------------------------------

    def add(self, sheet: Sheet) -> None:
        """Merge one sheet; its problems join ``problems``."""
        self.sheets.append(sheet)
        self.arrows: dict[str, tuple[Row, str]] = {}  # id -> (row, arrow), filed once all rows are read
        self.published: dict[str, tuple[Row, str, str]] = {}  # id -> (row, published, rating)
        self.file_cells: list[tuple[str, str]] = []  # (id, period) of every cell the file publishes
        self.said: dict[str, tuple[Field, str]] = {}  # id -> its commentary cell and text
        self.doing: list[tuple[Field, FiledAction]] = []  # the file's actions, with their cells
        self.action_rows: list[str] = []  # the ids of rows under an action column
        self.blank_rows += sheet.blank_cells
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
        self.problems.append(Problem(where.file, where.line, where.column, value, message))

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
        fields = row.fields
        stated = self._stated(row)
        self._check_fields(row)
        existing = self.catalogue.get(row.id)
        frequency = stated.get("frequency") or (
            existing["frequency"]
            if existing
            else infer.frequency(row.title, row.note, [c.period for c in row.cells], sheet.frequency)
        )
        parsed = read_cells(row, self._problem)
        unit = stated.get("unit") or (
            existing["unit"]
            if existing
            else infer.unit(
                row.title,
                [cell for cell, _ in parsed.values() if cell is not None],
                fields.get("target", Field("", row.where)).text,
                any(cell.denominator for cell in row.cells),
            )
        )
        known = existing is not None
        cells, computed, moved = period_values(row, parsed, frequency, unit, known, self._problem)
        self.computed += computed
        self.moved += moved
        self.file_cells += [(row.id, period) for period in cells]
        numbers = [published for published, _ in parsed.values() if published is not None]
        decimals = stated.get("decimals") or (
            existing["decimals"]
            if existing
            else self._decimals(
                numbers, fields, unit, any(published is None for published, _ in parsed.values())
            )
        )
        record = self._catalogue(row, section, existing, stated, frequency, unit, decimals)
        for column, value, message in row_rules(record):  # at the cell the analyst can correct
            where = row.fields[column].where if column in row.fields else row.where
            self._problem(where, value, f"ID {row.id}: {message}")
        for period, figure in cells.items():
            self._value(row.id, period, figure)
        for cell in row.cells:
            old = self.values.get((row.id, cell.period))
            if (
                not cell.text
                and not cell.denominator
                and old is not None
                and landing_period(cell, frequency) not in cells
            ):
                self.kept.append(
                    f"ID {row.id} {cell.period}: kept '{old['raw'] or old['value']}' "
                    f"({cell.label} blank in file)"
                )
        self._arrow(row, record)
        self._rating(row)
        self._account(row, record)

    @staticmethod
    def _decimals(numbers: list[Cell], fields: dict[str, Field], unit: str, computed: bool) -> str:
        """A new indicator's published decimals: its numbers', else its target's; a percentage
        computed from numerators alone is shown to one decimal."""
        if computed and unit == "percent" and not any(cell.value is not None for cell in numbers):
            return "1"
        return str(infer.decimals(numbers, fields.get("target", _BLANK).text))

    def _stated(self, row: Row) -> dict[str, str]:
        """Polarity, frequency, unit and decimals as the file's own columns state them."""
        stated = {}
        for name, words in (
            ("polarity", infer.POLARITY_WORDS),
            ("frequency", infer.FREQUENCY_WORDS),
            ("unit", infer.UNIT_WORDS),
        ):
            field = row.fields.get(name)
            if field is None or not field.text.strip():
                continue
            value = infer.word(field.text, words)
            if value is None:
                self._problem(
                    field.where, field.text, f"unknown {name}; expected {infer.expected_words(words)}"
                )
            else:
                stated[name] = value
        field = row.fields.get("decimals")
        if field is not None and field.text.strip():
            if re.fullmatch(r"[0-6]", field.text.strip()):
                stated["decimals"] = field.text.strip()
            else:
                self._problem(
                    field.where, field.text, "not a number of decimals; expected a whole number 0 to 6"
                )
        return stated

    def _check_fields(self, row: Row) -> None:
        """Each published field readable: target, tolerance, bands and figures."""
        fields = row.fields
        if "target" in fields:
            try:
                parse_target(fields["target"].text)
            except TargetError:
                where = fields["target"].where
                self._problem(where, fields["target"].text, f"unreadable {where.column}; {TARGET_EXPECTED}")
        if "tolerance" in fields:
            try:
                parse_tolerance(fields["tolerance"].text)
            except TargetError as error:
                self._problem(
                    fields["tolerance"].where, fields["tolerance"].text, str(error).split("; ", 1)[-1]
                )
        for colour in ("green", "amber", "red"):
            if colour in fields:
                try:
                    band_intervals(fields[colour].text)
                except TargetError:
                    self._problem(
                        fields[colour].where,
                        fields[colour].text,
                        f"unreadable {colour} band; {BAND_EXPECTED}",
                    )
        for name in FIGURES:
            if name in fields:
                try:
                    parse_cell(fields[name].text)
                except CellError:
                    column = fields[name].where.column
                    self._problem(
                        fields[name].where, fields[name].text, f"unreadable {column}; {CELL_EXPECTED}"
                    )

    # --- cells ----------------------------------------------------------------------------------

    def _value(self, indicator: str, period: str, cell: PeriodValue) -> None:
        record = {
            "id": indicator,
            "period": period,
            "value": "" if cell.value is None else number_text(cell.value),
            "status": str(cell.status),
            "count": "" if cell.count is None else str(cell.count),
            "raw": cell.raw,
            "numerator": cell.numerator,
            "denominator": cell.denominator,
        }
        old = self.values.get((indicator, period))
        if old is not None and same_figure(old, cell):
            return  # the figure held, published again without its numerator and denominator
        about = self.catalogue[indicator]
        unit, decimals = about["unit"], int(about["decimals"] or 0)
        new = cell_text(record, unit, decimals)
        file = PurePath(self.sheets[-1].file).name  # the file this figure came from, for the log
        if old is None:
            self.added.append(f"{indicator} {period}")
            if self.pack_before is not None and period < self.pack_before:  # a period a pack has shown
                self.revisions.append(Revision(indicator, period, "", new, file))
        elif meaning(old) != meaning(record):
            shown = cell.raw or record["value"] or record["status"]
            self.changed.append(
                f"ID {indicator} {period}: {old['raw'] or old['value'] or old['status']} -> {shown}"
            )
            self.revisions.append(Revision(indicator, period, cell_text(old, unit, decimals), new, file))
        self.values[(indicator, period)] = record

    # --- catalogue ------------------------------------------------------------------------------

    def _catalogue(
        self,
        row: Row,
        section: str,
        existing: Record | None,
        stated: dict[str, str],
        frequency: str,
        unit: str,
        decimals: str,
    ) -> Record:
        fields = row.fields
        published = f"Published note: {row.note}" if row.note else ""
        texts = {name: field.text.strip() for name, field in fields.items() if name in FOLLOWED}
        years = {YEARS[name]: self._year(fields[name], name) for name in YEARS if name in fields}
        for column in YEARS.values():  # a year in a column of its own comes first
            if column in fields and (text := fields[column].text.strip()):
                years[column] = year_label(text) or text  # validation names a text that is no year
        if existing is None:
            bands = {colour: texts.get(colour, "") for colour in ("green", "amber", "red")}
            target = texts.get("target", "")
            record = {
                "id": row.id,
                "section": section,
                "title": row.title,
                "unit": unit,
                "polarity": stated.get("polarity") or infer.polarity(target, bands, int(decimals)),
                "target": target,
                "sn_average": texts.get("sn_average", ""),
                "basis": infer.basis(row.title, row.note, frequency),
                "decimals": decimals,
                "series_break": "",
                "notes": published,
                "frequency": frequency,
                **{
                    name: texts.get(name, "")
                    for name in FOLLOWED
                    if name not in ("title", "target", "sn_average")
                },
                **{column: "" for column in YEARS.values()},
                **years,
            }
            self.catalogue[row.id] = record
            self.new_ids.append(row.id)
            if published:
                self.notes.append(f"ID {row.id}: {published}")
            return record
        changes = {"section": section, "title": row.title, **texts, **years, **stated}
        for column, new in changes.items():
            if existing.get(column, "") != new:
                self.catalogue_changes.append(
                    f"ID {row.id} {column}: '{existing.get(column, '')}' -> '{new}'"
                )
                existing[column] = new
        if published and published not in existing["notes"]:
            existing["notes"] = "; ".join(filter(None, (existing["notes"], published)))
            self.notes.append(f"ID {row.id}: {published}")
        return existing

    def _year(self, field: Field, name: str) -> str:
        """A figure's year: its header's, or for a "Last year" column the year before the file's latest."""
        if field.year:
            return year_label(field.year)
        sheet = self.sheets[-1]
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
            for field, _ in [*self.said.values(), *self.doing]:
                self._problem(field.where, field.text, ACCOUNT_WITHOUT_FIGURES)
            return
        source = PurePath(sheet.file).name
        said = {ident: text for ident, (_, text) in self.said.items()}
        self.commentary, lines = filed_commentary(self.commentary, said, month, source)
        self.accounts += [f"{source}: {line}" if n == 0 else line for n, line in enumerate(lines)]
        if self.action_rows:
            self.actions, lines = filed_actions(
                self.actions, [a for _, a in self.doing], month, self.action_rows
            )
            self.accounts += lines

    # --- arrows and ratings ---------------------------------------------------------------------

    def _arrow(self, row: Row, record: Record) -> None:
        field = row.fields.get("published_direction")
        if field is None or not (text := field.text.strip()):
            return
        if lost_arrow(text):
            self.lost_arrows.append(row.id)
            return
        arrow, wrong = published_arrow(text, record["polarity"])
        if wrong:
            self._problem(field.where, text, wrong)
            return
        self.arrows[row.id] = (row, arrow)

    def _rating(self, row: Row) -> None:
        field = row.fields.get("published_rating")
        if field is None or (text := field.text.strip()).lower() in NO_RATING:
            return
        rating = published_rating(text)
        if rating is None:
            message = "unknown RAG rating; expected Green, Amber, Red (or G, A, R), or blank"
            self._problem(field.where, text, message)
            return
        self.published[row.id] = (row, text, rating)

    def _file_published(self, sheet: Sheet) -> None:
        """The arrows and ratings are the file's own period's: the latest period of its figures of the
        pack's frequency (the file's pack period). A template's header may run to March while the
        figures end in August, and Q2 audit figures under Aug-24 are filed on September: neither
        moves the arrows."""
        frequencies = {ident: record["frequency"] for ident, record in self.catalogue.items()}
        month = pack_month(self.file_cells, frequencies, self.settings.frequency)
        self._file_accounts(month, sheet)
        for kind, found in (("arrow", self.arrows), ("rating", self.published)):
            for ident, (row, *published) in found.items():
                field = row.fields["published_direction" if kind == "arrow" else "published_rating"]
                if month is None:
                    message = (
                        f"{kind} but the file has no figures for it to compare; expected the period's "
                        f"figures beside its {kind}s"
                    )
                    self._problem(field.where, published[0], message)
                elif kind == "arrow":
                    arrow = published[0]
                    self.directions[(ident, month)] = {
                        "id": ident,
                        "period": month,
                        "arrow": arrow,
                        "direction": ARROWS[arrow],
                    }
                else:
                    text, rating = published
                    self.ratings[(ident, month)] = {
                        "id": ident,
                        "period": month,
                        "published": text,
                        "rating": rating,
                    }

    # --- the result -----------------------------------------------------------------------------

    def tables(self) -> dict[str, list[Record]]:
        """The merged records of each table: the catalogue in section order, values by indicator
        then period, arrows and ratings by period then indicator."""
        catalogue = sorted(self.catalogue.values(), key=lambda r: self._section_rank(r["section"]))
        rank = {record["id"]: n for n, record in enumerate(catalogue)}
        values = sorted(self.values.values(), key=lambda r: (rank.get(r["id"], len(rank)), r["period"]))

        def published(records: dict) -> list[Record]:
            return sorted(records.values(), key=lambda r: (r["period"], rank.get(r["id"], len(rank))))

        tables = {"catalogue": catalogue, "values": values, "directions": published(self.directions)}
        if self.ratings:
            tables["ratings"] = published(self.ratings)
        if self.commentary:
            tables["commentary"] = sorted(
                self.commentary, key=lambda r: (r["period"], rank.get(r["id"], len(rank)))
            )
        if self.actions:
            tables["actions"] = self.actions  # the log's own order: its lines are what actions close names
        return tables

    def _section_rank(self, key: str) -> int:
        return self.order.index(key) if key in self.order else len(self.order)

    def _pack(self, cells: Iterable[tuple[str, str]]) -> str | None:
        """The pack's period of these (id, period) cells (``model.pack_month``)."""
        frequencies = {ident: record["frequency"] for ident, record in self.catalogue.items()}
        return pack_month(cells, frequencies, self.settings.frequency)

    def pack_after(self) -> str | None:
        """The pack's period once the files are in."""
        return self._pack(self.values.keys())

    def report(self, notices: list[str] | tuple[str, ...] = ()) -> list[str]:
        """What the import did, line by line; ``notices`` (how the file was read) follow the first lines."""
        new_periods = sorted({period for _, period in self.values} - self.periods_before)
        with_number = {ident for (ident, _), record in self.values.items() if record["value"]}
        without = [ident for ident in self.catalogue if ident not in with_number]
        lines = []
        for sheet in self.sheets:
            kind = period_word(sheet.frequency, plural=True)
            span = f"{kind} {sheet.periods[0]}..{sheet.periods[-1]}" if sheet.periods else "no periods"
            lines.append(
                f"imported {sheet.file}: {len(sheet.rows)} indicators in "
                f"{len({row.section for row in sheet.rows})} sections, {span}"
            )
        word = period_word(self.settings.frequency)
        pack = self.pack_after()
        lines += [
            *notices,
            f"pack {word}: {pack} (the latest {word} with {self.settings.frequency} figures; make report "
            f"builds this {word}'s pack)",
            f"added periods: {', '.join(new_periods) or 'none'}",
            f"added values: {len(self.added)}",
            f"changed values: {len(self.changed)}",
            *(f"  {line}" for line in self.changed),
            f"kept values the file leaves blank: {len(self.kept)}",
            *(f"  {line}" for line in self.kept),
            f"new indicators: {len(self.new_ids)}"
            + (f" ({', '.join(self.new_ids)})" if self.new_ids else ""),
            f"catalogue changes: {len(self.catalogue_changes)}",
            *(f"  {c}" for c in self.catalogue_changes),
            f"notes captured: {len(self.notes)}",
            *(f"  {line}" for line in self.notes),
            f"quarterly values moved to their quarter end: {len(self.moved)}",
            *(f"  {m}" for m in self.moved),
            *self.accounts,
        ]
        if self.computed:
            lines += [f"values computed from their numerator and denominator: {len(self.computed)}"]
        if self.blank_rows:
            lines += [f"rows with no value, numerator or status (nothing published): {self.blank_rows}"]
        headings = sum(sheet.headings for sheet in self.sheets)
        if headings:
            lines += [f"rows with one cell and no indicator, read as headings or notes: {headings}"]
        accounts: dict[str, int] = {}
        for sheet in self.sheets:
            for label, count in sheet.accounts.items():
                accounts[label] = accounts.get(label, 0) + count
        if accounts:
            lines += [
                "commentary and action cells of a long values file read but not kept (they are kept "
                "from a wide file's or a catalogue file's columns, once a month): "
                + ", ".join(f"{label} {count}" for label, count in accounts.items())
            ]
        lines += [
            f"arrows lost as '?' (an export without ▲ ▼), counted as no published arrow: "
            f"{_listed(self.lost_arrows)}",
            f"indicators with no values yet: {_listed(without)}",
            *(
                line
                for sheet in self.sheets
                for line in (
                    f"narrative lines skipped: {sheet.narrative_lines}",
                    f"preamble lines skipped (legend above the first section): {sheet.preamble_lines}",
                )
            ),
        ]
        return lines


_BLANK = Field("", Where("", "-", "-"))


def _listed(ids: list[str]) -> str:
    return f"{len(ids)} (ID {', '.join(ids)})" if ids else "0"
