"""A council's LA number from its name, as ``init`` finds it in the DfE's neighbour models.

The DfE names councils plainly ("Cheshire East", "Bristol, City of", "Herefordshire, County of");
an organisation is named as it calls itself ("Cheshire East Council", "Bristol City Council"). The
words that say what kind of council it is are set aside on both sides, and the name must then be the
same: a near miss is not a match (the analyst adds ``la_code`` to the settings).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from scorecard.data import csv_rows, decode, read_bytes
from scorecard.data.benchmarks.neighbours import layout_of, read_model

_KINDS = {
    "council",
    "borough",
    "county",
    "city",
    "metropolitan",
    "district",
    "royal",
    "london",
    "of",
    "the",
    "mbc",
    "cc",
    "bc",
}


@dataclass(frozen=True)
class Found:
    code: str
    name: str  # as the DfE names it
    file: str  # the neighbour model it was found in


def _words(name: str) -> tuple[str, ...]:
    words = re.findall(r"[a-z0-9]+", name.lower().replace("&", " and ").replace("st.", "st"))
    return tuple(word for word in words if word not in _KINDS)


def council_code(organisation: str, folder: Path) -> Found | None:
    """The council of this name in the neighbour models in ``folder`` (its CSV files), if exactly one."""
    wanted = _words(organisation)
    found: dict[str, Found] = {}
    for path in sorted(folder.glob("*.csv")) if folder.is_dir() else []:
        content, problems = read_bytes(path, "a neighbour model")  # a regular file, capped
        text, problems, _ = decode(content, str(path)) if not problems else ("", problems, "")
        rows, more = csv_rows(text, str(path)) if not problems else ([], problems)
        if more or not rows or (layout := layout_of([cell.strip() for cell in rows[0][1]])) is None:
            continue
        model, _ = read_model(layout, str(path), path.name, rows)
        for code, name in model.names.items():
            if wanted and _words(name) == wanted:
                found.setdefault(code, Found(code, name, path.name))
    return next(iter(found.values())) if len(found) == 1 else None
