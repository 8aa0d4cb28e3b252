"""Executive summary: counts that add up, the attention lists, and the Making Data Count matrix."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import pytest
from _synthetic import LATEST, build

from scorecard.pack import layout, palette
from scorecard.pack.parts import rag_chart, summary
from scorecard.pack.parts.table import section_cells, tables


@pytest.fixture(scope="module")
def sc():
    return build()


def test_rag_counts_add_up_per_section_and_overall(sc) -> None:
    counts = summary.rag_counts(sc)
    rag_columns = [summary.rag_label(r) for r in palette.RAG_ORDER]
    assert list(counts[summary.SECTION]) == ["Early Help", "Workforce", "Total"]
    assert list(counts[summary.TOTAL]) == [4, 2, 6]
    assert (counts[rag_columns].sum(axis=1) == counts[summary.TOTAL]).all()
    expected_red = sum(1 for rag, *_ in LATEST.values() if rag == "red")
    assert counts.iloc[-1]["✗ off target"] == expected_red


def test_travel_counts_cover_every_indicator(sc) -> None:
    counts = summary.travel_counts(sc)
    assert sum(counts.values()) == len(sc.indicators)
    assert counts == {"improving": 2, "declining": 1, "no_change": 0, "not_applicable": 3}


def test_off_target_and_getting_worse(sc) -> None:
    listing = summary.off_target_and_worse(sc)
    assert list(listing["ID"]) == ["84"]
    assert listing.iloc[0]["Latest"] == "13.42" and listing.iloc[0]["Direction of travel"] == "▲ declining"


def test_special_causes_by_kind(sc) -> None:
    assert list(summary.special_causes(sc, "concern")["ID"]) == ["84"]
    assert list(summary.special_causes(sc, "improvement")["ID"]) == ["2"]


def test_mdc_matrix_places_every_indicator_once(sc) -> None:
    matrix = summary.mdc_matrix(sc).set_index("Variation")
    assert matrix.loc["special cause improvement", "hit and miss"] == "2"
    assert matrix.loc["special cause concern", "consistently failing"] == "84"
    assert matrix.loc["not assessed (too few points or no data)", "no single target"] == "3, 34"
    assert matrix.loc["common cause", "no single target"] == "16 (trial)"  # one of four readings on trial
    ids = [
        i.removesuffix(" (trial)")
        for cell in matrix.to_numpy().ravel()
        if cell != "–"
        for i in cell.split(", ")
    ]
    assert sorted(ids) == sorted(sc.indicators["id"])
    assert _mdc_counts(sc).to_numpy().sum() == len(sc.indicators)


def _mdc_counts(sc) -> pd.DataFrame:
    """The matrix as counts (for checking that every indicator is in exactly one cell)."""
    ind = sc.indicators
    return pd.DataFrame(
        {
            column: [
                int((ind["variation"].isin(kinds) & (ind["assurance"] == a)).sum())
                for kinds in summary.MDC_ROWS.values()
            ]
            for column, a in summary.MDC_COLUMNS.items()
        },
        index=list(summary.MDC_ROWS),
    )


def test_mdc_matrix_heads_rows_and_columns_with_the_icons(sc) -> None:
    html = tables.mdc_matrix_table(summary.mdc_matrix(sc), summary.MDC_ROW_ICONS, summary.MDC_COLUMN_ICONS)
    html = html.as_raw_html()
    for name in (
        "improvement_high",
        "improvement_low",
        "common_cause",
        "concern_high",
        "neither_low",
        "pass",
    ):
        assert f'data-icon="{name}"' in html, name
    head = html[html.index("<thead") : html.index("</thead>")]
    assert 'aria-label="consistently failing the target"' in head and "no single target" in head


def test_trial_note_counts_the_trial_readings(sc) -> None:
    note = summary.trial_note(sc)
    assert note.startswith("1 of 4 SPC readings rest on trial limits") and "from 13" in note
    every = replace(sc, indicators=sc.indicators.assign(spc_limits="trial"))
    assert summary.trial_note(every).startswith("All 6 SPC readings")
    none = replace(sc, indicators=sc.indicators.assign(spc_limits="full"))
    assert summary.trial_note(none) == ""
    assert summary.mdc_matrix(every).set_index("Variation").loc["common cause", "no single target"] == "16"


def test_icon_table_has_one_row_per_indicator_by_section(sc) -> None:
    frame = summary.icon_table(sc)
    assert list(frame["ID"]) == ["1", "2", "3", "34", "16", "84"]
    assert list(frame["Section"]) == ["early-help"] * 4 + ["workforce"] * 2
    row = frame.set_index("ID").loc["84"]
    assert (row["Latest"], row["Target"], row["Variation"], row["Assurance"]) == (
        "13.42",
        "10",
        "concern, high",
        "failing",
    )
    assert frame.set_index("ID").loc["16", "Variation"] == "common cause (trial)"
    assert frame.set_index("ID").loc["3", "Variation"] == "○ too few points"
    html = tables.icon_table(frame, sc, layout.ICON_TABLE_WIDTHS, {"84": "trends-workforce-1"}).as_raw_html()
    assert html.count('class="gt_group_heading"') == 2 and ">Early Help</th>" in html
    assert '<a href="#trends-workforce-1">84</a>' in html
    assert (
        'aria-label="special cause concern, high"' in html
        and 'aria-label="consistently failing the target"' in html
    )


def test_rag_chart_alt_text_states_the_counts(sc) -> None:
    chart = rag_chart.draw_rag_bars(summary.rag_bars(sc)).charts[0]
    assert "Early Help: 1 on target, 0 within tolerance, 0 off target, 3 no rating" in chart.alt
    assert "Workforce: 1 on target, 0 within tolerance, 1 off target, 0 no rating" in chart.alt
    assert chart.svg.lstrip().startswith("<?xml")


def test_attention_lists_put_the_furthest_off_target_first() -> None:
    from scorecard.data.load import load_data
    from scorecard.rules.frame import build_scorecard

    real = build_scorecard(load_data(summary_data_dir()), "2025-03")
    listing = summary.off_target_and_worse(real)
    by_id = real.indicators.set_index("id")
    rags = [by_id.loc[i, "rag"] for i in listing["ID"]]
    misses = [by_id.loc[i, "target_miss"] for i in listing["ID"]]
    assert rags == sorted(rags, key=["red", "amber"].index)  # red before amber
    for rag in ("red", "amber"):
        within = [m for r, m in zip(rags, misses, strict=True) if r == rag]
        assert within == sorted(within, reverse=True)
    assert len(listing) == int(
        ((real.indicators["rag"].isin(["red", "amber"])) & (real.indicators["trend"] == "declining")).sum()
    )


def summary_data_dir():
    from pathlib import Path

    return Path(__file__).resolve().parents[2] / "data"


def test_a_banded_indicator_shows_its_green_band_as_its_target_everywhere(sc) -> None:
    # A council's own bands with no single target: the summary must not show "—" where the section
    # table shows the band the rating was made against.
    indicators = sc.indicators.copy()
    banded = indicators["id"] == "84"
    indicators.loc[banded, "target"] = ""
    indicators.loc[banded, "green"] = "<= 8"
    banded_sc = replace(sc, indicators=indicators)
    assert summary.icon_table(banded_sc).set_index("ID").loc["84", "Target"] == "green <= 8"
    assert summary.icon_table(banded_sc).set_index("ID").loc["1", "Target"] == "Monitor"
    section, _ = section_cells.section_frame(banded_sc, "workforce")
    assert section.set_index(section_cells.ID).loc["84", section_cells.TARGET] == "green <= 8"
