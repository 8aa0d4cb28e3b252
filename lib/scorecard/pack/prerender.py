"""Draw the pack's charts in a second process while the kernel builds the tables (issue 5).

The charts are the largest part of a cold render, so ``open_pack`` starts ``python -m
scorecard.pack.prerender`` (a fresh process, never a fork of the kernel) before it even imports pandas.
The worker imports only matplotlib (the charts are drawn from ``scorecard.pack.chart_data``' plain numbers,
so it never needs pandas) while the kernel loads and validates the data. The kernel then sends one
job per chart, in the order the report shows them: a pickled drawable (``RagBars``,
``SectionPanels``) in a private folder, and its name on the worker's stdin. The worker draws each, writes
the display data it would show as a pickled ``Bundle`` beside it and prints the name; the kernel's
``take`` waits for that name. Anything the worker does not deliver (it failed, or the report asks for
something it was not sent) the kernel draws itself with the same code, so the pack never depends on
the worker. The worker stops at the end of its stdin, or when the kernel that started it has gone.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import select
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Protocol

TIMEOUT = 300  # seconds without a finished chart before the kernel gives up on the worker


class Drawable(Protocol):
    def draw(self) -> object: ...


def entry_name(function: str, args: tuple) -> str:
    """The name an output is known by, in the worker and in the cache."""
    return f"{function}{args!r}"


def _file(folder: Path, name: str, kind: str) -> Path:
    return folder / f"{hashlib.sha256(name.encode()).hexdigest()[:24]}.{kind}"


def _write(path: Path, value: object) -> None:
    # Write then rename: the reader never sees half a file.
    with tempfile.NamedTemporaryFile(dir=path.parent, delete=False, suffix=".tmp") as handle:
        handle.write(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
    os.replace(handle.name, path)


class Prerender:
    """The kernel's handle on one worker: ``send`` jobs, then ``take`` their outputs in order."""

    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="scorecard-prerender-"))
        self.errors = self.folder / "stderr.txt"
        with self.errors.open("wb") as errors:
            # Its own session: a signal to the kernel's process group (an interrupt) is not for it.
            command = [sys.executable, "-m", "scorecard.pack.prerender", str(self.folder)]
            self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                            stderr=errors, start_new_session=True)
        self.expected: set[str] = set()
        self.ready: set[str] = set()
        self.pending = b""  # the worker's output not yet split into lines

    def send(self, jobs: Iterable[tuple[str, Drawable]]) -> None:
        """Queue ``(name, drawable)`` jobs, drawn in this order; the worker ends after the last."""
        stdin: IO[bytes] = self.process.stdin  # type: ignore[assignment]
        try:
            for name, drawable in jobs:
                _write(_file(self.folder, name, "job"), drawable)
                stdin.write(name.encode() + b"\n")
                stdin.flush()  # the worker starts on this job while the kernel prepares the next
                self.expected.add(name)
            stdin.close()
        except OSError:  # the worker has died; take() finds that out and the kernel draws instead
            pass

    def take(self, name: str) -> object | None:
        """The worker's output ``name``, waiting for it; None if the worker will not deliver it."""
        if name not in self.expected:
            return None
        while name not in self.ready:
            line = self._line()
            if line is None:  # the worker ended, or hung, without it
                self._report_failure()
                self.expected = set()
                return None
            self.ready.add(line)
        self.expected.discard(name)
        try:
            return pickle.loads(_file(self.folder, name, "out").read_bytes())
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            return None
        finally:
            if not self.expected:
                self.close()

    def _line(self) -> str | None:
        """The worker's next line; None at its end, or if it has printed nothing for ``TIMEOUT`` s."""
        stdout = self.process.stdout.fileno()  # type: ignore[union-attr]
        while b"\n" not in self.pending:
            ready, _, _ = select.select([stdout], [], [], TIMEOUT)
            chunk = os.read(stdout, 65536) if ready else b""
            if not chunk:
                if self.process.poll() is None:
                    self.process.kill()
                return None
            self.pending += chunk
        line, self.pending = self.pending.split(b"\n", 1)
        return line.decode()

    def _report_failure(self) -> None:
        # The pack is still complete (the kernel draws instead), so this goes to the terminal that
        # runs the render, never into the pack.
        self.process.wait()
        if self.process.returncode:
            detail = self.errors.read_text(errors="replace")[-2000:] if self.errors.exists() else ""
            print(f"scorecard: the chart worker failed (exit {self.process.returncode}); the kernel "
                  f"drew the charts itself.\n{detail}", file=sys.__stderr__)

    def close(self) -> None:
        """Stop the worker if it is still running and remove its folder."""
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        for stream in (self.process.stdin, self.process.stdout):
            if stream is not None and not stream.closed:
                stream.close()
        shutil.rmtree(self.folder, ignore_errors=True)


def display_data(shown: object) -> tuple[dict, dict]:
    """What IPython's display formatter gives a chart (tests check it is the same), without IPython."""
    return {"text/plain": repr(shown), "text/markdown": shown._repr_markdown_()}, {}  # type: ignore[attr-defined]


def main(folder: Path) -> None:
    from matplotlib.figure import Figure

    from scorecard.pack.charts import _svg
    from scorecard.pack.report import Bundle

    warm_up = Figure(figsize=(1, 1))  # drawing text in the chart fonts loads them, while the kernel
    warm_up.text(0, 0, "0", fontsize=6.5, fontweight="bold")  # is still building the scorecard
    _svg(warm_up)
    parent = os.getppid()
    for line in sys.stdin.buffer:
        if os.getppid() != parent:
            break  # the kernel has gone: nobody will read the rest
        name = line.decode().rstrip("\n")
        drawable = pickle.loads(_file(folder, name, "job").read_bytes())
        _write(_file(folder, name, "out"), Bundle(*display_data(drawable.draw())))
        sys.stdout.write(name + "\n")
        sys.stdout.flush()
    if os.getppid() != parent:  # the kernel died without cleaning up: its folder is ours to remove
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
