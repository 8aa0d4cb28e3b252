"""Writes scorecard-2024-25.xlsx: Southvale Council's monthly scorecard, a sheet per section, as its
analyst keeps it.

A Cover sheet, then one sheet for each section: a title block (the section, the date the data were
drawn, a blank row), a header row with the months as Excel dates, percentages stored as fractions
formatted 0.0%, a RAG and a Comments column; a Key sheet at the end, and a hidden Lookups sheet.
Run it to rebuild the workbook: python tests/councils/southvale/make_workbook.py
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import Workbook

MONTHS = [dt.datetime(2024 + (m < 4), m, 1) for m in (*range(4, 13), 1, 2, 3)]
HEADER = ["Ref", "Indicator", "Good is", *MONTHS, "Target", "RAG", "Comments"]
PERCENT, RATE, COUNT = "0.0%", "0.0", "#,##0"
# section -> rows: id, title, good is, format, twelve months, target, RAG, comment
SECTIONS = {
    "Front Door": [
        ("SV01", "Number of contacts received", "N/A", COUNT,
         [1102, 1045, 1180, 1020, 955, 1130, 1204, 1160, 990, 1230, 1210, 1254], "Monitor", "", ""),
        ("SV02", "Percentage of referrals with a decision within 1 working day", "High", PERCENT,
         [0.941, 0.952, 0.948, 0.955, 0.962, 0.958, 0.951, 0.949, 0.944, 0.957, 0.955, 0.932], "95%", "A",
         "Two staff vacancies in March; agency cover agreed from April."),
        ("SV03", "Percentage of re-referrals within 12 months", "Low", PERCENT,
         [0.238, 0.231, 0.229, 0.225, 0.221, 0.224, 0.230, 0.227, 0.219, 0.224, 0.226, 0.214],
         "Below 22%", "G", ""),
    ],
    "Child Protection": [
        ("SV04", "Percentage of child protection plans lasting 2 years or more", "Low", PERCENT,
         [0.021, 0.024, 0.025, 0.022, 0.027, 0.029, 0.026, 0.028, 0.031, 0.029, 0.030, 0.036],
         "No more than 3%", "R", "Six long plans reviewed by the Head of Service in March."),
        ("SV05", "Percentage of children seen within 5 working days of a Section 47 enquiry starting",
         "High", PERCENT,
         [0.902, 0.915, 0.887, None, 0.921, 0.899, 0.905, 0.918, 0.893, 0.901, 0.880, 0.910], "At least 90%",
         "G", "July's figure was not collected (system upgrade)."),
        ("SV06", "Rate of children subject to a child protection plan per 10,000 children", "Within band",
         RATE, [38.2, 39.0, 40.4, 41.2, 42.5, 43.1, 43.9, 44.2, 44.6, 45.0, 44.8, 46.3], "35 - 45", "A", ""),
    ],
    "Children in Care": [
        ("SV07", "Rate of children in care per 10,000 children", "Within band", RATE,
         [66.1, 66.8, 67.3, 67.9, 68.4, 68.8, 69.2, 69.5, 69.8, 69.4, 69.1, 68.4], "60-70", "G", ""),
        ("SV08", "Percentage of care leavers in suitable accommodation", "High", PERCENT,
         [0.905, 0.910, 0.900, 0.893, 0.915, 0.920, 0.908, 0.897, 0.912, 0.918, 0.910, 0.880], "90%", "A",
         "Three care leavers in custody in March."),
        ("SV09", "Number of children in care placed more than 20 miles from home", "Low", COUNT,
         [24, 25, 27, 26, 28, 27, 29, 28, 27, 26, 28, 31], "Fewer than 30", "A", ""),
    ],
}  # fmt: skip
KEY = [["Key"], ["G", "On target"], ["A", "Within 15% of target"], ["R", "More than 15% from target"]]


def build(path: Path) -> Path:
    book = Workbook()
    cover = book.active
    cover.title = "Cover"
    cover.append(["Southvale Council"])
    cover.append(["Children's Services Performance Scorecard 2024/25"])
    cover.append(["Contents: " + ", ".join(SECTIONS) + ", Key"])
    for section, rows in SECTIONS.items():
        sheet = book.create_sheet(section)
        sheet.append([f"{section} - performance to March 2025"])
        sheet.append(["Data drawn from the case management system on 9 April 2025"])
        sheet.append([])
        sheet.append(HEADER)
        for column in range(4, 4 + len(MONTHS)):
            sheet.cell(4, column).number_format = "mmm-yy"
        for ident, title, good, number_format, months, target, rag, comment in rows:
            sheet.append([ident, title, good, *months, target, rag or None, comment or None])
            for column in range(4, 4 + len(MONTHS)):
                sheet.cell(sheet.max_row, column).number_format = number_format
    key = book.create_sheet("Key")
    for line in KEY:
        key.append(line)
    lookups = book.create_sheet("Lookups")
    lookups.append(["RAG", "G", "A", "R"])
    lookups.sheet_state = "hidden"
    book.save(path)
    return path


if __name__ == "__main__":
    print(build(Path(__file__).with_name("scorecard-2024-25.xlsx")))
