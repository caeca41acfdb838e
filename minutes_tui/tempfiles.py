"""Temporary files beside a final one: named so a killed writer's leftovers can be swept.

A file is written as ``.minutes-<pid>-...`` in the folder of its final name and
only then linked or renamed into place, so the final name never holds a part.
Used by the exporters and the store's backups alike.
"""

from __future__ import annotations

import contextlib
import os
import stat
import time
from pathlib import Path

#: Temporary files are named ``.minutes-<pid>-...``; one whose writer is gone is swept away.
TEMP_PREFIX = ".minutes-"
#: A temporary file this old is stale even if a process with its writer's pid exists.
STALE_AFTER = 24 * 3600


def make_private_folder(folder: Path) -> None:
    """Create ``folder`` and any missing parents readable by their owner only (0700), whatever the umask."""
    missing = []
    here = Path(folder)
    while not os.path.lexists(here) and here != here.parent:
        missing.append(here)
        here = here.parent
    for path in reversed(missing):
        try:
            path.mkdir(mode=0o700)
        except FileExistsError:
            continue
        os.chmod(path, 0o700)
    if not os.path.isdir(folder):
        raise NotADirectoryError(20, "Not a directory", str(folder))


def sweep_stale(folder: Path) -> list[Path]:
    """Remove temporary files left in ``folder`` by killed exports and backups; returns them.

    A file is stale when the process that wrote it is gone, or it is over a day
    old. A file another export is writing right now is left alone.
    """
    removed: list[Path] = []
    try:
        names = [n for n in os.listdir(folder) if n.startswith(TEMP_PREFIX)]
    except OSError:
        return removed
    now = time.time()
    for name in names:
        path = Path(folder) / name
        try:
            info = os.lstat(path)
        except OSError:
            continue
        if not stat.S_ISREG(info.st_mode) or info.st_uid != os.getuid():
            continue
        pid = name[len(TEMP_PREFIX) :].split("-", 1)[0]
        alive = pid.isdigit() and _alive(int(pid))
        if not alive or now - info.st_mtime > STALE_AFTER:
            with contextlib.suppress(OSError):
                path.unlink()
                removed.append(path)
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    return True


def temp_file(folder: Path, suffix: str) -> Path:
    """A new empty file (mode 0600) named ``.minutes-<pid>-...`` in ``folder``."""
    import tempfile  # here, not at start-up: most commands write no file

    fd, name = tempfile.mkstemp(prefix=f"{TEMP_PREFIX}{os.getpid()}-", suffix=suffix, dir=folder)
    os.close(fd)
    return Path(name)
