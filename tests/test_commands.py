"""Commands cannot be turned against the machine or the data: PERIOD never reaches a shell as code,
an export never lands in data/, and a failed render leaves no pair of outputs from two data states."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from _cli import checked_project, fake_quarto, run_render_step, run_scorecard

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    "period",
    [
        "2025-03; touch {pwned}",
        "$(shell touch {pwned})",
        "`touch {pwned}`",
        "$$(touch {pwned})",
        "x' ; touch {pwned}",
    ],
)
def test_make_report_period_cannot_run_shell(tmp_path: Path, period: str) -> None:
    venv = tmp_path / "venv"
    venv.mkdir()
    (venv / ".installed").touch()  # newer than pyproject.toml: make installs nothing
    record = tmp_path / "args.txt"
    python = tmp_path / "python"  # stands in for the venv's Python: records what it was asked to run
    python.write_text(f'#!/bin/sh\nfor a in "$@"; do printf "%s\\n" "$a"; done >> {record}\n')
    python.chmod(python.stat().st_mode | stat.S_IEXEC)
    pwned = tmp_path / "pwned"
    value = period.format(pwned=pwned)
    done = subprocess.run(
        ["make", "-s", "-C", str(ROOT), "report", f"VENV={venv}", f"PY={python}", f"PERIOD={value}"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert not pwned.exists(), f"PERIOD={value!r} ran a command"
    assert record.read_text().splitlines() == ["-m", "scorecard.render", "--period", value, "--edition", ""]


def test_render_refuses_a_period_that_is_not_a_month(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "scorecard.render", "--period", "2025-03; rm -rf ~", "--no-install"],
        cwd=ROOT,
        env={**os.environ, "PATH": str(tmp_path)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        "PERIOD: value '2025-03; rm -rf ~' - not a month; expected YYYY-MM, such as 2025-02"
    ]


@pytest.mark.parametrize("edition", ["exceptions", "exceptions; touch {pwned}", "$(shell touch {pwned})"])
def test_make_report_edition_reaches_the_render_as_one_option(tmp_path: Path, edition: str) -> None:
    venv = tmp_path / "venv"
    venv.mkdir()
    (venv / ".installed").touch()
    record = tmp_path / "args.txt"
    python = tmp_path / "python"
    python.write_text(f'#!/bin/sh\nfor a in "$@"; do printf "%s\\n" "$a"; done >> {record}\n')
    python.chmod(python.stat().st_mode | stat.S_IEXEC)
    pwned = tmp_path / "pwned"
    value = edition.format(pwned=pwned)
    done = subprocess.run(
        ["make", "-s", "-C", str(ROOT), "report", f"VENV={venv}", f"PY={python}", f"EDITION={value}"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert not pwned.exists(), f"EDITION={value!r} ran a command"
    assert record.read_text().splitlines()[-5:] == ["scorecard.render", "--period", "", "--edition", value]


def test_render_refuses_an_edition_it_does_not_have(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "scorecard.render", "--edition", "exceptions; rm -rf ~", "--no-install"],
        cwd=ROOT,
        env={**os.environ, "PATH": str(tmp_path)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        "EDITION: value 'exceptions; rm -rf ~' - not an edition; expected full or exceptions"
    ]


@pytest.mark.parametrize("command", ["export", "export-wide"])
@pytest.mark.parametrize("name", ["values.csv", "scorecard.csv", "sub/x.csv"])
def test_no_export_is_written_into_the_data_folder(tmp_data_dir: Path, command: str, name: str) -> None:
    (tmp_data_dir / "sub").mkdir()
    before = {p.name: p.read_bytes() for p in tmp_data_dir.iterdir() if p.is_file()}
    done = run_scorecard("--data", str(tmp_data_dir), command, "--out", str(tmp_data_dir / name))
    assert done.returncode == 2
    assert "inside the data folder" in done.stderr and len(done.stderr.splitlines()) == 2
    assert {p.name: p.read_bytes() for p in tmp_data_dir.iterdir() if p.is_file()} == before


@pytest.mark.parametrize(
    ("page", "kept", "said"),
    [
        ("new\n", True, "report.pdf was not made; report.html is from this render"),
        # Quarto stopped before its post-render step put the tables in: that page is not an output.
        (
            "<main>\n<!-- pack-include build/pack-files/t.html -->\n</main>\n",
            False,
            "report.html, report.pdf was not made (",
        ),
    ],
)
def test_a_failed_render_says_which_output_is_missing(
    tmp_path: Path, page: str, kept: bool, said: str
) -> None:
    project = checked_project(tmp_path / "project")
    fake = fake_quarto(  # renders the web page, then fails on the PDF, as Typst can
        tmp_path / "bin",
        f"{sys.executable} {ROOT / 'lib/scorecard/quarto/freeze_data.py'} || exit 1\n"
        f"printf '{page.replace(chr(10), chr(92) + 'n')}' > report.html\necho 'typst: error' >&2\nexit 1\n",
    )
    (project / "report.html").write_text("old")
    (project / "report.pdf").write_text("last month's PDF")
    done = run_render_step(project, fake)
    assert done.returncode == 1
    assert not (project / "report.pdf").exists(), "last month's PDF would sit beside this month's page"
    assert (project / "report.html").read_text() == page if kept else not (project / "report.html").exists()
    assert said in done.stderr


def test_a_second_render_waits_then_names_the_first(tmp_path: Path) -> None:
    import fcntl

    checked_project(tmp_path)
    (tmp_path / "build").mkdir()
    fd = os.open(tmp_path / "build", os.O_RDONLY)
    fcntl.flock(fd, fcntl.LOCK_EX)  # a render in progress holds build/
    fake = fake_quarto(tmp_path / "bin", "touch report.html report.pdf\n")
    try:
        done = run_render_step(tmp_path, fake, SCORECARD_LOCK_WAIT="1")
    finally:
        os.close(fd)
    assert done.returncode == 2
    assert f"in use by pid {os.getpid()} (" in done.stderr and "to render the report" in done.stderr
    assert not (tmp_path / "report.html").exists()
