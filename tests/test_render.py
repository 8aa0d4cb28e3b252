"""`make report`'s Quarto step: uses the quarto on PATH, and says what to do when there is none."""

import os
import stat
import subprocess
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from _cli import checked_project, fake_quarto

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


def test_make_report_checks_the_data_and_the_narrative_once_then_renders_that_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """One read of the data folder, one load (parse and validate), one narrative check, all in this
    process before Quarto starts; Quarto's runs then read those very bytes, even when an import
    lands in the folder after the check."""
    from scorecard import render
    from scorecard.data import Snapshot, load
    from scorecard.data.files import folder
    from scorecard.pack.narrative import check as narrative_check

    calls: Counter[str] = Counter()
    for module, name in ((folder, "read_files"), (load, "load_data"), (narrative_check, "check_narrative")):
        monkeypatch.setattr(module, name, _counted(getattr(module, name), name, calls))
    project = checked_project(tmp_path / "project")
    checked = {path.name: path.read_bytes() for path in (project / "data").iterdir() if path.is_file()}
    fake = fake_quarto(  # an import lands, then Quarto's pre-render step runs as Quarto runs it
        tmp_path / "bin",
        "echo '99,2025-03,1,,,,,,' >> data/values.csv\n"
        f"{sys.executable} {ROOT / 'lib/scorecard/quarto/freeze_data.py'} || exit 1\n"
        "touch report.html report.pdf\n",
    )
    monkeypatch.chdir(project)
    monkeypatch.setenv("PATH", f"{fake.parent}:/usr/bin:/bin")
    monkeypatch.delenv("SCORECARD_DATA", raising=False)
    assert render.main(["--no-install"]) == 0, capsys.readouterr().err
    assert calls == {"read_files": 1, "load_data": 1, "check_narrative": 1}
    said = capsys.readouterr().out
    assert "data: OK - 96 indicators" in said and "inline expressions checked in 6 files" in said
    frozen = Snapshot.from_json((project / "build" / "data-snapshot.json").read_bytes())
    assert frozen.files == checked, "the render would show data that was not checked"


def _counted(function: Callable[..., object], name: str, calls: Counter[str]) -> Callable[..., object]:
    def call(*args: object, **kwargs: object) -> object:
        calls[name] += 1
        return function(*args, **kwargs)

    return call
