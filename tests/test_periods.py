"""The reporting period: its one grammar (YYYY-MM, ASCII digits), its names, and the period headers
of councils' files."""

from __future__ import annotations

from pathlib import Path

import pytest

from scorecard.periods import (
    QUARTER_END,
    financial_year,
    is_period,
    month_name,
    month_period,
    period_cell,
    period_header,
    period_label,
    period_word,
    quarter_end,
    quarter_months,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-03", True),
        ("2000-01", True),
        ("2025-12", True),
        ("2025-13", False),
        ("2025-00", False),
        ("2025-3", False),
        ("25-03", False),
        ("2025-03-31", False),
        (" 2025-03", False),
        ("Mar-25", False),
        ("\u0662\u0660\u0662\u0665-03", False),  # Arabic-Indic digits: a regex's \d would take them
        ("\uff12\uff10\uff12\uff15-03", False),  # fullwidth digits
        ("2025-\u0660\u0663", False),
        (None, False),
        (202503, False),
    ],
)
def test_a_period_is_yyyy_mm_in_ascii_digits(text: object, expected: bool) -> None:
    assert is_period(text) is expected


def test_a_month_header_in_other_digits_is_not_a_month() -> None:
    assert month_period("\u0662\u0660\u0662\u0665-03") is None
    assert period_header("\u0662\u0660\u0662\u0665-03") is None
    assert period_cell("\u0662\u0660\u0662\u0665-03-31") is None


@pytest.mark.parametrize(
    ("label", "period", "kind"),
    [
        ("Apr-24", "2024-04", "monthly"),
        ("Apr 24", "2024-04", "monthly"),
        ("April 2024", "2024-04", "monthly"),
        ("2024-04", "2024-04", "monthly"),
        ("Q1 2024/25", "2024-06", "quarterly"),
        ("Q1 2024-25", "2024-06", "quarterly"),
        ("2024/25 Q1", "2024-06", "quarterly"),
        ("Q1 24/25", "2024-06", "quarterly"),
        ("Q3 2024/25", "2024-12", "quarterly"),
        ("Q4 2024/25", "2025-03", "quarterly"),
        ("Quarter 2 2024/25", "2024-09", "quarterly"),
        ("2023/24", "2024-03", "annual"),
        ("2023-24", "2024-03", "annual"),
        ("1999/00", "2000-03", "annual"),
    ],
)
def test_period_headers_are_filed_under_their_last_month(label: str, period: str, kind: str) -> None:
    assert period_header(label) == (period, kind)


@pytest.mark.parametrize("label", ["Q5 2024/25", "Q1 2024/26", "2023/25", "Quarter", "Apr", "13-2024"])
def test_what_is_not_a_period(label: str) -> None:
    assert period_header(label) is None


@pytest.mark.parametrize(
    ("cell", "period"),
    [("2025-03-31", "2025-03"), ("31/03/2025", "2025-03"), ("31-Mar-2025", "2025-03"), ("Mar-25", "2025-03")],
)
def test_a_long_layouts_period_may_be_a_date_in_it(cell: str, period: str) -> None:
    assert period_cell(cell) == (period, "monthly")


def test_quarter_names() -> None:
    assert period_label("2025-03", "quarterly") == "Q4 2024/25"
    assert period_label("2024-06", "quarterly", short=True) == "Q1 24/25"
    assert period_label("2025-03") == "Mar-25"
    assert quarter_months("2024-12") == "October to December 2024"
    assert month_name("2025-03", "quarterly") == "Q4 2024/25 (January to March 2025)"


def test_the_word_for_a_period() -> None:
    assert [period_word(f) for f in ("monthly", "quarterly", "annual")] == [
        "month",
        "quarter",
        "financial year",
    ]
    assert [period_word(f, plural=True) for f in ("monthly", "quarterly", "annual")] == [
        "months",
        "quarters",
        "financial years",
    ]


@pytest.mark.parametrize(
    ("period", "end"),
    [("2024-04", "2024-06"), ("2024-08", "2024-09"), ("2024-12", "2024-12"), ("2025-02", "2025-03")],
)
def test_a_month_belongs_to_the_financial_quarter_ending_in(period: str, end: str) -> None:
    assert quarter_end(period) == end
    assert sorted(set(QUARTER_END.values())) == [3, 6, 9, 12]


def test_the_financial_year() -> None:
    assert financial_year("2025-03") == "2024-25"
    assert financial_year("2025-04") == "2025-26"


DATA = Path(__file__).resolve().parent.parent / "data"
ARABIC_INDIC = "\u0662\u0660\u0662\u0665-03"  # 2025-03 in Arabic-Indic digits


@pytest.mark.parametrize(
    "argv",
    [
        ["check", "--period", ARABIC_INDIC],
        ["brief", "--period", ARABIC_INDIC],
        ["export", "--period", ARABIC_INDIC, "--out", "{out}"],
    ],
)
def test_every_command_says_a_period_in_other_digits_is_not_a_month(
    argv: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from scorecard.cli import main

    out = tmp_path / "scorecard.csv"
    code = main(["--data", str(DATA), *(arg.format(out=out) for arg in argv)])
    error = capsys.readouterr().err
    assert code == 2
    assert f"--period:-:period: value '{ARABIC_INDIC}' - not a month; expected a month as YYYY-MM" in error
    assert not out.exists()


def test_make_report_says_a_period_in_other_digits_is_not_a_month(capsys: pytest.CaptureFixture[str]) -> None:
    from scorecard.render import main

    assert main(["--period", ARABIC_INDIC, "--no-install"]) == 2
    assert capsys.readouterr().err.splitlines() == [
        "PERIOD: value '\\u0662\\u0660\\u0662\\u0665-03' - not a month; expected YYYY-MM, such as 2025-02"
    ]
