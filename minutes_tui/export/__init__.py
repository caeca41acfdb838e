"""Exporters: from domain objects to files. They never see the database.

Each writer (python-docx for Word, LibreOffice for PDF, icalendar) loads when a file of
its format is first written, so commands that write none start without it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..gc_pause import paused_gc
from .files import ExportError, default_name, safe_stem, unique_path, write_atomically

if TYPE_CHECKING:
    from ..model import Meeting


DEFAULT_FOLDER = Path("exports")


@dataclass(frozen=True)
class Format:
    """One export format: its file suffix and the function that writes it."""

    suffix: str
    write: Callable[..., None]


def write_docx(meeting: Meeting, path: Path, **options: object) -> None:
    from .docx import write_docx as write

    write(meeting, path, **options)  # type: ignore[arg-type]


def write_markdown(meeting: Meeting, path: Path, **options: object) -> None:
    from .markdown import write_markdown as write

    write(meeting, path, **options)  # type: ignore[arg-type]


def write_json(meeting: Meeting, path: Path, **options: object) -> None:
    from .json import write_json as write

    write(meeting, path, **options)


def write_pdf(meeting: Meeting, path: Path, **options: object) -> None:
    from .pdf import write_pdf as write

    write(meeting, path, **options)  # type: ignore[arg-type]


def write_html(meeting: Meeting, path: Path, **options: object) -> None:
    from .html import write_html as write

    write(meeting, path, **options)  # type: ignore[arg-type]


def write_ics(meeting: Meeting, path: Path, **options: object) -> None:
    """The next meeting as a calendar event."""
    from .ics import write_ics as write

    write(meeting, path, **options)


FORMATS: dict[str, Format] = {
    "docx": Format(".docx", write_docx),
    "md": Format(".md", write_markdown),
    "json": Format(".json", write_json),
    "pdf": Format(".pdf", write_pdf),
    "html": Format(".html", write_html),
    "ics": Format(".ics", write_ics),
}
#: Formats that are not text (never printed to a terminal).
BINARY = ("docx", "pdf")


def export_meeting(
    meeting: Meeting,
    fmt: str,
    path: Path | None = None,
    *,
    folder: Path = DEFAULT_FOLDER,
    overwrite: bool = False,
    protect: Sequence[str | Path] = (),
    **options: object,
) -> Path:
    """Write ``meeting`` as ``fmt`` to ``path`` (default: a readable name in ``folder``).

    ``protect`` lists files never to write over (the open database); ``public=True``
    writes the public version (:func:`~minutes_tui.agenda.public_version`). Returns
    where the file went. Raises :class:`ExportError` with a plain message.
    """
    try:
        spec = FORMATS[fmt]
    except KeyError:
        raise ExportError(f"Unknown format {fmt!r}; choose one of {', '.join(FORMATS)}") from None
    if options.pop("public", False):  # exempt items keep their number, title and reason only
        from ..agenda import public_version

        meeting = public_version(meeting)
        if path is None:
            path = unique_path(folder, default_name(meeting, f" (public){spec.suffix}"))
    if path is None:
        path = unique_path(folder, default_name(meeting, spec.suffix))
    with paused_gc():  # a large meeting's minutes are many objects (see gc_pause)
        return write_atomically(
            Path(path), lambda tmp: spec.write(meeting, tmp, **options), overwrite=overwrite, protect=protect
        )


__all__ = ["BINARY", "DEFAULT_FOLDER", "FORMATS", "ExportError", "Format", "export_meeting", "safe_stem"]
