"""Text from the data is text: each format's escaping function keeps every character and runs nothing."""

from __future__ import annotations

import pytest

from scorecard.pack.narrative.helpers import Inline
from scorecard.pack.output.escape import html_text, markdown_text, typst_markup, typst_string

HOSTILE = [
    "{{< env HOME >}}",
    "$x^2$",
    "![a](http://example.invalid/a.png)",
    "[link](http://example.invalid)",
    '`#read("/etc/passwd")`{=typst}',
    "<script>alert(1)</script>",
    "```{=html}",
    "# heading",
    "- item",
    "1. item",
    "::: {.callout}",
    "@fig-x [^1] ~sub~ ^sup^ *em* _em_ | a |",
    "&lt; &amp;",
    "back\\slash \"quoted\" 'single'",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_markdown_escapes_every_character_that_means_something(text: str) -> None:
    escaped = markdown_text(text)
    # Pandoc reads a backslash before ASCII punctuation as that character: undo exactly that.
    shown, n = [], 0
    while n < len(escaped):
        if escaped[n] == "\\" and n + 1 < len(escaped):
            n += 1
        shown.append(escaped[n])
        n += 1
    assert "".join(shown) == text
    for special in "{}<>$`[]!#*_@~^|&'\"":
        assert special not in escaped.replace("\\" + special, "")


def test_markdown_stays_on_one_line_and_numbers_stay_readable() -> None:
    assert markdown_text("a\nb\r\n\nc") == "a b c"
    assert markdown_text("1,036 and 87.4%") == "1,036 and 87.4%"
    assert markdown_text("1. first") == "1\\. first" and markdown_text("-- dash") == "\\-\\- dash"
    assert Inline("{{< env HOME >}}")._repr_markdown_() == markdown_text("{{< env HOME >}}")


def test_html_escapes_markup_shortcodes_and_fences() -> None:
    assert html_text('<b a="1">&') == "&lt;b a=&quot;1&quot;&gt;&amp;"
    assert "{" not in html_text("{{< env HOME >}}") and "`" not in html_text("````")
    assert "\n" not in html_text("a\nb")


def test_typst_strings_hold_any_text_and_nothing_quarto_or_typst_would_read() -> None:
    literal = typst_string('#read("/etc/passwd") {{< env HOME >}} \\ $x$ @ref <lab>\n\t')
    assert literal.startswith('"') and literal.endswith('"')
    inner = literal[1:-1]
    for special in "#<>$@\n\t":
        assert special not in inner
    assert "{{" not in inner  # a \u{..} escape's brace is followed by hex digits only
    assert '\\"' in inner and "\\\\" in inner
    assert typst_markup("a") == '#"a";'
