"""Faults and races: a kill at each file replace, two imports at once, an import during a render, and
the render cache keyed from the bytes it used.

Each import here runs in its own process, as the analyst's would; ``_crash`` patches ``os.replace`` (the
only call that moves a file into ``data/``) to kill that process at its k-th call.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from _cli import run_scorecard

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "data" / "raw" / "scorecard-2024-25.txt"
DATA_FILES = ("catalogue.csv", "values.csv", "published_direction.csv", "revisions.csv")

# A process running `python -m scorecard ARGS`, with two faults it can be asked for:
# CRASH_AT=k: killed (os._exit, no clean-up runs) at the k-th os.replace;
# SLOW_MERGE=s: s seconds between reading data/ and writing it, so two imports overlap for sure.
RUNNER = textwrap.dedent(
    """
    import os, sys, time
    crash_at = int(os.environ.get("CRASH_AT", "0"))
    calls = [0]
    real_replace = os.replace
    def replace(source, target, **kwargs):
        calls[0] += 1
        if calls[0] == crash_at:
            os._exit(9)
        return real_replace(source, target, **kwargs)
    os.replace = replace
    slow = float(os.environ.get("SLOW_MERGE", "0"))
    if slow:
        from scorecard.data.importer import importing
        parse = importing.parse_sheet
        def parse_slowly(*args):
            time.sleep(slow)
            return parse(*args)
        importing.parse_sheet = parse_slowly
    from scorecard.cli import main
    sys.exit(main(sys.argv[1:]))
    """
)


def _scorecard(*args: str, **env: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", RUNNER, *args],
        # One import time for every run, so the same import writes the same revisions log.
        env={**os.environ, "SOURCE_DATE_EPOCH": "1743667200", **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _state(folder: Path) -> dict[str, bytes]:
    return {name: (folder / name).read_bytes() for name in DATA_FILES if (folder / name).exists()}


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def _section_file(tmp_path: Path, name: str, first: int, last: int, edits: dict[str, str]) -> Path:
    """The seed's preamble and the lines ``first..last`` (one section), with text replaced."""
    lines = SEED.read_text(encoding="utf-8").splitlines(keepends=True)
    text = "".join(lines[:13] + lines[first - 1 : last])
    for old, new in edits.items():
        assert old in text
        text = text.replace(old, new, 1)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def march_edit(tmp_path: Path) -> Path:
    """The early-help section with ID 1's March figure revised and ID 2's title reworded: an import
    that changes catalogue.csv and values.csv (and rewrites published_direction.csv)."""
    return _section_file(
        tmp_path,
        "early-help.txt",
        14,
        32,
        {"435\tMonitor": "436\tMonitor", "45 working days (in month)": "45 working days (in the month)"},
    )


def test_a_kill_at_each_replace_leaves_all_old_or_all_new(
    tmp_path: Path, tmp_data_dir: Path, march_edit: Path
) -> None:
    old = _state(tmp_data_dir)
    reference = tmp_path / "reference"
    reference.mkdir()
    for name in (*DATA_FILES, "settings.yaml"):
        (reference / name).write_bytes((tmp_data_dir / name).read_bytes())
    done = _scorecard("--data", str(reference), "import", str(march_edit))
    assert done.wait(60) == 0, done.stderr.read()  # type: ignore[union-attr]
    new = _state(reference)
    assert new != old
    outcomes = []
    for k in range(1, 7):  # 4 files and the journal: 5 replaces; the 6th call never comes
        folder = tmp_path / f"k{k}"
        folder.mkdir()
        for name in (*DATA_FILES, "settings.yaml"):
            (folder / name).write_bytes((tmp_data_dir / name).read_bytes())
        crashed = _scorecard("--data", str(folder), "import", str(march_edit), CRASH_AT=str(k))
        code = crashed.wait(60)
        after = run_scorecard("--data", str(folder), "check")  # the next command recovers
        assert after.returncode == 0, after.stderr
        state = _state(folder)
        assert state in (old, new), f"kill at replace {k}: a mix of old and new files"
        assert not _leftovers(folder), f"kill at replace {k}: left {_leftovers(folder)}"
        outcomes.append((k, code, "new" if state == new else "old"))
    # Killed before the journal is in place: all old; after it: all new; not killed: all new.
    assert outcomes == [
        (1, 9, "old"),
        (2, 9, "new"),
        (3, 9, "new"),
        (4, 9, "new"),
        (5, 9, "new"),
        (6, 0, "new"),
    ]


def test_two_imports_at_once_lose_nothing(tmp_path: Path, tmp_data_dir: Path, march_edit: Path) -> None:
    workforce = _section_file(tmp_path, "workforce.txt", 126, 145, {"22\t21\t17\t\t▼": "22\t25\t17\t\t▼"})
    first = _scorecard("--data", str(tmp_data_dir), "import", str(march_edit), SLOW_MERGE="1.5")
    second = _scorecard("--data", str(tmp_data_dir), "import", str(workforce), SLOW_MERGE="1.5")
    assert first.wait(60) == 0, first.stderr.read()  # type: ignore[union-attr]
    assert second.wait(60) == 0, second.stderr.read()  # type: ignore[union-attr]
    values = (tmp_data_dir / "values.csv").read_text(encoding="utf-8")
    assert "1,2025-03,436,,,436,,\n" in values, "the early-help import was lost"
    assert "69,2025-03,25,,,25,,\n" in values, "the workforce import was lost"


def test_an_import_waits_for_the_lock_then_is_refused_naming_the_holder(
    tmp_data_dir: Path, march_edit: Path
) -> None:
    holder = _scorecard("--data", str(tmp_data_dir), "import", str(march_edit), SLOW_MERGE="6")
    _wait_until_locked(tmp_data_dir)
    try:
        waiter = run_scorecard_env(
            {"SCORECARD_LOCK_WAIT": "2"}, "--data", str(tmp_data_dir), "import", str(march_edit)
        )
    finally:
        holder.wait(60)
    assert waiter.returncode == 2
    lines = waiter.stderr.splitlines()
    assert len(lines) == 2 and f"in use by pid {holder.pid} (" in lines[0], waiter.stderr
    assert "running since" in lines[0] and "Traceback" not in waiter.stderr


def _wait_until_locked(folder: Path, seconds: float = 30) -> None:
    """Until another process holds ``folder``'s lock (a process needs a moment to start)."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
            except BlockingIOError:
                return
            fcntl.flock(fd, fcntl.LOCK_UN)
            time.sleep(0.05)
    finally:
        os.close(fd)
    raise AssertionError(f"no process took the lock on {folder} within {seconds} s")


def run_scorecard_env(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "scorecard", *args],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


# A kernel's run of the report's first cells, as Quarto's jupyter engine makes it: the working
# directory is the project, and QUARTO_BIN_PATH is set (Quarto sets it for the kernels it starts).
KERNEL = textwrap.dedent(
    """
    from scorecard.pack.report import *
    open_pack(None)
    print(fmt_value("1"), "|", section_title("early-help"), "|", count_indicators())
    """
)


def _kernel(project: Path, quarto: bool) -> str:
    env = {**os.environ, "SCORECARD_CACHE_DIR": str(project / "cache")}
    env.pop("QUARTO_BIN_PATH", None)
    if quarto:
        env["QUARTO_BIN_PATH"] = "/usr/local/bin"
    done = subprocess.run(
        [sys.executable, "-c", KERNEL], cwd=project, env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_an_import_during_a_render_cannot_mix_data_states(tmp_path: Path, march_edit: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    (project / "data").mkdir()
    for name in (*DATA_FILES, "settings.yaml"):
        (project / "data" / name).write_bytes((ROOT / "data" / name).read_bytes())
    (project / "report.pdf").write_text("last month's PDF")
    freeze = subprocess.run(
        [sys.executable, str(ROOT / "lib" / "scorecard" / "quarto" / "freeze_data.py")],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )  # Quarto's pre-render step
    assert freeze.returncode == 0, freeze.stderr
    assert not (project / "report.pdf").exists(), "an earlier render's output would sit beside the new one"
    web_page = _kernel(project, quarto=True)  # the cells' run for the HTML
    imported = run_scorecard("--data", str(project / "data"), "import", str(march_edit))
    assert imported.returncode == 0, imported.stderr
    pdf = _kernel(project, quarto=True)  # and for the PDF, after the import landed
    assert web_page == pdf and web_page.startswith("435 |")
    assert _kernel(project, quarto=False).startswith("436 |")  # outside a render: the data as it is now


def test_the_cache_key_comes_from_the_bytes_that_were_used(
    tmp_path: Path, tmp_data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from scorecard.data.files.folder import read_files
    from scorecard.pack import cache, report, session

    monkeypatch.setenv("SCORECARD_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("QUARTO_BIN_PATH", raising=False)
    before = read_files(tmp_data_dir)
    values = tmp_data_dir / "values.csv"
    original_key = cache.content_key

    def key_then_import(data, period, *edition):  # an import lands right after the key is computed
        key = original_key(data, period, *edition)
        values.write_text(values.read_text().replace("1,2025-03,435,,,435", "1,2025-03,999,,,999"))
        return key

    monkeypatch.setattr(cache, "content_key", key_then_import)
    report.open_pack(None, tmp_data_dir)
    assert report.fmt_value("1") == "435"  # the numbers are the ones the key was computed from
    assert session.current().store.folder.name == original_key(before, None)


# --- a journal nobody wrote ---------------------------------------------------------------------------
# The journal is a hidden file that travels with a copied folder: recovery checks every name in it as
# commit would have written it, and moves nothing otherwise.


def _plant(folder: Path, entries: list[dict[str, str]], temporaries: dict[str, bytes]) -> None:
    import json

    for name, content in temporaries.items():
        (folder / name).write_bytes(content)
    (folder / ".scorecard-journal").write_text(json.dumps({"files": entries}))


def _tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.mark.parametrize(
    "target",
    ["../.git/hooks/pre-commit", "../../outside.txt", "{tmp}/absolute.txt", "sub/values.csv", ".values.csv"],
)
def test_a_planted_journal_moves_nothing_anywhere(tmp_path: Path, tmp_data_dir: Path, target: str) -> None:
    import hashlib

    project = tmp_data_dir.parent
    (project / ".git" / "hooks").mkdir(parents=True)
    payload = b"#!/bin/sh\necho planted\n"
    digest = hashlib.sha256(payload).hexdigest()
    target = target.format(tmp=tmp_path)
    entry = {"temporary": ".x.0123456789ab.tmp", "target": target, "sha256": digest}
    _plant(tmp_data_dir, [entry], {".x.0123456789ab.tmp": payload})
    before = _tree(tmp_path)
    done = run_scorecard("--data", str(tmp_data_dir), "check")
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.splitlines()[0].startswith(f"{tmp_data_dir}/.scorecard-journal:-:-: value")
    assert "not a journal this tool wrote" in done.stderr
    assert _tree(tmp_path) == before  # nothing moved, removed or written, inside the project or out


def test_a_journal_whose_temporary_is_a_link_moves_nothing(tmp_data_dir: Path, tmp_path: Path) -> None:
    import hashlib

    secret = tmp_path / "secret.txt"
    secret.write_bytes(b"not data")
    (tmp_data_dir / ".values.csv.0123456789ab.tmp").symlink_to(secret)
    entry = {
        "temporary": ".values.csv.0123456789ab.tmp",
        "target": "values.csv",
        "sha256": hashlib.sha256(b"not data").hexdigest(),
    }
    _plant(tmp_data_dir, [entry], {})
    before = (tmp_data_dir / "values.csv").read_bytes()
    done = run_scorecard("--data", str(tmp_data_dir), "check")
    assert done.returncode == 2 and "is not a regular file" in done.stderr
    assert (tmp_data_dir / "values.csv").read_bytes() == before
    assert not (tmp_data_dir / "values.csv").is_symlink()


@pytest.mark.parametrize(
    "journal", [b"", b"{not json", b"[]", b'{"files": 3}', b'{"files": [1]}', b"\xff\xfe"]
)
def test_a_journal_that_is_not_ours_is_one_line(tmp_data_dir: Path, journal: bytes) -> None:
    (tmp_data_dir / ".scorecard-journal").write_bytes(journal)
    done = run_scorecard("--data", str(tmp_data_dir), "check")
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert len(done.stderr.splitlines()) == 2, done.stderr  # the problem and the count
    assert (tmp_data_dir / ".scorecard-journal").read_bytes() == journal  # left for the analyst to read


def test_commit_writes_only_the_data_files(tmp_data_dir: Path) -> None:
    from scorecard.data.files import folder

    before = _tree(tmp_data_dir.parent)
    for name in ("../escape.csv", "notes.txt", ".hidden.csv", "raw"):
        with pytest.raises(ValueError, match="expected one of the data folder's files"):
            folder.commit(tmp_data_dir, {"values.csv": b"id\n", name: b"x"})
    assert _tree(tmp_data_dir.parent) == before


def test_the_files_commit_may_write_are_the_loaders_files() -> None:
    from scorecard.data.files import folder
    from scorecard.data.load import FILES

    assert {*FILES.values(), "settings.yaml"} == folder.DATA_FILES


# --- init: section files, data and _sections.qmd in one commit -----------------------------------
NORTHSHIRE = ROOT / "tests" / "councils" / "northshire" / "quarterly-performance-2024-25.csv"
INIT = ("init", str(NORTHSHIRE), "--organisation", "Northshire County Council")


def _shipped_project(folder: Path) -> Path:
    """A fresh clone's project: the example's data (which init replaces), no sections yet."""
    shutil.copytree(ROOT / "data", folder / "data", ignore=shutil.ignore_patterns("raw"))
    return folder


def _project_state(project: Path) -> dict[str, bytes]:
    """What init changes: the data files, the section files and _sections.qmd."""
    names = [p for p in project.rglob("*") if p.is_file() and not p.name.startswith(".")]
    return {str(p.relative_to(project)): p.read_bytes() for p in sorted(names)}


def _project_leftovers(project: Path) -> list[str]:
    places = (project, project / "data", project / "sections")
    return sorted(str(p.relative_to(project)) for place in places if place.is_dir() for p in place.glob(".*"))


def test_init_killed_at_each_rename_leaves_the_project_all_old_or_all_new(tmp_path: Path) -> None:
    reference = _shipped_project(tmp_path / "reference")
    old = _project_state(reference)
    done = _scorecard("--data", str(reference / "data"), *INIT)
    assert done.wait(120) == 0, done.stderr.read()  # type: ignore[union-attr]
    new = _project_state(reference)
    changed = sum(1 for name in new if old.get(name) != new[name])
    outcomes: list[tuple[int, str]] = []
    while not outcomes or outcomes[-1][0] != 0:  # kill at the 1st rename, the 2nd, ... until none is left
        k = len(outcomes) + 1
        assert k < 100, "init never completed"
        project = _shipped_project(tmp_path / f"k{k}")
        crashed = _scorecard("--data", str(project / "data"), *INIT, CRASH_AT=str(k))
        code = crashed.wait(120)
        after = run_scorecard("--data", str(project / "data"), "check", cwd=project)  # recovers first
        assert after.returncode == 0 and "Traceback" not in after.stderr, after.stderr
        state = _project_state(project)
        assert state in (old, new), f"kill at rename {k}: a mix of old and new files"
        assert not _project_leftovers(project), f"kill at rename {k}: left {_project_leftovers(project)}"
        outcomes.append((code, "new" if state == new else "old"))
    renames = len(outcomes) - 1  # the journal's, then one per file (an unchanged one is rewritten too)
    assert renames > changed >= 8  # the data files, the section files and _sections.qmd
    # Before the journal is in place: all old; after it: all new; not killed: all new.
    assert outcomes == [(9, "old")] + [(9, "new")] * (renames - 1) + [(0, "new")]


def test_an_init_a_colleague_left_unfinished_is_finished_in_its_own_project(tmp_path: Path) -> None:
    # Two projects share one data folder (a link to a shared drive). An init killed half-way in the
    # first leaves its section files there: the second project's commands stop in one line naming it,
    # and move nothing; the first's next command finishes the init.
    first = _shipped_project(tmp_path / "first")
    second = tmp_path / "second"
    second.mkdir()
    (second / "data").symlink_to(first / "data", target_is_directory=True)
    crashed = _scorecard("--data", str(first / "data"), *INIT, CRASH_AT="4")
    assert crashed.wait(120) == 9
    half = _project_state(first)
    refused = run_scorecard("--data", "data", "check", cwd=second)
    assert refused.returncode == 2 and "Traceback" not in refused.stderr
    (line, _) = refused.stderr.splitlines()
    assert f"an init in the project {first} was interrupted" in line
    assert _project_state(first) == half and not list(second.glob("*.qmd"))
    finished = run_scorecard("--data", "data", "check", cwd=first)
    assert finished.returncode == 0, finished.stderr
    assert (first / "_sections.qmd").is_file() and not _project_leftovers(first)


def test_temporaries_an_interrupted_init_left_in_the_project_are_removed(tmp_data_dir: Path) -> None:
    project = tmp_data_dir.parent
    (project / "sections").mkdir()
    ours = ["sections/.01-early-help.qmd.0123456789ab.tmp", "._sections.qmd.0123456789ab.tmp"]
    others = ["sections/.notes.tmp", "sections/.01-early-help.qmd.tmp", ".other.0123456789ab.tmp"]
    for name in ours + others:
        (project / name).write_text("half a file")
    done = run_scorecard("--data", str(tmp_data_dir), "check")
    assert done.returncode == 0, done.stderr
    assert "removed 2 temporary file(s)" in done.stderr
    assert not any((project / name).exists() for name in ours)
    assert all((project / name).exists() for name in others)  # not ours: left alone


@pytest.mark.parametrize(
    "target",
    ["../escape.qmd", "sections/../../escape.qmd", "/tmp/escape.qmd", ".git/hooks/pre-commit", "report.qmd"],
)
def test_a_planted_journal_moves_no_project_file(tmp_path: Path, tmp_data_dir: Path, target: str) -> None:
    import hashlib
    import json

    project = tmp_data_dir.parent
    (project / "sections").mkdir()
    payload = b"planted"
    folder, _, base = target.rpartition("/")
    temporary = f"{folder}/" * bool(folder) + f".{base}.0123456789ab.tmp"
    planted = (project / temporary).resolve()
    if planted.is_relative_to(tmp_path) and planted.parent.is_dir():  # never write outside the test
        planted.write_bytes(payload)
    here = os.stat(project)
    journal = {
        "files": [],
        "project": str(project),
        "project_id": f"{here.st_dev}:{here.st_ino}",
        "project_files": [
            {"temporary": temporary, "target": target, "sha256": hashlib.sha256(payload).hexdigest()}
        ],
    }
    (tmp_data_dir / ".scorecard-journal").write_text(json.dumps(journal))
    before = _tree(tmp_path)
    done = run_scorecard("--data", str(tmp_data_dir), "check")
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "not a journal this tool wrote" in done.stderr and len(done.stderr.splitlines()) == 2
    assert _tree(tmp_path) == before
