"""The facade the report's .qmd cells call: one short call per cell, nothing else.

``open_pack(period)`` (the validation cell) loads and validates ``data/``, builds the scorecard for the
period and hands the narrative helpers their facts; every other function renders one part of the pack.
Each returns a ``Bundle`` (the display data Jupyter would send) kept in ``scorecard.pack.cache`` under a key
of the data's and the code's content: a re-render after a narrative-only edit answers every call from
the cache without importing pandas, matplotlib or great_tables (heavy imports live inside functions).
On a cache miss the charts are drawn by a second process (``scorecard.pack.prerender``) on the other core
while the kernel builds the tables; ``SCORECARD_WORKER=0`` draws them in the kernel instead.
"""

from __future__ import annotations

import atexit
import functools
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from scorecard.pack import cache, narrative
from scorecard.pack.narrative import *  # noqa: F403  (the inline helpers the narrative's .qmd text uses)
from scorecard.pack.prerender import Drawable, Prerender, entry_name

if TYPE_CHECKING:  # only for annotations: importing the frame would import pandas
    from IPython.core.formatters import DisplayFormatter

    from scorecard.rules.frame import Scorecard

__all__ = [*narrative.__all__, "arrow_differences", "count_differences", "count_published", "data_notes",
           "key", "mdc_matrix", "off_target_and_worse", "open_pack", "rag_chart", "rag_table",
           "section_charts", "section_table", "special_causes", "travel_table"]


class Markdown(str):
    """Text that Jupyter (and so Quarto) shows as Markdown."""

    __slots__ = ()

    def _repr_markdown_(self) -> str:
        return str(self)


class Bundle:
    """Rendered display data (mime type -> content), as IPython formats it; cacheable."""

    def __init__(self, data: dict, metadata: dict) -> None:
        self.data, self.metadata = data, metadata

    def _repr_mimebundle_(self, include: object = None, exclude: object = None) -> tuple[dict, dict]:
        return self.data, self.metadata

    def __repr__(self) -> str:
        return f"<rendered output: {', '.join(self.data)}>"


def bundle(shown: object, formatter: DisplayFormatter | None = None) -> Bundle:
    """What Jupyter would display for ``shown``: the kernel's own formatter unless one is given."""
    if formatter is None:
        from IPython.core.interactiveshell import InteractiveShell

        formatter = InteractiveShell.instance().display_formatter
    data, metadata = formatter.format(shown)  # type: ignore[union-attr]
    if "text/html" in data:  # a table's plain-text repr is a dump of object addresses: useless, unstable
        data["text/plain"] = f"<{type(shown).__name__} table>"
    return Bundle(data, metadata)


@dataclass
class Pack:
    data_dir: Path
    period: str | None
    store: cache.Store
    scorecard: Scorecard | None = None  # built only when the cache cannot answer
    worker: Prerender | None = None  # drawing the charts in parallel, on a cache miss


_pack: Pack | None = None


def open_pack(period: str | None = None, data_dir: str | os.PathLike[str] | None = None) -> Bundle:
    """Load and validate the data, build the scorecard for ``period`` (None: the latest month)."""
    global _pack
    _close_worker()
    folder = Path(data_dir or os.environ.get("SCORECARD_DATA", "data"))
    period = None if period in (None, "") else str(period)
    store = cache.Store(cache.content_key(folder, period))
    _pack = Pack(folder, period, store)
    hit = store.get("open_pack")
    if hit is not None:  # same data, same code: validation already passed for exactly this content
        facts, shown = hit  # type: ignore[misc]
        narrative.use(facts)
        return shown
    # Started first, so its imports overlap the kernel's loading and validating.
    _pack.worker = Prerender() if os.environ.get("SCORECARD_WORKER", "1") != "0" else None
    try:
        sc = _sc()
    except BaseException:
        _close_worker()
        raise
    if _pack.worker is not None:
        _pack.worker.send(_worker_jobs(sc))
    facts = narrative.facts_from(sc)
    narrative.use(facts)
    shown = bundle(_validation(sc))
    store.put("open_pack", (facts, shown))
    return shown


def _worker_jobs(sc: Scorecard) -> Iterator[tuple[str, Drawable]]:
    """Every chart of the pack, in the order the report shows them, for the worker to draw. (Giving it
    tables too was measured slower: it must then import pandas and great_tables, on the critical path.)"""
    from scorecard.pack.chart_data import all_section_panels
    from scorecard.pack.summary import rag_bars

    yield entry_name("rag_chart", ()), rag_bars(sc)
    keys = [section.key for section in sc.settings.sections]
    for key, panels in zip(keys, all_section_panels(sc, keys), strict=True):
        yield entry_name("section_charts", (key,)), panels


@atexit.register
def _close_worker() -> None:
    if _pack is not None and _pack.worker is not None:
        _pack.worker.close()
        _pack.worker = None


def _validation(sc: Scorecard) -> Markdown:
    data = sc.data
    shown = f"{narrative.short_month(sc.periods[0])} to {narrative.short_month(sc.period)}"
    header = f"{data.settings.organisation} · {narrative.month()}"
    typst_header = header.replace("\\", "\\\\").replace('"', '\\"')
    return Markdown(
        f"**{header}**\n\n"
        f"Data checked: {len(data.catalogue):,} indicators and {len(data.values):,} published monthly "
        f"cells, every cell accounted for; no problems found. This pack reports **{narrative.month()}** "
        f"and shows the months {shown}.\n\n"
        # Typst only: the running header reads this state (see _quarto.yml); HTML ignores raw typst.
        f'```{{=typst}}\n#pack-header.update("{typst_header}")\n```\n')


def _sc() -> Scorecard:
    if _pack is None:
        raise RuntimeError("no scorecard is open: run the report's validation cell (open_pack) first")
    if _pack.scorecard is None:
        from scorecard.data.load import load_data
        from scorecard.rules.frame import build_scorecard

        data = load_data(_pack.data_dir)  # raises DataError naming every problem; the render stops there
        _pack.scorecard = build_scorecard(data, _pack.period)
    return _pack.scorecard


def _cached(render: Callable[..., object]) -> Callable[..., Bundle]:
    """Serve ``render(*args)`` from the content-keyed cache, rendering and storing it on a miss."""

    @functools.wraps(render)
    def call(*args: object) -> Bundle:
        if _pack is None:
            raise RuntimeError("no scorecard is open: run the report's validation cell (open_pack) first")
        name = entry_name(render.__name__, args)
        shown = _pack.store.get(name)
        if shown is None:
            shown = _pack.worker.take(name) if _pack.worker is not None else None
            if shown is None:
                shown = bundle(render(*args))
            _pack.store.put(name, shown)
        return shown  # type: ignore[return-value]

    return call


@_cached
def section_table(key: str) -> object:
    from scorecard.pack.tables import scorecard_table

    return scorecard_table(_sc(), key)


@_cached
def section_charts(key: str) -> object:
    from scorecard.pack.chart_data import section_panels

    return section_panels(_sc(), key).draw()


@_cached
def rag_table() -> object:
    from scorecard.pack.summary import rag_counts
    from scorecard.pack.tables import rag_filled_counts

    return rag_filled_counts(rag_counts(_sc()))


@_cached
def rag_chart() -> object:
    from scorecard.pack.summary import rag_bars

    return rag_bars(_sc()).draw()


@_cached
def travel_table() -> object:
    import pandas as pd

    from scorecard.pack.palette import TREND_WORDS
    from scorecard.pack.summary import travel_counts
    from scorecard.pack.tables import plain_table

    counts = travel_counts(_sc())
    words = {k: (w or "no direction to judge") for k, w in TREND_WORDS.items()}
    return plain_table(pd.DataFrame({"Direction of travel": [words[k] for k in counts],
                                     "Indicators": list(counts.values())}))


@_cached
def off_target_and_worse() -> object:
    from scorecard.pack.summary import off_target_and_worse as listing
    from scorecard.pack.tables import plain_table

    return _table_or_note(plain_table, listing(_sc()), "No indicator is off target and getting worse.")


@_cached
def special_causes(variation: str) -> object:
    from scorecard.pack.summary import special_causes as listing
    from scorecard.pack.tables import plain_table

    word = variation.replace("_", " ")
    return _table_or_note(plain_table, listing(_sc(), variation), f"No special cause {word} this month.")


@_cached
def mdc_matrix() -> object:
    from scorecard.pack.summary import mdc_matrix as matrix
    from scorecard.pack.tables import plain_table

    return plain_table(matrix(_sc()))


@_cached
def key() -> object:
    from scorecard.pack.notes import key_table

    return key_table(_sc().settings.rag_tolerance)


@_cached
def data_notes() -> Markdown:
    from scorecard.pack.notes import data_notes as notes

    return Markdown(notes(_sc()))


def _published() -> dict[str, str]:
    """The arrows published for this period (empty where none was published), as the frame holds them."""
    sc = _sc()
    return dict(zip(sc.indicators["id"], sc.indicators["published_direction"].fillna(""), strict=True))


@_cached
def count_published() -> narrative.Inline:
    return narrative.Inline(str(sum(1 for d in _published().values() if d)))


@_cached
def count_differences() -> narrative.Inline:
    from scorecard.pack.notes import arrow_differences as differences

    return narrative.Inline(str(len(differences(_sc(), _published()))))


@_cached
def arrow_differences() -> object:
    from scorecard.pack.notes import arrow_differences as differences
    from scorecard.pack.tables import plain_table

    frame = differences(_sc(), _published())
    return _table_or_note(plain_table, frame, "No differences between computed and published arrows.")


def _table_or_note(render: object, frame: object, note: str) -> object:
    # An empty table would read as a rendering fault; say in words that there is nothing to list.
    return Markdown(f"*{note}*") if len(frame) == 0 else render(frame)  # type: ignore[arg-type, operator]
