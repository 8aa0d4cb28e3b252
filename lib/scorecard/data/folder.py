"""The data folder as a transaction: a lock, an all-or-nothing commit, recovery, and a read-once snapshot.

``data/`` stays plain files the analyst can open and edit; this module makes the commands that read
and change it safe against each other and against a crash:

- **Lock.** A command that changes the folder holds an exclusive ``flock`` on the folder itself
  (``changing``); one that reads it holds a shared one (``reading``). The lock is on the directory, so
  no lock file sits among the data. A command that cannot have the lock within ``SCORECARD_LOCK_WAIT``
  seconds (default 30) stops with one line naming who holds it: pid, command, running since when.
- **Commit.** ``commit`` writes every new file as a temporary sibling and fsyncs it, then writes and
  fsyncs a journal naming them (and their hashes), then renames each into place, fsyncs the folders
  and removes the journal. A crash before the journal exists leaves the old files; after it, the
  journal says how to finish. ``init`` commits its section files and ``_sections.qmd`` in the same
  commit as the data (``journal``: what a commit may write, and where).
- **Recovery.** Every command first calls ``recover``: a journal left by a crash is rolled forward
  (every temporary it names is there and has its hash, or was already renamed), and temporaries no
  journal names are removed, in ``data/`` and in the project's ``sections/``. Afterwards the data and
  the sections are all-old or all-new. The journal is a hidden file that travels with a copied
  folder, so recovery trusts none of it: each name must pass the test ``commit`` applies, or recovery
  moves nothing and reports the journal in one line (``journal.read_journal``).
- **Read once.** ``read_files`` reads every data file into memory under the shared lock, so a render
  parses, validates and keys its cache from one state of the folder (``scorecard.pack.cache``).

This module uses the standard library only: Quarto's pre-render step (``quarto/freeze_data.py``) runs it
with whatever Python Quarto finds.
"""

from __future__ import annotations

import base64
import contextlib
import errno
import fcntl
import hashlib
import json
import os
import secrets
import sys
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from scorecard.data.input_file import NotAFile, TooLarge, read_regular
from scorecard.data.journal import DATA_FILES as DATA_FILES  # the files a commit may write
from scorecard.data.journal import (
    JOURNAL,
    discard,
    finish,
    fsync_folder,
    read_journal,
    stage,
    strays,
    write_synced,
)
from scorecard.problems import DataError, Problem

WAIT_ENV = "SCORECARD_LOCK_WAIT"
DEFAULT_WAIT = 30.0  # seconds: an import takes a few; a render holds a shared lock for a minute
SNAPSHOT_VERSION = 1
MAX_FILE_BYTES = 50_000_000  # any one data file: a scorecard's are well under 1 MB

_held: dict[str, tuple[int, bool, int]] = {}  # folder -> (fd, exclusive, depth): re-entrant per process


def _wait() -> float:
    try:
        return max(0.0, float(os.environ.get(WAIT_ENV, DEFAULT_WAIT)))
    except ValueError:
        return DEFAULT_WAIT


@contextlib.contextmanager
def _locked(folder: Path, exclusive: bool, what: str) -> Iterator[None]:
    key = str(folder.resolve())
    if key in _held:
        fd, held_exclusive, depth = _held[key]
        if exclusive and not held_exclusive:
            raise RuntimeError(f"{folder}: a shared lock cannot become exclusive in one process")
        _held[key] = (fd, held_exclusive, depth + 1)
        try:
            yield
        finally:
            fd, held_exclusive, depth = _held[key]
            _held[key] = (fd, held_exclusive, depth - 1)
        return
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except FileNotFoundError:
        raise DataError(
            [Problem(str(folder), "-", "--data", str(folder), "folder not found; expected the data folder")]
        ) from None
    try:
        _acquire(fd, folder, exclusive, what)
        _held[key] = (fd, exclusive, 1)
        try:
            yield
        finally:
            del _held[key]
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


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


@contextlib.contextmanager
def reading(folder: Path) -> Iterator[None]:
    """Hold a shared lock on ``folder`` (after recovering it): imports wait until the block ends."""
    recover(folder)
    with _locked(folder, exclusive=False, what="read it"):
        yield


@contextlib.contextmanager
def changing(folder: Path) -> Iterator[None]:
    """Hold the exclusive lock on ``folder`` (recovered first): read, merge and ``commit`` inside it,
    so a second import waits for this one and then reads its result; nothing is lost."""
    with _locked(folder, exclusive=True, what="change it"):
        _recover_locked(folder)
        yield


def exclusive(folder: Path, what: str) -> contextlib.AbstractContextManager[None]:
    """The exclusive lock on any folder (the project's ``build/`` for a render), nothing more."""
    return _locked(folder, exclusive=True, what=what)


def recover(folder: Path) -> list[str]:
    """Finish or undo a commit a crash interrupted; returns what was done, one line each."""
    if not folder.is_dir() or not _needs_recovery(folder):
        return []
    with _locked(folder, exclusive=True, what="recover it"):
        return _recover_locked(folder)


def _needs_recovery(folder: Path) -> bool:
    return os.path.lexists(folder / JOURNAL) or bool(strays(folder))


def _recover_locked(folder: Path) -> list[str]:
    done = []
    if os.path.lexists(folder / JOURNAL):
        moves = read_journal(folder)
        finish(folder, moves, recovering=True)
        names = ", ".join(move.target.name for move in moves)
        done.append(f"{folder}: finished a change a crash interrupted ({names})")
    stray = strays(folder)
    for path in stray:
        path.unlink()
    for parent in dict.fromkeys(path.parent for path in stray):
        fsync_folder(parent)
    if stray:
        done.append(f"{folder}: removed {len(stray)} temporary file(s) an interrupted command left")
    for line in done:
        print(line, file=sys.stderr)
    return done


def commit(
    folder: Path, files: Mapping[str, bytes], project_files: Mapping[str, bytes] | None = None
) -> None:
    """Replace the files named in ``files`` (names inside ``folder``), and ``project_files`` (paths in
    the project that holds it: ``init``'s section files and ``_sections.qmd``), all at once, or not
    at all (``journal``).

    Takes the exclusive lock (a caller inside ``changing`` already has it). An OS failure (no
    permission, disk full) before the journal is written leaves every file as it was and is a
    ``DataError``.
    """
    with changing(folder):
        try:
            _commit_locked(folder, files, project_files or {})
        except OSError as error:
            where = Path(error.filename).parent if error.filename else folder  # not a temporary's name
            message = (
                f"cannot write in it ({error.strerror or error}); expected a folder to write in, with room"
            )
            raise DataError([Problem(str(where), "-", "-", str(where), message)]) from None


def _commit_locked(folder: Path, files: Mapping[str, bytes], project_files: Mapping[str, bytes]) -> None:
    staged = stage(folder, files, project_files)
    try:
        write_synced(folder / (JOURNAL + ".tmp"), json.dumps(staged.record).encode())
        os.replace(folder / (JOURNAL + ".tmp"), folder / JOURNAL)
        fsync_folder(folder)  # the journal is durable: from here on the commit always completes
    except BaseException:
        discard(staged)
        with contextlib.suppress(OSError):
            (folder / (JOURNAL + ".tmp")).unlink()
        raise
    finish(folder, staged.moves)


def data_file_names(folder: Path) -> list[str]:
    """The folder's data files: every name not hidden that is not a folder (``raw/`` and other
    folders are not data the pack reads). A FIFO or a device among them is named, and refused when
    read (``read_files``)."""
    return sorted(p.name for p in folder.iterdir() if not p.name.startswith(".") and not p.is_dir())


@dataclass(frozen=True)
class Snapshot:
    """Every data file's bytes, read once under the shared lock: one state of the folder."""

    folder: str  # the data folder they came from, as problems name it
    files: dict[str, bytes]

    def digest(self) -> str:
        """A hash of exactly these bytes (names and contents)."""
        digest = hashlib.sha256()
        for name in sorted(self.files):
            digest.update(name.encode() + b"\0" + self.files[name] + b"\0")
        return digest.hexdigest()

    def to_json(self) -> bytes:
        """The snapshot as JSON bytes: what ``freeze`` writes for both runs of one render."""
        files = {name: base64.b64encode(content).decode() for name, content in self.files.items()}
        return json.dumps({"version": SNAPSHOT_VERSION, "folder": self.folder, "files": files}).encode()

    @classmethod
    def from_json(cls, content: bytes) -> Snapshot:
        """The snapshot ``to_json`` wrote; ``ValueError`` if it has another ``SNAPSHOT_VERSION``."""
        loaded = json.loads(content)
        if loaded.get("version") != SNAPSHOT_VERSION:
            raise ValueError("snapshot from another version")
        files = {name: base64.b64decode(text) for name, text in loaded["files"].items()}
        return cls(loaded["folder"], files)


def read_files(folder: Path) -> Snapshot:
    """Read every data file of ``folder`` into memory at once, under the shared lock."""
    if not folder.is_dir():
        return Snapshot(str(folder), {})  # the loader reports a missing folder in its own words
    with reading(folder):
        return Snapshot(str(folder), {name: _data_file(folder / name) for name in data_file_names(folder)})


def _data_file(path: Path) -> bytes:
    """One data file's bytes: a regular file of at most ``MAX_FILE_BYTES`` (counted while reading)."""
    try:
        return read_regular(path, MAX_FILE_BYTES)
    except FileNotFoundError:
        message = "is a link to a file that is not there; expected a data file"
    except TooLarge as error:
        message = f"{error} (a scorecard is far smaller)"
    except NotAFile as error:
        message = f"{error}; expected only files and folders in the data folder"
    raise DataError([Problem(str(path), "-", "-", path.name, message)])


def freeze(folder: Path, target: Path) -> Snapshot:
    """Write a snapshot of ``folder`` to ``target`` (atomically): what both runs of one render read."""
    snapshot = read_files(folder)
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.{secrets.token_hex(6)}.tmp")
    write_synced(temporary, snapshot.to_json())
    os.replace(temporary, target)
    return snapshot
