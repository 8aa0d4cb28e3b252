"""Reading text the analysts' tools write, and writing files so a failure never leaves half a file.

Encoding policy (the same for the wide layout and the data CSVs, which share ``decode``):
- UTF-8: accepted.
- UTF-8 with a byte-order mark (Excel's "CSV UTF-8"): accepted, the mark is stripped.
- UTF-16 with a byte-order mark (Excel's "Unicode Text"): accepted.
- Windows-1252 (what Excel on Windows writes for plain "CSV" and "Text"): accepted with a notice, when
  the bytes cannot be anything else: no sequence of the file beyond ASCII is valid UTF-8, and every
  byte is defined in Windows-1252 (0x81, 0x8D, 0x8F, 0x90 and 0x9D are not). Such a file has lost the
  arrows ▲ ▼ ◀ ▶, which Windows-1252 cannot hold: Excel writes them as ``?``, and the importer counts a
  ``?`` arrow as no published arrow.
- Anything else is rejected, one problem per line with undecodable bytes. In particular a file that
  holds valid UTF-8 beyond ASCII (``▲``, ``–``) and also a stray invalid byte is broken UTF-8, not
  Windows-1252: guessing there could silently change text.
"""

from __future__ import annotations

import codecs
import csv
import io
import math
import os
import re
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from scorecard.data.files import MAX_FILE_BYTES, NotAFile, TooLarge, read_regular
from scorecard.problems import DataError, Problem

if TYPE_CHECKING:  # pandas and openpyxl are imported only where a table or a workbook is written
    import pandas as pd
    from openpyxl.worksheet.worksheet import Worksheet

ENCODING_FIX = "expected UTF-8 text: in Excel save as 'CSV UTF-8' or 'Unicode Text', not 'CSV' or 'Text'"
WINDOWS_1252_NOTICE = "read as Windows-1252; save as CSV UTF-8 to keep ▲ ▼"
FORMULA_START = ("=", "+", "-", "@")  # a spreadsheet runs a cell starting with one of these as a formula
_PLAIN_NUMBER = re.compile(r"[-+]?\d+(\.\d+)?")


class Decoded(NamedTuple):
    text: str
    problems: list[Problem]
    notice: str  # "" or how the file was read, for the analyst (WINDOWS_1252_NOTICE)


def decode(data: bytes, file: str, separator: str = ",") -> Decoded:
    """Decode by the policy above; problems name the line and the column (field number) of bad bytes."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return Decoded(data.decode("utf-16"), [], "")
        except UnicodeDecodeError as error:
            bad = repr(data[error.start : error.end])
            return Decoded("", [Problem(file, 1, "-", bad, f"bad UTF-16; {ENCODING_FIX}")], "")
    if b"\x00" in data[:4096]:  # UTF-16 without its byte-order mark decodes as "valid" UTF-8 garbage
        message = f"looks like UTF-16 without a byte-order mark; {ENCODING_FIX}"
        return Decoded("", [Problem(file, 1, "-", repr(data[:8]), message)], "")
    try:
        return Decoded(data.decode("utf-8"), [], "")
    except UnicodeDecodeError:
        pass
    if is_windows_1252(data):
        return Decoded(data.decode("cp1252"), [], WINDOWS_1252_NOTICE)
    return Decoded("", _bad_bytes(data, file, separator), "")


def is_windows_1252(data: bytes) -> bool:
    """True when no byte sequence of ``data`` beyond ASCII is valid UTF-8 and every byte is defined in
    Windows-1252. Any valid UTF-8 sequence beyond ASCII means UTF-8 that got damaged, not Windows-1252.
    """
    if any(ord(character) > 0x7F for character in data.decode("utf-8", errors="ignore")):
        return False
    try:
        data.decode("cp1252")  # strict: the five undefined bytes raise
    except UnicodeDecodeError:
        return False
    return True


def _bad_bytes(data: bytes, file: str, separator: str) -> list[Problem]:
    problems = []
    for number, line in enumerate(data.split(b"\n"), start=1):
        try:
            line.decode("utf-8")
        except UnicodeDecodeError as error:
            field = line[: error.start].count(separator.encode()) + 1
            fields = line.decode("utf-8", errors="replace").strip().split(separator)
            shown = fields[field - 1][:60] if field <= len(fields) else ""
            guess = _cp1252_hint(line[error.start : error.end + 1])
            problems.append(
                Problem(
                    file,
                    number,
                    f"field {field}",
                    shown,
                    f"byte {line[error.start : error.start + 1].hex()} is not UTF-8{guess}; {ENCODING_FIX}",
                )
            )
    return problems


def csv_rows(text: str, file: str, separator: str = ",") -> tuple[list[tuple[int, list[str]]], list[Problem]]:
    """CSV text -> (line number, cells) per row, within the bounds (``scorecard.data.bounds``): at most
    ``MAX_ROWS`` rows, ``MAX_COLUMNS`` cells a row, ``MAX_CELLS`` cells up to each row's last filled
    one and ``MAX_CELL_CHARS`` characters a cell; a row past a bound, or one the csv module cannot
    read, is one problem and stops the reading."""
    from scorecard.data.bounds import MAX_CELL_CHARS, MAX_CELLS, MAX_COLUMNS, MAX_ROWS, TOO_MANY_CELLS

    rows: list[tuple[int, list[str]]] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    start, filled = 1, 0
    try:
        for cells in reader:
            filled += next((n + 1 for n in range(len(cells) - 1, -1, -1) if cells[n]), 0)
            if len(rows) >= MAX_ROWS:
                message = f"more than {MAX_ROWS:,} rows; expected a scorecard's rows (at most {MAX_ROWS:,})"
                return rows, [Problem(file, start, "-", "", message)]
            if len(cells) > MAX_COLUMNS and any(cells[MAX_COLUMNS:]):
                message = f"{len(cells):,} cells in the row; expected at most {MAX_COLUMNS:,}"
                return rows, [Problem(file, start, "-", "", message)]
            if filled > MAX_CELLS:
                return rows, [Problem(file, start, "-", "", TOO_MANY_CELLS)]
            long = next((n for n, cell in enumerate(cells) if len(cell) > MAX_CELL_CHARS), None)
            if long is not None:
                message = f"cell of {len(cells[long]):,} characters; expected at most {MAX_CELL_CHARS:,}"
                return rows, [Problem(file, start, f"field {long + 1}", cells[long][:40], message)]
            rows.append((start, cells))
            start = reader.line_num + 1  # a quoted cell may span lines; number rows by their first line
    except csv.Error as error:
        message = f"unreadable CSV ({error}); expected cells of at most {MAX_CELL_CHARS:,} characters"
        return rows, [Problem(file, reader.line_num, "-", "", message)]
    return rows, []


def guard_formula(text: str) -> str:
    """Text a spreadsheet would run as a formula, made inert with a leading apostrophe; a plain number
    such as ``-5`` is a number, not a formula, and is left alone."""
    if text.startswith(FORMULA_START) and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def keep_formulas_as_text(sheet: Worksheet) -> None:
    """Store each text cell of ``sheet`` that starts like a formula as text, never as a formula.

    openpyxl would otherwise write ``=...`` as a formula; the quote prefix keeps it text in Excel
    when the analyst edits the cell. The value itself is unchanged, so it reads back exactly.
    """
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, str) and cell.value.startswith(FORMULA_START):
                cell.data_type = "s"
                cell.quotePrefix = True


def unguard_formula(text: str) -> str:
    """Undo ``guard_formula``, so an exported file reads back exactly."""
    if text.startswith("'") and text[1:].startswith(FORMULA_START):
        return text[1:]
    return text


def _cp1252_hint(raw: bytes) -> str:
    try:
        return f" (looks like Windows-1252 '{raw.decode('cp1252')[0]}')"
    except UnicodeDecodeError:
        return ""


def read_bytes(path: Path, expected: str) -> tuple[bytes, list[Problem]]:
    """The file's bytes, or a problem saying why it cannot be read (missing, a folder, a FIFO, a device,
    no permission, larger than ``MAX_FILE_BYTES``: counted while reading, ``input_file``)."""
    file = str(path)
    try:
        return read_regular(path, MAX_FILE_BYTES), []
    except FileNotFoundError:
        return b"", [Problem(file, 1, "-", path.name, f"file not found; expected {expected}")]
    except TooLarge as error:
        return b"", [Problem(file, "-", "-", path.name, f"{error}, {expected}")]
    except NotAFile as error:
        return b"", [Problem(file, 1, "-", path.name, f"{error}; expected {expected}")]
    except OSError as error:
        message = f"cannot read it ({error.strerror}); expected {expected}"
        return b"", [Problem(file, 1, "-", path.name, message)]


def output_problems(out: Path, option: str = "--out") -> list[Problem]:
    """Why ``out`` cannot be written as a new or replaced file, before any work is done."""
    if out.is_dir():
        return [Problem(str(out), "-", option, str(out), "is a folder; expected a file name to write")]
    if not out.parent.is_dir():
        message = "folder does not exist; expected an existing folder"
        return [Problem(str(out), "-", option, str(out.parent), message)]
    return []


def write_atomically(files: Mapping[Path, bytes]) -> None:
    """Write every file to a temporary sibling first, then move each into place.

    Each move is atomic; all temporary files exist before the first move, so a failure while writing
    leaves every target untouched. An OS failure (no permission, disk full) is a ``DataError``.
    """
    try:
        _write_all(files)
    except OSError as error:
        name = error.filename or next(iter(files), "")
        message = f"cannot write ({error.strerror or error}); expected a writable file in an existing folder"
        raise DataError([Problem(str(name), "-", "-", str(name), message)]) from None


def _write_all(files: Mapping[Path, bytes]) -> None:
    temporaries: list[tuple[str, Path]] = []
    try:
        for path, content in files.items():
            handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
            with os.fdopen(handle, "wb") as stream:
                stream.write(content)
            os.chmod(name, 0o666 & ~_umask())  # mkstemp makes 0600; a data file gets a new file's usual mode
            temporaries.append((name, path))
        for name, path in temporaries:
            os.replace(name, path)
    finally:
        for name, _ in temporaries:
            if os.path.exists(name):
                os.remove(name)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def table_bytes(frame: pd.DataFrame, suffix: str) -> bytes:
    """``frame`` as the bytes of a ``.csv`` file, or else of a one-sheet ``.xlsx`` workbook, with every
    text cell a spreadsheet would run as a formula made inert: a leading apostrophe in CSV, a text
    cell in the workbook. Numbers stay numbers, negative or not (an SPC lower limit below zero)."""
    if suffix == ".csv":
        return _guarded(frame).to_csv(index=False, lineterminator="\n").encode("utf-8")
    buffer = io.BytesIO()
    _write_xlsx(frame, buffer)
    return buffer.getvalue()


def _guarded(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with every text cell a spreadsheet would run as a formula made inert."""
    import pandas as pd

    guarded = frame.copy()
    for column in guarded.columns:
        if not pd.api.types.is_numeric_dtype(guarded[column]):  # numbers stay numbers, negative or not
            guarded[column] = guarded[column].map(
                lambda cell: guard_formula(cell) if isinstance(cell, str) else cell
            )
    return guarded


def _write_xlsx(frame: pd.DataFrame, stream: io.BytesIO) -> None:
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

    workbook = Workbook()
    sheet = workbook.active
    assert isinstance(sheet, Worksheet)  # a new workbook's one sheet
    sheet.title = "scorecard"
    sheet.append(list(frame.columns))
    for record in frame.itertuples(index=False, name=None):
        sheet.append([_cell_value(value) for value in record])
    keep_formulas_as_text(sheet)  # the header row is column names, none of them formula-like
    sheet.freeze_panes = "A2"
    workbook.save(stream)


def _cell_value(value: object) -> object:
    import pandas as pd

    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    if hasattr(value, "item"):  # numpy scalar -> Python scalar
        return value.item()
    return value
