"""The post-render step that puts the tables' HTML into the finished web page (quarto/include_html.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from scorecard.quarto import include_html

STEP = Path(include_html.__file__)
CSS = "#{id} table {{ border-collapse: collapse; }} #{id} .gt_row {{ padding: 8px; }}"


def _table(table_id: str, css: str = CSS) -> str:
    style = css.format(id=table_id)
    return f'<div id="{table_id}" style="padding: 0">\n<style>{style}</style>\n<table></table></div>'


def _placeholder(name: str) -> str:
    return f"<!-- pack-include build/pack-files/{name}.html -->"


def _page(*names: str) -> str:
    return "<main>\n" + "\n<p>between</p>\n".join(_placeholder(n) for n in names) + "\n</main>\n"


def test_each_placeholder_becomes_its_part_and_nothing_else_changes() -> None:
    parts = {f"build/pack-files/{n}.html": f"<table id='{n}'></table>" for n in ("a1", "b2")}
    page = _page("a1", "b2", "a1")
    done = include_html.included(page, parts.__getitem__)
    assert done == page.replace(_placeholder("a1"), parts["build/pack-files/a1.html"]).replace(
        _placeholder("b2"), parts["build/pack-files/b2.html"]
    )
    assert include_html.included("<p>no tables</p>\n", parts.__getitem__) == "<p>no tables</p>\n"


def test_a_placeholder_inside_other_text_is_left_alone() -> None:
    # Only a comment on a line of its own is one (outputs.py writes it so); a table note that quotes
    # the words is text.
    quoted = f"<p>See {_placeholder('a1')} here</p>"
    assert include_html.included(quoted, {}.__getitem__) == quoted


def test_tables_with_the_same_stylesheet_share_one_copy_scoped_to_all_of_them() -> None:
    parts = {
        "build/pack-files/a.html": _table("gt-aaa"),
        "build/pack-files/b.html": _table("gt-bbb"),
        "build/pack-files/c.html": _table("gt-ccc", "#{id} table {{ color: red; }}"),
        "build/pack-files/d.html": "<p>downloads</p>",
    }
    done = include_html.included(_page("a", "b", "c", "d"), parts.__getitem__)
    assert done.count("<style>") == 2
    first, second, third = done.split("<table></table>")[:3]
    assert "<style>:is(#gt-aaa, #gt-bbb) table { border-collapse: collapse; }" in first
    assert ":is(#gt-aaa, #gt-bbb) .gt_row" in first
    assert "<style>" not in second and '<div id="gt-bbb"' in second
    assert "<style>#gt-ccc table { color: red; }</style>" in third  # used once: its own id, as before
    assert "<p>downloads</p>" in done


def _run_step(project: Path, outputs: str | None) -> subprocess.CompletedProcess[str]:
    listed = {"QUARTO_PROJECT_OUTPUT_FILES": outputs} if outputs is not None else {}
    env = {"PATH": "/usr/bin:/bin", **listed}
    return subprocess.run([sys.executable, str(STEP)], cwd=project, env=env, capture_output=True, text=True)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "build/pack-files").mkdir(parents=True)
    (tmp_path / "build/pack-files/t1.html").write_text(_table("gt-one"))
    (tmp_path / "report.html").write_text(_page("t1"))
    (tmp_path / "report.pdf").write_bytes(b"%PDF-1.7 <!-- pack-include build/pack-files/t1.html -->")
    return tmp_path


def test_the_step_finishes_each_web_page_quarto_made_and_nothing_else(project: Path) -> None:
    pdf = (project / "report.pdf").read_bytes()
    done = _run_step(project, "report.pdf\nreport.html")
    assert done.returncode == 0, done.stderr
    page = (project / "report.html").read_text()
    assert "pack-include" not in page and '<div id="gt-one"' in page
    assert (project / "report.pdf").read_bytes() == pdf
    assert sorted(p.name for p in project.iterdir()) == ["build", "report.html", "report.pdf"]  # no temporary


def test_run_by_hand_it_finishes_report_html(project: Path) -> None:
    assert _run_step(project, None).returncode == 0
    assert "pack-include" not in (project / "report.html").read_text()


def test_a_missing_part_says_which_and_leaves_no_unfinished_page(project: Path) -> None:
    (project / "build/pack-files/t1.html").unlink()
    done = _run_step(project, "report.html")
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        "scorecard: build/pack-files/t1.html is missing; render again (the report's cells write it)"
    ]
    assert not (project / "report.html").exists()
