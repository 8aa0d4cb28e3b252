"""The narrative's facts and its argument checks: what the inline helpers (``narrative``) read.

``Facts`` is a snapshot of the scorecard in plain Python (no pandas), made once per pack and cached, so
a cached pack answers every inline expression without importing the heavy libraries. Each helper
declares what its parameters are (``checked``); the same check runs on the .qmd text before any cell
runs (``scorecard.pack.narrative.check``).
"""

from __future__ import annotations

import difflib
import functools
import inspect
from collections.abc import Callable
from dataclasses import astuple, dataclass, field
from typing import TYPE_CHECKING, TypeVar, cast

from scorecard.fields import complete_values
from scorecard.pack import opened
from scorecard.pack.display import is_missing
from scorecard.pack.narrative.inline import written_at
from scorecard.pack.output.escape import markdown_text
from scorecard.pack.palette import RAG, TREND_WORDS, VARIATION_LABELS
from scorecard.periods import is_period, period_label
from scorecard.project import Project

if TYPE_CHECKING:  # only for annotations: importing the frame module would import pandas
    from scorecard.pack.parts.since_last_pack import SinceLastPack
    from scorecard.rules import Scorecard


class Inline(str):
    """A narrative string; Jupyter shows it as escaped Markdown (``scorecard.pack.output.escape``), so no
    quotes appear in the text and nothing in it can become formatting, math, a link or a shortcode."""

    __slots__ = ()

    def _repr_markdown_(self) -> str:
        return markdown_text(self)


@dataclass(frozen=True)
class IndicatorFacts:
    id: str
    section: str
    title: str
    unit: str
    decimals: int
    target: str
    sn_average: str
    series_break: str
    values: dict[str, float]  # period -> value, every period up to the report period
    statuses: dict[str, str]  # period -> status where there is no number
    counts: dict[str, int]  # period -> published count, e.g. 4 of "67% (4)"
    rag: str
    direction: str
    trend: str
    previous_period: str
    variation: str
    assurance: str
    polarity: str = "no_preference"
    basis: str = "in_month"
    previous_pack_rag: str = "none"  # the rating the previous pack showed
    revisions: tuple[tuple[str, str, str], ...] = ()  # (period, old, new) shown, since the last pack
    value_period: str = ""  # the period the latest figure is for (an annual one: up to a year back)
    bases: dict[str, tuple[float, float]] = field(default_factory=dict)  # period -> (numerator, denominator)
    benchmarks: dict[str, tuple[str, str]] = field(default_factory=dict)  # column -> (figure, year)
    previous_year: tuple[str, str] = ("", "")  # last year's outturn and its year
    rating_rule: str = ""
    reasons: tuple[str, ...] = ()  # why it is an exception this period, in words; () when it is not
    lead: str = ""


@dataclass(frozen=True)
class ActionFacts:
    """One action of the log, in plain Python (``data.Action``'s fields: the cache holds these)."""

    row: int
    ids: tuple[str, ...]
    action: str
    owner: str
    raised: str
    due: str
    status: str
    update: str = ""
    closed: str = ""

    def overdue(self, period: str) -> bool:
        return self.status == "open" and bool(self.due) and self.due < period


@dataclass(frozen=True)
class Facts:
    period: str
    periods: list[str]  # the displayed months, ascending
    organisation: str
    population: int | None
    population_source: str
    population_year: int | None
    tolerance: float
    sections: dict[str, str]  # key -> title
    indicators: dict[str, IndicatorFacts] = field(default_factory=dict)
    previous_pack: str = ""  # the previous pack's period, "" for the first pack
    frequency: str = "monthly"  # the pack's: monthly, or quarterly
    small_base: int = 20
    own_rules: int = 0  # indicators rated by their own bands or tolerance
    actions: tuple[ActionFacts, ...] = ()  # the action log (data/actions.csv), in file order
    file_commentary: dict[str, tuple[str, str]] = field(default_factory=dict)  # id -> (text, file)
    commentary_required: bool = False  # settings: an exception's missing commentary or action stops check


def facts_from(sc: Scorecard, since: SinceLastPack | None = None) -> Facts:
    """Snapshot of a ``scorecard.rules.frame.Scorecard`` (and, where given, of what changed since the
    last pack) for the narrative helpers."""
    settings = sc.settings
    catalogue = sc.data.catalogue
    breaks = dict(zip(catalogue["id"], catalogue["series_break"], strict=True))
    values = complete_values(sc.data.values)
    values = values[values["period"] <= sc.period]
    by_id: dict[str, tuple[dict, dict, dict, dict]] = {}
    columns = ("id", "period", "value", "status", "count", "numerator", "denominator")
    for ident, period, value, status, count, top, bottom in zip(*(values[c] for c in columns), strict=True):
        numbers, statuses, counts, bases = by_id.setdefault(ident, ({}, {}, {}, {}))
        if is_missing(value):
            statuses[period] = status
        else:
            numbers[period] = float(value)
        if not is_missing(count):
            counts[period] = int(count)
        if not is_missing(bottom) and not is_missing(top):
            bases[period] = (float(top), float(bottom))
    indicators = {}
    previous_rag = since.ratings.previous_rag if since else {}
    revised: dict[str, list[tuple[str, str, str]]] = {}
    for figure in since.revised if since else ():
        revised.setdefault(figure.id, []).append((figure.period, figure.old_shown, figure.new_shown))
    from scorecard.pack.parts.benchmarks import figures_said  # pandas: never on a cache hit

    benchmark_columns = ("sn_average", "england", "region", "top_quartile")
    reasons = {entry.id: tuple(r.words for r in entry.reasons) for entry in exceptions_of(sc, since)}
    for row in sc.indicators.to_dict("records"):
        numbers, statuses, counts, bases = by_id.get(row["id"], ({}, {}, {}, {}))
        typed = {column: (row[column], row[f"{column}_year"]) for column in benchmark_columns}
        dfe = figures_said(sc, row["id"], row["unit"])  # the DfE's, where the pack shows them
        indicators[row["id"]] = IndicatorFacts(
            row["id"],
            row["section"],
            row["title"],
            row["unit"],
            int(row["decimals"]),
            row["target"],
            dfe["sn_average"][0] if dfe else row["sn_average"],
            breaks.get(row["id"], ""),
            numbers,
            statuses,
            counts,
            row["rag"],
            row["direction"],
            row["trend"],
            row["previous_period"] or "",
            row["variation"],
            row["assurance"],
            row["polarity"],
            row["basis"],
            previous_rag.get(row["id"], "none"),
            tuple(revised.get(row["id"], ())),
            row["value_period"] or "",
            bases,
            {**typed, **dfe},
            (row["previous_year"], row["previous_year_period"]),
            row["rating_rule"],
            reasons.get(row["id"], ()),
            row["lead"],
        )
    return Facts(
        sc.period,
        list(sc.periods),
        settings.organisation,
        settings.population,
        settings.population_source,
        settings.population_year,
        settings.rag_tolerance,
        {s.key: s.title for s in settings.sections},
        indicators,
        (since.previous_period or "") if since else "",
        str(settings.frequency),
        settings.small_base,
        int(((sc.indicators["green"] != "") | (sc.indicators["tolerance"] != "")).sum()),
        _actions(sc),
        file_commentary(sc),
        settings.commentary_required,
    )


def _actions(sc: Scorecard) -> tuple[ActionFacts, ...]:
    from scorecard.data import actions_of

    return tuple(ActionFacts(*astuple(action)) for action in actions_of(sc.data.actions))


def exceptions_of(sc: Scorecard, since: SinceLastPack | None) -> list:
    """The period's exceptions by the settings' rules (``rules.exceptions``), against the previous
    pack where there is one."""
    from scorecard.rules import find_exceptions, rating_changes

    changes = since.ratings if since else rating_changes(sc, None)
    previous = since.previous_period if since else None
    rules = sc.settings.exceptions
    return find_exceptions(sc, changes, rules, lambda p: period_label(p, sc.frequency), previous)


def file_commentary(sc: Scorecard) -> dict[str, tuple[str, str]]:
    """The commentary kept from a council's file for the pack's period: id -> (text, file)."""
    kept = sc.data.commentary
    if kept is None or len(kept) == 0:
        return {}
    rows = kept[kept["period"] == sc.period]
    return {
        i: (text, source) for i, text, source in zip(rows["id"], rows["text"], rows["source"], strict=True)
    }


def use(facts: Facts) -> None:
    """Make ``facts`` the scorecard the helpers describe (the report's validation cell calls this)."""
    opened.CURRENT.facts = facts


def current_facts() -> Facts:
    return cast(Facts, opened.CURRENT.need(opened.CURRENT.facts))


# --- argument checks ------------------------------------------------------------------------------
# Each helper declares what each parameter is (an indicator ID, a period, a section key, ...). The
# same check runs when the helper is called and, on the .qmd text before any cell runs, in
# ``scorecard.pack.narrative.check`` (``python -m scorecard check``), so a mistyped ID is named with
# its file and line rather than failing deep inside the render.


class NarrativeError(ValueError):
    """A narrative helper was called with an argument it cannot use; the message says what was
    expected, in the form ``fmt_value('5x') - no indicator '5x'; did you mean '5'?``, after the
    file and line of the call where it is found (``located``)."""

    where: list[str] | None = None  # FILE:LINE of the call, once looked for

    def _render_traceback_(self) -> list[str]:
        # IPython, and so the log of a `quarto render`, shows these lines in place of a traceback:
        # the message is all the analyst needs.
        return str(self).splitlines()


PARAMETERS: dict[str, dict[str, str]] = {}  # helper name -> parameter name -> kind (see _problem)
_SIGNATURES: dict[str, inspect.Signature] = {}
BENCHMARK_NAMES = {
    "sn_average": "the statistical neighbour average",
    "england": "England",
    "region": "the region",
    "top_quartile": "the top quartile",
    "rank": "the rank among councils (DfE benchmarks)",
    "band": "the quartile band (DfE benchmarks)",
}


_WORDS = {  # the words each kind accepts: the palette's keys, which are the model's values
    "rag": tuple(RAG),
    "trend": tuple(TREND_WORDS),
    "variation": tuple(VARIATION_LABELS),
    "benchmark": tuple(BENCHMARK_NAMES),
}
Helper = TypeVar("Helper", bound=Callable[..., Inline])


def checked(**kinds: str) -> Callable[[Helper], Helper]:
    """Declare each parameter's kind; the helper then refuses an argument of the wrong kind."""

    def wrap(helper: Helper) -> Helper:
        name = helper.__name__
        PARAMETERS[name], _SIGNATURES[name] = kinds, inspect.signature(helper)

        @functools.wraps(helper)
        def call(*args: object, **kwargs: object) -> Inline:
            try:
                problem = argument_problem(name, args, kwargs, current_facts())
                if problem:
                    raise NarrativeError(problem)
                return helper(*args, **kwargs)
            except NarrativeError as error:
                raise located(error, name, args, kwargs) from None

        return call  # type: ignore[return-value]  # wraps keeps the helper's signature; mypy cannot see it

    return wrap


def located(error: NarrativeError, name: str, args: tuple, kwargs: dict) -> NarrativeError:
    """``error`` with the file and line of the call in the narrative in front, where it can be found
    (the kernel runs in the project's folder): Quarto shows an inline expression's error as its
    message alone, with no file or line of its own."""
    if getattr(error, "where", None) is not None:
        return error  # already placed, by the helper that called this one
    facts = opened.CURRENT.facts  # the pack's sections: the narrative it includes
    where = written_at(Project(), name, args, kwargs, getattr(facts, "sections", None))
    shown = ", ".join(where[:3]) + (f" and {len(where) - 3} more" if len(where) > 3 else "")
    placed = NarrativeError(f"{shown}: {error}" if where else str(error))
    placed.where = where
    return placed


def call_text(name: str, args: tuple, kwargs: dict) -> str:
    """A helper call as the narrative writes it, for messages: ``fmt_value('5x')``."""
    shown = [repr(a) for a in args] + [f"{k}={v!r}" for k, v in kwargs.items()]
    return f"{name}({', '.join(shown)})"


def argument_problem(name: str, args: tuple, kwargs: dict, facts: Facts) -> str | None:
    """What is wrong with calling helper ``name`` with these arguments, as one line, or None."""
    call = call_text(name, args, kwargs)
    signature = _SIGNATURES[name]
    try:
        bound = signature.bind(*args, **kwargs)
    except TypeError as error:
        return f"{call} - {error}; expected {name}({_parameters(signature)})"
    for parameter, value in bound.arguments.items():
        kind = PARAMETERS[name].get(parameter, "text")
        if value is None and signature.parameters[parameter].default is None:
            continue
        problem = _problem(kind, value, facts)
        if problem:
            return f"{call} - {problem}"
    return None


def _parameters(signature: inspect.Signature) -> str:
    return ", ".join(
        p.name if p.default is inspect.Parameter.empty else f"{p.name}={p.default!r}"
        for p in signature.parameters.values()
    )


def _problem(kind: str, value: object, facts: Facts) -> str | None:
    if kind == "ids":
        if isinstance(value, str) or not isinstance(value, list | tuple) or not value:
            return f'{value!r} is not a list of IDs; expected IDs in square brackets, such as ["29", "30"]'
        return next((p for p in (_problem("id", v, facts) for v in value) if p), None)
    if not isinstance(value, str):
        example = {"id": f'"{value}"', "period": '"2025-03"', "month": '"2025-03"'}.get(kind, '"..."')
        return f"{value!r} is not text; expected it in quotes, such as {example}"
    if kind == "id":
        return None if value in facts.indicators else _unknown("indicator", value, list(facts.indicators))
    if kind == "section":
        return None if value in facts.sections else _unknown("section", value, list(facts.sections))
    if kind in _WORDS:
        shown = ", ".join(repr(w) for w in _WORDS[kind])
        what = {
            "rag": "RAG rating",
            "trend": "trend",
            "variation": "SPC variation",
            "benchmark": "benchmark",
        }[kind]
        return None if value in _WORDS[kind] else f"{value!r} is not a {what}; expected one of {shown}"
    if kind in ("period", "month"):
        if not is_period(value):
            return f"{value!r} is not a month; expected YYYY-MM, such as {facts.period!r}"
        if kind == "period":
            known = sorted({p for ind in facts.indicators.values() for p in (*ind.values, *ind.statuses)})
            if value not in known:
                span = f"{known[0]}..{known[-1]}" if known else "none"
                return f"no data for {value!r}; expected a month of the data up to the pack's ({span})"
    return None


def _unknown(what: str, value: str, known: list[str]) -> str:
    close = difflib.get_close_matches(value.strip().lower(), known, n=1, cutoff=0.5)
    if close:
        return f"no {what} {value!r}; did you mean {close[0]!r}?"
    source = "catalogue.csv" if what == "indicator" else "settings.yaml"
    return f"no {what} {value!r}; expected one from {source}"


def indicator_facts(ident: str) -> IndicatorFacts:
    facts = current_facts()
    if ident not in facts.indicators:
        raise NarrativeError(_unknown("indicator", ident, list(facts.indicators)))
    return facts.indicators[ident]


def small_base_figures(ind: IndicatorFacts, period: str) -> tuple[float, float] | None:
    """The numerator and denominator of a percentage on a small base, to show beside it."""
    base = ind.bases.get(period)
    small = base is not None and ind.unit == "percent" and base[1] < current_facts().small_base
    return base if small else None
