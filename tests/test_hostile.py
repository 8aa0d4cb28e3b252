"""A hostile data folder renders inert: text from the data is text in both formats.

``tests/_hostile.py`` puts scripts, Typst code, Quarto shortcodes, Markdown images and links, math,
fences, raw attributes and very long strings in every free-text field of the shipped data. ``check``
accepts it (it is valid text), so the render must show it literally and run none of it: in chromium
no dialog opens and no request leaves the page; the PDF's text holds every payload as written and
nothing read from the machine (its files, its environment).
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
from pathlib import Path

import pytest
from _cli import run_scorecard
from _hostile import PAYLOADS, SECRETS_PATHS, literal_words, make_hostile
from _render import Rendered, render_report, require_tool

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def hostile_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_hostile(ROOT / "data", tmp_path_factory.mktemp("hostile") / "data")


@pytest.fixture(scope="session")
def hostile(hostile_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    return render_report(ROOT, tmp_path_factory.mktemp("hostile-render"), data=hostile_data)


def _machine_secrets() -> list[str]:
    """What a payload would print if it ran: file contents, the machine's name, environment values."""
    secrets = [socket.gethostname(), os.environ.get("HOME", "/root")]
    for path in SECRETS_PATHS:
        with contextlib.suppress(OSError):
            secrets += [line for line in Path(path).read_text().splitlines() if len(line) > 8][:5]
    return [literal_words(s) for s in secrets if len(s) > 3]


def test_check_accepts_the_hostile_folder(hostile_data: Path) -> None:
    done = run_scorecard("--data", str(hostile_data), "check")
    assert done.returncode == 0, done.stderr


def _pdf_text(pdf: Path) -> str:
    tool = require_tool("pdftotext", "poppler-utils reads the PDF's text")
    return subprocess.run([tool, "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True).stdout


@pytest.mark.render
def test_the_pdf_shows_every_payload_literally_and_nothing_from_the_machine(hostile: Rendered) -> None:
    text = literal_words(_pdf_text(hostile.pdf))
    missing = [p for p in PAYLOADS if literal_words(p) not in text]
    assert not missing, f"not shown literally in the PDF: {missing}"
    leaked = [s for s in _machine_secrets() if s in text]
    assert not leaked, f"the PDF holds what the machine knows: {leaked}"


@pytest.mark.render
def test_the_pdf_metadata_is_literal_too(hostile: Rendered) -> None:
    import pikepdf

    with pikepdf.open(hostile.pdf) as pdf:
        title = str(pdf.docinfo.get("/Title", ""))
    assert literal_words(PAYLOADS[1]) in literal_words(title)
    assert not [s for s in _machine_secrets() if s in literal_words(title)]


@pytest.mark.render
def test_the_page_runs_nothing_fetches_nothing_and_shows_the_text(hostile: Rendered, browser) -> None:
    context = browser.new_context()
    page = context.new_page()
    dialogs: list[str] = []
    requests: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))

    def only_local(route) -> None:
        if route.request.url.startswith(("file:", "data:")):
            route.continue_()
        else:
            requests.append(route.request.url)
            route.abort()

    context.route("**/*", only_local)
    page.goto(hostile.html.as_uri(), wait_until="load")
    page.wait_for_load_state("networkidle")
    shown = literal_words(page.inner_text("body"))
    scripts = page.evaluate("[...document.scripts].map(s => s.textContent).filter(t => t.includes('alert('))")
    remote_images = page.evaluate("[...document.images].map(i => i.src).filter(s => s.startsWith('http'))")
    context.close()
    assert not dialogs and not requests, f"dialogs: {dialogs}; requests: {requests}"
    assert not scripts and not remote_images, (scripts, remote_images)
    missing = [p for p in PAYLOADS if literal_words(p) not in shown]
    assert not missing, f"not shown literally on the page: {missing}"
    leaked = [s for s in _machine_secrets() if s in shown]
    assert not leaked, f"the page holds what the machine knows: {leaked}"


@pytest.mark.render
def test_quarto_render_run_directly_froze_one_data_state_for_both_formats(
    hostile: Rendered, hostile_data: Path
) -> None:
    from scorecard.data.files.folder import Snapshot, read_files
    from scorecard.project import Project

    frozen = Snapshot.from_json((hostile.folder / Project().snapshot).read_bytes())
    assert frozen.digest() == read_files(hostile_data).digest()
