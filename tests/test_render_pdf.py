"""The board's PDF from a real `quarto render`: its length, layout, text, fonts and PDF/UA-1 tagging.

Page budgets keep the pack one a board reads. On the shipped data: the whole pack in at most 36
pages, the executive summary in at most 3, the exception report and action log in at most 8, the six
section tables in at most 12 and a 30-indicator one in at most 2. The
Making Data Count summary that follows the executive summary (its matrix, and the summary icon table
with a row for each of the 96 indicators, about 40 rows a page) has its own budget of 3 pages: it is
a part of its own, as in NHS integrated performance reports, so that it does not crowd the summary.
Pages are located by their text (poppler's pdftotext, in content order): a section's table starts on
the page of its heading and ends where its narrative begins.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from functools import cache
from pathlib import Path

import pikepdf
from _render import Rendered, require_tool
from _scenarios import MARCH_EXCEPTIONS

from scorecard.data.load import load_data

ROOT = Path(__file__).resolve().parent.parent
DATA = load_data(ROOT / "data")
# The one warning a clean render still prints: Quarto validates PDF/UA with veraPDF, which it would
# download from GitHub (docs/quality.md).
KNOWN_WARNING = "PDF standard validation requested but verapdf is not installed."


@cache
def _pages(pdf: Path) -> tuple[str, ...]:
    tool = require_tool("pdftotext", "poppler-utils reads the PDF's text")
    done = subprocess.run(
        [tool, "-raw", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True
    )
    return tuple(" ".join(page.split()) for page in done.stdout.split("\f")[:-1])


def _first_page(pages: tuple[str, ...], text: str, start: int = 0) -> int:
    """0-based index of the first page from ``start`` whose text holds ``text``."""
    for number in range(start, len(pages)):
        if text in pages[number]:
            return number
    raise AssertionError(f"{text!r} is on no page from page {start + 1} on")


def _table_pages(pages: tuple[str, ...]) -> dict[str, int]:
    """Pages each section's table takes: from its heading's page to its narrative's."""
    spans, start = {}, 0
    for section in DATA.settings.sections:
        first = _first_page(pages, f"{section.title} ID Indicator", start)
        last = _first_page(pages, "Narrative", first)
        spans[section.key] = last - first + 1
        start = last
    return spans


def test_the_whole_pack_fits_in_36_pages(rendered: Rendered) -> None:
    assert len(_pages(rendered.pdf)) <= 36


def test_the_executive_summary_fits_in_3_pages(rendered: Rendered) -> None:
    pages = _pages(rendered.pdf)
    summary = _first_page(pages, "Executive summary This pack covers")
    after = _first_page(pages, "Exception report The indicators that need", summary)
    assert after - summary <= 3, f"the summary runs over pages {summary + 1}-{after}"


def test_the_exception_report_follows_the_summary_one_block_an_exception(rendered: Rendered) -> None:
    pages = _pages(rendered.pdf)
    start = _first_page(pages, "Exception report The indicators that need")
    end = _first_page(pages, "Making Data Count summary Variation of the latest point", start)
    text = " ".join(pages[start:end])
    assert end - start <= 8, f"it runs over pages {start + 1}-{end}"
    headings = re.findall(r"ID ([0-9]+[a-z]?): [A-Z][^:]*? Latest Target Rating", text)
    assert headings == MARCH_EXCEPTIONS
    assert text.count("Commentary: No commentary provided.") == 8
    assert "Why it is here: special cause concern: 7 months above the mean since Sep-24." in text
    assert "Action log No open actions in the action log." in text


def test_the_making_data_count_summary_fits_in_3_pages(rendered: Rendered) -> None:
    pages = _pages(rendered.pdf)
    start = _first_page(pages, "Making Data Count summary Variation of the latest point")
    first_section = _first_page(pages, f"{DATA.settings.sections[0].title} ID Indicator", start)
    assert first_section - start <= 3, f"it runs over pages {start + 1}-{first_section}"
    last_title = DATA.catalogue["title"].iloc[-1]
    assert " ".join(last_title.split()) in " ".join(pages[start:first_section])  # the whole icon table


def _figure_alts(pdf: Path) -> list[str]:
    alts: list[str] = []

    def walk(element: pikepdf.Object) -> None:
        if isinstance(element, pikepdf.Array):
            for item in element:
                walk(item)
        elif isinstance(element, pikepdf.Dictionary):
            if str(element.get("/S", "")) == "/Figure" and "/Alt" in element:
                alts.append(str(element.Alt))
            if "/K" in element:
                walk(element.K)

    with pikepdf.open(pdf) as document:
        walk(document.Root.StructTreeRoot)
    return alts


def test_mdc_icons_carry_their_words_as_alt_text_and_as_text(rendered: Rendered) -> None:
    from scorecard.pack.output import icons
    from scorecard.rules.frame import build_scorecard

    sc = build_scorecard(DATA)
    alts = _figure_alts(rendered.pdf)
    words = tuple(icon.words for icon in icons.ICONS.values())
    icon_alts = [alt for alt in alts if alt.startswith(words)]
    readings = int((~sc.indicators["variation"].isin(["none", "too_few_points"])).sum())
    assured = int((sc.indicators["assurance"] != "none").sum())
    assert len(icon_alts) >= 2 * (readings + assured)  # the section tables and the icon table at least
    assert "special cause improvement, high, on trial limits" in icon_alts
    text = " ".join(_pages(rendered.pdf))
    for label in (
        "common cause (trial)",
        "improvement, high (trial)",
        "concern, low (trial)",
        "hit and miss",
    ):
        assert label in text, label  # the words beside the icons are in the PDF's text


def test_section_tables_take_at_most_12_pages_and_30_indicators_at_most_2(rendered: Rendered) -> None:
    spans = _table_pages(_pages(rendered.pdf))
    sizes = DATA.catalogue["section"].value_counts()
    assert sum(spans.values()) <= 12, spans
    for key, pages in spans.items():
        assert pages <= max(1, -(-int(sizes[key]) // 15)), (key, int(sizes[key]), pages)


def test_a_table_that_runs_on_repeats_its_header_row(rendered: Rendered) -> None:
    pages = _pages(rendered.pdf)
    first = _first_page(
        pages, "At risk of Care, Cared for and Care Experienced Children and Young People ID Indicator"
    )
    header = "ID Indicator Apr-24 May-24"
    assert header in pages[first] and header in pages[first + 1]


def test_every_indicator_title_is_findable_in_the_text(rendered: Rendered) -> None:
    text = " ".join(_pages(rendered.pdf))
    missing = [
        f"{ident}: {title}"
        for ident, title in zip(DATA.catalogue["id"], DATA.catalogue["title"], strict=True)
        if " ".join(title.split()) not in text
    ]
    assert not missing, (
        f"{len(missing)} of {len(DATA.catalogue)} titles are not in the PDF's text:\n" + "\n".join(missing)
    )


def test_the_log_has_no_typst_warning(rendered: Rendered) -> None:
    kernel = "Kernel is running over TCP"  # Jupyter's notice about its local socket, not the render's
    warnings = [
        line
        for line in rendered.log.splitlines()
        if re.search(r"\bwarn(ing)?\b", line, re.IGNORECASE) and kernel not in line
    ]
    unexpected = [line for line in warnings if KNOWN_WARNING not in line]
    assert not unexpected, "\n".join(unexpected)


def test_fonts_are_embedded_and_the_pdf_is_tagged(rendered: Rendered) -> None:
    fonts = subprocess.run(
        [require_tool("pdffonts", "poppler-utils lists the PDF's fonts"), str(rendered.pdf)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rows = [line.split() for line in fonts.splitlines()[2:]]
    assert rows and all(row[-5] == "yes" for row in rows), fonts  # the "emb" column
    with pikepdf.open(rendered.pdf) as pdf:
        assert pdf.Root.MarkInfo.Marked is True
        assert "/StructTreeRoot" in pdf.Root


def test_metadata_names_the_pack(rendered: Rendered) -> None:
    with pikepdf.open(rendered.pdf) as pdf:
        meta = pdf.open_metadata()
        title = str(meta.get("dc:title", ""))
        assert DATA.settings.organisation in title and "March 2025" in title
        assert str(pdf.Root.Lang) == "en-GB"
        assert "board pack" in str(meta.get("dc:description", ""))
        assert DATA.settings.organisation in str(meta.get("pdf:Keywords", ""))


def test_pdfua_finds_nothing(rendered: Rendered) -> None:
    pdfua = shutil.which("pdfua") or str(Path(sys.executable).parent / "pdfua")  # the test extras' own
    done = subprocess.run(
        [pdfua, "check", "--format", "json", str(rendered.pdf)], capture_output=True, text=True, check=False
    )
    report = json.loads(done.stdout)
    assert report["summary"]["findings"] == 0, json.dumps(report["findings"], indent=1)
    # pdfua's own empty-heading rule (UA-14-001) stops on a heading whose /K is an array, as Typst
    # writes them; the test below makes the same check itself, so the rule is never silently lost.
    assert {s["rule_id"] for s in report["skipped"]} <= {"UA-14-001"}, report["skipped"]


def _marks_content(node: object) -> bool:
    """True if a structure element reaches at least one marked-content id (real page content)."""
    if isinstance(node, int | pikepdf.Object) and not isinstance(node, pikepdf.Dictionary | pikepdf.Array):
        return True  # an MCID
    if isinstance(node, pikepdf.Array):
        return any(_marks_content(item) for item in node)
    if isinstance(node, pikepdf.Dictionary):
        if node.get("/Type") == pikepdf.Name("/MCR"):
            return True
        return "/K" in node and _marks_content(node.K)
    return False


def test_every_heading_in_the_structure_tree_has_content(rendered: Rendered) -> None:
    headings: list[tuple[str, bool]] = []

    def walk(element: pikepdf.Object) -> None:
        if isinstance(element, pikepdf.Array):
            for item in element:
                walk(item)
        elif isinstance(element, pikepdf.Dictionary):
            role = str(element.get("/S", ""))
            if re.fullmatch(r"/H\d?", role):
                headings.append((role, "/K" in element and _marks_content(element.K)))
            if "/K" in element:
                walk(element.K)

    with pikepdf.open(rendered.pdf) as pdf:
        walk(pdf.Root.StructTreeRoot)
    assert len(headings) >= 1 + len(DATA.settings.sections)  # the summary and every section at least
    assert all(has_content for _, has_content in headings), headings


def test_section_tables_link_each_id_to_its_chart(rendered: Rendered) -> None:
    with pikepdf.open(rendered.pdf) as pdf:
        internal = sum(
            1
            for page in pdf.pages
            for annot in page.get("/Annots", [])
            if annot.get("/Subtype") == pikepdf.Name("/Link")
            and ("/Dest" in annot or annot.get("/A", {}).get("/S") == pikepdf.Name("/GoTo"))
        )
    charted = int((DATA.values.groupby("id")["value"].count() > 0).sum())
    assert internal >= charted, (internal, charted)


def test_the_pack_after_a_revision_names_it_and_marks_it(revision_rendered: Rendered) -> None:
    pages = _pages(revision_rendered.pdf)
    summary = _first_page(pages, "Since the last pack Against the February 2025 pack")
    assert "Revised figures † 5 Feb-25 912 → 915" in pages[summary]
    table = _first_page(pages, "Early Help and Front Door Responses ID Indicator", summary)
    assert "933 915† 1,083" in pages[table]  # ID 5's Jan-25, Feb-25 (revised) and Mar-25
    notes = " ".join(pages[_first_page(pages, "Data notes", table) :])
    assert "Revised since the last pack, ID 5 (February 2025): 912 → 915† (scorecard-2025-03.txt" in notes
    assert "† revised The figure was revised since the previous pack" in notes  # the key says what † is


def test_narrative_of_another_month_is_named_in_the_pdf(revision_rendered: Rendered) -> None:
    pages = _pages(revision_rendered.pdf)
    said = "was written for February 2025, not for March 2025"
    assert said in pages[0] or said in pages[1]  # under the month the pack reports
    notes = " ".join(pages[_first_page(pages, "Data notes") :])
    assert "Narrative written for another month: the narrative of every section was written for" in notes
    assert said in notes


def test_the_download_links_are_on_the_web_page_only(rendered: Rendered) -> None:
    assert "Download the data" not in " ".join(_pages(rendered.pdf))
    assert "Download the data" in rendered.html.read_text(encoding="utf-8")
