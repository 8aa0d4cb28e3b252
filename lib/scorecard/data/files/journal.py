"""A commit's journal: what it replaces, written before the first rename, read by recovery, trusted in
nothing.

A commit (``folder.commit``) writes each new file as a temporary beside its target, then this
journal, then renames. The files it may replace:

- in the data folder, the data files by their bare names (``DATA_FILES``);
- in the project that holds the data folder (``Project.of_data``: the folder that holds it as named,
  so a ``data/`` linked to a shared drive belongs to the project it sits in), the files ``init`` writes
  in the same commit: ``sections/NN-key.qmd`` (a number of any width) and ``_sections.qmd``.

Each temporary is ``.<target's name>.<12 hex>.tmp`` in its target's folder. The journal is a hidden
file that travels with a copied folder, so recovery moves a file only when every entry passes the
test a commit's own entries pass: a target of the lists above, its temporary of our pattern, a regular
file (never a link) with the hash the entry says; and, for the project's files, the journal must be
this project's (a colleague's project sharing the data folder is told to finish it there). Anything
else is one problem line, and nothing is moved.

Standard library only: Quarto's pre-render step recovers the folder with whatever Python it finds.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from scorecard.data.files.input_file import read_regular
from scorecard.problems import DataError, Problem
from scorecard.project import Project

JOURNAL = ".scorecard-journal"
# The only files a commit writes in the data folder: the settings and the tables (``load.FILES``).
DATA_FILES = frozenset(
    {
        "settings.yaml",
        "catalogue.csv",
        "values.csv",
        "published_direction.csv",
        "published_rating.csv",
        "revisions.csv",
        "benchmarks.csv",
        "rebases.csv",
        "commentary.csv",
        "actions.csv",
    }
)
MAX_JOURNAL_BYTES = 1_000_000  # a real journal names a few hundred files at most
MAX_MOVED_BYTES = 50_000_000  # a temporary is one file of the folder: ``folder.MAX_FILE_BYTES``
_PROJECT_FILE = re.compile(r"sections/[0-9]+-[a-z0-9]+(?:-[a-z0-9]+)*\.qmd|_sections\.qmd")
_HEX = r"\.[0-9a-f]{12}\.tmp"
DATA_TEMPORARY = re.compile(r"^\..+" + _HEX + "$")  # ours in the data folder: .<name>.<random>.tmp
SECTION_TEMPORARY = re.compile(r"^\.[0-9]+-[a-z0-9]+(?:-[a-z0-9]+)*\.qmd" + _HEX + "$")
INCLUDE_TEMPORARY = re.compile(r"^\._sections\.qmd" + _HEX + "$")


@dataclass(frozen=True)
class Move:
    """One rename of a commit: its temporary into its target, whose bytes hash to ``sha256``."""

    temporary: Path
    target: Path
    sha256: str


def _identity(folder: Path) -> str:
    found = os.stat(folder)
    return f"{found.st_dev}:{found.st_ino}"


@dataclass
class Staged:
    """A commit's temporaries, written: the journal that names them, the renames, and the folder the
    staging made (``sections/``, for a new project's first section files), if any."""

    record: dict
    moves: list[Move]
    made: Path | None = None


def stage(folder: Path, files: Mapping[str, bytes], project_files: Mapping[str, bytes]) -> Staged:
    """Write every temporary of a commit (synced); return them with the journal that names them.

    ``files``: data file name -> bytes; ``project_files``: a path in the project (``_sections.qmd``,
    ``sections/01-key.qmd``) -> bytes. ``ValueError`` for any other name. On any failure the
    temporaries written so far are removed and the error raised: nothing has changed.
    """
    project = Project.of_data(folder).root
    staged = Staged({"files": []}, [])
    try:
        for name, content in files.items():
            if name not in DATA_FILES:
                raise ValueError(f"{name!r}: expected one of the data folder's files")
            entry = _written(folder, name, content)
            staged.record["files"].append(entry)
            staged.moves.append(Move(folder / entry["temporary"], folder / name, entry["sha256"]))
        if project_files:
            if not (project / "sections").is_dir():
                staged.made = project / "sections"
                staged.made.mkdir()
            staged.record |= {"project": os.path.abspath(project), "project_id": _identity(project)}
            staged.record["project_files"] = []
            for name, content in project_files.items():
                if not _PROJECT_FILE.fullmatch(name):
                    raise ValueError(f"{name!r}: expected a section file or _sections.qmd")
                entry = _written(project, name, content)
                staged.record["project_files"].append(entry)
                staged.moves.append(Move(project / entry["temporary"], project / name, entry["sha256"]))
    except BaseException:
        discard(staged)
        raise
    return staged


def _written(root: Path, name: str, content: bytes) -> dict[str, str]:
    folder, _, base = name.rpartition("/")
    temporary = f"{folder}/" * bool(folder) + f".{base}.{secrets.token_hex(6)}.tmp"
    try:
        write_synced(root / temporary, content)
    except BaseException:
        with contextlib.suppress(OSError):
            (root / temporary).unlink()
        raise
    return {"temporary": temporary, "target": name, "sha256": sha256(content)}


def discard(staged: Staged) -> None:
    """Remove a failed commit's temporaries, and the folder it made for them."""
    for move in staged.moves:
        with contextlib.suppress(OSError):
            move.temporary.unlink()
    if staged.made is not None:
        with contextlib.suppress(OSError):
            staged.made.rmdir()  # only if nothing else is in it


def finish(folder: Path, moves: list[Move], recovering: bool = False) -> None:
    """Rename each temporary into place (in recovery, those still there, once their hash is checked),
    make the renames durable, then remove the journal."""
    for move in moves:
        if recovering:
            if not os.path.lexists(move.temporary):
                continue  # renamed before the crash
            if sha256(read_regular(move.temporary, MAX_MOVED_BYTES)) != move.sha256:
                message = (
                    "an interrupted command's file does not match its journal; expected it unchanged "
                    f"(restore {move.target.name} from a backup or git)"
                )
                raise DataError([Problem(str(move.temporary), "-", "-", move.temporary.name, message)])
        os.replace(move.temporary, move.target)
    for parent in dict.fromkeys([folder, *(move.target.parent for move in moves)]):
        fsync_folder(parent)
    (folder / JOURNAL).unlink()
    fsync_folder(folder)


def read_journal(folder: Path) -> list[Move]:
    """The moves the folder's journal asks for, each checked as ``stage`` would have written it;
    anything else is one problem, and nothing is moved (a planted journal must move no file)."""
    journal = folder / JOURNAL
    try:
        if journal.is_symlink():
            raise ValueError("not a regular file")
        loaded = json.loads(read_regular(journal, MAX_JOURNAL_BYTES).decode("utf-8"))
        if not isinstance(loaded, dict) or not isinstance(loaded["files"], list):
            raise ValueError("no list of files")
        moves = [_checked(folder, entry, DATA_FILES.__contains__, "a data file") for entry in loaded["files"]]
        if "project_files" in loaded:
            moves += _project_moves(folder, loaded)
    except (ValueError, KeyError, TypeError) as error:  # UnicodeDecodeError and NotReadable are ValueErrors
        message = (
            f"not a journal this tool wrote ({error}); expected one an interrupted import or init left. "
            f"Nothing was moved: if no command was interrupted here, delete {journal} and run the "
            "command again"
        )
        raise DataError([Problem(str(journal), "-", "-", JOURNAL, message)]) from None
    return moves


def _project_moves(folder: Path, loaded: dict) -> list[Move]:
    project = Project.of_data(folder).root
    entries, named = loaded["project_files"], loaded["project"]
    if not isinstance(entries, list) or not isinstance(named, str):
        raise ValueError("no list of project files")
    if loaded["project_id"] != _identity(project):
        message = (
            f"an init in the project {named} was interrupted, and its section files are there, not in "
            f"{project}; expected it finished first: run any command of the tool in {named} (if that "
            f"project is gone, delete {folder / JOURNAL} and run init again)"
        )
        raise DataError([Problem(str(folder / JOURNAL), "-", "-", JOURNAL, message)])
    return [_checked(project, entry, _PROJECT_FILE.fullmatch, "a section file") for entry in entries]


def _checked(root: Path, entry: object, allowed: Callable[[str], object], what: str) -> Move:
    if not isinstance(entry, dict) or set(entry) != {"temporary", "target", "sha256"}:
        raise ValueError("an entry is not {temporary, target, sha256}")
    temporary, target, digest = entry["temporary"], entry["target"], entry["sha256"]
    if not all(isinstance(value, str) for value in (temporary, target, digest)):
        raise ValueError("an entry holds a value that is not text")
    if not allowed(target):
        raise ValueError(f"target {target!r} is not {what}")
    folder, _, base = target.rpartition("/")
    if not re.fullmatch(re.escape(f"{folder}/" * bool(folder) + f".{base}") + _HEX, temporary):
        raise ValueError(f"temporary {temporary!r} is not {target}'s temporary")
    if not re.fullmatch(r"[0-9a-f]{64}", digest):
        raise ValueError("an entry's sha256 is not a hash")
    path = root / temporary
    if path.is_symlink() or (path.exists() and not path.is_file()):
        raise ValueError(f"temporary {temporary!r} is not a regular file")
    return Move(path, root / target, digest)


def strays(folder: Path) -> list[Path]:
    """Temporaries no journal names: a crash before the journal was written left them. Ours only:
    in the data folder, and the project's ``sections/`` and top folder (``init`` writes there)."""
    project = Project.of_data(folder).root
    found = []
    places = [(folder, DATA_TEMPORARY), (project / "sections", SECTION_TEMPORARY)]
    for where, pattern in [*places, (project, INCLUDE_TEMPORARY)]:
        with contextlib.suppress(OSError):
            found += [
                where / name
                for name in os.listdir(where)
                if (pattern.match(name) or (where == folder and name == JOURNAL + ".tmp"))
                and not (where / name).is_dir()
            ]
    return found


def write_synced(path: Path, content: bytes) -> None:
    """Write a new file (never an existing one, never through a link) and sync it to the disk."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)  # the umask applies, as for any file
    try:
        view = memoryview(content)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_folder(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()
