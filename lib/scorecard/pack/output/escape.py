"""Text from the data is text: one escaping function per output format.

Every string that comes from the data folder (settings, catalogue titles, targets, notes, published
text, file names) reaches an output through one of these, so none of it can run as code:

- ``html_text``: HTML text or a double-quoted attribute value.
- ``typst_string``: a Typst string literal (``"..."``), for code such as ``#figure(caption: ...)``.
- ``typst_markup``: the same text as Typst markup, inside ``[...]`` content.
- ``markdown_text``: Pandoc Markdown as Quarto reads it (cell outputs, inline expressions).

Why each escapes more than its format strictly needs: Quarto expands shortcodes (``{{< env HOME >}}``)
inside raw ``{=typst}`` and ``{=html}`` blocks and in every cell output before Pandoc reads them, so
braces and angle brackets are written as escapes in all three, and line breaks (which could close a
raw block's fence or start a Markdown block) never reach an output as line breaks.
"""

from __future__ import annotations

import html
import re

# Pandoc Markdown gives these ASCII characters a meaning anywhere (emphasis, links, images, math,
# raw attributes, shortcodes, spans, footnotes, citations, entities, smart quotes, tables); a
# backslash before any of them makes it a literal character (all_symbols_escapable).
_MARKDOWN_SPECIAL = frozenset("\\`*_{}[]<>#!|$~^@=&'\"")
# These mean something only at the start of a line (lists, div fences, definition lists, example
# lists) or in runs (``--`` and ``...`` become dashes and ellipses): escaped there.
_LINE_START = re.compile(r"([-.:])\1+|^(\d+[.)](?=\s|$)|[-+:(])")
_LINE_BREAKS = re.compile(r"\s*[\r\n\u2028\u2029\x0b\x0c\x85]+\s*")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

# Typst strings: the escapes Typst defines, and \u{...} for what would be read by Quarto or Pandoc.
_TYPST_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}
_TYPST_UNICODE = frozenset("{}<>@$#`")


def one_line(text: str) -> str:
    """``text`` with every line break (and any run of spaces around it) made one space."""
    return _LINE_BREAKS.sub(" ", str(text))


def markdown_text(text: str) -> str:
    """``text`` as Pandoc Markdown that shows exactly these characters, on one line: a backslash
    before each character Markdown gives a meaning, e.g. ``$x$ 1,036.5`` -> ``\\$x\\$ 1,036.5``.
    The text may start a line: ``1. a`` -> ``1\\. a``. A control character is shown as ``U+001B``."""
    text = _CONTROL.sub(_control_mark, one_line(text))
    marked = {n for match in _LINE_START.finditer(text) for n in range(*match.span())}
    out = []
    for n, character in enumerate(text):
        if character in _MARKDOWN_SPECIAL or (n in marked and not character.isdigit()):
            out.append("\\" + character)
        else:
            out.append(character)
    return "".join(out)


def html_text(text: str) -> str:
    """``text`` as HTML text or attribute value: ``< > & " '`` as entities, and braces and backticks
    too (Quarto would read ``{{<`` in a raw HTML block as a shortcode, and a fence of backticks at a
    line start could close it)."""
    out = []
    for character in html.escape(one_line(text), quote=True):
        if character in "{}`" or _CONTROL.match(character):
            out.append(f"&#{ord(character)};")
        else:
            out.append(character)
    return "".join(out)


def typst_string(text: str) -> str:
    """``text`` as a Typst string literal, quotes included: ``typst_string('a "b"')`` is
    ``"a \\"b\\""``. Characters Quarto or Pandoc would read in a raw block are written as
    ``\\u{..}`` escapes, which Typst turns back into the same characters."""
    out = ['"']
    for character in str(text):
        if character in _TYPST_ESCAPES:
            out.append(_TYPST_ESCAPES[character])
        elif character in _TYPST_UNICODE or _CONTROL.match(character):
            out.append(f"\\u{{{ord(character):x}}}")
        else:
            out.append(character)
    out.append('"')
    return "".join(out)


def typst_markup(text: str) -> str:
    """``text`` as Typst markup (for inside ``[...]``): a string literal embedded with ``#``, ended by
    ``;`` so nothing after it continues the expression."""
    return f"#{typst_string(text)};"


def _control_mark(match: re.Match[str]) -> str:
    return f"U+{ord(match.group()):04X}"
