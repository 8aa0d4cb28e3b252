"""Bounds on what the data files may hold, checked before anything large is built from them.

A scorecard is small: a few hundred indicators, a few years of months. A file far beyond that is a
mistake or an attack (a 15 KB workbook can declare millions of cells; a 1 KB YAML file can expand to
gigabytes through aliases), so each bound gives one problem line, exit 2, within seconds and bounded
memory:

- files: at most ``folder.MAX_FILE_BYTES`` (counted while reading, ``input_file``); a workbook at most
  ``MAX_XLSX_PARTS`` parts and ``MAX_XLSX_BYTES`` decompressed, no XML entity or DOCTYPE declaration
  in any part (whatever its name), and each sheet's declared dimensions within ``MAX_ROWS`` x
  ``MAX_COLUMNS``;
- rows at most ``MAX_ROWS`` per file, ``MAX_COLUMNS`` cells a row and ``MAX_CELLS`` cells a file (a
  workbook's rows counted as padded to the widest, a text file's up to each row's last filled cell),
  cells at most ``MAX_CELL_CHARS`` characters;
- numbers at most ``targets.MAX_DIGITS`` digits before the point (a count of children has far fewer:
  the published cells, targets and settings check it where they read a number);
- YAML: no aliases, anchors, tags or complex keys, nesting at most ``MAX_YAML_DEPTH`` deep;
- text: no control characters, and only characters the pack's fonts can draw (``unshowable``).
"""

from __future__ import annotations

import functools
import importlib.util
import io
import os
import re
import unicodedata
import zipfile
from pathlib import Path

import yaml

from scorecard.problems import Problem

MAX_XLSX_BYTES = 100_000_000  # every part decompressed, together
MAX_XLSX_PARTS = 1_000
MAX_ROWS = 100_000  # rows of one file or sheet: 1,000 indicators x 60 months is 60,000
MAX_COLUMNS = 1_000
MAX_CELL_CHARS = 10_000
# Cells of one file or sheet, up to each row's last filled one: a scorecard of 1,000 indicators and
# 60 months has 70,000; a sparse sheet far beyond this is refused before it fills the memory.
MAX_CELLS = 2_000_000
TOO_MANY_CELLS = (
    f"more than {MAX_CELLS:,} cells (empty ones before a filled one count); expected a scorecard's cells"
)
MAX_YAML_DEPTH = 8
FONT = "DejaVu Sans"  # the charts' font (matplotlib's own copy), and the PDF's fallback for symbols

_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="([A-Z]{1,3})?(\d+)?(?::([A-Z]{1,3})(\d+))?"')
# An entity or DOCTYPE declaration, in the encodings an XML part may use (UTF-8, UTF-16 LE/BE).
_DECLARATIONS = tuple(
    marker.encode(encoding)
    for marker in ("<!DOCTYPE", "<!ENTITY")
    for encoding in ("utf-8", "utf-16-le", "utf-16-be")
)


def xlsx_problems(path: Path, content: bytes) -> list[Problem]:
    """What makes a workbook (``content``, the bytes of ``path``) unsafe to open: too many or too large
    parts, entity declarations, declared sheet dimensions beyond the bounds. Reads the zip directory
    and streams each part once.

    Every part is scanned, whatever its name: a workbook's relationships may name a sheet
    ``sheet1.bin`` and openpyxl still parses it as XML.
    """
    file = str(path)
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            parts = archive.infolist()
            if len(parts) > MAX_XLSX_PARTS:
                return [
                    _bad(file, f"{len(parts):,} parts", f"at most {MAX_XLSX_PARTS:,} parts in the workbook")
                ]
            size = sum(part.file_size for part in parts)
            if size > MAX_XLSX_BYTES:
                return [_bad(file, f"{size:,} bytes unpacked", f"at most {MAX_XLSX_BYTES:,} bytes unpacked")]
            problems = []
            for part in parts:
                problems += _part_problems(archive, part, file)
            return problems
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, EOFError) as error:
        return [Problem(file, 1, "-", path.name, f"not a readable .xlsx workbook ({error})")]


def _bad(file: str, value: str, expected: str) -> Problem:
    return Problem(file, 1, "-", value, f"workbook too large; expected {expected}")


def _part_problems(archive: zipfile.ZipFile, part: zipfile.ZipInfo, file: str) -> list[Problem]:
    problems = []
    tail = b""
    dimension_checked = not part.filename.startswith("xl/worksheets/")
    with archive.open(part) as stream:
        while chunk := stream.read(1 << 16):
            window = tail + chunk
            if any(marker in window for marker in _DECLARATIONS):
                return [
                    Problem(
                        file,
                        1,
                        part.filename,
                        "<!DOCTYPE/<!ENTITY",
                        "XML entity declaration in the workbook; expected a workbook saved by a "
                        "spreadsheet program (declarations can expand a small file to gigabytes)",
                    )
                ]
            if not dimension_checked and (match := _DIMENSION.search(window)):
                dimension_checked = True
                problems += _dimension_problems(match, part.filename, file)
            tail = window[-32:]
    return problems


def _dimension_problems(match: re.Match[bytes], part: str, file: str) -> list[Problem]:
    last_column = (match[3] or match[1] or b"A").decode()
    last_row = int(match[4] or match[2] or 1)
    columns = 0
    for letter in last_column:
        columns = columns * 26 + ord(letter) - ord("A") + 1
    if last_row <= MAX_ROWS and columns <= MAX_COLUMNS:
        return []
    return [
        Problem(
            file,
            1,
            part,
            match[0].decode(errors="replace"),
            f"the sheet declares {last_row:,} rows x {columns:,} columns; expected at most "
            f"{MAX_ROWS:,} rows and {MAX_COLUMNS:,} columns (save it with only the scorecard's cells)",
        )
    ]


def yaml_problems(text: str, file: str) -> list[Problem]:
    """What the settings' YAML may not hold: aliases and anchors (they expand a tiny file without
    bound), tags (they construct objects), complex keys, nesting beyond ``MAX_YAML_DEPTH``. Checked on
    the event stream, which never builds or expands anything."""
    open_nodes: list[list[bool]] = []  # per open collection: [is a mapping, the next node is a key]
    try:
        for event in yaml.parse(text):
            found = _event_problems(event, open_nodes)
            if found:  # one node's are enough: the file must be rewritten as plain YAML anyway
                line = event.start_mark.line + 1 if event.start_mark is not None else 0
                return [Problem(file, line, "-", value, message) for value, message in found]
    except yaml.YAMLError:
        pass  # the parse error itself is reported by the caller, with its line
    return []


def _event_problems(event: yaml.Event, open_nodes: list[list[bool]]) -> list[tuple[str, str]]:
    """(value, message) for each thing one parser event holds that plain YAML may not; keeps
    ``open_nodes`` up to date. Past ``MAX_YAML_DEPTH`` the stream is read no further."""
    if isinstance(event, yaml.CollectionEndEvent):
        open_nodes.pop()
        return []
    if not isinstance(event, yaml.NodeEvent):
        return []
    parent = open_nodes[-1] if open_nodes else None
    is_key = parent is not None and parent[0] and parent[1]
    if parent is not None and parent[0]:
        parent[1] = not parent[1]
    found = []
    if isinstance(event, yaml.AliasEvent):
        found.append((f"*{event.anchor}", "YAML alias; expected plain values (no & or *)"))
    elif event.anchor is not None:
        found.append((f"&{event.anchor}", "YAML anchor; expected plain values (no & or *)"))
    tag = getattr(event, "tag", None)  # scalars and collections carry one, aliases do not
    if tag is not None and not _implicit(event):
        found.append((str(tag), "YAML tag; expected plain values (no !tags)"))
    if isinstance(event, yaml.CollectionStartEvent):
        if is_key:
            found.append(("?", "complex YAML key; expected a plain key name"))
        if len(open_nodes) >= MAX_YAML_DEPTH:
            found.append(("", f"YAML nested too deep; expected at most {MAX_YAML_DEPTH} levels"))
        open_nodes.append([isinstance(event, yaml.MappingStartEvent), True])
    return found


def _implicit(event: yaml.NodeEvent) -> bool:
    """A tag the parser resolved itself (a quoted or plain scalar's), not one written in the file."""
    implicit = getattr(event, "implicit", False)
    return bool(implicit[0] or implicit[1]) if isinstance(implicit, tuple) else bool(implicit)


def unshowable(text: str) -> str:
    """The first character of ``text`` the pack cannot show, described ("U+0000 (NUL)"), else ""."""
    if text.isascii() and text.isprintable():
        return ""
    for character in text:
        category = unicodedata.category(character)
        if category[0] == "C" or category in ("Zl", "Zp"):  # control, format, unassigned, private use
            name = unicodedata.name(character, "") or {"\0": "NUL"}.get(character, "control character")
            return f"U+{ord(character):04X} ({name})"
        if ord(character) > 0x7E and ord(character) not in _font_characters():
            name = unicodedata.name(character, "unnamed")
            return f"'{character}' U+{ord(character):04X} ({name}), which the pack's font {FONT} cannot draw"
    return ""


@functools.cache
def _font_characters() -> frozenset[int]:
    """Every character DejaVu Sans has a glyph for, from matplotlib's own copy of the font (present
    wherever the pack runs): the charts draw with it, and the PDF falls back on it for symbols."""
    from fontTools.ttLib import TTFont

    spec = importlib.util.find_spec("matplotlib")
    assert spec is not None and spec.submodule_search_locations
    path = os.path.join(spec.submodule_search_locations[0], "mpl-data", "fonts", "ttf", "DejaVuSans.ttf")
    with TTFont(path, lazy=True) as font:
        return frozenset(font.getBestCmap())


UNSHOWABLE_FIX = "expected text the pack can show: remove it, or write it in letters the font has"
