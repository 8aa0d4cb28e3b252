"""The project's folders and files, resolved once: where the data, the narrative, the build and the
outputs are.

A project is the folder ``make report`` runs in, its root: ``report.qmd``, ``sections/NN-key.qmd``
and the ``_sections.qmd`` that lists them, ``build/`` and the outputs ``report.html`` and
``report.pdf``. Its data folder is ``data/`` in it, or the folder the environment variable
``SCORECARD_DATA`` names (data kept elsewhere: Quarto's steps and the report's kernels take no
command-line option, so a variable is what points a whole render at it). ``python -m scorecard --data
DIR`` names a data folder instead; its project is then the folder that holds it.

``build/`` holds what a render makes for itself: the data frozen for both formats
(``data-snapshot.json``), the record of the render's Quarto process (``render-owner.json``), the parts'
files (``pack-files/``) and the cells' cache (``report-cache/``). The exceptions-only edition (its
Quarto profile, ``edition``) writes ``report-exceptions.html`` and ``.pdf``.

The paths are as named, relative where the folder is given relative: they are shown in messages,
and the pack's Markdown refers to its files relative to the document. Standard library only: Quarto's
steps use it.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

DATA_ENV = "SCORECARD_DATA"
_SECTION_FILE = re.compile(r"[0-9]+-[^/]+\.qmd")  # sections/NN-key.qmd: its number, then its key
# The editions: the full pack, and the exceptions-only one (`quarto render --profile exceptions`,
# _quarto-exceptions.yml: the summary, the exception report, the action log and the key).
FULL, EXCEPTIONS = "full", "exceptions"
EDITIONS = (FULL, EXCEPTIONS)


def edition() -> str:
    """The edition Quarto renders: ``exceptions`` under that profile (Quarto names the active
    profiles in ``QUARTO_PROFILE``, for its steps and the cells alike), else ``full``."""
    profiles = [name.strip() for name in os.environ.get("QUARTO_PROFILE", "").split(",")]
    return EXCEPTIONS if EXCEPTIONS in profiles else FULL


@dataclass(frozen=True)
class Project:
    """A project's root and its data folder; every other path is named from these.

    ``Project()`` is the project in the working directory with its own ``data/``.
    """

    root: Path = Path(".")
    data: Path = Path("data")

    @classmethod
    def find(cls) -> Project:
        """The project in the working directory, with the data folder ``SCORECARD_DATA`` names (else
        ``data/``): what ``make report``, Quarto's steps, the kernels and the commands use.

        Examples
        --------
        >>> str(Project.find().include)  # SCORECARD_DATA set or not: the root is where it runs
        '_sections.qmd'
        """
        return cls(data=Path(os.environ.get(DATA_ENV) or "data"))

    @classmethod
    def of_data(cls, data: str | os.PathLike[str]) -> Project:
        """The project a data folder belongs to: the folder that holds it, as named, lexically (a
        ``data/`` that is a link to a shared drive still belongs to the project it sits in, never to
        the link's target).

        Examples
        --------
        >>> str(Project.of_data("elsewhere/data").report)
        'elsewhere/report.qmd'
        """
        return cls(Path(os.path.normpath(os.path.join(data, os.pardir))), Path(data))

    @property
    def settings(self) -> Path:
        return self.data / "settings.yaml"

    @property
    def report(self) -> Path:
        return self.root / "report.qmd"

    @property
    def sections(self) -> Path:
        return self.root / "sections"

    @property
    def include(self) -> Path:
        """``_sections.qmd``: the section files ``report.qmd`` includes, in the settings' order."""
        return self.root / "_sections.qmd"

    @property
    def html(self) -> Path:
        return self.root / "report.html"

    @property
    def pdf(self) -> Path:
        return self.root / "report.pdf"

    @property
    def outputs(self) -> tuple[Path, Path]:
        return self.html, self.pdf

    def edition_outputs(self, name: str = FULL) -> tuple[Path, Path]:
        """An edition's web page and PDF: the full pack's, or ``report-exceptions.html`` and ``.pdf``."""
        if name == EXCEPTIONS:
            return self.root / "report-exceptions.html", self.root / "report-exceptions.pdf"
        return self.outputs

    @property
    def kept_pdf(self) -> Path:
        """Where the full pack's PDF waits while the exceptions edition renders: Quarto compiles a
        profile's PDF as report.pdf before it names it, which would replace the full pack's."""
        return self.build / "kept-report.pdf"

    @property
    def build(self) -> Path:
        return self.root / "build"

    @property
    def snapshot(self) -> Path:
        """The data one render's two formats read, frozen before either runs."""
        return self.build / "data-snapshot.json"

    @property
    def render_owner(self) -> Path:
        """The record of the Quarto process whose render it is (one render at a time)."""
        return self.build / "render-owner.json"

    @property
    def pack_files(self) -> Path:
        """The parts' files (SVGs, tables' Typst and HTML), named by their content."""
        return self.build / "pack-files"

    @property
    def report_cache(self) -> Path:
        return self.build / "report-cache"

    def section_file(self, key: str) -> Path | None:
        """The section's file, ``sections/NN-key.qmd`` whatever its number and however many digits it
        has (the 100th section's is ``100-key.qmd``), or None."""
        found = [path for path in self.section_files() if section_key(path) == key]
        return found[0] if found else None

    def new_section_file(self, number: int, key: str) -> Path:
        """Where the ``number``-th section's file goes when it has none."""
        return self.sections / f"{number:02d}-{key}.qmd"

    def section_files(self) -> list[Path]:
        """Every ``sections/NN-key.qmd`` (a number of any width), in name order."""
        try:
            names = os.listdir(self.sections)
        except (FileNotFoundError, NotADirectoryError):
            return []
        return sorted(self.sections / name for name in names if _SECTION_FILE.fullmatch(name))


def section_key(path: str | os.PathLike[str]) -> str:
    """The section a file ``sections/NN-key.qmd`` holds: ``key``.

    Examples
    --------
    >>> section_key("sections/01-early-help.qmd")
    'early-help'
    """
    return Path(path).stem.split("-", 1)[-1]


# A part's HTML reaches Quarto as a line of its own, which the render's post-render step replaces with
# the file once Quarto has finished the page (quarto/include_html.py).
PLACEHOLDER = re.compile(
    rf"^<!-- pack-include ({re.escape(Project().pack_files.as_posix())}/[\w-]+\.html) -->$", re.MULTILINE
)


def include_marker(path: str) -> str:
    """The line that stands for the part's HTML file ``path`` (in ``build/pack-files/``) until the
    page is finished.

    Examples
    --------
    >>> include_marker("build/pack-files/t.html")
    '<!-- pack-include build/pack-files/t.html -->'
    >>> PLACEHOLDER.fullmatch(include_marker("build/pack-files/t.html"))[1]
    'build/pack-files/t.html'
    """
    return f"<!-- pack-include {path} -->"
