"""The LAIT method: neighbours' average, rank with ties, quartile bands by R's default quantile."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from scorecard.data.benchmarks.method import (
    band_in,
    neighbour_average,
    quartile_band,
    quartiles,
    rank,
)
from scorecard.model import Polarity

HIGH, LOW = Polarity.HIGHER.value, Polarity.LOWER.value


def test_the_neighbours_average_leaves_out_those_without_a_figure() -> None:
    average = neighbour_average([20.0, None, 10.0, None])
    assert (average.value, average.with_figure, average.of) == (15.0, 2, 4)
    nobody = neighbour_average([None, None])
    assert (nobody.value, nobody.with_figure, nobody.of) == (None, 0, 2)


@pytest.mark.parametrize(
    ("polarity", "own", "expected"),
    [(HIGH, 10.0, 1), (HIGH, 8.0, 3), (HIGH, 2.0, 5), (LOW, 2.0, 1), (LOW, 10.0, 4), (LOW, 8.0, 3)],
)
def test_rank_one_is_best_and_ties_share_the_best_rank(polarity: str, own: float, expected: int) -> None:
    figures = [10.0, 10.0, 8.0, 2.0, 5.0]
    assert rank(own, figures, polarity) == expected
    # pandas' "min" method is R's ties.method = "min": an independent check of every council's rank
    series = pd.Series(figures)
    ranks = series.rank(method="min", ascending=polarity == LOW).astype(int)
    assert [rank(v, figures, polarity) for v in figures] == list(ranks)


def test_no_better_direction_is_neither_ranked_nor_banded() -> None:
    for polarity in (Polarity.BAND.value, Polarity.NONE.value):
        assert rank(5.0, [1.0, 5.0], polarity) is None
        assert quartile_band(5.0, [1.0, 5.0], polarity) is None


def test_quartiles_are_r_type_7() -> None:
    # R: quantile(1:8) -> 1.00 2.75 4.50 6.25 8.00
    assert quartiles([float(n) for n in range(1, 9)]) == (1.0, 2.75, 4.5, 6.25, 8.0)
    # R: quantile(c(3, 1, 4, 1, 5, 9, 2, 6)) -> 1.00 1.75 3.50 5.25 9.00
    assert quartiles([3.0, 1.0, 4.0, 1.0, 5.0, 9.0, 2.0, 6.0]) == (1.0, 1.75, 3.5, 5.25, 9.0)


@pytest.mark.parametrize(
    ("polarity", "values", "bands"),
    # calculate_quartile_band's own examples in LAIT's R/fn_analysis.R: bands 0, 10, 20, 30, 40
    [(LOW, [5, 10, 15, 20, 25, 30, 35, 40], "AABBCCDD"), (HIGH, [5, 10, 15, 20, 25, 30, 35, 40], "DDCCBBAA")],
)
def test_bands_follow_lait_with_each_quartile_inclusive_above(
    polarity: str, values: list[int], bands: str
) -> None:
    edges = (0.0, 10.0, 20.0, 30.0, 40.0)
    assert "".join(str(band_in(float(v), edges, polarity)) for v in values) == bands


def test_a_band_holds_about_a_quarter_of_the_councils() -> None:
    figures = list(np.random.default_rng(28).normal(50, 10, 151).round(1))
    counts = pd.Series([quartile_band(f, figures, HIGH) for f in figures]).value_counts()
    assert set(counts.index) == {"A", "B", "C", "D"}
    assert all(35 <= n <= 41 for n in counts)
