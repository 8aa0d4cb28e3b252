"""The data files' columns: the catalogue's, the values', the rebases', the benchmarks' names, the
columns an older data folder may lack (the values' completed here, the catalogue's by
``model.complete_catalogue``), and every field a council's column can be read as.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only: the settings and the pre-render step read this module without pandas
    import pandas as pd


# Beside the SN average: the other benchmarks, each benchmark's year, and last year's outturn.
FIGURE_COLUMNS = (
    "sn_average_year",
    "england",
    "england_year",
    "region",
    "region_year",
    "top_quartile",
    "top_quartile_year",
    "previous_year",
    "previous_year_period",
)
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
    "frequency",
    "tolerance",
    "green",
    "amber",
    "red",
    *FIGURE_COLUMNS,
    "lead",
    "benchmark",  # the DfE measure the indicator is benchmarked with (the library's name), or blank
    "baseline",
)
# Columns an older data folder may lack: read as blank (frequency from the basis), and written by
# the next import.
OPTIONAL_CATALOGUE_COLUMNS = CATALOGUE_COLUMNS[CATALOGUE_COLUMNS.index("frequency") :]
VALUE_COLUMNS = ("id", "period", "value", "status", "count", "raw", "numerator", "denominator")
REBASE_COLUMNS = ("id", "from", "reason")  # data/rebases.csv: new SPC limits from a month, and why
OPTIONAL_VALUE_COLUMNS = ("numerator", "denominator")
BENCHMARKS = {  # catalogue column -> how the pack names it
    "sn_average": "SN av",
    "england": "England",
    "region": "Region",
    "top_quartile": "Top quartile",
}


def complete_values(values: pd.DataFrame) -> pd.DataFrame:
    """The values with ``numerator`` and ``denominator`` there (NaN where not given)."""
    missing = [column for column in OPTIONAL_VALUE_COLUMNS if column not in values.columns]
    if not missing:
        return values
    values = values.copy()
    for column in missing:
        values[column] = float("nan")
    return values


# The fields a column can be read as: the names `--column HEADER=FIELD` and settings.yaml's
# `columns` use. Their header words are the importer's (scorecard.data.importer.columns).
EVERY_FIELD = (
    "id",
    "title",
    "section",
    "polarity",
    "target",
    "tolerance",
    "green",
    "amber",
    "red",
    "sn_average",
    "england",
    "region",
    "top_quartile",
    "previous_year",
    "published_direction",
    "published_rating",
    "frequency",
    "unit",
    "decimals",
    "lead",
    "commentary",
    "action",
    "action_owner",
    "action_due",
    "sn_average_year",
    "england_year",
    "region_year",
    "top_quartile_year",
    "previous_year_period",
    "ignore",
    "period",
    "year",
    "value",
    "numerator",
    "denominator",
    "status",
)
