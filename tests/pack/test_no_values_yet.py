"""An indicator with no values yet, as the pack shows it: "—" each month, not charted, no rating, and
"no values yet" in the data notes with its catalogue note. The August 2024 pack of the shipped data has
many (the Q2 audits are filed on September; supervision and placement rows start later)."""

from __future__ import annotations

from pathlib import Path

import pytest

from scorecard.data.load import load_data
from scorecard.pack.display import NOTHING_PUBLISHED
from scorecard.pack.parts.chart_data import section_panels
from scorecard.pack.parts.key.notes import data_notes
from scorecard.pack.parts.summary import rag_counts
from scorecard.pack.parts.table.section_cells import section_frame
from scorecard.rules.frame import Scorecard, build_scorecard

DATA = Path(__file__).resolve().parents[2] / "data"


@pytest.fixture(scope="module")
def august() -> Scorecard:
    return build_scorecard(load_data(DATA), "2024-08")


def _without_numbers(sc: Scorecard) -> set[str]:
    values = sc.data.values
    reported = set(values.loc[(values["period"] <= sc.period) & values["value"].notna(), "id"])
    return set(sc.data.catalogue["id"]) - reported


def test_the_august_pack_has_indicators_with_no_values_yet(august: Scorecard) -> None:
    empty = _without_numbers(august)
    assert {"59", "60", "61", "62", "63", "64", "65", "66", "67", "34", "41", "68", "73"} <= empty
    assert "1" not in empty and "29" not in empty  # 29's first figure is August's


def test_the_table_shows_a_dash_every_month(august: Scorecard) -> None:
    frame, _ = section_frame(august, "qa-auditing")
    row = frame.set_index("ID").loc["59"]
    months = ("Apr-24", "May-24", "Jun-24", "Jul-24", "Aug-24")
    assert [row[label] for label in months] == [NOTHING_PUBLISHED] * 5


def test_the_charts_list_it_as_not_charted(august: Scorecard) -> None:
    panels = section_panels(august, "qa-auditing")
    assert {"59", "60", "61", "62", "63", "64", "65", "66", "67"} <= set(panels.missing)
    assert not {"59", "67"} & {panel.id for panel in panels.panels}


def test_it_counts_as_no_rating(august: Scorecard) -> None:
    counts = rag_counts(august).set_index("Section")
    auditing = august.settings.section("qa-auditing").title
    empty = _without_numbers(august) & set(august.section("qa-auditing")["id"])
    assert counts.loc[auditing, "no rating"] >= len(empty)
    assert (august.indicators.set_index("id").loc[sorted(empty), "rag"] == "none").all()
    assert counts.loc["Total", "Total"] == len(august.indicators)


def test_the_data_notes_say_no_values_yet_with_the_catalogue_note(august: Scorecard) -> None:
    notes = data_notes(august).splitlines()
    assert "- **ID 59**: no values yet; Published note: Process commenced in quarter 2" in notes
    assert "- **ID 34**: no values yet" in notes
    listed = {line.split("**")[1].removeprefix("ID ") for line in notes if ": no values yet" in line}
    assert listed == _without_numbers(august)
    march = data_notes(build_scorecard(august.data, "2025-03")).splitlines()
    assert "- **ID 59**: Published note: Process commenced in quarter 2" in march  # its figures came
