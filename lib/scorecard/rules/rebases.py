"""Rebases: where an indicator's SPC limits start afresh, and why.

A rebase is a month from which an indicator's limits are computed again, for a reason the analyst
records in ``data/rebases.csv`` (``id, from, reason``): a new recording system, a changed definition,
a redesigned service. An indicator may have any number. The catalogue's ``series_break`` is one too,
with the reason "series break" (a ``rebases.csv`` row at the same month gives its reason in words).
Making Data Count's guidance is to recalculate only for a known reason: nothing here rebases by itself
(``scorecard.rules.signals`` prompts the analyst instead).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from scorecard.periods import period_label

SERIES_BREAK = "series break"  # the reason of a catalogue series break with no row of its own


@dataclass(frozen=True)
class Rebase:
    """New limits for one indicator from one period, and why."""

    id: str
    start: str  # "YYYY-MM": the first period of the new limits
    reason: str


def rebases_by_indicator(
    series_breaks: Mapping[str, str], rows: Iterable[Mapping[str, str]] = ()
) -> dict[str, list[Rebase]]:
    """Each indicator's rebases in period order: its catalogue series break (``id -> "YYYY-MM"`` or
    "") and its ``rebases.csv`` rows (``id``, ``from``, ``reason``); a row at the series break's
    month gives that break its reason."""
    found: dict[tuple[str, str], str] = {
        (ident, start): SERIES_BREAK for ident, start in series_breaks.items() if start
    }
    for row in rows:
        found[(str(row["id"]), str(row["from"]))] = str(row["reason"])
    out: dict[str, list[Rebase]] = {}
    for (ident, start), reason in sorted(found.items()):
        out.setdefault(ident, []).append(Rebase(ident, start, reason))
    return out


def segments(periods: Sequence[str], starts: Iterable[str] = ()) -> np.ndarray:
    """Segment number of each period (ascending "YYYY-MM"): each rebase's month starts a new,
    separately computed segment; a rebase in a month without a figure starts it at the next one."""
    breaks = sorted(start for start in starts if start)
    if not breaks:
        return np.zeros(len(periods), dtype=int)
    return np.searchsorted(np.array(breaks, dtype=object), np.asarray(periods, dtype=object), side="right")


def rebase_label(rebase: Rebase, label: Callable[[str], str] = period_label) -> str:
    """``new limits from Oct-24: new recording system`` (``label`` writes a period; a quarterly pack
    passes its own)."""
    return f"new limits from {label(rebase.start)}: {rebase.reason}"
