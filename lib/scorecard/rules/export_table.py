"""The scorecard as one flat table: the rows and columns ``python -m scorecard export`` writes and the
web page's "Download the data" carries.

The columns and their allowed values are an interface other tools rely on; change them only with
care (new ones go at the end). Beside each figure it carries its frequency, the period the figure
is for (an annual one is the latest for a year), its numerator and denominator, whether it is a
percentage on a small base, every benchmark with its year, last year's outturn, the rule behind
its rating, in words, and the DfE benchmarks the pack shows (``dfe_*``: the measure, its year, the
council's own figure, England, region, neighbours' average with how many had a figure, rank of how
many, quartile band, neighbour model and source file and column). Every row names the SPC rule set
it was computed by (``spc_rules``: ``mdc-2023`` or ``plotthedots-0.2``, from settings.yaml), so a
file read later, or beside another council's, says how its special causes were found;
``spc_limits`` (``limits`` per point) says whether they rest on full or trial limits. At the end,
each indicator's exception, its reasons, its commentary and its open actions (``ACCOUNT_COLUMNS``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from scorecard.fields import FIGURE_COLUMNS

if TYPE_CHECKING:
    import pandas as pd

    from scorecard.rules.frame import Scorecard

# The DfE benchmarks the pack shows for the period (benchmarks.csv's chosen row), each ``dfe_``.
BENCHMARK_COLUMNS = (
    "measure",
    "year",
    "own",
    "england",
    "region",
    "region_name",
    "neighbour_average",
    "neighbours_with_figure",
    "neighbours",
    "rank",
    "councils_ranked",
    "band",
    "neighbour_model",
    "source",
)
_COUNTS = ("neighbours_with_figure", "neighbours", "rank", "councils_ranked")
# Whether the indicator is an exception this period and why, the commentary the pack shows for it,
# and its open actions: so the data download matches the page (``pack.accountability`` fills them).
ACCOUNT_COLUMNS = ["exception", "exception_reasons", "commentary", "open_actions"]
EXPORT_COLUMNS = [
    "id",
    "section",
    "title",
    "period",
    "value",
    "status",
    "target",
    "sn_average",
    "rag",
    "direction",
    "trend",
    "variation",
    "assurance",
    "spc_limits",
    "spc_rules",
    "frequency",
    "value_period",
    "numerator",
    "denominator",
    "small_base",
    *FIGURE_COLUMNS,
    "rating_rule",
    "lead",
    *(f"dfe_{column}" for column in BENCHMARK_COLUMNS),
    *ACCOUNT_COLUMNS,
]
DETAIL_COLUMNS = [
    "id",
    "period",
    "value",
    "mean",
    "lower_limit",
    "upper_limit",
    "special_cause",
    "point_type",
    "limits",
    "spc_rules",
    "lower_limit_unbounded",
    "upper_limit_unbounded",
    "segment",
    "in_baseline",
]


def export_frame(
    sc: Scorecard, detail: bool = False, accounts: Mapping[str, Mapping[str, object]] | None = None
) -> pd.DataFrame:
    """The scorecard's table for its period: one row per indicator, or with ``detail`` one row per
    indicator per period (its SPC). ``accounts``: each indicator's ``ACCOUNT_COLUMNS``, the last
    columns of the table per indicator (``pack.accountability``: the commentary is the narrative's,
    which the rules never read); without them the table stops before them."""
    frame = sc.spc if detail else _with_benchmarks(sc.indicators, sc.benchmarks)
    frame = frame.assign(spc_rules=sc.settings.spc_rules.value)
    if detail:
        return frame[DETAIL_COLUMNS].reset_index(drop=True)
    if accounts is None:
        return frame[[c for c in EXPORT_COLUMNS if c not in ACCOUNT_COLUMNS]].reset_index(drop=True)
    frame = frame.assign(
        **{column: [accounts[i][column] for i in frame["id"]] for column in ACCOUNT_COLUMNS}  # type: ignore[arg-type]
    )
    return frame[EXPORT_COLUMNS].reset_index(drop=True)


def _with_benchmarks(indicators: pd.DataFrame, chosen: pd.DataFrame) -> pd.DataFrame:
    """Each indicator's row with its DfE benchmarks (blank where it has none)."""
    columns = list(BENCHMARK_COLUMNS)
    shown = chosen.reindex(columns=columns).rename(columns=lambda c: f"dfe_{c}").reset_index(drop=True)
    shown["id"] = list(chosen.index)
    merged = indicators.merge(shown, on="id", how="left")
    text = [f"dfe_{c}" for c in columns if c not in _COUNTS]
    merged[text] = merged[text].astype(object).where(merged[text].notna(), "")
    for column in _COUNTS:
        merged[f"dfe_{column}"] = merged[f"dfe_{column}"].astype("Int64")
    return merged
