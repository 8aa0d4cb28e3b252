"""Each indicator's readings at a period: direction of travel, SPC points, variation and assurance.

One pass over the id-sorted values (numpy slices, no per-indicator DataFrame filtering). SPC runs on
every number up to the period, in segments from each rebase (``scorecard.rules.spc``), with the
indicator's baseline, no moving range or pattern across a period without a figure, and limits held
within what the measure can reach (``scorecard.rules.spc``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import cast

import numpy as np
import pandas as pd

from scorecard.model import Assurance, ScorecardData, Settings, SpcLimits, Variation
from scorecard.rules.spc import (
    Rebase,
    SpcPoints,
    assurance,
    indicator_spc,
    limits_status,
    rebases_by_indicator,
    variation,
)
from scorecard.rules.travel import Travel, travel
from scorecard.targets import Target

SPC_COLUMNS = [
    "id",
    "period",
    "value",
    "mean",
    "lower_limit",
    "upper_limit",
    "near_lower",
    "near_upper",
    "special_cause",
    "point_type",
    "limits",
    "segment",
    "in_baseline",
    "pointing",
    "lower_limit_unbounded",
    "upper_limit_unbounded",
]
BASELINE_ALL = "all"  # a catalogue baseline: limits from every point, whatever the settings say


def indicator_rebases(data: ScorecardData, period: str) -> dict[str, list[Rebase]]:
    """Each indicator's rebases up to ``period``: its series break and its rows of ``rebases.csv``."""
    catalogue = data.catalogue
    breaks = dict(zip(catalogue["id"], catalogue["series_break"], strict=True))
    rows = [] if data.rebases is None else cast(list[dict[str, str]], data.rebases.to_dict("records"))
    found = rebases_by_indicator(breaks, rows)
    return {ident: [r for r in found[ident] if r.start <= period] for ident in found}


@dataclass(frozen=True)
class PerIndicator:
    """Each indicator's direction of travel, SPC reading and assurance (by id), and its SPC points."""

    travels: dict[str, Travel]
    variations: dict[str, tuple[Variation, SpcLimits]]
    assurances: dict[str, Assurance]
    spc_parts: list[tuple[str, np.ndarray, np.ndarray, SpcPoints]]


def per_indicator(
    catalogue: pd.DataFrame,
    targets: list[Target],
    values: pd.DataFrame,
    at: dict[str, str],
    settings: Settings,
    rebases: Mapping[str, list[Rebase]],
) -> PerIndicator:
    """Direction of travel and SPC of each indicator, on numpy slices of the id-sorted values."""
    travels: dict[str, Travel] = {}
    variations: dict[str, tuple[Variation, SpcLimits]] = {}
    assurances: dict[str, Assurance] = {}
    spc_parts: list[tuple[str, np.ndarray, np.ndarray, SpcPoints]] = []
    columns = (catalogue[c] for c in ("id", "polarity", "decimals", "series_break", "unit", "frequency"))
    about = {
        ident: (polarity, int(decimals), series_break, target, unit, frequency, baseline_of(own, settings))
        for ident, polarity, decimals, series_break, unit, frequency, own, target in zip(
            *columns, catalogue["baseline"], targets, strict=True
        )
    }
    ids = values["id"].to_numpy()
    all_periods = values["period"].to_numpy()
    all_values = values["value"].to_numpy(dtype=float)
    starts = np.flatnonzero(np.r_[True, ids[1:] != ids[:-1]]) if ids.size else np.array([], dtype=int)
    for start, end in zip(starts, [*starts[1:], ids.size], strict=True):
        ident = ids[start]
        period = at[ident]
        polarity, decimals, series_break, target, unit, frequency, baseline = about[ident]
        periods, series = all_periods[start:end], all_values[start:end]
        travels[ident] = travel(periods, series, period, polarity, target, decimals, series_break)
        present = ~np.isnan(series)
        periods, series = periods[present], series[present]
        new_limits = [rebase.start for rebase in rebases.get(ident, ())]
        points = indicator_spc(
            periods, series, polarity, settings.spc_rules, new_limits, baseline, frequency, unit
        )
        spc_parts.append((ident, periods, series, points))
        latest_type = points.point_type[-1] if series.size and periods[-1] == period else None
        size = int(points.segment_size[-1]) if series.size else 0
        reading = variation(latest_type, size)
        read = reading not in (Variation.NONE, Variation.TOO_FEW_POINTS)
        variations[ident] = (reading, limits_status(size) if read else SpcLimits.NONE)
        assurances[ident] = assurance(target, polarity, points.last_limits, size)
    return PerIndicator(travels, variations, assurances, spc_parts)


def baseline_of(own: str, settings: Settings) -> int | None:
    """An indicator's baseline: its catalogue ``baseline`` (a number of points, or ``all``), else the
    settings' ``spc_baseline``; None: limits from every point of a segment."""
    if own == BASELINE_ALL:
        return None
    return int(own) if own else settings.spc_baseline


def spc_frame(parts: list[tuple[str, np.ndarray, np.ndarray, SpcPoints]]) -> pd.DataFrame:
    if not parts:
        return pd.DataFrame(
            {c: pd.Series(dtype=float if c in ("value", "mean") else object) for c in SPC_COLUMNS}
        )
    columns: dict[str, list[np.ndarray]] = {c: [] for c in SPC_COLUMNS}
    for ident, periods, series, points in parts:
        columns["id"].append(np.full(series.size, ident, dtype=object))
        columns["period"].append(periods)
        columns["value"].append(series)
        for name in SPC_COLUMNS[3:]:
            columns[name].append(getattr(points, name))
    return pd.DataFrame({c: np.concatenate(v) for c, v in columns.items()})
