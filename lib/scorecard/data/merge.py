"""Merging one imported wide file into the data already there, recording every change for the report."""

from __future__ import annotations

from scorecard.data import new_indicator as infer
from scorecard.data.published_cells import (
    ARROW_SPELLINGS,
    Cell,
    CellError,
    lost_arrow,
    parse_cell,
    unit_clash,
)
from scorecard.data.published_cells import EXPECTED as CELL_EXPECTED
from scorecard.data.revisions import Revision, cell_text
from scorecard.data.validate import ARROWS
from scorecard.data.wide_sheet import WideRow, WideSheet
from scorecard.model import Basis, Settings, Status, pack_month
from scorecard.problems import Problem
from scorecard.targets import EXPECTED as TARGET_EXPECTED
from scorecard.targets import TargetError, parse_target

Record = dict[str, str]


def _number(value: float) -> str:
    return f"{value:.12g}"


class Merge:
    """The merged catalogue, values and arrows, with what changed and what went wrong."""

    def __init__(
        self,
        settings: Settings,
        catalogue: list[Record],
        values: list[Record],
        directions: list[Record],
        sheet: WideSheet,
    ) -> None:
        self.sheet, self.problems = sheet, []
        self.sections = {section.title.lower(): section.key for section in settings.sections}
        self.order = [section.key for section in settings.sections]
        self.titles = [section.title for section in settings.sections]
        self.unknown_sections: set[int] = set()
        self.catalogue = {record["id"]: dict(record) for record in catalogue}
        self.values = {(record["id"], record["period"]): dict(record) for record in values}
        self.directions = {(record["id"], record["period"]): dict(record) for record in directions}
        self.added: list[str] = []
        self.changed: list[str] = []
        self.kept: list[str] = []
        self.new_ids: list[str] = []
        self.notes: list[str] = []
        self.catalogue_changes: list[str] = []
        self.moved: list[str] = []
        self.lost_arrows: list[str] = []
        self.arrows: dict[str, tuple[WideRow, str]] = {}  # id -> (row, arrow), filed once all rows are read
        self.file_cells: list[tuple[str, str]] = []  # (id, period) of every cell the file publishes
        self.quarterly: set[str] = set()
        self.periods_before = {period for _, period in self.values}
        quarterly_before = {r["id"] for r in catalogue if r["basis"] == Basis.QUARTERLY}
        self.pack_before = pack_month(self.values.keys(), quarterly_before)  # the last pack's month
        self.revisions: list[Revision] = []  # every changed cell, and late figures for earlier packs
        seen: dict[str, int] = {}
        for row in sheet.rows:
            if row.id in seen:
                self._problem(
                    row, "ID", row.id, f"duplicate id (also on line {seen[row.id]}); expected each id once"
                )
                continue
            seen[row.id] = row.line
            self._row(row)
        self._file_arrows()

    def _problem(self, row: WideRow, column: str, value: str, message: str) -> None:
        self.problems.append(Problem(self.sheet.file, row.line, column, value, message))

    def _row(self, row: WideRow) -> None:
        section = self.sections.get(row.section.lower())
        if section is None:
            if row.header_line not in self.unknown_sections:  # one problem per header, not per row
                self.unknown_sections.add(row.header_line)
                known = "; ".join(self.titles)
                message = f"unknown section; expected a title from settings.yaml: {known}"
                self.problems.append(
                    Problem(self.sheet.file, row.header_line, "section", row.section, message)
                )
            return
        for column, text, check, expected in (
            ("Target", row.target, parse_target, TARGET_EXPECTED),
            ("SN av", row.sn_average, parse_cell, CELL_EXPECTED),
        ):
            try:
                check(text)
            except (TargetError, CellError):
                self._problem(row, column, text, f"unreadable {column}; {expected}")
        if lost_arrow(row.arrow):
            self.lost_arrows.append(row.id)
        elif row.arrow and row.arrow not in ARROW_SPELLINGS:
            self._problem(row, "Direction of travel", row.arrow, "unknown arrow; expected ▲, ▼, ◀ ▶ or blank")
        elif row.arrow:
            self.arrows[row.id] = (row, ARROW_SPELLINGS[row.arrow])
        existing = self.catalogue.get(row.id)
        quarterly = (
            existing["basis"] == Basis.QUARTERLY if existing else infer.is_quarterly(row.title, row.note)
        )
        if quarterly:
            self.quarterly.add(row.id)
        cells = self._cells(row, quarterly, existing["unit"] if existing else None)
        self.file_cells += [(row.id, period) for period in cells]
        self._catalogue(row, section, existing, [cell for cell, _ in cells.values()])
        for period, (cell, text) in cells.items():
            self._value(row.id, period, cell, text)
        for period, label, text in row.months:
            old = self.values.get((row.id, period))
            if not text and old is not None and period not in cells:
                self.kept.append(
                    f"ID {row.id} {period}: kept '{old['raw'] or old['value']}' ({label} blank in file)"
                )

    def _file_arrows(self) -> None:
        """The arrows are the file's own month's: the latest month of its monthly figures (the
        pack's month of the file). A template's header may run to March while the figures end in
        August, and Q2 audit figures under Aug-24 are filed on September: neither moves the arrows."""
        month = pack_month(self.file_cells, self.quarterly)
        for row, arrow in self.arrows.values():
            if month is None:
                self._problem(
                    row,
                    "Direction of travel",
                    arrow,
                    "arrow but the file has no figures for it to compare; expected the month's "
                    "figures beside its arrows",
                )
                continue
            self.directions[(row.id, month)] = {
                "id": row.id,
                "period": month,
                "arrow": arrow,
                "direction": ARROWS[arrow],
            }

    def _cells(self, row: WideRow, quarterly: bool, unit: str | None) -> dict[str, tuple[Cell, str]]:
        cells: dict[str, tuple[Cell, str]] = {}
        for period, label, text in row.months:
            try:
                cell = parse_cell(text)
            except CellError as error:
                self._problem(row, label, text, str(error))
                continue
            if cell is None:
                continue
            if cell.value is not None and cell.value < 0:
                self._problem(row, label, text, "negative; expected 0 or more")
            if cell.mark == "%" and cell.value is not None and cell.value > 100:
                self._problem(row, label, text, "percent above 100; expected 0% to 100%")
            if cell.count is not None and cell.count < 0:
                self._problem(row, label, text, "negative count in brackets; expected 0 or more")
            if unit is not None and (clash := unit_clash(cell.mark, unit)):
                self._problem(row, label, text, f"ID {row.id}: {clash}")
            landing = infer.quarter_end(period) if quarterly and cell.status is Status.NONE else period
            if landing in cells:
                self._problem(
                    row,
                    label,
                    text,
                    f"collides with '{cells[landing][1]}' on {landing}: a quarterly indicator's numbers "
                    "land on the quarter-end month; expected one value per quarter",
                )
                continue
            if landing != period:
                self.moved.append(f"ID {row.id}: {label} -> {landing}")
            cells[landing] = (cell, text)
        return cells

    def _catalogue(self, row: WideRow, section: str, existing: Record | None, cells: list[Cell]) -> None:
        published = f"Published note: {row.note}" if row.note else ""
        if existing is None:
            notes = [published] if published else []
            self.catalogue[row.id] = {
                "id": row.id,
                "section": section,
                "title": row.title,
                "unit": infer.unit(row.title, cells),
                "polarity": infer.polarity(row.target),
                "target": row.target,
                "sn_average": row.sn_average,
                "basis": infer.basis(row.title, row.note),
                "decimals": str(infer.decimals(cells, row.target)),
                "series_break": "",
                "notes": "; ".join(notes),
            }
            self.new_ids.append(row.id)
            if published:
                self.notes.append(f"ID {row.id}: {published}")
            return
        for column, new in (
            ("section", section),
            ("title", row.title),
            ("target", row.target),
            ("sn_average", row.sn_average),
        ):
            if existing[column] != new:
                self.catalogue_changes.append(f"ID {row.id} {column}: '{existing[column]}' -> '{new}'")
                existing[column] = new
        if published and published not in existing["notes"]:
            existing["notes"] = "; ".join(filter(None, (existing["notes"], published)))
            self.notes.append(f"ID {row.id}: {published}")

    def _value(self, indicator: str, period: str, cell: Cell, text: str) -> None:
        record = {
            "id": indicator,
            "period": period,
            "value": "" if cell.value is None else _number(cell.value),
            "status": str(cell.status),
            "count": "" if cell.count is None else str(cell.count),
            "raw": text,
        }
        old = self.values.get((indicator, period))
        if old is None:
            self.added.append(f"{indicator} {period}")
            if self.pack_before is not None and period < self.pack_before:  # a month a pack has shown
                self.revisions.append(Revision(indicator, period, "", text))
        elif _meaning(old) != _meaning(record):
            self.changed.append(
                f"ID {indicator} {period}: {old['raw'] or old['value'] or old['status']} -> {text}"
            )
            about = self.catalogue[indicator]
            self.revisions.append(
                Revision(indicator, period, cell_text(old, about["unit"], int(about["decimals"])), text)
            )
        self.values[(indicator, period)] = record

    def tables(self) -> dict[str, list[Record]]:
        catalogue = sorted(self.catalogue.values(), key=lambda r: self._section_rank(r["section"]))
        rank = {record["id"]: n for n, record in enumerate(catalogue)}
        values = sorted(self.values.values(), key=lambda r: (rank.get(r["id"], len(rank)), r["period"]))
        directions = sorted(
            self.directions.values(), key=lambda r: (r["period"], rank.get(r["id"], len(rank)))
        )
        return {"catalogue": catalogue, "values": values, "directions": directions}

    def _section_rank(self, key: str) -> int:
        return self.order.index(key) if key in self.order else len(self.order)

    def pack_after(self) -> str | None:
        """The pack's month once this file is in (``model.pack_month`` of the merged values)."""
        quarterly = {r["id"] for r in self.catalogue.values() if r["basis"] == Basis.QUARTERLY}
        return pack_month(self.values.keys(), quarterly)

    def report(self, notices: list[str] | tuple[str, ...] = ()) -> list[str]:
        """What the import did, line by line; ``notices`` (how the file was read) follow the first line."""
        sheet = self.sheet
        new_periods = sorted({period for _, period in self.values} - self.periods_before)
        sections = len({row.section for row in sheet.rows})
        with_number = {ident for (ident, _), record in self.values.items() if record["value"]}
        without = [ident for ident in self.catalogue if ident not in with_number]
        lines = [
            f"imported {sheet.file}: {len(sheet.rows)} indicators in {sections} sections, "
            f"months {sheet.periods[0]}..{sheet.periods[-1]}",
            *notices,
            f"pack month: {self.pack_after()} (the latest month with monthly "
            "figures; make report builds this month's pack)",
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
            f"arrows lost as '?' (an export without ▲ ▼), counted as no published arrow: "
            f"{_listed(self.lost_arrows)}",
            f"indicators with no values yet: {_listed(without)}",
            f"narrative lines skipped: {sheet.narrative_lines}",
            f"preamble lines skipped (legend above the first section): {sheet.preamble_lines}",
        ]
        return lines


def _listed(ids: list[str]) -> str:
    return f"{len(ids)} (ID {', '.join(ids)})" if ids else "0"


def _meaning(record: Record) -> tuple[float | None, str, str]:
    """What a value says, so 1036 and 1036.0 (a hand-edited CSV) count as the same."""
    return (float(record["value"]) if record["value"] else None, record["status"], record["count"])
