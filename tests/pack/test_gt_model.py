"""great_tables' private model, as ``scorecard.pack.output.gt_model`` reads it.

A great_tables release may reshape what these tests read (its names start with ``_``). Each test
then fails with the installed version and the module to update, not with a stray AttributeError in
the middle of a render.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import great_tables
import pandas as pd
import pytest
from great_tables import GT, html, loc, style

from scorecard.pack.output import gt_model


@contextlib.contextmanager
def private_model(what: str) -> Iterator[None]:
    try:
        yield
    except (AssertionError, AttributeError, ImportError, KeyError, TypeError) as error:
        pytest.fail(
            f"great_tables {great_tables.__version__} changed its private model ({what}): "
            f"update lib/scorecard/pack/output/gt_model.py ({type(error).__name__}: {error})"
        )


def _table() -> GT:
    frame = pd.DataFrame(
        {"ID": ["1", "2", "3"], "Value": [1.5, 2.25, 3.0], "Group": ["A", "B", "A"], "Hidden": [0, 0, 0]}
    )
    return (
        GT(frame, groupname_col="Group")
        .cols_label(Value=html("<b>Value</b>"))
        .cols_width({"ID": "20%", "Value": "80%"})
        .cols_align("right", columns="Value")
        .cols_hide("Hidden")
        .fmt_number("Value", decimals=1)
        .tab_style(style.fill("#00FF00"), loc.body(columns="Value", rows=[1]))
        .tab_style(style.text(color="#112233", weight="bold"), loc.body(columns="ID", rows=[0]))
        .tab_style(style.borders(), loc.body(columns="ID", rows=[2]))
        .tab_style(style.fill("#FFFFFF"), loc.column_labels())
    )


def test_columns_are_the_visible_data_columns_with_labels_widths_and_alignment() -> None:
    with private_model("the boxhead"):
        columns = gt_model.columns(gt_model.built(_table()))
        assert [c.name for c in columns] == ["ID", "Value"]
        assert (columns[0].label, columns[0].label_is_html) == ("ID", False)
        assert (columns[1].label, columns[1].label_is_html) == ("<b>Value</b>", True)
        assert [c.width for c in columns] == ["20%", "80%"]
        assert columns[1].align == "right"


def test_body_texts_are_the_formatted_html_cells() -> None:
    with private_model("the body"):
        assert gt_model.body_texts(gt_model.built(_table()), "Value") == ["1.5", "2.2", "3.0"]


def test_rows_come_in_display_order_with_one_object_per_group() -> None:
    with private_model("the stub's row groups"):
        rows = list(gt_model.rows_in_order(gt_model.built(_table())))
        assert [row for row, _ in rows] == [0, 2, 1]  # group A's rows, then group B's
        groups = [group for _, group in rows]
        assert groups[0] is groups[1] and groups[0] is not groups[2]
        assert groups[0] == gt_model.RowGroup("A", "A")


def test_cell_styles_say_where_and_what() -> None:
    with private_model("the styles"):
        styles = gt_model.cell_styles(_table())
        assert [(s.location, s.column, s.row) for s in styles[:3]] == [
            ("LocBody", "Value", 1),
            ("LocBody", "ID", 0),
            ("LocBody", "ID", 2),
        ]
        assert styles[0].cues == (gt_model.Fill("#00FF00"),)
        assert styles[1].cues == (gt_model.Text(color="#112233", weight="bold", style=None, align=None),)
        assert styles[2].cues == (gt_model.OtherCue("CellStyleBorders"),)
        assert styles[3].location != "LocBody"


def test_html_of_a_built_table_is_what_as_raw_html_gives() -> None:
    table = _table().with_id("fixed")
    with private_model("rendering a built table"):
        assert gt_model.html(gt_model.built(table)) == table.as_raw_html()
