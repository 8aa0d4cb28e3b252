"""The one scorecard frame: every figure the tables, charts, summary and narrative show.

``build_scorecard(data, period)`` uses only data up to and including ``period``, so an earlier period
reproduces exactly how that month's pack looked. With no period it reports the pack's month, the
latest month with monthly data (``model.pack_month``). The work is done once per indicator on numpy
arrays (one groupby, no per-indicator DataFrame filtering) and RAG is one vectorised pass over all
values, so the time grows linearly with indicators x months.

SPC runs on every number up to ``period``, by the settings' rule set (``spc_rules``), in segments
from each rebase up to ``period`` (``scorecard.rules.readings``). The latest variation is that of
``period``'s own point: none when the period has no number (NYC, not reported), too_few_points when
its segment (since the last rebase) has fewer than 12 points; at exactly 12 it is a reading on trial
limits (``spc_limits`` says which). Assurance is judged on the latest segment's limits.

A quarterly pack (``frequency: quarterly`` in the settings) reports a quarter, filed under its end
month, and shows quarters. An annual indicator's figure stays its latest for twelve months: it is
shown in the period it belongs to, and rated, compared and counted as the latest while it is
(``value_period`` says which period that is). Every value is rated at its published decimals.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import astuple, dataclass, field
from functools import cached_property
from typing import cast

import numpy as np
import pandas as pd

from scorecard.fields import FIGURE_COLUMNS, complete_values
from scorecard.model import (
    Assurance,
    Frequency,
    Polarity,
    ScorecardData,
    Settings,
    SpcLimits,
    Variation,
    complete_catalogue,
)
from scorecard.periods import is_period
from scorecard.problems import DataError, Problem
from scorecard.rules.benchmarking import Choice, choice, chosen
from scorecard.rules.rag import (
    RagBands,
    published_bands,
    rag_array,
    rag_bands,
    round_published,
    rule_text,
    target_miss,
)
from scorecard.rules.readings import PerIndicator, indicator_rebases, per_indicator, spc_frame
from scorecard.rules.spc import Rebase
from scorecard.rules.travel import NO_TRAVEL
from scorecard.targets import (
    Target,
    TargetError,
    TargetKind,
    benchmark_figure,
    parse_target,
    parse_tolerance,
    resolve,
)

INDICATOR_COLUMNS = [
    "id",
    "section",
    "title",
    "unit",
    "polarity",
    "basis",
    "decimals",
    "period",
    "value",
    "status",
    "count",
    "raw",
    "target",
    "sn_average",
    "rag",
    "direction",
    "trend",
    "previous_period",
    "previous_value",
    "variation",
    "assurance",
    "spc_limits",
    "published_direction",
    "target_miss",
    "frequency",
    "value_period",
    "numerator",
    "denominator",
    "small_base",
    "rating_rule",
    "tolerance",
    "green",
    "amber",
    "red",
    *FIGURE_COLUMNS,
    "lead",
]
HISTORY_COLUMNS = ["id", "period", "value", "status", "count", "raw", "rag", "numerator", "denominator"]
QUARTERS_SHOWN = 8  # a quarterly pack's tables and charts: two years of quarters


@dataclass(frozen=True)
class Scorecard:
    """The pack's figures for one period: what ``build_scorecard`` returns and the pack reads."""

    period: str
    periods: list[str]
    settings: Settings
    data: ScorecardData
    indicators: pd.DataFrame
    history: pd.DataFrame
    spc: pd.DataFrame
    rebases: Mapping[str, list[Rebase]] = field(default_factory=dict)  # each indicator's, up to period
    chart_periods: list[str] = field(default_factory=list)  # what the trend charts show; [] = ``periods``

    def section(self, key: str) -> pd.DataFrame:
        """The indicators of one section, in catalogue order."""
        return self.indicators[self.indicators["section"] == key]

    @property
    def frequency(self) -> str:
        """The pack's period: ``monthly`` or ``quarterly``."""
        return str(self.settings.frequency)

    def indicator(self, ident: str) -> pd.Series:
        """One indicator's row (the brief asks for each fact's indicator, so the index is built once)."""
        return cast("pd.Series", self._by_id.loc[ident])  # ids are unique, so one row

    @cached_property
    def _by_id(self) -> pd.DataFrame:
        return self.indicators.set_index("id", drop=False)

    @cached_property
    def benchmarks(self) -> pd.DataFrame:
        """Each indicator's DfE benchmarks for the period, indexed by id (``rules.benchmarking``)."""
        settings = self.settings
        return chosen(self.data.benchmarks, self.period, settings.benchmark_year, settings.neighbour_model)

    @cached_property
    def benchmark_choice(self) -> Choice:
        """The neighbour model and year rule the benchmarks follow."""
        settings = self.settings
        return choice(self.data.benchmarks, self.period, settings.benchmark_year, settings.neighbour_model)


def check_period(data: ScorecardData, period: str | None) -> str:
    """The period to report: by default the pack's month (``ScorecardData.latest_period``: the
    latest month with monthly data, never a month holding only quarterly figures); any month in the
    data on request; a period not in the data is a problem."""
    if period is None:
        return data.latest_period
    available = data.periods
    if not is_period(period):
        message = "not a month; expected a month as YYYY-MM with month 01-12, such as 2025-03"
        raise DataError([Problem("--period", "-", "period", str(period), message)])
    if period not in available:
        span = f"{available[0]}..{available[-1]}" if available else "none"
        message = f"no data for this period; expected one of the periods in the data ({span})"
        raise DataError([Problem("--period", "-", "period", period, message)])
    return period


def displayed_periods(data: ScorecardData, period: str, months: int) -> list[str]:
    """The periods shown: up to ``months`` calendar months ending at ``period`` (a quarterly pack:
    up to ``QUARTERS_SHOWN`` quarter ends), none before the data starts."""
    quarterly = data.settings.frequency == Frequency.QUARTERLY
    step, count = (3, QUARTERS_SHOWN) if quarterly else (1, months)
    end = pd.Period(period, freq="M")
    back = [end - step * n for n in reversed(range(count))]
    first = data.periods[0]
    return [p for p in (str(month) for month in back) if p >= first]


def charted_periods(data: ScorecardData, period: str, months: int | None) -> list[str]:
    """The periods a trend chart shows: the ``months`` calendar months ending at ``period`` (a
    quarterly pack: the quarter ends among them), or the whole history (None); none before the data
    starts."""
    step = 3 if data.settings.frequency == Frequency.QUARTERLY else 1
    end, first = pd.Period(period, freq="M"), data.periods[0]
    count = ((end - pd.Period(first, freq="M")).n if months is None else months - 1) // step + 1
    return [p for p in (str(end - step * n) for n in reversed(range(count))) if p >= first]


def _targets(catalogue: pd.DataFrame) -> list[Target]:
    """Each indicator's target, a relative one resolved with its benchmark's figure."""
    targets, problems = [], []
    for row, item in enumerate(catalogue.to_dict("records"), start=2):
        try:
            target = parse_target(item["target"])
        except TargetError as error:
            problems.append(
                Problem("catalogue.csv", row, "target", str(item["target"]), f"{error} (id {item['id']})")
            )
            continue
        if target.kind is TargetKind.RELATIVE:
            target = resolve(target, benchmark_figure(item.get(target.benchmark, "")))
        targets.append(target)
    if problems:
        raise DataError(problems)
    return targets


BAND_COLUMNS = ["green_low", "green_high", "amber_low", "amber_high", "strict", "strict_low"]


def indicator_bands(item: dict, target: Target, tolerance: float) -> RagBands | None:
    """The intervals one indicator is rated by: its published bands where it has them, else its target
    with its own tolerance, or the pack's."""
    bands = {colour: item.get(colour, "") for colour in ("green", "amber", "red")}
    published = published_bands(bands, int(item["decimals"]))
    if published is not None:
        return published
    own = parse_tolerance(item.get("tolerance", ""))
    return rag_bands(target, item["polarity"], tolerance if own is None else own)


def _bands(catalogue: pd.DataFrame, targets: list[Target], tolerance: float) -> pd.DataFrame:
    rows, rules = [], []
    for item, target in zip(catalogue.to_dict("records"), targets, strict=True):
        bands = indicator_bands(item, target, tolerance)
        rules.append(rule_text(bands, item["unit"], int(item["decimals"])))
        rows.append((math.nan,) * 4 + (False, False) if bands is None else astuple(bands))
    frame = pd.DataFrame(rows, columns=BAND_COLUMNS)
    frame["rule"] = rules
    frame["decimals"] = catalogue["decimals"].astype(int).to_numpy()
    frame.index = catalogue["id"].to_numpy()
    return frame


def _rag(frame: pd.DataFrame, bands: pd.DataFrame) -> np.ndarray:
    aligned = bands.reindex(frame["id"].to_numpy())
    green_low, green_high, amber_low, amber_high = (
        aligned[c].to_numpy() for c in ("green_low", "green_high", "amber_low", "amber_high")
    )
    strict = aligned["strict"].fillna(False).to_numpy(bool)
    strict_low = aligned["strict_low"].fillna(False).to_numpy(bool)
    shown = round_published(frame["value"].to_numpy(dtype=float), aligned["decimals"].fillna(0).to_numpy(int))
    return rag_array(shown, green_low, green_high, amber_low, amber_high, strict, strict_low)


def _published(data: ScorecardData, period: str) -> dict[str, str]:
    published = data.published_direction
    if published is None or len(published) == 0:
        return {}
    rows = published[published["period"] == period]
    return dict(zip(rows["id"], rows["direction"].fillna(""), strict=True))


def build_scorecard(data: ScorecardData, period: str | None = None, months: int = 12) -> Scorecard:
    """Value, RAG, direction of travel, SPC variation and assurance of every indicator at ``period``."""
    period = check_period(data, period)
    catalogue = complete_catalogue(data.catalogue).reset_index(drop=True)
    tolerance = data.settings.rag_tolerance
    targets = _targets(catalogue)
    bands = _bands(catalogue, targets, tolerance)
    values = complete_values(data.values)
    values = values[values["period"] <= period].sort_values(["id", "period"], kind="stable")
    values = values[values["id"].isin(catalogue["id"])]
    at = value_periods(catalogue, values, period)

    rebases = indicator_rebases(data, period)
    per = per_indicator(catalogue, _judged(catalogue, targets, bands), values, at, data.settings, rebases)
    periods_shown = displayed_periods(data, period, months)
    history = _history(catalogue, values, periods_shown, bands)
    indicators = _indicators(catalogue, values, at, period, bands, per, _published(data, period))
    indicators["small_base"] = _small_base(indicators, data.settings.small_base)
    return Scorecard(
        period,
        periods_shown,
        data.settings,
        data,
        indicators,
        history,
        spc_frame(per.spc_parts),
        rebases,
        charted_periods(data, period, data.settings.chart_months),
    )


def _judged(catalogue: pd.DataFrame, targets: list[Target], bands: pd.DataFrame) -> list[Target]:
    """The targets travel and assurance judge by. For an indicator rated by published bands, its
    green band: a band indicator moves towards or away from it, as one with a range target does, and
    the edge of green is the threshold SPC assurance compares with the process limits."""
    judged = []
    for item, target, (_, row) in zip(catalogue.to_dict("records"), targets, bands.iterrows(), strict=True):
        if item["green"] and not math.isnan(row["green_low"]):
            low, high, text = row["green_low"], row["green_high"], item["green"]
            if item["polarity"] == Polarity.BAND:
                target = Target(TargetKind.RANGE, low, high, False, "", text)
            elif item["polarity"] == Polarity.HIGHER:
                target = Target(TargetKind.AT_LEAST, low, None, False, "", text)
            elif item["polarity"] == Polarity.LOWER:
                target = Target(TargetKind.AT_MOST, None, high, False, "", text)
        judged.append(target)
    return judged


ANNUAL_MONTHS = 12  # an annual figure is the latest for this many months


def value_periods(catalogue: pd.DataFrame, values: pd.DataFrame, period: str) -> dict[str, str]:
    """The period each indicator's latest figure is read from at ``period``: ``period`` itself, or for
    an annual indicator its latest row of the twelve months to ``period``."""
    at = dict.fromkeys(catalogue["id"], period)
    annual = set(catalogue.loc[catalogue["frequency"] == Frequency.ANNUAL, "id"])
    if annual:
        start = str(pd.Period(period, freq="M") - (ANNUAL_MONTHS - 1))
        rows = values[values["id"].isin(annual) & (values["period"] >= start)]
        at |= rows.groupby("id")["period"].max().to_dict()
    return at


def _small_base(indicators: pd.DataFrame, small_base: int) -> np.ndarray:
    """Whether each latest figure is a percentage on fewer than ``small_base`` (its denominator)."""
    denominator = indicators["denominator"].to_numpy(dtype=float)
    with np.errstate(invalid="ignore"):
        return (indicators["unit"].to_numpy() == "percent") & (denominator < small_base)


def _history(
    catalogue: pd.DataFrame, values: pd.DataFrame, periods: list[str], bands: pd.DataFrame
) -> pd.DataFrame:
    cells = pd.MultiIndex.from_product([catalogue["id"], periods], names=["id", "period"])
    grid = cells.to_frame(index=False)
    shown = values[values["period"].isin(periods)]
    history = grid.merge(shown, on=["id", "period"], how="left")
    history[["status", "raw"]] = history[["status", "raw"]].fillna("")
    history["rag"] = _rag(history, bands)
    return history[HISTORY_COLUMNS]


def _indicators(
    catalogue: pd.DataFrame,
    values: pd.DataFrame,
    at: dict[str, str],
    period: str,
    bands: pd.DataFrame,
    per: PerIndicator,
    published: dict[str, str],
) -> pd.DataFrame:
    own = values["period"].to_numpy() == values["id"].map(at).to_numpy()
    latest = values[own].rename(columns={"period": "value_period"})
    frame = catalogue.merge(latest, on="id", how="left")
    frame["period"] = period
    frame[["status", "raw", "value_period"]] = frame[["status", "raw", "value_period"]].fillna("")
    frame["rag"] = _rag(frame, bands)
    moves = [per.travels.get(ident, NO_TRAVEL) for ident in frame["id"]]
    frame["direction"] = [m.direction.value for m in moves]
    frame["trend"] = [m.trend.value for m in moves]
    frame["previous_period"] = [m.previous_period for m in moves]
    frame["previous_value"] = np.array([m.previous_value for m in moves], dtype=float)
    readings = [per.variations.get(i, (Variation.NONE, SpcLimits.NONE)) for i in frame["id"]]
    frame["variation"] = [reading.value for reading, _ in readings]
    frame["spc_limits"] = [limits.value for _, limits in readings]
    frame["assurance"] = [per.assurances.get(i, Assurance.NONE).value for i in frame["id"]]
    frame["published_direction"] = [published.get(i, "") for i in frame["id"]]
    aligned = bands.reindex(frame["id"].to_numpy())
    frame["rating_rule"] = aligned["rule"].fillna("").to_numpy()
    frame["small_base"] = False
    frame["target_miss"] = target_miss(
        frame["value"].to_numpy(dtype=float),
        aligned["green_low"].to_numpy(),
        aligned["green_high"].to_numpy(),
    )
    return frame[INDICATOR_COLUMNS]
