"""The generated corpus of layouts: one known scorecard written hundreds of ways (``_layouts``), each
read by ``init`` in this process (``cli.main``), as the analyst's command runs.

Every layout must import to exactly the known scorecard (each indicator's section, title, unit,
polarity, target, decimals and frequency; each period's value, status, count, and the numerator and
denominator where the layout gives them), or end in exit 2 with one line per problem naming its
cell: never a traceback, never a silently different value. The test prints how many layouts ran and
how many imported.

The data folder's schema checks (pandera, most of an init's time) are remembered by what they check:
a frame identical to one already checked, against the same schema, has the same problems. Every
layout still goes through every check; the corpus of hundreds stays within a minute.
"""

from __future__ import annotations

import contextlib
import csv
import io
import time
from dataclasses import replace
from pathlib import Path

import pytest
from _layouts import CATALOGUE_FIELDS, Choices, Layout, layouts

from scorecard import cli

COUNT = 330
LAYOUTS = layouts(COUNT)
PROBLEM = r"^\S.*:(\d+|-):[^:]+: value '.*' - .+ expected .+$"


def _init(layout: Layout, folder: Path) -> tuple[int, str, str]:
    files = layout.write(folder)
    data = folder / "project" / "data"
    data.mkdir(parents=True)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(["--data", str(data), "init", *map(str, files), "--organisation", "Corpus Council"])
    return code, out.getvalue(), err.getvalue()


def _table(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _differences(layout: Layout, data: Path) -> list[str]:
    """How the pack ``init`` made differs from the known scorecard (empty: not at all)."""
    expected = layout.expected
    found = []
    catalogue = {row["id"]: row for row in _table(data / "catalogue.csv")}
    if set(catalogue) != set(expected.catalogue):
        return [f"ids {sorted(catalogue)} != {sorted(expected.catalogue)}"]
    for ident, fields in expected.catalogue.items():
        got = {name: catalogue[ident][name] for name in CATALOGUE_FIELDS}
        if got != fields:
            found.append(f"{ident}: {got} != {fields}")
    values = {(row["id"], row["period"]): row for row in _table(data / "values.csv")}
    if set(values) != set(expected.values):
        found.append(f"cells {sorted(set(values) ^ set(expected.values))} differ")
    for key, (value, status, count) in expected.values.items():
        row = values.get(key)
        if row is not None and (row["value"], row["status"], row["count"]) != (value, status, count):
            found.append(f"{key}: {row} != {(value, status, count)}")
        ratio = expected.ratios.get(key, ("", ""))
        if row is not None and (row["numerator"], row["denominator"]) != ratio:
            found.append(f"{key}: numerator and denominator {row} != {ratio}")
    return found


@pytest.fixture
def remembered_schema_checks(monkeypatch: pytest.MonkeyPatch) -> None:
    from scorecard.data import validate

    checked: dict[tuple[str, str, str], list] = {}
    check = validate.schema_problems

    def schema_problems(schema, frame, file):  # type: ignore[no-untyped-def]
        key = (repr(schema), frame.to_csv(), Path(file).name)
        if key not in checked:
            checked[key] = check(schema, frame, file)
        return [replace(problem, file=file) for problem in checked[key]]

    monkeypatch.setattr(validate, "schema_problems", schema_problems)


@pytest.mark.usefixtures("remembered_schema_checks")
def test_every_layout_imports_exactly_or_says_which_cell(tmp_path: Path) -> None:
    import re

    start = time.monotonic()
    imported, refused, wrong = 0, [], []
    for n, layout in enumerate(LAYOUTS):
        folder = tmp_path / f"{n:03d}"
        folder.mkdir()
        code, _, err = _init(layout, folder)  # an exception here is a traceback: the test fails
        if code == 0:
            imported += 1
            differences = _differences(layout, folder / "project" / "data")
            if differences:
                wrong.append(f"{layout.name}\n  " + "\n  ".join(differences[:5]))
            continue
        lines = err.splitlines()
        assert code == 2, f"{layout.name}: exit {code}\n{err}"
        assert lines[-1] == f"{len(lines) - 1} problem(s); nothing was written.", err
        assert all(re.match(PROBLEM, line) for line in lines[:-1]), f"{layout.name}\n{err}"
        refused.append(f"{layout.name}\n  {lines[0]}")
    seconds = time.monotonic() - start
    print(f"\nlayout corpus: {len(LAYOUTS)} layouts ran, {imported} imported exactly, {len(refused)} refused "
          f"with one line each, in {seconds:.0f} s")  # fmt: skip
    assert wrong == [], "imported, but not the known scorecard:\n" + "\n".join(wrong)
    # Every layout here is one a council could keep: each must be read, not just refused clearly.
    assert refused == [], "refused:\n" + "\n".join(refused)


def test_the_corpus_holds_every_choice() -> None:
    assert len(LAYOUTS) >= 300
    assert len({layout.name for layout in LAYOUTS}) == len(LAYOUTS)  # no layout twice
    seen = Choices.seen
    assert seen["format"] == {"xlsx", "csv", "csv;", "tsv", "txt"}
    assert seen["encoding"] == {"utf-8", "utf-8-sig", "cp1252", "utf-16"}
    assert seen["section"] == {"column", "heading rows", "sheet per section"}
    assert len(seen["month headers"]) == 6 and len(seen["quarter headers"]) == 6
    assert len(seen["long months"]) == 11 and len(seen["long quarters"]) == 3 and len(seen["long years"]) == 2
    assert seen["values"] == {"excel numbers", "text", "plain text"}
    assert len(seen["id word"]) == 9 and len(seen["polarity words"]) == 5
    assert seen["catalogue"] == {"beside, .csv", "beside, .xlsx", "one workbook"}


@pytest.mark.parametrize("n", [0, 2])
def test_a_changed_figure_is_caught(n: int, tmp_path: Path) -> None:
    # The comparison can fail: a pack that holds another figure is not the known scorecard.
    layout = LAYOUTS[n]
    code, _, err = _init(layout, tmp_path)
    assert code == 0, err
    data = tmp_path / "project" / "data"
    assert _differences(layout, data) == []
    rows = _table(data / "values.csv")
    first = next(row for row in rows if row["id"] == "FD1")
    first["value"] = str(float(first["value"]) + 1)
    with (data / "values.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    assert [line for line in _differences(layout, data) if line.startswith("('FD1'")]
