"""Writing exported minutes: safe file names, and files that appear whole or not at all."""

from __future__ import annotations

import contextlib
import os
import re
import stat
import sys
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ..tempfiles import TEMP_PREFIX, make_private_folder, sweep_stale, temp_file

if TYPE_CHECKING:
    from ..model import Meeting

#: Names Windows reserves for devices, whatever the extension.
_RESERVED = {
    "CON",
    "PRN",
    "AUX",
    "NUL",
    *(f"COM{n}" for n in range(1, 10)),
    *(f"LPT{n}" for n in range(1, 10)),
}
_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]+')
MAX_STEM = 120
#: File systems count a name's bytes (255 at most); leave room for " (2)" and the suffix.
MAX_STEM_BYTES = 200


class ExportError(Exception):
    """An export that could not be written; ``str()`` is a message for the user."""


def safe_stem(text: str) -> str:
    """``text`` made into a file name stem that is valid on every platform."""
    text = unicodedata.normalize("NFC", text)
    text = "".join(c for c in text if unicodedata.category(c)[0] != "C")
    text = _UNSAFE.sub("-", text)
    text = re.sub(r"\s+", " ", text).strip(" .-")
    text = re.sub(r"-{2,}", "-", text)
    if not text:
        text = "minutes"
    if text.split(".")[0].upper() in _RESERVED:
        text = f"_{text}"
    text = text[:MAX_STEM]
    while len(text.encode("utf-8")) > MAX_STEM_BYTES:  # 120 emoji are 480 bytes: too long a name
        text = text[:-1]
    return text.rstrip(" .")


def default_name(meeting: Meeting, suffix: str) -> str:
    """A readable name: date, series and title, e.g. ``2025-03-14 NW Skills - Workshop.docx``."""
    parts = [meeting.date.isoformat() if meeting.date else ""]
    words = " - ".join(p for p in (meeting.series.strip(), meeting.title.strip()) if p)
    parts.append(words or f"meeting {meeting.id or ''}".strip())
    return safe_stem(" ".join(p for p in parts if p)) + suffix


def check_target(path: Path, *, overwrite: bool, protect: Sequence[str | Path] = ()) -> None:
    """Refuse (:class:`ExportError`) a target that must not be written.

    Never the open database or its ``-wal``/``-shm`` files, never anything but a
    regular file (a folder, device, FIFO or socket), and an existing file or
    symbolic link only with ``overwrite`` (a link is then replaced, never written through).
    """
    for guarded in protect:
        guarded = Path(guarded)
        same = os.path.abspath(path) == os.path.abspath(guarded)
        with contextlib.suppress(OSError):
            same = same or os.path.realpath(path) == os.path.realpath(guarded)
            same = same or os.path.samefile(path, guarded)
        if same:
            raise ExportError(f"{path} is the database minutes has open; choose another file name")
    try:
        mode = os.lstat(path).st_mode
    except (FileNotFoundError, NotADirectoryError):
        return  # a new file (or a folder that cannot be made, reported when it is made)
    except OSError as exc:
        raise ExportError(f"Cannot write {path}: {exc.strerror or exc}") from None
    if stat.S_ISDIR(mode):
        raise ExportError(f"{path} is a folder; give a file name to export to")
    if stat.S_ISLNK(mode):
        if not overwrite:
            raise ExportError(
                f"{path} already exists as a symbolic link; use --force to replace the link itself"
            )
        return
    if not stat.S_ISREG(mode):
        raise ExportError(f"{path} is not a regular file (a device, pipe or socket); it is never written")
    if not overwrite:
        raise ExportError(f"{path} already exists; use --force to replace it, or choose another name")


def write_atomically(
    path: Path,
    write: Callable[[Path], object],
    *,
    overwrite: bool = False,
    protect: Sequence[str | Path] = (),
) -> Path:
    """Have ``write`` fill a temporary file beside ``path``, then move it into place.

    The file is readable by its owner only; folders made for it are too. ``path``
    is checked by :func:`check_target` (``protect`` lists files never to write
    over). Stale temporary files in the folder are swept first. Raises
    :class:`ExportError` with a plain message.
    """
    path = Path(path)
    folder = path.parent
    check_target(path, overwrite=overwrite, protect=protect)
    try:
        make_private_folder(folder)  # file names tell what was minuted
    except OSError as exc:
        raise ExportError(f"Cannot create the folder {folder}: {exc.strerror or exc}") from exc
    sweep_stale(folder)
    try:
        tmp = temp_file(folder, path.suffix)
    except OSError as exc:
        raise ExportError(f"Cannot write to {folder}: {exc.strerror or exc}") from exc
    try:
        write(tmp)
        check_target(path, overwrite=overwrite, protect=protect)  # again: time has passed
        if overwrite:
            os.replace(tmp, path)
        else:
            os.link(tmp, path)
    except FileExistsError:
        raise ExportError(
            f"{path} already exists; use --force to replace it, or choose another name"
        ) from None
    except OSError as exc:
        raise ExportError(f"Cannot write {path}: {exc.strerror or exc}") from exc
    finally:
        tmp.unlink(missing_ok=True)
    return path


def write_stdout(write: Callable[[Path], object], *, binary: bool = False) -> None:
    """Have ``write`` fill a private temporary file, then copy it to standard output.

    A ``binary`` file is refused when standard output is a terminal.
    """
    import tempfile

    out = sys.stdout
    if binary and out.isatty():
        raise ExportError(
            "Word and PDF files are binary: redirect standard output to a file or pipe (> file.docx)"
        )
    with tempfile.TemporaryDirectory(prefix=TEMP_PREFIX) as folder:
        tmp = Path(folder) / "out"
        write(tmp)
        data = tmp.read_bytes()
    out.flush()
    stream = getattr(out, "buffer", None)
    if stream is None:
        out.write(data.decode("utf-8", errors="replace"))
    else:
        stream.write(data)
        stream.flush()


def unique_path(folder: Path, name: str) -> Path:
    """``folder/name``, or ``folder/name (2)`` and so on if that exists."""
    path = Path(folder) / name
    stem, suffix = path.stem, path.suffix
    n = 2
    while path.exists():
        path = Path(folder) / f"{stem} ({n}){suffix}"
        n += 1
    return path
