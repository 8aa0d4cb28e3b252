"""The data folder's files on disk: read as regular files only and capped (``input_file``), locked
(``locks``), changed all-or-nothing through a journal (``folder``, ``journal``), read at once.

Standard library only: Quarto's pre-render step runs it with whatever Python Quarto finds. The
data room imports the names below (its face), never its modules.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from scorecard import lazy_face

if TYPE_CHECKING:  # the names as mypy sees them; at run time __getattr__ imports each on first use
    from scorecard.data.files.folder import (
        MAX_FILE_BYTES,
        Snapshot,
        Transaction,
        changing,
        commit,
        freeze,
        read_files,
    )
    from scorecard.data.files.input_file import NotAFile, NotReadable, TooLarge, read_regular, read_text_file
    from scorecard.data.files.locks import exclusive

__all__ = [
    "MAX_FILE_BYTES",
    "NotAFile",
    "NotReadable",
    "Snapshot",
    "TooLarge",
    "Transaction",
    "changing",
    "commit",
    "exclusive",
    "freeze",
    "read_files",
    "read_regular",
    "read_text_file",
]

# Each name of the face: its module in this room, and its name there. Imported on first use, as the
# other faces do.
_FACE: dict[str, tuple[str, str]] = {
    "MAX_FILE_BYTES": ("folder", "MAX_FILE_BYTES"),
    "NotAFile": ("input_file", "NotAFile"),
    "NotReadable": ("input_file", "NotReadable"),
    "Snapshot": ("folder", "Snapshot"),
    "TooLarge": ("input_file", "TooLarge"),
    "Transaction": ("folder", "Transaction"),
    "changing": ("folder", "changing"),
    "commit": ("folder", "commit"),
    "exclusive": ("locks", "exclusive"),
    "freeze": ("folder", "freeze"),
    "read_files": ("folder", "read_files"),
    "read_regular": ("input_file", "read_regular"),
    "read_text_file": ("input_file", "read_text_file"),
}


__getattr__, __dir__ = lazy_face(__name__, _FACE, __all__)
