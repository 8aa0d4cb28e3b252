"""What the board sees of rebases, baselines, gaps and held limits: chart lines, table titles, key, notes."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from scorecard.data import load_data
from scorecard.pack.parts.chart_data import section_panels
from scorecard.pack.parts.charts import section_charts
from scorecard.pack.parts.key.notes import data_notes, key_table
from scorecard.pack.parts.table.tables import section_frame
from scorecard.rules import build_scorecard

REBASES = "id,from,reason\n2,2024-08,new recording system\n2,2024-12,threshold guidance changed\n"


@pytest.fixture
def rebased(tmp_data_dir: Path):
    (tmp_data_dir / "rebases.csv").write_text(REBASES)
    catalogue = pd.read_csv(tmp_data_dir / "catalogue.csv", dtype=str, keep_default_na=False)
    catalogue.loc[catalogue["id"] == "23", "baseline"] = "12"
    catalogue.to_csv(tmp_data_dir / "catalogue.csv", index=False, lineterminator="\n")
    return build_scorecard(load_data(tmp_data_dir))


def test_the_chart_draws_each_rebase_with_its_reason(rebased) -> None:
    panel = next(p for p in section_panels(rebased, "early-help").panels if p.id == "2")
    assert panel.rebases == (("2024-08", "new recording system"), ("2024-12", "threshold guidance changed"))
    chart = section_charts(rebased, "early-help").charts[0]
    assert "new recording" in chart.svg and "threshold" in chart.svg
    assert "new SPC limits from here" in chart.svg  # the legend says what the line is
    assert "new limits from Aug-24: new recording system" in chart.alt
    assert "a dashed vertical line where new limits start" in chart.alt


def test_a_chart_without_rebases_has_no_rebase_legend(rebased) -> None:
    chart = section_charts(rebased, "qa-auditing").charts[0]
    assert "new SPC limits from here" not in chart.svg and "baseline ends" not in chart.svg


def test_the_table_names_the_rebases_in_the_months_shown(rebased) -> None:
    frame, _ = section_frame(rebased, "early-help")
    title = frame.set_index("ID").loc["2", "Indicator"]
    assert title.endswith(
        "(new limits from Aug-24: new recording system; new limits from Dec-24: threshold guidance changed)"
    )
    workforce, _ = section_frame(rebased, "workforce")
    assert workforce.set_index("ID").loc["84", "Indicator"].endswith("(new series from Oct-24)")


def test_the_key_says_limits_are_held_at_the_bounds(rebased) -> None:
    html = key_table(0.15, sc=rebased).as_raw_html()
    assert "limits held at 0 and 100%" in html and "within 0% and 100% for a percentage" in html
    assert "a gap in the line" in html
    assert "new limits (dashed line)" in html and "baseline ends (tick)" in html
    plain = key_table(0.15).as_raw_html()  # no scorecard: no rebase or baseline rows
    assert "limits held at 0 and 100%" in plain and "new limits (dashed line)" not in plain


def test_the_data_notes_list_every_rebase_and_baseline(rebased) -> None:
    notes = data_notes(rebased)
    assert (
        "- **New SPC limits, ID 2** (Percentage of Early Help Assessments completed within 45 working "
        "days (in month)): from August 2024: new recording system; from December 2024: threshold "
        "guidance changed." in notes
    )
    assert "- **Series break, ID 84**" in notes
    assert "- **SPC baseline of 12 points** (ID 23): each segment's limits come from its first 12" in notes
