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
    from scorecard.data.folder import MAX_FILE_BYTES

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
