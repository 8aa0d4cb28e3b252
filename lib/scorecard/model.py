"""The domain's vocabulary: the words every module of the scorecard speaks.

Enums are ``StrEnum`` so their values are the exact strings written to CSV, shown in exports and
asserted in tests.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from enum import StrEnum

import pandas as pd


class Polarity(StrEnum):
    """Which way is good for an indicator: a judgement recorded in the catalogue."""

    HIGHER = "higher_is_better"
    LOWER = "lower_is_better"
    BAND = "within_band"
    NONE = "no_preference"


class Unit(StrEnum):
    COUNT = "count"
    PERCENT = "percent"
    RATE = "rate_per_10000"  # per 10,000 children aged 0-17
    AVERAGE = "average"  # e.g. average caseload
    DAYS = "days_per_fte"


class Basis(StrEnum):
    IN_MONTH = "in_month"
    SNAPSHOT = "month_end_snapshot"
    ROLLING = "rolling_12_months"
    YEAR_TO_DATE = "year_to_date"
    QUARTERLY = "quarterly"


class Status(StrEnum):
    """Why a period has no number. A status is shown in the report, never a blank or a 0."""

    NONE = ""  # the period has a number
    NOT_YET_COMPLETE = "not_yet_complete"  # published as NYC
    NOT_REPORTED = "not_reported"
    NOT_APPLICABLE = "not_applicable"  # published as NA
    NOT_STARTED = "not_started"


class Rag(StrEnum):
    GREEN = "green"
    AMBER = "amber"
    RED = "red"
    NONE = "none"


class Direction(StrEnum):
    UP = "up"
    DOWN = "down"
    SAME = "same"
    NONE = "none"


class Trend(StrEnum):
    """What a direction of travel means, given the polarity."""

    IMPROVING = "improving"
    DECLINING = "declining"
    NO_CHANGE = "no_change"
    NOT_APPLICABLE = "not_applicable"


class SpecialCause(StrEnum):
    NONE = ""
    OUTSIDE_LIMITS = "outside_limits"
    TREND = "trend"
    TWO_OF_THREE = "two_of_three"
    RUN = "run"


class PointType(StrEnum):
    COMMON_CAUSE = "common_cause"
    IMPROVEMENT = "improvement"
    CONCERN = "concern"
    NEUTRAL_HIGH = "neutral_high"
    NEUTRAL_LOW = "neutral_low"


class SpcRules(StrEnum):
    """Which special-cause rule set the SPC follows (``spc_rules`` in settings.yaml)."""

    MDC_2023 = "mdc-2023"  # Making Data Count as it applies its rules today
    PLOTTHEDOTS_02 = "plotthedots-0.2"  # NHSRplotthedots 0.2.2's logic, point for point


class SpcLimits(StrEnum):
    """How far a segment's process limits can be relied on, by its number of points."""

    FULL = "full"
    TRIAL = "trial"  # shown, but revised with each new point until the segment is long enough
    NONE = "none"  # too few points (or no value) for any reading


class Variation(StrEnum):
    """SPC variation of the latest point."""

    COMMON_CAUSE = "common_cause"
    IMPROVEMENT = "improvement"
    CONCERN = "concern"
    NEUTRAL_HIGH = "neutral_high"
    NEUTRAL_LOW = "neutral_low"
    TOO_FEW_POINTS = "too_few_points"
    NONE = "none"


class Assurance(StrEnum):
    PASS = "pass"
    FAIL = "fail"
    INCONSISTENT = "inconsistent"
    NONE = "none"


@dataclass(frozen=True)
class Section:
    key: str  # e.g. "early-help"; also names sections/NN-<key>.qmd
    title: str  # e.g. "Early Help and Front Door Responses"
    scope: str = ""  # e.g. "Early Help and Front Door information only"


@dataclass(frozen=True)
class Settings:
    organisation: str
    report_title: str
    population: int  # children aged 0-17, the denominator of every rate per 10,000
    population_source: str
    population_year: int
    rag_tolerance: float  # relative to the target value, 0.15 = 15%
    sections: tuple[Section, ...] = field(default_factory=tuple)
    spc_rules: SpcRules = SpcRules.MDC_2023

    def section(self, key: str) -> Section:
        for section in self.sections:
            if section.key == key:
                return section
        raise KeyError(key)


@dataclass(frozen=True)
class ScorecardData:
    """Everything in ``data/``, loaded and validated.

    catalogue: one row per indicator, columns ``CATALOGUE_COLUMNS`` (decimals int, the rest str;
        series_break is "" or the first period "YYYY-MM" of a new, non-comparable series).
    values: one row per indicator per period, columns ``VALUE_COLUMNS``; value is float (NaN where
        status is set), count is pandas Int64 (<NA> where not published), period is "YYYY-MM".
    published_direction: the Direction-of-travel column as published (``id, period, arrow,
        direction``), kept to show where computed arrows differ; None when there is none.
    notices: what the analyst should know about how the files were read (a file read as
        Windows-1252), one line each; never a problem.
    revisions: the imports' log of changed figures (``data.revisions``: ``id, period, old, new,
        when, file, pack_month``, all text), in the order logged; None when there is none.
    """

    settings: Settings
    catalogue: pd.DataFrame
    values: pd.DataFrame
    published_direction: pd.DataFrame | None = None
    notices: tuple[str, ...] = ()
    revisions: pd.DataFrame | None = None

    @property
    def periods(self) -> list[str]:
        """Every month with a row, quarter ends with only quarterly figures included."""
        return sorted(self.values["period"].unique())

    @property
    def latest_period(self) -> str:
        """The pack's month: see ``pack_month``."""
        quarterly = self.catalogue.loc[self.catalogue["basis"] == Basis.QUARTERLY, "id"]
        latest_by_id = self.values.groupby("id", sort=False)["period"].max()  # one pair per indicator
        month = pack_month(latest_by_id.items(), set(quarterly))
        if month is None:
            raise ValueError("no values: validation requires at least one")
        return month


def pack_month(cells: Iterable[tuple[str, str]], quarterly: Collection[str]) -> str | None:
    """The month a pack reports by default: the latest month with monthly data.

    ``cells`` are (indicator id, period) pairs of published cells (a number or a status). A cell of a
    ``quarterly`` indicator never makes a month the pack's month on its own: the seed publishes Q2
    audit figures under Aug-24, the importer files them on 2024-09, and September is not yet the
    month to report. Only when no indicator but quarterly ones has a cell does the latest quarterly
    cell decide. None when there are no cells.
    """
    monthly, every = None, None
    for ident, period in cells:
        every = period if every is None or period > every else every
        if ident not in quarterly and (monthly is None or period > monthly):
            monthly = period
    return monthly or every


CATALOGUE_COLUMNS = (
    "id",
    "section",
    "title",
    "unit",
    "polarity",
    "target",
    "sn_average",
    "basis",
    "decimals",
    "series_break",
    "notes",
)
VALUE_COLUMNS = ("id", "period", "value", "status", "count", "raw")
