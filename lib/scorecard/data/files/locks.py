"""A folder's ``flock``: shared or exclusive, waited for a while, and naming who holds it when the wait
runs out.

The lock is on the directory itself, so no lock file sits among the analyst's files. A command that
cannot have it within ``SCORECARD_LOCK_WAIT`` seconds (default 30) stops with one line naming the
holder: pid, command, running since when. One process holds at most one lock on a folder: a second
would wait for the first, so asking for it is a programming error, said at once.

Standard library only: Quarto's pre-render step runs it with whatever Python Quarto finds.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from scorecard.problems import DataError, Problem

WAIT_ENV = "SCORECARD_LOCK_WAIT"
DEFAULT_WAIT = 30.0  # seconds: an import takes a few; a render holds a shared lock for a minute

_holding: set[str] = set()  # the folders this process has locked: a second lock would wait for itself


def _wait() -> float:
    try:
        return max(0.0, float(os.environ.get(WAIT_ENV, DEFAULT_WAIT)))
    except ValueError:
        return DEFAULT_WAIT


@contextlib.contextmanager
def locked(folder: Path, exclusive: bool, what: str) -> Iterator[None]:
    """Hold ``folder``'s lock (``exclusive``, or shared) for the block; ``what`` says, in the line a
    refused command prints, what it waited to do ("change it")."""
    key = str(folder.resolve())
    if key in _holding:
        raise RuntimeError(f"{folder} is already locked by this process; use the lock it holds")
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except FileNotFoundError:
        raise DataError(
            [Problem(str(folder), "-", "--data", str(folder), "folder not found; expected the data folder")]
        ) from None
    try:
        _acquire(fd, folder, exclusive, what)
        _holding.add(key)
        try:
            yield
        finally:
            _holding.discard(key)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def exclusive(folder: Path, what: str) -> contextlib.AbstractContextManager[None]:
    """The exclusive lock on any folder (the project's ``build/`` for a render), nothing more."""
    return locked(folder, exclusive=True, what=what)


def _acquire(fd: int, folder: Path, exclusive: bool, what: str) -> None:
    mode = (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB
    deadline = time.monotonic() + _wait()
    while True:
        try:
            fcntl.flock(fd, mode)
            return
        except OSError as error:
            if error.errno not in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                raise
        if time.monotonic() >= deadline:
            holders = "; ".join(_holders(folder)) or "another process"
            message = (
                f"folder in use by {holders}; waited {_wait():g} s to {what}. "
                f"Try again when it has finished (or set {WAIT_ENV}=SECONDS to wait longer)"
            )
            raise DataError([Problem(str(folder), "-", "-", "", message)])
        time.sleep(0.05)


def _holders(folder: Path) -> list[str]:
    """Who holds a lock on ``folder``, from /proc/locks (Linux); empty where that cannot be told."""
    try:
        inode = os.stat(folder).st_ino
        lines = Path("/proc/locks").read_text().splitlines()
    except OSError:
        return []
    pids = []
    for line in lines:
        parts = line.split()
        if "->" in parts or len(parts) < 6 or parts[1] != "FLOCK":
            continue
        if (
            parts[5].rsplit(":", 1)[-1] == str(inode)
            and parts[4] not in pids
            and parts[4] != str(os.getpid())
        ):
            pids.append(parts[4])
    return [_describe(pid) for pid in pids]


def _describe(pid: str) -> str:
    try:
        command = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        command = " ".join(command.split())[:120]
        ticks = int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[19])
        boot = next(
            int(line.split()[1])
            for line in Path("/proc/stat").read_text().splitlines()
            if line.startswith("btime")
        )
        since = datetime.fromtimestamp(boot + ticks / os.sysconf("SC_CLK_TCK")).strftime("%Y-%m-%d %H:%M:%S")
    except (OSError, ValueError, IndexError, StopIteration):
        return f"pid {pid}"
    return f"pid {pid} ({command}), running since {since}"
