"""The month a section's narrative was written for: the first line of every ``sections/NN-key.qmd``.

    <!-- narrative-for: 2025-03 | the month this narrative was written for; change it when ... -->

The value is a period ``YYYY-MM`` (for a quarterly pack, the quarter's end month) or ``none`` for a
placeholder with no narrative yet. It is an HTML comment, so neither output shows it, and it sits on
the first line, where the person editing the words sees it. A pack whose period differs says so (the
checks and the data notes), so the board is never shown last month's words as this month's.
"""

from __future__ import annotations

import re

from scorecard.periods import PERIOD

MARKER = re.compile(rf"^<!--\s*narrative-for:\s*({PERIOD}|none)\b")
NO_NARRATIVE = "none"
HINT = "the month this narrative was written for; change it when you update the words for a new month"


def narrative_for(text: str) -> str | None:
    """The marker's value on the first line of a section file's text (``2025-03`` or ``none``), or
    None when the first line is no such marker."""
    first = text.split("\n", 1)[0].lstrip("\ufeff")
    match = MARKER.match(first)
    return match[1] if match else None


def marker_line(period: str) -> str:
    """The first line that says a section's narrative was written for ``period`` (or ``none``)."""
    return f"<!-- narrative-for: {period} | {HINT} -->"
