"""The one place that reads great_tables' private model: what a built table holds, as plain values.

Why it exists: the PDF's tables are written as Typst from the same ``GT`` object as the web page's
HTML (``scorecard.pack.output.typst``), and great_tables has no public way to read a table's columns, body
cells and styles, or to render a table it has already built. Everything private that the pack needs
is read here and nowhere else, so a great_tables release that reshapes its model breaks one module
(and ``tests/pack/test_gt_model.py`` says so, naming the version) rather than the render.

What would let it go: great_tables' pull request #825 ("add native typst support") adds
``GT.as_typst()``. With it, this module shrinks to the pack's own post-processing (links between
tables and charts, the Making Data Count icons, the cell styles), or goes.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # great_tables is imported only to write a table: a cached render never does
    from typing import TypeAlias

    from great_tables import GT
    from great_tables._text import BaseText

    Label: TypeAlias = str | BaseText  # a column label, as ``cols_label`` takes it


@dataclass(frozen=True)
class Column:
    """A visible data column of a built table, as great_tables will show it."""

    name: str  # the data frame's column
    label: str  # the header's text, or its HTML when ``label_is_html``
    label_is_html: bool  # the label was given as great_tables' ``html()``
    width: str | None  # as given to ``cols_width`` ("12.5%"), or None for automatic
    align: str | None  # "left", "center", "right", or None when not set


@dataclass(frozen=True)
class RowGroup:
    """A row group of the table (``groupname_col``): its id and its label, when one is set."""

    id: str
    label: str | None


@dataclass(frozen=True)
class Fill:
    """A cell's background, from ``style.fill``."""

    color: str


@dataclass(frozen=True)
class Text:
    """A cell's text look, from ``style.text``: each part None when not set."""

    color: str | None
    weight: str | None
    style: str | None
    align: str | None


@dataclass(frozen=True)
class OtherCue:
    """A style that is neither a fill nor a text look (a border, raw CSS): named, not read."""

    name: str


@dataclass(frozen=True)
class CellStyle:
    """One ``tab_style`` entry: where it applies and what it sets."""

    location: str  # great_tables' location class, "LocBody" for body cells
    column: str | None
    row: int | None
    cues: tuple[Fill | Text | OtherCue, ...]


def built(gt: GT) -> GT:
    """The table as great_tables builds it for HTML (formatters applied), once for both formats.

    ``as_raw_html`` builds the table every time it is called; building is most of its cost.
    """
    return gt._build_data("html")


def html(built_gt: GT) -> str:
    """The HTML of a table already ``built``: what ``as_raw_html`` gives, without building again."""
    return built_gt._render_as_html()


def columns(gt: GT) -> list[Column]:
    """The visible data columns, in display order (not the stub, row-group or hidden columns)."""
    from great_tables._text import Html

    found = []
    for info in gt._boxhead:
        if not (info.visible and info.type.name == "default"):
            continue
        label = info.column_label
        found.append(
            Column(
                name=info.var,
                label=label.text if isinstance(label, Html) else str(label),
                label_is_html=isinstance(label, Html),
                width=info.column_width,
                align=info.column_align,
            )
        )
    return found


def body_texts(built_gt: GT, column: str) -> list[str]:
    """A column's body cells as great_tables renders them for HTML (in the data's row order)."""
    return [str(text) for text in built_gt._body.body[column].tolist()]


def rows_in_order(gt: GT) -> Iterator[tuple[int, RowGroup | None]]:
    """Each body row's index in the data, in display order (rows by row group), with its group.

    The same ``RowGroup`` object stands for every row of a group, so ``is`` tells where one starts.
    """
    groups: dict[int, RowGroup] = {}
    for row, info in gt._stub.group_indices_map():
        if info is None:
            yield row, None
            continue
        group = groups.get(id(info))
        if group is None:
            label = str(info.group_label) if info.group_label else None
            group = groups[id(info)] = RowGroup(str(info.group_id), label)
        yield row, group


def cell_styles(gt: GT) -> list[CellStyle]:
    """The table's ``tab_style`` entries, in the order they were set."""
    from great_tables import style

    found = []
    for info in gt._styles:
        cues: list[Fill | Text | OtherCue] = []
        for cue in info.styles:
            if isinstance(cue, style.fill):
                cues.append(Fill(str(cue.color)))
            elif isinstance(cue, style.text):
                cues.append(
                    Text(
                        color=str(cue.color) if cue.color else None,
                        weight=str(cue.weight) if cue.weight else None,
                        style=str(cue.style) if cue.style else None,
                        align=str(cue.align) if cue.align else None,
                    )
                )
            else:
                cues.append(OtherCue(type(cue).__name__))
        found.append(CellStyle(type(info.locname).__name__, info.colname, info.rownum, tuple(cues)))
    return found
