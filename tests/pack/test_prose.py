"""The pack's own prose (the data notes) written as HTML and Typst: every word the Markdown says, in
both formats, and nothing from the data read as markup or code."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from _hostile import PAYLOADS

from scorecard.data.load import load_data
from scorecard.pack.output.escape import markdown_text
from scorecard.pack.output.prose import ProseError, prose_html, prose_output, prose_typst
from scorecard.pack.parts.key.notes import data_notes
from scorecard.project import PLACEHOLDER
from scorecard.rules.frame import Scorecard, build_scorecard

DATA = Path(__file__).resolve().parents[2] / "data"

_LITERAL = re.compile(r'#(?:raw\()?"((?:[^"\\]|\\.)*)"\)?;')  # text, or inline code
_ESCAPE = re.compile(r"\\u\{([0-9a-f]+)\}|\\(.)")
# What the writer itself puts around the literals: list markers, strong/emph/link brackets, breaks.
_OWN = re.compile(r'^\s*[-+] |#strong\[|#emph\[|#link\(label\("[\w-]+"\)\)\[|#linebreak\(\);|\]|\s')


def _typst_text(typst: str) -> str:
    """The text the Typst shows: its string literals, decoded, in order."""

    def decoded(literal: str) -> str:
        return _ESCAPE.sub(lambda m: chr(int(m[1], 16)) if m[1] else {"n": "\n"}.get(m[2], m[2]), literal)

    return "".join(decoded(m[1]) for m in _LITERAL.finditer(typst))


def _html_text(page: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>|\n", "", page))


@pytest.mark.parametrize("payload", PAYLOADS)
def test_text_from_the_data_is_text_in_both_formats(payload: str) -> None:
    markdown = f"- **ID 1**: {markdown_text(payload)}\n"
    shown = "ID 1: " + payload.replace("'", "’")  # smart apostrophes, as Pandoc makes them
    assert _html_text(prose_html(markdown)).replace("'", "’") == shown
    assert "<script" not in prose_html(markdown) and "<img" not in prose_html(markdown)
    typst = prose_typst(markdown)
    assert _typst_text(typst).replace("'", "’") == shown
    assert _OWN.sub("", _LITERAL.sub("", typst)) == ""  # nothing outside the literals but our own markup


def test_the_shipped_notes_say_the_same_in_both_formats(shipped: Scorecard) -> None:
    notes = data_notes(shipped)
    items = notes.count("\n- ") + 1
    page, typst = prose_html(notes), prose_typst(notes)
    assert page.count("<li>") == items and len(re.findall(r"^- ", typst, re.MULTILINE)) == items
    assert _html_text(page) == _typst_text(typst).replace("\n", "")
    assert "Licence of the DfE’s figures" in _typst_text(typst)


@pytest.mark.parametrize(
    "markdown", ["# A heading", "> a quote", "```\ncode\n```", "---", "![alt](x.png)", "    indented code"]
)
def test_markdown_the_pdf_writer_does_not_know_stops_the_render(markdown: str) -> None:
    with pytest.raises(ProseError):
        prose_typst(markdown)


def test_the_output_refers_to_both_files_and_nothing_is_shown_for_no_prose() -> None:
    shown = prose_output("- **NYC**: not final\n")
    (html_path,) = PLACEHOLDER.findall(shown)
    (typst_path,) = re.findall(r'#block\(include "([^"]+)"\)', shown)
    assert set(shown.files) == {html_path, typst_path}
    assert b"<strong>NYC</strong>" in shown.files[html_path]
    assert shown.files[typst_path].startswith(b'- #strong[#"NYC";]')
    assert prose_output("  \n") == ""


@pytest.fixture(scope="module")
def shipped() -> Scorecard:
    return build_scorecard(load_data(DATA), "2025-03")
