"""A small hand-built ``ScorecardData`` in the loader's shape: seven indicators over 15 months,
statuses and a series break included. The rules' and the export's tests build on it."""

from __future__ import annotations

import math

import pandas as pd

from scorecard.model import ScorecardData, Section, Settings

PERIODS = [str(p) for p in pd.period_range("2024-01", "2025-03", freq="M")]  # 15 months
SETTINGS = Settings(
    organisation="Test Council",
    report_title="Test",
    population=81634,
    population_source="ONS",
    population_year=2023,
    rag_tolerance=0.15,
    sections=(Section("early-help", "Early Help"), Section("workforce", "Workforce")),
)
NYC = "not_yet_complete"
# id, section, unit, polarity, target, decimals, series_break, {period: value or status}
INDICATORS = [
    (
        "1",
        "early-help",
        "count",
        "no_preference",
        "Monitor",
        0,
        "",
        dict(
            zip(
                PERIODS,
                [600, 610, 620, 630, 640, 650, 660, 560, 384, 527, 403, 435, 500, 510, 1500],
                strict=True,
            )
        ),
    ),
    (
        "2",
        "early-help",
        "percent",
        "higher_is_better",
        "90.0%",
        1,
        "",
        dict(
            zip(
                PERIODS,
                [87.0, 85.0, 82.0, 83.0, 90.0, 73.0, 84.0, 87.4, 94.0, 99.0, 96.0, 95.0, 96.0, 96.0, 99.0],
                strict=True,
            )
        ),
    ),
    (
        "3",
        "early-help",
        "percent",
        "lower_is_better",
        "Below 8%",
        1,
        "",
        dict(
            zip(
                PERIODS,
                [3.7, 4.7, 5.6, 4.2, 4.3, 3.8, 4.4, 4.2, 4.5, 3.2, 7.5, 8.8, 6.0, 7.0, NYC],
                strict=True,
            )
        ),
    ),
    (
        "8a",
        "workforce",
        "rate_per_10000",
        "within_band",
        "105-135",
        1,
        "",
        dict(
            zip(
                PERIODS,
                [
                    100.8,
                    101.8,
                    106.2,
                    112.5,
                    118.8,
                    109.4,
                    100.4,
                    106.2,
                    108.4,
                    126.4,
                    135.9,
                    134.9,
                    140.0,
                    135.9,
                    134.9,
                ],
                strict=True,
            )
        ),
    ),
    (
        "5",
        "workforce",
        "count",
        "lower_is_better",
        "15",
        0,
        "",
        {"2024-03": 20, "2024-06": 18, "2024-09": 16, "2024-12": 15, "2025-03": 12},
    ),
    (
        "6",
        "workforce",
        "days_per_fte",
        "lower_is_better",
        "10",
        2,
        "2024-10",
        dict(
            zip(
                PERIODS,
                [1.0, 1.1, 1.2, 1.0, 1.1, 1.2, 1.0, 1.1, 1.2, 9.0, 9.5, 10.0, 11.0, 12.0, 13.0],
                strict=True,
            )
        ),
    ),
    ("7", "workforce", "count", "no_preference", "N/A", 0, "", {}),
]


def make_data(indicators=INDICATORS, periods=None) -> ScorecardData:
    """A small ScorecardData in the loader's shape (strings "", value NaN where status is set)."""
    catalogue, values = [], []
    for ident, section, unit, polarity, target, decimals, series_break, cells in indicators:
        catalogue.append(
            {
                "id": ident,
                "section": section,
                "title": f"Indicator {ident}",
                "unit": unit,
                "polarity": polarity,
                "target": target,
                "sn_average": "N/A",
                "basis": "in_month",
                "decimals": decimals,
                "series_break": series_break,
                "notes": "",
            }
        )
        for period, cell in cells.items():
            if periods is not None and period not in periods:
                continue
            number = not isinstance(cell, str)
            values.append(
                {
                    "id": ident,
                    "period": period,
                    "value": float(cell) if number else math.nan,
                    "status": "" if number else cell,
                    "count": pd.NA,
                    "raw": str(cell) if number else "NYC",
                }
            )
    values_frame = pd.DataFrame(values)
    values_frame["count"] = values_frame["count"].astype("Int64")
    return ScorecardData(SETTINGS, pd.DataFrame(catalogue), values_frame)
