"""The data folder: ``data/`` read once and checked (settings, catalogue, values, published arrows
and ratings, the revisions log), and written all-or-nothing under its lock.

Takes files; gives a validated ``ScorecardData`` (``load_data``) or one ``Problem`` per bad cell.
Imports the vocabulary only. Other rooms import the names below (its face), never its modules.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the names as mypy sees them; at run time __getattr__ imports each on first use
    from scorecard.data.accountability import (
        Action,
        ActionStatus,
        FiledAction,
        actions_of,
        add_action,
        close_action,
        closing,
        filed_actions,
        filed_commentary,
        open_actions,
        with_action,
    )
    from scorecard.data.benchmark_data import (
        BENCHMARKS_FILE,
        GSS_SYMBOLS,
        MARCH,
        SEPTEMBER,
        average_text,
        benchmark_problems,
        benchmarks_text,
        published_figure,
    )
    from scorecard.data.bounds import (
        MAX_CELL_CHARS,
        MAX_CELLS,
        MAX_COLUMNS,
        MAX_ROWS,
        TOO_MANY_CELLS,
        xlsx_problems,
    )
    from scorecard.data.cross_file_checks import (
        FIRST_PERIOD,
        POSSIBLE,
        ratio,
        ratio_problem,
        row_rules,
        this_month,
    )
    from scorecard.data.files import (
        NotReadable,
        Snapshot,
        Transaction,
        changing,
        commit,
        exclusive,
        freeze,
        read_files,
        read_regular,
        read_text_file,
    )
    from scorecard.data.load import (
        COLUMNS,
        FILES,
        OPTIONAL_FILES,
        account_problems,
        load_data,
        parse_csv,
        read_tables,
    )
    from scorecard.data.revisions import Revision, as_issued, cell_text, for_pack, revision_problems
    from scorecard.data.revisions import empty as empty_revisions
    from scorecard.data.revisions import logged as logged_revisions
    from scorecard.data.revisions import now as revision_time
    from scorecard.data.series_checks import gap_notes
    from scorecard.data.settings import load_settings
    from scorecard.data.textfiles import (
        csv_rows,
        decode,
        guard_formula,
        keep_formulas_as_text,
        output_problems,
        read_bytes,
        table_bytes,
        unguard_formula,
        write_atomically,
    )
    from scorecard.data.validate import ID, check_tables

__all__ = [
    "BENCHMARKS_FILE",
    "COLUMNS",
    "FILES",
    "FIRST_PERIOD",
    "GSS_SYMBOLS",
    "ID",
    "MARCH",
    "MAX_CELLS",
    "MAX_CELL_CHARS",
    "MAX_COLUMNS",
    "MAX_ROWS",
    "OPTIONAL_FILES",
    "POSSIBLE",
    "SEPTEMBER",
    "TOO_MANY_CELLS",
    "Action",
    "ActionStatus",
    "FiledAction",
    "NotReadable",
    "Revision",
    "Snapshot",
    "Transaction",
    "account_problems",
    "actions_of",
    "add_action",
    "as_issued",
    "average_text",
    "benchmark_problems",
    "benchmarks_text",
    "cell_text",
    "changing",
    "check_tables",
    "close_action",
    "closing",
    "commit",
    "csv_rows",
    "decode",
    "empty_revisions",
    "exclusive",
    "filed_actions",
    "filed_commentary",
    "for_pack",
    "freeze",
    "gap_notes",
    "guard_formula",
    "keep_formulas_as_text",
    "load_data",
    "load_settings",
    "logged_revisions",
    "open_actions",
    "output_problems",
    "parse_csv",
    "published_figure",
    "ratio",
    "ratio_problem",
    "read_bytes",
    "read_files",
    "read_regular",
    "read_tables",
    "read_text_file",
    "revision_problems",
    "revision_time",
    "row_rules",
    "table_bytes",
    "this_month",
    "unguard_formula",
    "with_action",
    "write_atomically",
    "xlsx_problems",
]

# Each name of the face: its module in this room, and its name there (None: the module itself).
# Imported on first use, so that importing the room imports nothing heavy (Quarto's steps run with
# the standard library only). Not kept here once found: each use looks the name up in its module,
# where a test may have replaced it.
_FACE: dict[str, tuple[str, str | None]] = {
    "BENCHMARKS_FILE": ("benchmark_data", "BENCHMARKS_FILE"),
    "GSS_SYMBOLS": ("benchmark_data", "GSS_SYMBOLS"),
    "MARCH": ("benchmark_data", "MARCH"),
    "SEPTEMBER": ("benchmark_data", "SEPTEMBER"),
    "average_text": ("benchmark_data", "average_text"),
    "benchmark_problems": ("benchmark_data", "benchmark_problems"),
    "benchmarks_text": ("benchmark_data", "benchmarks_text"),
    "published_figure": ("benchmark_data", "published_figure"),
    "Action": ("accountability", "Action"),
    "ActionStatus": ("accountability", "ActionStatus"),
    "COLUMNS": ("load", "COLUMNS"),
    "FILES": ("load", "FILES"),
    "FIRST_PERIOD": ("cross_file_checks", "FIRST_PERIOD"),
    "FiledAction": ("accountability", "FiledAction"),
    "ID": ("validate", "ID"),
    "MAX_CELL_CHARS": ("bounds", "MAX_CELL_CHARS"),
    "MAX_CELLS": ("bounds", "MAX_CELLS"),
    "MAX_COLUMNS": ("bounds", "MAX_COLUMNS"),
    "MAX_ROWS": ("bounds", "MAX_ROWS"),
    "NotReadable": ("files", "NotReadable"),
    "OPTIONAL_FILES": ("load", "OPTIONAL_FILES"),
    "POSSIBLE": ("cross_file_checks", "POSSIBLE"),
    "Revision": ("revisions", "Revision"),
    "Snapshot": ("files", "Snapshot"),
    "TOO_MANY_CELLS": ("bounds", "TOO_MANY_CELLS"),
    "Transaction": ("files", "Transaction"),
    "account_problems": ("load", "account_problems"),
    "actions_of": ("accountability", "actions_of"),
    "add_action": ("accountability", "add_action"),
    "as_issued": ("revisions", "as_issued"),
    "cell_text": ("revisions", "cell_text"),
    "close_action": ("accountability", "close_action"),
    "changing": ("files", "changing"),
    "check_tables": ("validate", "check_tables"),
    "closing": ("accountability", "closing"),
    "commit": ("files", "commit"),
    "csv_rows": ("textfiles", "csv_rows"),
    "decode": ("textfiles", "decode"),
    "empty_revisions": ("revisions", "empty"),
    "exclusive": ("files", "exclusive"),
    "filed_actions": ("accountability", "filed_actions"),
    "filed_commentary": ("accountability", "filed_commentary"),
    "for_pack": ("revisions", "for_pack"),
    "freeze": ("files", "freeze"),
    "gap_notes": ("series_checks", "gap_notes"),
    "guard_formula": ("textfiles", "guard_formula"),
    "keep_formulas_as_text": ("textfiles", "keep_formulas_as_text"),
    "load_data": ("load", "load_data"),
    "load_settings": ("settings", "load_settings"),
    "logged_revisions": ("revisions", "logged"),
    "open_actions": ("accountability", "open_actions"),
    "output_problems": ("textfiles", "output_problems"),
    "parse_csv": ("load", "parse_csv"),
    "ratio": ("cross_file_checks", "ratio"),
    "ratio_problem": ("cross_file_checks", "ratio_problem"),
    "read_bytes": ("textfiles", "read_bytes"),
    "read_files": ("files", "read_files"),
    "read_regular": ("files", "read_regular"),
    "read_tables": ("load", "read_tables"),
    "read_text_file": ("files", "read_text_file"),
    "revision_problems": ("revisions", "revision_problems"),
    "revision_time": ("revisions", "now"),
    "row_rules": ("cross_file_checks", "row_rules"),
    "table_bytes": ("textfiles", "table_bytes"),
    "this_month": ("cross_file_checks", "this_month"),
    "unguard_formula": ("textfiles", "unguard_formula"),
    "with_action": ("accountability", "with_action"),
    "write_atomically": ("textfiles", "write_atomically"),
    "xlsx_problems": ("bounds", "xlsx_problems"),
}


def __getattr__(name: str) -> object:
    if name not in _FACE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    module, attribute = _FACE[name]
    found = importlib.import_module(f"{__name__}.{module}")
    return found if attribute is None else getattr(found, attribute)


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
