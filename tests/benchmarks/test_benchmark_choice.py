"""Which year and neighbour model a pack shows: what its board could have known in its month."""

from __future__ import annotations

import pandas as pd

from scorecard.rules.benchmarking import choice, chosen


def _file() -> pd.DataFrame:
    rows = [
        (ident, period, known, model, model_from)
        for ident, year_end in (("10", "11"), ("82", "02"))
        for period in ("2023", "2024", "2025")
        for known in [f"{int(period) + (year_end == '02')}-{year_end}"]
        for model, model_from in (("2021", "2021-04"), ("2025", "2025-05"))
    ]
    return pd.DataFrame(rows, columns=["id", "time_period", "known_from", "neighbour_model", "model_from"])


def test_a_pack_shows_the_latest_year_published_by_its_month_in_the_model_then_in_force() -> None:
    march = chosen(_file(), "2025-03")
    assert dict(march["time_period"]) == {
        "10": "2024",
        "82": "2024",
    }  # 2023/24 (Nov 2024); Sep 2024 (Feb 2025)
    assert set(march["neighbour_model"]) == {"2021"}
    october = chosen(_file(), "2024-10")
    assert dict(october["time_period"]) == {"10": "2023", "82": "2023"}
    december = chosen(_file(), "2025-12")
    assert dict(december["time_period"]) == {"10": "2025", "82": "2024"}
    assert set(december["neighbour_model"]) == {"2025"}


def test_the_2025_model_is_in_force_from_may_2025() -> None:
    assert (choice(_file(), "2025-04").model, choice(_file(), "2025-05").model) == ("2021", "2025")
    assert choice(_file(), "2020-01").why.startswith("the oldest given")


def test_the_settings_may_name_the_year_or_the_model() -> None:
    named = chosen(_file(), "2025-03", year="2023", model="2025")
    assert dict(named["time_period"]) == {"10": "2023", "82": "2023"}
    assert set(named["neighbour_model"]) == {"2025"}
    assert choice(_file(), "2025-03", model="2025").why == "named in the settings"


def test_no_benchmarks_chooses_nothing() -> None:
    assert len(chosen(None, "2025-03")) == 0 and choice(None, "2025-03").model == ""
