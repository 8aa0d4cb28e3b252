"""The bad-input corpus: every malformed file is rejected with one clear line, exit 2, nothing written.

tests/bad_input/import-*/ hold the files to import (scorecard*, in name order: one wide file, or a
long layout's values and catalogue) into a copy of data/, with the command line's further arguments
one per line in args.txt where the case needs them (--sheet, --column);
tests/bad_input/init-*/ hold the files (scorecard*) that ``init`` reads into a new project (an empty
data/, plus what the case's project/ folder holds, such as a section file with narrative), and its
arguments in args.txt (--organisation ...);
tests/bad_input/check-*/data/ hold files that replace those of the valid mini data folder _base/
before ``check``. tests/bad_input/benchmarks-*/ hold the DfE files (dfe*) that ``benchmarks`` reads
into a copy of data/, with shipped.txt naming further files of data/dfe/ to read and edit.txt one edit
of a data file first (three lines: the file, the text to find, what to put instead; \\n a new line).
tests/bad_input/narrative-*/edit.txt is one edit of the shipped narrative (three
lines: the file, the text to find in it, what to put instead), made in a copy of the project before
``check``. Each case's expected.txt holds the fragment its problem line must contain; a narrative
case's ``{line}`` is the line the edit lands on (``{line+1}`` the next one: a ``\n`` in the
replacement is a line break).

Each case runs through ``cli.main`` in this process; one case of each kind also runs as the analyst
runs it, ``python -m scorecard`` in a fresh process, for the exit code and what a start-up adds.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from _cli import run_scorecard, run_scorecard_process

CORPUS = Path(__file__).parent / "bad_input"
ROOT = CORPUS.parent.parent
CASES = sorted(p for p in CORPUS.iterdir() if p.is_dir() and not p.name.startswith("_"))
KINDS = ("import-", "init-", "check-", "narrative-")
SMOKE = [next(case for case in CASES if case.name.startswith(kind)) for kind in KINDS]
PROBLEM_LINE = re.compile(r"^\S.*:(\d+|-):[^:]+: value '.*' - .+$")
NARRATIVE_LINE = re.compile(r"^\S+\.qmd:\d+: .+ - .+$")  # FILE:LINE: the call as written - what is wrong


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_the_corpus_is_big_enough() -> None:
    assert len([c for c in CASES if c.name.startswith("import-")]) >= 15
    assert len([c for c in CASES if c.name.startswith("check-")]) >= 15
    assert len([c for c in CASES if c.name.startswith("narrative-")]) >= 5
    assert len([c for c in CASES if c.name.startswith("init-")]) >= 3
    assert len([c for c in CASES if c.name.startswith("benchmarks-")]) >= 6


def _narrative_project(case: Path, folder: Path) -> tuple[Path, int]:
    """A copy of the project with the case's one edit made; the line the edit is on."""
    folder.mkdir()
    for name in ("report.qmd", "_sections.qmd", "sections"):
        (shutil.copytree if (ROOT / name).is_dir() else shutil.copy)(ROOT / name, folder / name)
    shutil.copytree(ROOT / "data", folder / "data", ignore=shutil.ignore_patterns("raw", "dfe"))
    file, old, new = (case / "edit.txt").read_text(encoding="utf-8").split("\n")[:3]
    new = new.replace("\\n", "\n")  # a line break in the replacement is written \n
    text = (folder / file).read_text(encoding="utf-8")
    assert old in text, f"{case.name}: {old!r} is no longer in {file}"
    (folder / file).write_text(text.replace(old, new, 1), encoding="utf-8")
    return folder, text[: text.index(old)].count("\n") + 1


def _benchmark_inputs(case: Path, data_dir: Path) -> list[str]:
    """A benchmarks case's DfE files (its own, and those of data/dfe/ it names), its edit made."""
    shipped = (
        (case / "shipped.txt").read_text(encoding="utf-8").split() if (case / "shipped.txt").exists() else []
    )
    if (case / "edit.txt").exists():
        file, old, new = (case / "edit.txt").read_text(encoding="utf-8").split("\n")[:3]
        text = (data_dir / file).read_text(encoding="utf-8")
        assert old in text, f"{case.name}: {old!r} is no longer in {file}"
        (data_dir / file).write_text(text.replace(old, new.replace("\\n", "\n"), 1), encoding="utf-8")
    own = [str(p) for p in sorted(case.iterdir()) if p.name.startswith("dfe")]
    return [*own, *(str(ROOT / "data" / "dfe" / name) for name in shipped)]


def test_the_mini_data_folder_is_valid() -> None:
    result = run_scorecard("--data", str(CORPUS / "_base"), "check")
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_input_is_rejected_clearly(case: Path, tmp_path: Path, tmp_data_dir: Path) -> None:
    _rejected_clearly(case, tmp_path, tmp_data_dir, run_scorecard)


@pytest.mark.parametrize("case", SMOKE, ids=[c.name for c in SMOKE])
def test_a_fresh_process_rejects_it_the_same(case: Path, tmp_path: Path, tmp_data_dir: Path) -> None:
    _rejected_clearly(case, tmp_path, tmp_data_dir, run_scorecard_process)


def _rejected_clearly(
    case: Path, tmp_path: Path, tmp_data_dir: Path, run: Callable[..., subprocess.CompletedProcess[str]]
) -> None:
    options = case / "args.txt"
    extra = options.read_text(encoding="utf-8").splitlines() if options.exists() else []
    sources = [str(p) for p in sorted(case.iterdir()) if p.name.startswith("scorecard")]
    cwd, line, pattern = None, 0, PROBLEM_LINE
    if case.name.startswith("narrative-"):
        cwd, line = _narrative_project(case, tmp_path / "project")
        data_dir, args, pattern = cwd, ("check",), NARRATIVE_LINE
    elif case.name.startswith("import-"):
        data_dir = tmp_data_dir
        args = ("--data", str(data_dir), "import", *sources, *extra)
    elif case.name.startswith("benchmarks-"):
        data_dir = tmp_data_dir
        args = ("--data", str(data_dir), "benchmarks", *_benchmark_inputs(case, data_dir))
    elif case.name.startswith("init-"):
        project = tmp_path / "project"
        if (case / "project").is_dir():
            shutil.copytree(case / "project", project)
        (project / "data").mkdir(parents=True, exist_ok=True)
        data_dir = project  # the whole project must be left as it was
        args = ("--data", str(project / "data"), "init", *sources, *extra)
    else:
        data_dir = tmp_path / "mini"
        shutil.copytree(CORPUS / "_base", data_dir)
        for replacement in (case / "data").iterdir():
            shutil.copy(replacement, data_dir / replacement.name)
        args = ("--data", str(data_dir), "check")
    before = _snapshot(data_dir)
    result = run(*args, cwd=cwd)
    expected = (case / "expected.txt").read_text(encoding="utf-8").strip()
    expected = re.sub(r"\{line(?:\+(\d))?\}", lambda m: str(line + int(m[1] or 0)), expected)
    lines = result.stderr.splitlines()
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert lines[-1] == f"{len(lines) - 1} problem(s); nothing was written."
    problems = lines[:-1]
    assert len(problems) == 1, "one fault, so one problem line:\n" + result.stderr
    assert pattern.match(problems[0]), problems[0]
    assert expected in problems[0]
    assert _snapshot(data_dir) == before
