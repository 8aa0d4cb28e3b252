"""The bombs: tiny files that would take gigabytes or hang end in exit 2 within bounded memory.

Each runs the command line in a process whose address space is capped (a few times what a normal
import uses) and which is stopped if it hangs; the problem lines themselves are the corpus cases'
(tests/bad_input/).
"""

from __future__ import annotations

import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

CORPUS = Path(__file__).parents[1] / "bad_input"
MEMORY = 3 * 1024**3  # bytes of address space: a normal import needs well under half of it
HANG = 60  # seconds: a guard against a hang, not a measure of speed
BOMBS = [
    "check-settings-yaml-billion-laughs",
    "check-settings-yaml-deep",
    "check-cell-over-131072",
    "import-xlsx-declares-millions-of-cells",
    "import-xlsx-cells-far-out",
    "import-xlsx-entity-declaration",
    "import-cell-over-131072",
    "import-xlsx-sheet-bin-billion-laughs",
    "import-xlsx-sheet-bin-external-entity",
]


def _capped() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


@pytest.mark.parametrize("case", BOMBS)
def test_a_bomb_ends_in_exit_2_within_bounded_memory(case: str, tmp_path: Path, tmp_data_dir: Path) -> None:
    folder = CORPUS / case
    if case.startswith("import-"):
        (source,) = folder.glob("scorecard.*")
        args = ["--data", str(tmp_data_dir), "import", str(source)]
    else:
        data = tmp_path / "mini"
        shutil.copytree(CORPUS / "_base", data)
        for replacement in (folder / "data").iterdir():
            shutil.copy(replacement, data / replacement.name)
        args = ["--data", str(data), "check"]
    done = subprocess.run(
        [sys.executable, "-m", "scorecard", *args],
        capture_output=True,
        text=True,
        timeout=HANG,
        preexec_fn=_capped,
        check=False,
    )
    assert done.returncode == 2, done.stderr[-2000:]
    assert "Traceback" not in done.stderr and "MemoryError" not in done.stderr


def test_a_data_file_too_large_is_refused_before_it_is_read(tmp_data_dir: Path) -> None:
    from scorecard.data.files.folder import MAX_FILE_BYTES

    with (tmp_data_dir / "values.csv").open("ab") as stream:
        stream.truncate(MAX_FILE_BYTES + 1)  # sparse: no disk, no memory
    done = subprocess.run(
        [sys.executable, "-m", "scorecard", "--data", str(tmp_data_dir), "check"],
        capture_output=True,
        text=True,
        timeout=HANG,
        preexec_fn=_capped,
        check=False,
    )
    assert done.returncode == 2
    assert "file too large; expected at most 50,000,000 bytes" in done.stderr.splitlines()[0]


def sparse_workbook(path: Path, far: bool) -> Path:
    """About 0.5 MB: a section header row, 98,900 rows of one cell each (an ID with no title: one
    problem a row) and, if ``far``, one cell at column ALL (the 1,000th). Padding every row to the
    widest made it 98.9 million cells: 49 s, 1.8 GB and 98,900 problem lines before."""
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Scorecard")
    stray = [None] * 993 + ["far"] if far else []
    sheet.append(["ID", "Early help", "Apr-24", "Target", "SN av", "Direction of travel", *stray])
    for _ in range(98_900):
        sheet.append([7])
    book.save(path)
    return path


def _import(source: Path, data: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "scorecard", "--data", str(data), "import", str(source)],
        capture_output=True,
        text=True,
        timeout=HANG,
        preexec_fn=_capped,
        check=False,
    )


def test_a_sparse_workbook_with_a_cell_far_out_is_one_line(tmp_path: Path, tmp_data_dir: Path) -> None:
    source = sparse_workbook(tmp_path / "sparse.xlsx", far=True)
    assert source.stat().st_size < 600_000
    before = {p.name: p.read_bytes() for p in tmp_data_dir.iterdir() if p.is_file()}
    done = _import(source, tmp_data_dir)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    (line, count) = done.stderr.splitlines()
    assert f"{source}:1:ALL: value '' - a cell this far right makes the sheet" in line
    assert "more than 2,000,000 cells" in line and count == "1 problem(s); nothing was written."
    assert {p.name: p.read_bytes() for p in tmp_data_dir.iterdir() if p.is_file()} == before


def test_problem_lines_are_the_first_50_and_a_count(tmp_path: Path, tmp_data_dir: Path) -> None:
    done = _import(sparse_workbook(tmp_path / "many.xlsx", far=False), tmp_data_dir)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == 52
    assert all("indicator has no title" in line for line in lines[:50])
    assert lines[50:] == [
        "... and 98,850 more problem(s) not shown; fix the ones above first",
        "98,900 problem(s); nothing was written.",
    ]


def test_an_empty_row_of_a_workbook_is_never_padded(tmp_path: Path) -> None:
    import openpyxl

    from scorecard.data.importer.rows import read_rows

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet["A1"], sheet["F1"], sheet["A5"] = "ID", "Direction of travel", "1"
    book.save(tmp_path / "gaps.xlsx")
    rows = dict(read_rows(tmp_path / "gaps.xlsx").rows)
    assert rows[1] == ["ID", "", "", "", "", "Direction of travel"]
    assert rows[2] == rows[3] == rows[4] == []  # empty: not six empty cells
    assert rows[5] == ["1", "", "", "", "", ""]  # a row with cells: as wide as the widest, as Excel's text
