"""The Typst writer: a great_tables table carried into the PDF with its text, widths, fills and links."""

from __future__ import annotations

import pandas as pd
import pytest
from great_tables import GT, loc, style

from scorecard.pack.output import gt_model
from scorecard.pack.output.typst import TableLook, TypstError, built_typst_table, string


def typst_table(gt: GT, look: TableLook | None = None) -> str:
    """The table as Typst, built as the pack builds it."""
    return built_typst_table(gt_model.built(gt), look)


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
    # < > # as \u{..} escapes (scorecard.pack.output.escape): the same characters to Typst
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


def _icon_gt(cell: str) -> GT:
    frame = pd.DataFrame({"ID": ["5"], "SPC": ["x"]})
    return GT(frame).fmt(lambda _: cell, columns="SPC")


def test_an_mdc_icon_becomes_an_image_with_its_alt_text_and_its_words() -> None:
    from scorecard.pack.output import icons

    cell = icons.image("concern_high", True) + icons.image("fail", True) + icons.words_beside("concern, high")
    (row,) = _body_rows(typst_table(_icon_gt(cell)))
    assert row.count("image(bytes(") == 2 and row.count('format: "svg"') == 2
    assert 'alt: "special cause concern, high, on trial limits"' in row
    assert 'alt: "consistently failing the target, on trial limits"' in row
    assert row.endswith('#" concern, high"],')  # the words, as text the PDF's reader finds
    assert string(icons.svg("concern_high", True)) in row


@pytest.mark.parametrize(
    "tampered",
    [
        lambda m: m.replace('aria-label="special cause', 'aria-label="not what it shows'),  # not its words
        lambda m: m.replace('href="#mdc-concern-high"', 'href="#mdc-pass"'),  # another drawing
        lambda m: m.replace('data-icon="concern_high"', 'data-icon="unknown"'),
        lambda m: '<img class="mdc-icon" src="https://example.org/x.svg">',  # not one of ours at all
        lambda m: m.replace("></use>", "></use><script>alert(1)</script>"),  # more inside the drawing
        lambda m: m + '<span class="mdc-label" aria-hidden="true"><b>x</b></span>',  # markup in the words
    ],
)
def test_any_other_image_or_markup_is_refused(tampered) -> None:
    from scorecard.pack.output import icons

    with pytest.raises(TypstError):
        typst_table(_icon_gt(tampered(icons.image("concern_high"))))


def test_row_groups_become_sub_headers_and_html_labels_are_read_like_cells() -> None:
    from great_tables import html

    from scorecard.pack.output import icons

    frame = pd.DataFrame({"g": ["b-key", "a-key", "b-key"], "ID": ["1", "2", "3"]})
    table = (
        GT(frame, groupname_col="g")
        .fmt(lambda k: {"a-key": "A &amp; title", "b-key": "B"}[k], columns="g")
        .cols_label(ID=html(icons.markup("pass")))
    )
    code = typst_table(table)
    lines = [line.strip() for line in code.splitlines() if line.startswith("    ")][5:]  # after the header
    headings = [line for line in lines if line.startswith("table.header(level: 2")]
    assert [line.split("text(")[-1] for line in headings] == [
        'weight: "bold", "B"))),',
        'weight: "bold", "A & title"))),',
    ]
    assert [lines.index(h) for h in headings] == [0, 3]  # B's rows (1, 3) first, as great_tables shows them
    assert [line.rstrip(",").split(", ")[-1] for line in lines if not line.startswith("table.header")] == [
        '"1")',
        '"3")',
        '"2")',
    ]
    header = next(line for line in code.splitlines() if "table.header(repeat: true" in line)
    assert 'alt: "consistently passing the target"' in header and '" passing"' in header
