"""The local recovery file: text that could not reach the database, kept on this computer.

While a save fails because the server cannot be reached, every unsaved field's text is
written to ``recovery/meeting-<id>.json`` in the user's data folder (readable by the user
only, replaced whole each time, never half written); once everything is saved the file is
removed. If the app is closed before the server comes back, the text is still there.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import tempfile
from pathlib import Path

import platformdirs


def recovery_path(meeting_id: int) -> Path:
    """Where the unsaved text of meeting ``meeting_id`` is kept."""
    return (
        Path(platformdirs.user_data_dir("minutes", appauthor=False))
        / "recovery"
        / f"meeting-{meeting_id}.json"
    )


def keep(meeting_id: int, texts: dict[str, str]) -> Path | None:
    """Write ``texts`` (field to text) for ``meeting_id``; the file's path, or None if it cannot be."""
    path = recovery_path(meeting_id)
    data = {
        "meeting_id": meeting_id,
        "saved_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "fields": texts,
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


def clear(meeting_id: int) -> None:
    """Everything is saved: remove the meeting's recovery file, if any."""
    with contextlib.suppress(OSError):
        recovery_path(meeting_id).unlink()
