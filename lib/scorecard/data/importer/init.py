"""``python -m scorecard init FILE... --organisation NAME``: a council's own files -> a new ``data/``.

The files are read as ``import`` reads them (any layout, ``--column``, ``--sheet``), and the settings
are made from what they hold: the sections in the order the files give them (from a Section column,
section header rows, or the one ``--section`` names), monthly or quarterly from the period columns.
Where ``data/settings.yaml`` is already this organisation's, its choices are kept (title, population,
tolerance, small base, column mappings), and a section keeps its key wherever its title is unchanged.
The data folder is then written in one call, settings included.

A data folder that already holds this organisation's figures is not started again unless ``force``:
``import`` adds a month; starting again would drop every figure the new files lack. Another
organisation's data (the shipped example, in a fresh clone) is replaced: git keeps it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from scorecard.data import COLUMNS, FILES, Snapshot, Transaction, empty_revisions, load_settings, read_tables
from scorecard.data.benchmarks import council_code, propose_measures
from scorecard.data.importer.importing import checked_tables, csv_text, data_files, read_inputs, report
from scorecard.data.importer.merge import Merge
from scorecard.data.importer.new_settings import settings_text, valid
from scorecard.data.importer.normalised import Where
from scorecard.data.importer.period_values import Record
from scorecard.fields import BENCHMARKS
from scorecard.model import Frequency, Section, Settings, pack_month
from scorecard.periods import month_name, period_word
from scorecard.problems import DataError, Problem
from scorecard.targets import TargetKind, parse_target

DEFAULT_TITLE = "Children's Services Performance Scorecard"
DFE_FOLDER = "dfe"  # beside the data files: the DfE's files the benchmarks are computed from
_NAMED = Where("--section", "-", "--section")  # where the title of the one section --section names is


@dataclass
class NewPack:
    """What init made: the settings, the data files' text, and what to tell the analyst."""

    settings: Settings
    texts: dict[str, str]
    settings_text: str
    report: list[str]
    catalogue: list[Record]
    values: list[Record]
    stated_units: set[str] = field(default_factory=set)
    stated_polarity: set[str] = field(default_factory=set)
    replaced: str = ""  # what data/ held before, if anything


_STOP = {"a", "an", "and", "at", "for", "in", "of", "on", "or", "the", "to", "with"}


def slug(title: str) -> str:
    """A section key from its title's first four words that say something:
    ``Children in Need (CIN)`` -> ``children-need-cin``; rename it in the settings at will."""
    words = [word for word in re.findall(r"[a-z0-9]+", title.lower()) if word not in _STOP]
    return "-".join(words[:4]) or "section"


def _previous(data_dir: Path, snapshot: Snapshot) -> tuple[Settings | None, int, list[str]]:
    """The settings already there (None if unreadable), how many values, and their periods."""
    try:
        settings = load_settings(data_dir / "settings.yaml", snapshot.files.get("settings.yaml"))
    except DataError:
        return None, 0, []
    try:
        _, tables, _, _ = read_tables(data_dir, snapshot)
    except DataError:
        return settings, 0, []
    periods = sorted(set(tables["values"]["period"]))
    return settings, len(tables["values"]), periods


def make_pack(
    paths: Sequence[Path],
    transaction: Transaction,
    organisation: str,
    sheet: str | None = None,
    columns: Mapping[str, str] | None = None,
    section: str = "",
    force: bool = False,
) -> NewPack:
    """Read ``paths`` into a new pack's settings and data for the folder ``transaction`` holds (what it
    holds now decides what is kept); ``DataError`` for any problem."""
    data_dir = transaction.folder
    if not organisation.strip():
        message = (
            'no organisation; expected the council\'s name, e.g. --organisation "Northshire County Council"'
        )
        raise DataError([Problem("--organisation", "-", "--organisation", organisation, message)])
    before, held, periods = _previous(data_dir, transaction.read())
    same = before is not None and before.organisation.strip().casefold() == organisation.strip().casefold()
    if same and held and not force:
        message = (
            f"data/ already holds {organisation}'s pack ({held} values, {periods[0]}..{periods[-1]}); init "
            "starts a pack afresh from these files alone; expected `python -m scorecard import FILE` to "
            "add a period, or init --force to start again"
        )
        raise DataError([Problem(str(data_dir), "-", "-", organisation, message)])
    mapping = {**(before.columns if same and before is not None else {}), **(columns or {})}
    inputs = read_inputs(paths, sheet, mapping, {})
    if inputs.problems:
        raise DataError(inputs.problems)
    unsectioned = [row for read in inputs.sheets for row in read.rows if not row.section]
    if unsectioned and not section.strip():
        message = (
            "the files name no section (no Section column, no section heading rows); expected "
            '--section NAME, the title of the one section they make, e.g. --section "Children\'s services"'
        )
        where = unsectioned[0].where
        raise DataError([Problem(where.file, "-", "--section", "", message)])
    sections, origins = _sections(inputs.sheets, section, before.sections if before else ())
    if not sections:
        message = "no indicators in the files; expected rows of indicators under a header row"
        raise DataError([Problem(str(paths[0]), "-", "-", "", message)])
    frequency = _frequency(inputs.sheets)
    # This organisation's own choices are kept; another's are not.
    kept = (
        before if same and before is not None else Settings(organisation, DEFAULT_TITLE, None, "", None, 0.15)
    )
    settings = replace(
        kept,
        organisation=organisation.strip(),
        sections=tuple(sections),
        frequency=frequency,
        columns=mapping,
    )
    settings, council = _council(settings, same, data_dir)
    text = settings_text(settings)
    valid(text, data_dir / "settings.yaml", sections, origins)  # before anything is read into it
    merge = Merge(settings, [], [], [], [], section or (sections[0].title if len(sections) == 1 else ""))
    for read in inputs.sheets:
        merge.add(read)
    measures = propose_measures(list(merge.result.catalogue.values()), settings.benchmark_measures)
    names = {key: str(data_dir / name) for key, name in FILES.items()}
    texts = checked_tables(merge.result, names, empty_revisions())  # a new pack starts a new log
    for key in ("ratings", "benchmarks", "commentary", "actions"):  # the old pack's are not this one's
        if key not in texts and (data_dir / FILES[key]).exists():
            texts[key] = csv_text([], COLUMNS[key])
    stated_units = {row.id for read in inputs.sheets for row in read.rows if row.fields.get("unit", None)}
    stated_polarity = {
        row.id for read in inputs.sheets for row in read.rows if row.fields.get("polarity", None)
    }
    replaced = f"{before.organisation} ({held} values)" if before is not None and held and not same else ""
    tables = merge.result.tables()
    return NewPack(
        settings,
        texts,
        text,
        [*report(merge.result, inputs.notices), *benchmark_report(settings, council, measures, data_dir)],
        tables["catalogue"],
        tables["values"],
        stated_units,
        stated_polarity,
        replaced,
    )


def _council(settings: Settings, same: bool, data_dir: Path) -> tuple[Settings, str]:
    """The settings with the council's LA number: kept for the same organisation, else found by its
    name in the DfE's neighbour models beside the data (``data/dfe/``); and how it was found."""
    if same and settings.la_code:
        return settings, f"la_code: {settings.la_code} (kept from data/settings.yaml)"
    found = council_code(settings.organisation, data_dir / DFE_FOLDER)
    if found is None:
        return replace(settings, la_code=""), (
            f"la_code: none found for '{settings.organisation}' among the councils of the DfE's "
            f"neighbour models in {data_dir / DFE_FOLDER}; add la_code (the DfE's three-digit LA number) "
            "to data/settings.yaml for benchmarks"
        )
    said = f"la_code: {found.code} ({found.name} in {found.file}); check it in data/settings.yaml"
    return replace(settings, la_code=found.code), said


def benchmark_report(
    settings: Settings, council: str, measures: Mapping[str, str], data_dir: Path
) -> list[str]:
    """What init chose for the benchmarks, for the analyst to confirm."""
    pairs = ", ".join(f"{ident} {name}" for ident, name in measures.items())
    lines = [
        council,
        f"benchmark measures proposed (confirm each in data/catalogue.csv, column benchmark): "
        f"{len(measures)}" + (f" ({pairs})" if pairs else ""),
    ]
    if settings.la_code and measures:
        lines.append(
            f"then: python -m scorecard benchmarks {data_dir / DFE_FOLDER}/*.csv (docs/benchmarks.md)"
        )
    return lines


def write_pack(
    transaction: Transaction, pack: NewPack, project_files: Mapping[str, bytes] | None = None
) -> None:
    """The one write of the new pack: settings, every table, and the project's section files and
    ``_sections.qmd`` (``project_files``), all in one commit: a kill at any point leaves the project
    all-old or all-new once the next command has run."""
    files = data_files(pack.texts, {"settings.yaml": pack.settings_text.encode("utf-8")})
    transaction.commit(files, project_files)


def _sections(
    sheets: Sequence, named: str, before: Sequence[Section]
) -> tuple[list[Section], dict[str, Where]]:
    """The sections in the order the files first name them, and where each one's title was read.

    A section is known by its title (case aside): one whose title the settings already have keeps its
    key, so its narrative file stays its own; a new one gets its title's slug, made unique, never
    equal to a key another section has or keeps ("Front door" and "Front-door": front-door and
    front-door-2).
    """
    titles: dict[str, tuple[str, str, Where]] = {}  # casefold title -> (title, scope, where)
    for read in sheets:
        for row in read.rows:
            title = (row.section or named).strip()
            if title and title.casefold() not in titles:
                where = Where(row.where.file, row.header_line, "section") if row.section else _NAMED
                titles[title.casefold()] = (title, row.scope, where)
    old = {section.title.casefold(): section for section in before}
    used = {old[folded].key for folded in titles if folded in old}
    found, origins = [], {}
    for folded, (title, scope, where) in titles.items():
        kept = old.get(folded)
        key = kept.key if kept else _unused(slug(title), used)
        used.add(key)
        found.append(Section(key, title, scope or (kept.scope if kept else "")))
        origins[key] = where
    return found, origins


def _unused(key: str, used: set[str]) -> str:
    base, n = key, 2
    while key in used:
        key, n = f"{base}-{n}", n + 1
    return key


def _frequency(sheets: Sequence) -> Frequency:
    """Monthly where any file has months; else quarterly (quarters, and years, which end a quarter)."""
    kinds = {read.frequency for read in sheets if read.frequency}
    return Frequency.MONTHLY if Frequency.MONTHLY in kinds or not kinds else Frequency.QUARTERLY


def _ids(ids: Sequence[str], most: int = 12) -> str:
    shown = ", ".join(ids[:most])
    return f"ID {shown}" + (f" and {len(ids) - most} more" if len(ids) > most else "")


def summary(pack: NewPack) -> list[str]:
    """What init found, for the analyst: sections, periods, frequency, targets, bands, benchmarks,
    and what it inferred (units and polarity) for them to review in the catalogue; periods named as
    the pack names them (``March 2025``, ``Q4 2024/25 (January to March 2025)``)."""
    settings, catalogue = pack.settings, pack.catalogue
    lines = [f"organisation: {settings.organisation}", "sections (data/settings.yaml, in this order):"]
    for n, section in enumerate(settings.sections, start=1):
        count = sum(record["section"] == section.key for record in catalogue)
        lines.append(f"  {n:02d} {section.key}: {section.title} ({count} indicator{'s' * (count != 1)})")
    periods = sorted({record["period"] for record in pack.values})
    frequencies = {record["id"]: record["frequency"] for record in catalogue}
    latest = pack_month([(r["id"], r["period"]) for r in pack.values], frequencies, settings.frequency)
    frequency, word = str(settings.frequency), period_word(settings.frequency)
    lines.append(
        f"periods: {month_name(periods[0], frequency)} to {month_name(periods[-1], frequency)} "
        f"({len(periods)}); a {frequency} pack: it reports the latest {word}, {month_name(latest, frequency)}"
        if periods and latest
        else "periods: none yet"
    )
    by_frequency = {f: [r["id"] for r in catalogue if r["frequency"] == f] for f in Frequency}
    lines.append("frequency: " + "; ".join(f"{f.value} {len(ids)}" for f, ids in by_frequency.items() if ids))
    kinds: dict[str, list[str]] = {}
    for record in catalogue:
        kind = parse_target(record["target"]).kind
        kinds.setdefault(
            "relative to a benchmark"
            if kind is TargetKind.RELATIVE
            else "none or monitor"
            if kind in (TargetKind.NONE, TargetKind.MONITOR)
            else "a figure",
            [],
        ).append(record["id"])
    lines.append(
        "targets: " + "; ".join(f"{kind} {len(ids)} ({_ids(ids, 6)})" for kind, ids in kinds.items())
    )
    banded = [r["id"] for r in catalogue if r["green"]]
    own = [r["id"] for r in catalogue if r["tolerance"] and not r["green"]]
    lines.append(
        f"bands: {len(banded)}"
        + (f" ({_ids(banded)})" if banded else "")
        + f"; own tolerance: {len(own)}"
        + (f" ({_ids(own)})" if own else "")
        + f"; the others: within {settings.rag_tolerance:.0%} of the target is amber (rag_tolerance)"
    )
    found = []
    for column, name in (*BENCHMARKS.items(), ("previous_year", "last year's outturn")):
        held = [r for r in catalogue if r[column] and r[column].lower() not in ("n/a", "na")]
        if held:
            year_column = "previous_year_period" if column == "previous_year" else f"{column}_year"
            years = sorted({r[year_column] for r in held if r[year_column]})
            found.append(f"{name} {len(held)}" + (f" ({', '.join(years)})" if years else ""))
    lines.append("benchmarks: " + ("; ".join(found) or "none"))
    inferred_units: dict[str, list[str]] = {}
    for record in catalogue:
        if record["id"] not in pack.stated_units:
            inferred_units.setdefault(record["unit"], []).append(record["id"])
    if inferred_units:
        lines.append(
            "units inferred (from %, r, 'per 10,000' or 'rate' in the title, or numerator and denominator; "
            "correct any in data/catalogue.csv): "
            + "; ".join(f"{unit} {len(ids)} ({_ids(ids, 8)})" for unit, ids in inferred_units.items())
        )
    guessed = [r["id"] for r in catalogue if r["id"] not in pack.stated_polarity]
    if guessed:
        lines.append(
            "polarity inferred from the target or bands (review in data/catalogue.csv): "
            f"{len(guessed)} ({_ids(guessed)})"
        )
    lines.append("cells that could not be read: none (each would be a problem line, and nothing written)")
    return lines
