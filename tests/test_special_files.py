"""Inputs that are not files: a FIFO, a device, a socket, each where the tool reads a file (a file to
import or init from, a data file, the settings, the journal, a section's narrative). Each is one
problem line, exit 2, nothing written, and no wait: the command ends within ``run_scorecard``'s
timeout (a FIFO once made ``import`` wait for ever; a link to ``/dev/zero`` read 7.9 GB in 20 s).

They are made here, when the test runs, not stored in tests/bad_input: git cannot hold a FIFO or a
socket, and a stored link to ``/dev/zero`` would stall any tool that reads the corpus.
"""

from __future__ import annotations

import os
import shutil
import socket
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from _cli import run_scorecard

ROOT = Path(__file__).resolve().parent
SEED = ROOT.parent / "data" / "raw" / "scorecard-2024-25.txt"
KINDS = ("fifo", "device", "socket")
Make = Callable[[Path, str], None]
SAYS = {
    "fifo": "is a FIFO (named pipe), not a file",
    "device": "is a device, not a file",
    "socket": "is a socket, not a file",
}


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.is_symlink()
    }


@pytest.fixture
def make() -> Iterator[Make]:
    """Make ``path`` a FIFO, a link to ``/dev/zero``, or a listening Unix socket."""
    sockets: list[socket.socket] = []

    def special(path: Path, kind: str) -> None:
        path.unlink(missing_ok=True)
        if kind == "fifo":
            os.mkfifo(path)
        elif kind == "device":
            path.symlink_to("/dev/zero")
        else:
            server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            here = Path.cwd()
            os.chdir(path.parent)  # a socket's name is at most 107 bytes: bind it by its short name
            try:
                server.bind(path.name)
            finally:
                os.chdir(here)
            server.listen(1)
            sockets.append(server)

    yield special
    for server in sockets:
        server.close()


def _refused(done, fragment: str) -> None:
    lines = done.stderr.splitlines()
    assert done.returncode == 2, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    assert len(lines) == 2 and lines[-1] == "1 problem(s); nothing was written.", done.stderr
    assert fragment in lines[0], lines[0]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("command", ["import", "init"])
def test_a_file_to_read_that_is_not_a_file(
    command: str, kind: str, tmp_path: Path, tmp_data_dir: Path, make: Make
) -> None:
    source = tmp_path / "scorecard.txt"
    make(source, kind)
    options = ["--organisation", "Cheshire East Council", "--force"] if command == "init" else []
    before = _snapshot(tmp_path)
    done = run_scorecard("--data", str(tmp_data_dir), command, str(source), *options)
    _refused(done, f"{source}:1:-: value 'scorecard.txt' - {SAYS[kind]}; expected a scorecard file")
    assert _snapshot(tmp_path) == before


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("name", ["values.csv", "settings.yaml", "notes.txt"])
def test_a_data_file_that_is_not_a_file(name: str, kind: str, tmp_data_dir: Path, make: Make) -> None:
    make(tmp_data_dir / name, kind)
    before = _snapshot(tmp_data_dir)
    done = run_scorecard("--data", str(tmp_data_dir), "check")
    _refused(done, f"{tmp_data_dir / name}:")
    assert SAYS[kind] in done.stderr
    assert _snapshot(tmp_data_dir) == before


@pytest.mark.parametrize("kind", KINDS)
def test_a_journal_that_is_not_a_file(kind: str, tmp_data_dir: Path, make: Make) -> None:
    make(tmp_data_dir / ".scorecard-journal", kind)
    before = _snapshot(tmp_data_dir)
    done = run_scorecard("--data", str(tmp_data_dir), "check")
    _refused(done, "not a journal this tool wrote")
    assert _snapshot(tmp_data_dir) == before


@pytest.mark.parametrize("kind", KINDS)
def test_a_section_file_that_is_not_a_file(kind: str, tmp_path: Path, make: Make) -> None:
    project = tmp_path / "project"
    shutil.copytree(ROOT.parent / "sections", project / "sections")
    shutil.copytree(ROOT.parent / "data", project / "data", ignore=shutil.ignore_patterns("raw"))
    make(project / "sections" / "03-cared-for.qmd", kind)
    done = run_scorecard("check", cwd=project)
    _refused(done, f"sections/03-cared-for.qmd:1: 03-cared-for.qmd - cannot be read ({SAYS[kind]})")


def test_init_refuses_a_section_file_it_cannot_read(tmp_path: Path, make: Make) -> None:
    # init must know whether a section's file holds narrative before it replaces it.
    project = tmp_path / "project"
    (project / "sections").mkdir(parents=True)
    (project / "data").mkdir()
    make(project / "sections" / "01-early-help-front-door.qmd", "fifo")  # the first section's file
    done = run_scorecard(
        "--data", str(project / "data"), "init", str(SEED), "--organisation", "Cheshire East Council"
    )
    _refused(
        done, "sections/01-early-help-front-door.qmd:1:-: value '01-early-help-front-door.qmd' - cannot be"
    )
    assert sorted(str(p.relative_to(project)) for p in project.rglob("*")) == [
        "data",
        "sections",
        "sections/01-early-help-front-door.qmd",
    ]


def test_a_file_read_stops_at_the_cap_whatever_its_size_says(tmp_path: Path) -> None:
    # /proc files say they are empty; the cap is counted while reading, never taken from st_size.
    from scorecard.data.files.input_file import TooLarge, read_regular

    status = Path("/proc/self/status")
    assert status.stat().st_size == 0
    assert b"Pid:" in read_regular(status, 1_000_000)
    with pytest.raises(TooLarge, match="file too large; expected at most 10 bytes"):
        read_regular(status, 10)


@pytest.mark.parametrize("kind", KINDS)
def test_init_looks_up_the_council_past_a_dfe_file_that_is_not_a_file(
    kind: str, tmp_path: Path, make: Make
) -> None:
    # init looks for the council's LA number in data/dfe/*.csv: a FIFO or a device there is passed
    # over (it is no neighbour model), never waited on or read for ever.
    project = tmp_path / "project"
    (project / "data" / "dfe").mkdir(parents=True)
    make(project / "data" / "dfe" / "neighbours.csv", kind)
    done = run_scorecard(
        "--data", str(project / "data"), "init", str(SEED), "--organisation", "Cheshire East Council"
    )
    assert done.returncode == 0, done.stderr
    assert "la_code: none found for 'Cheshire East Council'" in done.stdout
