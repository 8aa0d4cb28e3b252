"""Reading text the analysts' tools write, and writing files so a failure never leaves half a file.

Encoding policy (the same for the wide layout and the data CSVs):
- UTF-8: accepted.
- UTF-8 with a byte-order mark (Excel's "CSV UTF-8"): accepted, the mark is stripped.
- UTF-16 with a byte-order mark (Excel's "Unicode Text"): accepted.
- Anything else (a Windows-1252 export from Excel, stray bytes): rejected, one problem per line with
  undecodable bytes. Decoding cp1252 by guesswork is not safe here: the arrows ▲ ▼ ◀ ▶ do not exist
  in cp1252, so such an export has already lost them.
"""

from __future__ import annotations

import codecs
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

from scorecard.problems import Problem

ENCODING_FIX = "expected UTF-8 text: in Excel save as 'CSV UTF-8' or 'Unicode Text', not 'CSV' or 'Text'"


def decode(data: bytes, file: str, separator: str = ",") -> tuple[str, list[Problem]]:
    """Decode by the policy above; problems name the line and the column (field number) of bad bytes."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), []
        except UnicodeDecodeError as error:
            return "", [
                Problem(file, 1, "-", repr(data[error.start : error.end]), f"bad UTF-16; {ENCODING_FIX}")
            ]
    if b"\x00" in data[:4096]:  # UTF-16 without its byte-order mark decodes as "valid" UTF-8 garbage
        return "", [
            Problem(
                file, 1, "-", repr(data[:8]), f"looks like UTF-16 without a byte-order mark; {ENCODING_FIX}"
            )
        ]
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
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
    return "", problems


def _cp1252_hint(raw: bytes) -> str:
    try:
        return f" (looks like Windows-1252 '{raw.decode('cp1252')[0]}')"
    except UnicodeDecodeError:
        return ""


def write_atomically(files: Mapping[Path, bytes]) -> None:
    """Write every file to a temporary sibling first, then move each into place.

    Each move is atomic; all temporary files exist before the first move, so a failure while writing
    leaves every target untouched.
    """
    temporaries: list[tuple[str, Path]] = []
    try:
        for path, content in files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
            with os.fdopen(handle, "wb") as stream:
                stream.write(content)
            os.chmod(name, 0o666 & ~_umask())  # mkstemp makes 0600; data files are for the team
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
