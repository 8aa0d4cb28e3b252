"""The rules: RAG against the target, direction of travel, SPC (XmR), the one scorecard frame, and
the month's exceptions.

Takes a validated ``ScorecardData``; gives a ``Scorecard`` (``build_scorecard``) for a period.
Pure functions, no I/O; imports the vocabulary only. Other rooms import the names below.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from scorecard import lazy_face

if TYPE_CHECKING:  # the names as mypy sees them; at run time __getattr__ imports each on first use
    from scorecard.rules.exceptions import ExceptionEntry, Reason, find_exceptions
    from scorecard.rules.export_table import export_frame
    from scorecard.rules.frame import Scorecard, build_scorecard, check_period
    from scorecard.rules.notable import Notable, notable_facts
    from scorecard.rules.readings import baseline_of
    from scorecard.rules.signals import Shift, fired_in_words, long_shifts
    from scorecard.rules.since import RatingChanges, missing_figures, previous_pack_period, rating_changes
    from scorecard.rules.spc import MIN_POINTS, SERIES_BREAK, TRIAL_POINTS, Rebase, rebase_label

__all__ = [
    "MIN_POINTS",
    "SERIES_BREAK",
    "TRIAL_POINTS",
    "ExceptionEntry",
    "Notable",
    "RatingChanges",
    "Reason",
    "Rebase",
    "Scorecard",
    "Shift",
    "baseline_of",
    "build_scorecard",
    "check_period",
    "export_frame",
    "find_exceptions",
    "fired_in_words",
    "long_shifts",
    "missing_figures",
    "notable_facts",
    "previous_pack_period",
    "rating_changes",
    "rebase_label",
]

# Each name of the face: its module in this room, and its name there (None: the module itself).
# Imported on first use, so that importing the room imports nothing heavy (Quarto's steps run with
# the standard library only). Not kept here once found: each use looks the name up in its module,
# where a test may have replaced it.
_FACE: dict[str, tuple[str, str | None]] = {
    "MIN_POINTS": ("spc", "MIN_POINTS"),
    "SERIES_BREAK": ("spc", "SERIES_BREAK"),
    "TRIAL_POINTS": ("spc", "TRIAL_POINTS"),
    "ExceptionEntry": ("exceptions", "ExceptionEntry"),
    "Notable": ("notable", "Notable"),
    "RatingChanges": ("since", "RatingChanges"),
    "Rebase": ("spc", "Rebase"),
    "Reason": ("exceptions", "Reason"),
    "Scorecard": ("frame", "Scorecard"),
    "Shift": ("signals", "Shift"),
    "baseline_of": ("readings", "baseline_of"),
    "build_scorecard": ("frame", "build_scorecard"),
    "check_period": ("frame", "check_period"),
    "export_frame": ("export_table", "export_frame"),
    "find_exceptions": ("exceptions", "find_exceptions"),
    "fired_in_words": ("signals", "fired_in_words"),
    "long_shifts": ("signals", "long_shifts"),
    "missing_figures": ("since", "missing_figures"),
    "notable_facts": ("notable", "notable_facts"),
    "previous_pack_period": ("since", "previous_pack_period"),
    "rating_changes": ("since", "rating_changes"),
    "rebase_label": ("spc", "rebase_label"),
}


__getattr__, __dir__ = lazy_face(__name__, _FACE, __all__)
