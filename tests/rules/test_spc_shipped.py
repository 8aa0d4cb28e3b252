"""The shipped data under both SPC rule sets: exactly what Making Data Count's 2023 rules change.

docs/spc.md states these figures; this test is where they are measured.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest

from scorecard.data.load import load_data
from scorecard.model import ScorecardData, SpcRules
from scorecard.rules import build_scorecard, export_frame

DATA = Path(__file__).resolve().parents[2] / "data"


def _with_rules(data: ScorecardData, rules: SpcRules) -> ScorecardData:
    return ScorecardData(
        replace(data.settings, spc_rules=rules), data.catalogue, data.values, data.published_direction
    )


@pytest.fixture(scope="module")
def both() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    data = load_data(DATA)
    assert data.settings.spc_rules is SpcRules.MDC_2023  # the shipped settings use the default
    package = _with_rules(data, SpcRules.PLOTTHEDOTS_02)
    return (
        export_frame(build_scorecard(package), detail=True),
        export_frame(build_scorecard(data), detail=True),
        export_frame(build_scorecard(package)),
        export_frame(build_scorecard(data)),
    )


def test_every_point_the_default_reads_differently_is_a_2023_rule_change(both) -> None:
    old, new, _, _ = both
    assert list(old[["id", "period", "value"]].itertuples()) == list(
        new[["id", "period", "value"]].itertuples()
    )
    differs = (old["special_cause"] != new["special_cause"]) | (old["point_type"] != new["point_type"])
    changed = old[differs].assign(
        special_cause_new=new.loc[differs, "special_cause"], point_type_new=new.loc[differs, "point_type"]
    )
    added = changed[changed["special_cause_new"] == "two_of_three"]
    added = added[added["special_cause"].isin(["", "run"])]
    # two of three beyond two sigma: 11 points, 9 of them common cause before, 2 named by the run rule
    assert len(added) == 11
    assert (added["special_cause"] == "").sum() == 9 and (added["special_cause"] == "run").sum() == 2
    relabelled = added[added["special_cause"] == "run"]
    assert (relabelled["point_type"] == relabelled["point_type_new"]).all()
    # improvement wins where a rule also calls the point concern: 4 points, none of them a latest one
    won = changed.drop(added.index)
    assert len(won) == 4
    assert (won["point_type"] == "concern").all() and (won["point_type_new"] == "improvement").all()
    assert sorted(zip(won["id"], won["period"], strict=True)) == [
        ("31", "2024-09"),
        ("31", "2024-10"),
        ("37", "2024-07"),
        ("37", "2024-08"),
    ]


def test_the_march_pack_changes_in_one_reading(both) -> None:
    _, _, old, new = both
    differs = (old["variation"] != new["variation"]) | (old["assurance"] != new["assurance"])
    assert list(new.loc[differs, "id"]) == ["39"]
    assert (old.loc[differs, "variation"].item(), new.loc[differs, "variation"].item()) == (
        "common_cause",
        "improvement",
    )
    assert set(old["spc_rules"]) == {"plotthedots-0.2"} and set(new["spc_rules"]) == {"mdc-2023"}


def test_twelve_point_series_keep_their_readings_on_trial_limits(both) -> None:
    _, _, _, new = both
    read = ~new["variation"].isin(["none", "too_few_points"])
    assert read.sum() == 59 and (new.loc[read, "spc_limits"] == "trial").all()
    assert (new.loc[~read, "spc_limits"] == "none").all()


def test_limits_beyond_what_a_measure_can_reach_are_held_and_kept_as_computed(both) -> None:
    """docs/spc.md, decision 10: 133 percentage upper limits above 100% and 158 lower limits below 0
    (77 of them percentages) as computed; none once held, in the export and the readings."""
    _, detail, _, indicators = both
    units = load_data(DATA).catalogue.set_index("id")["unit"]
    percent = detail["id"].map(units) == "percent"
    assert (percent & (detail["upper_limit_unbounded"] > 100)).sum() == 133
    assert (detail["lower_limit_unbounded"] < 0).sum() == 158
    assert (percent & (detail["lower_limit_unbounded"] < 0)).sum() == 77
    assert not (percent & (detail["upper_limit"] > 100)).any() and not (detail["lower_limit"] < 0).any()
    held = detail["upper_limit_unbounded"] > detail["upper_limit"]
    assert (detail.loc[held, "upper_limit"] == 100).all()
    assert set(indicators["assurance"]) <= {"pass", "fail", "inconsistent", "none"}
