"""What the report's validation cell shows: whose pack it is and for which month, what was checked,
and, for the PDF only, the document's metadata and its running header's text (both are data, known
only once the data is read)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from scorecard.model import Frequency
from scorecard.pack.output.escape import markdown_text
from scorecard.pack.output.outputs import Markdown, raw
from scorecard.pack.output.typst import string
from scorecard.periods import month_name, period_label, period_word

if TYPE_CHECKING:
    from scorecard.rules import Scorecard


def validation_note(sc: Scorecard) -> Markdown:
    """``Organisation · March 2025``, then the checked data in a sentence; the Typst metadata after.

    Examples
    --------
    >>> print(validation_note(sc).split("\\n\\n")[1])  # doctest: +SKIP
    Data checked: 96 indicators and 952 published monthly cells, every cell accounted for; no problems
    found. This pack reports **March 2025** and shows the months Apr-24 to Mar-25.
    """
    settings, data = sc.settings, sc.data
    month = month_name(sc.period, sc.frequency)
    shown = f"{period_label(sc.periods[0], sc.frequency)} to {period_label(sc.period, sc.frequency)}"
    header = f"{settings.organisation} · {month}"
    title = f"{settings.report_title}: {settings.organisation}, {month}"
    subject = (
        f"The {settings.organisation} children's services board pack for {month}: "
        f"{len(sc.indicators)} indicators with their RAG rating, direction of travel, trend and "
        "statistical process control (SPC) signals."
    )
    keywords = ", ".join(
        string(k)
        for k in (
            "children's services",
            "performance scorecard",
            "board pack",
            settings.organisation,
            month,
            "RAG rating",
            "direction of travel",
            "statistical process control",
        )
    )
    return Markdown(
        f"**{markdown_text(header)}**\n\n"
        f"Data checked: {len(data.catalogue):,} indicators and {len(data.values):,} published "
        f"{'' if sc.frequency == Frequency.QUARTERLY else 'monthly '}cells, every cell accounted for; no "
        f"problems found. This pack reports **{month}** and shows the "
        f"{period_word(sc.frequency, plural=True)} {shown}.\n\n"
        # Typst only (HTML ignores raw typst): the PDF's metadata, and the running header's text (a
        # state the header in _quarto.yml reads).
        + raw(
            "typst",
            f"#set document(title: {string(title)}, description: {string(subject)}, "
            f"keywords: ({keywords},))\n#pack-header.update({string(header)})",
        )
    )
