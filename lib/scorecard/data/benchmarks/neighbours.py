"""The DfE's statistical-neighbour models: each council's ten nearest councils, nearest first.

The DfE's children's services statistical neighbour benchmarking tool has had two models in use since
2021, published in two layouts, and each is known by its layout (never its file name):

- **2021** (``New_Statistical_Neighbour_Groupings_April_2021``): ``LA num``, ``LA Name``, ``GOReg``,
  ``SN1`` .. ``SN10``, each followed by a closeness column; below the councils, an "Old SNs:" block
  of the councils that reorganisation replaced (kept: they have LA numbers, as the DfE's LAIT keeps
  them).
- **2025** (``sn_model_2025_wide``): ``old_la_code``, ``la_name``, ``region_name``, ``SN_1`` ..
  ``SN_10`` with ``SN_1P`` .. ``SN_10P``. Published in May 2025: the DfE's Local Authority Interactive
  Tool took it up on 28 May 2025 ("Statistical Neighbour groupings revised following a review, and
  publication of 2021 census"; its workbook ``sn_may_2025.xlsx`` was made on 22 May 2025), so a pack
  for May 2025 or later is one the board read with the 2025 model in force.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from scorecard.problems import Problem

NEIGHBOURS = 10
_LA_CODE = re.compile(r"[0-9]{3}")


@dataclass(frozen=True)
class Layout:
    """One published layout of a model: the columns that tell it, and which hold what."""

    model: str  # "2021", "2025": the model's name, as settings and the pack name it
    published: str  # YYYY-MM: from when a board could have used it
    title: str
    code: str
    name: str
    region: str
    neighbour: str  # the neighbour columns, "{n}" the 1-based rank

    def columns(self) -> set[str]:
        return {self.code, self.name, self.region} | {self.neighbour.format(n=n) for n in range(1, 11)}


LAYOUTS = (
    Layout(
        "2021",
        "2021-04",
        "DfE statistical neighbour model, April 2021",
        "LA num",
        "LA Name",
        "GOReg",
        "SN{n}",
    ),
    Layout(
        "2025",
        "2025-05",
        "DfE statistical neighbour model, 2025 (published May 2025)",
        "old_la_code",
        "la_name",
        "region_name",
        "SN_{n}",
    ),
)


@dataclass(frozen=True)
class NeighbourModel:
    """A model read from its file: each council's neighbours, and each council's name."""

    model: str
    published: str
    title: str
    file: str
    neighbours: dict[str, tuple[str, ...]] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)


def layout_of(header: list[str]) -> Layout | None:
    """The model layout a header is, if any."""
    return next((layout for layout in LAYOUTS if layout.columns() <= set(header)), None)


def read_model(
    layout: Layout, path: str, name: str, rows: list[tuple[int, list[str]]]
) -> tuple[NeighbourModel, list[Problem]]:
    """The model in ``rows`` (the header first), and a problem for each row it cannot be read by."""
    header = [cell.strip() for cell in rows[0][1]]
    at = {column: header.index(column) for column in layout.columns()}
    model = NeighbourModel(layout.model, layout.published, layout.title, name)
    problems: list[Problem] = []
    for line, cells in rows[1:]:
        cells = [cell.strip() for cell in cells] + [""] * (len(header) - len(cells))
        code = cells[at[layout.code]]
        if not code:
            continue  # blank lines and the 2021 file's "Old SNs:" heading
        if not _LA_CODE.fullmatch(code):
            message = "not an LA number; expected the DfE's three-digit LA number, such as 895"
            problems.append(Problem(path, line, layout.code, code, message))
            continue
        found = []
        for n in range(1, NEIGHBOURS + 1):
            column = layout.neighbour.format(n=n)
            neighbour = cells[at[column]]
            if not _LA_CODE.fullmatch(neighbour):
                message = "not an LA number; expected the three-digit LA number of a neighbour"
                problems.append(Problem(path, line, column, neighbour, message))
            found.append(neighbour)
        previous = model.neighbours.get(code)
        if previous is not None and previous != tuple(found):
            message = "council listed twice with different neighbours; expected each council once"
            problems.append(Problem(path, line, layout.code, code, message))
        model.neighbours[code] = tuple(found)
        model.names[code] = cells[at[layout.name]]
    if not model.neighbours and not problems:
        problems.append(Problem(path, 2, layout.code, "", "no councils; expected a row for each council"))
    return model, problems
