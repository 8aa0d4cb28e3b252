"""A hostile but valid data folder: the shipped data with code in every free-text field.

Every payload is text an analyst could paste (a title copied from a web page, a note with a formula),
and ``check`` accepts it. Rendered, each must show literally and do nothing: no script, no Typst code,
no shortcode, no image fetched, no math, no fence that swallows what follows.
"""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import yaml

PAYLOADS = (
    '<script>alert("s1")</script><img src="http://example.invalid/i.png" onerror="alert(2)">',
    '#read("/etc/passwd") #raw(read("/etc/hostname")) #eval("1+1")',
    "{{< env HOME >}} {{< include /etc/hostname >}} {{< meta title >}} {{< pagebreak >}}",
    "![pic](http://example.invalid/p.png) [link](http://example.invalid/) <http://example.invalid/>",
    "$x^2$ and $$\\frac{1}{2}$$ \\(y\\)",
    '```{=html} <script>alert("f")</script> ``` `#read("/etc/passwd")`{=typst} ~~~',
    "# not a heading - not a list 1. not a list | not | a table | ::: {.callout-note} @fig-x [^1]",
    "<!-- hidden --> &lt;b&gt; &amp; \\ \"double\" 'single' *em* _em_ **b** `code` <b>bold</b>",
)
LONG = "Long " + "x" * 1500  # far beyond a table row or a chart title: wrapped, cut, never broken
# Strings the machine could leak into an output: none of them may appear in either.
SECRETS_PATHS = ("/etc/passwd", "/etc/hostname")


def payload(n: int) -> str:
    return PAYLOADS[n % len(PAYLOADS)]


def make_hostile(source: Path, target: Path) -> Path:
    """A copy of ``source`` (a data folder) with every free-text field hostile; returns ``target``."""
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("raw", ".*"))
    settings = yaml.safe_load((target / "settings.yaml").read_text(encoding="utf-8"))
    settings["organisation"] = payload(1) + " " + payload(2)
    settings["report_title"] = payload(0)
    settings["population"]["source"] = payload(4) + " " + payload(3)
    for n, section in enumerate(settings["sections"]):
        section["title"] = f"Section {n + 1} {payload(n + 2)}"
        section["scope"] = payload(n + 5)
    (target / "settings.yaml").write_text(yaml.safe_dump(settings, sort_keys=False), encoding="utf-8")
    path = target / "catalogue.csv"
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    for n, row in enumerate(rows):
        row["title"] = f"{row['title'][:30]} {payload(n)}"
        row["notes"] = payload(n + 3) if n % 7 else LONG
        if n == 3:
            row["title"] = LONG
        if row["id"] == "84":  # the series break's title is in the data notes
            row["title"] = "Sickness " + payload(2) + " " + payload(5)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    return target


def literal_words(text: str) -> str:
    """``text`` with whitespace removed: the PDF's and the page's line breaks fall anywhere."""
    return "".join(text.split())
