"""Prose the pack writes itself (the data notes), as each format's own markup, in files beside the
document, as the tables are.

Why: Quarto's Lua filters walk every word of the document many times per format, and the pack's own
notes were a third of its words: a third of that work, for text that needs none of it (its data is
escaped already, and it holds no shortcode, cross-reference or figure). So the notes' Markdown is
read once here by ``markdown-it-py`` (CommonMark, raw HTML off) and written out as HTML for the web
page (put in by the post-render step, ``include_html.py``) and as Typst markup for the PDF
(``#include``). The analyst's narrative stays Markdown: it is Quarto's to read.

What the Typst writer understands: paragraphs, bullet and numbered lists (nested), strong, emphasis,
inline code, links and line breaks; anything else raises ``ProseError``, so no cue is lost silently.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING

from scorecard.pack.output.escape import typst_markup, typst_string
from scorecard.pack.output.outputs import Formats, Markdown, raw, stored
from scorecard.project import include_marker

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

# Inline tokens and the Typst that opens and closes them.
_INLINE = {
    "strong_open": "#strong[",
    "strong_close": "]",
    "em_open": "#emph[",
    "em_close": "]",
    "link_close": "]",
}
_SKIPPED = {"paragraph_close", "list_item_close"}  # their Typst is written where they open


class ProseError(ValueError):
    """The prose holds Markdown this writer cannot carry into the PDF."""


@cache
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    # Smart quotes and dashes, as Pandoc makes them in the rest of the pack.
    parser = MarkdownIt("commonmark", {"html": False, "typographer": True})
    return parser.enable(["replacements", "smartquotes"])


def prose_html(markdown: str) -> str:
    """``markdown`` as HTML.

    Examples
    --------
    >>> prose_html("- **NYC**: not final; \\\\<b\\\\> is text")
    '<ul>\\n<li><strong>NYC</strong>: not final; &lt;b&gt; is text</li>\\n</ul>\\n'
    """
    parser = _parser()
    return parser.renderer.render(parser.parse(markdown), parser.options, {})


def prose_typst(markdown: str) -> str:
    """``markdown`` as Typst markup: every piece of text a string literal, so none of it is code.

    Examples
    --------
    >>> print(prose_typst("- **NYC**: not *final*"))
    - #strong[#"NYC";]#": not ";#emph[#"final";]
    <BLANKLINE>
    <BLANKLINE>
    """
    return _blocks(_parser().parse(markdown))


def _blocks(tokens: Sequence[Token]) -> str:
    out: list[str] = []
    lists: list[str] = []  # the open lists' item markers, innermost last
    item_starts = False  # the next paragraph is the first of a list item
    for token in tokens:
        kind = token.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            lists.append("-" if kind == "bullet_list_open" else "+")
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
            out.append("\n" if not lists else "")
        elif kind == "list_item_open":
            item_starts = True
        elif kind == "paragraph_open":
            indent = "  " * len(lists)
            lead = f"{indent[:-2]}{lists[-1]} " if lists and item_starts else indent
            out.append(lead)
            item_starts = False
        elif kind == "inline":
            out.append(_inline(token.children or []) + ("\n" if token.level or lists else "\n\n"))
        elif kind not in _SKIPPED:
            raise ProseError(f"the pack's prose holds Markdown the PDF writer does not know: {kind}")
    return "".join(out)


def _inline(tokens: Sequence[Token]) -> str:
    out: list[str] = []
    for token in tokens:
        kind = token.type
        if kind == "text" and token.content:
            out.append(typst_markup(token.content))
        elif kind == "code_inline":
            out.append(f"#raw({typst_string(token.content)});")
        elif kind == "softbreak":
            out.append(" ")
        elif kind == "hardbreak":
            out.append("#linebreak();")
        elif kind == "link_open":
            href = str(token.attrs.get("href", ""))
            target = f"label({typst_string(href[1:])})" if href.startswith("#") else typst_string(href)
            out.append(f"#link({target})[")
        elif kind in _INLINE:
            out.append(_INLINE[kind])
        elif kind != "text":
            raise ProseError(f"the pack's prose holds Markdown the PDF writer does not know: {kind}")
    return "".join(out)


def prose_formats(markdown: str) -> Formats:
    """The prose's HTML (a placeholder for it, in a file) and Typst (an include of it)."""
    html_path, html_file = stored(prose_html(markdown), ".html")
    typst_path, typst_file = stored(prose_typst(markdown), ".typ")
    return Formats(
        # A block: text after it (the analyst's commentary, say) starts a paragraph of its own.
        include_marker(html_path),
        f"#block(include {typst_string(typst_path)})",
        {**html_file, **typst_file},
    )


def prose_output(markdown: str) -> Markdown:
    """The pack's own prose for both formats, each in a file: HTML the post-render step puts in the
    web page, Typst the PDF includes. Empty prose shows nothing."""
    if not markdown.strip():
        return Markdown("")
    prose = prose_formats(markdown)
    return Markdown(f"{raw('html', prose.html)}\n{raw('typst', prose.typst)}", prose.files)
