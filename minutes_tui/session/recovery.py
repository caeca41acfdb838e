"""The local recovery file: text that could not reach the database, kept on this computer.

While a save fails (the server cannot be reached, the disk is full or read-only, the
database is busy), every unsaved field's text is written to ``recovery/meeting-<id>-<archive>.json``
in the user's data folder (``<archive>`` tells one archive's meeting 1 from another's) (readable by the user only, replaced whole each time, never
half written); once everything is saved the file is removed. If the app (or the
computer) is closed first, the text is still there, and the meeting screen offers it
back the next time the meeting is opened (:func:`read`), on either backend.

Each field's entry says what the text was typed over (``base``: the saved text as the
app last knew it) and which saved item was being edited (``item``), so that restoring
it never overwrites silently a text someone saved since.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

import platformdirs


@dataclass(frozen=True)
class Kept:
    """One field's unsaved text: ``field`` (its id), ``text``, and what it was typed over."""

    field: str
    text: str
    #: The field's saved text as the app last knew it (None: not known).
    base: str | None = None
    #: The saved item being edited in the field (None: a new one, or a detail of the meeting).
    item: int | None = None


def archive_name(archive: str | os.PathLike[str]) -> str:
    """The archive as the recovery file names it: a server's URL (no password), a file's full path."""
    text = str(archive)
    return text if "://" in text else os.path.abspath(text)


def recovery_path(meeting_id: int, archive: str | os.PathLike[str]) -> Path:
    """Where the unsaved text of meeting ``meeting_id`` of ``archive`` (a file or a URL) is kept."""
    digest = hashlib.sha256(archive_name(archive).encode("utf-8", "surrogatepass")).hexdigest()[:12]
    return (
        Path(platformdirs.user_data_dir("minutes", appauthor=False))
        / "recovery"
        / f"meeting-{meeting_id}-{digest}.json"
    )


def keep(meeting_id: int, archive: str | os.PathLike[str], kept: list[Kept]) -> Path | None:
    """Write ``kept`` for ``meeting_id`` of ``archive``; the file's path, or None if it cannot be."""
    path = recovery_path(meeting_id, archive)
    data = {
        "meeting_id": meeting_id,
        "archive": archive_name(archive),
        "saved_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "fields": {k.field: k.text for k in kept},
        "kept": [asdict(k) for k in kept],
    }
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".recovery-", suffix=".json")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                json.dump(data, out, ensure_ascii=False, indent=1)
                out.flush()
                os.fsync(out.fileno())
            os.replace(temporary, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise
    except OSError:
        return None
    return path


def read(meeting_id: int, archive: str | os.PathLike[str]) -> list[Kept]:
    """The text kept for ``meeting_id`` of ``archive`` (empty: none, or a file that cannot be read)."""
    try:
        data = json.loads(recovery_path(meeting_id, archive).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    if not isinstance(data, dict):
        return []
    entries = data.get("kept")
    if not isinstance(entries, list):  # written before entries said what they were typed over
        fields = data.get("fields")
        entries = [{"field": k, "text": v} for k, v in fields.items()] if isinstance(fields, dict) else []
    kept = []
    for entry in entries:
        if not isinstance(entry, dict):
            continue
        field, text, base, item = (entry.get(k) for k in ("field", "text", "base", "item"))
        if isinstance(field, str) and isinstance(text, str):
            base = base if isinstance(base, str) else None
            kept.append(Kept(field, text, base, item if type(item) is int else None))
    return kept


def clear(meeting_id: int, archive: str | os.PathLike[str]) -> None:
    """Everything is saved: remove the meeting's recovery file, if any."""
    with contextlib.suppress(OSError):
        recovery_path(meeting_id, archive).unlink()
