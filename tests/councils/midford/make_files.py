"""Writes Midford Borough Council's files as its analyst gets them: kpi-catalogue.xlsx, the KPI list
the performance team keeps (a Read me sheet, then the list), and warehouse-extract.csv, the data
warehouse's monthly extract: one row per KPI per month, the period split into a Financial Year and
a Month column beside the period's end date, numerators and denominators behind the percentages (the
value left for them to give), and the month's comments. Saved as Excel's "CSV UTF-8" (a byte-order
mark, CRLF line ends).
Run it to rebuild both: python tests/councils/midford/make_files.py
"""

from __future__ import annotations

import calendar
import csv
import io
from pathlib import Path

from openpyxl import Workbook

MONTHS = [(2024, m) for m in range(4, 13)] + [(2025, m) for m in (1, 2, 3)]
CATALOGUE = [
    ("KPI Code", "Service Area", "KPI Name", "Polarity", "Target", "England 2023/24"),
    ("MF-EH1", "Early Help", "Number of early help assessments started", "No preference", "Monitor", ""),
    ("MF-EH2", "Early Help", "Percentage of early help assessments completed within 45 working days",
     "Bigger is better", "At least 85%", ""),
    ("MF-SG1", "Safeguarding", "Percentage of referrals that are re-referrals within 12 months",
     "Smaller is better", "Below 20%", "22.4%"),
    ("MF-SG2", "Safeguarding",
     "Percentage of initial child protection conferences held within 15 working days", "High is good",
     "At least 90%", "78.0%"),
    ("MF-CP1", "Corporate Parenting", "Rate of children in care per 10,000 children", "Within range",
     "Between 65 and 75", "70.0"),
    ("MF-CP2", "Corporate Parenting", "Average caseload per social worker", "Low is good",
     "No more than 18", ""),
    ("MF-CP3", "Corporate Parenting", "Percentage of care leavers in education, employment or training",
     "Bigger is better", "At least 60%", "56.0%"),
]  # fmt: skip
# KPI -> twelve months: a count or value, or (numerator, denominator), or "NYC"
SERIES: dict[str, list[object]] = {
    "MF-EH1": [131, 128, 140, 122, 118, 135, 149, 144, 120, 152, 150, 142],
    "MF-EH2": [(70, 84), (75, 88), (81, 95), (77, 90), (68, 82), (80, 93), (84, 97), (79, 92), (72, 86),
               (83, 98), (80, 96), (88, 100)],
    "MF-SG1": [(38, 190), (41, 199), (36, 188), (44, 201), (39, 196), (42, 210), (37, 202), (40, 198),
               (35, 185), (43, 207), (40, 205), (45, 200)],
    "MF-SG2": [(20, 23), (18, 21), (22, 24), (19, 22), (17, 20), (21, 23), (23, 25), (20, 22), (18, 21),
               (22, 25), (21, 24), (19, 25)],
    "MF-CP1": [70.2, 70.6, 71.1, 71.5, 71.9, 72.3, 72.6, 72.9, 73.0, 73.1, 73.2, 73.8],
    "MF-CP2": [18.9, 18.7, 18.8, 18.6, 18.5, 18.7, 18.4, 18.2, 18.3, 18.5, 18.4, 17.5],
    "MF-CP3": [(31, 52), (30, 51), (32, 53), (29, 50), (33, 54), (31, 52), (32, 52), (34, 55), (33, 54),
               (35, 56), (34, 55), "NYC"],
}  # fmt: skip
COMMENTS = {
    ("MF-SG2", 11): "Six conferences moved at families' request",
    ("MF-CP3", 11): "March figure due after the May census",
}
README = [
    ["Midford Borough Council - KPI catalogue"],
    ["Owned by the Performance and Intelligence Team. One row per KPI on the KPI list sheet."],
]


def catalogue(path: Path) -> Path:
    book = Workbook()
    readme = book.active
    readme.title = "Read me"
    for line in README:
        readme.append(line)
    kpis = book.create_sheet("KPI list")
    for row in CATALOGUE:
        kpis.append([cell or None for cell in row])
    book.save(path)
    return path


def extract(path: Path) -> Path:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(
        ["KPI Code", "Financial Year", "Month", "Period End", "Numerator", "Denominator", "Value", "Comments"]
    )
    for code, series in SERIES.items():
        for n, (year, month) in enumerate(MONTHS):
            figure = series[n]
            end = f"{calendar.monthrange(year, month)[1]:02d}/{month:02d}/{year}"
            numerator, denominator, value = "", "", ""
            if isinstance(figure, tuple):
                numerator, denominator = str(figure[0]), str(figure[1])
            else:
                value = str(figure)
            writer.writerow(
                [code, "2024-25", calendar.month_name[month], end, numerator, denominator, value,
                 COMMENTS.get((code, n), "")]
            )  # fmt: skip
    path.write_bytes(out.getvalue().encode("utf-8-sig"))
    return path


if __name__ == "__main__":
    folder = Path(__file__).parent
    print(catalogue(folder / "kpi-catalogue.xlsx"), extract(folder / "warehouse-extract.csv"))
