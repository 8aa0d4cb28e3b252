"""The facade the report's .qmd cells call: one short call per cell, nothing else.

``open_pack(period)`` (the validation cell) loads and validates ``data/``, builds the scorecard for the
period, hands the narrative helpers their facts and checks the narrative's text (``narrative.check``:
an unknown ID stops the render with its file and line); every other function renders one part of
the pack.
Each returns a ``Bundle`` (the display data Jupyter would send) kept in ``scorecard.pack.cache`` under
a key of the data's and the code's content: a re-render after a narrative-only edit answers every call
from the cache without importing pandas, matplotlib or great_tables (heavy imports live inside
functions), and so does Quarto's second run of the cells, for the web page, in the same render.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, cast

from scorecard import periods
from scorecard.model import Frequency
from scorecard.pack import cache, opened
from scorecard.pack.narrative import helpers as narrative
from scorecard.pack.narrative.helpers import *  # noqa: F403  (the inline helpers the narrative's .qmd text uses)
from scorecard.pack.output.outputs import Markdown, write_files
from scorecard.project import Project, section_key

if TYPE_CHECKING:  # only for annotations: importing the frame would import pandas
    import pandas as pd
    from IPython.core.formatters import DisplayFormatter

    from scorecard.data import Snapshot
    from scorecard.pack.narrative.check import NarrativeReport
    from scorecard.pack.parts.since_last_pack import SinceLastPack
    from scorecard.rules import Scorecard

__all__ = [
    *narrative.__all__,
    "arrow_differences",
    "count_differences",
    "count_published",
    "data_notes",
    "download_links",
    "icon_table",
    "key",
    "mdc_matrix",
    "off_target_and_worse",
    "open_pack",
    "rag_chart",
    "rag_table",
    "section_charts",
    "section_table",
    "since_last_pack",
    "special_causes",
    "travel_table",
]


class Bundle:
    """Rendered display data (mime type -> content), as IPython formats it, and the files it refers
    to (``scorecard.pack.output.outputs``); cacheable. Showing it writes any of its files that are missing."""

    def __init__(self, data: dict, metadata: dict, files: dict[str, bytes] | None = None) -> None:
        self.data, self.metadata, self.files = data, metadata, files or {}

    def _repr_mimebundle_(self, include: object = None, exclude: object = None) -> tuple[dict, dict]:
        write_files(self.files)
        return self.data, self.metadata

    def __repr__(self) -> str:
        return f"<rendered output: {', '.join(self.data)}>"


def bundle(shown: object, formatter: DisplayFormatter | None = None) -> Bundle:
    """What Jupyter would display for ``shown``: the kernel's own formatter unless one is given."""
    if formatter is None:
        from IPython.core.interactiveshell import InteractiveShell

        formatter = InteractiveShell.instance().display_formatter
    data, metadata = cast("DisplayFormatter", formatter).format(shown)  # a kernel always has one
    if "text/markdown" in data:  # Quarto reads the Markdown; a plain-text copy of it (a table's raw
        data["text/plain"] = f"<{type(shown).__name__}>"  # blocks, say) is only more for it to parse
    return Bundle(data, metadata, getattr(shown, "files", None))


@dataclass
class Pack:
    project: Project  # the kernel runs in the project's folder; its data folder may be elsewhere
    period: str | None
    snapshot: Snapshot  # the data's bytes, read once: parsed, validated and keyed from these
    store: cache.Store
    scorecard: Scorecard | None = None  # built only when the cache cannot answer
    anchors: dict[str, str] | None = None  # each indicator's trend figure, for the ID links
    since: SinceLastPack | None = None  # against the previous pack, built only when needed
    narrative: NarrativeReport | None = None  # the narrative's checks, run by open_pack


def _open() -> Pack:
    """The open pack's state (held in ``opened.CURRENT``), or the error saying none is open."""
    return cast(Pack, opened.CURRENT.need(opened.CURRENT.state))


def open_pack(period: str | None = None, data_dir: str | os.PathLike[str] | None = None) -> Bundle:
    """Load and validate the data, build the scorecard for ``period`` (None: the latest month).

    Examples
    --------
    >>> open_pack(period)  # the validation cell: "" or None for the latest month
    <rendered output: text/markdown, text/plain>
    """
    project = Project.find() if data_dir is None else Project(data=Path(data_dir))
    period = None if period in (None, "") else str(period)
    snapshot = _data_state(project)
    store = cache.Store(cache.content_key(snapshot, period))
    pack = Pack(project, period, snapshot, store)
    opened.CURRENT.open(pack)
    hit = store.get("open_pack")
    if hit is not None:  # same data, same code: validation already passed for exactly this content
        facts, shown = cast("tuple[narrative.Facts, Bundle]", hit)
        narrative.use(facts)
    else:
        sc = _sc()
        facts = narrative.facts_from(sc, _since())
        narrative.use(facts)
        shown = bundle(_validation(sc))
        store.put("open_pack", (facts, shown))
    pack.narrative = _narrative_checked(project, facts)  # the .qmd text is not in the cache key: every run
    said = _other_months(facts)
    note = f"\n\n**Narrative not written for this month:** {said}. The data notes list it.\n" if said else ""
    return _appended(shown, note)


def _narrative_checked(project: Project, facts: narrative.Facts) -> NarrativeReport:
    """The narrative's checks on the document's own text (the kernel runs in its folder); a problem
    stops the render here, naming its file and line."""
    from scorecard.pack.narrative.check import check_narrative

    report = check_narrative(project, facts, __all__)
    if report.problems:
        lines = "\n".join(str(p) for p in report.problems)
        raise narrative.NarrativeError(
            f"{lines}\n{len(report.problems)} problem(s) in the narrative; "
            "fix them and render again (python -m scorecard check lists them too)"
        )
    return report


def _other_months(facts: narrative.Facts) -> str:
    """Which sections' narrative was written for which other month, as Markdown ("" when none)."""
    checked = _open().narrative
    assert checked is not None
    by_month: dict[str, list[str]] = {}
    for file, month in checked.other_months(facts.period).items():
        key = section_key(file)
        if month is None:
            said = "does not say which month it was written for"
        elif month == "none":
            said = "is still a placeholder: no narrative has been written yet"
        else:
            said = f"was written for {narrative.month(month)}, not for {narrative.month()}"
        by_month.setdefault(said, []).append(facts.sections.get(key, Path(file).name))
    if not by_month:
        return ""
    every = len(by_month) == 1 and len(next(iter(by_month.values()))) == len(facts.sections) > 1
    parts = [
        f"the narrative of {'every section' if every else _and(titles)} {said}"
        for said, titles in by_month.items()
    ]
    # Section titles are data: escaped like every inline text.
    return narrative.Inline("; ".join(parts))._repr_markdown_()


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def _data_state(project: Project) -> Snapshot:
    """The data this run describes: inside a Quarto render, the state frozen for both formats before
    either ran (``quarto/freeze_data.py``); otherwise the folder, read once now."""
    from scorecard.data import Snapshot, read_files

    if "QUARTO_BIN_PATH" in os.environ and project.snapshot.exists():
        try:
            frozen = Snapshot.from_json(project.snapshot.read_bytes())
        except (OSError, ValueError, KeyError):
            frozen = None
        if frozen is not None and Path(frozen.folder) == project.data:
            return frozen
    return read_files(project.data)


def _validation(sc: Scorecard) -> Markdown:
    from scorecard.pack.output.escape import markdown_text
    from scorecard.pack.output.outputs import raw
    from scorecard.pack.output.typst import string

    data = sc.data
    shown = f"{narrative.short_month(sc.periods[0])} to {narrative.short_month(sc.period)}"
    header = f"{data.settings.organisation} · {narrative.month()}"
    title = f"{data.settings.report_title}: {data.settings.organisation}, {narrative.month()}"
    subject = (
        f"The {data.settings.organisation} children's services board pack for {narrative.month()}: "
        f"{len(sc.indicators)} indicators with their RAG rating, direction of travel, trend and "
        "statistical process control (SPC) signals."
    )
    keywords = ", ".join(
        string(k)
        for k in (
            "children's services",
            "performance scorecard",
            "board pack",
            data.settings.organisation,
            str(narrative.month()),
            "RAG rating",
            "direction of travel",
            "statistical process control",
        )
    )
    return Markdown(
        f"**{markdown_text(header)}**\n\n"
        f"Data checked: {len(data.catalogue):,} indicators and {len(data.values):,} published "
        f"{'' if sc.frequency == Frequency.QUARTERLY else 'monthly '}cells, every cell accounted for; no "
        f"problems found. This pack reports **{narrative.month()}** and shows the "
        f"{periods.period_word(sc.frequency, plural=True)} {shown}.\n\n"
        # Typst only (HTML ignores raw typst): the PDF's metadata, and the running header's text (a
        # state the header in _quarto.yml reads). Both are data, known only once the data is read.
        + raw(
            "typst",
            f"#set document(title: {string(title)}, description: {string(subject)}, "
            f"keywords: ({keywords},))\n#pack-header.update({string(header)})",
        )
    )


def _sc() -> Scorecard:
    pack = _open()
    if pack.scorecard is None:
        from scorecard.data import load_data
        from scorecard.rules import build_scorecard

        # Raises DataError naming every problem; the render stops there.
        data = load_data(pack.project.data, pack.snapshot)
        pack.scorecard = build_scorecard(data, pack.period)
    return pack.scorecard


def _since() -> SinceLastPack:
    """This pack against the previous one (worked out once per pack: summary, tables, narrative)."""
    from scorecard.pack.parts.since_last_pack import since_last_pack as compare

    pack = _open()
    if pack.since is None:
        pack.since = compare(_sc())
    return pack.since


def _anchors() -> dict[str, str]:
    """Every indicator's trend figure anchor (worked out once per pack: every listing links its IDs)."""
    from scorecard.pack.parts.chart_data import figure_anchors

    pack = _open()
    if pack.anchors is None:
        pack.anchors = figure_anchors(_sc())
    return pack.anchors


def _stored(name: str, make: Callable[[], object]) -> Bundle:
    """The output called ``name`` from the content-keyed cache, made and stored on a miss."""
    pack = _open()
    shown = pack.store.get(name)
    if shown is None:
        shown = bundle(make())
        pack.store.put(name, shown)
    return cast(Bundle, shown)  # what ``put`` stored under this name


def _cached(render: Callable[..., object]) -> Callable[..., Bundle]:
    """Serve ``render(*args)`` from the content-keyed cache, rendering and storing it on a miss."""

    @functools.wraps(render)
    def call(*args: object) -> Bundle:
        return _stored(f"{render.__name__}{args!r}", lambda: render(*args))

    return call


def _appended(shown: Bundle, markdown: str) -> Bundle:
    """``shown`` with more Markdown after it (a part the cache cannot hold: it reads the .qmd text)."""
    if not markdown:
        return shown
    data = {**shown.data, "text/markdown": shown.data["text/markdown"] + markdown}
    return Bundle(data, shown.metadata, shown.files)


@_cached
def section_table(key: str) -> Markdown:
    """A section's table: 12 months of RAG-filled values, target, benchmarks, direction and SPC.

    ``key``: the section's key in settings.yaml; each ID links to its trend chart.

    Examples
    --------
    >>> section_table("early-help")
    <rendered output: text/markdown, text/plain>
    """
    from scorecard.pack.output.outputs import table_output
    from scorecard.pack.parts.chart_data import table_anchor
    from scorecard.pack.parts.tables import scorecard_table

    table = scorecard_table(_sc(), key, _anchors(), _since().revised_cells())
    return table_output(table, table_anchor(key), wide=True)


@_cached
def section_charts(key: str) -> object:
    """A section's trend charts: one panel per indicator, 15 to a figure, each with its alt text.

    Examples
    --------
    >>> section_charts("early-help")
    <rendered output: text/markdown, text/plain>
    """
    from scorecard.pack.parts.charts import section_charts as charts

    return charts(_sc(), key)


@_cached
def rag_table() -> Markdown:
    """The executive summary's table: indicators per section by latest RAG rating, with totals.

    Examples
    --------
    >>> rag_table()
    <rendered output: text/markdown, text/plain>
    """
    from scorecard.pack.output.outputs import table_output
    from scorecard.pack.parts.summary import rag_counts
    from scorecard.pack.parts.tables import rag_filled_counts

    return table_output(rag_filled_counts(rag_counts(_sc())))


@_cached
def rag_chart() -> object:
    """The executive summary's chart: each section's indicators by latest RAG rating, as stacked bars.

    Examples
    --------
    >>> rag_chart()
    <rendered output: text/markdown, text/plain>
    """
    from scorecard.pack.parts.rag_chart import draw_rag_bars
    from scorecard.pack.parts.summary import rag_bars

    return draw_rag_bars(rag_bars(_sc()))


@_cached
def travel_table() -> Markdown:
    """How many indicators improved, declined, did not change or have no direction to judge.

    Examples
    --------
    >>> travel_table()
    <rendered output: text/markdown, text/plain>
    """
    import pandas as pd

    from scorecard.pack.output.outputs import table_output
    from scorecard.pack.palette import TREND_WORDS
    from scorecard.pack.parts.summary import travel_counts
    from scorecard.pack.parts.tables import plain_table

    counts = travel_counts(_sc())
    words = {k: (w or "no direction to judge") for k, w in TREND_WORDS.items()}
    return table_output(
        plain_table(
            pd.DataFrame(
                {"Direction of travel": [words[k] for k in counts], "Indicators": list(counts.values())}
            )
        )
    )


SHORT_LIST = 10  # the summary's ranked lists; the sections' tables show every indicator


@_cached
def off_target_and_worse() -> Markdown:
    """The indicators rated amber or red whose direction of travel is declining, red first.

    Examples
    --------
    >>> off_target_and_worse()  # the first rows, and how many more there are
    <rendered output: text/markdown, text/plain>
    """
    from scorecard.pack.parts.summary import off_target_and_worse as listing

    return _listing(
        listing(_sc()), "No indicator is off target and getting worse.", "off target and getting worse"
    )


@_cached
def special_causes(variation: str) -> Markdown:
    """The indicators whose SPC shows special cause ``variation`` (``improvement`` or ``concern``).

    Examples
    --------
    >>> special_causes("concern")
    <rendered output: text/markdown, text/plain>
    """
    from scorecard.pack.parts.summary import special_causes as listing

    word = variation.replace("_", " ")
    none = f"No special cause {word} this {periods.period_word(_sc().frequency)}."
    return _listing(listing(_sc(), variation), none, f"with special cause {word}")


def _listing(frame: pd.DataFrame, none: str, what: str) -> Markdown:
    """The first ``SHORT_LIST`` rows of a ranked listing, saying how many more there are."""
    from scorecard.pack.layout import LISTING_WIDTHS
    from scorecard.pack.output.outputs import table_output
    from scorecard.pack.parts.tables import plain_table, reading_cells, with_markup

    if len(frame) == 0:  # an empty table would read as a rendering fault: say so in words
        return Markdown(f"*{none}*")
    head = frame.head(SHORT_LIST)
    table = plain_table(head, LISTING_WIDTHS, _anchors())
    rows = _sc().indicators.set_index("id").loc[head["ID"]].reset_index()
    table = with_markup(table, "SPC variation", reading_cells(rows)[1])  # MDC's icons, with the words
    shown = table_output(table, wide=True)
    more = len(frame) - SHORT_LIST
    if more <= 0:
        return shown
    return shown + (
        f"\n*The {SHORT_LIST} furthest off target of {len(frame)} {what}; "
        f"the other {more} are marked in their sections' tables.*\n"
    )


@_cached
def since_last_pack() -> Markdown:
    """What changed since the previous pack: ratings, special causes, revised and missing figures.

    Examples
    --------
    >>> since_last_pack()  # a table: one row per kind of change, with the IDs in it
    <rendered output: text/markdown, text/plain>
    """
    from scorecard.pack.output.outputs import table_output
    from scorecard.pack.palette import REVISED
    from scorecard.pack.parts.since_last_pack import since_table

    since = _since()
    if since.previous_period is None:
        intro = f"*{narrative.month()} is the first month of the data: there is no earlier pack to compare.*"
    else:
        intro = (
            f"Against the {periods.month_name(since.previous_period, since.frequency)} pack, "
            "with the ratings that pack showed. "
            f"Each ID links to its chart; {REVISED} marks a revised figure in the section tables."
        )
    return Markdown(intro + "\n\n") + table_output(since_table(since, _sc(), _anchors()), wide=True)


@_cached
def mdc_matrix() -> Markdown:
    """The Making Data Count matrix: variation (rows) x assurance (columns), the IDs in each cell,
    rows and columns headed by MDC's icons; then a sentence on trial limits where there are any.

    Examples
    --------
    >>> mdc_matrix()  # doctest: +SKIP
    <rendered output: text/markdown, text/plain>  (the table, then "*All 59 SPC readings rest on
    trial limits ...*")
    """
    from scorecard.pack.output.outputs import table_output
    from scorecard.pack.parts.summary import MDC_COLUMN_ICONS, MDC_ROW_ICONS, trial_note
    from scorecard.pack.parts.summary import mdc_matrix as matrix
    from scorecard.pack.parts.tables import mdc_matrix_table

    shown = table_output(mdc_matrix_table(matrix(_sc()), MDC_ROW_ICONS, MDC_COLUMN_ICONS), wide=True)
    note = trial_note(_sc())
    return shown + (f"\n*{narrative.Inline(note)._repr_markdown_()}*\n" if note else "")


@_cached
def icon_table() -> Markdown:
    """The summary icon table: one row per indicator, grouped by section, with its latest value,
    target, and Making Data Count's variation and assurance icons with their words.

    Examples
    --------
    >>> icon_table()  # doctest: +SKIP
    <rendered output: text/markdown, text/plain>  (a table: "Early Help and Front Door Responses",
    then "1 | Number of Early Help / Front Door Referrals (in month) | 435 | Monitor | [icon]
    neither, high (trial) | – no target", ...)
    """
    from scorecard.pack.layout import ICON_TABLE_WIDTHS
    from scorecard.pack.output.outputs import table_output
    from scorecard.pack.parts.summary import icon_table as frame
    from scorecard.pack.parts.tables import icon_table as table

    sc = _sc()
    return table_output(table(frame(sc), sc, ICON_TABLE_WIDTHS, _anchors()), "icon-table", wide=True)


@_cached
def key() -> Markdown:
    """The key to the tables and charts: what each fill, glyph, arrow and icon means.

    Examples
    --------
    >>> key()
    <rendered output: text/markdown, text/plain>
    """
    from scorecard.pack.output.outputs import table_output
    from scorecard.pack.parts.notes import key_table

    sc = _sc()
    return table_output(key_table(sc.settings.rag_tolerance, sc.settings.spc_rules, sc))


def data_notes() -> Bundle:
    """The data notes, with the sections whose narrative was written for another month.

    Examples
    --------
    >>> data_notes()  # a Markdown list: statuses, rates, series breaks, notes, narrative months
    <rendered output: text/markdown, text/plain>
    """
    said = _other_months(narrative.current_facts())
    return _appended(_data_notes(), f"\n- **Narrative written for another month**: {said}." if said else "")


@_cached
def _data_notes() -> Markdown:
    from scorecard.pack.parts.notes import data_notes as notes

    return Markdown(notes(_sc(), _since().revised))


@_cached
def download_links() -> Markdown:
    """The links to the pack's period's scorecard as CSV and as XLSX, embedded in the web page: what
    ``python -m scorecard export`` writes.

    Examples
    --------
    >>> download_links()  # HTML only: "Download the data ... CSV, 14 kB · Excel workbook (XLSX), 8 kB"
    <rendered output: text/markdown, text/plain>
    """
    from scorecard.pack.parts.downloads import download_links as links
    from scorecard.rules import export_frame

    sc = _sc()
    return links(export_frame(sc), sc.period)


def _published() -> dict[str, str]:
    """The arrows published for this period (empty where none was published), as the frame holds them."""
    sc = _sc()
    return dict(zip(sc.indicators["id"], sc.indicators["published_direction"].fillna(""), strict=True))


@_cached
def count_published() -> narrative.Inline:
    """How many direction-of-travel arrows the published scorecard gave for the pack's month.

    Examples
    --------
    >>> count_published()
    '88'
    """
    return narrative.Inline(str(sum(1 for d in _published().values() if d)))


@_cached
def count_differences() -> narrative.Inline:
    """How many published arrows differ from the direction computed from the data.

    Examples
    --------
    >>> count_differences()
    '6'
    """
    from scorecard.pack.parts.notes import arrow_differences as differences

    return narrative.Inline(str(len(differences(_sc(), _published()))))


@_cached
def arrow_differences() -> Markdown:
    """The indicators whose published arrow differs from the computed direction, as a table.

    Examples
    --------
    >>> arrow_differences()
    <rendered output: text/markdown, text/plain>
    """
    from scorecard.pack.layout import ARROW_DIFFERENCE_WIDTHS
    from scorecard.pack.output.outputs import table_output
    from scorecard.pack.parts.notes import arrow_differences as differences
    from scorecard.pack.parts.tables import plain_table

    frame = differences(_sc(), _published())
    if len(frame) == 0:
        return Markdown("*No differences between computed and published arrows.*")
    return table_output(plain_table(frame, ARROW_DIFFERENCE_WIDTHS, _anchors()), wide=True)
