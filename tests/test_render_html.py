"""The rendered report.html in a real browser: Debian's chromium driven by Playwright, at 1366x768.

Every test here but the SVG parser's unit test uses the session's one real `quarto render` (the
`rendered` fixture), so it carries the `render` marker: `.venv/bin/pytest -m render` runs just these.
Nothing may leave the machine: every request that is not file: or data: is blocked and recorded.
The page is asked for facts (the JavaScript constants); the judgements are made here, in Python.
"""

from __future__ import annotations

import io
import re
import urllib.request
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import matplotlib
import pandas as pd
import pytest
from _cli import run_scorecard
from _render import Rendered, svg_text_sizes
from axe_playwright_python.sync_playwright import Axe
from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from openpyxl import load_workbook
from playwright.sync_api import Browser, Page, Route

VIEWPORT = {"width": 1366, "height": 768}
LOCAL_SCHEMES = ("file:", "data:")
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
MIN_CHART_TEXT_PX = 11
SHOWN = 8  # examples listed per finding in a failure message


@dataclass
class LoadedReport:
    """report.html open in a page, with what happened while it loaded."""

    page: Page
    rendered: Rendered
    external: list[str] = field(default_factory=list)  # blocked requests, by URL
    errors: list[str] = field(default_factory=list)  # console errors and uncaught exceptions


@pytest.fixture
def report(browser: Browser, rendered: Rendered) -> Iterator[LoadedReport]:  # no chromium: no render
    # Reduced motion turns off Bootstrap's smooth scrolling: where focus scrolls to is settled at once.
    context = browser.new_context(viewport=VIEWPORT, reduced_motion="reduce")
    page = context.new_page()
    loaded = LoadedReport(page, rendered)

    def only_local(route: Route) -> None:
        if route.request.url.startswith(LOCAL_SCHEMES):
            route.continue_()
        else:
            loaded.external.append(route.request.url)
            route.abort()

    context.route("**/*", only_local)
    page.on(
        "console",
        lambda message: (
            loaded.errors.append(f"console error: {message.text}") if message.type == "error" else None
        ),
    )
    page.on("pageerror", lambda error: loaded.errors.append(f"uncaught exception: {error}"))
    page.goto(rendered.html.as_uri(), wait_until="load")
    page.wait_for_load_state("networkidle")  # late script loads and their errors count too
    yield loaded
    context.close()


def _listing(items: list[str]) -> str:
    shown = "".join(f"\n  {item}" for item in items[:SHOWN])
    return shown + (f"\n  ... and {len(items) - SHOWN} more" if len(items) > SHOWN else "")


def test_the_page_is_self_contained(report: LoadedReport) -> None:
    assert not report.external and not report.errors, (
        "the page must load with nothing from the network and no console errors;\n"
        f"{len(report.external)} external request(s):{_listing(report.external)}\n"
        f"{len(report.errors)} console error(s):{_listing(report.errors)}"
    )


CLIPPED_TABLES = """() => {
  const width = document.documentElement.clientWidth;
  const label = (table) => {
    const heading = table.closest('section')?.querySelector('h1, h2, h3, h4')?.textContent.trim();
    const head = [...table.querySelectorAll('thead th')].slice(0, 3).map(th => th.textContent.trim());
    return `"${heading || '(no section)'}" [${head.join(' | ')}]`;
  };
  const tables = [...document.querySelectorAll('table')];
  const clipped = [];
  tables.forEach((table, n) => {
    const box = table.getBoundingClientRect();
    const problems = [];
    if (box.right > width + 1)
      problems.push(`right edge ${Math.round(box.right - width)} px past the ${width} px window`);
    if (box.left < -1) problems.push(`left edge ${Math.round(-box.left)} px left of the window`);
    for (let el = table.parentElement; el && el !== document.documentElement; el = el.parentElement) {
      const overflow = getComputedStyle(el).overflowX;
      const hidden = el.scrollWidth - el.clientWidth;
      if (['auto', 'scroll', 'hidden', 'clip'].includes(overflow) && hidden > 1)
        problems.push(`${hidden} px out of sight in a ${el.clientWidth} px ${el.tagName.toLowerCase()} ` +
                      `(overflow-x: ${overflow}) holding ${el.scrollWidth} px`);
    }
    if (problems.length) clipped.push(`table ${n + 1} ${label(table)}: ${problems.join('; ')}`);
  });
  return {count: tables.length, clipped};
}"""


def test_every_table_fits_a_1366_px_window(report: LoadedReport) -> None:
    found = report.page.evaluate(CLIPPED_TABLES)
    assert found["count"] > 0, "the report has no tables at all"
    assert not found["clipped"], (
        f"{len(found['clipped'])} of {found['count']} tables are clipped at {VIEWPORT['width']}x"
        f"{VIEWPORT['height']}:{_listing(found['clipped'])}"
    )


GT_STYLES = """() => {
  const ids = [...document.querySelectorAll('div[id^="gt-"]')]
    .filter(div => div.querySelector(':scope > table.gt_table')).map(div => div.id);
  const sheets = [...document.querySelectorAll('style')].map(s => s.textContent)
    .filter(t => t.includes('#gt-'));
  const scoped = (sheet, id) => new RegExp('#' + id + '[ ,)]').test(sheet);
  return {ids, sheets: sheets.length,
          uncovered: ids.filter(id => sheets.filter(sheet => scoped(sheet, id)).length !== 1),
          unstyled: [...document.querySelectorAll('table.gt_table')]
            .filter(t => getComputedStyle(t).borderCollapse !== 'collapse').length};
}"""


def test_tables_share_great_tables_stylesheets(report: LoadedReport) -> None:
    # include_html.py keeps one copy of each distinct great_tables stylesheet, scoped to every
    # table that uses it; each table must still be styled by exactly one.
    found = report.page.evaluate(GT_STYLES)
    assert len(found["ids"]) > 10 and found["sheets"] < len(found["ids"]) / 4, found
    assert found["uncovered"] == [] and found["unstyled"] == 0, found


def test_wcag_2_2_aa_has_no_axe_violations(report: LoadedReport) -> None:
    results = Axe().run(
        report.page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    )
    violations = results.response["violations"]
    lines = [
        f"{v['id']} ({v['impact']}): {len(v['nodes'])} node(s), {v['help']}; e.g. "
        + ", ".join(" ".join(node["target"]) for node in v["nodes"][:3])
        for v in violations
    ]
    assert not violations, (
        f"axe-core {results.response['testEngine']['version']} "
        f"({', '.join(WCAG_TAGS)}) found {len(violations)} rule(s) violated:"
        f"{_listing(lines)}"
    )


# What identifies an element across Quarto's DOM rewrites (it re-clones the table of contents as the
# page scrolls), and whether any of it can be seen.
KEYBOARD_HELPERS = """
const words = (el) => (el.getAttribute('aria-label') || el.textContent || '').trim().replace(/\\s+/g, ' ');
const signature = (el) => [el.tagName, el.id, el.getAttribute('href'), words(el).slice(0, 200)].join('|');
const describe = (el) => {
  const href = el.getAttribute('href');
  const attributes = (el.id ? ' id=' + el.id : '') + (href ? ' href=' + href.slice(0, 40) : '');
  return `<${el.tagName.toLowerCase()}${attributes}> "${words(el).slice(0, 40)}"`;
};
const scrolls = (el) => {
  const style = getComputedStyle(el);
  return (['auto', 'scroll'].includes(style.overflowX) && el.scrollWidth > el.clientWidth + 1) ||
         (['auto', 'scroll'].includes(style.overflowY) && el.scrollHeight > el.clientHeight + 1);
};
// Rendered, and not cut away by an ancestor that hides overflow or is an empty scroll box.
const shown = (el) => {
  if (!el.checkVisibility({checkVisibilityCSS: true})) return false;
  let box = el.getBoundingClientRect();
  let [left, top, right, bottom] = [box.left, box.top, box.right, box.bottom];
  for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
    const style = getComputedStyle(up);
    const outer = up.getBoundingClientRect();
    const empty = up.clientWidth === 0 || up.clientHeight === 0;
    if (['hidden', 'clip'].includes(style.overflowX) || (empty && style.overflowX !== 'visible'))
      [left, right] = [Math.max(left, outer.left), Math.min(right, outer.right)];
    if (['hidden', 'clip'].includes(style.overflowY) || (empty && style.overflowY !== 'visible'))
      [top, bottom] = [Math.max(top, outer.top), Math.min(bottom, outer.bottom)];
  }
  return right - left >= 1 && bottom - top >= 1;
};
"""

KEYBOARD_TARGETS = (
    "() => {"
    + KEYBOARD_HELPERS
    + """
  const controls = 'a[href], button, input, select, textarea, summary, [role=button], [role=link]';
  const targets = [...document.querySelectorAll(controls)].filter(el => !el.disabled && shown(el))
    .map(el => ({signature: signature(el), kind: 'link/control', what: describe(el)}));
  for (const el of document.querySelectorAll('body *'))
    if (!el.matches(controls) && scrolls(el) && shown(el))
      targets.push({signature: signature(el), kind: 'scroll region', what: describe(el)});
  const positive = [...document.querySelectorAll('[tabindex]')].filter(el => el.tabIndex > 0).map(describe);
  return {targets, positive};
}"""
)

# The focused element after a Tab: is any part of it on screen and on top (hit-testing catches what is
# scrolled away, clipped, or covered, e.g. by a sticky header), and does it show a focus indicator?
FOCUSED = (
    "() => {"
    + KEYBOARD_HELPERS
    + """
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  el.dataset.kbd ??= String(window.kbdStops = (window.kbdStops || 0) + 1);  // one number per node
  // Probe the part of each box inside the viewport at five points; one that hits the element will do.
  const seen = [...el.getClientRects()].some(box => {
    const [left, right] = [Math.max(box.left, 0), Math.min(box.right, innerWidth)];
    const [top, bottom] = [Math.max(box.top, 0), Math.min(box.bottom, innerHeight)];
    if (right - left < 1 || bottom - top < 1) return false;
    return [[0.5, 0.5], [0.25, 0.25], [0.75, 0.25], [0.25, 0.75], [0.75, 0.75]].some(([x, y]) => {
      const hit = document.elementFromPoint(left + x * (right - left), top + y * (bottom - top));
      return hit !== null && (hit === el || el.contains(hit));
    });
  });
  const style = getComputedStyle(el);
  const ring = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) ||
               style.boxShadow !== 'none';
  const scrollers = [];
  for (let up = el.parentElement; up && up !== document.body; up = up.parentElement)
    if (scrolls(up)) scrollers.push(signature(up));
  return {node: el.dataset.kbd, signature: signature(el), what: describe(el), seen, ring, scrollers};
}"""
)


def keyboard_problems(page: Page) -> list[str]:
    """Tab from the top until focus leaves the page. Every link and control that can be seen must take
    focus, and every scroll region must take it itself or through something inside it; each focused
    element must then be on screen and show a focus indicator; no positive tabindex may reorder this."""
    found = page.evaluate(KEYBOARD_TARGETS)
    if not found["targets"]:
        return ["the page has nothing to reach by keyboard, not even a table of contents"]
    stops: list[dict] = []
    left_page = False
    for _ in range(len(found["targets"]) + 50):  # room to pass every target once, then leave the page
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUSED)
        if focus is None or any(focus["node"] == stop["node"] for stop in stops):
            left_page = focus is None or focus["node"] == stops[0]["node"]  # else: went round a loop
            break
        stops.append(focus)
    reached = Counter(stop["signature"] for stop in stops)
    inside = {scroller for stop in stops for scroller in stop["scrollers"]}
    wanted = Counter(target["signature"] for target in found["targets"])
    unreached = [
        f"{target['kind']} {target['what']}"
        for target in found["targets"]
        if reached[target["signature"]] < wanted[target["signature"]]
        and not (target["kind"] == "scroll region" and target["signature"] in inside)
    ]
    problems = []
    if found["positive"]:
        problems.append(
            f"{len(found['positive'])} element(s) with a positive tabindex:{_listing(found['positive'])}"
        )
    if unreached:
        problems.append(
            f"{len(unreached)} of {len(found['targets'])} visible links, controls and scroll "
            f"regions never took focus in {len(stops)} Tab stops:{_listing(unreached)}"
        )
    unseen = [stop["what"] for stop in stops if not stop["seen"]]
    if unseen:
        problems.append(
            f"{len(unseen)} of {len(stops)} Tab stops were not on screen once focused (hidden, "
            f"clipped or covered):{_listing(unseen)}"
        )
    no_ring = [stop["what"] for stop in stops if not stop["ring"]]
    if no_ring:
        problems.append(f"{len(no_ring)} Tab stops showed no outline or box-shadow:{_listing(no_ring)}")
    if not left_page:
        problems.append(f"focus never left the page (a loop or a trap) in {len(stops)} Tab stops")
    return problems


def test_everything_works_from_the_keyboard(report: LoadedReport) -> None:
    problems = keyboard_problems(report.page)
    assert not problems, "\n".join(problems)


# The charts: the page's only SVG images (the MDC icons are inline <svg>, their words beside them).
CHART_IMAGES = """() => [...document.querySelectorAll('img[src^="data:image/svg+xml"]')].map(img => ({
  src: img.src, width: img.getBoundingClientRect().width,
  label: (img.closest('figure')?.querySelector('figcaption')?.textContent || img.alt).trim().slice(0, 60),
}))"""


def test_chart_text_is_at_least_11_px_at_1366_px(report: LoadedReport) -> None:
    charts = report.page.evaluate(CHART_IMAGES)
    assert charts, "the report has no SVG charts"
    smallest = []
    for n, chart in enumerate(charts, start=1):
        svg = urllib.request.urlopen(chart["src"]).read()  # decodes the data: URI; nothing is fetched
        sizes = svg_text_sizes(svg)
        assert sizes.texts, f"chart {n} ({chart['label']}) has no text"
        px_per_unit = chart["width"] / sizes.width
        low = min(text.size for text in sizes.texts)
        examples = sorted({text.text for text in sizes.texts if text.size == low})[:3]
        smallest.append(
            (
                low * px_per_unit,
                f'chart {n} "{chart["label"]}": {low * px_per_unit:.2f} px ({low:g} pt shown '
                f"{chart['width']:.0f} px wide for {sizes.width:g} pt), e.g. {examples}",
            )
        )
    too_small = [text for px, text in sorted(smallest) if px < MIN_CHART_TEXT_PX]
    assert not too_small, (
        f"the smallest chart text is {min(px for px, _ in smallest):.2f} px; "
        f"{len(too_small)} of {len(charts)} charts have text under {MIN_CHART_TEXT_PX} px:"
        f"{_listing(too_small)}"
    )


@pytest.mark.parametrize("fonttype", ["path", "none"])  # text as glyph paths, or as <text>
def test_svg_text_sizes_reads_the_font_size_matplotlib_was_given(fonttype: str) -> None:
    fig = Figure(figsize=(4, 2))
    fig.text(0.1, 0.5, "Eight", fontsize=8)
    fig.text(0.6, 0.2, "Twelve", fontsize=12, rotation=90)
    fig.add_artist(Line2D([0.1, 0.9], [0.1, 0.1], marker="o", transform=fig.transFigure))  # <use>, no text
    if fonttype == "path":
        fig.text(0.3, 0.8, "$10^{3}$", fontsize=10)
    buffer = io.StringIO()
    with matplotlib.rc_context({"svg.fonttype": fonttype}):
        FigureCanvasSVG(fig).print_svg(buffer)
    found = svg_text_sizes(buffer.getvalue())
    sizes = {text.text: text.size for text in found.texts}
    assert found.width == pytest.approx(4 * 72)  # matplotlib's user unit is the point
    if fonttype == "path":
        assert 0 < sizes.pop("$10^{3}$") < 10  # a superscript counts at its own, smaller size
    assert sizes == pytest.approx({"Eight": 8, "Twelve": 12})


def test_the_other_formats_link_to_the_pdf_reads_pdf(report: LoadedReport) -> None:
    links = report.page.evaluate("""() => {
      const heading = [...document.querySelectorAll('h2, h3, h4')]
        .find(h => /other formats/i.test(h.textContent));
      return heading && [...heading.parentElement.querySelectorAll('a[href]')]
        .map(a => ({href: a.getAttribute('href'), text: a.textContent.trim()}));
    }""")
    assert links is not None, "the page has no 'Other formats' heading"
    pdf = [link for link in links if link["href"].lower().endswith(".pdf")]
    assert pdf, f"'Other formats' has no link to a PDF: {links}"
    for link in pdf:
        assert (report.rendered.folder / link["href"]).is_file(), f"{link['href']} is not beside report.html"
    assert [link["text"] for link in pdf] == ["PDF"] * len(pdf), f"the PDF link reads: {pdf}"


# Indicator tables (the section tables, and any other) are the tables whose column headings include
# "ID" and "Indicator"; a link's target is found the way the browser does, by the id in its href.
INDICATOR_TABLES = """
const target = (link) => document.getElementById(decodeURIComponent(link.getAttribute('href').slice(1)));
const isId = (cell) => cell.textContent.trim() === 'ID';
const idCells = (table) => {
  const header = [...(table.tHead?.rows || [])].find(row => [...row.cells].some(isId));
  if (!header || ![...header.cells].some(c => c.textContent.trim() === 'Indicator')) return null;
  const column = [...header.cells].findIndex(isId);
  return [...table.tBodies].flatMap(body => [...body.rows])
    .filter(row => row.cells.length === header.cells.length && row.cells[column].textContent.trim())
    .map(row => row.cells[column]);
};
const label = (el) => el.closest('section')?.querySelector('h1, h2, h3, h4')?.textContent.trim() || '?';
"""


def _mentions(text: str, indicator: str) -> bool:
    """Whether ``text`` names the indicator as "ID 5" (not "ID 54", not "ID 5a")."""
    return re.search(rf"\bID {re.escape(indicator)}(?!\w)", text) is not None


def test_each_indicator_id_links_to_its_chart(report: LoadedReport) -> None:
    tables = report.page.evaluate(
        "() => {"
        + INDICATOR_TABLES
        + """
      return [...document.querySelectorAll('table')].filter(idCells).map(table => ({
        table: label(table),
        rows: idCells(table).map(cell => {
          const link = cell.querySelector('a[href^="#"]');
          const to = link && target(link);
          const images = to ? [to, to.closest('figure')].filter(Boolean)
            .flatMap(el => el.matches('img') ? [el] : [...el.querySelectorAll('img')]) : [];
          return {id: cell.textContent.trim(), href: link?.getAttribute('href') ?? null,
                  exists: Boolean(to), alt: images.map(img => img.alt).join(' ')};
        }),
      }));
    }"""
    )
    assert tables, "the report has no table with 'ID' and 'Indicator' columns"
    failing = []
    for table in tables:
        problems = []
        for row in table["rows"]:
            if row["href"] is None:
                problems.append(f"ID {row['id']}: no link")
            elif not row["exists"]:
                problems.append(f"ID {row['id']}: {row['href']} does not exist")
            elif not _mentions(row["alt"], row["id"]):
                problems.append(f"ID {row['id']}: no image alt at {row['href']} says 'ID {row['id']}'")
        if problems:
            failing.append(
                f"{table['table']}: {len(problems)} of {len(table['rows'])} IDs, e.g. "
                + "; ".join(problems[:3])
            )
    assert not failing, (
        f"{len(failing)} of {len(tables)} indicator tables have IDs that do not link to "
        f"their chart:{_listing(failing)}"
    )


def test_each_chart_caption_links_back_to_its_section_table(report: LoadedReport) -> None:
    figures = report.page.evaluate(
        "() => {"
        + INDICATOR_TABLES
        + """
      return [...document.querySelectorAll('figure')]
        .filter(figure => figure.querySelector('img[src^="data:image/svg+xml"]'))
        .filter(figure => !figure.closest('.pack-exception'))  // under its exception's own heading
        .map(figure => {
          const caption = figure.querySelector('figcaption');
          return {
            section: label(figure), caption: (caption?.textContent || '').trim(),
            alt: figure.querySelector('img').alt,
            links: [...(caption?.querySelectorAll('a[href^="#"]') || [])].map(link => {
              const to = target(link);
              const table = to && (to.matches('table') ? to : to.querySelector('table'));
              return {href: link.getAttribute('href'), exists: Boolean(to), table: Boolean(table),
                      ids: table ? (idCells(table) || []).map(cell => cell.textContent.trim()) : []};
            }),
          };
        });
    }"""
    )
    # Charts of indicators are those whose alt text names them ("ID 5 ..."); the RAG overview is not one.
    charts = [(figure, set(re.findall(r"\bID (\w+)", figure["alt"]))) for figure in figures]
    charts = [(figure, ids) for figure, ids in charts if ids]
    assert charts, f"none of the report's {len(figures)} charts names an indicator ID in its alt text"
    failing = []
    for figure, ids in charts:
        if any(link["exists"] and ids <= set(link["ids"]) for link in figure["links"]):
            continue
        why = []
        for link in figure["links"]:
            if not link["exists"]:
                why.append(f"{link['href']} does not exist")
            elif not link["table"]:
                why.append(f"{link['href']} holds no table")
            else:
                why.append(f"{link['href']}'s table lacks ID {', '.join(sorted(ids - set(link['ids'])))}")
        failing.append(
            f'{figure["section"]}: "{figure["caption"][:70]}": '
            + ("; ".join(why) or "its caption has no link")
        )
    assert not failing, (
        f"{len(failing)} of {len(charts)} indicator charts have no caption link to the "
        f"table of their indicators:{_listing(failing)}"
    )


def test_the_download_links_give_exactly_what_export_writes(report: LoadedReport, tmp_path: Path) -> None:
    """Clicked in chromium with the network blocked: the files come out of the page itself."""
    links = report.page.locator("a.pack-download")
    assert links.count() == 2
    saved = {}
    for n in range(2):
        with report.page.expect_download() as started:
            links.nth(n).click()
        download = started.value
        saved[Path(download.suggested_filename).suffix] = target = tmp_path / download.suggested_filename
        download.save_as(target)
    assert sorted(p.name for p in saved.values()) == ["scorecard-2025-03.csv", "scorecard-2025-03.xlsx"]
    assert not report.external, report.external
    for suffix in (".csv", ".xlsx"):  # what `python -m scorecard export --out` writes
        done = run_scorecard(
            "--data", str(report.rendered.folder / "data"), "export", "--out", str(tmp_path / f"x{suffix}")
        )
        assert done.returncode == 0, done.stderr
    assert saved[".csv"].read_bytes() == (tmp_path / "x.csv").read_bytes()
    read = pd.read_csv(saved[".csv"], keep_default_na=False)
    pd.testing.assert_frame_equal(read, pd.read_csv(tmp_path / "x.csv", keep_default_na=False))
    rows = [list(r) for r in load_workbook(saved[".xlsx"]).active.iter_rows(values_only=True)]
    assert rows == [list(r) for r in load_workbook(tmp_path / "x.xlsx").active.iter_rows(values_only=True)]
    assert rows[0][:3] == ["id", "section", "title"] and len(rows) == 1 + len(read) == 1 + 96


def test_mdc_icons_are_images_with_their_words(report: LoadedReport) -> None:
    from pathlib import Path

    from scorecard.data.load import load_data
    from scorecard.pack.output import icons
    from scorecard.rules.frame import build_scorecard

    found = report.page.evaluate(
        """() => [...document.querySelectorAll('svg.mdc-icon')].map(svg => ({
        name: svg.dataset.icon, alt: svg.getAttribute('aria-label'), role: svg.getAttribute('role'),
        inIconTable: Boolean(svg.closest('#icon-table')),
        beside: svg.parentElement.querySelector('.mdc-label')?.textContent.trim() ?? '',
        drawing: document.getElementById(svg.querySelector('use')?.getAttribute('href').slice(1))
          ?.querySelectorAll('circle, path').length ?? 0,
        shown: svg.getBoundingClientRect().width > 0}))"""
    )
    sc = build_scorecard(load_data(Path(__file__).resolve().parent.parent / "data"))
    readings = ~sc.indicators["variation"].isin(["none", "too_few_points"])
    assured = sc.indicators["assurance"] != "none"
    in_table = [icon for icon in found if icon["inIconTable"]]
    assert len(in_table) == int(readings.sum() + assured.sum())  # one per reading, nothing lost
    assert {icon["name"] for icon in found} == set(icons.ICONS)  # the key draws every icon
    for icon in found:
        assert icon["role"] == "img" and icon["alt"].startswith(icons.ICONS[icon["name"]].words), icon
        assert icon["drawing"] >= 2, icon  # its <use> finds its drawing on the page
        assert icon["beside"] and icon["shown"], icon  # words beside every icon: never colour alone
