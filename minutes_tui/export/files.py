"""Writing exported minutes: safe file names, and files that appear whole or not at all."""

from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from collections.abc import Callable
from pathlib import Path

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


def write_atomically(path: Path, write: Callable[[Path], None], *, overwrite: bool = False) -> Path:
    """Have ``write`` fill a temporary file beside ``path``, then move it into place.

    The file is readable by its owner only. An existing ``path`` is replaced only
    when ``overwrite`` is true. Raises :class:`ExportError` with a plain message.
    """
    path = Path(path)
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)  # file names tell what was minuted
    except OSError as exc:
        raise ExportError(f"Cannot create the folder {folder}: {exc.strerror or exc}") from exc
    if os.path.isdir(path):  # os.path: False, not OSError, for a name too long (os.link reports it)
        raise ExportError(f"{path} is a folder; give a file name to export to")
    if os.path.lexists(path) and not overwrite:
        raise ExportError(f"{path} already exists; choose another name or allow overwriting")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=".minutes-", suffix=path.suffix, dir=folder)
    except OSError as exc:
        raise ExportError(f"Cannot write to {folder}: {exc.strerror or exc}") from exc
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        write(tmp)
        if overwrite:
            os.replace(tmp, path)
        else:
            os.link(tmp, path)
    except FileExistsError:
        raise ExportError(f"{path} already exists; choose another name or allow overwriting") from None
    except OSError as exc:
        raise ExportError(f"Cannot write {path}: {exc.strerror or exc}") from exc
    finally:
        tmp.unlink(missing_ok=True)
    return path


def unique_path(folder: Path, name: str) -> Path:
    """``folder/name``, or ``folder/name (2)`` and so on if that exists."""
    path = Path(folder) / name
    stem, suffix = path.stem, path.suffix
    n = 2
    while path.exists():
        path = Path(folder) / f"{stem} ({n}){suffix}"
        n += 1
    return path
