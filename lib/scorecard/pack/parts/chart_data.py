"""What the charts show, taken out of the scorecard frame as plain numbers and words.

Selecting (here, from the frame) is kept apart from drawing (``scorecard.pack.parts.charts`` and
``rag_chart``, which import this module; this module never imports them), so each is tested on its
own: the panels' numbers against the frame, the drawing against hand-made panels. Nothing here
imports pandas or matplotlib: the frame's own methods do the selecting.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

import numpy as np

from scorecard.pack import palette
from scorecard.pack.display import format_cell, format_number, has_rated_target, leading_number
from scorecard.pack.output import icons
from scorecard.periods import period_label
from scorecard.rules import Rebase, rebase_label
from scorecard.targets import TargetError, TargetKind, band_intervals, benchmark_figure, parse_target, resolve

if TYPE_CHECKING:  # only for annotations
    from scorecard.rules import Scorecard

LEVEL_COLUMNS = ["mean", "lower_limit", "upper_limit"]
PANELS_PER_FIGURE = 15  # 5 across, 3 down: one landscape A4 page


def figure_anchor(key: str, figure: int) -> str:
    """The id of a section's ``figure``-th (0-based) trend figure: section tables link to it."""
    return f"trends-{key}-{figure + 1}"


def table_anchor(key: str) -> str:
    """The id of a section's table: its trend figures' captions link back to it."""
    return f"table-{key}"


@dataclass(frozen=True)
class Spc:
    """One indicator's SPC points inside the displayed months."""

    index: np.ndarray  # position of each point among the displayed months
    value: np.ndarray
    levels: np.ndarray  # mean, lower_limit, upper_limit: one row per point
    special: np.ndarray  # bool: the point is a special cause
    point_type: np.ndarray
    trial: np.ndarray  # bool: the point's limits are not full ones (fewer than 13 points)


NO_SPC = Spc(
    np.zeros(0, int), np.zeros(0), np.zeros((0, 3)), np.zeros(0, bool), np.zeros(0, object), np.zeros(0, bool)
)


@dataclass(frozen=True)
class Panel:
    """One indicator's small chart: its series, target lines or band, SN average and SPC."""

    id: str
    title: str
    unit: str
    decimals: int
    values: np.ndarray  # one per displayed month; NaN where there is no number
    targets: tuple[float, ...]  # target lines to draw
    band: tuple[float, float] | None  # a target range to shade
    sn_average: float | None
    spc: Spc
    description: str  # this panel's sentence of the figure's alt text
    england: float | None = None  # the DfE's England figure, where the pack has DfE benchmarks
    rebases: tuple[tuple[str, str], ...] = ()  # (first period, reason) of new limits inside the window
    baseline_ends: tuple[int, ...] = ()  # positions of a segment's last baseline point, where more follow


@dataclass(frozen=True)
class SectionPanels:
    """A section's panels in catalogue order, and the indicators with nothing to chart."""

    key: str
    title: str
    periods: list[str]
    panels: list[Panel]
    missing: list[str]
    frequency: str = "monthly"  # the pack's: the x axis shows months, or quarters


@dataclass(frozen=True)
class RagBars:
    """RAG counts per section for the summary's stacked bar chart."""

    sections: list[str]
    counts: dict[str, list[int]]  # RAG value -> count per section, in palette.RAG_ORDER
    period: str
    frequency: str = "monthly"


def target_levels(
    target_text: str, ind: Mapping[str, Any] | None = None
) -> tuple[tuple[float, ...], tuple[float, float] | None]:
    """Target lines to draw and the band to shade, if any: a relative target at its benchmark's
    figure, and where there is no target but the council's bands, the green band's edges."""
    try:
        target = parse_target(target_text)
    except TargetError:  # validation reports it; the chart simply shows no target
        return (), None
    if ind is not None and target.kind is TargetKind.RELATIVE:
        target = resolve(target, benchmark_figure(str(ind.get(target.benchmark, ""))))
    if ind is not None and not target.rated and ind.get("green"):
        edges = [e for i in band_intervals(str(ind["green"])) for e in (i.low, i.high) if np.isfinite(e)]
        return tuple(edges), (min(edges), max(edges)) if len(edges) > 1 else None
    if target.kind is TargetKind.RANGE and target.lower is not None and target.upper is not None:
        return (target.lower, target.upper), (target.lower, target.upper)
    return ((target.value,), None) if target.value is not None else ((), None)


def describe(
    ind: Mapping[str, Any], periods: list[str], frequency: str = "monthly", rebases: Iterable[Rebase] = ()
) -> str:
    """One indicator's sentence of alt text: its latest value, its signals and its new limits."""
    latest = format_cell(ind["value"], ind["status"], ind["unit"], int(ind["decimals"]), ind["count"])
    when = ind.get("value_period") or periods[-1]
    parts = [f"ID {ind['id']} {ind['title']}: latest {latest} ({period_label(when, frequency)})"]
    if has_rated_target(ind["target"]):
        parts.append(f"target {ind['target']}, {palette.rag_swatch(ind['rag']).word}")
    icon = icons.variation_icon(ind["variation"], ind["polarity"])  # MDC's words for the reading
    variation = icon.words if icon else palette.VARIATION_LABELS[ind["variation"]][0].split(" ", 1)[1]
    parts.append(f"SPC {variation}" + (" on trial limits" if ind.get("spc_limits") == "trial" else ""))
    parts += [rebase_label(rebase, lambda p: period_label(p, frequency)) for rebase in rebases]
    return ", ".join(parts) + "."


def reference_lines(sc: Scorecard, ind: Mapping[str, Any]) -> tuple[float | None, float | None, str]:
    """An indicator's annual reference lines: the neighbours' average and England from the DfE's
    figures the pack shows (their year said in the alt text), else the SN average typed in the
    catalogue; and the alt text's words for them."""
    if ind["id"] not in sc.benchmarks.index:
        return leading_number(ind["sn_average"]), None, ""
    row = sc.benchmarks.loc[ind["id"]]
    sn, england = (float(row[c]) for c in ("neighbour_average_value", "england_value"))
    shown = [
        f"{name} {format_number(value, ind['unit'], int(row['decimals']))}"
        for name, value in (("SN average", sn), ("England", england))
        if not math.isnan(value)
    ]
    said = f" Lines: {' and '.join(shown)} (DfE {row['year']})." if shown else ""
    return (None if math.isnan(sn) else sn), (None if math.isnan(england) else england), said


def _spc_by_indicator(window: Any, periods: list[str]) -> dict[str, Spc]:
    """Each indicator's SPC points in the charted months (``window``: those rows of the frame's
    ``spc``): one pass over the frame, no per-id filtering."""
    position = {p: i for i, p in enumerate(periods)}
    index = np.array([position[p] for p in window["period"]], dtype=int)
    value = window["value"].to_numpy(dtype=float)
    levels = window[LEVEL_COLUMNS].to_numpy(dtype=float)
    special = (window["special_cause"].fillna("").astype(str) != "").to_numpy()
    point_type = window["point_type"].to_numpy(dtype=object)
    trial = (window["limits"] != "full").to_numpy()  # trial limits, or limits from fewer points still
    return {
        cast(str, ident): Spc(
            index[rows], value[rows], levels[rows], special[rows], point_type[rows], trial[rows]
        )
        for ident, rows in window.groupby("id", sort=False).indices.items()
    }


def _baseline_ends(window: Any, periods: list[str]) -> dict[str, tuple[int, ...]]:
    """Each indicator's chart positions of a segment's last baseline point where more points of that
    segment follow inside the window: from there on the limits are held, not computed."""
    position = {p: i for i, p in enumerate(periods)}
    ident, period = window["id"].to_numpy(), window["period"].to_numpy()
    segment, held = window["segment"].to_numpy(), window["in_baseline"].to_numpy(dtype=bool)
    same = (ident[1:] == ident[:-1]) & (segment[1:] == segment[:-1])
    ends: dict[str, tuple[int, ...]] = {}
    for i in np.flatnonzero(held[:-1] & ~held[1:] & same).tolist():
        ends[str(ident[i])] = (*ends.get(str(ident[i]), ()), position[period[i]])
    return ends


def figure_anchors(sc: Scorecard) -> dict[str, str]:
    """Each indicator's trend figure anchor.

    An indicator with nothing to chart gets its section's last figure, whose caption names it as not
    charted; a section with no figure at all gives its indicators no anchor.
    """
    keys = [section.key for section in sc.settings.sections]
    anchors: dict[str, str] = {}
    for key, section in zip(keys, all_section_panels(sc, keys), strict=True):
        figures = -(-len(section.panels) // PANELS_PER_FIGURE)
        anchors |= {
            panel.id: figure_anchor(key, n // PANELS_PER_FIGURE) for n, panel in enumerate(section.panels)
        }
        if figures:
            anchors |= {ident: figure_anchor(key, figures - 1) for ident in section.missing}
    return anchors


def indicator_panels(sc: Scorecard, ids: list[str]) -> dict[str, Panel]:
    """The panels of these indicators (those with something to chart), by ID."""
    sections = {str(s) for s in sc.indicators.loc[sc.indicators["id"].isin(ids), "section"]}
    keys = [section.key for section in sc.settings.sections if section.key in sections]
    return {
        panel.id: panel for one in all_section_panels(sc, keys) for panel in one.panels if panel.id in ids
    }


def section_panels(sc: Scorecard, key: str) -> SectionPanels:
    """The section's panels; indicators with no number in the displayed months are listed as missing."""
    return all_section_panels(sc, [key])[0]


def all_section_panels(sc: Scorecard, keys: list[str]) -> list[SectionPanels]:
    """The panels of several sections, selected from the frame in one pass."""
    periods: list[str] = list(sc.chart_periods or sc.periods)
    wanted = [section.key for section in sc.settings.sections if section.key in keys]
    indicators = sc.indicators[sc.indicators["section"].isin(wanted)]
    ids = list(indicators["id"])
    window = sc.spc[sc.spc["period"].isin(periods) & sc.spc["id"].isin(ids)]
    grid = window.pivot(index="id", columns="period", values="value").reindex(index=ids, columns=periods)
    values_of = dict(zip(ids, grid.to_numpy(dtype=float), strict=True))
    spc_of = _spc_by_indicator(window, periods)
    ends = _baseline_ends(window, periods)
    panels: dict[str, list[Panel]] = {key: [] for key in keys}
    missing: dict[str, list[str]] = {key: [] for key in keys}
    for ind in cast(list[dict[str, Any]], indicators.to_dict("records")):
        values = values_of[ind["id"]]
        if not np.isfinite(values).any():
            missing[ind["section"]].append(str(ind["id"]))
            continue
        targets, band = target_levels(ind["target"], ind)
        sn, england, said = reference_lines(sc, ind)
        rebases = [r for r in sc.rebases.get(ind["id"], ()) if r.start in periods[1:]]
        panels[ind["section"]].append(
            Panel(
                str(ind["id"]),
                str(ind["title"]),
                str(ind["unit"]),
                int(ind["decimals"]),
                values,
                targets,
                band,
                sn,
                spc_of.get(ind["id"], NO_SPC),
                describe(ind, periods, sc.frequency, rebases) + said,
                england,
                tuple((r.start, r.reason) for r in rebases),
                ends.get(ind["id"], ()),
            )
        )
    return [
        SectionPanels(key, sc.settings.section(key).title, periods, panels[key], missing[key], sc.frequency)
        for key in keys
    ]
