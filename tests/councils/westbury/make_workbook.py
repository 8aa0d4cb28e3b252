"""Writes scorecard-2024-25.xlsx: Westbury Borough Council's monthly scorecard as its analyst keeps it.

A Section column, the council's own green/amber/red bands for some indicators and its own tolerance
for others, benchmarks each for a year, last year's outturn, the published RAG and the lead. Months
are Excel dates, percentages are fractions formatted 0.0%, and a second sheet holds notes.
Run it to rebuild the workbook: python tests/councils/westbury/make_workbook.py
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import Workbook

MONTHS = [dt.datetime(2024 + (m < 4), m, 1) for m in (*range(4, 13), 1, 2, 3)]
HEADER = [
    "PI Ref",
    "Section",
    "Performance Indicator",
    "Polarity",
    *MONTHS,
    "Target",
    "Tolerance",
    "Green",
    "Amber",
    "Red",
    "SN Average 2023/24",
    "England 2023/24",
    "Top Quartile 2023/24",
    "Last year",
    "RAG",
    "Lead",
]
PERCENT, RATE, COUNT = "0.0%", "0.0", "#,##0"
# id, section, title, polarity, format, twelve months, target, tolerance, green, amber, red, SN,
# England, top quartile, last year, RAG, lead
ROWS = [
    ("WB1", "Front Door", "Number of contacts received", "N/A", COUNT,
     [1012, 980, 1105, 990, 870, 1040, 1120, 1085, 930, 1150, 1090, 1134],
     "", "", "", "", "", "", "", "", "1,021", "", "Head of Front Door"),
    ("WB2", "Front Door", "Percentage of referrals with a decision within 24 hours", "Higher", PERCENT,
     [0.921, 0.934, 0.945, 0.951, 0.962, 0.948, 0.957, 0.966, 0.941, 0.958, 0.955, 0.932],
     "95%", "", ">= 95%", "85% - 94.9%", "< 85%", "93.1%", "92.5%", "97.0%", "93.8%", "A",
     "Head of Front Door"),
    ("WB3", "Front Door", "Percentage of re-referrals within 12 months", "Lower", PERCENT,
     [0.231, 0.224, 0.219, 0.215, 0.208, 0.212, 0.205, 0.199, 0.218, 0.226, 0.223, 0.214],
     "20%", "10%", "", "", "", "21.5%", "22.4%", "", "23.0%", "A", "Head of Front Door"),
    ("WB4", "Child Protection", "Percentage of single assessments completed within 45 working days",
     "Higher", PERCENT,
     [0.88, 0.902, 0.915, 0.893, 0.871, 0.884, 0.9, 0.912, 0.868, 0.874, 0.86, 0.849],
     "90%", "5%", "", "", "", "86.0%", "82.9%", "", "87.1%", "R", "Service Manager, Assessment"),
    ("WB5", "Child Protection", "Percentage of child protection plans reviewed within timescale",
     "Higher", PERCENT,
     [0.95, 0.97, 1.0, 0.98, 0.96, 1.0, 0.99, 0.97, 0.98, 0.94, 0.963, 1.0],
     "100%", "", ">= 98%", "90% - 97.9%", "< 90%", "", "", "99.1%", "96.9%", "G",
     "Safeguarding Unit Manager"),
    ("WB6", "Child Protection", "Rate of children subject to a child protection plan per 10,000",
     "Within band", RATE,
     [38.2, 39.0, 40.4, 41.2, 42.5, 43.1, 43.9, 44.2, 44.6, 45.0, 44.8, 46.3],
     "", "", "40 - 45", "35 - 39.9 or 45.1 - 50", "< 35 or > 50", "43.0", "42.1", "", "37.9", "A",
     "Safeguarding Unit Manager"),
    ("WB7", "Children in Care", "Rate of children in care per 10,000", "Within band", RATE,
     [66.1, 66.8, 67.3, 67.9, 68.4, 68.8, 69.2, 69.5, 70.1, 70.4, 70.8, 71.5],
     "60-70", "10%", "", "", "", "", "71.0", "", "65.8", "G", "Head of Children in Care"),
    ("WB8", "Children in Care", "Percentage of care leavers in suitable accommodation", "Higher", PERCENT,
     [0.905, 0.91, 0.9, 0.893, 0.915, 0.92, 0.908, 0.897, 0.912, 0.918, 0.91, 0.88],
     "At least 90%", "", "", "", "", "87.5%", "88.0%", "94.0%", "89.5%", "A",
     "Head of Children in Care"),
    ("WB9", "Workforce", "Social worker turnover (rolling 12 months)", "Lower", PERCENT,
     [0.138, 0.141, 0.145, 0.149, 0.152, 0.155, 0.151, 0.148, 0.153, 0.157, 0.159, 0.164],
     "", "", "<= 12%", "12.1% - 16%", "> 16%", "", "17.1%", "", "13.6%", "R", "Principal Social Worker"),
    ("WB10", "Workforce", "Number of agency social workers", "N/A", COUNT,
     [31, 30, 32, 29, 28, 30, 27, 26, 28, 25, 24, 26],
     "Monitor", "", "", "", "", "", "", "", "30", "", "Principal Social Worker"),
]  # fmt: skip
NOTES = [
    ["Notes"],
    ["Bands are the council's own, agreed by the Corporate Parenting Board in March 2024."],
    ["Tolerance: how far from target an indicator may be and still be amber."],
]


def build(path: Path) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "Scorecard"
    sheet.append(["Westbury Borough Council - Children's Services Performance Scorecard 2024/25"])
    sheet.append([])
    sheet.append(HEADER)
    for column in range(5, 5 + len(MONTHS)):
        sheet.cell(3, column).number_format = "mmm-yy"
    for ident, section, title, polarity, number_format, months, *rest in ROWS:
        sheet.append([ident, section, title, polarity, *months, *(cell or None for cell in rest)])
        row = sheet.max_row
        for column in range(5, 5 + len(MONTHS)):
            sheet.cell(row, column).number_format = number_format
    notes = book.create_sheet("Notes")
    for line in NOTES:
        notes.append(line)
    book.save(path)
    return path


if __name__ == "__main__":
    print(build(Path(__file__).with_name("scorecard-2024-25.xlsx")))
