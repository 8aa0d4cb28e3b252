"""RAG rules for every target form and every polarity, at the boundaries."""

from __future__ import annotations

import math

import numpy as np
import pytest

from scorecard.model import Polarity, Rag
from scorecard.rules.rag import rag, rag_bands, rag_values
from scorecard.targets import parse_target

TOL = 0.15
H, L, B, N = Polarity.HIGHER, Polarity.LOWER, Polarity.BAND, Polarity.NONE
G, A, R, X = Rag.GREEN, Rag.AMBER, Rag.RED, Rag.NONE


@pytest.mark.parametrize(
    ("target", "polarity", "value", "expected"),
    [
        # higher is better, threshold 90%: green >= 90, amber >= 76.5, red below
        ("90.0%", H, 99.0, G),
        ("90.0%", H, 90.0, G),
        ("90.0%", H, 89.9, A),
        ("90.0%", H, 76.5, A),
        ("90.0%", H, 76.4, R),
        ("90.0%", H, 0.0, R),
        ("45%", H, 45.0, G),
        ("45%", H, 38.25, A),
        ("45%", H, 38.2, R),
        ("6 per month", H, 6, G),
        ("6 per month", H, 5.1, A),
        ("6 per month", H, 5, R),
        ("15", H, 15, G),
        ("15", H, 12.75, A),
        ("15", H, 12.7, R),
        # lower is better, threshold: green <= T, amber <= T(1+tol)
        ("45%", L, 43.1, G),
        ("45%", L, 45.0, G),
        ("45%", L, 51.75, A),
        ("45%", L, 51.8, R),
        ("15", L, 17.25, A),
        ("15", L, 17.3, R),
        # zero target: no amber band
        ("0", L, 0.0, G),
        ("0", L, 0.1, R),
        ("0", L, 1.0, R),
        ("0", H, 0.0, G),
        ("0", H, 5.0, G),
        # below T is strict: T itself is amber
        ("Below 8%", L, 7.9, G),
        ("Below 8%", L, 8.0, A),
        ("Below 8%", L, 9.2, A),
        ("Below 8%", L, 9.3, R),
        ("below 50", L, 49, G),
        ("below 50", L, 50, A),
        ("below 50", L, 57.5, A),
        ("below 50", L, 58, R),
        ("below 50", B, 49, G),
        # at least
        ("80%+", H, 80.0, G),
        ("80%+", H, 100.0, G),
        ("80%+", H, 68.0, A),
        ("80%+", H, 67.9, R),
        ("80%+", B, 80.0, G),
        # band: green inside, amber within tol of the nearer bound, red beyond
        ("105-135", B, 105, G),
        ("105-135", B, 134.9, G),
        ("105-135", B, 135, G),
        ("105-135", B, 135.1, A),
        ("105-135", B, 155.25, A),
        ("105-135", B, 155.3, R),
        ("105-135", B, 104, A),
        ("105-135", B, 89.25, A),
        ("105-135", B, 89.2, R),
        ("34-35", B, 30.0, A),
        ("34-35", B, 28.9, A),
        ("34-35", B, 28.8, R),
        ("34-35", B, 40.25, A),
        ("34-35", B, 40.3, R),
        # range on higher is better: green at or above L, so 100% is green
        ("90-95%", H, 100.0, G),
        ("90-95%", H, 92.0, G),
        ("90-95%", H, 90.0, G),
        ("90-95%", H, 80.0, A),
        ("90-95%", H, 76.4, R),
        # range on lower is better: green at or below U
        ("90-95%", L, 10.0, G),
        ("90-95%", L, 95.0, G),
        ("90-95%", L, 109.25, A),
        ("90-95%", L, 109.3, R),
        # no rating
        ("Monitor", H, 5.0, X),
        ("N/A", L, 5.0, X),
        ("NA", B, 5.0, X),
        ("", H, 5.0, X),
        ("90.0%", N, 95.0, X),
        ("105-135", N, 120, X),
        ("Below 8%", N, 1.0, X),
        ("15", B, 15, X),
        ("90.0%", H, math.nan, X),
    ],
)
def test_rag(target, polarity, value, expected):
    assert rag(value, parse_target(target), polarity, TOL) is expected


def test_tolerance_comes_from_settings():
    target = parse_target("90.0%")
    assert rag(80.0, target, H, 0.15) is A
    assert rag(80.0, target, H, 0.10) is R
    assert rag(80.0, target, H, 0.0) is R


@pytest.mark.parametrize(
    ("target", "polarity", "tolerance", "value", "expected"),
    [
        ("90.0%", H, 0.10, 81.0, A),
        ("90.0%", H, 0.10, 80.99, R),
        ("90.0%", H, 0.20, 72.0, A),
        ("90.0%", H, 0.20, 71.99, R),
        ("45%", L, 0.20, 54.0, A),
        ("45%", L, 0.20, 54.01, R),
        ("Below 8%", L, 0.25, 10.0, A),
        ("Below 8%", L, 0.25, 10.01, R),
        ("105-135", B, 0.10, 94.5, A),
        ("105-135", B, 0.10, 94.49, R),
        ("105-135", B, 0.10, 148.5, A),
        ("105-135", B, 0.10, 148.51, R),
        ("0", L, 0.50, 0.01, R),
    ],
)
def test_amber_edge_moves_with_the_tolerance(target, polarity, tolerance, value, expected):
    assert rag(value, parse_target(target), polarity, tolerance) is expected


@pytest.mark.parametrize(
    "target", ["90.0%", "45%", "Below 8%", "80%+", "105-135", "90-95%", "0", "15", "Monitor", "N/A"]
)
@pytest.mark.parametrize("polarity", [H, L, B, N])
def test_vectorised_rag_is_the_rule_at_every_value(target, polarity):
    """rag_values (used for every month of every indicator) against the rule written out by hand."""
    parsed = parse_target(target)
    values = np.r_[np.linspace(0, 160, 1601), np.nan]
    got = rag_values(values, rag_bands(parsed, polarity, TOL))
    for value, rating in zip(values, got, strict=True):
        assert rating == _by_hand(value, parsed, polarity).value, (value, rating)


def _by_hand(v: float, target, polarity) -> Rag:
    """The issue's rules, spelled out case by case with no shared code."""
    kind, lo, hi = target.kind.value, target.lower, target.upper
    if math.isnan(v) or kind in ("monitor", "none") or polarity is N:
        return X
    if kind == "threshold" and polarity is B:
        return X
    up = kind == "at_least" or (kind in ("threshold", "range") and polarity is H)
    down = kind == "below" or (kind in ("threshold", "range") and polarity is L)
    e = 1e-9 * max(1.0, abs(lo if up or kind == "range" else hi))
    if up:
        return G if v >= lo - e else A if v >= lo * (1 - TOL) - e else R
    if down:
        green = v < hi - e if kind == "below" else v <= hi + e
        return G if green else A if v <= hi * (1 + TOL) + e else R
    if lo - e <= v <= hi + e:
        return G
    return A if lo * (1 - TOL) - e <= v <= hi * (1 + TOL) + e else R


def test_polarity_accepts_catalogue_strings():
    assert rag(91.0, parse_target("90.0%"), "higher_is_better", TOL) is G


def test_rag_values_is_vectorised_and_matches_scalar():
    target = parse_target("105-135")
    values = np.array([100.8, 134.9, 160.0, np.nan, 89.0])
    bands = rag_bands(target, B, TOL)
    expected = [rag(v, target, B, TOL).value for v in values]
    assert list(rag_values(values, bands)) == expected == ["amber", "green", "red", "none", "red"]


def test_rag_values_without_bands_is_all_none():
    assert list(rag_values(np.array([1.0, 2.0]), None)) == ["none", "none"]


def test_rag_array_with_bands_per_value():
    from scorecard.rules.rag import rag_array

    inf, nan = math.inf, math.nan
    values = np.array([95.0, 80.0, 9.0, 8.0, 1.0, nan])
    green_low = np.array([90.0, 90.0, -inf, -inf, nan, 90.0])
    green_high = np.array([inf, inf, 8.0, 8.0, nan, inf])
    amber_low = np.array([76.5, 76.5, -inf, -inf, nan, 76.5])
    amber_high = np.array([inf, inf, 9.2, 9.2, nan, inf])
    strict = np.array([False, False, True, True, False, False])
    result = rag_array(values, green_low, green_high, amber_low, amber_high, strict)
    assert list(result) == ["green", "amber", "amber", "amber", "none", "none"]


def test_target_miss_is_the_share_of_the_missed_bound() -> None:
    from scorecard.rules.rag import target_miss

    values = np.array([45.0, 95.0, 30.0, 4.0, 120.0, np.nan, 7.0])
    low = np.array([90.0, 90.0, -np.inf, -np.inf, 105.0, 90.0, np.nan])  # at least 90; below 8; 105-135
    high = np.array([np.inf, np.inf, 8.0, 0.0, 135.0, np.inf, np.nan])
    miss = target_miss(values, low, high)
    assert miss[:5] == pytest.approx([0.5, 0.0, 2.75, 4.0, 0.0])  # a zero target counts as 1
    assert np.isnan(miss[5]) and np.isnan(miss[6])  # no value, or no rating: nothing to rank
