"""Inline helpers for the narrative: ``March saw `{python} fmt_value("5")` contacts``.

They read a ``Facts`` snapshot (plain Python, no pandas) of the current scorecard, set once by the
report's validation cell through ``scorecard.pack.report``; the facts and the argument checks are
``scorecard.pack.narrative.facts``. Keeping them pandas-free means a cached pack can answer every
inline expression without importing the heavy libraries (a narrative edit re-renders fast).
Each returns ``Inline``: text that Quarto inserts as Markdown (its ``_repr_markdown_``), escaped so a
title with ``*`` or ``_`` cannot turn into formatting.

The helpers live in families: an indicator's figures (``values``), its movement in words
(``phrases``), the pack's period (``calendar``), counts and the settings' names and figures
(``counts``), the exceptions with their commentary and actions (``accounts``). This module is the
narrative's face: every helper, and the names of the facts they share, under one name (the report's
``from scorecard.pack.narrative.helpers import *`` takes ``__all__``). Importing it declares every
helper, which fills ``facts.PARAMETERS``.
"""

from __future__ import annotations

from scorecard.pack.narrative.accounts import (
    exceptions_count,
    open_actions,
    overdue_count,
    reason,
    unactioned_count,
    uncommented_count,
)
from scorecard.pack.narrative.calendar import (
    month,
    months_shown,
    period_word,
    previous_pack,
    series_break_month,
    short_month,
    year_label,
)
from scorecard.pack.narrative.counts import (
    amber_words,
    count_indicators,
    count_rag,
    count_trend,
    count_variation,
    organisation,
    population,
    population_source,
    section_title,
    tolerance,
)
from scorecard.pack.narrative.facts import IndicatorFacts as IndicatorFacts
from scorecard.pack.narrative.facts import Inline as Inline
from scorecard.pack.narrative.facts import checked as checked
from scorecard.pack.narrative.facts import current_facts as current_facts
from scorecard.pack.narrative.facts import indicator_facts as indicator_facts
from scorecard.pack.narrative.facts import small_base_figures as small_base_figures
from scorecard.pack.narrative.phrases import (
    months_rising,
    move_phrase,
    rank_phrase,
    rating_change,
    record_phrase,
    revision_phrase,
    run_phrase,
    variation_phrase,
)
from scorecard.pack.narrative.phrases import run_length as run_length
from scorecard.pack.narrative.values import (
    against_target,
    change_word,
    fmt_base,
    fmt_benchmark,
    fmt_change,
    fmt_last_year,
    fmt_of,
    fmt_previous,
    fmt_rule,
    fmt_sn,
    fmt_sum,
    fmt_target,
    fmt_value,
    from_to,
    range_latest,
)
from scorecard.pack.palette import RAG as RAG

__all__ = [
    "against_target",
    "amber_words",
    "change_word",
    "count_indicators",
    "count_rag",
    "count_trend",
    "count_variation",
    "exceptions_count",
    "fmt_base",
    "fmt_benchmark",
    "fmt_change",
    "fmt_last_year",
    "fmt_of",
    "fmt_previous",
    "fmt_rule",
    "fmt_sn",
    "fmt_sum",
    "fmt_target",
    "fmt_value",
    "from_to",
    "month",
    "months_rising",
    "months_shown",
    "move_phrase",
    "open_actions",
    "organisation",
    "overdue_count",
    "period_word",
    "population",
    "population_source",
    "previous_pack",
    "range_latest",
    "rank_phrase",
    "rating_change",
    "reason",
    "record_phrase",
    "revision_phrase",
    "run_phrase",
    "section_title",
    "series_break_month",
    "short_month",
    "tolerance",
    "unactioned_count",
    "uncommented_count",
    "variation_phrase",
    "year_label",
]
