"""Councils' layouts, each rule on its own: header words, periods, target forms, bands, tolerances,
the long layout's values and catalogue, units and polarity."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest

from scorecard.bands import band_problems
from scorecard.data.cross_file_checks import ratio_problem
from scorecard.data.importer.columns import (
    FIELDS,
    LONG_FIELDS,
    Header,
    classify,
    year_label,
)
from scorecard.data.importer.importing import import_files
from scorecard.data.importer.layouts.header_layout import CATALOGUE, VALUES, WIDE, find_layout
from scorecard.data.importer.new_indicator import POLARITY_WORDS, from_periods, polarity, unit, word
from scorecard.fields import EVERY_FIELD
from scorecard.model import Frequency, Polarity, Rag
from scorecard.problems import DataError
from scorecard.rules.rag import published_bands, rag, rag_bands, rag_values, round_published, rule_text
from scorecard.targets import (
    TargetError,
    TargetKind,
    benchmark_figure,
    parse_target,
    parse_tolerance,
    resolve,
)

# --- headers -----------------------------------------------------------------------------------------


def test_every_field_the_vocabulary_names_has_its_header_words_here() -> None:
    # fields.EVERY_FIELD (what --column and settings.yaml may name) and the importer's words, in one order
    assert (*FIELDS, *LONG_FIELDS) == EVERY_FIELD


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("ID", Header("id")),
        ("  pi  REF ", Header("id")),
        ("No.", Header("id")),
        ("Key Performance Indicators", Header("title")),
        ("Service area", Header("section")),
        ("Good performance is", Header("polarity")),
        ("Higher or lower is better", Header("polarity")),
        ("Target 2024/25", Header("target", year="2024/25")),
        ("Annual target", Header("target")),
        ("Tolerance", Header("tolerance")),
        ("Green", Header("green")),
        ("SN av", Header("sn_average")),
        ("Statistical neighbour average 2023-24", Header("sn_average", year="2023/24")),
        ("England 2023/24", Header("england", year="2023/24")),
        ("England average (2023/24)", Header("england", year="2023/24")),
        ("Regional average 2024", Header("region", year="2024")),
        ("Top quartile 23/24", Header("top_quartile", year="2023/24")),
        ("2023/24 outturn", Header("previous_year", year="2023/24")),
        ("Outturn 2023/24", Header("previous_year", year="2023/24")),
        ("Last year", Header("previous_year")),
        ("DoT", Header("published_direction")),
        ("RAG status", Header("published_rating")),
        ("Lead officer", Header("lead")),
        ("Month ending", Header("period")),
        ("Result", Header("value")),
        ("Denom", Header("denominator")),
        ("Cohort", Header("denominator")),
    ],
)
def test_header_words_with_case_spacing_and_a_year(header: str, expected: Header) -> None:
    assert classify(header) == expected


def test_a_mapping_comes_before_the_words_and_anything_else_is_unknown() -> None:
    assert classify("Perf ref", {"perf ref": "id"}) == Header("id")
    assert classify("Target", {"target": "ignore"}) == Header("ignore")
    assert classify("Remarks") is None
    assert classify("Comments") == Header("commentary")  # a council's commentary is read, never refused
    assert classify("Target 2024/25 (draft)") is None


def test_years_are_written_one_way() -> None:
    assert [year_label(y) for y in ("2023-24", "2023/2024", "23/24", "FY 2023/24", "2024", "24")] == [
        "2023/24",
        "2023/24",
        "2023/24",
        "2023/24",
        "2024",
        "",
    ]


# --- targets -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind", "lower", "upper", "strict"),
    [
        ("At least 90%", TargetKind.AT_LEAST, 90, None, False),
        (">= 90%", TargetKind.AT_LEAST, 90, None, False),
        ("≥ 90%", TargetKind.AT_LEAST, 90, None, False),
        ("90% or more", TargetKind.AT_LEAST, 90, None, False),
        ("Minimum 90%", TargetKind.AT_LEAST, 90, None, False),
        ("More than 60%", TargetKind.ABOVE, 60, None, True),
        ("> 60", TargetKind.ABOVE, 60, None, True),
        ("Fewer than 10", TargetKind.BELOW, None, 10, True),
        ("Less than 8%", TargetKind.BELOW, None, 8, True),
        ("< 8%", TargetKind.BELOW, None, 8, True),
        ("No more than 15", TargetKind.AT_MOST, None, 15, False),
        ("≤ 15", TargetKind.AT_MOST, None, 15, False),
        ("<= 15%", TargetKind.AT_MOST, None, 15, False),
        ("15 or fewer", TargetKind.AT_MOST, None, 15, False),
        ("Between 60 and 70", TargetKind.RANGE, 60, 70, False),
        ("60 to 70", TargetKind.RANGE, 60, 70, False),
        ("No target", TargetKind.NONE, None, None, False),
        ("-", TargetKind.NONE, None, None, False),
        ("For information", TargetKind.MONITOR, None, None, False),
    ],
)
def test_target_forms_in_words_and_signs(text, kind, lower, upper, strict) -> None:
    target = parse_target(text)
    assert (target.kind, target.lower, target.upper, target.strict) == (kind, lower, upper, strict)


@pytest.mark.parametrize(
    ("text", "benchmark", "side", "strict"),
    [
        ("Above Stat Neighbour Average", "sn_average", "above", True),
        ("Above statistical neighbours", "sn_average", "above", True),
        ("At or above England", "england", "above", False),
        ("Below the national average", "england", "below", True),
        ("At or below regional average", "region", "below", False),
        ("In line with England", "england", "above", False),
        ("Above top quartile", "top_quartile", "above", True),
    ],
)
def test_targets_relative_to_a_benchmark(text, benchmark, side, strict) -> None:
    target = parse_target(text)
    assert (target.kind, target.benchmark, target.side, target.strict) == (
        TargetKind.RELATIVE,
        benchmark,
        side,
        strict,
    )


def test_a_relative_target_is_rated_against_its_benchmarks_figure() -> None:
    above = resolve(parse_target("Above Stat Neighbour Average"), benchmark_figure("56.0%"))
    assert (above.kind, above.lower, above.strict) == (TargetKind.ABOVE, 56.0, True)
    assert [rag(v, above, Polarity.HIGHER, 0.15) for v in (56.1, 56.0, 47.6, 47.5)] == [
        Rag.GREEN,
        Rag.AMBER,
        Rag.AMBER,
        Rag.RED,
    ]
    at_most = resolve(parse_target("At or below England"), 12.0)
    assert [rag(v, at_most, Polarity.LOWER, 0.1) for v in (12.0, 13.2, 13.3)] == [
        Rag.GREEN,
        Rag.AMBER,
        Rag.RED,
    ]
    unresolved = resolve(parse_target("Above England"), benchmark_figure("N/A"))
    assert rag(50.0, unresolved, Polarity.HIGHER, 0.15) is Rag.NONE


@pytest.mark.parametrize("text", ["Above Scotland", "at least", "More than lots", "Maybe 90%"])
def test_unreadable_targets_say_what_was_expected(text: str) -> None:
    with pytest.raises(TargetError, match="expected a target such as"):
        parse_target(text)


def test_a_range_the_wrong_way_round_says_so() -> None:
    with pytest.raises(TargetError, match="range lower bound 70 must be below upper 60"):
        parse_target("Between 70 and 60")


def test_an_indicators_own_tolerance() -> None:
    assert parse_tolerance("10%") == pytest.approx(0.10)
    assert parse_tolerance(" 5 % ") == pytest.approx(0.05)
    assert parse_tolerance("") is None
    for text in ("0.1", "10", "100%", "ten"):
        with pytest.raises(TargetError, match="expected such as '10%'"):
            parse_tolerance(text)
    target = parse_target("90%")
    bands = rag_bands(target, Polarity.HIGHER, 0.05)
    assert rag_values(np.array([90.0, 85.5, 85.4]), bands).tolist() == ["green", "amber", "red"]


# --- bands -------------------------------------------------------------------------------------------

HIGH = {"green": ">= 90%", "amber": "80% - 89.9%", "red": "< 80%"}


def test_bands_that_meet_at_the_published_decimals() -> None:
    assert band_problems(HIGH, 1, "percent") == []
    assert band_problems(HIGH, 0, "percent") == []
    assert band_problems({"green": "<= 5", "amber": "6 - 10", "red": "> 10"}, 0, "count") == []
    band = {"green": "40 - 45", "amber": "35 - 39.9 or 45.1 - 50", "red": "< 35 or > 50"}
    assert band_problems(band, 1, "rate_per_10000") == []
    assert band_problems({"green": ">= 95%", "amber": "", "red": "< 95%"}, 1, "percent") == []


def test_a_gap_at_the_published_decimals() -> None:
    (problem,) = band_problems(HIGH, 2, "percent")
    assert problem.startswith("bands leave 89.91% to 89.99% in no band at the indicator's 2 decimal(s)")
    (problem,) = band_problems({"green": ">= 90%", "amber": "80% - 88%", "red": "< 80%"}, 1, "percent")
    assert "88.1% to 89.9%" in problem
    (problem,) = band_problems({"green": ">= 90", "amber": "80 - 89", "red": "70 - 79"}, 0, "count")
    assert problem.startswith("bands leave 0 to 69 in no band")


def test_an_overlap() -> None:
    (problem,) = band_problems({"green": ">= 90%", "amber": "80% - 90%", "red": "< 80%"}, 1, "percent")
    assert problem == (
        "bands overlap: amber '80% - 90%' and green '>= 90%' both hold 90.0%; "
        "expected each value in one band only"
    )


def test_green_and_red_are_needed_and_amber_lies_next_to_green() -> None:
    assert band_problems({"green": ">= 90%"}, 1, "percent")[0].startswith("bands need green and red")
    wrong = {"green": ">= 90%", "amber": "< 80%", "red": "80% - 89.9%"}
    assert band_problems(wrong, 1, "percent") == [
        "amber does not lie next to green; expected green, then amber, then red"
    ]


def test_a_rating_by_bands_is_at_the_published_decimals() -> None:
    bands = published_bands(HIGH, 1)
    values = round_published(np.array([89.95, 89.94, 80.0, 79.96, 79.94, math.nan]), 1)
    assert rag_values(values, bands).tolist() == ["green", "amber", "amber", "amber", "red", "none"]
    assert rule_text(bands, "percent", 1) == "green ≥ 90.0%; amber 80.0% to 89.9%; red ≤ 79.9%"


def test_the_rule_behind_a_rating_in_words() -> None:
    def text(target: str, polarity: Polarity, tolerance: float = 0.15, decimals: int = 1) -> str:
        return rule_text(rag_bands(parse_target(target), polarity, tolerance), "percent", decimals)

    assert text("90.0%", Polarity.HIGHER) == "green ≥ 90.0%; amber 76.5% to 89.9%; red ≤ 76.4%"
    assert text("Below 8%", Polarity.LOWER) == "green ≤ 7.9%; amber 8.0% to 9.2%; red ≥ 9.3%"
    assert text("105-135", Polarity.BAND) == (
        "green 105.0% to 135.0%; amber 89.3% to 104.9% or 135.1% to 155.2%; red ≤ 89.2% or ≥ 155.3%"
    )
    assert text("0", Polarity.LOWER, decimals=0) == "green ≤ 0%; red ≥ 1%"
    assert rule_text(None, "percent", 1) == ""


# --- units, polarity, frequency ----------------------------------------------------------------------


def test_units_are_inferred() -> None:
    assert unit("Rate of children in need per 10,000 children", []) == "rate_per_10000"
    assert unit("Children seen in time", [], "At least 90%") == "percent"
    assert unit("Children seen in time", [], "", ratio=True) == "percent"
    assert unit("Average caseload per social worker", [], "", ratio=True) == "average"
    assert unit("Number of contacts", []) == "count"


def test_polarity_words_and_first_guesses() -> None:
    for text, expected in (
        ("High", "higher_is_better"),
        ("Lower is better", "lower_is_better"),
        ("Range", "within_band"),
        ("Measure for information", "no_preference"),
    ):
        assert word(text, POLARITY_WORDS) == expected
    assert word("Sideways", POLARITY_WORDS) is None
    assert polarity("Fewer than 10") is Polarity.LOWER
    assert polarity("Above England") is Polarity.HIGHER
    assert polarity("", {"green": "<= 5", "amber": "6 - 10", "red": "> 10"}, 0) is Polarity.LOWER


def test_a_long_layouts_frequency_from_its_dates() -> None:
    assert from_periods(["2024-06", "2024-09", "2024-12", "2025-03"], "monthly") is Frequency.QUARTERLY
    assert from_periods(["2023-03", "2024-03"], "monthly") is Frequency.ANNUAL
    assert from_periods(["2024-04", "2024-05"], "monthly") is Frequency.MONTHLY
    assert from_periods(["2025-03"], "quarterly") is Frequency.QUARTERLY


# --- numerators and denominators ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("numerator", "denominator", "value", "unit_", "decimals", "problem"),
    [
        ("5", "13", 38.5, "percent", 1, None),
        ("5", "13", 38.0, "percent", 0, None),
        ("5", "13", math.nan, "percent", 1, None),  # blank: the importer computes it
        ("452", "61234", 73.8, "rate_per_10000", 1, None),
        ("412", "22.5", 18.3, "average", 1, None),
        ("14", "13", 100.0, "percent", 1, ("numerator", "above its denominator")),
        ("5", "13", 40.0, "percent", 1, ("value", "disagrees with 5 of 13, which give 38.5")),
        ("5", "", 38.5, "percent", 1, ("denominator", "needs its denominator")),
        ("5", "0", 38.5, "percent", 1, ("denominator", "a denominator of 0")),
        ("5", "13", 5.0, "count", 0, ("numerator", "a count has no numerator")),
    ],
)
def test_a_value_agrees_with_its_numerator_and_denominator(
    numerator, denominator, value, unit_, decimals, problem
) -> None:
    found = ratio_problem(numerator, denominator, value, unit_, decimals)
    if problem is None:
        assert found is None
    else:
        assert found is not None and found[0] == problem[0] and problem[1] in found[1]


# --- the layouts told apart --------------------------------------------------------------------------


def _rows(text: str) -> list[tuple[int, list[str]]]:
    return [(n, line.split(",")) for n, line in enumerate(text.splitlines(), start=1)]


def test_files_are_told_apart_by_their_columns() -> None:
    wide = find_layout("f", _rows("Title row\nRef,Indicator,Q1 2024/25\n1,A,5"), {})
    assert (wide.kind, wide.line) == (WIDE, 2)
    values = find_layout("f", _rows("Indicator ID,Month ending,Value\nX,2025-03-31,4"), {})
    assert values.kind == VALUES
    catalogue = find_layout("f", _rows("ID,Indicator,Good is,Target\nX,A,High,5"), {})
    assert catalogue.kind == CATALOGUE
    sectioned = find_layout("f", _rows("ID,Early Help - all,Apr-24,Target,SN av,Direction of travel"), {})
    assert sectioned is None  # the seed's sectioned layout


def test_long_values_with_numerators_and_a_value_to_compute(tmp_path: Path, empty_data_dir: Path) -> None:
    (tmp_path / "catalogue.csv").write_text(
        "ID,Section,Indicator,Polarity,Target\n"
        "C1,Early Help and Front Door Responses,Children seen in time,High,At least 90%\n"
    )
    (tmp_path / "values.csv").write_text(
        "ID,Month,Numerator,Denominator,Value,Status\n"
        "C1,Jan-25,9,10,90.0,\nC1,Feb-25,5,13,,\nC1,Mar-25,,,,NYC\nC1,Apr-25,,,,\n"
    )
    report = import_files([tmp_path / "catalogue.csv", tmp_path / "values.csv"], empty_data_dir)
    assert "values computed from their numerator and denominator: 1" in report
    assert "rows with no value, numerator or status (nothing published): 1" in report
    from scorecard.data.load import load_data

    values = load_data(empty_data_dir).values.set_index("period")
    assert values.loc["2025-02", ["numerator", "denominator"]].tolist() == [5.0, 13.0]
    assert values.loc["2025-02", "value"] == pytest.approx(100 * 5 / 13)
    assert values.loc["2025-03", "status"] == "not_yet_complete"


def test_a_values_file_needs_a_catalogue(tmp_path: Path, empty_data_dir: Path) -> None:
    (tmp_path / "values.csv").write_text("ID,Month,Value\nC1,Jan-25,90\n")
    with pytest.raises(DataError) as error:
        import_files([tmp_path / "values.csv"], empty_data_dir)
    (problem,) = error.value.problems
    assert "ID C1 is in no catalogue; expected a catalogue file beside the values" in str(problem)
