"""The measure library: each DfE measure a scorecard indicator can be benchmarked with, in one word.

An entry says where its figures are: the file (known by its columns, never its name), the filter
values that pick its rows, and the column holding the figure; or, for a rate per 10,000 children the
DfE publishes no column for, the count column to divide by the children aged 0-17 of the mid-year
before (the ONS estimates as the DfE publishes them, ``POPULATION``), rounded as the DfE rounds such
rates (one decimal). An entry also says when a year's figures were published, so a pack uses only what
its board could have known: a year ending 31 March is published from the November after it (children
in need, children looked after); the social work workforce, counted on 30 September, from the
February after.

``matches`` are the words of a scorecard title that ``init`` proposes the measure for; the analyst
confirms the proposal in the catalogue's ``benchmark`` column. A council adds its own measures in
``settings.yaml`` (``benchmarks: measures:``; ``custom_measures`` makes them measures).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from scorecard.data import MARCH, SEPTEMBER
from scorecard.data.benchmarks.ees import EES_COLUMNS

CIN = "Children in need (DfE)"
CLA = "Children looked after in England including adoptions (DfE)"
CSWW = "Children's social work workforce (DfE)"
ONS = "ONS mid-year population estimates, as the DfE publishes them"


@dataclass(frozen=True)
class Measure:
    """One DfE measure: where its figures are, and how a year of them is named and known."""

    name: str
    title: str  # what it measures, for the pack's data notes and the docs
    publication: str
    value: str  # the column holding the figure (for a rate: the count)
    filters: Mapping[str, str] = field(default_factory=dict)  # column -> the value that picks its rows
    rate: bool = False  # a rate per 10,000 children aged 0-17, made from ``value`` and POPULATION
    year_end: str = MARCH  # MARCH: the year ending 31 March; SEPTEMBER: the count on 30 September
    matches: tuple[str, ...] = ()  # regular expressions, all of which a title must match (init)
    decimals: int = 1  # the decimals a made rate is rounded to

    def columns(self) -> frozenset[str]:
        """The columns a file must have to hold this measure."""
        return frozenset({*EES_COLUMNS, self.value, *self.filters})

    def year_label(self, year: str) -> str:
        """A DfE ``time_period`` as the pack names it: ``2023/24`` for the year ending 31 March 2024,
        ``Sep 2024`` for a count on 30 September 2024."""
        number = int(year)
        return f"Sep {number}" if self.year_end == SEPTEMBER else f"{number - 1}/{str(number)[2:]}"

    def known_from(self, year: str) -> str:
        """The month (YYYY-MM) from which a year's figures count as published."""
        number = int(year)
        return f"{number + 1}-02" if self.year_end == SEPTEMBER else f"{number}-11"


def _cla(name: str, title: str, filters: Mapping[str, str], matches: tuple[str, ...]) -> Measure:
    return Measure(name, title, CLA, "children_percent", filters, matches=matches)


_HEALTH = "Health assessments: Children looked after all ages"
_STABILITY_LONG = "Children looked after continuously for at least 2.5 years on 31 March aged under 16 years"
_TEENS, _YOUNG_ADULTS = "17 to 18 years", "19 to 21 years"
_EET = "Total in education, employment or training"
_SUITABLE = "Accommodation considered suitable"

POPULATION = Measure(
    "children_0_17",
    "Children aged 0 to 17 years, mid-year estimate",
    ONS,
    "population_estimate",
    {"age_group": "Children aged 0 to 17 years"},
)

LIBRARY: dict[str, Measure] = {
    m.name: m
    for m in (
        Measure(
            "rereferrals_percent",
            "Referrals within 12 months of a previous referral (%)",
            CIN,
            "rereferral_percent",
            matches=(r"re-?referr",),
        ),
        Measure(
            "nfa_percent",
            "Referrals resulting in no further action (%)",
            CIN,
            "no_further_action_percent",
            matches=(r"referr", r"no further action|\bnfa\b"),
        ),
        Measure(
            "cin_rate",
            "Children in need at 31 March per 10,000 children aged 0-17",
            CIN,
            "At31_episodes",
            rate=True,
            matches=(r"children in need|\bcin\b", r"\brate\b|10,?000"),
        ),
        Measure(
            "cp_rate",
            "Children on a child protection plan at 31 March per 10,000 children aged 0-17",
            CIN,
            "CPP_At31",
            rate=True,
            matches=(r"child protection|\bcp\b", r"\brate\b|10,?000"),
        ),
        Measure(
            "cp_second_plan_percent",
            "Child protection plans starting in the year that were a second or subsequent plan (%)",
            CIN,
            "CPP_subsequent_percent",
            matches=(r"child protection|\bcp\b", r"repeat|second|subsequent"),
        ),
        Measure(
            "cp_two_years_percent",
            "Child protection plans open at 31 March that had lasted 2 years or more (%)",
            CIN,
            "2_years_or_more_percent",
            matches=(r"child protection|\bcp\b", r"2 years or more|two years or more", r"31 march|current"),
        ),
        Measure(
            "cla_rate",
            "Children looked after at 31 March per 10,000 children aged 0-17",
            CLA,
            "rate_per_10000",
            {"population_type": "Children looked after on 31 March each year"},
            matches=(r"looked after|cared for|\bcla\b|\bcic\b|in care", r"\brate\b|10,?000"),
        ),
        _cla(
            "placement_stability_short",
            "Children looked after at 31 March with 3 or more placements during the year (%)",
            {
                "cla_group": "CLA on 31 March",
                "placement_stability": "With 3 or more placements during the year",
            },
            (r"short[- ]term", r"placement"),
        ),
        _cla(
            "placement_stability_long",
            "Children under 16 looked after for 2.5 years or more, in the same placement for 2 years (%)",
            {
                "cla_group": _STABILITY_LONG,
                "placement_stability": "Living with the same carer for at least 2 years",
            },
            (r"long[- ]term", r"placement"),
        ),
        _cla(
            "health_assessments",
            "Children looked after for 12 months with their annual health assessment (%)",
            {"characteristic": _HEALTH, "breakdown": "Had their annual health assessment"},
            (r"health (check|assessment)", r"up to date|annual|in care|looked after|cared for"),
        ),
        _cla(
            "dental_checks",
            "Children looked after for 12 months with their teeth checked by a dentist (%)",
            {"characteristic": _HEALTH, "breakdown": "Had their teeth checked by a dentist"},
            (r"dental|dentist|teeth",),
        ),
        _cla(
            "immunisations",
            "Children looked after for 12 months with their immunisations up to date (%)",
            {"characteristic": _HEALTH, "breakdown": "Had their immunisations up to date"},
            (r"immunisation",),
        ),
        *(
            Measure(
                f"care_leavers_{kind}_{ages}",
                f"Care leavers aged {ages.replace('_', ' to ')} {words} (%)",
                CLA,
                "care_leaver_percent",
                {"care_leaver_age": age, "breakdown": breakdown},
                matches=(r"care leavers?", age_words, kind_words),
            )
            for ages, age, age_words in (
                ("17_18", _TEENS, r"17 (to|-|and) 18"),
                ("19_21", _YOUNG_ADULTS, r"19 (to|-|and) 21"),
            )
            for kind, breakdown, words, kind_words in (
                ("eet", _EET, "in education, employment or training", r"education|employment|\beet\b"),
                ("suitable", _SUITABLE, "in suitable accommodation", r"suitable accommodation"),
            )
        ),
        *(
            Measure(
                f"sw_{name}",
                f"Children's social workers: {title}",
                CSWW,
                column,
                year_end=SEPTEMBER,
                matches=(r"social workers?", words),
            )
            for name, title, column, words in (
                ("turnover", "turnover rate, FTE (%)", "turnover_rate_fte", r"turnover"),
                ("vacancy", "vacancy rate, FTE (%)", "vacancy_rate_fte", r"vacanc"),
                ("agency", "agency worker rate, FTE (%)", "agency_rate_fte", r"agency"),
                ("absence", "sickness absence rate, FTE (%)", "absence_rate_fte", r"sickness|absence"),
            )
        ),
        Measure(
            "sw_caseload",
            "Children's social workers: average caseload per case-holding FTE",
            CSWW,
            "caseload_fte",
            year_end=SEPTEMBER,
            matches=(r"caseload", r"social work|cin|\bcp\b"),
        ),
    )
}


def proposed(title: str, library: Mapping[str, Measure]) -> str:
    """The measure ``init`` proposes for a scorecard title: the one whose words it all matches, and
    only when exactly one does ("" otherwise: the analyst chooses)."""
    words = title.lower()
    found = [m.name for m in library.values() if m.matches and all(re.search(p, words) for p in m.matches)]
    return found[0] if len(found) == 1 else ""


def propose_measures(
    records: Iterable[dict[str, str]],
    own: Mapping[str, Mapping[str, Any]],
    ids: Collection[str] | None = None,
) -> dict[str, str]:
    """Fill the ``benchmark`` of each catalogue record (of ``ids``, or all) that has none, where its
    title matches exactly one measure of the library or the council's own; id -> measure proposed."""
    library = {**LIBRARY, **custom_measures(own)}
    found = {}
    for record in records:
        wanted = (ids is None or record["id"] in ids) and not record.get("benchmark")
        if wanted and (name := proposed(record["title"], library)):
            record["benchmark"] = name
            found[record["id"]] = name
    return found


def custom_measures(validated: Mapping[str, Mapping[str, Any]]) -> dict[str, Measure]:
    """A council's own measures, from the settings' ``benchmarks: measures:`` (checked on loading:
    ``scorecard.data.benchmark_data.measure_settings``)."""
    return {
        name: Measure(
            name,
            str(entry.get("title", name)),
            str(entry.get("publication", "DfE")),
            str(entry["value"]),
            {str(k): str(v) for k, v in dict(entry.get("filters") or {}).items()},
            rate=bool(entry.get("rate", False)),
            year_end=str(entry.get("year_end", MARCH)).lower(),
            decimals=int(entry.get("decimals", 1)),
        )
        for name, entry in validated.items()
    }
