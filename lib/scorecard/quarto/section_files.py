"""The pack's sections as files: one ``sections/NN-key.qmd`` per section the settings list, and the
``_sections.qmd`` that ``report.qmd`` includes, which lists them in the settings' order.

Quarto reads includes before anything runs, so ``_sections.qmd`` is a file in the project, kept in
step with ``data/settings.yaml`` by whatever comes first: ``python -m scorecard init`` and
``sections``, ``make report``, and Quarto's own pre-render step (this file, run as a script, named in
``_quarto.yml``), which runs for ``quarto render report.qmd`` as well. Adding, renaming or removing a
section is an edit of the settings (and its file), never of ``report.qmd``.

``init`` writes a placeholder for each new section: the table, a narrative to write (what to say, and
two inline helpers that show how numbers are written), and the charts. Its first line is the
narrative's period marker, ``none`` until someone writes the narrative. A file with anything but an
untouched placeholder in it has narrative, and is never overwritten unless ``--force`` says so.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from scorecard.model import Section, Settings
from scorecard.periods import PERIOD
from scorecard.problems import DataError, Problem, problem_lines
from scorecard.project import Project, section_key

MARKER = (
    "<!-- narrative-for: {period} | the month this narrative was written for; change it when you "
    "update the words for a new month -->"
)
NARRATIVE_FOR = re.compile(rf"^<!--\s*narrative-for:\s*({PERIOD}|none)\b")
_EXAMPLE = re.compile(r'fmt_value\("([^"]+)"\)')
MAX_SECTION_BYTES = 5_000_000  # a section file is a few kilobytes of narrative


def include_text(paths: Sequence[str]) -> str:
    """``_sections.qmd``: each section's file, in order, a page apart."""
    lines = [
        "<!-- The pack's sections, in the order data/settings.yaml lists them. Written from the settings "
        "by `python -m scorecard sections` (init, make report and quarto render run it): edit "
        "data/settings.yaml, not this file. -->",
        "",
    ]
    for n, path in enumerate(paths):
        if n:
            lines += ["{{< pagebreak >}}", ""]
        lines += [f"{{{{< include /{path} >}}}}", ""]
    return "\n".join(lines)


def write_include(project: Project, settings: Settings) -> bool:
    """Write ``_sections.qmd`` for the settings' sections; True when it changed.

    ``DataError`` naming each section that has no file (nothing is written then).
    """
    paths, problems = [], []
    for n, section in enumerate(settings.sections):
        path = project.section_file(section.key)
        if path is None:
            message = (
                f"no section file sections/NN-{section.key}.qmd; expected one for each section "
                "(python -m scorecard init writes them, or copy a section file and rename it)"
            )
            problems.append(Problem(str(project.settings), "-", f"sections.{n}.key", section.key, message))
        else:
            paths.append(path.relative_to(project.root).as_posix())
    if problems:
        raise DataError(problems)
    text = include_text(paths)
    if _current(project.include) == text:
        return False
    from scorecard.data import write_atomically

    write_atomically({project.include: text.encode("utf-8")})  # never half a file, for Quarto to read
    return True


def _current(path: Path) -> str | None:
    """A file's text as it is now, or None where there is no such readable text file."""
    from scorecard.data import read_text_file

    try:
        return read_text_file(path, MAX_SECTION_BYTES)
    except (OSError, ValueError):
        return None


def placeholder(key: str, example: str | None) -> str:
    """A new section's file: its table, a narrative to write, and its charts."""
    marker = MARKER.format(period="none")
    shown = (
        f'In `{{python}} month()`, ID {example} was `{{python}} fmt_value("{example}")`: '
        f'`{{python}} change_word("{example}")` `{{python}} from_to("{example}")`.'
        if example
        else "Its indicators have no figures yet."
    )
    return f"""{marker}
# `{{python}} section_title("{key}")`

```{{python}}
section_table("{key}")
```

## Narrative

<!-- Write the narrative here, for the board: what changed since the last pack, why, and what is being
done about it. Write every figure as an inline expression, so that it is always the data's own: the
sentence below shows two (fmt_value, the latest value; from_to, the previous value and this one), and
docs/narrative-helpers.md lists every helper. When the words are written, delete the sentence below and
this comment, and change "none" on the first line to the period they are for (YYYY-MM). -->

*Narrative to come.* {shown}

{{{{< pagebreak >}}}}

## Trends

```{{python}}
section_charts("{key}")
```
"""


def is_placeholder(text: str, key: str) -> bool:
    """Whether a section file is exactly what ``placeholder`` writes (so it holds no narrative)."""
    marker = NARRATIVE_FOR.match(text)
    if marker is None or marker[1] != "none":
        return False
    example = _EXAMPLE.search(text)
    return text == placeholder(key, example[1] if example else None)


@dataclass
class Plan:
    """What init does to ``sections/``: files to write, files kept as they are, and refusals; and
    each section's file in the settings' order, for ``_sections.qmd``."""

    writes: dict[Path, str] = field(default_factory=dict)
    kept: list[str] = field(default_factory=list)
    others: list[str] = field(default_factory=list)  # files of sections the settings no longer list
    problems: list[Problem] = field(default_factory=list)
    paths: list[str] = field(default_factory=list)  # sections/NN-key.qmd of each section, in order


def plan(project: Project, sections: Sequence[Section], examples: dict[str, str | None], force: bool) -> Plan:
    """Each section's file: a placeholder where there is none (or only an untouched placeholder);
    a file with narrative in it is a problem unless ``force``, which replaces it. A file that cannot
    be read as text (a FIFO, a device) is a problem even then: what it holds cannot be known."""
    result = Plan()
    for n, section in enumerate(sections, start=1):
        text = placeholder(section.key, examples.get(section.key))
        path = project.section_file(section.key) or project.new_section_file(n, section.key)
        result.paths.append(path.relative_to(project.root).as_posix())
        current = _current(path) if os.path.lexists(path) else ""
        shown = str(path.relative_to(project.root))
        if not os.path.lexists(path):
            result.writes[path] = text
        elif current is None:
            message = "cannot be read as a text file; expected the section's narrative (or no file)"
            result.problems.append(Problem(shown, 1, "-", path.name, message))
        elif current == text:
            result.kept.append(f"{shown} (unchanged)")
        elif is_placeholder(current, section.key) or force:
            result.writes[path] = text
        else:
            message = (
                "has narrative (it is not the placeholder init writes); expected it kept: init never "
                "replaces narrative unless told to: run init again with --force to replace it with a "
                "placeholder (commit or copy the file first to keep the words)"
            )
            result.problems.append(Problem(shown, 1, "-", path.name, message))
    listed = {section.key for section in sections}
    for path in project.section_files():
        if section_key(path) not in listed:
            result.others.append(str(path.relative_to(project.root)))
    return result


def planned_files(project: Project, result: Plan) -> dict[str, bytes]:
    """The files the plan writes, by their path in the project (``sections/01-key.qmd``), with
    ``_sections.qmd`` where it changes: what ``init`` commits together with the data."""
    files = {path.relative_to(project.root).as_posix(): text.encode() for path, text in result.writes.items()}
    include = include_text(result.paths)
    if _current(project.include) != include:
        files[project.include.relative_to(project.root).as_posix()] = include.encode("utf-8")
    return files


def main(argv: Sequence[str] | None = None) -> int:
    """Write ``_sections.qmd`` from the settings (the pre-render step); exit 2 with one line per
    problem."""
    from scorecard.data import load_settings

    project = Project.find()
    try:
        write_include(project, load_settings(project.settings))
    except DataError as error:
        for line in problem_lines(error.problems):
            print(line, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":  # Quarto's pre-render step
    raise SystemExit(main())
