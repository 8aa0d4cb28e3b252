"""SPC as Making Data Count teaches it: XmR limits (``limits``), the special-cause rules
(``patterns``) and each indicator's segments, readings and assurance (``xmr``).

Takes an indicator's periods and figures; gives its ``SpcPoints``. Pure, no I/O; imports the
vocabulary only. The rest of the rules imports the names below (its face), never its modules.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from scorecard import lazy_face

if TYPE_CHECKING:  # the names as mypy sees them; at run time __getattr__ imports each on first use
    from scorecard.rules.spc.limits import Limits
    from scorecard.rules.spc.patterns import RUN, side_of_mean
    from scorecard.rules.spc.xmr import (
        MIN_POINTS,
        SERIES_BREAK,
        TRIAL_POINTS,
        Rebase,
        SpcPoints,
        assurance,
        follows_before,
        indicator_spc,
        limits_status,
        rebase_label,
        rebases_by_indicator,
        variation,
    )

__all__ = [
    "MIN_POINTS",
    "RUN",
    "SERIES_BREAK",
    "TRIAL_POINTS",
    "Limits",
    "Rebase",
    "SpcPoints",
    "assurance",
    "follows_before",
    "indicator_spc",
    "limits_status",
    "rebase_label",
    "rebases_by_indicator",
    "side_of_mean",
    "variation",
]

# Each name of the face: its module in this room, and its name there. Imported on first use, as the
# other faces do, so that importing the room imports nothing heavy.
_FACE: dict[str, tuple[str, str]] = {
    "MIN_POINTS": ("xmr", "MIN_POINTS"),
    "RUN": ("patterns", "RUN"),
    "SERIES_BREAK": ("xmr", "SERIES_BREAK"),
    "TRIAL_POINTS": ("xmr", "TRIAL_POINTS"),
    "Limits": ("limits", "Limits"),
    "Rebase": ("xmr", "Rebase"),
    "SpcPoints": ("xmr", "SpcPoints"),
    "assurance": ("xmr", "assurance"),
    "follows_before": ("xmr", "follows_before"),
    "indicator_spc": ("xmr", "indicator_spc"),
    "limits_status": ("xmr", "limits_status"),
    "rebase_label": ("xmr", "rebase_label"),
    "rebases_by_indicator": ("xmr", "rebases_by_indicator"),
    "side_of_mean": ("patterns", "side_of_mean"),
    "variation": ("xmr", "variation"),
}


__getattr__, __dir__ = lazy_face(__name__, _FACE, __all__)
