"""The measure library: one entry per DfE measure, proposed by title, extended by the settings."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from scorecard.data.benchmark_data import MARCH, SEPTEMBER, measure_settings
from scorecard.data.benchmarks.measures import LIBRARY, custom_measures, proposed

CATALOGUE = Path(__file__).resolve().parents[2] / "data" / "catalogue.csv"


def test_init_proposes_a_measure_for_each_shipped_title_that_matches_one() -> None:
    with CATALOGUE.open(encoding="utf-8") as stream:
        titles = {row["id"]: row["title"] for row in csv.DictReader(stream)}
    found = {ident: name for ident, title in titles.items() if (name := proposed(title, LIBRARY))}
    assert found == {
        "8b": "nfa_percent",
        "10": "rereferrals_percent",
        "16": "cin_rate",
        "17": "cp_rate",
        "18": "cla_rate",
        "22": "cp_second_plan_percent",
        "36": "placement_stability_short",
        "37": "placement_stability_long",
        "39": "health_assessments",
        "40": "dental_checks",
        "42": "immunisations",
        "47a": "care_leavers_eet_17_18",
        "47b": "care_leavers_suitable_17_18",
        "48a": "care_leavers_eet_19_21",
        "48b": "care_leavers_suitable_19_21",
        "69": "sw_caseload",
        "82": "sw_turnover",
        "83": "sw_vacancy",
    }


def test_a_title_matching_two_measures_gets_none() -> None:
    assert proposed("Rate of children in need and on a child protection plan per 10,000", LIBRARY) == ""


def test_years_are_named_and_known_as_published() -> None:
    march, september = LIBRARY["cla_rate"], LIBRARY["sw_turnover"]
    assert (march.year_end, march.year_label("2024"), march.known_from("2024")) == (
        MARCH,
        "2023/24",
        "2024-11",
    )
    assert (september.year_end, september.year_label("2024"), september.known_from("2024")) == (
        SEPTEMBER,
        "Sep 2024",
        "2025-02",
    )


def test_a_council_adds_its_own_measure_in_the_settings() -> None:
    said: list[tuple[tuple[Any, ...], Any, str]] = []
    raw = {
        "cin_referral_rate": {"value": "referral_count", "rate": True, "title": "Referrals per 10,000"},
        "Bad Name": {"value": "x"},
        "no_value": {"title": "x"},
        "odd_year": {"value": "x", "year_end": "june"},
    }
    found = custom_measures(
        measure_settings(raw, lambda keys, value, message: said.append((keys, value, message)))
    )
    assert list(found) == ["cin_referral_rate"] and found["cin_referral_rate"].rate
    assert [keys[-1] for keys, _, _ in said] == ["Bad Name", "no_value", "year_end"]


def test_the_benchmark_settings_are_written_back_as_read(tmp_path: Path) -> None:
    from dataclasses import replace

    from scorecard.data import load_settings
    from scorecard.data.importer.init import settings_text

    shipped = load_settings(CATALOGUE.parent / "settings.yaml")
    own = {"referral_rate": {"value": "referral_count", "rate": True, "filters": {"breakdown": "Total"}}}
    settings = replace(shipped, benchmark_year="2024", neighbour_model="2025", benchmark_measures=own)
    (tmp_path / "settings.yaml").write_text(settings_text(settings))
    again = load_settings(tmp_path / "settings.yaml")
    assert (again.la_code, again.benchmark_year, again.neighbour_model) == ("895", "2024", "2025")
    assert again.benchmark_measures == own
