"""Quarto's project steps (``_quarto.yml``), run by Quarto as scripts: the data frozen for both
formats, ``_sections.qmd``, the tables' HTML put into the finished page, and one render at a time.

Any Python may run them, so they need the standard library only. They import the vocabulary and the
``data`` room's face (lazy: it imports pandas for nobody). Other rooms import the names below.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from scorecard import lazy_face

if TYPE_CHECKING:  # the names as mypy sees them; at run time __getattr__ imports each on first use
    from scorecard.quarto.freeze_data import freeze_checked, restore_full_pdf
    from scorecard.quarto.render_turn import busy_line, holder
    from scorecard.quarto.section_files import main as write_sections
    from scorecard.quarto.section_files import plan, planned_files, write_include

__all__ = [
    "busy_line",
    "freeze_checked",
    "holder",
    "plan",
    "planned_files",
    "restore_full_pdf",
    "write_include",
    "write_sections",
]

# Each name of the face: its module in this room, and its name there (None: the module itself).
# Imported on first use, so that importing the room imports nothing heavy (Quarto's steps run with
# the standard library only). Not kept here once found: each use looks the name up in its module,
# where a test may have replaced it.
_FACE: dict[str, tuple[str, str | None]] = {
    "busy_line": ("render_turn", "busy_line"),
    "freeze_checked": ("freeze_data", "freeze_checked"),
    "holder": ("render_turn", "holder"),
    "plan": ("section_files", "plan"),
    "planned_files": ("section_files", "planned_files"),
    "restore_full_pdf": ("freeze_data", "restore_full_pdf"),
    "write_include": ("section_files", "write_include"),
    "write_sections": ("section_files", "main"),
}


__getattr__, __dir__ = lazy_face(__name__, _FACE, __all__)
