"""A great_tables table written as a Typst table, for the PDF.

Why: Quarto turns an HTML table into Typst itself, but slowly (seconds for one section table)
and with automatic column widths that squeezed the titles to a few letters a line. So every table
of the pack is emitted twice from the same ``GT`` object: great_tables' own HTML for the web page,
and this module's Typst for the PDF (``html-table-processing: none`` in ``_quarto.yml`` stops Quarto
converting the HTML as well).

What is carried over from the GT object, and nothing else: the visible columns with their labels,
widths (``cols_width``, in %) and alignment; each body cell's text as great_tables renders it for
HTML (so its formatters apply), of which only plain text, character entities, ``<br>`` line breaks,
``<a href="#id">`` links and the Making Data Count icons of ``scorecard.pack.output.icons`` (exactly as
``icons.markup`` writes them: an image with its alt text, then its words as text) are understood; and
the body cell styles set with ``tab_style`` (fill; text colour, weight, style, alignment). Anything
else in a cell raises ``TypstError``: a cue silently lost in the PDF would be worse than a failed
render. The header
row is a ``table.header``, so it repeats on every page and is tagged as a header row in the PDF
(PDF/UA).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from scorecard.pack.output import gt_model, icons
from scorecard.pack.output.escape import typst_string

if TYPE_CHECKING:  # great_tables is imported only to write a table: a cached render never does
    from great_tables import GT

_LINK = re.compile(r'<a href="#([A-Za-z][\w-]*)">([^<]*)</a>')
LINE_BREAK = "<br>"  # the one tag a cell's text may hold besides links and icons: a new line
# groups 1-2 a link, 3-4 an icon, 5 the words beside icons; or a line break
_MARKUP = re.compile(f"{_LINK.pattern}|{icons.IMAGE.pattern}|{icons.WORDS.pattern}|{LINE_BREAK}")
_TAG = re.compile(r"<[^>]*>")
_WIDTH = re.compile(r"\d+(?:\.\d+)?%")
_WEIGHTS = {"normal": "regular"}  # CSS's word for Typst's


class TypstError(ValueError):
    """The table holds something this writer cannot carry into the PDF."""


@dataclass(frozen=True)
class TableLook:
    """How a table sits on the PDF page; the cells' own looks come from the GT object."""

    font_size: float = 7.0  # pt
    inset: tuple[float, float] = (2.0, 2.5)  # pt, (x, y) around each cell's text
    rule: str = "luma(200)"  # the thin lines between rows
    header_fill: str = "luma(235)"


string = typst_string  # the one Typst string escaper (output/escape.py), short for the writers here


def _content(cell_html: str) -> str:
    """A body cell's HTML (as great_tables renders it) as a Typst content expression."""
    parts: list[str] = []
    position = 0
    for match in _MARKUP.finditer(cell_html):
        parts += _plain(cell_html[position : match.start()])
        if match[0] == LINE_BREAK:
            parts.append("linebreak()")
        elif match[1] is not None:
            parts.append(f"link(label({string(match[1])}), {string(html.unescape(match[2]))})")
        elif match[3] is not None:
            parts.append(_icon(match[0], match[3], match[4] == "1"))
        else:
            parts += _plain(match[5])
        position = match.end()
    parts += _plain(cell_html[position:])
    if not parts:
        return "[]"
    return parts[0] if len(parts) == 1 else "[" + "".join(f"#{p}" for p in parts) + "]"


def _icon(markup: str, name: str, trial: bool) -> str:
    """An MDC icon as Typst: the SVG image with its words as alt text (PDF/UA). Only the markup
    ``icons.image`` itself writes is accepted.

    The image sits in a box of the text's cap height, overhanging it a little above and below, so a
    line with an icon is no taller than a line of text and a table row keeps its height.
    """
    if name not in icons.ICONS or markup != icons.image(name, trial):
        raise TypstError(f"cell holds an image the PDF cannot show: {markup[:80]!r}")
    size = icons.SIZE_EM
    image = (
        f'image(bytes({string(icons.svg(name, trial))}), format: "svg", height: {size}em, '
        f"alt: {string(icons.alt(icons.ICONS[name], trial))})"
    )
    return f"box(width: {size}em, height: 0.7em, place(dy: {0.7 - size + 0.3:.2f}em, {image}))"


def _label(column: gt_model.Column) -> str:
    """A column label: plain text, or great_tables' ``html()`` holding what a body cell may hold."""
    return _content(column.label) if column.label_is_html else string(column.label)


def _plain(fragment: str) -> list[str]:
    if _TAG.search(fragment):
        raise TypstError(f"cell holds markup the PDF cannot show: {fragment!r}")
    text = html.unescape(fragment)
    return [string(text)] if text else []


def _colour(css: str) -> str:
    if not re.fullmatch(r"#[0-9A-Fa-f]{6}", css):
        raise TypstError(f"colour {css!r}: expected #RRGGBB")
    return f'rgb("{css}")'


@dataclass
class _CellLook:
    fill: str | None = None
    colour: str | None = None
    weight: str | None = None
    italic: bool = False
    align: str | None = None


def _cell_looks(gt: GT) -> dict[tuple[str, int], _CellLook]:
    looks: dict[tuple[str, int], _CellLook] = {}
    for info in gt_model.cell_styles(gt):
        if info.location != "LocBody" or info.column is None or info.row is None:
            raise TypstError(f"a style on {info.location}: only body cells are styled here")
        look = looks.setdefault((info.column, info.row), _CellLook())
        for cue in info.cues:
            if isinstance(cue, gt_model.Fill):
                look.fill = _colour(cue.color)
            elif isinstance(cue, gt_model.Text):
                look.colour = _colour(cue.color) if cue.color else look.colour
                look.weight = _WEIGHTS.get(cue.weight, cue.weight) if cue.weight else look.weight
                look.italic = look.italic or cue.style == "italic"
                look.align = cue.align or look.align
            else:
                raise TypstError(f"style {cue.name} is not carried into the PDF")
    return looks


def _cell(content: str, look: _CellLook | None, default_align: str) -> str:
    look = look or _CellLook()
    text_args = [f"fill: {look.colour}"] if look.colour else []
    if look.weight:
        text_args.append(f"weight: {string(look.weight)}")
    if look.italic:
        text_args.append('style: "italic"')
    body = f"text({', '.join(text_args)}, {content})" if text_args else content
    cell_args = [f"fill: {look.fill}"] if look.fill else []
    align = look.align or default_align
    if align != "left":
        cell_args.append(f"align: {align}")
    return f"table.cell({', '.join(cell_args)}, {body})" if cell_args else body


def built_typst_table(built: GT, look: TableLook | None = None) -> str:
    """The table as one Typst code-mode expression block (starting ``#{``), ready for a raw block,
    from a GT object great_tables has already built for HTML (``gt_model.built``): building is most of
    the cost, so the web page's HTML and the PDF's Typst share one build."""
    look = look or TableLook()
    columns = gt_model.columns(built)
    widths = []
    for column in columns:
        width = column.width
        if width is not None and not _WIDTH.fullmatch(str(width)):
            raise TypstError(f"column {column.name!r} width {width!r}: expected a percentage")
        widths.append(str(width) if width is not None else "auto")
    looks = _cell_looks(built)
    aligns = [c.align or "left" for c in columns]
    header = ", ".join(
        _cell(f'text(weight: "bold", {_label(c)})', None, align)
        for c, align in zip(columns, aligns, strict=True)
    )
    texts = [gt_model.body_texts(built, c.name) for c in columns]  # one column at a time: iloc is slow
    rows = []
    group = None
    for row, group_info in gt_model.rows_in_order(built):  # display order: rows by row group
        if group_info is not None and group_info is not group:
            group = group_info  # a row group's heading: a sub-header row across the table
            heading = _content(group_info.label or html.escape(group_info.id))
            rows.append(
                f"    table.header(level: 2, repeat: false, table.cell(colspan: {len(columns)}, "
                f'fill: {look.header_fill}, text(weight: "bold", {heading}))),'
            )
        cells = [
            _cell(_content(text[row]), looks.get((c.name, row)), align)
            for c, text, align in zip(columns, texts, aligns, strict=True)
        ]
        rows.append("    " + ", ".join(cells) + ",")
    inset_x, inset_y = look.inset
    return (
        "#{\n"
        f"  set text(size: {look.font_size}pt, hyphenate: false)\n"
        "  set par(justify: false)\n"
        "  table(\n"
        f"    columns: ({', '.join(widths)},),\n"
        f"    inset: (x: {inset_x}pt, y: {inset_y}pt),\n"
        f"    stroke: (x, y) => if y > 0 {{ (top: 0.4pt + {look.rule}) }},\n"
        f"    fill: (x, y) => if y == 0 {{ {look.header_fill} }},\n"
        f"    table.header(repeat: true, {header}),\n" + "\n".join(rows) + "\n"
        "  )\n"
        "}"
    )
