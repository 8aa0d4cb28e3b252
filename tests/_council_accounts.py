"""Kingsmere Borough Council's scorecard workbook, kept the way its analyst keeps it: the months as
Excel dates, percentages as fractions shown 0.0%, the service areas as heading rows, and beside each
indicator the RAG, the service lead's Comments (line breaks in the cell, as Alt+Enter leaves them),
an Action, its Owner and the date it is Due (an Excel date, a month or a quarter, or blank).

``workbook(path, month)`` writes the March 2025 file (the financial year 2024-25, every month filled)
or the April 2025 one (2025-26: April alone filled, its comments and actions moved on a month).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import Workbook

ORGANISATION = "Kingsmere Borough Council"
PERCENT, COUNT = "0.0%", "#,##0"
# ref, title, good is, target, number format, Apr-24..Mar-25
SERIES = [
    ("KM1", "Number of contacts received", "N/A", "Monitor", COUNT,
     [812, 790, 845, 801, 770, 832, 860, 841, 799, 828, 815, 836]),
    ("KM2", "Percentage of referrals with a decision within 24 hours", "Higher", "95%", PERCENT,
     [0.81, 0.79, 0.82, 0.80, 0.78, 0.81, 0.80, 0.83, 0.79, 0.80, 0.82, 0.80]),
    ("KM3", "Percentage of re-referrals within 12 months", "Lower", "20%", PERCENT,
     [0.18, 0.17, 0.18, 0.19, 0.18, 0.17, 0.18, 0.18, 0.17, 0.18, 0.19, 0.29]),
    ("KM4", "Percentage of child protection plans reviewed within timescale", "Higher", "95%", PERCENT,
     [0.97, 0.96, 0.98, 0.97, 0.99, 0.96, 0.97, 0.98, 0.97, 0.96, 0.97, 0.91]),
    ("KM5", "Percentage of children in care with an up to date health assessment", "Higher", "90%", PERCENT,
     [0.92, 0.93, 0.91, 0.94, 0.92, 0.93, 0.95, 0.92, 0.93, 0.94, 0.92, 0.93]),
]  # fmt: skip
APRIL = {"KM1": 821, "KM2": 0.81, "KM3": 0.27, "KM4": 0.93, "KM5": 0.92}
SECTIONS = {"KM1": "Front Door", "KM2": "Front Door", "KM3": "Front Door", "KM4": "Children in Care"}
SECTIONS["KM5"] = "Children in Care"
RAG = {"KM1": "", "KM2": "R", "KM3": "R", "KM4": "A", "KM5": "G"}
# ref -> (comments, action, owner, due): the March file's
MARCH = {
    "KM1": ("Contacts steady.", "", "Head of Front Door", None),
    "KM2": (
        "Decisions within 24 hours stay around 80%.\nStaffing in the MASH remains the main pressure.",
        "Recruit two MASH social workers",
        "Head of Front Door",
        dt.datetime(2025, 2, 28),
    ),
    "KM3": (
        "A rise in re-referrals in March,\nmostly from families closed in the autumn.",
        "Audit closures from Sep-Nov 2024",
        "Service Manager, Early Help",
        "Q1 2025/26",
    ),
    "KM4": ("Two reviews slipped in March.", "", "Safeguarding Unit Manager", None),
    "KM5": ("", "", "Head of Children in Care", None),
}
# The April file: KM2's action unchanged but given a later date, KM3's replaced by a new one.
APRIL_ACCOUNTS = {
    "KM1": ("", "", "Head of Front Door", None),
    "KM2": (
        "Still around 80%: one of the two posts is filled.",
        "Recruit two MASH social workers",
        "Head of Front Door",
        dt.datetime(2025, 5, 31),
    ),
    "KM3": ("Re-referrals stay high.", "Review step-down from early help", "Head of Early Help", "Jul-25"),
    "KM4": ("", "", "Safeguarding Unit Manager", None),
    "KM5": ("", "", "Head of Children in Care", None),
}
HEADER_NOTE = "Produced by Business Intelligence; commentary and actions from the service leads."


def _months(start: int) -> list[dt.datetime]:
    return [dt.datetime(start + (m < 4), m, 1) for m in (*range(4, 13), 1, 2, 3)]


def workbook(path: Path, month: str) -> Path:
    """Write the council's workbook for ``month`` (``2025-03`` or ``2025-04``) to ``path``."""
    april = month == "2025-04"
    months = _months(2025 if april else 2024)
    accounts = APRIL_ACCOUNTS if april else MARCH
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Scorecard"
    sheet.append([ORGANISATION])
    sheet.append([f"Children's Services Performance Report, {'April' if april else 'March'} 2025"])
    sheet.append([HEADER_NOTE])
    sheet.append([])
    sheet.append(
        ["Ref", "Indicator", "Good is", "Target", *months, "RAG", "Comments", "Action", "Owner", "Due"]
    )
    for cell in sheet[5][4 : 4 + len(months)]:
        cell.number_format = "mmm-yy"
    heading = ""
    for ref, title, good, target, shown, values in SERIES:
        if SECTIONS[ref] != heading:
            heading = SECTIONS[ref]
            sheet.append([heading])
        filled = [APRIL[ref]] + [None] * 11 if april else values
        comments, action, owner, due = accounts[ref]
        sheet.append([ref, title, good, target, *filled, RAG[ref], comments, action, owner, due])
        row = sheet.max_row
        for cell in sheet[row][4 : 4 + len(months)]:
            cell.number_format = shown
        if isinstance(due, dt.datetime):
            sheet.cell(row, 4 + len(months) + 5).number_format = "dd/mm/yyyy"
    book.save(path)
    return path
