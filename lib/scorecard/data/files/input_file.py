"""Reading a file someone else may have made: a regular file only, and never more than a cap.

Every file the tool reads may come from a colleague, a zip or a shared drive: a data file, a workbook,
a section's narrative, the journal. So a read never trusts what the name points to:

- **Only a regular file** (a link to one is followed). A FIFO would block the command for ever, a
  device such as ``/dev/zero`` never ends, a socket cannot be opened: each is one problem line. The
  kind is checked before the file is opened (opening a device can do things) and again on the open
  file, so a name swapped in between is caught too.
- **A cap on the bytes read**, counted while reading, never taken from the file's stated size: a
  file in ``/proc`` says it is empty and is not, and a link may point anywhere.

Standard library only: Quarto's steps read through it with whatever Python Quarto finds.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

_CHUNK = 1 << 20


class NotReadable(ValueError):
    """Why a name is not a file the tool reads, in the analyst's words; the caller adds what it
    expected."""


class NotAFile(NotReadable):
    """The name is a folder, a FIFO, a device or a socket: "is a FIFO (named pipe), not a file"."""


class TooLarge(NotReadable):
    """The file holds more than the cap: "file too large; expected at most 50,000,000 bytes"."""


def kind(mode: int) -> str:
    """What a file of ``mode`` is, in words, for a problem line."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def read_regular(path: Path, limit: int) -> bytes:
    """The bytes of ``path``, a regular file (or a link to one), at most ``limit`` of them.

    ``NotAFile`` for anything else, ``TooLarge`` for a file longer than ``limit`` (read no further than
    one byte past it); ``OSError`` (missing, no permission) as the system gives it.
    """
    status = os.stat(path)
    if not stat.S_ISREG(status.st_mode):
        raise NotAFile(f"is {kind(status.st_mode)}, not a file")
    if status.st_size > limit:  # a stated size can be too small (/proc), never too large
        raise TooLarge(f"file too large; expected at most {limit:,} bytes")
    # O_NONBLOCK: were the name swapped for a FIFO after the check, the open still returns at once.
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0) | os.O_CLOEXEC)
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise NotAFile(f"is {kind(mode)}, not a file")
        chunks, total = [], 0
        while chunk := os.read(fd, min(_CHUNK, limit + 1 - total)):
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise TooLarge(f"file too large; expected at most {limit:,} bytes")
        return b"".join(chunks)
    finally:
        os.close(fd)


def read_text_file(path: Path, limit: int) -> str:
    """``read_regular`` decoded as UTF-8 (``UnicodeDecodeError``, a ``ValueError`` like
    ``NotReadable``, as Python gives it)."""
    return read_regular(path, limit).decode("utf-8")
