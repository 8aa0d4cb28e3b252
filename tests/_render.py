"""Helpers for the tests of the rendered report: the tools they need, one real `quarto render`, and the
text sizes inside the report's chart SVGs."""

from __future__ import annotations

import math
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pytest
from matplotlib.textpath import TextToPath

REQUIRE_ENV = "SCORECARD_REQUIRE_QUARTO"  # CI sets it: there a missing tool is a failure, not a skip
# What `quarto render report.qmd` reads. The package itself is installed in the venv, so lib/ is not
# copied; a new resource the .qmd files or _quarto.yml refer to must be added here.
RENDER_INPUTS = (
    "_quarto.yml",
    "_quarto-exceptions.yml",
    "report.qmd",
    "_sections.qmd",
    "sections",
    "data",
    "lib/scorecard/pack/output/assets",
    "lib/scorecard/quarto/freeze_data.py",
    "lib/scorecard/quarto/section_files.py",
    "lib/scorecard/quarto/include_html.py",
    "lib/scorecard/quarto/blocks.lua",
)
RENDER_TIMEOUT = 900  # seconds; only so a hung render ends the session with its log, never a measure
LOG_TAIL = 60  # lines of Quarto's output shown when the render fails


def require_tool(name: str, needed_for: str) -> str:
    """The tool's path; else skip, or fail when CI has said every tool must be there."""
    found = shutil.which(name)
    if found:
        return found
    reason = f"{name} not on PATH ({needed_for})"
    if os.environ.get(REQUIRE_ENV) == "1":
        pytest.fail(f"{reason}, and {REQUIRE_ENV}=1 says it must be: .ci/run installs it", pytrace=False)
    pytest.skip(f"{reason}; set {REQUIRE_ENV}=1 to make this a failure")


@dataclass(frozen=True)
class Rendered:
    """One real render: the folder it ran in, its two outputs, Quarto's combined output and the data
    folder it rendered."""

    folder: Path
    html: Path
    pdf: Path
    log: str
    data: Path


def tail(log: str, lines: int = LOG_TAIL) -> str:
    return "\n".join(log.splitlines()[-lines:])


# ipykernel's heartbeat thread binds the port Quarto chose for it; when another process takes that port
# first, the thread prints this traceback and the render goes on unharmed (the heartbeat is unused).
_HEARTBEAT_RACE = re.compile(
    r"Exception in thread Heartbeat:\nTraceback \(most recent call last\):\n(?:[ \t].*\n|\n)*?"
    r"zmq\.error\.ZMQError: Address already in use[^\n]*\n"
)


def tracebacks(log: str) -> list[str]:
    """The Python tracebacks in a render's log, less the kernel heartbeat's harmless port race."""
    rest = _HEARTBEAT_RACE.sub("", log)
    return [block for block in rest.split("Traceback (most recent call last):")[1:]]


def copy_inputs(source: Path, folder: Path, data: Path | None = None) -> None:
    """Copy what ``quarto render report.qmd`` reads from ``source`` into ``folder``; ``data``: another
    data folder to copy instead of ``source``'s."""
    for name in RENDER_INPUTS:
        origin = data if name == "data" and data is not None else source / name
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        if origin.is_dir():
            shutil.copytree(origin, folder / name)
        else:
            shutil.copy2(origin, folder / name)


def render_report(source: Path, folder: Path, data: Path | None = None) -> Rendered:
    """Copy the report's inputs from ``source`` into ``folder`` and run the real ``quarto render`` there;
    ``data``: another data folder to render instead of ``source``'s."""
    copy_inputs(source, folder, data)
    return render_folder(folder)


def render_folder(folder: Path, make_report: bool = False, data: str = "", profile: str = "") -> Rendered:
    """The real render of the project in ``folder``: ``quarto render report.qmd``, or with
    ``make_report`` what ``make report`` runs (``python -m scorecard.render``); ``data``: the data
    folder ``SCORECARD_DATA`` names (relative to ``folder``), else its ``data/``; ``profile``: a
    Quarto profile (``exceptions``: the exceptions edition, report-exceptions.*)."""
    quarto = require_tool("quarto", "the render tests run the real `quarto render`")
    env = {
        **os.environ,
        "QUARTO_PYTHON": sys.executable,  # the kernel must import this venv's scorecard, as `make report`
        "SCORECARD_CACHE_DIR": str(folder / "report-cache"),  # never the developer's build/ cache
        "SCORECARD_DATA": data,
    }
    command = [sys.executable, "-m", "scorecard.render"] if make_report else [quarto, "render", "report.qmd"]
    command += ["--profile", profile] if profile else []
    try:
        done = subprocess.run(
            command,
            cwd=folder,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            timeout=RENDER_TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired as hung:
        output = hung.output.decode(errors="replace") if isinstance(hung.output, bytes) else hung.output or ""
        pytest.fail(
            f"`{' '.join(command[-2:])}` in {folder} still ran after {RENDER_TIMEOUT} s; its last "
            f"lines:\n{tail(output)}",
            pytrace=False,
        )
    (folder / "quarto-render.log").write_text(done.stdout)
    stem = "report-exceptions" if profile else "report"
    rendered = Rendered(
        folder, folder / f"{stem}.html", folder / f"{stem}.pdf", done.stdout, folder / (data or "data")
    )
    if done.returncode != 0:
        pytest.fail(
            f"`{' '.join(command[-2:])}` in {folder} exited {done.returncode}; its last lines:\n"
            f"{tail(done.stdout)}",
            pytrace=False,
        )
    missing = [path.name for path in (rendered.html, rendered.pdf) if not path.is_file()]
    if missing:
        pytest.fail(
            f"quarto render succeeded but wrote no {', '.join(missing)}; its last lines:\n"
            f"{tail(done.stdout)}",
            pytrace=False,
        )
    return rendered


# --- text sizes in matplotlib SVGs -------------------------------------------------------------------
# With svg.fonttype "path" matplotlib writes each text as
#     <!-- the text --> <g transform="translate(x y) [rotate(a)] scale(s -s)"> <use xlink:href="#glyph"/>...
# Glyphs are outlines at TextToPath.FONT_SCALE units to the em (FreeType at FONT_SCALE pt and 72 dpi,
# the 1/64 units scaled back by the glyph's own transform), so the font size in the SVG's user units
# is FONT_SCALE * s (times a <use>'s own scale, which mathtext uses for sub- and superscripts).
# With svg.fonttype "none" it writes <text style="font-size: 8.5px; ..."> (px here are user units).
# matplotlib's user units are points: viewBox width = figure width in inches * 72.

SVG = "{http://www.w3.org/2000/svg}"
_TRANSFORM = re.compile(r"(matrix|translate|scale|rotate|skewX|skewY)\s*\(([^)]*)\)")
_FONT_SIZE = re.compile(r"font-size\s*:\s*([\d.]+)(px|pt)?")
_UNITS = {None: 1.0, "": 1.0, "px": 1.0, "pt": 96 / 72}  # CSS: 1pt = 4/3 px = 4/3 user units


@dataclass(frozen=True)
class SvgText:
    text: str  # the text: a <text>'s own, or the comment matplotlib writes before glyphs ("" if none)
    size: float  # font size in the SVG's user units (points, for matplotlib)


@dataclass(frozen=True)
class SvgTextSizes:
    width: float  # viewBox width, in user units: rendered px per unit = rendered width / this
    texts: tuple[SvgText, ...]


def _determinant(transform: str) -> float:
    """Determinant of the linear part of an SVG transform list (translations and rotations give 1)."""
    det = 1.0
    for kind, args in _TRANSFORM.findall(transform):
        values = [float(v) for v in re.split(r"[\s,]+", args.strip()) if v]
        if kind == "scale":
            det *= values[0] * (values[1] if len(values) > 1 else values[0])
        elif kind == "matrix":
            a, b, c, d = values[:4]
            det *= a * d - b * c
    return det


def _font_size(element: ET.Element, inherited: float | None) -> float | None:
    found = _FONT_SIZE.search(element.get("style", "")) or _FONT_SIZE.search(
        f"font-size:{element.get('font-size', '')}"
    )
    return float(found[1]) * _UNITS[found[2]] if found else inherited


def svg_text_sizes(svg: str | bytes) -> SvgTextSizes:
    """Every text of a matplotlib SVG (glyph paths or <text>), with its font size in user units."""
    root = ET.fromstring(svg, parser=ET.XMLParser(target=ET.TreeBuilder(insert_comments=True)))
    view_box = root.get("viewBox")
    if not view_box:
        raise ValueError("the SVG has no viewBox, so its user units cannot be mapped to its rendered size")
    texts: list[SvgText] = []

    def walk(node: ET.Element, scale: float, font: float | None) -> None:
        comment = ""
        for child in node:
            if child.tag is ET.Comment:
                comment = (child.text or "").strip()
                continue
            det = _determinant(child.get("transform", ""))
            own = scale * math.sqrt(abs(det))
            size = _font_size(child, font)
            glyphs = [use for use in child if use.tag == f"{SVG}use"]
            if child.tag == f"{SVG}text":
                if size is None:
                    raise ValueError(f"no font size for the SVG text {''.join(child.itertext())!r}")
                texts.append(SvgText("".join(child.itertext()).strip(), size * own))
            # A text group flips y (det < 0): glyph outlines are y-up, the SVG is y-down. Markers are
            # <use> elements too, but never in a flipped group.
            elif child.tag == f"{SVG}g" and det < 0 and glyphs:
                sizes = [
                    TextToPath.FONT_SCALE * own * math.sqrt(abs(_determinant(use.get("transform", ""))))
                    for use in glyphs
                ]
                texts.append(SvgText(comment, min(sizes)))
            else:
                walk(child, own, size)
            comment = ""

    walk(root, 1.0, _font_size(root, None))
    return SvgTextSizes(float(view_box.split()[2]), tuple(texts))
