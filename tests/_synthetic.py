"""A small hand-built scorecard with the columns of the ``scorecard.rules.frame.Scorecard`` contract.

The pack's unit tests use it so they depend neither on the real data nor on the rules'
computations; tests/pack/test_report.py runs the real thing end to end.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from scorecard.model import ScorecardData, Section, Settings
from scorecard.rules.frame import INDICATOR_COLUMNS, Scorecard
from scorecard.rules.spc.xmr import SERIES_BREAK, Rebase

PERIODS = [str(p) for p in pd.period_range(end="2025-03", periods=12, freq="M")]
SETTINGS = Settings(
    organisation="Test Council",
    report_title="Test Scorecard",
    population=81634,
    population_source="ONS",
    population_year=2023,
    rag_tolerance=0.15,
    sections=(Section("early-help", "Early Help"), Section("workforce", "Workforce")),
)
# id, section, title, unit, polarity, target, sn, decimals, values (None = nothing, str = status)
ROWS = [
    (
        "1",
        "early-help",
        "Referrals (in month)",
        "count",
        "no_preference",
        "Monitor",
        "N/A",
        0,
        [628, 683, 690, 776, 602, 691, 661, 560, 384, 527, 403, 1435],
    ),
    (
        "2",
        "early-help",
        "Assessments in 45 days",
        "percent",
        "higher_is_better",
        "90.0%",
        "87%",
        1,
        [87.0, 85.0, 82.0, 83.0, 90.0, 73.0, 84.0, 87.4, 94.0, 99.0, 96.0, 99.0],
    ),
    (
        "3",
        "early-help",
        "Re-referrals",
        "percent",
        "lower_is_better",
        "Below 8%",
        "N/A",
        1,
        [3.7, 4.7, 5.6, 4.2, 4.3, 3.8, 4.4, 4.2, 4.5, 3.2, 7.5, "not_yet_complete"],
    ),
    ("34", "early-help", "Orders in place", "count", "no_preference", "Monitor", "N/A", 0, [None] * 12),
    (
        "16",
        "workforce",
        "Rate of CIN",
        "rate_per_10000",
        "within_band",
        "105-135",
        "N/A",
        1,
        [100.8, 101.8, 106.2, 112.5, 118.8, 109.4, 100.4, 106.2, 108.4, 126.4, 135.9, 134.9],
    ),
    (
        "84",
        "workforce",
        "Sickness days",
        "days_per_fte",
        "lower_is_better",
        "10",
        "N/A",
        2,
        [None, None, "not_reported", 6.53, 6.87, 6.76, 11.26, 10.57, 10.85, 10.05, 12.42, 13.42],
    ),
]
RAG_OF = {  # the RAG a correct engine gives each month (the tests only check the report copies it)
    "1": ["none"] * 12,
    "2": [
        "amber",
        "amber",
        "amber",
        "amber",
        "green",
        "red",
        "amber",
        "amber",
        "green",
        "green",
        "green",
        "green",
    ],
    "3": ["green"] * 10 + ["green", "none"],
    "34": ["none"] * 12,
    "16": [
        "amber",
        "amber",
        "green",
        "green",
        "green",
        "green",
        "amber",
        "green",
        "green",
        "green",
        "red",
        "green",
    ],
    "84": [
        "none",
        "none",
        "none",
        "green",
        "green",
        "green",
        "amber",
        "amber",
        "amber",
        "amber",
        "red",
        "red",
    ],
}
TRIAL = {"16"}  # the one reading on trial limits (12 points in its segment)
MISS = {"84": 0.342}  # 13.42 against a target of 10 (lower is better): 34.2% of the target over it
LATEST = {  # rag, direction, trend, variation, assurance for the latest period
    "1": ("none", "up", "not_applicable", "neutral_high", "none"),
    "2": ("green", "up", "improving", "improvement", "inconsistent"),
    "3": ("none", "none", "not_applicable", "too_few_points", "none"),
    "34": ("none", "none", "not_applicable", "none", "none"),
    "16": ("green", "down", "improving", "common_cause", "none"),
    "84": ("red", "up", "declining", "concern", "fail"),
}


def _cell(raw: object) -> tuple[float, str]:
    if raw is None:
        return np.nan, ""
    if isinstance(raw, str):
        return np.nan, raw
    return float(raw), ""


# The frame's columns for what this hand-made scorecard does not use: monthly, no bases, no benchmarks.
UNUSED = {
    "frequency": "monthly",
    "numerator": np.nan,
    "denominator": np.nan,
    "small_base": False,
    "rating_rule": "",
    **{name: "" for name in INDICATOR_COLUMNS[INDICATOR_COLUMNS.index("tolerance") :]},
}


def build(copies: int = 1) -> Scorecard:
    """The scorecard; ``copies`` > 1 repeats every indicator (ids ``2``, ``2.1``, ...) for scale tests."""
    catalogue, history, indicators, spc = [], [], [], []
    rows = [(ident if n == 0 else f"{ident}.{n}", *rest) for n in range(copies) for ident, *rest in ROWS]
    for ident, section, title, unit, polarity, target, sn, decimals, values in rows:
        base = ident.split(".")[0]
        catalogue.append(
            {
                "id": ident,
                "section": section,
                "title": title,
                "unit": unit,
                "polarity": polarity,
                "target": target,
                "sn_average": sn,
                "basis": "in_month",
                "decimals": decimals,
                "series_break": "2024-10" if base == "84" else "",
                "notes": "",
            }
        )
        cells = [_cell(v) for v in values]
        for period, (value, status), rag in zip(PERIODS, cells, RAG_OF[base], strict=True):
            history.append(
                {
                    "id": ident,
                    "period": period,
                    "value": value,
                    "status": status,
                    "count": pd.NA,
                    "raw": "" if np.isnan(value) else str(value),
                    "rag": rag,
                    "numerator": np.nan,
                    "denominator": np.nan,
                }
            )
        numbers = [(p, v) for p, (v, _) in zip(PERIODS, cells, strict=True) if not np.isnan(v)]
        if numbers:
            series = np.array([v for _, v in numbers])
            mean = float(series.mean())
            spread = float(np.abs(np.diff(series)).mean()) * 2.66 if len(series) > 1 else 0.0
            for i, (period, value) in enumerate(numbers):
                flagged = base == "84" and i == len(numbers) - 1
                spc.append(
                    {
                        "id": ident,
                        "period": period,
                        "value": value,
                        "mean": mean,
                        "lower_limit": mean - spread,
                        "upper_limit": mean + spread,
                        "near_lower": mean - spread * 2 / 3,
                        "near_upper": mean + spread * 2 / 3,
                        "special_cause": "outside_limits" if flagged else "",
                        "point_type": "concern" if flagged else "common_cause",
                        "limits": "trial" if base in TRIAL else "full",
                        "segment": 2 if base == "84" and period >= "2024-10" else 1,
                        "in_baseline": True,
                        "pointing": 1 if flagged else 0,
                        "lower_limit_unbounded": mean - spread,
                        "upper_limit_unbounded": mean + spread,
                    }
                )
        value, status = cells[-1]
        previous = [v for _, v in numbers[:-1]] if not np.isnan(value) else [v for _, v in numbers]
        rag, direction, trend, variation, assurance = LATEST[base]
        indicators.append(
            {
                "id": ident,
                "section": section,
                "title": title,
                "unit": unit,
                "polarity": polarity,
                "basis": "in_month",
                "decimals": decimals,
                "period": PERIODS[-1],
                "value": value,
                "status": status,
                "count": pd.NA,
                "raw": "",
                "target": target,
                "sn_average": sn,
                "rag": rag,
                "direction": direction,
                "trend": trend,
                "previous_period": PERIODS[-2] if previous else "",
                "previous_value": previous[-1] if previous else np.nan,
                "variation": variation,
                "assurance": assurance,
                "spc_limits": (
                    "none"
                    if variation in ("none", "too_few_points")
                    else "trial"
                    if base in TRIAL
                    else "full"
                ),
                "published_direction": "",
                "target_miss": MISS.get(base, np.nan if rag == "none" else 0.0),
                **UNUSED,
                "value_period": PERIODS[-1] if not np.isnan(value) or status else "",
            }
        )
    catalogue_df = pd.DataFrame(catalogue)
    history_df = pd.DataFrame(history)
    data = ScorecardData(
        SETTINGS, catalogue_df, history_df[["id", "period", "value", "status", "count", "raw"]]
    )
    rebases = {
        row["id"]: [Rebase(row["id"], "2024-10", SERIES_BREAK)] for row in catalogue if row["series_break"]
    }
    return Scorecard(
        PERIODS[-1], PERIODS, SETTINGS, data, pd.DataFrame(indicators), history_df, pd.DataFrame(spc), rebases
    )


def table_cells(html: str) -> list[dict[str, tuple[str, str]]]:
    """Each body row of a great_tables HTML table as {column header id: (text, inline style)}."""
    from html.parser import HTMLParser

    class _Cells(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.rows: list[dict[str, tuple[str, str]]] = []
            self.cell: list[str] | None = None
            self.body = False

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            found = dict(attrs)
            if tag == "tbody":
                self.body = True
            elif tag == "tr" and self.body:
                self.rows.append({})
            elif tag == "td" and self.body:
                # A table with an id names its headers "<id>-<column>": keep the column.
                column = re.sub(r"^gt-[0-9a-f]+-", "", found.get("headers") or "")
                self.cell = [column, found.get("style") or "", ""]

        def handle_data(self, data: str) -> None:
            if self.cell is not None:
                self.cell[2] += data

        def handle_endtag(self, tag: str) -> None:
            if tag == "td" and self.cell is not None:
                self.rows[-1][self.cell[0]] = (self.cell[2].strip(), self.cell[1])
                self.cell = None
            elif tag == "tbody":
                self.body = False

    parser = _Cells()
    parser.feed(html)
    return parser.rows


def background(style_text: str) -> str:
    """The inline background-color of a cell, upper-cased, or "" if none."""
    for part in style_text.split(";"):
        name, _, value = part.partition(":")
        if name.strip() == "background-color":
            return value.strip().upper()
    return ""
