"""Shared pytest fixtures: copies of the shipped data, and the session's real renders."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from _render import Rendered, copy_inputs, render_folder, render_report, require_tool
from playwright.sync_api import Browser, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"


# --- data fixtures -----------------------------------------------------------------------------


@pytest.fixture
def seed_path() -> Path:
    """The published seed scorecard, kept in the repo (never ../shared)."""
    return DATA_DIR / "raw" / "scorecard-2024-25.txt"


@pytest.fixture
def tmp_data_dir(tmp_path: Path) -> Path:
    """A copy of the shipped data/ (settings, catalogue, values, arrows, benchmarks; not raw/ or the
    DfE's files in dfe/) that a test may change."""
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target, ignore=shutil.ignore_patterns("raw", "dfe"))
    return target


@pytest.fixture
def empty_data_dir(tmp_path: Path) -> Path:
    """A data folder holding only settings.yaml, for a first import."""
    target = tmp_path / "fresh"
    target.mkdir()
    shutil.copy(DATA_DIR / "settings.yaml", target / "settings.yaml")
    return target


# --- render fixtures ---------------------------------------------------------------------------
# One real `quarto render` per session, in a temp folder, only for the tests that ask for `rendered`;
# without quarto they skip (fail under SCORECARD_REQUIRE_QUARTO=1, as CI runs them).


SESSION_RENDERS = ("rendered", "revision_rendered", "exceptions_rendered")
RENDERS = (*SESSION_RENDERS, "pack", "hostile")  # every fixture that runs a real render


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # A test that renders, directly or through another fixture, carries the `render` marker, so
    # `-m render` / `-m "not render"` always select by what a test really costs.
    for item in items:
        if any(name in getattr(item, "fixturenames", ()) for name in RENDERS):
            item.add_marker(pytest.mark.render)
    # `make test` runs a file to a worker on every core (pytest-xdist, --dist loadfile), so a
    # module's fixtures run once. The files that render go first: the workers share the long ones
    # and end on the short ones.
    rendering = {_file(item) for item in items if item.get_closest_marker("render")}
    items.sort(key=lambda item: _file(item) not in rendering)


def _file(item: pytest.Item) -> str:
    return item.nodeid.split("::")[0]


# Playwright gives each launch a fresh profile; the rest keeps chromium from reaching out on its own.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's chromium through Playwright, one for the session (one sync Playwright per process)."""
    chromium = require_tool("chromium", "the HTML tests drive Debian's chromium through Playwright")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    """report.html and report.pdf from the real `quarto render report.qmd` of this checkout."""
    return render_report(ROOT, tmp_path_factory.mktemp("render"))


@pytest.fixture(scope="session")
def revision_rendered(tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    """The one other real render: the March pack after a March file revised a February figure
    (tests/_scenarios.py), with the narrative marked as written for February."""
    from _scenarios import project, revision_scenario

    folder = tmp_path_factory.mktemp("revision-render")
    _, march, _ = revision_scenario(folder)
    source = project(folder / "source", march)
    for section in (source / "sections").glob("*.qmd"):
        section.write_text(section.read_text().replace("narrative-for: 2025-03", "narrative-for: 2025-02", 1))
    return render_report(source, folder / "render")


# The exceptions edition's action log: one overdue action (due January, open in March), one not.
ACTION_LOG = (
    "id,action,owner,raised,due,status,update,closed\n"
    "19b 19c,Weekly timeliness huddles with the assessment teams,Head of Assessment,2024-12,2025-01,open,,\n"
    "3,Review early help closures with the locality teams,Early Help Manager,2025-03,2025-06,open,,\n"
)


@pytest.fixture(scope="session")
def exceptions_rendered(tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    """The exceptions edition (`quarto render report.qmd --profile exceptions`) of the shipped pack,
    with an action log holding an overdue action."""
    folder = tmp_path_factory.mktemp("exceptions-render")
    data = folder / "data-with-actions"
    shutil.copytree(ROOT / "data", data, ignore=shutil.ignore_patterns("raw"))
    (data / "actions.csv").write_text(ACTION_LOG, encoding="utf-8")
    copy_inputs(ROOT, folder / "render", data)
    return render_folder(folder / "render", profile="exceptions")
