"""The pack open in this kernel: the data it read, what it has built, and the cache that answers for it.

``start`` opens it (the report's validation cell, ``report.open_pack``): it reads the data once (in a
Quarto render, the state frozen for both formats), keys the cache from those bytes and the period,
and holds it in ``opened.CURRENT``. The report's cells then ask it for the scorecard, the comparison
with the previous pack and the figures' anchors, each built once and only when the cache cannot
answer, and keep their outputs in ``scorecard.pack.cache`` as ``Bundle``\\ s: the display data Jupyter
would send.

It sits at the top of the pack with the facade; ``opened`` stays below everything, so that the
narrative's modules can reach the open pack without importing this one (it imports them).
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, cast

from scorecard.pack import cache, opened
from scorecard.pack.narrative import helpers as narrative
from scorecard.pack.narrative.facts import Facts, NarrativeError
from scorecard.pack.output.outputs import write_files
from scorecard.project import Project, section_key

if TYPE_CHECKING:  # only for annotations: importing the frame would import pandas
    from IPython.core.formatters import DisplayFormatter

    from scorecard.data import Snapshot
    from scorecard.pack.narrative.check import NarrativeReport
    from scorecard.pack.parts.since_last_pack import SinceLastPack
    from scorecard.rules import Scorecard


class Bundle:
    """Rendered display data (mime type -> content), as IPython formats it, and the files it refers
    to (``scorecard.pack.output.outputs``); cacheable. Showing it writes any of its files that are missing."""

    def __init__(self, data: dict, metadata: dict, files: dict[str, bytes] | None = None) -> None:
        self.data, self.metadata, self.files = data, metadata, files or {}

    def _repr_mimebundle_(self, include: object = None, exclude: object = None) -> tuple[dict, dict]:
        write_files(self.files)
        return self.data, self.metadata

    def __repr__(self) -> str:
        return f"<rendered output: {', '.join(self.data)}>"


def bundle(shown: object, formatter: DisplayFormatter | None = None) -> Bundle:
    """What Jupyter would display for ``shown``: the kernel's own formatter unless one is given."""
    if formatter is None:
        from IPython.core.interactiveshell import InteractiveShell

        formatter = InteractiveShell.instance().display_formatter
    data, metadata = cast("DisplayFormatter", formatter).format(shown)  # a kernel always has one
    if "text/markdown" in data:  # Quarto reads the Markdown; a plain-text copy of it (a table's raw
        data["text/plain"] = f"<{type(shown).__name__}>"  # blocks, say) is only more for it to parse
    return Bundle(data, metadata, getattr(shown, "files", None))


@dataclass
class Pack:
    project: Project  # the kernel runs in the project's folder; its data folder may be elsewhere
    period: str | None
    snapshot: Snapshot  # the data's bytes, read once: parsed, validated and keyed from these
    store: cache.Store
    scorecard: Scorecard | None = None  # built only when the cache cannot answer
    anchors: dict[str, str] | None = None  # each indicator's trend figure, for the ID links
    since: SinceLastPack | None = None  # against the previous pack, built only when needed
    narrative: NarrativeReport | None = None  # the narrative's checks, run by open_pack


def start(period: str | None, data_dir: str | os.PathLike[str] | None = None) -> Pack:
    """Open the pack for ``period`` (None: the pack's own) on the project's data, or on ``data_dir``."""
    from scorecard.project import edition

    project = Project.find() if data_dir is None else Project(data=Path(data_dir))
    snapshot = data_state(project)
    pack = Pack(project, period, snapshot, cache.Store(cache.content_key(snapshot, period, edition())))
    opened.CURRENT.open(pack)
    return pack


def current() -> Pack:
    """The open pack (held in ``opened.CURRENT``), or the error saying none is open."""
    return cast(Pack, opened.CURRENT.need(opened.CURRENT.state))


def data_state(project: Project) -> Snapshot:
    """The data this run describes: inside a Quarto render, the state frozen for both formats before
    either ran (``quarto/freeze_data.py``); otherwise the folder, read once now."""
    from scorecard.data import Snapshot, read_files

    if "QUARTO_BIN_PATH" in os.environ and project.snapshot.exists():
        try:
            frozen = Snapshot.from_json(project.snapshot.read_bytes())
        except (OSError, ValueError, KeyError):
            frozen = None
        if frozen is not None and Path(frozen.folder) == project.data:
            return frozen
    return read_files(project.data)


def scorecard() -> Scorecard:
    """The open pack's scorecard, built once (``DataError`` naming every problem stops the render)."""
    pack = current()
    if pack.scorecard is None:
        from scorecard.data import load_data
        from scorecard.rules import build_scorecard

        data = load_data(pack.project.data, pack.snapshot)
        pack.scorecard = build_scorecard(data, pack.period)
    return pack.scorecard


def since() -> SinceLastPack:
    """This pack against the previous one (worked out once per pack: summary, tables, narrative)."""
    from scorecard.pack.parts.since_last_pack import since_last_pack as compare

    pack = current()
    if pack.since is None:
        pack.since = compare(scorecard())
    return pack.since


def anchors() -> dict[str, str]:
    """Every indicator's trend figure anchor (worked out once per pack: every listing links its IDs);
    in the exceptions edition, which has no trend charts, each exception's page."""
    from scorecard.project import EXCEPTIONS, edition

    pack = current()
    if pack.anchors is None and edition() == EXCEPTIONS:
        from scorecard.pack.layout import exception_anchor

        facts = narrative.current_facts()
        pack.anchors = {i: exception_anchor(i) for i, ind in facts.indicators.items() if ind.reasons}
    if pack.anchors is None:
        from scorecard.pack.parts.chart_data import figure_anchors

        pack.anchors = figure_anchors(scorecard())
    return pack.anchors


def stored(name: str, make: Callable[[], object]) -> Bundle:
    """The output called ``name`` from the content-keyed cache, made and stored on a miss."""
    pack = current()
    shown = pack.store.get(name)
    if shown is None:
        shown = bundle(make())
        pack.store.put(name, shown)
    return cast(Bundle, shown)  # what ``put`` stored under this name


def cached(render: Callable[..., object]) -> Callable[..., Bundle]:
    """Serve ``render(*args)`` from the content-keyed cache, rendering and storing it on a miss."""

    @functools.wraps(render)
    def call(*args: object) -> Bundle:
        return stored(f"{render.__name__}{args!r}", lambda: render(*args))

    return call


def appended(shown: Bundle, markdown: str) -> Bundle:
    """``shown`` with more Markdown after it (a part the cache cannot hold: it reads the .qmd text)."""
    if not markdown:
        return shown
    data = {**shown.data, "text/markdown": shown.data["text/markdown"] + markdown}
    return Bundle(data, shown.metadata, shown.files)


def narrative_checked(facts: Facts, helpers: list[str]) -> NarrativeReport:
    """The narrative's checks on the project's own text, kept with the open pack; a problem stops
    the render here, naming its file and line. ``helpers``: the names the .qmd text may call."""
    from scorecard.pack.narrative.check import check_narrative

    pack = current()
    report = check_narrative(pack.project, facts, helpers)
    if report.problems:
        lines = "\n".join(str(p) for p in report.problems)
        raise NarrativeError(
            f"{lines}\n{len(report.problems)} problem(s) in the narrative; "
            "fix them and render again (python -m scorecard check lists them too)"
        )
    pack.narrative = report
    return report


def other_months(facts: Facts) -> str:
    """Which sections' narrative was written for which other month, as Markdown ("" when none)."""
    checked = current().narrative
    assert checked is not None
    by_month: dict[str, list[str]] = {}
    for file, month in checked.other_months(facts.period).items():
        if month is None:
            said = "does not say which month it was written for"
        elif month == "none":
            said = "is still a placeholder: no narrative has been written yet"
        else:
            said = f"was written for {narrative.month(month)}, not for {narrative.month()}"
        by_month.setdefault(said, []).append(facts.sections.get(section_key(file), Path(file).name))
    if not by_month:
        return ""
    every = len(by_month) == 1 and len(next(iter(by_month.values()))) == len(facts.sections) > 1
    parts = [
        f"the narrative of {'every section' if every else _and(titles)} {said}"
        for said, titles in by_month.items()
    ]
    # Section titles are data: escaped like every inline text.
    return narrative.Inline("; ".join(parts))._repr_markdown_()


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"
