"""importer/merge.py: sheets merged into the data already there, every change recorded in the
MergeResult (the report is importing.report's)."""

from __future__ import annotations

from dataclasses import replace

from scorecard.data.importer.merge import Merge
from scorecard.data.importer.merged import MergeResult
from scorecard.data.importer.normalised import Field, PeriodCell, Row, Sheet, Where
from scorecard.fields import CATALOGUE_COLUMNS
from scorecard.model import Section, Settings

SETTINGS = Settings(
    "Northshire",
    "Scorecard",
    None,
    "",
    None,
    0.15,
    (Section("early-help", "Early Help"), Section("workforce", "Workforce")),
)
HELD = dict.fromkeys(CATALOGUE_COLUMNS, "") | {  # ID 5 as catalogue.csv holds it
    "id": "5",
    "section": "early-help",
    "title": "Contacts",
    "unit": "count",
    "polarity": "no_preference",
    "target": "Monitor",
    "sn_average": "",
    "basis": "in_month",
    "decimals": "0",
    "series_break": "",
    "notes": "",
    "frequency": "monthly",
}
FEBRUARY = {"id": "5", "period": "2025-02", "value": "912", "status": "", "count": "", "raw": "912"}
FEBRUARY |= {"numerator": "", "denominator": ""}


def _row(ident: str, cells: dict[str, str], section: str = "Early Help", line: int = 2, **fields: str) -> Row:
    where = Where("march.txt", line, "ID")
    return Row(
        ident,
        fields.pop("title", f"Indicator {ident}"),
        section,
        where,
        1,
        tuple(PeriodCell(p, p, text, Where("march.txt", line, p)) for p, text in cells.items()),
        {name: Field(text, Where("march.txt", line, name)) for name, text in fields.items()},
    )


def _merged(*rows: Row, held: bool = True, periods: tuple[str, ...] = ("2025-02", "2025-03")) -> MergeResult:
    merge = Merge(SETTINGS, [HELD] if held else [], [FEBRUARY] if held else [], [])
    merge.add(Sheet("march.txt", "monthly", "sectioned", list(rows), list(periods)))
    return merge.result


def test_a_new_figure_is_added_and_a_changed_one_is_a_revision() -> None:
    result = _merged(_row("5", {"2025-02": "915", "2025-03": "1,083"}, title="Contacts"))
    assert result.problems == []
    assert result.added == ["5 2025-03"]
    assert result.changed == ["ID 5 2025-02: 912 -> 915"]
    (revision,) = result.revisions
    assert (revision.id, revision.period, revision.old, revision.new) == ("5", "2025-02", "912", "915")
    assert result.values[("5", "2025-03")]["value"] == "1083"
    assert result.pack_period() == "2025-03" and result.periods_before == {"2025-02"}


def test_a_blank_cell_keeps_the_figure_held() -> None:
    result = _merged(_row("5", {"2025-02": "", "2025-03": "1,083"}, title="Contacts"))
    assert result.kept == ["ID 5 2025-02: kept '912' (2025-02 blank in file)"]
    assert result.values[("5", "2025-02")] == FEBRUARY


def test_a_new_indicator_gets_first_guesses_and_its_published_note() -> None:
    row = _row("8a", {"2025-03": "71.4%"}, target="90%", title="Assessments on time (quarterly)")
    result = _merged(replace(row, note="Process commenced in quarter 2"), held=False)
    assert result.problems == [] and result.new_ids == ["8a"]
    record = result.catalogue["8a"]
    assert {k: record[k] for k in ("unit", "polarity", "decimals", "frequency", "basis", "section")} == {
        "unit": "percent",
        "polarity": "higher_is_better",
        "decimals": "1",
        "frequency": "quarterly",
        "basis": "quarterly",
        "section": "early-help",
    }
    assert record["notes"] == "Published note: Process commenced in quarter 2"
    assert result.notes == ["ID 8a: Published note: Process commenced in quarter 2"]


def test_an_existing_indicator_keeps_its_judgements_and_follows_what_the_file_publishes() -> None:
    result = _merged(_row("5", {"2025-03": "1,083"}, title="Contacts (in month)", target="1,000", unit="%"))
    record = result.catalogue["5"]
    assert record["unit"] == "percent"  # the file's Unit column states it
    assert record["polarity"] == "no_preference"  # no column for it: the analyst's judgement stays
    assert result.catalogue_changes == [
        "ID 5 title: 'Contacts' -> 'Contacts (in month)'",
        "ID 5 target: 'Monitor' -> '1,000'",
        "ID 5 unit: 'count' -> 'percent'",
    ]


def test_what_the_merge_cannot_take_is_a_problem_at_its_cell() -> None:
    result = _merged(
        _row("5", {"2025-03": "1"}, title="Contacts"),
        _row("5", {"2025-03": "2"}, title="Contacts", line=3),
        _row("9 x", {"2025-03": "1"}, line=4),
        _row("10", {"2025-03": "1"}, section="Finance", line=5),
        _row("11", {"2025-03": "1"}, section="Finance", line=6),
        _row("12", {"2025-03": "1"}, target="ninety", tolerance="lots", green="greenish", line=7),
    )
    assert [(p.row, p.column, p.message.split(";")[0]) for p in result.problems] == [
        (3, "ID", "duplicate id (also on line 2)"),
        (4, "ID", "not an indicator id"),
        (1, "section", "unknown section"),  # once for the header the two rows share
        (7, "target", "unreadable target"),
        (7, "tolerance", "expected such as '10%' (0% to 99%), or blank"),
        (7, "green", "unreadable green band"),
    ]


def test_arrows_and_ratings_are_filed_on_the_file_s_pack_period() -> None:
    row = _row("5", {"2025-02": "912", "2025-03": "1,083"}, title="Contacts")
    row = _with(row, published_direction="up", published_rating="G")
    result = _merged(row, _with(_row("6", {}, line=3), published_direction="?"))
    arrow = {"id": "5", "period": "2025-03", "arrow": "▲", "direction": "up"}
    assert result.directions[("5", "2025-03")] == arrow
    assert result.ratings[("5", "2025-03")]["rating"] == "green"
    assert result.lost_arrows == ["6"]


def _with(row: Row, **fields: str) -> Row:
    more = {name: Field(text, Where("march.txt", row.where.line, name)) for name, text in fields.items()}
    return replace(row, fields={**row.fields, **more})


def test_the_tables_come_out_in_section_then_period_order() -> None:
    result = _merged(
        _row("W1", {"2025-03": "3"}, section="Workforce"),
        _row("5", {"2025-03": "1,083"}, title="Contacts", line=3),
    )
    tables = result.tables()
    assert [r["id"] for r in tables["catalogue"]] == ["5", "W1"]
    values = [(r["id"], r["period"]) for r in tables["values"]]
    assert values == [("5", "2025-02"), ("5", "2025-03"), ("W1", "2025-03")]
    assert "ratings" not in tables  # no published ratings: no file for them
