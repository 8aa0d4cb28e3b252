"""The importer: councils' files in any layout (.txt/.tsv/.csv/.xlsx; wide, sectioned or long) into
``data/``, a council's new pack (``init``), and the published wide layout back out (``export-wide``).

Imports the vocabulary and the ``data`` room's face. Other rooms import the names below, never its
modules.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from scorecard import lazy_face

if TYPE_CHECKING:  # the names as mypy sees them; at run time __getattr__ imports each on first use
    from scorecard.data.importer.importing import import_files
    from scorecard.data.importer.init import NewPack, make_pack, summary, write_pack
    from scorecard.data.importer.wide_export import export_wide

__all__ = [
    "NewPack",
    "export_wide",
    "import_files",
    "make_pack",
    "summary",
    "write_pack",
]

# Each name of the face: its module in this room, and its name there (None: the module itself).
# Imported on first use, so that importing the room imports nothing heavy (Quarto's steps run with
# the standard library only). Not kept here once found: each use looks the name up in its module,
# where a test may have replaced it.
_FACE: dict[str, tuple[str, str | None]] = {
    "NewPack": ("init", "NewPack"),
    "export_wide": ("wide_export", "export_wide"),
    "import_files": ("importing", "import_files"),
    "make_pack": ("init", "make_pack"),
    "summary": ("init", "summary"),
    "write_pack": ("init", "write_pack"),
}


__getattr__, __dir__ = lazy_face(__name__, _FACE, __all__)
