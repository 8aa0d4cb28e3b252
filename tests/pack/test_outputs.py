"""Cell outputs: Markdown with a raw block per format, and the files those blocks refer to."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
from _synthetic import build
from great_tables import GT

from scorecard.pack.output import outputs
from scorecard.pack.parts import charts
from scorecard.pack.session import Bundle, bundle
from scorecard.quarto import include_html


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)  # the files are written beside the document: the working directory
    return tmp_path


def _table() -> GT:
    frame = pd.DataFrame({"ID": ["5"], "Indicator": ["Contacts"]})
    return GT(frame).cols_width({"ID": "10%", "Indicator": "90%"})


def test_a_table_is_an_html_file_for_the_web_page_and_a_typst_file_for_the_pdf(in_tmp: Path) -> None:
    shown = outputs.table_output(_table(), "table-x", wide=True)
    web, pdf = shown.split("````{=typst}", 1)
    html_path, typst_path = sorted(shown.files, key=lambda name: Path(name).suffix)  # .html, .typ
    assert '::::: {.content-visible when-format="html"}' in web
    assert "::: {#table-x .column-page .pack-table}" in web
    assert f"````{{=html}}\n<!-- pack-include {html_path} -->\n````" in web  # include_html.py's
    html = shown.files[html_path].decode()
    assert "</table>" in html and "</table>" not in shown
    # The web page's copy never hides behind a scroll box: the table is sized to fit instead.
    assert re.search(r'id="[^"]+" style="[^"]*overflow-x:visible;overflow-y:visible', html)
    assert '#metadata("table-x") <table-x>' in shown
    assert f'#include "{typst_path}"' in pdf and typst_path.startswith("build/pack-files/")
    assert shown.files[typst_path].decode().startswith("#{")  # the Typst table itself
    assert not (in_tmp / typst_path).exists()
    shown._repr_markdown_()  # shown to Jupyter: the files are written beside the document
    assert (in_tmp / html_path).read_bytes() == shown.files[html_path]
    assert (in_tmp / typst_path).read_bytes() == shown.files[typst_path]


def test_the_include_step_reads_exactly_the_placeholder_outputs_write() -> None:
    # outputs.py writes the placeholder; include_html.py's pattern must match it, file name and all.
    path, _ = outputs.stored("<table></table>", ".html")
    assert include_html.PLACEHOLDER.fullmatch(f"<!-- pack-include {path} -->")


def test_a_figure_refers_to_its_svg_file_from_both_formats(in_tmp: Path) -> None:
    chart = charts.section_charts(build(), "workforce").charts[0]
    shown = chart.markdown()
    (path,) = shown.files
    assert shown.files[path].decode() == chart.svg
    web, pdf = shown.split("````{=typst}", 1)
    assert "::: {#trends-workforce-1 .column-page .pack-chart}" in web
    assert f'<img src="{path}" alt="' in web and '<a href="#table-workforce">Back to the table</a>' in web
    assert f'#figure(image("{path}", alt: "' in pdf
    assert '#link(<table-workforce>)[#"Back to the table"]' in pdf and pdf.rstrip().endswith(
        "<trends-workforce-1>\n````"
    )


def test_alt_text_and_caption_are_escaped_for_each_format(in_tmp: Path) -> None:
    shown = outputs.figure_output("<svg/>", 'a "b" <c>', 'say "hi" & <bye>', "trends-x-1")
    web, pdf = shown.split("````{=typst}", 1)
    assert 'alt="say &quot;hi&quot; &amp; &lt;bye&gt;"' in web and "a &quot;b&quot; &lt;c&gt;" in web
    # < and > as \u{..}: Quarto would read "{{<" in a raw block as a shortcode
    assert 'alt: "say \\"hi\\" & \\u{3c}bye\\u{3e}"' in pdf
    assert 'caption: [#"a \\"b\\" \\u{3c}c\\u{3e}"]' in pdf


def test_a_cached_output_writes_its_files_again_when_shown(in_tmp: Path) -> None:
    shown = outputs.figure_output("<svg>one</svg>", "c", "a")
    cached = bundle(shown, formatter=_Formatter())  # formatting shows it: the file is written
    (path,) = cached.files
    (in_tmp / path).unlink()  # then build/ is cleaned, but the cache is kept elsewhere
    Bundle(cached.data, cached.metadata, cached.files)._repr_mimebundle_()
    assert (in_tmp / path).read_text() == "<svg>one</svg>"
    assert cached.data["text/plain"] == "<Markdown>"  # the Markdown once, not a plain-text copy too


def test_joined_markdown_keeps_the_files_of_both_parts(in_tmp: Path) -> None:
    joined = outputs.figure_output("<svg>1</svg>", "c", "a") + "\n*a note*\n"
    assert len(joined.files) == 1 and joined.endswith("*a note*\n")


class _Formatter:
    def format(self, shown: object) -> tuple[dict, dict]:
        return {"text/plain": repr(shown), "text/markdown": shown._repr_markdown_()}, {}  # type: ignore[attr-defined]


def test_file_names_are_their_content_hash(in_tmp: Path) -> None:
    first, files = outputs.stored("same", ".svg")
    again, _ = outputs.stored("same", ".svg")
    other, _ = outputs.stored("other", ".svg")
    assert first == again != other and files == {first: b"same"}
