"""Synthetic scorecards in the project's own data formats, for the scale benchmark.

Deterministic (seeded) so two runs measure the same work. The mix of units, polarities, target
forms and statuses follows the real seed so every code path is exercised.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pandas as pd

# (unit, polarity, target, decimals, centre, spread) - shapes seen in the published scorecard
_KINDS = [
    ("percent", "higher_is_better", "90.0%", 1, 80.0, 6.0),
    ("percent", "lower_is_better", "Below 8%", 1, 6.0, 1.5),
    ("percent", "higher_is_better", "80%+", 0, 70.0, 8.0),
    ("percent", "higher_is_better", "90-95%", 1, 88.0, 5.0),
    ("count", "no_preference", "Monitor", 0, 600.0, 80.0),
    ("count", "lower_is_better", "below 50", 0, 50.0, 6.0),
    ("count", "lower_is_better", "0", 0, 2.0, 1.5),
    ("rate_per_10000", "within_band", "105-135", 1, 115.0, 10.0),
    ("average", "lower_is_better", "17", 0, 20.0, 2.0),
    ("count", "higher_is_better", "6 per month", 0, 6.0, 2.0),
]


def periods(months: int, end: str = "2025-03") -> list[str]:
    return [str(p) for p in pd.period_range(end=end, periods=months, freq="M")]


def write_scorecard(data_dir: Path, indicators: int, months: int, settings_from: Path) -> Path:
    """Write settings.yaml, catalogue.csv and values.csv for a synthetic scorecard; return data_dir."""
    rng = random.Random(indicators * 1000 + months)
    data_dir.mkdir(parents=True, exist_ok=True)
    shutil.copy(settings_from, data_dir / "settings.yaml")
    sections = [
        "early-help",
        "social-work-practice",
        "cared-for",
        "qa-safeguarding",
        "qa-auditing",
        "workforce",
    ]
    months_list = periods(months)
    catalogue, values = [], []
    for n in range(1, indicators + 1):
        unit, polarity, target, decimals, centre, spread = _KINDS[n % len(_KINDS)]
        ident = str(n)
        catalogue.append(
            {
                "id": ident,
                "section": sections[(n - 1) * len(sections) // indicators],
                "title": f"Synthetic indicator {n} ({unit}, {polarity})",
                "unit": unit,
                "polarity": polarity,
                "target": target,
                "sn_average": "N/A",
                "basis": "in_month",
                "decimals": decimals,
                "series_break": "",
                "notes": "",
            }
        )
        level = centre
        for i, period in enumerate(months_list):
            level += rng.gauss(0, spread / 3)
            value = max(0.0, min(100.0, level) if unit == "percent" else level)
            if i == len(months_list) - 1 and n % 17 == 0:  # latest month not yet complete
                values.append(
                    {
                        "id": ident,
                        "period": period,
                        "value": "",
                        "status": "not_yet_complete",
                        "count": "",
                        "raw": "NYC",
                    }
                )
                continue
            value = round(value, decimals)
            raw = f"{value:,.{decimals}f}" + ("%" if unit == "percent" else "")
            raw += "r" if unit == "rate_per_10000" else ""
            values.append(
                {"id": ident, "period": period, "value": value, "status": "", "count": "", "raw": raw}
            )
    pd.DataFrame(catalogue).to_csv(data_dir / "catalogue.csv", index=False)
    pd.DataFrame(values).to_csv(data_dir / "values.csv", index=False)
    return data_dir


def extend_history(data_dir: Path, months: int, seed: int = 30) -> Path:
    """Give every indicator of ``data_dir`` (a copy of a data folder) ``months`` months of history in
    all: synthetic figures before its first period, drawn about the mean and the month-to-month spread
    of its own figures, at its decimals and within what its unit can reach (0 to 100 for a
    percentage, 0 or more otherwise). A quarterly indicator gets its quarter ends only; its own rows
    are kept as they are, so the pack's month and its narrative stay valid. Returns ``data_dir``."""
    rng = random.Random(seed)
    catalogue = pd.read_csv(data_dir / "catalogue.csv", dtype=str, keep_default_na=False).set_index("id")
    values = pd.read_csv(data_dir / "values.csv", dtype=str, keep_default_na=False)
    last = max(values["period"])
    wanted = periods(months, end=last)
    added = []
    for ident, rows in values.groupby("id", sort=False):
        numbers = pd.to_numeric(rows["value"].replace("", None)).dropna()
        if numbers.empty:
            continue
        unit, decimals = catalogue.at[ident, "unit"], int(catalogue.at[ident, "decimals"])
        quarterly = catalogue.at[ident, "frequency"] == "quarterly"
        centre = float(numbers.mean())
        spread = float(numbers.diff().abs().mean()) if len(numbers) > 1 else abs(centre) * 0.05
        spread = spread or 10.0**-decimals
        ceiling = 100.0 if unit == "percent" else float("inf")
        for period in wanted:
            if period >= min(rows["period"]) or (quarterly and int(period[5:]) % 3):
                continue
            value = round(min(max(rng.gauss(centre, spread * 0.9), 0.0), ceiling), decimals)
            raw = f"{value:,.{decimals}f}" + {"percent": "%", "rate_per_10000": "r"}.get(unit, "")
            added.append({"id": ident, "period": period, "value": f"{value:.{decimals}f}", "raw": raw})
    frame = pd.concat([pd.DataFrame(added), values], ignore_index=True).fillna("")
    frame = frame.sort_values(["id", "period"], kind="stable")[list(values.columns)]
    frame.to_csv(data_dir / "values.csv", index=False, lineterminator="\n")
    return data_dir
