"""One render at a time, for a ``quarto render`` started by hand too, and a render started with a
Python that cannot run the report stops with one line (``quarto/render_turn.py``, ``freeze_data.py``)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from _cli import checked_project, fake_quarto, run_render_step
from _render import Rendered, copy_inputs, require_tool, tracebacks

from scorecard.quarto import render_turn
from scorecard.quarto.render_turn import busy_line, claim, command_line, holder, release

ROOT = Path(__file__).resolve().parents[2]
FREEZE = ROOT / "lib" / "scorecard" / "quarto" / "freeze_data.py"
pytestmark = pytest.mark.skipif(os.name == "nt", reason="renders are not guarded on Windows (no fcntl)")


@pytest.fixture
def other_render() -> Iterator[subprocess.Popen]:
    """A running process standing in for another render's Quarto."""
    process = subprocess.Popen(["sleep", "60"])
    deadline = time.monotonic() + 10
    while Path("/proc").is_dir() and command_line(process.pid) != "sleep 60" and time.monotonic() < deadline:
        time.sleep(0.01)  # until the child has become `sleep` (just after the fork it is this Python)
    try:
        yield process
    finally:
        process.kill()
        process.wait()


def record_of(process: subprocess.Popen, owner: Path) -> None:
    owner.parent.mkdir(parents=True, exist_ok=True)
    mine = {"pid": process.pid, "command": command_line(process.pid), "since": "09:00:00"}
    owner.write_text(json.dumps(mine))


def test_a_free_turn_is_claimed_and_released(tmp_path: Path, other_render: subprocess.Popen) -> None:
    owner = tmp_path / "build" / "render-owner.json"
    assert claim(other_render.pid, owner) is None
    assert json.loads(owner.read_text())["pid"] == other_render.pid
    assert holder(owner) is not None
    release(other_render.pid, owner)
    assert not owner.exists()
    assert [p.name for p in owner.parent.iterdir()] == ["render-owner.lock"]  # no temporary file left


def test_a_running_render_refuses_another_naming_it(tmp_path: Path, other_render: subprocess.Popen) -> None:
    owner = tmp_path / "render-owner.json"
    record_of(other_render, owner)
    said = claim(os.getpid(), owner)
    assert said is not None
    assert said.startswith(f"{owner}: another render is running (process {other_render.pid}, sleep 60, since")
    assert json.loads(owner.read_text())["pid"] == other_render.pid  # the record is the first render's


def test_a_preview_holding_the_turn_is_named_with_how_to_free_it() -> None:
    said = busy_line({"pid": 7, "command": "/q/deno run /q/quarto.js preview report.qmd --to html"})
    then = ": stop the preview (Ctrl+C) or let it render once without an error, then render again"
    assert said.endswith(then)
    assert "(process 7, quarto preview report.qmd --to html, since ?)" in said


def test_the_same_quarto_may_render_again(tmp_path: Path, other_render: subprocess.Popen) -> None:
    """``quarto preview`` renders again from one process, and a failed preview render keeps its record."""
    owner = tmp_path / "render-owner.json"
    record_of(other_render, owner)
    assert claim(other_render.pid, owner) is None


def test_a_record_left_by_a_render_that_ended_is_taken_over(tmp_path: Path) -> None:
    ended = subprocess.Popen(["sleep", "0"])
    ended.wait()
    owner = tmp_path / "render-owner.json"
    record_of(ended, owner)
    assert holder(owner) is None
    assert claim(os.getpid(), owner) is None
    assert json.loads(owner.read_text())["pid"] == os.getpid()


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc for command lines")
def test_a_process_id_now_used_by_another_program_is_not_the_render(tmp_path: Path) -> None:
    owner = tmp_path / "render-owner.json"
    owner.write_text(json.dumps({"pid": os.getpid(), "command": "deno run quarto.js render report.qmd"}))
    assert holder(owner) is None  # this pytest process is running, but it is not that Quarto


def test_a_broken_record_holds_nothing(tmp_path: Path) -> None:
    owner = tmp_path / "render-owner.json"
    owner.write_text('{"pid": ')  # a record cut short
    assert holder(owner) is None
    assert claim(os.getpid(), owner) is None


def test_release_leaves_another_renders_record(tmp_path: Path, other_render: subprocess.Popen) -> None:
    owner = tmp_path / "render-owner.json"
    record_of(other_render, owner)
    release(os.getpid(), owner)
    assert holder(owner) is not None


def _pre_render(project: Path, *python: str) -> subprocess.CompletedProcess:
    return subprocess.run([*python, str(FREEZE)], cwd=project, capture_output=True, text=True, check=False)


def _last_outputs(project: Path) -> None:
    (project / "report.html").write_text("last month's page")
    (project / "report.pdf").write_text("last month's PDF")


def test_the_pre_render_step_stops_a_second_render_before_it_removes_anything(
    tmp_path: Path, other_render: subprocess.Popen
) -> None:
    _last_outputs(tmp_path)
    record_of(other_render, tmp_path / render_turn.OWNER)
    done = _pre_render(tmp_path, sys.executable)
    assert done.returncode == 2
    assert done.stderr.splitlines() == [busy_line(holder(tmp_path / render_turn.OWNER))]
    assert (tmp_path / "report.pdf").read_text() == "last month's PDF"
    assert not (tmp_path / "build" / "data-snapshot.json").exists()


def test_a_python_without_the_project_stops_the_render_in_one_line(tmp_path: Path) -> None:
    """``python -S`` has no site-packages: as a system Python when the project's .venv is not active."""
    _last_outputs(tmp_path)
    done = _pre_render(tmp_path, sys.executable, "-S")
    assert done.returncode == 2
    (line,) = done.stderr.splitlines()
    assert line.startswith(f"quarto render: Python {sys.executable} has not got scorecard, pandas, ")
    assert "`. .venv/bin/activate` before `quarto render`" in line
    assert "Traceback" not in done.stderr
    assert (tmp_path / "report.pdf").read_text() == "last month's PDF"
    assert not (tmp_path / "build").exists()


def test_make_report_refuses_while_a_render_started_by_hand_runs(
    tmp_path: Path, other_render: subprocess.Popen
) -> None:
    fake = fake_quarto(tmp_path / "bin", "touch report.html report.pdf\n")
    checked_project(tmp_path)
    record_of(other_render, tmp_path / render_turn.OWNER)
    done = run_render_step(tmp_path, fake)
    assert done.returncode == 2
    assert f"another render is running (process {other_render.pid}, sleep 60" in done.stderr
    assert not (tmp_path / "report.html").exists(), "Quarto ran"


@pytest.mark.render
def test_quarto_render_by_hand_stops_while_another_render_runs(
    tmp_path: Path, other_render: subprocess.Popen
) -> None:
    quarto = require_tool("quarto", "the test runs the real `quarto render`")
    copy_inputs(ROOT, tmp_path)
    _last_outputs(tmp_path)
    record_of(other_render, tmp_path / render_turn.OWNER)
    done = subprocess.run(
        [quarto, "render", "report.qmd"],
        cwd=tmp_path,
        env={**os.environ, "QUARTO_PYTHON": sys.executable},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode != 0
    assert f"another render is running (process {other_render.pid}, sleep 60" in done.stdout
    assert not tracebacks(done.stdout), done.stdout
    assert (tmp_path / "report.pdf").read_text() == "last month's PDF"
    assert (tmp_path / "report.html").read_text() == "last month's page"


@pytest.mark.render
def test_a_finished_render_releases_its_turn(rendered: Rendered) -> None:
    assert not (rendered.folder / render_turn.OWNER).exists()
