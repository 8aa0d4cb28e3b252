"""The web page's "Download the data" links: the export's files inside the self-contained page.

The files are exactly what ``python -m scorecard export --out scorecard.csv`` (and ``.xlsx``) writes
for the pack's period: the same table (``scorecard.rules.export_frame``), written the same way
(``scorecard.data.table_bytes``).

Each file is a ``data:`` URI (base64) on a link with a ``download`` name, so it works offline and from
an e-mailed copy of the page. Nothing from the data reaches the HTML as text: the file name is built
from the period (``YYYY-MM``, validated) and the contents are base64. The links are on the web page
only; the PDF is the board's printed pack. Like the tables' HTML, the block waits in a file until
Quarto has finished the page (``include_html.py``), so Quarto's own processing never carries the
base64. The workbook's save times are fixed (``steady_xlsx``), so the same data gives the same
page, render after render.
"""

from __future__ import annotations

import base64
import io
import re
import zipfile
from typing import TYPE_CHECKING

from scorecard.data import table_bytes
from scorecard.pack.output.outputs import Markdown, stored, web_only
from scorecard.project import include_marker

if TYPE_CHECKING:
    import pandas as pd

TYPES = {
    ".csv": ("text/csv", "CSV"),
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel workbook (XLSX)"),
}


def steady_xlsx(content: bytes) -> bytes:
    """The workbook with its save times (zip entries, document properties) fixed: the same cells give
    the same bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(content)) as source, zipfile.ZipFile(out, "w") as target:
        for entry in source.infolist():
            data = source.read(entry)
            if entry.filename == "docProps/core.xml":
                data = re.sub(
                    rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>2000-01-01T00:00:00Z", data
                )
            fixed = zipfile.ZipInfo(entry.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type, fixed.external_attr = zipfile.ZIP_DEFLATED, entry.external_attr
            target.writestr(fixed, data)
    return out.getvalue()


def download_links(table: pd.DataFrame, period: str) -> Markdown:
    """A paragraph of links to ``table`` as a CSV file and as a workbook, named
    ``scorecard-YYYY-MM.csv`` and so on."""
    links = []
    for suffix in TYPES:
        content = table_bytes(table, suffix)
        if suffix == ".xlsx":
            content = steady_xlsx(content)
        mime, words = TYPES[suffix]
        uri = f"data:{mime};base64,{base64.b64encode(content).decode('ascii')}"
        size = f"{max(1, round(len(content) / 1024))} kB"
        links.append(
            f'<a class="pack-download" href="{uri}" download="scorecard-{period}{suffix}">{words}, {size}</a>'
        )
    html = (
        '<p class="pack-downloads"><strong>Download the data</strong> (the computed scorecard, as '
        "<code>python -m scorecard export</code> writes it): " + " · ".join(links) + "</p>"
    )
    path, file = stored(html, ".html")
    return Markdown(web_only(include_marker(path)), file)
