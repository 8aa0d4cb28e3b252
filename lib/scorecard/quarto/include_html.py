"""Quarto's post-render step (``_quarto.yml``): put each table's HTML into the finished web page.

A table's HTML (and the download links' block) reaches Quarto as a placeholder on a line of its own,
``<!-- pack-include build/pack-files/NAME.html -->`` (``scorecard.project.include_marker``), and stays one
until Quarto has finished the page. The tables are the bulk of the page, and Quarto would spend
about a second on them in a render for nothing (``bench/README.md``): its Lua filters walk every
block many times, its HTML post-processing parses the page, and pandoc parses it again to embed
resources. The tables need none of that: they hold no resource to embed, and Quarto's
post-processing changes nothing in them (in chromium, the page's 4,888 elements have the same
computed style and box whether the tables went in before Quarto's processing or after it).

great_tables gives every table its own copy of one stylesheet, scoped by the table's id. Tables
whose stylesheets differ only in that id share one copy here, scoped by ``:is(#id1, #id2, ...)``,
which has the same specificity as ``#id1``, so every rule applies exactly as before.

Quarto runs this step only when every format rendered without an error, and renders the PDF first
(``_quarto.yml``), so a failed render never leaves a web page with placeholders in it; if this step
fails, it removes the unfinished page. The page is replaced in one move. Quarto runs it with the
Python it finds, which may not have the project installed (see ``freeze_data.py``); it needs the
standard library only.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable
from pathlib import Path

try:
    from scorecard.data import write_atomically
    from scorecard.problems import DataError
    from scorecard.project import PLACEHOLDER, Project
    from scorecard.quarto import render_turn
    from scorecard.quarto.freeze_data import restore_full_pdf
except ImportError:  # a Python without the project installed: use this checkout's lib/
    sys.path.append(str(Path(__file__).resolve().parents[2]))
    from scorecard.data import write_atomically
    from scorecard.problems import DataError
    from scorecard.project import PLACEHOLDER, Project
    from scorecard.quarto import render_turn
    from scorecard.quarto.freeze_data import restore_full_pdf

STYLE = re.compile(r'^(<div id="(gt-\w+)"[^>]*>\s*)<style>(.*?)</style>', re.DOTALL)
SHARED_ID = "#GT-ID"


class MissingPart(Exception):
    """A placeholder whose file is not there."""


def included(page: str, part: Callable[[str], str] | None = None) -> str:
    """``page`` with every placeholder replaced by its part's HTML (``part(path)``; by default the
    file's text), and one copy of each distinct great_tables stylesheet.

    Examples
    --------
    >>> page = "<main>\\n<!-- pack-include build/pack-files/t.html -->\\n</main>"
    >>> included(page, {"build/pack-files/t.html": "<table></table>"}.__getitem__)
    '<main>\\n<table></table>\\n</main>'
    """
    read = part or _file_text
    parts = {path: read(path) for path in dict.fromkeys(PLACEHOLDER.findall(page))}  # page order
    styled = _shared_styles(parts)
    return PLACEHOLDER.sub(lambda found: styled[found[1]], page)


def _file_text(path: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8")
    except OSError:
        raise MissingPart(path) from None


def _shared_styles(parts: dict[str, str]) -> dict[str, str]:
    """Each part (in page order) with each distinct great_tables stylesheet written once, in the
    first table that uses it."""
    ids: dict[str, list[str]] = {}  # stylesheet with the id taken out -> ids of the tables using it
    for html in parts.values():
        found = STYLE.match(html)
        if found:
            ids.setdefault(found[3].replace(f"#{found[2]}", SHARED_ID), []).append(found[2])
    written: set[str] = set()
    out = {}
    for path, html in parts.items():
        found = STYLE.match(html)
        if not found:
            out[path] = html
            continue
        head, table_id, css = found[1], found[2], found[3]
        shared = css.replace(f"#{table_id}", SHARED_ID)
        style = ""
        if shared not in written:
            written.add(shared)
            users = ids[shared]
            scope = f"#{table_id}" if len(users) == 1 else f":is(#{', #'.join(users)})"
            style = f"<style>{shared.replace(SHARED_ID, scope)}</style>"
        out[path] = head + style + html[found.end() :]
    return out


def main() -> int:
    try:
        return _finish_pages()
    finally:
        restore_full_pdf(Project.find())  # the exceptions edition is done: the full pack's PDF comes back
        render_turn.release(os.getppid())  # the render is over: the next one may start


def _finish_pages() -> int:
    listed = os.environ.get("QUARTO_PROJECT_OUTPUT_FILES", str(Project().html)).splitlines()
    for name in (n for n in listed if n.endswith(".html")):
        page = Path(name)
        try:
            write_atomically({page: included(page.read_text(encoding="utf-8")).encode()})
        except MissingPart as missing:
            page.unlink(missing_ok=True)
            said = f"scorecard: {missing} is missing; render again (the report's cells write it)"
            print(said, file=sys.stderr)
            return 1
        except (OSError, DataError) as error:
            page.unlink(missing_ok=True)
            print(f"scorecard: cannot finish {name}: {error}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
