"""What is notable about a pack's period, and how notable: the facts of the analyst's brief, ranked.

Each rule is a small function from one indicator's comparable series (numbers since its series break,
up to the period, at its published decimals) to a fact with a score. A score is the size of the fact
on one scale for every kind, so a month's facts can be ranked together:

- **target_crossing**: the rating changed since the previous pack (what the board sees first is a
  colour that changed): 1.0, plus 0.75 a step (green-amber, amber-red; two for green-red), plus 0.5
  per typical monthly move the figure moved (up to 1.5 more): a crossing by a hair's breadth is
  ordinary variation, one by a leap is news.
- **special_cause**: a special cause, concern or improvement, begins at the latest point (the point
  before was not that reading): 2.5 (Making Data Count's "a signal to act on"). One that carries on
  from earlier months is last month's news.
- **record**: the highest or lowest of the displayed months (at least ``RECORD_MIN_POINTS`` of them):
  1.5, plus 0.5 per typical monthly move it clears the previous extreme by (up to 1.5 more), plus 0.5
  when it is the extreme of a longer series.
- **run**: three or more rises (or falls) in a row ending now: 0.5 a move, up to 3.0 (six moves: seven
  points, past Making Data Count's trend of six).
- **largest_move**: this month's move is at least ``MOVE_MIN`` typical monthly moves (the mean moving
  range, as SPC measures variation): 0.75 per typical move, up to 3.0.
- **revision**: a figure of an earlier month revised since the last pack: 1.5, plus 0.5 per typical move
  of the revision (up to 1.5 more).
- **on_course_to_miss**: a year-to-date or rolling 12-month figure off target now: 2.0 red, 1.0 amber,
  plus how far it misses (``target_miss``, up to 1.0).

Bad news counts for more, because the board acts on it: x 1.25 when a fact is bad news (worse than
before, or off target), and up to x 1.75 the further the indicator is from its target (``target_miss``,
0.5 per whole miss). An indicator's second fact counts half, its third a third, and so on, so the first
facts of the brief are about different indicators. The weights are round numbers chosen from these
principles, not fitted to a month; ``tests/pack/test_brief.py`` measures how the ranking agrees with an
analyst's own choices.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from scorecard.model import Basis, Polarity, Rag, Trend, Variation
from scorecard.rules.frame import Scorecard
from scorecard.rules.since import RatingChanges

RECORD_MIN_POINTS = 6
RUN_MIN = 3
MOVE_MIN = 2.0
BAD_NEWS = 1.25
STEPS: dict[str, int] = {Rag.GREEN: 0, Rag.AMBER: 1, Rag.RED: 2}  # keyed by str: rows hold plain strings
SPECIAL = (Variation.CONCERN, Variation.IMPROVEMENT)
KINDS = (
    "target_crossing",
    "special_cause",
    "record",
    "run",
    "largest_move",
    "revision",
    "on_course_to_miss",
)


@dataclass(frozen=True)
class Notable:
    """One fact worth telling the board about an indicator, with its score for the ranking."""

    id: str
    kind: str  # one of KINDS
    score: float  # after the bad-news weight and the indicator's own earlier facts
    bad_news: bool


@dataclass(frozen=True)
class Series:
    """One indicator's comparable numbers up to the period (rounded as published)."""

    periods: list[str]
    values: np.ndarray
    shown: int  # how many of them are in the displayed months

    def typical_move(self, decimals: int) -> float:
        """The mean moving range before the latest move, never below one published unit."""
        moves = np.abs(np.diff(self.values[:-1]))
        unit = 10.0**-decimals
        return max(float(moves.mean()) if moves.size else unit, unit)


def series_of(sc: Scorecard, ident: str, series_break: str, decimals: int) -> Series:
    """One indicator's numbers since its series break, up to the pack's period."""
    values = sc.data.values
    rows = values[(values["id"] == ident) & (values["period"] <= sc.period) & values["value"].notna()]
    rows = rows[rows["period"] >= (series_break or "")]
    numbers = np.round(rows["value"].to_numpy(dtype=float), decimals)
    periods = list(rows["period"])
    return Series(periods, numbers, sum(p in sc.periods for p in periods))


def crossing(was: str, now: str, moved: float) -> tuple[float, bool] | None:
    """(score, worse) of a change of rating; ``moved``: the latest move in typical monthly moves."""
    if was not in STEPS or now not in STEPS or was == now:
        return None
    return 1.0 + 0.75 * abs(STEPS[now] - STEPS[was]) + 0.5 * min(moved, 3.0), STEPS[now] > STEPS[was]


def record(series: Series, decimals: int) -> tuple[float, bool] | None:
    """(score, high) when the latest value is the strict extreme of the displayed months."""
    shown = series.values[-series.shown :]
    if series.shown < RECORD_MIN_POINTS:
        return None
    latest, others = shown[-1], shown[:-1]
    high = latest > others.max()
    if not high and not latest < others.min():
        return None
    margin = (latest - others.max()) if high else (others.min() - latest)
    score = 1.5 + 0.5 * min(margin / series.typical_move(decimals), 3.0)
    earlier = series.values[: -series.shown]
    if earlier.size and (latest > earlier.max() if high else latest < earlier.min()):
        score += 0.5
    return score, bool(high)


def run(series: Series) -> int:
    """Consecutive rises (> 0) or falls (< 0) ending at the latest value."""
    moves = np.sign(np.diff(series.values))
    if not moves.size or moves[-1] == 0:
        return 0
    length = 0
    for move in moves[::-1]:
        if move != moves[-1]:
            break
        length += 1
    return int(length * moves[-1])


def move_size(series: Series, decimals: int) -> float:
    """This month's move in typical monthly moves (0 with fewer than four numbers to judge by)."""
    if series.values.size < 4:
        return 0.0
    return abs(float(series.values[-1] - series.values[-2])) / series.typical_move(decimals)


def special_cause_begins(point_types: Sequence[str]) -> bool:
    """The latest point is special cause concern or improvement and the point before is not the same."""
    if not point_types or point_types[-1] not in (Variation.CONCERN, Variation.IMPROVEMENT):
        return False
    return len(point_types) < 2 or point_types[-2] != point_types[-1]


def weight(bad_news: bool, miss: float) -> float:
    """How much more a fact counts for being bad news, the more so the further off target."""
    return BAD_NEWS + 0.5 * min(miss, 1.0) if bad_news else 1.0


def _bad(polarity: str, rising: bool) -> bool:
    return (polarity == Polarity.HIGHER and not rising) or (polarity == Polarity.LOWER and rising)


def notable_facts(
    sc: Scorecard,
    ratings: RatingChanges,
    revised: Mapping[str, Sequence[float | None]] | None = None,
) -> list[Notable]:
    """Every notable fact of ``sc``'s period, best first.

    ``revised``: id -> the size of each of its figures revised since the last pack (None where a
    figure was not a number before or after).
    """
    revised = revised or {}
    breaks = dict(zip(sc.data.catalogue["id"], sc.data.catalogue["series_break"], strict=True))
    point_types = sc.spc.groupby("id", sort=False)["point_type"].agg(list)
    found: list[Notable] = []
    for row in sc.indicators.to_dict("records"):
        ident, decimals, polarity = row["id"], int(row["decimals"]), row["polarity"]
        series = series_of(sc, ident, breaks.get(ident, ""), decimals)
        latest = bool(series.periods) and series.periods[-1] == sc.period
        facts: list[tuple[str, float, bool]] = []
        if latest:
            size = move_size(series, decimals)
            changed = crossing(ratings.previous_rag.get(ident, Rag.NONE), row["rag"], size)
            if changed:
                facts.append(("target_crossing", *changed))
            if row["variation"] in SPECIAL and special_cause_begins(point_types.get(ident, [])):
                facts.append(("special_cause", 2.5, row["variation"] == Variation.CONCERN))
            high = record(series, decimals)
            if high:
                facts.append(("record", high[0], _bad(polarity, high[1])))
            length = run(series)
            if abs(length) >= RUN_MIN:
                facts.append(("run", 0.5 * min(abs(length), 6), _bad(polarity, length > 0)))
            if size >= MOVE_MIN:
                facts.append(("largest_move", 0.75 * min(size, 4.0), row["trend"] == Trend.DECLINING))
            if row["basis"] in (Basis.YEAR_TO_DATE, Basis.ROLLING) and row["rag"] in (Rag.AMBER, Rag.RED):
                miss = min(float(row["target_miss"]), 1.0)
                facts.append(("on_course_to_miss", (2.0 if row["rag"] == Rag.RED else 1.0) + miss, True))
        for revision in revised.get(ident, ()):
            typical = series.typical_move(decimals) if series.values.size else 1.0
            extra = 0.5 * min(revision / typical, 3.0) if revision is not None else 0.0
            facts.append(("revision", 1.5 + extra, False))
        miss = 0.0 if row["target_miss"] != row["target_miss"] else float(row["target_miss"])  # NaN: none
        weighted = sorted(
            ((kind, score * weight(bad, miss), bad) for kind, score, bad in facts), key=lambda fact: -fact[1]
        )
        found += [Notable(ident, kind, score / n, bad) for n, (kind, score, bad) in enumerate(weighted, 1)]
    return sorted(found, key=lambda fact: -fact.score)
