"""The pack that is open in this kernel: one holder, so the report and its narrative helpers agree.

``session.start`` opens it (for the report's validation cell, ``report.open_pack``); a test may open
only the narrative's facts (``narrative.use``). Every helper reads it here, and a helper called before
anything is open gets the one error below.
"""

from __future__ import annotations

NOT_OPEN = "no scorecard is open: run the report's validation cell (open_pack) first"


class OpenPack:
    """What is open: the narrative's facts and, when the report opened them, the report's state.

    Both are typed as ``object`` here so this module imports neither the session nor the narrative
    (the layout test forbids the import cycle); each reads its own part back with its own type.
    """

    def __init__(self) -> None:
        self.facts: object | None = None  # narrative.Facts: what the inline helpers describe
        self.state: object | None = None  # session.Pack: the data read, the cache, what is built
        self.commentary: object | None = None  # narrative.commentary's blocks, read from the .qmd text

    def open(self, state: object) -> None:
        """A new pack: its state, and no facts or commentary until they are read for it."""
        self.state, self.facts, self.commentary = state, None, None

    def need(self, part: object | None) -> object:
        if part is None:
            raise RuntimeError(NOT_OPEN)
        return part


CURRENT = OpenPack()
