"""The Typst writer: a great_tables table carried into the PDF with its text, widths, fills and links."""

from __future__ import annotations

import pandas as pd
import pytest
from great_tables import GT, loc, style

from scorecard.pack.typst import TypstError, string, typst_table


def _gt() -> GT:
    frame = pd.DataFrame(
        {
            "ID": ["5", "8a"],
            "Mar-25": ["87.4% ✓", "NYC"],
            "Indicator": ['Rate "per" 10,000 & <more>', "back\\slash #x *y*"],
        }
    )
    frame = frame[["ID", "Indicator", "Mar-25"]]
    return (
        GT(frame)
        .cols_width({"ID": "5%", "Indicator": "60%", "Mar-25": "35%"})
        .cols_align("right", columns="Mar-25")
        .fmt(lambda i: f'<a href="#trends-x-1">{i}</a>' if i == "5" else i, columns="ID")
        .tab_style(
            [style.fill(color="#007A87"), style.text(color="#FFFFFF", weight="bold")],
            loc.body(columns="Mar-25", rows=[0]),
        )
        .tab_style(style.text(style="italic"), loc.body(columns="Mar-25", rows=[1]))
    )


SETTINGS = ("columns:", "inset:", "stroke:", "fill:", "table.header")


def _body_rows(code: str) -> list[str]:
    return [
        line.strip()
        for line in code.splitlines()
        if line.startswith("    ") and not line.strip().startswith(SETTINGS)
    ]


def test_widths_header_and_every_cell_are_carried() -> None:
    code = typst_table(_gt())
    assert "columns: (5%, 60%, 35%,)" in code
    assert (
        'table.header(repeat: true, text(weight: "bold", "ID"), text(weight: "bold", "Indicator"), '
        'table.cell(align: right, text(weight: "bold", "Mar-25")))' in code
    )
    first, second = _body_rows(code)
    # < > # as \u{..} escapes (scorecard.pack.escape): the same characters to Typst
    assert first.startswith('link(label("trends-x-1"), "5"), "Rate \\"per\\" 10,000 & \\u{3c}more\\u{3e}", ')
    assert (
        'table.cell(fill: rgb("#007A87"), align: right, text(fill: rgb("#FFFFFF"), weight: "bold", '
        '"87.4% ✓"))' in first
    )
    assert (
        second
        == '"8a", "back\\\\slash \\u{23}x *y*", table.cell(align: right, text(style: "italic", "NYC")),'
    )


def test_markup_the_pdf_cannot_show_is_an_error_not_a_silent_loss() -> None:
    table = GT(pd.DataFrame({"A": ["x"]})).fmt(lambda v: f"<b>{v}</b>", columns="A")
    with pytest.raises(TypstError, match="<b>x</b>"):
        typst_table(table)


def test_a_width_that_is_not_a_percentage_is_refused() -> None:
    with pytest.raises(TypstError, match="percentage"):
        typst_table(GT(pd.DataFrame({"A": ["x"]})).cols_width({"A": "120px"}))


def test_strings_escape_quotes_backslashes_and_line_breaks() -> None:
    assert string('a "b" \\ c\nd') == '"a \\"b\\" \\\\ c\\nd"'
