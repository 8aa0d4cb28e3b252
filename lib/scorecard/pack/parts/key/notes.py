"""The key and the data notes at the end of the pack, computed from the settings and the frame."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import pandas as pd
from great_tables import GT, loc, style

from scorecard.fields import BENCHMARKS
from scorecard.model import Assurance, Direction, Frequency, Rag, SpcRules, Status, Trend, Variation
from scorecard.pack import palette
from scorecard.pack.display import STATUS_TEXT, format_cell
from scorecard.pack.output import icons
from scorecard.pack.output.escape import markdown_text as md
from scorecard.pack.parts.key import benchmark_notes
from scorecard.pack.parts.key.spc_notes import (
    ASSURANCE_MEANINGS,
    SPC_RULES,
    VARIATION_MEANINGS,
    key_rows,
    rebase_notes,
)
from scorecard.pack.parts.table.tables import plain_table, showing
from scorecard.periods import month_name, period_label, period_word
from scorecard.rules import MIN_POINTS, TRIAL_POINTS
from scorecard.targets import TargetKind, parse_target

if TYPE_CHECKING:  # only for annotations
    from scorecard.pack.parts.since_last_pack import RevisedFigure
    from scorecard.rules import Scorecard


def own_rules(sc: Scorecard) -> pd.DataFrame:
    """The indicators rated by a rule of their own (bands, a tolerance, a target relative to a
    benchmark), with that rule in words."""
    ind = sc.indicators
    relative = ind["target"].map(lambda text: parse_target(text).kind is TargetKind.RELATIVE)
    own = (ind["green"] != "") | (ind["tolerance"] != "") | relative
    return ind[own & (ind["rating_rule"] != "")]


def key_table(tolerance: float, rules: SpcRules | str = SpcRules.MDC_2023, sc: Scorecard | None = None) -> GT:
    """Every symbol of the pack with its meaning, Making Data Count's icons drawn, and the SPC rule
    set in words; swatches are filled cells so they survive the PDF.

    With the scorecard ``sc``, the key speaks of quarters in a quarterly pack, and has the rows only
    some packs need: a percentage on a small base, a rating by an indicator's own bands or tolerance.
    """
    tol = f"{tolerance * 100:g}%"
    word = period_word(sc.frequency if sc is not None else Frequency.MONTHLY)
    rows: list[tuple[str, str, str, str]] = [  # symbol, meaning, fill, text colour
        (
            f"{palette.RAG[Rag.GREEN].mark} on target",
            "RAG green: the value meets the target",
            palette.RAG[Rag.GREEN].fill,
            palette.RAG[Rag.GREEN].text,
        ),
        (
            f"{palette.RAG[Rag.AMBER].mark} within tolerance",
            f"RAG amber: misses the target by no more than {tol} of the target value "
            "(outside a band: within that distance of the nearer bound)",
            palette.RAG[Rag.AMBER].fill,
            palette.RAG[Rag.AMBER].text,
        ),
        (
            f"{palette.RAG[Rag.RED].mark} off target",
            f"RAG red: more than {tol} of the target value away; "
            "with a target of 0 any value above it is red",
            palette.RAG[Rag.RED].fill,
            palette.RAG[Rag.RED].text,
        ),
        ("no rating", "Monitor only, no target, or no preferred direction", palette.WHITE, palette.INK),
        (
            f"{palette.REVISED} revised",
            "The figure was revised since the previous pack (a late or corrected figure); "
            '"Since the last pack" in the executive summary gives the figure that pack showed',
            palette.WHITE,
            palette.INK,
        ),
        *_accountability_rows(sc),
        (
            "NYC / not reported / —",
            f"No number for that {word}: not yet complete, not reported, or nothing published (grey, italic)",
            palette.STATUS_FILL,
            palette.INK,
        ),
    ]
    rows += _pack_rows(sc)
    for direction, trend, meaning in (
        (
            Direction.UP,
            Trend.IMPROVING,
            f"the value rose since the previous {word} with data, which is better",
        ),
        (Direction.DOWN, Trend.DECLINING, "the value fell, which is worse for this indicator"),
        (Direction.SAME, Trend.NO_CHANGE, "no change at the published number of decimals"),
        (Direction.UP, Trend.NOT_APPLICABLE, "moved, but neither direction is better (monitor only)"),
    ):
        label, colour = palette.arrow_label(direction, trend)
        rows.append((label, f"Direction of travel: {meaning}", palette.WHITE, colour))
    spc_start = len(rows)
    for icon in icons.VARIATION_ICONS.values():
        rows.append(
            (
                icon.name,
                f"SPC variation of the latest point: {VARIATION_MEANINGS[icon.name]}",
                palette.WHITE,
                palette.INK,
            )
        )
    for icon in icons.ASSURANCE_ICONS.values():
        rows.append(
            (icon.name, f"SPC assurance: {ASSURANCE_MEANINGS[icon.name]}", palette.WHITE, palette.INK)
        )
    rows.append(
        (
            "trial",
            f"Trial limits (dashed ring): {TRIAL_POINTS} points since the series began or its last new "
            "limits; "
            f"Making Data Count shows full limits from {MIN_POINTS}, so the reading may change as points "
            f"are added. On the charts, limits from fewer than {MIN_POINTS} points are dash-dot",
            palette.WHITE,
            palette.INK,
        )
    )
    rows += [(symbol, meaning, palette.WHITE, palette.INK) for symbol, meaning in key_rows(sc)]
    for variation, meaning in (
        (
            Variation.TOO_FEW_POINTS,
            f"SPC: fewer than {TRIAL_POINTS} points since the start or the last new limits",
        ),
        (Variation.NONE, f"SPC: no number this {word}"),
    ):
        label, colour = palette.VARIATION_LABELS[variation]
        rows.append((label, meaning, palette.WHITE, colour))
    label, colour = palette.ASSURANCE_LABELS[Assurance.NONE]
    rows.append(
        (
            label,
            "SPC assurance: no single target to assure against (a range, monitor only, or neither "
            "direction better)",
            palette.WHITE,
            colour,
        )
    )
    rows.append(("SPC rules", SPC_RULES[SpcRules(rules)], palette.WHITE, palette.INK))
    markups = {
        n: icons.markup("common_cause", True) if symbol == "trial" else icons.markup(symbol)
        for n, (symbol, _, _, _) in enumerate(rows)
        if n >= spc_start and (symbol in icons.ICONS or symbol == "trial")
    }
    symbols = [icons.ICONS[s].label if s in icons.ICONS else s for s, _, _, _ in rows]
    frame = pd.DataFrame({"Symbol": symbols, "Meaning": [meaning for _, meaning, _, _ in rows]})
    table = plain_table(frame, {"Symbol": 22.0})
    for n, (_, _, fill, text) in enumerate(rows):
        table = table.tab_style(
            [style.fill(color=fill), style.text(color=text, weight="bold")],
            loc.body(columns="Symbol", rows=[n]),
        )
    for n, markup in markups.items():
        table = table.fmt(showing(markup), columns="Symbol", rows=[n])
    return table


RULE_WORDS = {
    "special_cause_concern": "shows special cause concern at its latest point",
    "consistently_failing": "has process limits that say it will consistently fail its target",
    "newly_off_target": "is off target and was on target in the last pack",
    "red": "is rated red",
    "amber_to_red": "went from amber to red since the last pack",
    "worse_than_target_and_declining": "is amber or red and worse than the period before",
}


def _accountability_rows(sc: Scorecard | None) -> list[tuple[str, str, str, str]]:
    """The key's rows for the exception report: what makes an exception, and an overdue action."""
    rules = [RULE_WORDS[str(rule)] for rule in sc.settings.exceptions] if sc is not None else []
    if not rules:
        said = "none: the settings name no exception rule"
    else:
        said = "; ".join(rules[:-1]) + (" or " if len(rules) > 1 else "") + rules[-1]
    return [
        ("exception", f"An indicator in the exception report: it {said}", palette.WHITE, palette.INK),
        (
            "⚠ overdue",
            "An open action whose due month is before the pack's month (the action log, data/actions.csv)",
            palette.WHITE,
            palette.DECLINING,
        ),
    ]


def _pack_rows(sc: Scorecard | None) -> list[tuple[str, str, str, str]]:
    """The key's rows for what only some packs have: own rating rules, small bases."""
    if sc is None:
        return []
    rows = []
    if len(own_rules(sc)):
        rows.append(
            (
                "own bands or tolerance",
                "An indicator rated by its own green, amber and red bands, its own tolerance, or a "
                "target set against a benchmark: the data notes give its rule",
                palette.WHITE,
                palette.INK,
            )
        )
    rows += benchmark_notes.key_rows(sc)
    if _has_small_bases(sc):
        rows.append(
            (
                "38.5% (5 of 13)",
                f"A percentage of fewer than {sc.settings.small_base} (the small base in the settings), "
                "shown with how many of how many: one child more or less moves it a long way, so read "
                "it with care",
                palette.WHITE,
                palette.INK,
            )
        )
    return rows


def _has_small_bases(sc: Scorecard) -> bool:
    """Whether a table of the pack shows a percentage with its small base."""
    history = sc.history
    units = dict(zip(sc.indicators["id"], sc.indicators["unit"], strict=True))
    percent = history["id"].map(units) == "percent"
    small = history["denominator"].astype(float) < sc.settings.small_base
    return bool((percent & small & history["value"].notna()).any())


def data_notes(sc: Scorecard, revised: Iterable[RevisedFigure] = ()) -> str:
    """Markdown notes on statuses, series breaks, quarterly indicators, rates, indicators with no
    values yet (no number up to the pack's month: agreed, but not yet reported), catalogue notes and
    the figures revised since the last pack (with the file and the time of the import).

    Every text from the data goes through ``markdown_text``: a note is shown, never read as Markdown."""
    settings = sc.settings
    catalogue: pd.DataFrame = sc.data.catalogue
    quarterly = sc.frequency == Frequency.QUARTERLY
    word = period_word(sc.frequency)
    nyc, not_reported, na = (
        STATUS_TEXT[s] for s in (Status.NOT_YET_COMPLETE, Status.NOT_REPORTED, Status.NOT_APPLICABLE)
    )
    lines = [
        f"- **{nyc}** (not yet complete): the {word}'s figure is not final; "
        "it is shown as NYC, never as 0, and is not rated or charted.",
        f"- **{not_reported}** and **{na}**: no figure for that "
        f"{word}, shown in words; **—** means nothing was published.",
    ]
    if settings.population is not None:
        lines.append(
            f"- **Rates per 10,000** use the child population aged 0-17 of {settings.population:,} "
            f"({md(settings.population_source)}, {settings.population_year})."
        )
    elif (sc.indicators["unit"] == "rate_per_10000").any():
        lines.append("- **Rates per 10,000** are as published; the settings state no child population.")
    lines += rebase_notes(sc)
    frequency = sc.indicators.set_index("id")["frequency"]
    in_quarters = list(frequency[frequency == Frequency.QUARTERLY].index)
    if in_quarters and not quarterly:
        lines.append(
            f"- **Quarterly indicators** (ID {md(', '.join(in_quarters))}): values sit in the quarter-end "
            "months (Jun, Sep, Dec, Mar); other months show —."
        )
    annual = list(frequency[frequency == Frequency.ANNUAL].index)
    if annual:
        lines.append(
            f"- **Annual indicators** (ID {md(', '.join(annual))}): each figure is shown in the period it "
            "belongs to, and rated and compared as the latest for twelve months, until the next year's."
        )
    for _, row in own_rules(sc).iterrows():
        lines.append(f"- **Rating of ID {md(row['id'])}** ({md(_why(row, sc))}): {md(row['rating_rule'])}.")
    differ = rating_differences(sc)
    if differ:
        shown = period_label(sc.period, sc.frequency)
        lines.append(
            f"- **Published RAG ratings**: {len(differ)} of those published for {shown} differ from the "
            "computed rating, which the pack shows: " + "; ".join(differ) + "."
        )
    leads = sc.indicators[sc.indicators["lead"] != ""]
    if len(leads):
        pairs = zip(leads["id"], leads["lead"], strict=True)
        lines.append("- **Leads**: " + "; ".join(f"ID {md(i)}: {md(lead)}" for i, lead in pairs) + ".")
    values: pd.DataFrame = sc.data.values
    reported = set(values.loc[(values["period"] <= sc.period) & values["value"].notna(), "id"])
    for ident, notes in zip(catalogue["id"], catalogue["notes"], strict=True):
        said = "; ".join(filter(None, ("" if ident in reported else "no values yet", notes)))
        if said:
            lines.append(f"- **ID {md(ident)}**: {md(said)}")
    lines += benchmark_notes.notes(sc)
    for figure in revised:
        source = md(f"{figure.file}, imported {figure.when.replace('T', ' ')}")
        when = month_name(figure.period, sc.frequency)
        lines.append(
            f"- **Revised since the last pack, ID {md(figure.id)}** ({when}): "
            f"{md(figure.old_shown)} → {md(figure.new_shown)}{palette.REVISED} ({source})."
        )
    return "\n".join(lines)


def _why(row: pd.Series, sc: Scorecard) -> str:
    """Where an indicator's own rating rule comes from, in words."""
    if row["green"]:
        return "its own bands"
    tolerance = row["tolerance"]
    amber = f"amber within {tolerance} of it" if tolerance else f"amber within {tolerance_text(sc)}"
    target = parse_target(row["target"])
    if target.kind is TargetKind.RELATIVE:
        year = row[f"{target.benchmark}_year"]
        figure = f"{BENCHMARKS[target.benchmark]} {row[target.benchmark]}" + (f" ({year})" if year else "")
        return f"its target, {row['target']}: {figure}; {amber}"
    return f"its target, {amber}"


def tolerance_text(sc: Scorecard) -> str:
    return f"{sc.settings.rag_tolerance * 100:g}% of it (the pack's tolerance)"


def rating_differences(sc: Scorecard) -> list[str]:
    """Where a RAG rating published for the pack's period differs from the computed one."""
    published = sc.data.published_rating
    if published is None or not len(published):
        return []
    here = published[published["period"] == sc.period]
    computed = dict(zip(sc.indicators["id"], sc.indicators["rag"], strict=True))
    return [
        f"ID {md(ident)} published {md(text)}, computed {palette.rag_label(computed[ident])}"
        for ident, text, rating in zip(here["id"], here["published"], here["rating"], strict=True)
        if ident in computed and computed[ident] != rating
    ]


def arrow_differences(sc: Scorecard, published: dict[str, str]) -> pd.DataFrame:
    """Where the computed direction of travel differs from the arrow published for the same month.

    ``published``: id -> published direction (up, down, same, or "" where no arrow was published).
    """
    ind: pd.DataFrame = sc.indicators
    shown = ind["id"].map(published).fillna("")
    differs = (shown != "") & (shown != ind["direction"])
    rows = ind[differs]
    return pd.DataFrame(
        {
            "ID": rows["id"],
            "Indicator": rows["title"],
            "Published arrow": [palette.DIRECTION_GLYPHS[Direction(p)] for p in shown[differs]],
            "Computed": [
                palette.arrow_label(d, t)[0] for d, t in zip(rows["direction"], rows["trend"], strict=True)
            ],
            "Previous → latest": [
                f"{format_cell(r['previous_value'], '', r['unit'], int(r['decimals']))} → "
                f"{format_cell(r['value'], r['status'], r['unit'], int(r['decimals']))}"
                for _, r in rows.iterrows()
            ],
        }
    ).reset_index(drop=True)
