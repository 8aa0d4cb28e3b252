"""Every cell form of the seed, and the messages for the ones that are not cells."""

from __future__ import annotations

import pytest

from scorecard.cells import EXPECTED, Cell, CellError, parse_cell, published_text
from scorecard.model import Status


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("87.4%", Cell(87.4, Status.NONE, None, 1, "%")),
        ("97.80%", Cell(97.8, Status.NONE, None, 2, "%")),
        ("1,036", Cell(1036.0, Status.NONE, None, 0, "")),
        ("1083", Cell(1083.0, Status.NONE, None, 0, "")),
        ("100.8r", Cell(100.8, Status.NONE, None, 1, "r")),
        ("38r", Cell(38.0, Status.NONE, None, 0, "r")),
        ("67% (4)", Cell(67.0, Status.NONE, 4, 0, "%")),
        ("74% (14)", Cell(74.0, Status.NONE, 14, 0, "%")),
        ("6.00", Cell(6.0, Status.NONE, None, 2, "")),
        ("0%", Cell(0.0, Status.NONE, None, 0, "%")),
        ("NYC", Cell(None, Status.NOT_YET_COMPLETE, None, 0, "")),
        ("NA", Cell(None, Status.NOT_APPLICABLE, None, 0, "")),
        ("N/A", Cell(None, Status.NOT_APPLICABLE, None, 0, "")),
        ("Not reported", Cell(None, Status.NOT_REPORTED, None, 0, "")),
        ("Not reported due to new moderation process", Cell(None, Status.NOT_REPORTED, None, 0, "")),
        (" 12 ", Cell(12.0, Status.NONE, None, 0, "")),
    ],
)
def test_every_published_form(text: str, expected: Cell) -> None:
    assert parse_cell(text) == expected


@pytest.mark.parametrize("text", ["", "   "])
def test_empty_cell_is_none(text: str) -> None:
    assert parse_cell(text) is None


@pytest.mark.parametrize(
    "text", ["#DIV/0!", "12..5", "n/a%", "1,03,6", "87.4%%", "previous academic year", "--"]
)
def test_bad_cells_say_what_was_expected(text: str) -> None:
    with pytest.raises(CellError) as error:
        parse_cell(text)
    assert EXPECTED in str(error.value)
    assert "87.4%" in EXPECTED and "NYC" in EXPECTED


@pytest.mark.parametrize(
    ("value", "unit", "decimals", "count", "text"),
    [
        (87.4, "percent", 1, None, "87.4%"),
        (100.8, "rate_per_10000", 1, None, "100.8r"),
        (1036, "count", 0, None, "1,036"),
        (67, "percent", 0, 4, "67% (4)"),
        (6, "days_per_fte", 2, None, "6.00"),
    ],
)
def test_format_cell_writes_the_published_form(
    value: float, unit: str, decimals: int, count: int | None, text: str
) -> None:
    assert published_text(value, unit, decimals, count) == text
    parsed = parse_cell(text)
    assert parsed is not None and parsed.value == value and parsed.count == count
