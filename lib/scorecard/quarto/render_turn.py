"""One render at a time in a project, for a ``quarto render`` started by hand too.

``make report`` holds a lock on ``build/`` for the whole of its render (``scorecard.render``). A
``quarto render`` started by hand has no step that lasts as long as the render: its pre-render and
post-render steps are short scripts. So the pre-render step records the render's Quarto process in
``build/render-owner.json`` (``claim``), and the post-render step removes the record (``release``).

- A second render that finds a record whose process is still running stops at once, with one line
  naming that process, before it removes or writes anything.
- A record left by a render that failed (Quarto skips the post-render step then) names a process
  that has ended, and the next render takes it over.
- Where the system shows each process's command line (``/proc``), the record keeps it, so that a
  process id the system has since given to another program is not taken for the render.

It needs the standard library only: Quarto runs its steps with a Python that may not have the
project installed (``freeze_data.py``). On Windows, which has neither ``fcntl`` nor a harmless
"is this process running" signal, renders are not guarded.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from collections.abc import Iterator
from pathlib import Path

from scorecard.project import Project

OWNER = Project().render_owner


def command_line(pid: int) -> str:
    """Process ``pid``'s command line, or "" where the system does not show it."""
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return ""
    return raw.replace(b"\0", b" ").decode("utf-8", "replace").strip()


def is_running(pid: int, command: str = "") -> bool:
    """Whether process ``pid`` is running, and is still the program ``command`` names (when given)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # another user's process: it exists
    return not command or not Path("/proc").is_dir() or command_line(pid) == command


def holder(owner: Path = OWNER) -> dict | None:
    """The render recorded in ``owner`` while its process runs; None when there is none."""
    try:
        record = json.loads(owner.read_text(encoding="utf-8"))
        pid, command = int(record["pid"]), str(record.get("command", ""))
    except (OSError, ValueError, KeyError, TypeError):
        return None  # no record, or one this module did not write in full: nobody holds the turn
    return record if is_running(pid, command) else None


def shown_command(command: str) -> str:
    """``command`` as a person would type it: Quarto's own launcher words left out.

    Examples
    --------
    >>> shown_command("/opt/quarto/bin/tools/deno run --allow-all /opt/quarto/bin/quarto.js preview x.qmd")
    'quarto preview x.qmd'
    """
    _, found, words = command.rpartition("quarto.js ")
    return f"quarto {words}" if found else command[:80]


def busy_line(record: dict, owner: Path = OWNER) -> str:
    """The one line for a render refused because ``record``'s render is running.

    Examples
    --------
    >>> line = busy_line({"pid": 41, "command": "quarto render report.qmd", "since": "09:12"})
    >>> line.split("; ")[0]
    'build/render-owner.json: another render is running (process 41, quarto render report.qmd, since 09:12)'
    >>> line.split("; ")[1]
    'expected one render at a time: wait for it to finish, then render again'
    """
    command = shown_command(record.get("command", ""))
    what = ", ".join(str(part) for part in (record["pid"], command) if part)
    # A preview keeps the turn after a render that failed, until it renders again or is stopped.
    then = (
        "stop the preview (Ctrl+C) or let it render once without an error"
        if command.startswith("quarto preview")
        else "wait for it to finish"
    )
    return (
        f"{owner}: another render is running (process {what}, since {record.get('since', '?')}); "
        f"expected one render at a time: {then}, then render again"
    )


def claim(pid: int, owner: Path = OWNER) -> str | None:
    """Record process ``pid`` (the render's Quarto) as the project's render.

    Returns None when the turn is ``pid``'s (it was free, stale, or already ``pid``'s: ``quarto
    preview`` renders again from the same process), else the line saying who holds it.
    """
    if os.name == "nt":
        return None
    owner.parent.mkdir(parents=True, exist_ok=True)
    with _exclusive(owner.with_suffix(".lock")):
        record = holder(owner)
        if record is not None and int(record["pid"]) != pid:
            return busy_line(record, owner)
        mine = {"pid": pid, "command": command_line(pid), "since": time.strftime("%H:%M:%S")}
        temporary = owner.with_name(f".{owner.name}.{os.getpid()}.tmp")
        try:
            temporary.write_text(json.dumps(mine), encoding="utf-8")
            os.replace(temporary, owner)
        finally:
            temporary.unlink(missing_ok=True)  # gone already unless the write failed
    return None


def release(pid: int, owner: Path = OWNER) -> None:
    """Remove the record if it is ``pid``'s (the render has finished)."""
    if os.name == "nt":
        return
    with _exclusive(owner.with_suffix(".lock")):
        try:
            if int(json.loads(owner.read_text(encoding="utf-8"))["pid"]) == pid:
                owner.unlink()
        except (OSError, ValueError, KeyError, TypeError):
            pass  # no record of this render: nothing to release


@contextlib.contextmanager
def _exclusive(path: Path) -> Iterator[None]:
    """Hold ``path``'s lock while a record is read and written: two renders starting together."""
    import fcntl

    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)
