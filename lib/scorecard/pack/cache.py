"""Content-keyed cache of the report's rendered outputs, so a narrative-only edit re-renders fast.

The key hashes everything an output depends on: the bytes of every data file (the very bytes the
pack is built from, read once: ``scorecard.data.Snapshot``, never the folder read again), every
module of the ``scorecard`` package, the period, the versions of the rendering libraries, and whether
Quarto is the caller (great_tables renders differently inside Quarto). The .qmd text is not in the key:
narrative edits change only inline expressions, which are answered from the cached facts. Any change to
data or code gives a new key, so a stale number can never be served. Entries are written atomically, one file
per output; ``SCORECARD_CACHE=0`` turns the cache off.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

from scorecard.data import write_atomically
from scorecard.project import Project

if TYPE_CHECKING:
    from scorecard.data import Snapshot

PACKAGE = Path(__file__).resolve().parent.parent  # the whole scorecard package, every room
LIBRARIES = ("pandas", "matplotlib", "great-tables", "numpy", "markdown-it-py")


def enabled() -> bool:
    return os.environ.get("SCORECARD_CACHE", "1") != "0"


def cache_root() -> Path:
    return Path(os.environ.get("SCORECARD_CACHE_DIR") or Project().report_cache)


def content_key(data: Snapshot, period: str | None, edition: str = "full") -> str:
    """Hash of the data's bytes, the package's code, the period, the edition (the exceptions edition
    links its IDs to the exception pages, not the trend charts) and the rendering environment."""
    digest = hashlib.sha256(data.digest().encode())
    for path in sorted(p for p in PACKAGE.glob("**/*.py") if p.is_file()):
        digest.update(str(path.relative_to(PACKAGE)).encode() + b"\0" + path.read_bytes() + b"\0")
    for library in LIBRARIES:
        digest.update(f"{library}={metadata.version(library)};".encode())
    # Not the output format: every output holds both formats' blocks, so the PDF's run of the cells
    # is served by the web page's.
    digest.update(
        f"python={sys.version_info[:2]};period={period};edition={edition};"
        f"quarto={'QUARTO_BIN_PATH' in os.environ}".encode()
    )
    return digest.hexdigest()[:32]


class Store:
    """The entries of one key: ``get``/``put`` by name; a missing or unreadable entry is a miss."""

    def __init__(self, key: str) -> None:
        self.folder = cache_root() / key

    def _path(self, name: str) -> Path:
        return self.folder / (hashlib.sha256(name.encode()).hexdigest()[:24] + ".pkl")

    def get(self, name: str) -> object | None:
        if not enabled():
            return None
        try:
            return pickle.loads(self._path(name).read_bytes())
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            return None  # absent or from an incompatible run: recompute

    def put(self, name: str, value: object) -> None:
        if not enabled():
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        # Written then renamed: a reader never sees half an entry, even with two renders at once.
        write_atomically({self._path(name): pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)})
