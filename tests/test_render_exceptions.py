"""The exceptions-only edition from a real `quarto render report.qmd --profile exceptions`: the
summary, the exception report, the action log and the key, in at most 12 PDF pages, PDF/UA-1 with no
finding, and a web page with no axe violation. Its action log has an overdue action: both formats
say so in words, with ⚠. And, in the full pack, inline commentary's ids that the section tables
link to.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

from _render import Rendered, require_tool
from _scenarios import MARCH_EXCEPTIONS
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
KNOWN_WARNING = "PDF standard validation requested but verapdf is not installed."


def _pages(pdf: Path) -> list[str]:
    tool = require_tool("pdftotext", "poppler-utils reads the PDF's text")
    done = subprocess.run(
        [tool, "-raw", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True
    )
    return [" ".join(page.split()) for page in done.stdout.split("\f")[:-1]]


def test_the_edition_fits_in_12_pages_and_holds_only_its_parts(exceptions_rendered: Rendered) -> None:
    pages = _pages(exceptions_rendered.pdf)
    assert len(pages) <= 12, len(pages)
    text = " ".join(pages)
    for part in (
        "Executive summary This pack covers",
        "Exception report",
        "Action log",
        "Key Symbol Meaning",
    ):
        assert part in text, part
    for left_out in (
        "Making Data Count summary Variation",
        "Trends",
        "Data notes",
        "Computed and published arrows",
    ):
        assert left_out not in text, left_out
    headings = re.findall(r"ID ([0-9]+[a-z]?): [A-Z][^:]*? Latest Target Rating", text)
    assert headings == MARCH_EXCEPTIONS


def test_an_overdue_action_is_marked_in_the_pdf(exceptions_rendered: Rendered) -> None:
    text = " ".join(_pages(exceptions_rendered.pdf))
    assert text.count("⚠ overdue (due Jan-25)") == 3  # on 19b's and 19c's pages, and in the action log
    assert "2 open actions, 1 overdue" in text
    assert text.count("No open action.") == 13


def test_the_edition_pdf_is_pdfua_clean(exceptions_rendered: Rendered) -> None:
    pdfua = shutil.which("pdfua") or str(Path(sys.executable).parent / "pdfua")
    done = subprocess.run(
        [pdfua, "check", "--format", "json", str(exceptions_rendered.pdf)],
        capture_output=True,
        text=True,
        check=False,
    )
    report = json.loads(done.stdout)
    assert report["summary"]["findings"] == 0, json.dumps(report["findings"], indent=1)
    assert {s["rule_id"] for s in report["skipped"]} <= {"UA-14-001"}, report["skipped"]


def test_the_edition_log_has_no_typst_warning(exceptions_rendered: Rendered) -> None:
    warnings = [
        line
        for line in exceptions_rendered.log.splitlines()
        if re.search(r"\bwarn(ing)?\b", line, re.IGNORECASE) and "Kernel is running over TCP" not in line
    ]
    assert [line for line in warnings if KNOWN_WARNING not in line] == []


def test_the_edition_page_has_no_axe_violation_and_no_link_to_nowhere(
    browser: Browser, exceptions_rendered: Rendered
) -> None:
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    page.route(
        "**/*",
        lambda route: (
            route.continue_() if route.request.url.startswith(("file:", "data:")) else route.abort()
        ),
    )
    page.goto(exceptions_rendered.html.as_uri(), wait_until="load")
    results = Axe().run(
        page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    )
    violations = results.response["violations"]
    assert violations == [], [f"{v['id']}: {v['help']}" for v in violations]
    broken = page.evaluate(
        "() => [...document.querySelectorAll('a[href^=\"#\"]')].map(a => a.getAttribute('href').slice(1))"
        ".filter(id => id && !document.getElementById(decodeURIComponent(id)))"
    )
    assert broken == []
    overdue = page.locator("td", has_text="⚠ overdue (due Jan-25)")
    assert overdue.count() == 3
    assert overdue.first.evaluate("td => getComputedStyle(td).fontWeight") in ("700", "bold")
    headings = page.locator("h3").all_text_contents()
    assert [re.match(r"ID (\S+):", h)[1] for h in headings if h.startswith("ID ")] == MARCH_EXCEPTIONS  # type: ignore[index]
    context.close()


def test_the_full_pack_links_each_commentary_and_exception_from_its_row(
    browser: Browser, rendered: Rendered
) -> None:
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    page.goto(rendered.html.as_uri(), wait_until="load")
    found = page.evaluate(
        """() => ({
        commentary: [...document.querySelectorAll('div.commentary[id]')].map(d => d.id),
        links: [...document.querySelectorAll('a[href^="#commentary-"], a[href^="#exception-"]')]
          .map(a => a.getAttribute('href').slice(1)),
        exceptions: [...document.querySelectorAll('[id^="exception-"]')].map(e => e.id),
      })"""
    )
    context.close()
    assert "commentary-3" in found["commentary"] and "commentary-19a" in found["commentary"]
    assert len(found["exceptions"]) >= len(MARCH_EXCEPTIONS)
    targets = set(found["commentary"]) | set(found["exceptions"])
    assert found["links"] and set(found["links"]) <= targets
    assert "commentary-19a" in found["links"]  # 19b's and 19c's rows link to the block about 19a - c
