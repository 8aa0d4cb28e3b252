"""The exception report and the action log: what the board is asked to look at, why, what is said
about it, and what is being done, by whom, by when.

One block per exception (``rules.exceptions``), grouped by section in the settings' order: a heading
(the indicator), a row of its figures (latest against target, RAG, direction, the Making Data Count
icons), the rule that made it an exception in words, its trend chart beside its commentary (or,
plainly, "No commentary provided") and its open actions with owner, due month and status. An overdue
action says so in words and with ⚠, never by colour alone. The action log lists every open action,
overdue first, and the actions closed since the last pack.

The commentary arrives already answered (the narrative's helpers fill its inline expressions, in
``report``): this floor never reads the .qmd text.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from scorecard.pack import palette
from scorecard.pack.display import format_cell, target_text
from scorecard.pack.layout import commentary_anchor, exception_anchor
from scorecard.pack.output.escape import html_text, markdown_text, typst_markup
from scorecard.pack.output.outputs import Formats, Markdown, raw, table_formats, table_output
from scorecard.pack.output.prose import prose_formats
from scorecard.pack.output.typst import TableLook
from scorecard.periods import month_name, period_label

if TYPE_CHECKING:  # the report's assembly (``exception_block``) runs on a cache hit: nothing heavy
    from great_tables import GT

    from scorecard.data import Action
    from scorecard.pack.output.figures import Chart
    from scorecard.rules import ExceptionEntry, Scorecard

OVERDUE = "⚠ overdue"
NONE_SAID = "No commentary provided."
# The PDF sets the chart beside the words (a Typst grid the raw blocks open and close); the web page's
# narrower column stands the chart above them. Not Quarto's `layout`: its panel filters cost the
# render more than the rest of the exception report together (bench/README.md).
COLUMNS = "(36fr, 64fr)"
FIGURE_WIDTHS = {"Latest": 15.0, "Target": 12.0, "Rating": 16.0, "Direction of travel": 15.0}
FIGURES_LOOK = TableLook(font_size=7.5)
ACTION_WIDTHS = {"Action": 52.0, "Owner": 18.0, "Due": 12.0}
LOG_WIDTHS = {"ID": 6.0, "Action": 38.0, "Owner": 14.0, "Raised": 8.0, "Due": 8.0}


@dataclass(frozen=True)
class Said:
    """Commentary an exception shows: Markdown (inline commentary answered, or a file's text
    escaped) and, for a file's, the file it came from."""

    markdown: str
    source: str = ""  # the council's file, for commentary kept from one; "" for inline commentary


def _figures(sc: Scorecard, ident: str) -> GT:
    """The indicator's one row of figures: latest against target, rating, direction and SPC."""
    import pandas as pd
    from great_tables import loc, style

    from scorecard.pack.parts.table.tables import plain_table, spc_cells, with_markup

    row = sc.indicators[sc.indicators["id"] == ident]
    ind = row.iloc[0]
    when = ind["value_period"] or sc.period
    latest = format_cell(ind["value"], ind["status"], ind["unit"], int(ind["decimals"]), ind["count"])
    swatch = palette.rag_swatch(ind["rag"])
    direction, colour = palette.arrow_label(ind["direction"], ind["trend"])
    words, markup = spc_cells(row)
    frame = pd.DataFrame(
        {
            "Latest": [f"{latest} ({period_label(when, sc.frequency)})"],
            "Target": [target_text(ind["target"], ind["green"]) or "no target"],
            "Rating": [f"{swatch.mark} {swatch.word}".strip()],
            "Direction of travel": [direction],
            "SPC": words,
        }
    )
    table = plain_table(frame, FIGURE_WIDTHS).cols_align("left")
    table = table.tab_style(
        [style.fill(color=swatch.fill), style.text(color=swatch.text)], loc.body(columns="Rating")
    )
    table = table.tab_style(style.text(color=colour, weight="bold"), loc.body(columns="Direction of travel"))
    return with_markup(table, "SPC", markup)


def _status(action: Action, period: str) -> str:
    if action.overdue(period):
        return f"{OVERDUE} (due {period_label(action.due)})"
    return action.status


def _actions_table(actions: Sequence[Action], period: str, columns: Mapping[str, float]) -> GT:
    """Actions as a table; an overdue one's status in words, with ⚠, in bold."""
    import pandas as pd
    from great_tables import loc, style

    from scorecard.pack.parts.table.tables import plain_table

    frame = pd.DataFrame(
        {
            **({"ID": [", ".join(a.ids) for a in actions]} if "ID" in columns else {}),
            "Action": [a.action for a in actions],
            "Owner": [a.owner for a in actions],
            **({"Raised": [period_label(a.raised) for a in actions]} if "Raised" in columns else {}),
            "Due": [period_label(a.due) if a.due else "no date" for a in actions],
            "Status": [_status(a, period) for a in actions],
        }
    )
    table = plain_table(frame, dict(columns))
    late = [n for n, a in enumerate(actions) if a.overdue(period)]
    if late:
        table = table.tab_style(
            style.text(color=palette.DECLINING, weight="bold"), loc.body(columns="Status", rows=late)
        )
    return table


def _commentary(said: Sequence[Said]) -> str:
    if not said:
        return f"**Commentary:** *{NONE_SAID}*\n"
    parts = []
    for one in said:
        source = f"**Commentary** *(from the council's file, {markdown_text(one.source)})*:"
        parts.append(f"{source if one.source else '**Commentary:**'} {one.markdown}\n")
    return "\n".join(parts)


@dataclass(frozen=True)
class Pieces:
    """An exception's parts that the data alone decides (the cache keeps them): all but its
    commentary, as one raw block per format before it (the heading, chart, figures and the rule in
    words) and one after it (the open actions, and the closing of the page's block)."""

    id: str
    section: str
    opening: Markdown
    closing: Markdown


def _both(html: Sequence[str], typst: Sequence[str], parts: Sequence[Formats]) -> Markdown:
    """One raw block per format, from their lines, with the files the parts refer to."""
    files = {name: data for part in parts for name, data in part.files.items()}
    return Markdown(raw("html", "\n".join(html)) + "\n" + raw("typst", "\n".join(typst)) + "\n", files)


def _opening(sc: Scorecard, entry: ExceptionEntry, chart: Chart | None) -> Markdown:
    """An exception's heading, chart, figures and the rule in words, for each format."""
    anchor = exception_anchor(entry.id)
    heading = f"ID {entry.id}: {sc.indicator(entry.id)['title']}"
    figures = table_formats(_figures(sc, entry.id), look=FIGURES_LOOK)
    why = prose_formats(f"**Why it is here:** {markdown_text(entry.words())}.")
    html = [
        '<div class="pack-exception">',
        f'<h3 id="{anchor}" class="anchored" data-anchor-id="{anchor}">{html_text(heading)}</h3>',
    ]
    # One page of the PDF: a Typst block, and in it the chart beside the words (a grid).
    typst = ["#block(breakable: false, width: 100%)[", f"=== {typst_markup(heading)}", f"<{anchor}>"]
    parts = [figures, why]
    if chart is not None:
        drawn = chart.formats()
        html.append(f'<div class="pack-chart">{drawn.html}</div>')
        typst += [f"#grid(columns: {COLUMNS}, gutter: 1em, [", drawn.typst, "], ["]
        parts.append(drawn)
    return _both([*html, figures.html, why.html], [*typst, figures.typst, why.typst], parts)


def _closing(mine: Sequence[Action], period: str, beside: bool) -> Markdown:
    """An exception's open actions, for each format, then the end of its block (and of its grid,
    when its chart stands ``beside`` the words)."""
    if mine:
        parts = [
            prose_formats("**Open actions:**"),
            table_formats(_actions_table(mine, period, ACTION_WIDTHS)),
        ]
    else:
        parts = [prose_formats("**Actions:** *No open action.*")]
    typst = [*(part.typst for part in parts), *(["])"] if beside else []), "]"]
    return Markdown("\n") + _both([*(part.html for part in parts), "</div>"], typst, parts)


def exception_pieces(
    sc: Scorecard, entries: Sequence[ExceptionEntry], charts: Mapping[str, Chart], actions: Sequence[Action]
) -> list[Pieces]:
    """Each exception's data-made parts, in catalogue order."""
    from scorecard.data import open_actions

    found = []
    for entry in entries:
        chart = charts.get(entry.id)
        mine = [a for a in open_actions(actions, sc.period) if entry.id in a.ids]
        closing = _closing(mine, sc.period, beside=chart is not None)
        found.append(Pieces(entry.id, entry.section, _opening(sc, entry, chart), closing))
    return found


def exception_block(pieces: Pieces, said: Sequence[Said]) -> Markdown:
    """One exception, kept on one page of the PDF: its heading, then its chart beside its figures,
    the rule in words, its commentary and open actions (the words alone where there is no chart).
    Only the commentary is Markdown for Quarto: the rest is written for each format here."""
    return pieces.opening + Markdown("\n" + _commentary(said)) + pieces.closing


def exception_report(
    sections: Sequence[tuple[str, str]],
    pieces: Sequence[Pieces],
    said: Mapping[str, Sequence[Said]],
    word: str,
) -> Markdown:
    """Every exception's block, grouped by section (``sections``: key and title, in the settings'
    order), each with its commentary."""
    if not pieces:
        return Markdown(f"*No indicator is an exception this {word}.*\n")
    shown = Markdown("")
    for key, title in sections:
        mine = [one for one in pieces if one.section == key]
        if mine:
            shown = shown + Markdown(f"## {markdown_text(title)}\n\n")
        for one in mine:
            shown = shown + exception_block(one, said.get(one.id, ()))
    return shown


def _word(sc: Scorecard) -> str:
    return "quarter" if sc.frequency == "quarterly" else "month"


def action_log(sc: Scorecard, actions: Sequence[Action], previous: str | None) -> Markdown:
    """Every open action, overdue first, then the actions closed since the last pack."""
    from scorecard.data import open_actions

    waiting = open_actions(actions, sc.period)
    late = sum(a.overdue(sc.period) for a in waiting)
    if waiting:
        intro = (
            f"{len(waiting)} open action{'s' * (len(waiting) != 1)}, {late} overdue ({OVERDUE}: open, and "
            f"due before {month_name(sc.period, sc.frequency)}); overdue first, then by due month.\n\n"
        )
        shown = Markdown(intro) + table_output(_actions_table(waiting, sc.period, LOG_WIDTHS), wide=True)
    else:
        shown = Markdown("*No open actions in the action log.*\n")
    closed = [
        a for a in actions if a.status != "open" and a.closed and (previous is None or a.closed > previous)
    ]
    if closed:
        since = f"since {month_name(previous, sc.frequency)}" if previous else "so far"
        shown = (
            shown + Markdown(f"\n**Closed {since}:**\n\n") + table_output(_closed_table(closed), wide=True)
        )
    return shown


def _closed_table(actions: Iterable[Action]) -> GT:
    import pandas as pd

    from scorecard.pack.parts.table.tables import plain_table

    done = list(actions)
    frame = pd.DataFrame(
        {
            "ID": [", ".join(a.ids) for a in done],
            "Action": [a.action for a in done],
            "Owner": [a.owner for a in done],
            "Closed": [f"{a.status} ({period_label(a.closed)})" for a in done],
            "Update": [a.update or "—" for a in done],
        }
    )
    return plain_table(frame, {"ID": 6.0, "Action": 36.0, "Owner": 14.0, "Closed": 12.0})


def file_commentary(
    sc: Scorecard, key: str, kept: Mapping[str, tuple[str, str]], inline: Iterable[str]
) -> Markdown:
    """A section's commentary from the council's file, for its indicators with no inline commentary:
    shown after its table, each with the id its row links to."""
    ids = [i for i in sc.section(key)["id"] if i in kept and i not in set(inline)]
    if not ids:
        return Markdown("")
    source = kept[ids[0]][1]
    parts = [f"**Commentary from the council's file** ({markdown_text(source)}):\n"]
    for ident in ids:  # the id makes a label in the PDF too
        parts.append(
            f'::: {{#{commentary_anchor(ident)} .commentary indicator="{ident}"}}\n'
            f"**ID {markdown_text(ident)}:** {markdown_text(kept[ident][0])}\n:::\n"
        )
    return Markdown("\n".join(parts))
