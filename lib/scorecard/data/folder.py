"""The data folder as a transaction: a lock, an all-or-nothing commit, recovery, and a read-once snapshot.

``data/`` stays plain files the analyst can open and edit; this module makes the commands that read
and change it safe against each other and against a crash:

- **Lock.** A command that changes the folder holds an exclusive ``flock`` on the folder itself
  (``changing``); one that reads it holds a shared one (``reading``). The lock is on the directory, so
  no lock file sits among the data. A command that cannot have the lock within ``SCORECARD_LOCK_WAIT``
  seconds (default 30) stops with one line naming who holds it: pid, command, running since when.
- **Commit.** ``commit`` writes every new file as a temporary sibling and fsyncs it, then writes and
  fsyncs a journal naming them (and their hashes), then renames each into place, fsyncs the folder
  and removes the journal. A crash before the journal exists leaves the old files; after it, the
  journal says how to finish.
- **Recovery.** Every command first calls ``recover``: a journal left by a crash is rolled forward
  (every temporary it names is there and has its hash, or was already renamed), and temporaries no
  journal names are removed. Afterwards ``data/`` is all-old or all-new. The journal is a hidden file
  that travels with a copied folder, so recovery trusts none of it: each name must pass the test
  ``commit`` applies (a data file's bare name, its temporary of our pattern, a regular file), or
  recovery moves nothing and reports the journal in one line.
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
import re
import secrets
import sys
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from scorecard.problems import DataError, Problem

JOURNAL = ".scorecard-journal"
_TEMPORARY = re.compile(r"^\..+\.[0-9a-f]{12}\.tmp$")  # ours: .<name>.<random>.tmp
# The only files a commit writes: the settings and the tables (``load.FILES`` names the tables).
DATA_FILES = frozenset(
    {
        "settings.yaml",
        "catalogue.csv",
        "values.csv",
        "published_direction.csv",
        "published_rating.csv",
        "revisions.csv",
        "benchmarks.csv",
        "commentary.csv",
        "actions.csv",
    }
)
WAIT_ENV = "SCORECARD_LOCK_WAIT"
DEFAULT_WAIT = 30.0  # seconds: an import takes a few; a render holds a shared lock for a minute
SNAPSHOT_VERSION = 1
MAX_FILE_BYTES = 50_000_000  # any one data file: a scorecard's are well under 1 MB
_MAX_JOURNAL_BYTES = 1_000_000  # a real journal names a handful of files

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
    try:
        return any(
            name in (JOURNAL, JOURNAL + ".tmp") or _TEMPORARY.match(name) for name in os.listdir(folder)
        )
    except OSError:
        return False


def _recover_locked(folder: Path) -> list[str]:
    done = []
    journal = folder / JOURNAL
    if journal.exists() or journal.is_symlink():
        entries = _journal_entries(folder)
        for entry in entries:
            temporary, target = folder / entry["temporary"], folder / entry["target"]
            if temporary.exists():
                if _sha256(temporary.read_bytes()) != entry["sha256"]:
                    raise DataError(
                        [
                            Problem(
                                str(temporary),
                                "-",
                                "-",
                                entry["temporary"],
                                "an interrupted import's file does not match its journal; "
                                f"expected it unchanged (restore {target.name} from a backup or git)",
                            )
                        ]
                    )
                os.replace(temporary, target)
        _fsync_folder(folder)
        journal.unlink()
        _fsync_folder(folder)
        names = ", ".join(entry["target"] for entry in entries)
        done.append(f"{folder}: finished an import a crash interrupted ({names})")
    stray = [name for name in os.listdir(folder) if _TEMPORARY.match(name) or name == JOURNAL + ".tmp"]
    for name in stray:
        (folder / name).unlink()
    if stray:
        _fsync_folder(folder)
        done.append(f"{folder}: removed {len(stray)} temporary file(s) an interrupted import left")
    for line in done:
        print(line, file=sys.stderr)
    return done


def _journal_entries(folder: Path) -> list[dict[str, str]]:
    """The journal's entries, each checked as ``commit`` would have written it; anything else is one
    problem and nothing is moved (a planted journal must not move a file anywhere)."""
    journal = folder / JOURNAL
    try:
        if journal.is_symlink() or not journal.is_file():
            raise ValueError("not a regular file")
        if journal.stat().st_size > _MAX_JOURNAL_BYTES:
            raise ValueError("too large")
        entries = json.loads(journal.read_bytes().decode("utf-8"))["files"]
        if not isinstance(entries, list):
            raise ValueError("no list of files")
        for entry in entries:
            _check_entry(folder, entry)
    except (ValueError, KeyError, TypeError, UnicodeDecodeError) as error:
        message = (
            f"not a journal this tool wrote ({error}); expected one an interrupted import left. "
            f"Nothing was moved: if no import was interrupted here, delete {journal} and run the "
            "command again"
        )
        raise DataError([Problem(str(journal), "-", "-", JOURNAL, message)]) from None
    return entries


def _check_entry(folder: Path, entry: object) -> None:
    if not isinstance(entry, dict) or set(entry) != {"temporary", "target", "sha256"}:
        raise ValueError("an entry is not {temporary, target, sha256}")
    temporary, target, digest = entry["temporary"], entry["target"], entry["sha256"]
    if not all(isinstance(value, str) for value in (temporary, target, digest)):
        raise ValueError("an entry holds a value that is not text")
    if target not in DATA_FILES:
        raise ValueError(f"target {target!r} is not a data file")
    if not re.fullmatch(re.escape(f".{target}.") + r"[0-9a-f]{12}\.tmp", temporary):
        raise ValueError(f"temporary {temporary!r} is not {target}'s temporary")
    if not re.fullmatch(r"[0-9a-f]{64}", digest):
        raise ValueError("an entry's sha256 is not a hash")
    path = folder / temporary
    if path.is_symlink() or (path.exists() and not path.is_file()):
        raise ValueError(f"temporary {temporary!r} is not a regular file")


def commit(folder: Path, files: Mapping[str, bytes]) -> None:
    """Replace the files named in ``files`` (names inside ``folder``) all at once, or not at all.

    Takes the exclusive lock (a caller inside ``changing`` already has it). An OS failure (no
    permission, disk full) before the journal is written leaves every file as it was and is a
    ``DataError``.
    """
    with changing(folder):
        try:
            _commit_locked(folder, files)
        except OSError as error:
            name = error.filename or folder
            message = f"cannot write ({error.strerror or error}); expected a writable data folder"
            raise DataError([Problem(str(name), "-", "-", str(name), message)]) from None


def _commit_locked(folder: Path, files: Mapping[str, bytes]) -> None:
    entries = []
    try:
        for name, content in files.items():
            if name not in DATA_FILES:
                raise ValueError(f"{name!r}: expected one of the data folder's files")
            temporary = f".{name}.{secrets.token_hex(6)}.tmp"
            _write_synced(folder / temporary, content)
            entries.append({"temporary": temporary, "target": name, "sha256": _sha256(content)})
        _write_synced(folder / (JOURNAL + ".tmp"), json.dumps({"files": entries}).encode())
        os.replace(folder / (JOURNAL + ".tmp"), folder / JOURNAL)
        _fsync_folder(folder)  # the journal is durable: from here on the commit always completes
    except BaseException:
        for entry in entries:
            with contextlib.suppress(OSError):
                (folder / entry["temporary"]).unlink()
        with contextlib.suppress(OSError):
            (folder / (JOURNAL + ".tmp")).unlink()
        raise
    for entry in entries:
        os.replace(folder / entry["temporary"], folder / entry["target"])
    _fsync_folder(folder)
    (folder / JOURNAL).unlink()
    _fsync_folder(folder)


def _write_synced(path: Path, content: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)  # the umask applies, as for any file
    try:
        view = memoryview(content)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_folder(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def data_file_names(folder: Path) -> list[str]:
    """The folder's data files: every regular file not hidden (``raw/`` and other folders are not
    data the pack reads)."""
    return sorted(p.name for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))


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
        names = data_file_names(folder)
        for name in names:
            size = (folder / name).stat().st_size
            if size > MAX_FILE_BYTES:
                message = (
                    f"file too large; expected at most {MAX_FILE_BYTES:,} bytes (a scorecard is far smaller)"
                )
                raise DataError([Problem(str(folder / name), "-", "-", f"{size:,} bytes", message)])
        return Snapshot(str(folder), {name: (folder / name).read_bytes() for name in names})


def freeze(folder: Path, target: Path) -> Snapshot:
    """Write a snapshot of ``folder`` to ``target`` (atomically): what both runs of one render read."""
    snapshot = read_files(folder)
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.{secrets.token_hex(6)}.tmp")
    _write_synced(temporary, snapshot.to_json())
    os.replace(temporary, target)
    return snapshot
