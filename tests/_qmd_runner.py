"""Execute a .qmd document the way Quarto's jupyter engine does, without Quarto (tests, benchmark).

What Quarto does, and this module repeats (quarto-cli src/resources/jupyter/notebook.py):
- the project's pre-render step writes ``_sections.qmd`` from the settings (``section_files``);
- ``{{< include f >}}`` is pasted in before execution (paths resolve from the main file's folder);
- the ```{python} cells run in order in one kernel whose working directory is the document's folder;
- ``-P name:value`` parameters go in a cell tagged ``injected-parameters`` right after the cell tagged
  ``parameters`` (papermill's convention);
- inline ``{python} expr`` expressions of a markdown cell are evaluated, when that cell is reached, as
  ``user_expressions`` of an empty execute request, and the results stored in the cell's metadata.
jupytext's R Markdown reader splits the cells (its "qmd" format would shell out to quarto).
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from pathlib import Path

import jupytext
import nbformat
import yaml
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

INCLUDE = re.compile(r"^\s*\{\{<\s*include\s+\"?([^\s\"]+)\"?\s*>\}\}\s*$")
INLINE = re.compile(r"(?:^|[^`])`\{python\}[ \t]([^`]+)`", re.MULTILINE)  # Quarto's own pattern
OPTION = re.compile(r"^#\|\s?(.*)$")


@dataclass(frozen=True)
class Origin:
    file: Path
    line: int  # 1-based line of the cell's first source line in ``file``

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass(frozen=True)
class InlineResult:
    expression: str
    text: str  # what Quarto would insert (text/markdown, else text/plain)
    origin: str  # "file:line" of the expression


@dataclass
class ExecutedReport:
    notebook: nbformat.NotebookNode
    origins: list[Origin]  # one per notebook cell
    inline: list[InlineResult] = field(default_factory=list)
    seconds: float = 0.0  # the whole run: reading the document, the kernel's start, cells, shutdown
    kernel_to_last_cell: float = 0.0  # from starting the kernel to the end of the last cell

    def outputs(self) -> list[tuple[Origin, dict]]:
        """Every display/execute output of every code cell, with the cell's origin."""
        return [
            (origin, output)
            for cell, origin in zip(self.notebook.cells, self.origins, strict=True)
            if cell.cell_type == "code"
            for output in cell.get("outputs", [])
            if output.get("output_type") in ("display_data", "execute_result")
        ]


class ReportError(RuntimeError):
    """A cell or inline expression failed; the message names its file and line."""


def expand_includes(
    path: Path, root: Path | None = None, seen: tuple[Path, ...] = ()
) -> list[tuple[str, Origin]]:
    """The document's lines with every include pasted in, each line with where it came from."""
    root = root or path.parent
    if path.resolve() in seen:
        raise ReportError(f"{path}: circular include")
    lines: list[tuple[str, Origin]] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        match = INCLUDE.match(line)
        if match:
            target = match.group(1)
            included = root / target.lstrip("/")
            if not included.exists():
                raise ReportError(f"{path}:{number}: included file {target} not found")
            lines += expand_includes(included, root, (*seen, path.resolve()))
        else:
            lines.append((line, Origin(path, number)))
    return lines


def cell_options(source: str) -> dict:
    """The ``#|`` YAML options at the top of a code cell."""
    option_lines = []
    for line in source.splitlines():
        match = OPTION.match(line)
        if not match:
            break
        option_lines.append(match.group(1))
    options = yaml.safe_load("\n".join(option_lines)) if option_lines else {}
    return options if isinstance(options, dict) else {}


def to_notebook(path: Path, parameters: dict | None = None) -> tuple[nbformat.NotebookNode, list[Origin]]:
    """The document as a notebook (front matter dropped), parameters injected, with each cell's origin.

    A markdown cell's origin is a list of one Origin per line of its source (a cell can span an include).
    """
    lines = expand_includes(path)
    notebook = jupytext.reads("\n".join(text for text, _ in lines), fmt="Rmd")
    cells, origins, cursor = [], [], 0
    for cell in notebook.cells:
        if cell.cell_type == "raw":  # the YAML front matter: Quarto's, not the kernel's
            continue
        first = cell.source.splitlines()[0] if cell.source else ""
        while cursor < len(lines) and lines[cursor][0].strip() != first.strip():
            cursor += 1
        origin = lines[min(cursor, len(lines) - 1)][1]
        if cell.cell_type == "markdown":  # where each line came from, for inline expression messages
            count = len(cell.source.splitlines())
            cell.metadata["origins"] = [str(o) for _, o in lines[cursor : cursor + count]]
        if cell.cell_type == "code":
            tags = cell_options(cell.source).get("tags", [])
            cell.metadata["tags"] = list(tags)
        cells.append(cell)
        origins.append(origin)
        if cell.cell_type == "code" and "parameters" in cell.metadata["tags"] and parameters:
            source = "# Injected Parameters\n" + "".join(f"{k} = {v!r}\n" for k, v in parameters.items())
            injected = nbformat.v4.new_code_cell(source, metadata={"tags": ["injected-parameters"]})
            cells.append(injected)
            origins.append(origin)
    notebook.cells = cells
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return notebook, origins


def _inline(client: NotebookClient, cell: nbformat.NotebookNode, origin: Origin) -> list[InlineResult]:
    expressions = INLINE.findall(cell.source)
    if not expressions:
        return []
    line_origins = cell.metadata.get("origins", [])

    def where(expression: str) -> str:
        offset = next(
            (n for n, line in enumerate(cell.source.splitlines()) if expression in INLINE.findall(line)), 0
        )
        return line_origins[offset] if offset < len(line_origins) else str(origin)

    msg_id = client.kc.execute("", user_expressions={str(i): e for i, e in enumerate(expressions)})
    reply = client.wait_for_reply(msg_id)
    results = []
    for i, expression in enumerate(expressions):
        result = reply["content"]["user_expressions"][str(i)]
        if result.get("status") != "ok":
            raise ReportError(
                f"{where(expression)}: inline `{{python}} {expression}` failed: "
                f"{result.get('ename')}: {result.get('evalue')}"
            )
        data = result.get("data", {})
        text = data.get("text/markdown", data.get("text/plain", ""))
        results.append(InlineResult(expression, text, where(expression)))
    cell.metadata["user_expressions"] = [
        {"expression": r.expression, "result": reply["content"]["user_expressions"][str(i)]}
        for i, r in enumerate(results)
    ]
    return results


def _pre_render(project: Path) -> None:
    """The project's pre-render step, as Quarto runs it: ``_sections.qmd`` from the settings."""
    from scorecard.data.settings import load_settings
    from scorecard.project import Project
    from scorecard.quarto.section_files import write_include

    found = Project.of_data(project / "data")
    if (project / "_quarto.yml").exists() and found.settings.exists():
        write_include(found, load_settings(found.settings))


def execute(path: Path, parameters: dict | None = None, timeout: int = 600) -> ExecutedReport:
    """Run every code cell and inline expression of ``path`` (and its includes) in a python3 kernel."""
    start = time.perf_counter()
    _pre_render(path.parent)
    notebook, origins = to_notebook(path, parameters)
    client = NotebookClient(
        notebook, kernel_name="python3", timeout=timeout, resources={"metadata": {"path": str(path.parent)}}
    )
    report = ExecutedReport(notebook, origins)
    kernel_start = time.perf_counter()
    with client.setup_kernel():
        for index, (cell, origin) in enumerate(zip(notebook.cells, origins, strict=True)):
            if cell.cell_type == "code":
                if cell_options(cell.source).get("eval", True) is False:
                    continue
                try:
                    client.execute_cell(cell, index)
                except CellExecutionError as error:
                    raise ReportError(f"{origin}: cell failed:\n{error}") from None
            elif cell.cell_type == "markdown":
                report.inline += _inline(client, cell, origin)
        report.kernel_to_last_cell = time.perf_counter() - kernel_start
    report.seconds = time.perf_counter() - start
    return report
