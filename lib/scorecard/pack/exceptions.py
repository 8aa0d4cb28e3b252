"""The facade's cells for the board's accountability: the exception report, the action log, the
section table whose rows link to their commentary and exception page, the data download that carries
them, and what the edition being rendered leaves out.

Beside ``report`` on the facade's floor (``report`` re-exports the cells, so the .qmd files still
import one module). What the data alone decides is cached like every part; the commentary the
section files hold is read each run (``narrative.commentary``) and answered by the same helpers,
since the .qmd text is not in the cache key: the exception report puts it into its cached pieces,
and the download is cached under a name that holds it.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING, cast

from scorecard.pack import opened, session
from scorecard.pack.narrative import helpers as narrative
from scorecard.pack.narrative.commentary import by_indicator, current_commentary, read_commentary
from scorecard.pack.narrative.facts import Facts, facts_from, use
from scorecard.pack.output.outputs import Markdown
from scorecard.pack.session import Bundle, anchors, bundle, cached, scorecard, since, stored

if TYPE_CHECKING:
    from collections.abc import Callable

    from scorecard.pack.narrative.commentary import Commentary
    from scorecard.pack.parts.exceptions import Pieces
    from scorecard.project import Project
    from scorecard.rules import Scorecard

__all__ = ["accountability", "action_log", "download_links", "exception_report", "left_out", "section_table"]


def left_out() -> bool:
    """Whether the part asking is not in the edition being rendered (report.qmd hides it there too):
    the exceptions edition has the summary, the exception report, the action log and the key."""
    from scorecard.project import EXCEPTIONS, edition

    return edition() == EXCEPTIONS


def _helpers() -> dict[str, Callable[..., object]]:
    """The inline helpers by name: what answers commentary's inline expressions."""
    return {name: getattr(narrative, name) for name in narrative.__all__}


def section_table(key: str) -> Bundle:
    """A section's table: 12 months of RAG-filled values, target, benchmarks, direction and SPC, then
    the commentary kept from the council's file for its indicators with none written inline.

    ``key``: the section's key in settings.yaml; each ID links to its trend chart, and a title to its
    commentary and its exception page.

    Examples
    --------
    >>> section_table("early-help")
    <rendered output: text/markdown, text/plain>
    """
    if left_out():
        return bundle(Markdown(""))
    facts = narrative.current_facts()
    inline = by_indicator(current_commentary(), facts.period)
    written = {i: blocks[0].anchor for i, blocks in inline.items() if i in facts.indicators}
    return _section_table(key, tuple(sorted(written.items())))


@cached
def _section_table(key: str, inline: tuple[tuple[str, str], ...]) -> Markdown:
    """The section's table, its titles linking to their commentary (``inline``: id -> the anchor of
    the commentary written for it, which the .qmd text decides: part of the cache's name)."""
    from scorecard.pack.layout import commentary_anchor, exception_anchor
    from scorecard.pack.output.outputs import table_output
    from scorecard.pack.parts.chart_data import table_anchor
    from scorecard.pack.parts.exceptions import file_commentary
    from scorecard.pack.parts.table.tables import scorecard_table

    facts, written = narrative.current_facts(), dict(inline)
    marks: dict[str, list[tuple[str, str]]] = {}
    for ident in scorecard().section(key)["id"]:
        said = written.get(ident) or (commentary_anchor(ident) if ident in facts.file_commentary else "")
        marks[ident] = [("commentary", said)] * bool(said)
        marks[ident] += [("exception", exception_anchor(ident))] * bool(facts.indicators[ident].reasons)
    table = scorecard_table(scorecard(), key, anchors(), since().revised_cells(), marks)
    shown = table_output(table, table_anchor(key), wide=True)
    return shown + file_commentary(scorecard(), key, facts.file_commentary, written)


def exception_report() -> Bundle:
    """The exception report: each exception's figures, the rule in words, chart, commentary and open
    actions, grouped by section. Its data-made parts come from the cache; the commentary is answered
    from the .qmd text every run, as the sections' is.

    Examples
    --------
    >>> exception_report()  # "## Early Help and Front Door Responses", "### ID 3: ...", ...
    <rendered output: text/markdown, text/plain>
    """
    from scorecard.pack.parts.exceptions import Said
    from scorecard.pack.parts.exceptions import exception_report as report

    facts = narrative.current_facts()
    pieces = _pieces()
    inline = by_indicator(current_commentary(), facts.period)
    said: dict[str, list[Said]] = {}
    for one in pieces:
        if one.id in inline:
            said[one.id] = [Said(answer) for answer in _answered(inline[one.id])]
        elif one.id in facts.file_commentary:
            text, source = facts.file_commentary[one.id]
            said[one.id] = [Said(narrative.Inline(text)._repr_markdown_(), source)]
    sections = list(facts.sections.items())
    return bundle(report(sections, pieces, said, narrative.period_word()))


def _answered(blocks: list[Commentary]) -> list[str]:
    from scorecard.pack.narrative.commentary import answered

    helpers = _helpers()
    return [answered(block, helpers) for block in blocks]


def _pieces() -> list[Pieces]:
    """Each exception's data-made parts, from the cache or made and stored on a miss."""
    pack = session.current()
    found = pack.store.get("exception_pieces")
    if found is None:
        from scorecard.data import actions_of
        from scorecard.pack.narrative.facts import exceptions_of
        from scorecard.pack.parts.charts import exception_charts
        from scorecard.pack.parts.exceptions import exception_pieces

        sc = scorecard()
        entries = exceptions_of(sc, since())
        charts = exception_charts(sc, [entry.id for entry in entries])
        found = exception_pieces(sc, entries, charts, actions_of(sc.data.actions))
        pack.store.put("exception_pieces", found)
    return cast("list[Pieces]", found)


@cached
def action_log() -> Markdown:
    """The action log: every open action, overdue first, and the actions closed since the last pack.

    Examples
    --------
    >>> action_log()  # "*No open actions in the action log.*" on the shipped data
    <rendered output: text/markdown, text/plain>
    """
    from scorecard.data import actions_of
    from scorecard.pack.parts.exceptions import action_log as log

    sc = scorecard()
    return log(sc, actions_of(sc.data.actions), since().previous_period)


def accountability(sc: Scorecard, project: Project | None = None) -> dict[str, dict[str, object]]:
    """Each indicator's exception, reasons, commentary and open actions for ``sc``'s period, as the
    export carries them (``narrative.accounts.account_columns``): from the open pack where ``sc`` is its
    scorecard, else worked out here, with the commentary written in ``project``'s section files (none
    without a project).

    Examples
    --------
    >>> accountability(sc)["23"]["exception_reasons"]  # doctest: +SKIP
    'special cause concern: 7 months above the mean since Sep-24'
    """
    from scorecard.pack.narrative.accounts import account_columns

    facts = cast("Facts | None", opened.CURRENT.facts)
    blocks = cast("list[Commentary] | None", opened.CURRENT.commentary)
    mine = getattr(opened.CURRENT.state, "scorecard", None) is sc  # the open pack's own scorecard
    if facts is None or blocks is None or not mine or project is not None:
        from scorecard.pack.parts.since_last_pack import since_last_pack

        facts = facts_from(sc, since_last_pack(sc))
        use(facts)  # the helpers that answer the commentary read these facts
        blocks = read_commentary(project, facts.sections)[0] if project is not None else []
    return account_columns(facts, blocks, _helpers())


def download_links() -> Bundle:
    """The links to the pack's period's scorecard as CSV and as XLSX, embedded in the web page: what
    ``python -m scorecard export`` writes, the commentary the section files hold included (so the
    cached output is named by it).

    Examples
    --------
    >>> download_links()  # HTML only: "Download the data ... CSV, 14 kB · Excel workbook (XLSX), 8 kB"
    <rendered output: text/markdown, text/plain>
    """
    said = repr([(b.file, b.ids, b.text, b.month) for b in current_commentary()])
    digest = hashlib.sha256(said.encode()).hexdigest()[:16]
    return stored(f"download_links-{digest}", _download)


def _download() -> Markdown:
    from scorecard.pack.parts.downloads import download_links as links
    from scorecard.rules import export_frame

    sc = scorecard()
    return links(export_frame(sc, accounts=accountability(sc)), sc.period)
