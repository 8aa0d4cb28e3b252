"""Scorecard tables: every month shown as published, filled with its RAG colour by inline style."""

from __future__ import annotations

import pytest
from _synthetic import PERIODS, RAG_OF, ROWS, background, build, table_cells

from scorecard.pack import palette
from scorecard.pack.output import gt_model
from scorecard.pack.parts.table import section_cells, tables
from scorecard.periods import period_label


@pytest.fixture(scope="module")
def sc():
    return build()


@pytest.fixture(scope="module")
def early_help(sc) -> list[dict[str, tuple[str, str]]]:
    return table_cells(tables.scorecard_table(sc, "early-help").as_raw_html())


def test_one_row_per_indicator_in_catalogue_order(sc, early_help) -> None:
    assert [row["ID"][0] for row in early_help] == list(sc.section("early-help")["id"])


def test_month_cells_are_filled_with_their_rag(early_help) -> None:
    expected_rows = {ident: rags for ident, rags in RAG_OF.items()}
    values = {row[0]: row[8] for row in ROWS}
    for row in early_help:
        ident = row["ID"][0]
        for period, rag, raw in zip(PERIODS, expected_rows[ident], values[ident], strict=True):
            text, css = row[period_label(period)]
            has_number = isinstance(raw, int | float)
            want = palette.RAG[rag].fill if has_number else palette.STATUS_FILL
            assert background(css) == want.upper(), (ident, period, text)


def test_values_are_formatted_as_published(early_help) -> None:
    by_id = {row["ID"][0]: row for row in early_help}
    assert by_id["1"]["Mar-25"][0] == "1,435"
    assert by_id["2"]["Nov-24"][0] == "87.4% ◆"
    assert by_id["2"]["Mar-25"][0] == "99.0% ✓"


def test_statuses_are_words_never_blank_or_zero(early_help) -> None:
    by_id = {row["ID"][0]: row for row in early_help}
    assert by_id["3"]["Mar-25"][0] == "NYC"
    assert all(by_id["34"][period_label(p)][0] == "—" for p in PERIODS)
    for row in early_help:
        for column, (text, _) in row.items():
            assert text not in ("", "0"), (row["ID"], column)


def test_not_reported_and_series_break_are_shown(sc) -> None:
    rows = table_cells(tables.scorecard_table(sc, "workforce").as_raw_html())
    sickness = next(row for row in rows if row["ID"][0] == "84")
    assert sickness["Jun-24"][0] == "not reported"
    assert "new series from Oct-24" in sickness["Indicator"][0]


def test_direction_rag_and_spc_carry_words_and_colour(early_help) -> None:
    row = next(row for row in early_help if row["ID"][0] == "2")
    text, css = row["Direction-of-travel"]
    assert text == "▲ improving" and palette.IMPROVING.lower() in css.lower()
    # The latest RAG is the latest month's own cell (fill and glyph): no column says it again.
    assert "Latest-RAG" not in row
    text, css = row["Mar-25"]
    assert text.endswith("✓") and background(css) == palette.RAG["green"].fill.upper()
    assert " ".join(row["SPC"][0].split()) == "improvement, high · hit and miss"


def test_spc_cells_show_mdc_icons_with_their_words(sc) -> None:
    html = tables.scorecard_table(sc, "early-help").as_raw_html()
    assert 'data-icon="improvement_high" data-trial="0"' in html  # ID 2, higher is better
    assert (
        'aria-label="special cause improvement, high"' in html
        and 'aria-label="hit and miss the target"' in html
    )
    assert 'data-icon="neither_high"' in html  # ID 1, no preference
    texts, _ = section_cells.spc_cells(sc.section("early-help"))
    assert texts[2:4] == ["○ too few points", "– no data"]  # IDs 3 and 34: words, no icon
    workforce, markups = section_cells.spc_cells(sc.section("workforce"))
    assert workforce == ["common cause (trial)", "concern, high · failing"]  # 16 on trial limits; 84
    assert 'data-icon="common_cause" data-trial="1"' in markups[0]
    assert 'aria-label="common cause variation, on trial limits"' in markups[0]


def test_ids_link_to_their_charts_and_widths_fill_the_page(sc) -> None:
    table = tables.scorecard_table(sc, "early-help", {"1": "trends-early-help-1"})
    html = table.as_raw_html()
    assert '<a href="#trends-early-help-1">1</a>' in html
    assert '<a href="#' not in html.replace('<a href="#trends-early-help-1">1</a>', "")  # only ids given
    widths = [float(str(column.width).rstrip("%")) for column in gt_model.columns(table)]
    assert sum(widths) == pytest.approx(100.0, abs=0.1)


def test_styles_are_inline_only(sc) -> None:
    # Class-based CSS would vanish from the PDF: every cue must be in a style attribute.
    html = tables.scorecard_table(sc, "early-help").as_raw_html()
    assert html.count('style="background-color') >= 12 * 4
