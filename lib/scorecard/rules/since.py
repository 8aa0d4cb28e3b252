"""Since the last pack: this pack's ratings and signals against the previous pack's.

``previous_pack_period`` is the one place that decides which pack came before: for a monthly pack the
latest earlier month with monthly data (``model.pack_month`` of the cells before the period, so a
month holding only quarterly figures is never a pack). ``rating_changes`` compares two scorecards as
the board reads them: the ratings of the latest point, and SPC special causes at the latest point.
"""

from __future__ import annotations

from dataclasses import dataclass

from scorecard.model import Rag, ScorecardData, Variation, pack_month
from scorecard.rules.frame import Scorecard

OFF_TARGET = (Rag.AMBER, Rag.RED)
SPECIAL_CAUSES = (Variation.CONCERN, Variation.IMPROVEMENT)


def previous_pack_period(data: ScorecardData, period: str) -> str | None:
    """The period of the pack before ``period``'s, or None when ``period``'s is the first."""
    earlier = data.values[data.values["period"] < period]
    cells = zip(earlier["id"], earlier["period"], strict=True)
    return pack_month(cells, data.frequencies, data.settings.frequency)  # quarterly pack: the quarter before


@dataclass(frozen=True)
class RatingChanges:
    """IDs in catalogue order, and each indicator's rating and variation in the previous pack."""

    newly_off_target: list[str]  # green before, amber or red now
    back_on_target: list[str]  # amber or red before, green now
    amber_to_red: list[str]
    red_to_amber: list[str]
    newly_special_cause: list[str]  # concern or improvement now, not the same reading before
    previous_rag: dict[str, str]
    previous_variation: dict[str, str]


def rating_changes(current: Scorecard, previous: Scorecard | None) -> RatingChanges:
    """What changed between the previous pack's scorecard and this one (nothing without a previous)."""
    ind = current.indicators
    ids, rags, variations = list(ind["id"]), list(ind["rag"]), list(ind["variation"])
    before_rag: dict[str, str] = {}
    before_variation: dict[str, str] = {}
    if previous is not None:
        old = previous.indicators
        before_rag = dict(zip(old["id"], old["rag"], strict=True))
        before_variation = dict(zip(old["id"], old["variation"], strict=True))
    pairs = [(i, before_rag.get(i, Rag.NONE), now) for i, now in zip(ids, rags, strict=True)]
    return RatingChanges(
        newly_off_target=[i for i, was, now in pairs if was == Rag.GREEN and now in OFF_TARGET],
        back_on_target=[i for i, was, now in pairs if was in OFF_TARGET and now == Rag.GREEN],
        amber_to_red=[i for i, was, now in pairs if was == Rag.AMBER and now == Rag.RED],
        red_to_amber=[i for i, was, now in pairs if was == Rag.RED and now == Rag.AMBER],
        newly_special_cause=[
            i
            for i, now in zip(ids, variations, strict=True)
            if previous is not None and now in SPECIAL_CAUSES and before_variation.get(i) != now
        ],
        previous_rag={i: str(before_rag.get(i, Rag.NONE)) for i in ids},
        previous_variation={i: str(before_variation.get(i, Variation.NONE)) for i in ids},
    )


def missing_figures(sc: Scorecard) -> tuple[list[tuple[str, str]], list[str]]:
    """Indicators with no number for the pack's period: those with an earlier one (id, its latest
    period), and those with none up to it."""
    values = sc.data.values
    numbers = values[values["value"].notna() & (values["period"] <= sc.period)]
    latest = numbers.groupby("id")["period"].max()
    without = sc.indicators.loc[sc.indicators["value"].isna(), "id"]
    older = [(i, str(latest[i])) for i in without if i in latest.index]
    return older, [i for i in without if i not in latest.index]
