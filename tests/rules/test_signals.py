"""The SPC readings in words: the rule that fired at the latest point, a rebase's label, the long shifts."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from scorecard.data.load import load_data
from scorecard.periods import period_label
from scorecard.rules.frame import build_scorecard
from scorecard.rules.signals import Shift, fired_in_words, latest_run, latest_trend, long_shifts
from scorecard.rules.spc.xmr import Rebase, rebase_label


@pytest.fixture(scope="module")
def shipped():
    return build_scorecard(load_data(Path(__file__).resolve().parents[2] / "data"))


def test_rebase_label():
    assert rebase_label(Rebase("5", "2024-10", "new recording system"), period_label) == (
        "new limits from Oct-24: new recording system"
    )


def test_latest_run_and_trend():
    assert latest_run(np.array([1.0, 3, 3, 3]), 2.0) == (3, 1)
    assert latest_run(np.array([3.0, 3, 1, 1]), 2.0) == (2, -1)
    assert latest_run(np.array([3.0, 3, 2]), 2.0) == (0, 0)  # on the mean: no run
    assert latest_run(np.array([3.0, 3, 3, 3]), 2.0, first=2) == (2, 1)  # not back past a gap
    assert latest_trend(np.array([5.0, 1, 2, 3])) == (3, 1)
    assert latest_trend(np.array([1.0, 2, 2])) == (0, 0)  # a tie ends a trend
    assert latest_trend(np.array([9.0, 8, 7, 6]), first=1) == (3, -1)


@pytest.mark.parametrize(
    ("ident", "words"),
    [
        ("3", "above the upper process limit"),
        ("6", "below the lower process limit"),
        ("18", "7 months above the mean since Sep-24"),
        ("2", "two of the last three months beyond two sigma above the mean"),
        ("22", "each of the last three months beyond two sigma below the mean"),
        ("1", ""),  # common cause
        ("45", ""),  # a trend, but too few points for a reading
        ("59", ""),  # no number in March
    ],
)
def test_the_rule_that_fired_in_words(shipped, ident, words):
    assert fired_in_words(shipped, ident, period_label) == words
    if words:
        spc = shipped.spc[shipped.spc["id"] == ident]
        assert spc["special_cause"].iloc[-1] != ""


def test_a_trend_in_words(tmp_data_dir: Path):
    values = pd.read_csv(tmp_data_dir / "values.csv", dtype=str, keep_default_na=False)
    rows = values.index[(values["id"] == "1")][-7:]
    values.loc[rows, ["value", "raw"]] = [[str(v), str(v)] for v in range(590, 660, 10)]
    values.to_csv(tmp_data_dir / "values.csv", index=False, lineterminator="\n")
    sc = build_scorecard(load_data(tmp_data_dir))
    assert fired_in_words(sc, "1", period_label) == "rising for 7 months since Sep-24"


def test_the_long_shifts_of_the_shipped_data(shipped):
    shifts = long_shifts(shipped)
    assert shifts == [
        Shift("18", 1, 7, "2024-09"),
        Shift("19b", -1, 7, "2024-09"),
        Shift("23", 1, 7, "2024-09"),
    ]
    assert shifts[0].line() == "18,2024-09,<what changed>"
    for shift in shifts:  # each really is 7 months on one side of its mean, ending in March
        spc = shipped.spc[shipped.spc["id"] == shift.id].tail(7)
        assert spc["period"].iloc[0] == shift.start and spc["period"].iloc[-1] == "2025-03"
        assert (np.sign(spc["value"] - spc["mean"]) == shift.side).all()


def test_a_rebase_at_the_shift_ends_the_prompt(tmp_data_dir: Path):
    (tmp_data_dir / "rebases.csv").write_text("id,from,reason\n18,2024-09,new recording system\n")
    shifts = long_shifts(build_scorecard(load_data(tmp_data_dir)))
    assert [shift.id for shift in shifts] == ["19b", "23"]


def test_the_words_write_periods_as_the_pack_does_by_default(shipped):
    assert fired_in_words(shipped, "18") == "7 months above the mean since Sep-24"
    assert rebase_label(Rebase("5", "2024-10", "new recording system")) == (
        "new limits from Oct-24: new recording system"
    )
