"""Which DfE year and which neighbour model a pack shows: what its board could have known.

``benchmarks.csv`` keeps every year the DfE files held, for each neighbour model given, and says from
when each was known. For a pack's period, by default:

- the **neighbour model** is the one in force: the latest published by the period (the 2021 model
  for a pack before May 2025, the 2025 model from May 2025); a pack older than every model given
  takes the oldest, and says so;
- the **year** is each indicator's latest published by the period (``known_from``: a year ending
  31 March from the November after it; the workforce's September count from the February after).

The settings may name either (``benchmarks: year:`` a DfE ``time_period``, ``neighbours:`` a
model); the year is always shown with the figure.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class Choice:
    """The neighbour model and year rule a pack's benchmarks follow, in words for the data notes."""

    model: str  # "2021", "" when there are no benchmarks
    model_from: str
    why: str  # "in force in 2025-03", "named in the settings", "the oldest given: none was in force yet"
    year: str  # the settings' time_period, or "" for each indicator's latest known


def choice(benchmarks: pd.DataFrame | None, period: str, year: str = "", model: str = "") -> Choice:
    """The model (and year rule) for ``period``."""
    if benchmarks is None or not len(benchmarks):
        return Choice("", "", "", year)
    models = benchmarks[["neighbour_model", "model_from"]].drop_duplicates().sort_values("model_from")
    published = dict(zip(models["neighbour_model"], models["model_from"], strict=True))
    if model and model in published:
        return Choice(model, published[model], "named in the settings", year)
    in_force = models[models["model_from"] <= period]
    if len(in_force):
        last = in_force.iloc[-1]
        return Choice(str(last["neighbour_model"]), str(last["model_from"]), f"in force in {period}", year)
    first = models.iloc[0]
    why = "the oldest given: no model given was published yet"
    return Choice(str(first["neighbour_model"]), str(first["model_from"]), why, year)


def chosen(benchmarks: pd.DataFrame | None, period: str, year: str = "", model: str = "") -> pd.DataFrame:
    """One row of ``benchmarks`` per indicator (indexed by id): its figures for ``period`` by the
    choice above; an indicator with no year known by then has no row."""
    if benchmarks is None or not len(benchmarks):
        return pd.DataFrame(columns=["id"]).set_index("id")
    picked = choice(benchmarks, period, year, model)
    rows = benchmarks[benchmarks["neighbour_model"] == picked.model]
    rows = rows[rows["time_period"] == year] if year else rows[rows["known_from"] <= period]
    rows = rows.sort_values(["id", "time_period"], kind="stable").groupby("id", sort=False).tail(1)
    return rows.set_index("id", drop=False)


def years_of(benchmarks: pd.DataFrame | None) -> list[str]:
    """The DfE years (``time_period``) the file holds."""
    if benchmarks is None or not len(benchmarks):
        return []
    return sorted(set(benchmarks["time_period"]))
