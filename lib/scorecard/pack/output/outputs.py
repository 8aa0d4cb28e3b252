"""What the .qmd cells output: Markdown, with one raw block per format where the formats differ.

Why Markdown and not great_tables' own ``text/html`` display: any ``text/html`` cell output makes
Quarto add require.js and jQuery from a CDN to the web page (it might be a widget), and makes it
convert the HTML table to Typst itself, slowly and badly for our wide tables. So a table is written
as a ```` ```{=html} ```` block (great_tables' HTML, for the web page) and a ```` ```{=typst} ````
block (``scorecard.pack.output.typst``, for the PDF) from the same GT object.

The bulky parts are files beside the document (in ``build/pack-files/``, named by their content) that
the blocks refer to: each figure's SVG (pandoc embeds it in the web page, Typst reads it), each table's
Typst code (Typst includes it) and each table's HTML (``include_html.py``, the render's post-render
step, puts it in the finished page). Quarto's Lua filters pass every block of the document back and
forth dozens of times, and a 100 kB block costs them far more than a 100 kB file costs pandoc or Typst
once.

Wide tables and the trend figures sit in Quarto's ``column-page`` on the web page only: on the PDF a
column class would switch Quarto's Typst template to a margin layout. Anchors that links point at are
the HTML block's id and, for the PDF, a Typst label.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from scorecard.data import write_atomically
from scorecard.pack.output import gt_model
from scorecard.pack.output.escape import html_text
from scorecard.pack.output.typst import TableLook, built_typst_table, string
from scorecard.project import Project, include_marker

if TYPE_CHECKING:
    from great_tables import GT

FENCE = "````"  # longer than any run of backticks a cell could hold
FILES = Project().pack_files  # relative to the document (the kernel's working directory)


class Markdown(str):
    """Text that Jupyter (and so Quarto) shows as Markdown, with the files it refers to.

    ``files``: path (relative to the document) -> content; they are written, if missing, whenever the
    Markdown is shown, so a cached output never refers to a file that is not there.
    """

    files: dict[str, bytes]

    def __new__(cls, text: str, files: Mapping[str, bytes] | None = None) -> Markdown:
        shown = super().__new__(cls, text)
        shown.files = dict(files or {})
        return shown

    def _repr_markdown_(self) -> str:
        write_files(self.files)
        return str(self)

    def __add__(self, other: str) -> Markdown:  # keeps the files of both sides
        return Markdown(str(self) + str(other), {**self.files, **getattr(other, "files", {})})


def write_files(files: Mapping[str, bytes]) -> None:
    """Write each file that is not there yet (its name is its content's hash: one there is right)."""
    missing = {Path(name): content for name, content in files.items() if not Path(name).exists()}
    for path in missing:
        path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(missing)  # never half a file, even with two renders at once


def stored(content: str, suffix: str) -> tuple[str, dict[str, bytes]]:
    """A path for ``content`` named by its hash, and the file to write there."""
    data = content.encode()
    name = (FILES / f"{hashlib.sha256(data).hexdigest()[:20]}{suffix}").as_posix()
    return name, {name: data}


def raw(format_name: str, code: str) -> str:
    return f"{FENCE}{{={format_name}}}\n{code}\n{FENCE}\n"


def only(format_name: str, markdown: str, classes: str = "") -> str:
    """Markdown shown in one format only ("html" or "typst"), optionally in a div with these classes."""
    inner = f"::: {{{classes}}}\n{markdown}\n:::\n" if classes else f"{markdown}\n"
    return f'::::: {{.content-visible when-format="{format_name}"}}\n{inner}:::::\n'


def web_only(html: str, classes: str = "") -> str:
    """HTML for the web page only, in a div with these classes (``#id .a .b``, or none).

    A raw HTML block is all the PDF drops by itself, so the div is written into the block, out of
    sight of Quarto's filters (each of Quarto's conditional divs costs them time in every format).
    Only a page-wide part (``.column-page``) is a div Quarto sees, in the web page alone: Quarto widens
    the page's grid around it, and that class would switch the PDF to a margin layout.
    """
    if ".column-page" in classes.split():
        return only("html", raw("html", html), classes)
    if not classes:
        return raw("html", html)
    ids = [part[1:] for part in classes.split() if part.startswith("#")]
    names = [part[1:] for part in classes.split() if part.startswith(".")]
    attributes = "".join(f' id="{html_text(i)}"' for i in ids) + (
        f' class="{html_text(" ".join(names))}"' if names else ""
    )
    return raw("html", f"<div{attributes}>\n{html}\n</div>")


def typst_anchor(anchor: str) -> str:
    """A point in the PDF that ``[text](#anchor)`` links resolve to (Quarto gives Typst none)."""
    return raw("typst", f"#metadata({string(anchor)}) <{anchor}>")


@dataclass(frozen=True)
class Formats:
    """A part written once for each format: its HTML, its Typst, and the files they refer to. The
    callers put them in raw blocks (``table_output``, ``figure_output``) or together with other
    parts in one raw block per format (the exception report)."""

    html: str
    typst: str
    files: Mapping[str, bytes]


def table_formats(gt: GT, look: TableLook | None = None) -> Formats:
    """The table's HTML (a placeholder for great_tables' HTML, in a file) and Typst (an include)."""
    # Overflow visible: a wide table must never hide behind a scroll box (it is sized to fit), and
    # its header row can then stay in view while the page scrolls (sticky: pack/output/assets/pack.css).
    built = gt_model.built(gt)  # what as_raw_html would build: once, for both formats
    typst_path, typst_file = stored(built_typst_table(built, look), ".typ")
    # A fixed id (great_tables draws a random one) keeps the HTML, and so its file name, the same
    # from one render to the next.
    page = built.with_id(f"gt-{Path(typst_path).stem[:12]}").tab_options(
        container_overflow_x="visible",
        container_overflow_y="visible",
        table_font_size="12px",
        data_row_padding_horizontal="3px",
        column_labels_padding_horizontal="3px",
    )
    html_path, html_file = stored(gt_model.html(page), ".html")
    return Formats(include_marker(html_path), f"#include {string(typst_path)}", {**html_file, **typst_file})


def table_output(
    gt: GT, anchor: str | None = None, wide: bool = False, look: TableLook | None = None
) -> Markdown:
    """The table for both formats: great_tables' HTML on the web page, a Typst table in the PDF."""
    table = table_formats(gt, look)
    classes = " ".join(
        part
        for part in (f"#{anchor}" if anchor else "", ".column-page" if wide else "", ".pack-table")
        if part
    )
    web = web_only(table.html, classes)
    pdf = (typst_anchor(anchor) + "\n" if anchor else "") + raw("typst", table.typst)
    return Markdown(web + "\n" + pdf, table.files)


def figure_formats(
    svg: str, caption: str, alt: str, anchor: str = "", back: tuple[str, str] | None = None
) -> Formats:
    """A figure's HTML and Typst: its SVG (in a file), caption ("" for none) and alt text; ``back`` =
    (words, anchor) of a link in the caption (to the section's table)."""
    path, files = stored(svg, ".svg")
    link = f' <a href="#{back[1]}">{html_text(back[0])}</a>' if back else ""
    said = f"<figcaption>{html_text(caption)}{link}</figcaption>" if caption else ""
    web = (
        f'<figure class="figure"><img src="{path}" alt="{html_text(alt)}" class="img-fluid figure-img">'
        f"{said}</figure>"
    )
    pdf_link = f" #link(<{back[1]}>)[#{string(back[0])}]" if back else ""
    captioned = f",\n  caption: [#{string(caption)}{pdf_link}]" if caption else ""
    pdf = f"#figure(image({string(path)}, alt: {string(alt)}){captioned}){f' <{anchor}>' if anchor else ''}"
    return Formats(web, pdf, files)


def figure_output(
    svg: str, caption: str, alt: str, anchor: str = "", back: tuple[str, str] | None = None, wide: bool = True
) -> Markdown:
    """A figure for both formats (``figure_formats``); ``wide``: page-wide on the web page."""
    figure = figure_formats(svg, caption, alt, anchor, back)
    classes = " ".join(
        part
        for part in (f"#{anchor}" if anchor else "", ".column-page" if wide else "", ".pack-chart")
        if part
    )
    return Markdown(web_only(figure.html, classes) + "\n" + raw("typst", figure.typst), figure.files)
