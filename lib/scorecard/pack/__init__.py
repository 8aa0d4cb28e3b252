"""The board pack: what the .qmd cells call (``report``), built from the folders below it:
``output`` (Markdown, HTML and Typst writers) -> ``parts`` (what the board sees) -> ``narrative``.

Takes a ``Scorecard`` from the rules; gives display outputs for Quarto. The .qmd files import one
module, ``from scorecard.pack.report import *``; the entry points import the names below.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from scorecard import lazy_face

if TYPE_CHECKING:  # the names as mypy sees them; at run time __getattr__ imports each on first use
    from scorecard.pack import report
    from scorecard.pack.exceptions import accountability
    from scorecard.pack.narrative.brief import brief_json, brief_text, month_brief
    from scorecard.pack.narrative.check import check_narrative
    from scorecard.pack.narrative.facts import facts_from
    from scorecard.pack.narrative.inline import narrative_files
    from scorecard.pack.parts.since_last_pack import since_last_pack

__all__ = [
    "accountability",
    "brief_json",
    "brief_text",
    "check_narrative",
    "facts_from",
    "month_brief",
    "narrative_files",
    "report",
    "since_last_pack",
]

# Each name of the face: its module in this room, and its name there (None: the module itself).
# Imported on first use, so that importing the room imports nothing heavy (Quarto's steps run with
# the standard library only). Not kept here once found: each use looks the name up in its module,
# where a test may have replaced it.
_FACE: dict[str, tuple[str, str | None]] = {
    "accountability": ("exceptions", "accountability"),
    "brief_json": ("narrative.brief", "brief_json"),
    "brief_text": ("narrative.brief", "brief_text"),
    "check_narrative": ("narrative.check", "check_narrative"),
    "facts_from": ("narrative.facts", "facts_from"),
    "month_brief": ("narrative.brief", "month_brief"),
    "narrative_files": ("narrative.inline", "narrative_files"),
    "report": ("report", None),
    "since_last_pack": ("parts.since_last_pack", "since_last_pack"),
}


__getattr__, __dir__ = lazy_face(__name__, _FACE, __all__)
