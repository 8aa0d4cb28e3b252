"""The web page's "Download the data" links, a cell of report.qmd: the files ``export`` writes.

An entry point beside ``export``, which it calls: the pack's rooms may not call the export, and the
download is built from the export itself so it carries every column the export has. The export (and
pandas with it) is imported only when the cache cannot answer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from scorecard.pack import Bundle, pack_output

if TYPE_CHECKING:  # importing the frame would import pandas: a cached render never does
    from scorecard.rules import Scorecard


def download_links() -> Bundle:
    """The links to the pack's period's scorecard as CSV and as XLSX, embedded in the web page.

    Examples
    --------
    >>> download_links()  # HTML only: "Download the data ... CSV, 14 kB · Excel workbook (XLSX), 8 kB"
    <rendered output: text/markdown, text/plain>
    """

    def links(sc: Scorecard) -> object:
        from scorecard.export import export_files
        from scorecard.pack import download_links as embedded

        return embedded(export_files(sc.data, sc.period), sc.period)

    return pack_output("download_links", links)
