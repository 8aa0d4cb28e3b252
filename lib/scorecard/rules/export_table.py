"""The scorecard as one flat table: the rows and columns ``python -m scorecard export`` writes and the
web page's "Download the data" carries.

The columns and their allowed values are an interface other tools rely on; change them only with
care (new ones go at the end). Beside each figure it carries its frequency, the period the figure
is for (an annual one is the latest for a year), its numerator and denominator, whether it is a
percentage on a small base, every benchmark with its year, last year's outturn, and the rule behind
its rating, in words. Every row names the SPC rule set it was computed by (``spc_rules``:
``mdc-2023`` or ``plotthedots-0.2``, from settings.yaml), so a file read later, or beside another
council's, says how its special causes were found; ``spc_limits`` (``limits`` per point) says
whether they rest on full or trial limits.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from scorecard.model import FIGURE_COLUMNS

if TYPE_CHECKING:
    import pandas as pd

    from scorecard.rules.frame import Scorecard

EXPORT_COLUMNS = [
    "id",
    "section",
    "title",
    "period",
    "value",
    "status",
    "target",
    "sn_average",
    "rag",
    "direction",
    "trend",
    "variation",
    "assurance",
    "spc_limits",
    "spc_rules",
    "frequency",
    "value_period",
    "numerator",
    "denominator",
    "small_base",
    *FIGURE_COLUMNS,
    "rating_rule",
    "lead",
]
DETAIL_COLUMNS = [
    "id",
    "period",
    "value",
    "mean",
    "lower_limit",
    "upper_limit",
    "special_cause",
    "point_type",
    "limits",
    "spc_rules",
]


def export_frame(sc: Scorecard, detail: bool = False) -> pd.DataFrame:
    """The scorecard's table for its period: one row per indicator, or with ``detail`` one row per
    indicator per period (its SPC)."""
    frame = sc.spc if detail else sc.indicators
    frame = frame.assign(spc_rules=sc.settings.spc_rules.value)
    return frame[DETAIL_COLUMNS if detail else EXPORT_COLUMNS].reset_index(drop=True)
