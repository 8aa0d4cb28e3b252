"""The domain's vocabulary: the words every module of the scorecard speaks.

Enums are ``StrEnum`` so their values are the exact strings written to CSV, shown in exports and
asserted in tests.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

from scorecard.fields import OPTIONAL_CATALOGUE_COLUMNS

if TYPE_CHECKING:  # annotations only: the settings and the pre-render step read this module without pandas
    import pandas as pd


class Polarity(StrEnum):
    """Which way is good for an indicator: a judgement recorded in the catalogue."""

    HIGHER = "higher_is_better"
    LOWER = "lower_is_better"
    BAND = "within_band"
    NONE = "no_preference"


class Unit(StrEnum):
    """What an indicator's figure counts; the unit decides how it is written."""

    COUNT = "count"
    PERCENT = "percent"
    RATE = "rate_per_10000"  # per 10,000 children aged 0-17
    AVERAGE = "average"  # e.g. average caseload
    DAYS = "days_per_fte"


class Basis(StrEnum):
    """Which period a figure covers: the month, a snapshot at its end, or a longer window."""

    IN_MONTH = "in_month"
    SNAPSHOT = "month_end_snapshot"
    ROLLING = "rolling_12_months"
    YEAR_TO_DATE = "year_to_date"
    QUARTERLY = "quarterly"  # the quarter's own figure
    ANNUAL = "annual"  # the year's own figure


class Frequency(StrEnum):
    """How often an indicator is published. Every figure is filed under a month ``YYYY-MM``: a
    quarterly one under its quarter's end month, an annual one under the period it belongs to."""

    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    ANNUAL = "annual"


class Status(StrEnum):
    """Why a period has no number. A status is shown in the report, never a blank or a 0."""

    NONE = ""  # the period has a number
    NOT_YET_COMPLETE = "not_yet_complete"  # published as NYC
    NOT_REPORTED = "not_reported"
    NOT_APPLICABLE = "not_applicable"  # published as NA
    NOT_STARTED = "not_started"


class Rag(StrEnum):
    """An indicator's rating against its target."""

    GREEN = "green"
    AMBER = "amber"
    RED = "red"
    NONE = "none"


class Direction(StrEnum):
    """Which way the latest figure moved from the previous one, at the published decimals."""

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
    """Whether the process limits say a single target is met consistently, missed, or either."""

    PASS = "pass"
    FAIL = "fail"
    INCONSISTENT = "inconsistent"
    NONE = "none"


class ExceptionRule(StrEnum):  # why an indicator needs the board's attention (settings: exceptions)
    SPECIAL_CAUSE_CONCERN = "special_cause_concern"
    CONSISTENTLY_FAILING = "consistently_failing"
    NEWLY_OFF_TARGET = "newly_off_target"
    RED = "red"
    AMBER_TO_RED = "amber_to_red"
    WORSE_THAN_TARGET_AND_DECLINING = "worse_than_target_and_declining"


DEFAULT_EXCEPTIONS = tuple(ExceptionRule)[:3]  # Making Data Count's advice to boards: SPC before RAG


@dataclass(frozen=True)
class Section:
    """One section of the pack, as settings.yaml lists it."""

    key: str  # e.g. "early-help"; also names sections/NN-<key>.qmd
    title: str  # e.g. "Early Help and Front Door Responses"
    scope: str = ""  # e.g. "Early Help and Front Door information only"


SMALL_BASE = 20  # a percentage of fewer than this many is shown with its base (settings: small_base)
CHART_MONTHS = 36  # a trend chart's months by default (settings: chart_months)
MIN_BASELINE = 12  # the fewest points an SPC baseline holds: NHSRplotthedots' minimum; MDC's tools take 12-20


@dataclass(frozen=True)
class Settings:
    """settings.yaml, checked: who the pack is for, its sections, and how it rates and reports."""

    organisation: str
    report_title: str
    population: int | None  # children aged 0-17, the denominator of every rate per 10,000; None: not stated
    population_source: str
    population_year: int | None
    rag_tolerance: float  # relative to the target value, 0.15 = 15%
    sections: tuple[Section, ...] = field(default_factory=tuple)
    frequency: Frequency = Frequency.MONTHLY  # the pack's period: a month, or a quarter
    small_base: int = SMALL_BASE
    columns: Mapping[str, str] = field(default_factory=dict)  # file header -> field, for imports
    spc_rules: SpcRules = SpcRules.MDC_2023
    la_code: str = ""  # the DfE's three-digit LA number (895 for Cheshire East); "" for none
    benchmark_year: str = ""  # a DfE time_period the pack's benchmarks show; "": the latest known then
    neighbour_model: str = ""  # "2021" or "2025"; "": the one in force in the pack's month
    benchmark_measures: Mapping[str, Mapping[str, object]] = field(default_factory=dict)  # the council's own
    spc_baseline: int | None = None  # limits from each segment's first so many points; None: all of them
    chart_months: int | None = CHART_MONTHS  # the months a trend chart shows; None: the whole history
    exceptions: tuple[ExceptionRule, ...] = DEFAULT_EXCEPTIONS  # which indicators are exceptions
    commentary_required: bool = False  # an exception without commentary or action: a problem, not a warning

    def section(self, key: str) -> Section:
        """The section with this key; ``KeyError`` if the settings have none."""
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
    published_rating: the RAG column as published (``id, period, published, rating``), kept to show
        where computed ratings differ; None when there is none.
    benchmarks: ``benchmarks.csv`` as ``python -m scorecard benchmarks`` computed it from the DfE's
        files (text columns, and ``own_value``, ``england_value``, ``region_value``,
        ``neighbour_average_value`` as numbers); None when there is none.
    rebases: the months from which an indicator's SPC limits start afresh, with the reason
        (``id, from, reason``, all text); None when there is no ``rebases.csv``.
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
    published_rating: pd.DataFrame | None = None
    benchmarks: pd.DataFrame | None = None
    rebases: pd.DataFrame | None = None
    commentary: pd.DataFrame | None = None  # commentary.csv (data.accountability), all text
    actions: pd.DataFrame | None = None  # actions.csv (data.accountability), all text

    @property
    def periods(self) -> list[str]:
        """Every month with a row, quarter ends with only quarterly figures included."""
        return sorted(self.values["period"].unique())

    @property
    def frequencies(self) -> dict[str, str]:
        """Each indicator's frequency (``Frequency`` values)."""
        catalogue = complete_catalogue(self.catalogue)
        return dict(zip(catalogue["id"], catalogue["frequency"], strict=True))

    @property
    def latest_period(self) -> str:
        """The pack's period: see ``pack_month``."""
        latest_by_id = self.values.groupby("id", sort=False)["period"].max()  # one pair per indicator
        cells = zip(latest_by_id.index, latest_by_id, strict=True)
        month = pack_month(cells, self.frequencies, self.settings.frequency)
        if month is None:
            raise ValueError("no values: validation requires at least one")
        return month


def pack_month(
    cells: Iterable[tuple[str, str]],
    frequencies: Mapping[str, str] | Collection[str],
    pack: Frequency | str = Frequency.MONTHLY,
) -> str | None:
    """The period a pack reports by default: the latest with data of the pack's own frequency.

    ``cells`` are (indicator id, period) pairs of published cells (a number or a status);
    ``frequencies`` maps ids to ``Frequency`` values (monthly where an id is missing), or is the set
    of quarterly ids. In a monthly
    pack a cell of a quarterly or annual indicator never makes a month the pack's month on its own:
    the seed publishes Q2 audit figures under Aug-24, the importer files them on 2024-09, and
    September is not yet the month to report. In a quarterly pack the quarterly (and monthly) cells
    decide, never an annual one alone. Only when no other cell is there does the latest cell of any
    frequency decide. None when there are no cells.
    """
    if not isinstance(frequencies, Mapping):  # the ids of the quarterly indicators alone
        frequencies = dict.fromkeys(frequencies, Frequency.QUARTERLY.value)
    deciding = {Frequency.MONTHLY} if pack == Frequency.MONTHLY else {Frequency.MONTHLY, Frequency.QUARTERLY}
    own, other, every = None, None, None
    for ident, period in cells:
        every = period if every is None or period > every else every
        frequency = frequencies.get(ident, Frequency.MONTHLY)
        if frequency in deciding:
            own = period if own is None or period > own else own
        elif frequency != Frequency.ANNUAL:
            other = period if other is None or period > other else other
    return own or other or every


def frequency_of_basis(basis: str) -> str:
    """The frequency an older catalogue (no ``frequency`` column) implies: quarterly for a quarterly
    basis, monthly otherwise."""
    return Frequency.QUARTERLY.value if basis == Basis.QUARTERLY else Frequency.MONTHLY.value


def complete_catalogue(catalogue: pd.DataFrame) -> pd.DataFrame:
    """The catalogue with every optional column there: blank, and ``frequency`` from the basis.

    An older data folder (and a frame built by hand) may lack them; the rules and the pack read them
    all.
    """
    missing = [column for column in OPTIONAL_CATALOGUE_COLUMNS if column not in catalogue.columns]
    if not missing:
        return catalogue
    catalogue = catalogue.copy()
    for column in missing:
        catalogue[column] = catalogue["basis"].map(frequency_of_basis) if column == "frequency" else ""
    return catalogue
