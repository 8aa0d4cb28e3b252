"""What a merge made (``MergeResult``): the merged tables, every change for the import's report and
the revisions log, and every problem. ``merge.Merge`` fills it, sheet by sheet; ``importing`` checks
it, writes its tables and reports it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from scorecard.data import Revision
from scorecard.data.importer.normalised import Sheet
from scorecard.data.importer.period_values import Record
from scorecard.model import Settings, pack_month
from scorecard.problems import Problem


@dataclass
class MergeResult:
    """What a merge made: the merged tables, every change (for the report and the revisions log) and
    every problem. Nothing may be written while it has problems."""

    settings: Settings
    catalogue: dict[str, Record]  # id -> record
    values: dict[tuple[str, str], Record]  # (id, period) -> record
    directions: dict[tuple[str, str], Record]
    ratings: dict[tuple[str, str], Record]
    periods_before: set[str]  # the periods held before the merge
    sheets: list[Sheet] = field(default_factory=list)  # what was merged, in order
    added: list[str] = field(default_factory=list)  # "ID period" of each new figure
    changed: list[str] = field(default_factory=list)  # "ID x period: old -> new"
    kept: list[str] = field(default_factory=list)  # figures held that a file leaves blank
    new_ids: list[str] = field(default_factory=list)
    catalogue_changes: list[str] = field(default_factory=list)  # "ID x column: 'old' -> 'new'"
    notes: list[str] = field(default_factory=list)  # published notes taken into the catalogue
    moved: list[str] = field(default_factory=list)  # quarterly figures filed on their quarter's end
    computed: list[str] = field(default_factory=list)  # values computed from numerator and denominator
    lost_arrows: list[str] = field(default_factory=list)  # ids whose arrow an export wrote as '?'
    blank_rows: int = 0  # rows with nothing published
    problems: list[Problem] = field(default_factory=list)
    revisions: list[Revision] = field(default_factory=list)  # every changed cell, late figures too
    commentary: list[Record] = field(default_factory=list)  # data/commentary.csv
    actions: list[Record] = field(default_factory=list)  # data/actions.csv
    accounts: list[str] = field(default_factory=list)  # the report's lines on commentary and actions

    def tables(self) -> dict[str, list[Record]]:
        """The merged records of each table: the catalogue in section order, values by indicator
        then period, arrows and ratings by period then indicator."""
        order = [section.key for section in self.settings.sections]
        catalogue = sorted(
            self.catalogue.values(),
            key=lambda r: order.index(r["section"]) if r["section"] in order else len(order),
        )
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

    def pack_period(self, cells: Iterable[tuple[str, str]] | None = None) -> str | None:
        """The pack's period of these (id, period) cells (``model.pack_month``); of every value held
        once the files are in, by default."""
        frequencies = {ident: record["frequency"] for ident, record in self.catalogue.items()}
        return pack_month(self.values if cells is None else cells, frequencies, self.settings.frequency)
