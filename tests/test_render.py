"""`make report`'s Quarto step: uses the quarto on PATH, and says what to do when there is none."""

import os
import stat
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _render(args: list[str], path: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PATH": path}
    return subprocess.run(
        [sys.executable, "-m", "scorecard.render", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_without_quarto_it_stops_with_how_to_install_and_exit_2(tmp_path: Path) -> None:
    done = _render(["--no-install"], str(tmp_path))  # a PATH with no quarto on it
    assert done.returncode == 2
    assert "quarto.org" in done.stderr and "pip install quarto-cli" in done.stderr
    assert "Traceback" not in done.stderr


def test_with_quarto_on_path_it_renders_the_period_with_this_python(tmp_path: Path) -> None:
    record = tmp_path / "called.txt"
    fake = tmp_path / "quarto"
    # Like Quarto, it writes both outputs (touch: an existing report keeps its content).
    fake.write_text(
        f'#!/bin/sh\necho "$@" > {record}\necho "$QUARTO_PYTHON" >> {record}\ntouch report.html report.pdf\n'
    )
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    done = _render(["--period", "2025-02"], f"{tmp_path}:/usr/bin:/bin")
    assert done.returncode == 0, done.stderr
    args, python = record.read_text().splitlines()
    assert args == "render report.qmd -P period:2025-02"
    assert Path(python) == Path(sys.executable)


def test_a_period_not_in_the_data_fails_before_quarto(tmp_path: Path) -> None:
    done = _render(["--period", "2031-01", "--no-install"], str(tmp_path))
    assert done.returncode == 2
    assert "2031-01" in done.stderr and "expected one of the periods" in done.stderr
    assert "quarto.org" not in done.stderr
