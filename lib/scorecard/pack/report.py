"""The facade the report's .qmd cells call: one short call per cell, nothing else.

``open_pack(period)`` (the validation cell) opens the pack (``scorecard.pack.session``: the data read
once, the scorecard built for the period), hands the narrative helpers their facts and checks the
narrative's text (``narrative.check``: an unknown ID stops the render with its file and line); every
other function renders one part of the pack.
Each returns a ``Bundle`` (the display data Jupyter would send) kept in ``scorecard.pack.cache`` under
a key of the data's and the code's content: a re-render after a narrative-only edit answers every call
from the cache without importing pandas, matplotlib or great_tables (heavy imports live inside
functions), and so does Quarto's second run of the cells, for the web page, in the same render.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, cast

from scorecard import periods
from scorecard.pack import session
from scorecard.pack.exceptions import action_log, download_links, exception_report, left_out, section_table
from scorecard.pack.narrative import helpers as narrative
from scorecard.pack.narrative.commentary import read_commentary, use_commentary
from scorecard.pack.narrative.facts import Facts, facts_from, use
from scorecard.pack.narrative.helpers import *  # noqa: F403  (the inline helpers the narrative's .qmd text uses)
from scorecard.pack.output.outputs import Markdown
from scorecard.pack.session import Bundle, anchors, appended, bundle, cached, other_months, scorecard, since

if TYPE_CHECKING:  # only for annotations: importing the frame would import pandas
    import pandas as pd

__all__ = [
    *narrative.__all__,
    "action_log",
    "arrow_differences",
    "benchmark_grid",
    "count_differences",
    "count_published",
    "data_notes",
    "download_links",
    "exception_report",
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


def open_pack(period: str | None = None, data_dir: str | os.PathLike[str] | None = None) -> Bundle:
    """Load and validate the data, build the scorecard for ``period`` (None: the latest month).

    Examples
    --------
    >>> open_pack(period)  # the validation cell: "" or None for the latest month
    <rendered output: text/markdown, text/plain>
    """
    from scorecard.pack.parts.validation import validation_note

    pack = session.start(None if period in (None, "") else str(period), data_dir)
    hit = pack.store.get("open_pack")
    if hit is not None:  # same data, same code: validation already passed for exactly this content
        facts, shown = cast("tuple[Facts, Bundle]", hit)
        use(facts)
    else:
        sc = scorecard()
        facts = facts_from(sc, since())
        use(facts)
        shown = bundle(validation_note(sc))
        pack.store.put("open_pack", (facts, shown))
    session.narrative_checked(facts, __all__)  # the .qmd text is not in the cache key: every run
    use_commentary(read_commentary(pack.project, facts.sections)[0])  # checked just now, slips and all
    said = other_months(facts)
    note = f"\n\n**Narrative not written for this month:** {said}. The data notes list it.\n" if said else ""
    return appended(shown, note)


@cached
def section_charts(key: str) -> object:
    """A section's trend charts: one panel per indicator, 15 to a figure, each with its alt text.

    Examples
    --------
    >>> section_charts("early-help")
    <rendered output: text/markdown, text/plain>
    """
    from scorecard.pack.parts.charts import section_charts as charts

    if left_out():
        return Markdown("")
    return charts(scorecard(), key)


@cached
def rag_table() -> Markdown:
    """The executive summary's table: indicators per section by latest RAG rating, with totals.

    Examples
    --------
    >>> rag_table()
    <rendered output: text/markdown, text/plain>
    """
    from scorecard.pack.output.outputs import table_output
    from scorecard.pack.parts.summary import rag_counts
    from scorecard.pack.parts.table.tables import rag_filled_counts

    return table_output(rag_filled_counts(rag_counts(scorecard())))


@cached
def rag_chart() -> object:
    """The executive summary's chart: each section's indicators by latest RAG rating, as stacked bars.

    Examples
    --------
    >>> rag_chart()
    <rendered output: text/markdown, text/plain>
    """
    from scorecard.pack.parts.rag_chart import draw_rag_bars
    from scorecard.pack.parts.summary import rag_bars

    return draw_rag_bars(rag_bars(scorecard()))


@cached
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
    from scorecard.pack.parts.table.tables import plain_table

    counts = travel_counts(scorecard())
    words = {k: (w or "no direction to judge") for k, w in TREND_WORDS.items()}
    return table_output(
        plain_table(
            pd.DataFrame(
                {"Direction of travel": [words[k] for k in counts], "Indicators": list(counts.values())}
            )
        )
    )


SHORT_LIST = 10  # the summary's ranked lists; the sections' tables show every indicator


@cached
def off_target_and_worse() -> Markdown:
    """The indicators rated amber or red whose direction of travel is declining, red first.

    Examples
    --------
    >>> off_target_and_worse()  # the first rows, and how many more there are
    <rendered output: text/markdown, text/plain>
    """
    from scorecard.pack.parts.summary import off_target_and_worse as listing

    return _listing(
        listing(scorecard()), "No indicator is off target and getting worse.", "off target and getting worse"
    )


@cached
def special_causes(variation: str) -> Markdown:
    """The indicators whose SPC shows special cause ``variation`` (``improvement`` or ``concern``).

    Examples
    --------
    >>> special_causes("concern")
    <rendered output: text/markdown, text/plain>
    """
    from scorecard.pack.parts.summary import special_causes as listing

    word = variation.replace("_", " ")
    none = f"No special cause {word} this {periods.period_word(scorecard().frequency)}."
    return _listing(listing(scorecard(), variation), none, f"with special cause {word}")


def _listing(frame: pd.DataFrame, none: str, what: str) -> Markdown:
    """The first ``SHORT_LIST`` rows of a ranked listing, saying how many more there are."""
    from scorecard.pack.layout import LISTING_WIDTHS
    from scorecard.pack.output.outputs import table_output
    from scorecard.pack.parts.table.tables import plain_table, reading_cells, with_markup

    if len(frame) == 0:  # an empty table would read as a rendering fault: say so in words
        return Markdown(f"*{none}*")
    head = frame.head(SHORT_LIST)
    table = plain_table(head, LISTING_WIDTHS, anchors())
    rows = scorecard().indicators.set_index("id").loc[head["ID"]].reset_index()
    table = with_markup(table, "SPC variation", reading_cells(rows)[1])  # MDC's icons, with the words
    shown = table_output(table, wide=True)
    more = len(frame) - SHORT_LIST
    if more <= 0:
        return shown
    where = "are in the full pack's section tables" if left_out() else "are marked in their sections' tables"
    return (
        shown
        + f"\n*The {SHORT_LIST} furthest off target of {len(frame)} {what}; the other {more} {where}.*\n"
    )


@cached
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

    compared = since()
    if compared.previous_period is None:
        intro = f"*{narrative.month()} is the first month of the data: there is no earlier pack to compare.*"
    else:
        intro = (
            f"Against the {periods.month_name(compared.previous_period, compared.frequency)} pack, "
            "with the ratings that pack showed. "
            + (
                "Each ID links to its exception page, if any. "
                if left_out()
                else "Each ID links to its chart; "
            )
            + f"{REVISED} marks a revised figure in the section tables."
        )
    return Markdown(intro + "\n\n") + table_output(since_table(compared, scorecard(), anchors()), wide=True)


@cached
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
    from scorecard.pack.parts.table.tables import mdc_matrix_table

    if left_out():
        return Markdown("")
    shown = table_output(mdc_matrix_table(matrix(scorecard()), MDC_ROW_ICONS, MDC_COLUMN_ICONS), wide=True)
    note = trial_note(scorecard())
    return shown + (f"\n*{narrative.Inline(note)._repr_markdown_()}*\n" if note else "")


@cached
def benchmark_grid() -> Markdown:
    """The benchmark grid: SPC variation across the quartile band of the DfE figure, the IDs in
    each cell and a count per band, then who has no band; a line where there are no DfE benchmarks.

    Examples
    --------
    >>> benchmark_grid()
    <rendered output: text/markdown, text/plain>
    """
    from scorecard.pack.parts.key.benchmark_notes import grid_output

    return grid_output(scorecard())


@cached
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
    from scorecard.pack.parts.table.tables import icon_table as table

    if left_out():
        return Markdown("")
    sc = scorecard()
    return table_output(table(frame(sc), sc, ICON_TABLE_WIDTHS, anchors()), "icon-table", wide=True)


@cached
def key() -> Markdown:
    """The key to the tables and charts: what each fill, glyph, arrow and icon means.

    Examples
    --------
    >>> key()
    <rendered output: text/markdown, text/plain>
    """
    from scorecard.pack.output.outputs import table_output
    from scorecard.pack.parts.key.notes import key_table

    sc = scorecard()
    return table_output(key_table(sc.settings.rag_tolerance, sc.settings.spc_rules, sc))


def data_notes() -> Bundle:
    """The data notes, with the sections whose narrative was written for another month.

    Examples
    --------
    >>> data_notes()  # a Markdown list: statuses, rates, series breaks, notes, narrative months
    <rendered output: text/markdown, text/plain>
    """
    if left_out():
        return bundle(Markdown(""))
    said = other_months(narrative.current_facts())
    return appended(_data_notes(), f"\n- **Narrative written for another month**: {said}." if said else "")


@cached
def _data_notes() -> Markdown:
    from scorecard.pack.output.prose import prose_output
    from scorecard.pack.parts.key.notes import data_notes as notes

    return prose_output(notes(scorecard(), since().revised))


def _published() -> dict[str, str]:
    """The arrows published for this period (empty where none was published), as the frame holds them."""
    sc = scorecard()
    return dict(zip(sc.indicators["id"], sc.indicators["published_direction"].fillna(""), strict=True))


@cached
def count_published() -> narrative.Inline:
    """How many direction-of-travel arrows the published scorecard gave for the pack's month.

    Examples
    --------
    >>> count_published()
    '88'
    """
    return narrative.Inline(str(sum(1 for d in _published().values() if d)))


@cached
def count_differences() -> narrative.Inline:
    """How many published arrows differ from the direction computed from the data.

    Examples
    --------
    >>> count_differences()
    '6'
    """
    from scorecard.pack.parts.key.notes import arrow_differences as differences

    return narrative.Inline(str(len(differences(scorecard(), _published()))))


@cached
def arrow_differences() -> Markdown:
    """The indicators whose published arrow differs from the computed direction, as a table.

    Examples
    --------
    >>> arrow_differences()
    <rendered output: text/markdown, text/plain>
    """
    from scorecard.pack.layout import ARROW_DIFFERENCE_WIDTHS
    from scorecard.pack.output.outputs import table_output
    from scorecard.pack.parts.key.notes import arrow_differences as differences
    from scorecard.pack.parts.table.tables import plain_table

    if left_out():
        return Markdown("")
    frame = differences(scorecard(), _published())
    if len(frame) == 0:
        return Markdown("*No differences between computed and published arrows.*")
    return table_output(plain_table(frame, ARROW_DIFFERENCE_WIDTHS, anchors()), wide=True)
