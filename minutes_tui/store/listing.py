"""``minutes list``'s text: one line per live meeting, newest first.

On SQLite the lines are written by SQLite itself (``printf`` and ``group_concat`` over the
``meetings_listed`` index of migration m016), so thousands of meetings come back as one
UTF-8 string instead of a tuple and five strings each. On PostgreSQL, and while a live
meeting's series or title holds a control character to show as a symbol (its index
``meetings_with_controls`` says so at once), the same lines are built in Python from plain
rows: :func:`format_listing` is the definition, and a test keeps the two equal.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..text import visible
from .meetings import LIVE
from .schema_listing import HAS_CONTROL

if TYPE_CHECKING:
    from .meetings import Listed, MeetingRepository

#: Shown for a meeting without a date, a series or a title.
NO_DATE, NO_SERIES, NO_TITLE = "----------", "-", "(untitled)"

_LINE = (
    f"printf('%*d  %s  %s  %s  [%s]', ?, id, coalesce(date, '{NO_DATE}'), "
    f"iif(series = '', '{NO_SERIES}', series), iif(title = '', '{NO_TITLE}', title), status)"
)
# Dated then undated, each in index order (no sort), as MeetingRepository.listing reads them;
# CAST: the UTF-8 bytes as they are, for writing out without decoding and encoding again.
# INDEXED BY: the plan stays the same whatever statistics ANALYZE leaves.
_LINES = (
    "SELECT CAST(group_concat(line, char(10)) AS BLOB) "
    "FROM (SELECT {line} AS line FROM meetings INDEXED BY meetings_listed WHERE {where})"
)
_DATED = _LINES.format(line=_LINE, where=f"{LIVE} AND date IS NOT NULL ORDER BY date DESC, id DESC")
_UNDATED = _LINES.format(line=_LINE, where=f"{LIVE} AND date IS NULL ORDER BY id DESC")
_WITH_CONTROLS = (
    f"SELECT 1 FROM meetings INDEXED BY meetings_with_controls WHERE {HAS_CONTROL} AND {LIVE} LIMIT 1"
)
#: Bytes of the file SQLite may map while it reads the list.
_MAPPED = 1 << 30


def format_listing(rows: Sequence[Listed]) -> str:
    """The lines of ``rows`` (id, date, series, title, status), ids right-aligned, control
    characters in series and title shown as symbols."""
    if not rows:
        return ""
    width = len(str(max(row[0] for row in rows)))
    return "\n".join(
        [
            f"{meeting_id:>{width}}  {date or NO_DATE}  {visible(series) or NO_SERIES}  "
            f"{visible(title) or NO_TITLE}  [{status}]"
            for meeting_id, date, series, title, status in rows
        ]
    )


def listing_utf8(meetings: MeetingRepository) -> bytes:
    """Every live meeting as ``minutes list`` prints it, as UTF-8 (empty when there are none)."""
    db = meetings.db
    if getattr(db, "dialect", "sqlite") != "sqlite":
        return format_listing(meetings.listing()).encode()
    # The newest live id has the most digits: found from the end of the rowid order.
    newest = db.execute(f"SELECT id FROM meetings WHERE {LIVE} ORDER BY id DESC LIMIT 1").fetchone()
    if newest is None:
        return b""
    if db.execute(_WITH_CONTROLS).fetchone():
        return format_listing(meetings.listing()).encode()
    width = len(str(newest[0]))
    # Mapped: SQLite reads the index's pages where the system keeps them, without a copy each.
    db.execute(f"PRAGMA mmap_size = {_MAPPED}")
    try:
        parts = [db.execute(query, (width,)).fetchone()[0] for query in (_DATED, _UNDATED)]
    finally:
        db.execute("PRAGMA mmap_size = 0")
    return b"\n".join(part for part in parts if part)
