"""The data folder as a transaction: a lock, an all-or-nothing commit, recovery, and a read-once snapshot.

``data/`` stays plain files the analyst can open and edit; this module makes the commands that read
and change it safe against each other and against a crash:

- **Lock.** A command that changes the folder holds an exclusive ``flock`` on the folder itself for
  the whole change: ``with changing(folder) as transaction``, then ``transaction.read()`` and
  ``transaction.commit(files)``. One that only reads it holds a shared one while it reads
  (``read_files``). A command that cannot have the lock in time stops with one line naming who holds
  it (``locks``).
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
import hashlib
import json
import os
import secrets
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from scorecard.data.files.input_file import NotAFile, TooLarge, read_regular
from scorecard.data.files.journal import DATA_FILES as DATA_FILES  # the files a commit may write
from scorecard.data.files.journal import (
    JOURNAL,
    discard,
    finish,
    fsync_folder,
    read_journal,
    stage,
    strays,
    write_synced,
)
from scorecard.data.files.locks import locked
from scorecard.problems import DataError, Problem

SNAPSHOT_VERSION = 1
MAX_FILE_BYTES = 50_000_000  # any one data file: a scorecard's are well under 1 MB


class Transaction:
    """The exclusive hold on one data folder (``changing``): read it, then commit to it, with no other
    command in between. Used only inside its ``with`` block."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.open = True

    def read(self) -> Snapshot:
        """Every data file's bytes as they are now: one state of the folder."""
        self._usable()
        return _read(self.folder)

    def commit(self, files: Mapping[str, bytes], project_files: Mapping[str, bytes] | None = None) -> None:
        """Replace the files named in ``files``, and ``project_files``, all at once, or not at all
        (``commit``)."""
        self._usable()
        _commit(self.folder, files, project_files or {})

    def _usable(self) -> None:
        if not self.open:
            raise RuntimeError(f"{self.folder}: the transaction ended with its with block")


@contextlib.contextmanager
def changing(folder: Path) -> Iterator[Transaction]:
    """Hold the exclusive lock on ``folder`` (recovered first) for the block: read, merge and commit
    through the ``Transaction`` it gives, so a second import waits for this one and then reads its
    result; nothing is lost."""
    with locked(folder, exclusive=True, what="change it"):
        _recover_locked(folder)
        transaction = Transaction(folder)
        try:
            yield transaction
        finally:
            transaction.open = False


def recover(folder: Path) -> list[str]:
    """Finish or undo a commit a crash interrupted; returns what was done, one line each."""
    if not folder.is_dir() or not _needs_recovery(folder):
        return []
    with locked(folder, exclusive=True, what="recover it"):
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
    at all (``journal``), under the folder's exclusive lock (inside ``changing``, commit through its
    transaction instead).

    An OS failure (no permission, disk full) before the journal is written leaves every file as it was
    and is a ``DataError``.
    """
    with changing(folder) as transaction:
        transaction.commit(files, project_files)


def _commit(folder: Path, files: Mapping[str, bytes], project_files: Mapping[str, bytes]) -> None:
    try:
        _commit_locked(folder, files, project_files)
    except OSError as error:
        where = Path(error.filename).parent if error.filename else folder  # not a temporary's name
        message = f"cannot write in it ({error.strerror or error}); expected a folder to write in, with room"
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
    """Read every data file of ``folder`` into memory at once, under the shared lock (after recovering
    it): imports wait until it is read (inside ``changing``, read through its transaction instead)."""
    if not folder.is_dir():
        return Snapshot(str(folder), {})  # the loader reports a missing folder in its own words
    recover(folder)
    with locked(folder, exclusive=False, what="read it"):
        return _read(folder)


def _read(folder: Path) -> Snapshot:
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
