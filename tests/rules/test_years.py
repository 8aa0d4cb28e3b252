"""Five years of months (the benchmark generator's history before the shipped year): rebases with
reasons and a baseline, limits per segment agreeing with NHSRplotthedots, 12 months in the tables,
36 months (or the whole history) in the charts."""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from test_spc_reference import r_spc

from scorecard.data.load import load_data
from scorecard.model import SpcRules
from scorecard.pack.parts.chart_data import section_panels
from scorecard.pack.parts.charts import section_charts
from scorecard.pack.parts.table.tables import section_frame
from scorecard.rules.frame import build_scorecard

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))
from synthetic import extend_history  # noqa: E402  (the benchmark's generator, one source for both)

REBASES = (
    "id,from,reason\n2,2022-10,new recording system\n2,2024-04,threshold guidance changed\n"
    "23,2022-07,service redesigned\n"
)
DIRECTION = {"higher_is_better": 1, "lower_is_better": -1}


def five_years(target: Path, rules: str = "", settings: str = "") -> Path:
    """The shipped data with 60 months, two rebases on ID 2, and a rebase and a baseline of 15 on ID 23."""
    shutil.copytree(ROOT / "data", target, ignore=shutil.ignore_patterns("raw"))
    extend_history(target, 60)
    (target / "rebases.csv").write_text(REBASES)
    catalogue = pd.read_csv(target / "catalogue.csv", dtype=str, keep_default_na=False)
    catalogue.loc[catalogue["id"] == "23", "baseline"] = "15"
    catalogue.to_csv(target / "catalogue.csv", index=False, lineterminator="\n")
    with (target / "settings.yaml").open("a") as file:
        file.write(f"spc_rules: {rules}\n" if rules else "")
        file.write(settings)
    return target


@pytest.fixture(scope="module")
def years(tmp_path_factory):
    return build_scorecard(load_data(five_years(tmp_path_factory.mktemp("years") / "data")))


def test_sixty_months_are_read_and_the_tables_show_the_last_twelve(years):
    assert len(years.data.periods) == 60
    assert years.periods == [f"2024-{m:02d}" for m in range(4, 13)] + ["2025-01", "2025-02", "2025-03"]
    frame, _ = section_frame(years, "early-help")
    assert [c for c in frame.columns if c[:3] in ("Apr", "Mar")] == ["Apr-24", "Mar-25"]


def test_the_charts_show_36_months_or_the_whole_history(years, tmp_path):
    assert years.chart_periods[0] == "2022-04" and len(years.chart_periods) == 36
    panels = section_panels(years, "early-help")
    assert panels.periods == years.chart_periods and len(panels.panels[0].values) == 36
    whole = build_scorecard(load_data(five_years(tmp_path / "data", settings="chart_months: all\n")))
    assert whole.chart_periods[0] == "2020-04" and len(whole.chart_periods) == 60
    assert "trends Apr-20 to Mar-25" in section_charts(whole, "early-help").charts[0].caption


def test_each_segment_has_its_limits_and_the_chart_its_lines(years):
    spc = years.spc[years.spc["id"] == "2"]
    assert sorted(set(spc["segment"])) == [1, 2, 3]
    for _, part in spc.groupby("segment"):
        assert part["mean"].nunique() == 1
    panel = next(p for p in section_panels(years, "early-help").panels if p.id == "2")
    assert panel.rebases == (("2022-10", "new recording system"), ("2024-04", "threshold guidance changed"))
    assert "new limits from Oct-22: new recording system" in panel.description
    twenty_three = next(p for p in section_panels(years, "social-work-practice").panels if p.id == "23")
    # 15 points from Jul-22: the limits are held from Oct-23, and the chart marks the end at Sep-23
    assert twenty_three.baseline_ends == (years.chart_periods.index("2023-09"),)
    held = years.spc[(years.spc["id"] == "23") & (years.spc["segment"] == 2)]
    assert list(held["in_baseline"]) == [True] * 15 + [False] * (len(held) - 15)
    assert held["mean"].nunique() == 1 and held["mean"].iloc[0] == pytest.approx(held["value"][:15].mean())


@pytest.mark.parametrize("ident", ["2", "23"])
def test_the_rebased_and_the_baselined_indicator_agree_with_the_package(tmp_path, ident):
    data = load_data(five_years(tmp_path / "data", rules=SpcRules.PLOTTHEDOTS_02.value))
    sc = build_scorecard(data)
    spc = sc.spc[sc.spc["id"] == ident]
    row = sc.indicator(ident)
    rebase = [r.start for r in sc.rebases.get(ident, [])]
    fix = 15 if ident == "23" else None
    y, dates = spc["value"].to_numpy(dtype=float), list(spc["period"])
    levels, causes, types = r_spc(y, dates, rebase, fix, DIRECTION[row["polarity"]])
    held = np.clip(levels, 0.0, 100.0)  # a percentage: the package's limits, held at the bounds
    assert np.c_[spc["mean"], spc["lower_limit"], spc["upper_limit"]] == pytest.approx(held)
    assert np.c_[spc["lower_limit_unbounded"], spc["upper_limit_unbounded"]] == pytest.approx(levels[:, 1:])
    assert list(spc["special_cause"]) == causes
    assert list(spc["point_type"]) == types
    assert len(rebase) == (2 if ident == "2" else 1) and sum(c != "" for c in causes) > 0


def test_a_long_chart_draws_its_line_without_a_dot_a_month(years):
    from scorecard.pack import palette

    def dots(svg: str) -> int:
        return len(re.findall(r'<use [^>]*style="fill: ' + palette.SERIES.lower(), svg))

    long_chart = section_charts(years, "early-help").charts[0]
    assert dots(long_chart.svg) == 0 and "monthly value" in long_chart.svg
    shipped = section_charts(build_scorecard(load_data(ROOT / "data")), "early-help").charts[0]
    assert dots(shipped.svg) > 100  # a year of months: a dot on every figure, as before
