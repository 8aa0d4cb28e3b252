"""``python -m scorecard import FILE...``: any council's scorecard files -> ``data/``, reported line by line.

Each file's layout is told apart by its rows: a header row that names its columns in words
(``header_layout``: a wide scorecard, or the long layout's values and catalogue files), else the
seed's sectioned wide layout (``sectioned``). Every reader gives the normalised rows
(``normalised``), which one merge takes (``merge``); the long layout's values are read with their
catalogue file, or with the catalogue already in ``data/``.

A later period's file adds its periods; a changed value replaces the old one and is reported.
Existing catalogue rows keep the analyst's judgements (unit, polarity, basis, decimals, notes, series
break) unless the file has a column stating them; what the file publishes (title, target, benchmarks
and the rest) follows the file and is reported when it changes. Nothing is written unless the merged
result passes every check that ``check`` runs, and then every changed file is written in one call
(``data_files``, committed in the folder's transaction).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

import pandas as pd

from scorecard.data import (
    COLUMNS,
    FILES,
    OPTIONAL_FILES,
    Transaction,
    account_problems,
    changing,
    check_tables,
    empty_revisions,
    load_settings,
    logged_revisions,
    parse_csv,
    read_tables,
    revision_problems,
    revision_time,
)
from scorecard.data.benchmarks import propose_measures
from scorecard.data.importer.layouts.header_layout import (
    CATALOGUE,
    VALUES,
    WIDE,
    header_words,
    read_catalogue,
    read_wide,
)
from scorecard.data.importer.layouts.long_values import Values, long_sheet, read_values
from scorecard.data.importer.layouts.sectioned import parse_sheet
from scorecard.data.importer.layouts.workbook import file_tables
from scorecard.data.importer.merge import Merge
from scorecard.data.importer.merged import MergeResult
from scorecard.data.importer.normalised import Sheet
from scorecard.data.importer.period_values import Record
from scorecard.model import Frequency, Settings
from scorecard.periods import period_word
from scorecard.problems import DataError, Problem


@dataclass
class Inputs:
    """The files of one import or init, read into sheets, with how they were read."""

    sheets: list[Sheet] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def read_inputs(
    paths: Sequence[Path],
    sheet: str | None,
    columns: Mapping[str, str],
    existing: Mapping[str, Mapping[str, str]],
) -> Inputs:
    """Every file read into the normalised sheets; a long layout's values paired with the catalogue
    file among ``paths``, else with the ``existing`` catalogue (id -> record)."""
    inputs = Inputs()
    mapping = header_words(columns)
    catalogues: list[Sheet] = []
    values: list[Values] = []
    for path in paths:
        tables = file_tables(path, sheet, mapping)
        inputs.notices += tables.notices
        inputs.problems += tables.problems
        for table in tables.tables:
            layout = table.layout
            if layout is None:
                inputs.sheets.append(parse_sheet(table.file, table.rows))
            elif layout.kind == WIDE:
                inputs.sheets.append(read_wide(table.file, table.rows, layout, table.section))
            elif layout.kind == CATALOGUE:
                catalogues.append(read_catalogue(table.file, table.rows, layout, table.section))
            elif layout.kind == VALUES:
                values.append(read_values(table.file, table.rows, layout))
    catalogue = _one_catalogue(catalogues)
    for found in values:
        inputs.sheets.append(long_sheet(found, catalogue, existing))
    if catalogue is not None and not values:
        inputs.sheets.append(catalogue)  # indicators agreed before their first figures
    for read in inputs.sheets:
        inputs.problems += read.problems
    return inputs


def _one_catalogue(catalogues: list[Sheet]) -> Sheet | None:
    if len(catalogues) <= 1:
        return catalogues[0] if catalogues else None
    merged = Sheet(" + ".join(sheet.file for sheet in catalogues))
    for sheet in catalogues:
        merged.rows += sheet.rows
        merged.problems += sheet.problems
    return merged


def import_files(
    paths: Sequence[Path],
    data_dir: Path,
    sheet: str | None = None,
    columns: Mapping[str, str] | None = None,
    section: str = "",
) -> list[str]:
    """Import ``paths`` (workbooks: their first visible sheet, or ``sheet``) into ``data_dir`` and return the
    report lines. ``columns`` maps file headers to fields, over the mapping in the settings.

    On any problem raise ``DataError`` and write nothing. The whole import (read the folder, merge,
    write) holds the folder's exclusive lock, so two imports at once take turns and neither is lost.
    """
    with changing(data_dir) as transaction:
        return _import(paths, transaction, sheet, columns, section)


def _import(
    paths: Sequence[Path],
    transaction: Transaction,
    sheet: str | None,
    columns: Mapping[str, str] | None,
    section: str,
) -> list[str]:
    held = _existing(transaction)
    settings = held.settings
    existing = {record["id"]: record for record in held.tables["catalogue"]}
    inputs = read_inputs(paths, sheet, {**settings.columns, **(columns or {})}, existing)
    inputs.problems += _frequency_problems(inputs.sheets, settings)
    if inputs.problems:
        raise DataError(inputs.problems)
    tables = held.tables
    merge = Merge(
        settings,
        tables["catalogue"],
        tables["values"],
        tables["directions"],
        tables["ratings"],
        section,
        tables["commentary"],
        tables["actions"],
    )
    for read in inputs.sheets:
        merge.add(read)
    result = merge.result
    new = [
        result.catalogue[ident] for ident in result.new_ids
    ]  # a new indicator's first guess, like its unit
    measures = propose_measures(new, settings.benchmark_measures)
    texts = checked_tables(result, held.names, held.log)
    transaction.commit(data_files(texts))
    written = ", ".join(held.names[key] for key in texts)
    logged = f"revised figures logged: {len(result.revisions)}"
    proposals = [
        "benchmark measures proposed for new indicators (confirm in catalogue.csv): "
        + ", ".join(f"{ident} {name}" for ident, name in measures.items())
    ]
    return [
        *report(result, [*inputs.notices, *held.notices]),
        *(proposals if measures else []),
        logged,
        f"wrote {written}",
    ]


def import_file(path: Path, data_dir: Path, sheet: str | None = None) -> list[str]:
    """Import one file: ``import_files([path], ...)``."""
    return import_files([path], data_dir, sheet)


def _frequency_problems(sheets: list[Sheet], settings: Settings) -> list[Problem]:
    """A quarterly pack takes quarters (and years), never month columns."""
    if settings.frequency != Frequency.QUARTERLY:
        return []
    return [
        Problem(
            sheet.file,
            1,
            "-",
            sheet.periods[0],
            "month columns in a quarterly pack (settings.yaml frequency: quarterly); expected quarters "
            "such as Q1 2024/25, or financial years such as 2023/24",
        )
        for sheet in sheets
        if sheet.frequency == Frequency.MONTHLY and sheet.periods and sheet.layout in ("sectioned", "wide")
    ]


def checked_tables(result: MergeResult, names: dict[str, str], log: pd.DataFrame) -> dict[str, str]:
    """The merged tables as CSV text, once they pass every check ``check`` runs (``DataError``).

    ``log`` is the revisions log so far: the merge's revisions are added to it, so every import
    records what it changed in the same one write as the data.
    """
    if result.problems:
        raise DataError(result.problems)
    texts = {key: csv_text(records, COLUMNS[key]) for key, records in result.tables().items()}
    texts["revisions"] = logged_revisions(log, result.revisions, revision_time(), result.pack_period() or "")
    frames = {key: parse_csv(text, names[key], COLUMNS[key])[0] for key, text in texts.items()}
    problems = check_tables(result.settings, frames, names)
    problems += revision_problems(frames["revisions"], frames["catalogue"]["id"], names["revisions"])
    for key in ("commentary", "actions"):  # the kept ones were checked: read as the files will be
        frames.setdefault(key, parse_csv(csv_text([], COLUMNS[key]), names[key], COLUMNS[key])[0])
    problems += account_problems(frames, names)
    if problems:
        raise DataError(problems)
    return texts


def data_files(texts: Mapping[str, str], extra: Mapping[str, bytes] | None = None) -> dict[str, bytes]:
    """What the one commit of ``data/`` writes: every changed file of the data folder, by name.

    ``texts``: table key (``load.FILES``) -> CSV text; ``extra``: other files of the folder by name
    (``settings.yaml``, written by init).
    """
    return {**{FILES[key]: text.encode("utf-8") for key, text in texts.items()}, **(extra or {})}


@dataclass
class Existing:
    """The data folder as an import finds it: its settings, each table's records (table key ->
    records; the revisions log apart), the tables' file names (table key -> path), how they were
    read, and the revisions log so far."""

    settings: Settings
    tables: dict[str, list[Record]]
    names: dict[str, str]
    notices: list[str]
    log: pd.DataFrame


def _existing(transaction: Transaction) -> Existing:
    """The data already there (it must pass ``check``), or empty tables for a first import."""
    data_dir, snapshot = transaction.folder, transaction.read()
    first = not any((data_dir / FILES[key]).exists() for key in ("catalogue", "values"))
    try:
        settings, tables, names, notices = read_tables(data_dir, snapshot)
    except DataError as error:
        if not first:
            raise
        # a first import creates catalogue.csv and values.csv: only other problems stop it
        other = [
            p for p in error.problems if "file not found" not in p.message or p.file.endswith("settings.yaml")
        ]
        if other:
            raise DataError(other) from None
        settings = load_settings(data_dir / "settings.yaml", snapshot.files.get("settings.yaml"))
        names = {k: str(data_dir / n) for k, n in FILES.items()}
        return Existing(
            settings, {key: [] for key in FILES if key != "revisions"}, names, [], empty_revisions()
        )
    problems = check_tables(settings, tables, names)
    problems += revision_problems(tables["revisions"], tables["catalogue"]["id"], names["revisions"])
    problems += account_problems(tables, names)
    if problems:
        raise DataError(problems)
    records = {  # the tables are all text (``parse_csv``), so each record maps str to str
        key: cast("list[Record]", frame.to_dict("records"))
        for key, frame in tables.items()
        if key != "revisions"
    }
    return Existing(settings, records, names, notices, tables["revisions"])


def csv_text(records: list[Record], columns: tuple[str, ...]) -> str:
    """Records as CSV text with exactly ``columns``, as every data file is written."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    writer.writerows({column: record.get(column, "") for column in columns} for record in records)
    return out.getvalue()


def report(result: MergeResult, notices: Sequence[str] = ()) -> list[str]:
    """What an import (or init) did, line by line; ``notices`` (how the files were read) follow the
    lines that say what each file held."""
    frequency = result.settings.frequency
    word = period_word(frequency)
    new_periods = sorted({period for _, period in result.values} - result.periods_before)
    return [
        *(_file_line(sheet) for sheet in result.sheets),
        *notices,
        f"pack {word}: {result.pack_period()} (the latest {word} with {frequency} figures; make report "
        f"builds this {word}'s pack)",
        f"added periods: {', '.join(new_periods) or 'none'}",
        *_change_lines(result),
        *_count_lines(result),
    ]


def _file_line(sheet: Sheet) -> str:
    kind = period_word(sheet.frequency, plural=True)
    span = f"{kind} {sheet.periods[0]}..{sheet.periods[-1]}" if sheet.periods else "no periods"
    sections = len({row.section for row in sheet.rows})
    return f"imported {sheet.file}: {len(sheet.rows)} indicators in {sections} sections, {span}"


def _change_lines(result: MergeResult) -> list[str]:
    new_ids = f" ({', '.join(result.new_ids)})" if result.new_ids else ""
    return [
        f"added values: {len(result.added)}",
        f"changed values: {len(result.changed)}",
        *(f"  {line}" for line in result.changed),
        f"kept values the file leaves blank: {len(result.kept)}",
        *(f"  {line}" for line in result.kept),
        f"new indicators: {len(result.new_ids)}{new_ids}",
        f"catalogue changes: {len(result.catalogue_changes)}",
        *(f"  {line}" for line in result.catalogue_changes),
        f"notes captured: {len(result.notes)}",
        *(f"  {line}" for line in result.notes),
        f"quarterly values moved to their quarter end: {len(result.moved)}",
        *(f"  {line}" for line in result.moved),
        *result.accounts,
    ]


def _count_lines(result: MergeResult) -> list[str]:
    with_number = {ident for (ident, _), record in result.values.items() if record["value"]}
    without = [ident for ident in result.catalogue if ident not in with_number]
    headings = sum(sheet.headings for sheet in result.sheets)
    counted = (
        (result.computed and len(result.computed), "values computed from their numerator and denominator"),
        (result.blank_rows, "rows with no value, numerator or status (nothing published)"),
        (headings, "rows with one cell and no indicator, read as headings or notes"),
    )
    lines = [f"{what}: {count}" for count, what in counted if count]  # said only where there are some
    accounts: dict[str, int] = {}
    for sheet in result.sheets:
        for label, count in sheet.accounts.items():
            accounts[label] = accounts.get(label, 0) + count
    if accounts:
        lines.append(
            "commentary and action cells of a long values file read but not kept (they are kept "
            "from a wide file's or a catalogue file's columns, once a month): "
            + ", ".join(f"{label} {count}" for label, count in accounts.items())
        )
    lines += [
        f"arrows lost as '?' (an export without ▲ ▼), counted as no published arrow: "
        f"{_listed(result.lost_arrows)}",
        f"indicators with no values yet: {_listed(without)}",
    ]
    for sheet in result.sheets:
        lines += [
            f"narrative lines skipped: {sheet.narrative_lines}",
            f"preamble lines skipped (legend above the first section): {sheet.preamble_lines}",
        ]
    return lines


def _listed(ids: list[str]) -> str:
    return f"{len(ids)} (ID {', '.join(ids)})" if ids else "0"


__all__ = ["OPTIONAL_FILES", "csv_text", "data_files", "import_file", "import_files", "read_inputs"]
