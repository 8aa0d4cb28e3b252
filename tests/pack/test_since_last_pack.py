"""Since the last pack: the revisions log, the previous pack as it was issued, and what changed.

The scenario of the issue: the shipped data as it stood in February, then the March file, in which ID
5's February figure is revised from 912 to 915. The expected changes are worked out here from the two
data folders directly (February's pack from February's folder), not from the code under test.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pandas as pd
import pytest
from _cli import run_scorecard
from _scenarios import (
    NEW,
    OLD,
    REVISED_ID,
    REVISED_PERIOD,
    as_in_february,
    copy_data,
    march_file_with_revision,
    revision_scenario,
)

from scorecard.data.files.folder import Transaction
from scorecard.data.importer import importing
from scorecard.data.load import load_data
from scorecard.data.revisions import as_issued, for_pack
from scorecard.pack.parts.since_last_pack import since_last_pack
from scorecard.pack.parts.table.section_cells import section_frame
from scorecard.rules.frame import build_scorecard
from scorecard.rules.since import previous_pack_period


@pytest.fixture(scope="module")
def scenario(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, list[str]]:
    return revision_scenario(tmp_path_factory.mktemp("revision"))


def _log(data_dir: Path) -> list[dict[str, str]]:
    with (data_dir / "revisions.csv").open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def test_the_import_reports_and_logs_the_revision(scenario) -> None:
    _, march, report = scenario
    assert f"  ID {REVISED_ID} {REVISED_PERIOD}: {OLD} -> {NEW}" in report
    assert "revised figures logged: 1" in report
    (row,) = _log(march)
    assert {k: row[k] for k in ("id", "period", "old", "new", "file", "pack_month")} == {
        "id": REVISED_ID,
        "period": REVISED_PERIOD,
        "old": OLD,
        "new": NEW,
        "file": "scorecard-2025-03.txt",
        "pack_month": "2025-03",
    }
    assert pd.Timestamp(row["when"])  # when the import ran, to the second


def test_the_log_is_written_in_the_same_one_write_as_the_data(tmp_path: Path, monkeypatch) -> None:
    data = as_in_february(copy_data(tmp_path / "data"))
    calls: list[list[str]] = []
    real = Transaction.commit

    def recorded(transaction: Transaction, files: dict, project_files: dict | None = None) -> None:
        calls.append(sorted(files))
        assert not project_files  # an import writes the data folder only
        real(transaction, files, project_files)

    monkeypatch.setattr(Transaction, "commit", recorded)
    importing.import_file(march_file_with_revision(tmp_path), data)
    assert calls == [["catalogue.csv", "published_direction.csv", "revisions.csv", "values.csv"]]


def test_the_log_only_grows_and_a_late_figure_is_logged(tmp_path: Path, monkeypatch) -> None:
    _, march, _ = revision_scenario(tmp_path)
    monkeypatch.setattr(importing, "revision_time", lambda: "2025-04-20T10:00:00")
    seed = march_file_with_revision(tmp_path)
    text = seed.read_text(encoding="utf-8")
    lines = text.split("\n")
    # A corrected March file: ID 5's February figure again (916), and a January figure for ID 34,
    # which had none: a late figure, logged with nothing before it.
    fixed = []
    for line in lines:
        cells = line.split("\t")
        if cells[0] == REVISED_ID:
            cells[12] = "916"
        if cells[0] == "34":
            cells[11] = "7"
        fixed.append("\t".join(cells))
    seed.write_text("\n".join(fixed), encoding="utf-8")
    importing.import_file(seed, march)
    log = _log(march)
    assert [(r["id"], r["period"], r["old"], r["new"]) for r in log] == [
        (REVISED_ID, REVISED_PERIOD, OLD, NEW),
        (REVISED_ID, REVISED_PERIOD, NEW, "916"),
        ("34", "2025-01", "", "7"),
    ]
    assert log[1]["when"] == "2025-04-20T10:00:00"
    # For the March pack, the twice-revised figure is one revision: from what the February pack showed.
    merged = for_pack(load_data(march), "2025-03")
    assert [(r.id, r.period, r.old, r.new) for r in merged] == [
        (REVISED_ID, REVISED_PERIOD, OLD, "916"),
        ("34", "2025-01", "", "7"),
    ]


def test_the_previous_pack_is_rebuilt_as_it_was_issued(scenario) -> None:
    february, march, _ = scenario
    issued = build_scorecard(as_issued(load_data(march), "2025-03"), "2025-02")
    as_it_was = build_scorecard(load_data(february), "2025-02")
    pd.testing.assert_frame_equal(issued.indicators, as_it_was.indicators)
    pd.testing.assert_frame_equal(issued.history, as_it_was.history)
    today = build_scorecard(load_data(march), "2025-02").indicators.set_index("id")
    assert today.loc[REVISED_ID, "value"] == float(NEW)  # the data itself keeps the revised figure


def test_the_previous_pack_period() -> None:
    shipped = load_data(Path(__file__).resolve().parents[2] / "data")
    assert previous_pack_period(shipped, "2025-03") == "2025-02"
    assert previous_pack_period(shipped, "2024-10") == "2024-09"
    assert previous_pack_period(shipped, "2024-04") is None


def _expected_changes(february: Path, march: Path) -> dict[str, list[str]]:
    """The rating changes worked out by hand from the two packs' own rows."""
    before = build_scorecard(load_data(february)).indicators.set_index("id")
    after = build_scorecard(load_data(march)).indicators.set_index("id")
    assert (before["period"].iloc[0], after["period"].iloc[0]) == ("2025-02", "2025-03")
    expected: dict[str, list[str]] = {k: [] for k in ("newly_off_target", "back_on_target")}
    expected |= {"amber_to_red": [], "red_to_amber": [], "newly_special_cause": []}
    for ident in after.index:
        was, now = before.loc[ident, "rag"], after.loc[ident, "rag"]
        if was == "green" and now in ("amber", "red"):
            expected["newly_off_target"].append(ident)
        if was in ("amber", "red") and now == "green":
            expected["back_on_target"].append(ident)
        if (was, now) == ("amber", "red"):
            expected["amber_to_red"].append(ident)
        if (was, now) == ("red", "amber"):
            expected["red_to_amber"].append(ident)
        cause = after.loc[ident, "variation"]
        if cause in ("concern", "improvement") and before.loc[ident, "variation"] != cause:
            expected["newly_special_cause"].append(ident)
    return expected


def test_brief_json_lists_the_revision_and_the_changes_since_february(scenario) -> None:
    february, march, _ = scenario
    done = run_scorecard("--data", str(march), "brief", "--json", "--top", "0")
    assert done.returncode == 0, done.stderr
    brief = json.loads(done.stdout)
    assert brief["period"] == "2025-03" and brief["previous_period"] == "2025-02"
    changes = brief["changes"]
    assert changes["revised"] == [{"id": REVISED_ID, "period": REVISED_PERIOD, "old": OLD, "new": NEW}]
    expected = _expected_changes(february, march)
    assert {key: changes[key] for key in expected} == expected
    assert expected["newly_off_target"] and expected["back_on_target"]  # the month has both
    (revision,) = [f for f in brief["facts"] if f["kind"] == "revision"]
    assert revision["id"] == REVISED_ID
    assert revision["text"] == "ID 5: February 2025's figure revised from 912 to 915"
    assert revision["expression"] == '`{python} revision_phrase("5")`'


def test_the_section_table_marks_the_revised_figure(scenario) -> None:
    _, march, _ = scenario
    sc = build_scorecard(load_data(march))
    since = since_last_pack(sc)
    frame, _ = section_frame(sc, "early-help", since.revised_cells())
    cells = frame.set_index("ID")
    assert cells.loc[REVISED_ID, "Feb-25"] == "915†"
    assert cells.loc[REVISED_ID, "Jan-25"] == "933"  # only the revised figure is marked
    unmarked, _ = section_frame(sc, "early-help")
    assert "†" not in "".join(unmarked.astype(str).to_numpy().ravel())


def test_missing_figures_are_listed_with_their_latest_month() -> None:
    sc = build_scorecard(load_data(Path(__file__).resolve().parents[2] / "data"))
    since = since_last_pack(sc)
    older = dict(since.latest_older)
    assert older["38a"] == "2025-02" and older["67"] == "2024-12"  # NYC in March; a quarter behind
    assert since.no_figure == ["34", "41", "68"]
    assert not set(older) & set(since.no_figure)
